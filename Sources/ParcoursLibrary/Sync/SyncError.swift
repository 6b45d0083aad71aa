import ParcoursCore

/// What can go wrong between a store and its destination. Nothing local is ever lost by
/// one of these: the events stay in the store's outbox until they are accepted.
public enum SyncError: Error, Sendable, Equatable {
    /// The server could not be reached (refused, no route, timeout, name unknown): try later.
    case unreachable(destination: String, reason: String)
    /// The server refused the login (wrong password, unknown role).
    case authentication(destination: String, reason: String)
    /// PostgreSQL's own permission error (SQLSTATE 42501): the role may not do this.
    case forbidden(destination: String, reason: String)
    /// The server's checks refused an event (SQLSTATE 23514), with the rule it broke.
    case refusedLog(destination: String, reason: String)
    /// No parcours schema on that database: `parcours db init` has not been run.
    case notInitialized(destination: String)
    /// The server's schema is newer than this parcours.
    case newerSchema(destination: String, version: Int)
    /// A URL, option or configuration file that cannot be used.
    case configuration(reason: String)
    /// Anything else the server said.
    case server(destination: String, reason: String)
    /// A learning record store answered 4xx (not 409) with its message: 401 and 403 refuse
    /// the credentials, the others the statements.
    case lrsRefused(destination: String, status: Int, reason: String)

    /// A stable word for the kind of failure, kept with the store's sync state so that
    /// `status` can say it in the learner's language.
    public var kind: String {
        switch self {
        case .unreachable: "unreachable"
        case .authentication: "authentication"
        case .forbidden: "forbidden"
        case .refusedLog: "refused-log"
        case .notInitialized: "not-initialized"
        case .newerSchema: "newer-schema"
        case .configuration: "configuration"
        case .server: "server"
        case .lrsRefused(_, let status, _): status == 401 || status == 403 ? "authentication" : "refused-log"
        }
    }

    /// Worth another try later, without anything being wrong on this side.
    public var isTransient: Bool {
        if case .unreachable = self { return true }
        return false
    }

    /// sysexits: 75 (temporary failure) for an unreachable server, 77 (no permission),
    /// 65 (bad data), 78 (configuration), 69 (service unavailable) for the rest.
    public var exitCode: Int32 {
        switch self {
        case .unreachable: 75
        case .authentication, .forbidden: 77
        case .refusedLog: 65
        case .notInitialized, .newerSchema, .configuration: 78
        case .server: 69
        case .lrsRefused(_, let status, _): status == 401 || status == 403 ? 77 : 65
        }
    }
}

extension SyncError: ExplainedFailure {
    public var message: FailureMessage {
        switch self {
        case .unreachable(let destination, let reason):
            FailureMessage("error.sync.unreachable", ["destination": destination, "reason": reason])
        case .authentication(let destination, let reason):
            FailureMessage("error.sync.authentication", ["destination": destination, "reason": reason])
        case .forbidden(let destination, let reason):
            FailureMessage("error.sync.forbidden", ["destination": destination, "reason": reason])
        case .refusedLog(let destination, let reason):
            FailureMessage("error.sync.refused.log", ["destination": destination, "reason": reason])
        case .notInitialized(let destination):
            FailureMessage("error.sync.not.initialized", ["destination": destination])
        case .newerSchema(let destination, let version):
            FailureMessage("error.sync.newer.schema", ["destination": destination, "version": String(version)])
        case .configuration(let reason): FailureMessage("error.sync.configuration", ["reason": reason])
        case .server(let destination, let reason):
            FailureMessage("error.sync.server", ["destination": destination, "reason": reason])
        case .lrsRefused(let destination, let status, let reason):
            FailureMessage(
                status == 401 || status == 403 ? "error.sync.lrs.credentials" : "error.sync.lrs.refused",
                ["destination": destination, "status": String(status), "reason": reason])
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let destination, let reason):
            "cannot reach \(destination) (\(reason)); nothing was changed: try again later"
        case .authentication(let destination, let reason):
            "\(destination) refused the login (\(reason)): check the password in ~/.pgpass or PGPASSWORD"
        case .forbidden(let destination, let reason): "\(destination) refused: \(reason)"
        case .refusedLog(let destination, let reason): "\(destination) refused a log: \(reason)"
        case .notInitialized(let destination):
            "\(destination) has no parcours schema: run 'parcours db init' on it first"
        case .newerSchema(let destination, let version):
            "\(destination) has schema version \(version), newer than this parcours knows: update parcours"
        case .configuration(let reason): reason
        case .server(let destination, let reason): "\(destination): \(reason)"
        case .lrsRefused(let destination, let status, let reason) where status == 401 || status == 403:
            "\(destination) refused the credentials (HTTP \(status): \(reason)): check PARCOURS_LRS_KEY and "
                + "PARCOURS_LRS_SECRET, [lrs] in the configuration file, or ~/.netrc. Nothing was lost: "
                + "the events wait in your store"
        case .lrsRefused(let destination, let status, let reason):
            "\(destination) refused the statements (HTTP \(status): \(reason)). Nothing was lost: "
                + "the events wait in your store"
        }
    }
}
