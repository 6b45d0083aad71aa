import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ParcoursLibrary
import PostgresNIO

/// One PostgreSQL server, reached with one `PostgresConnection` for one piece of work
/// (a push, a pull, an init): `withConnection` connects, runs the body, and closes.
///
/// Not the pooled `PostgresClient`: its requests wait for a connection until the pool's
/// circuit breaker trips, 60 seconds that postgres-nio 1.33.2 does not let us shorten
/// (`parcours sync` to a stopped server took 67 s to say so, measured). A command or a
/// background push needs one connection at a time, and the first refusal at once, with
/// its cause ("connection refused"), so that 75 comes back in milliseconds.
public struct PostgresServer: Sendable {
    public let settings: ConnectionSettings
    let connectTimeout: TimeAmount

    public init(settings: ConnectionSettings, connectTimeout: TimeAmount = .seconds(5)) {
        self.settings = settings
        self.connectTimeout = connectTimeout
    }

    /// The destination's name in messages and in the store: the URL without its password.
    public var name: String { settings.redacted }

    /// Nothing of the driver's own logging reaches the learner's terminal.
    static let logger = Logger(label: "parcours.sync") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `body` on a new connection, closed afterwards. The driver's errors come out as
    /// `SyncError`; others (the local store's) as they were thrown.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try settings.connectionConfiguration(connectTimeout: connectTimeout),
                id: Int.random(in: 0..<Int.max), logger: Self.logger)
        } catch {
            throw explain(error)
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw explain(error)
        }
    }

    /// A driver error as a `SyncError`, with the server's own words where it sent some.
    func explain(_ error: any Error) -> any Error {
        if error is SyncError { return error }
        if error is IOError || error is NIOConnectionError || error is ChannelError {
            return SyncError.unreachable(destination: name, reason: Self.shortReason(error))
        }
        if let ssl = error as? NIOSSLError {
            // A certificate that does not verify is not a server that is down: say so, and
            // do not retry it as if it would get better.
            if "\(ssl)".contains("CERTIFICATE_VERIFY_FAILED") {
                return SyncError.configuration(
                    reason: "\(name): the server's TLS certificate could not be verified (sslmode=verify-full checks "
                        + "it against the system's authorities and the host name)")
            }
            return SyncError.unreachable(destination: name, reason: "TLS: \(ssl)")
        }
        if error is CancellationError { return SyncError.unreachable(destination: name, reason: "cancelled") }
        guard let failure = error as? PSQLError else { return error }
        return explain(failure)
    }

    private func explain(_ failure: PSQLError) -> SyncError {
        if let underlying = failure.underlying, underlying is NIOSSLError,
            let explained = explain(underlying) as? SyncError
        {
            return explained
        }
        if let state = failure.serverInfo?[.sqlState] {
            let said = failure.serverInfo?[.message] ?? state
            switch state {
            case "28P01", "28000": return .authentication(destination: name, reason: said)
            case "42501": return .forbidden(destination: name, reason: said)
            case "23514": return .refusedLog(destination: name, reason: said)
            case "3F000", "42P01", "42883": return .notInitialized(destination: name)
            case "3D000": return .configuration(reason: "\(name): \(said)")
            case "57P01", "57P02", "57P03", "53300":
                return .unreachable(destination: name, reason: said)
            default: return .server(destination: name, reason: "\(said) (SQLSTATE \(state))")
            }
        }
        switch failure.code {
        case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection,
            .poolClosed, .queryCancelled, .tooManyParameters:
            return .unreachable(destination: name, reason: Self.reason(failure))
        case .sslUnsupported:
            return .unreachable(destination: name, reason: "the server does not offer TLS (sslmode)")
        default:
            return .server(destination: name, reason: Self.reason(failure))
        }
    }

    private static func reason(_ failure: PSQLError) -> String {
        failure.underlying.map(shortReason) ?? "\(failure.code)"
    }

    /// The cause in a few words: "Connection refused", "unknown host db.example.org".
    static func shortReason(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return "unknown host \(connection.host)"
            }
            if let first = connection.connectionErrors.first { return shortReason(first.error) }
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if let channel = error as? ChannelError, case .connectTimeout = channel { return "no answer (timeout)" }
        return String(describing: error)
    }
}
