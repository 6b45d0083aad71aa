/// One problem found in course files, reported to authors as
/// `path:line:col: error|warning: message [rule-id]`.
///
/// Lint collects every diagnostic instead of stopping at the first one, so an author
/// fixes a whole file in one pass.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var rule: String

    public init(
        _ severity: Severity, _ rule: String, at location: SourceLocation, _ message: String
    ) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
    }

    public static func error(_ rule: String, at location: SourceLocation, _ message: String)
        -> Diagnostic
    {
        Diagnostic(.error, rule, at: location, message)
    }

    public static func warning(_ rule: String, at location: SourceLocation, _ message: String)
        -> Diagnostic
    {
        Diagnostic(.warning, rule, at: location, message)
    }

    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(rule)]"
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, line and column, then rule.
    public func sortedForReport() -> [Diagnostic] {
        sorted { ($0.location, $0.rule, $0.message) < ($1.location, $1.rule, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
