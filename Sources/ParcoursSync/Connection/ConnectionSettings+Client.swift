import NIOSSL
import PostgresNIO

extension ConnectionSettings {
    /// The pooled client's configuration: TLS as `sslMode` says, short timeouts (a learner
    /// never waits on the network: a push that cannot connect fails fast and is retried).
    func clientConfiguration(connectTimeout: Duration = .seconds(5), maximumConnections: Int = 4)
        -> PostgresClient.Configuration
    {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case .disable:
            tls = .disable
        case .prefer:
            var unchecked = TLSConfiguration.makeClientConfiguration()
            unchecked.certificateVerification = .none
            tls = .prefer(unchecked)
        case .require:
            var unchecked = TLSConfiguration.makeClientConfiguration()
            unchecked.certificateVerification = .none
            tls = .require(unchecked)
        case .verifyFull:
            tls = .require(TLSConfiguration.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        configuration.options.maximumConnections = maximumConnections
        configuration.options.keepAliveBehavior = nil
        if sslMode == .verifyFull { configuration.options.tlsServerName = host }
        configuration.options.additionalStartupParameters = [("application_name", "parcours")]
        return configuration
    }
}
