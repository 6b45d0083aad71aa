import NIOCore
import NIOSSL
import ParcoursLibrary
import PostgresNIO

extension ConnectionSettings {
    /// The connection's configuration: TLS as `sslMode` says, a short connect timeout (a
    /// learner never waits on the network: a push that cannot connect fails fast and is
    /// retried later).
    func connectionConfiguration(connectTimeout: TimeAmount = .seconds(5)) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case .disable:
            tls = .disable
        case .prefer, .require:
            // libpq's prefer and require encrypt without checking the certificate.
            var unchecked = TLSConfiguration.makeClientConfiguration()
            unchecked.certificateVerification = .none
            let context = try NIOSSLContext(configuration: unchecked)
            tls = sslMode == .prefer ? .prefer(context) : .require(context)
        case .verifyFull:
            tls = .require(try NIOSSLContext(configuration: TLSConfiguration.makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        // The certificate is checked against the host name; an IP address cannot be sent
        // as a TLS server name (SNI), so then only the certificate chain is checked.
        if sslMode == .verifyFull, !Self.isIPAddress(host) { configuration.options.tlsServerName = host }
        configuration.options.additionalStartupParameters = [("application_name", "parcours")]
        return configuration
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}
