/// A failure said in the reader's language: a key of the interface's catalog (`ui.yml`)
/// and the values of its placeholders.
///
/// The error keeps its English `description` too: it is what a log or a test shows, and
/// what is printed when no catalog can be found (no course content at all).
///
/// ```swift
/// let message = FailureMessage("error.store.busy", ["path": "/tmp/p.sqlite"])
/// catalog.text(message.key, message.values)  // "/tmp/p.sqlite est occupé par un autre parcours…"
/// ```
public struct FailureMessage: Sendable, Equatable {
    public var key: String
    public var values: [String: String]

    public init(_ key: String, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }
}

/// An error that can be said in the reader's language.
public protocol ExplainedFailure: Error, CustomStringConvertible {
    var message: FailureMessage { get }
    /// The message in `words`' language (a requirement, so a failure whose message has parts
    /// of its own is said whole whatever it is seen as).
    func explained(in words: Catalog?) -> String
}

extension ExplainedFailure {
    /// The message in `words`' language; the English `description` when there are no words
    /// or they lack the key.
    public func explained(in words: Catalog?) -> String {
        words?.optionalText(message.key, message.values) ?? description
    }
}
