import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One PostgreSQL server, reached with a pooled `PostgresClient` that runs for the life of
/// one piece of work: `withClient` starts the client's `run()` in a task beside the body and
/// cancels it when the body ends, whatever way it ends.
public struct PostgresServer: Sendable {
    public let settings: ConnectionSettings
    let connectTimeout: Duration

    public init(settings: ConnectionSettings, connectTimeout: Duration = .seconds(5)) {
        self.settings = settings
        self.connectTimeout = connectTimeout
    }

    /// The destination's name in messages and in the store: the URL without its password.
    public var name: String { settings.redacted }

    /// Nothing of the driver's own logging reaches the learner's terminal.
    static let logger = Logger(label: "parcours.sync") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `body` with a running client. The driver's errors come out as `SyncError`;
    /// others (the local store's) as they were thrown.
    public func withClient<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(
            configuration: settings.clientConfiguration(connectTimeout: connectTimeout), backgroundLogger: Self.logger)
        do {
            return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                return try await body(client)
            }
        } catch {
            throw explain(error)
        }
    }

    /// A driver error as a `SyncError`, with the server's own words where it sent some.
    func explain(_ error: any Error) -> any Error {
        if error is SyncError { return error }
        if let io = error as? IOError { return SyncError.unreachable(destination: name, reason: io.description) }
        if error is CancellationError { return SyncError.unreachable(destination: name, reason: "cancelled") }
        guard let failure = error as? PSQLError else { return error }
        return explain(failure)
    }

    private func explain(_ failure: PSQLError) -> SyncError {
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
        if let underlying = failure.underlying {
            if let io = underlying as? IOError { return io.description }
            return String(describing: underlying)
        }
        return "\(failure.code)"
    }
}
