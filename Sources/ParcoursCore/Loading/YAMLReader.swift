/// A value read from a course file, with the place it was read from.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// Reads a composed YAML node tree while collecting diagnostics.
///
/// Yams' `Decodable` support loses every location, so course files are composed into a
/// `YAMLNode` tree and read through this type, which knows the file and reports
/// `unknown-key`, `missing-key` and `invalid-value` at the exact node.
final class YAMLReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// Parses `text` into a node tree, or records a `yaml-syntax` diagnostic.
    func compose(_ text: String) -> YAMLNode? {
        do {
            guard let node = try YAMLComposer.compose(text) else {
                report(.error("yaml-syntax", at: SourceLocation(file: file, line: 1, column: 1), "the file is empty"))
                return nil
            }
            return node
        } catch {
            let at = SourceLocation(file: file, line: error.mark.line, column: error.mark.column)
            report(.error("yaml-syntax", at: at, error.problem))
            return nil
        }
    }

    func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func invalid(_ node: YAMLNode, _ message: String) {
        report(.error("invalid-value", at: location(node), message))
    }

    // MARK: - Mappings

    /// The entries of a mapping node after checking its keys.
    ///
    /// Unknown keys are reported at the key itself; missing required keys at the mapping.
    func fields(
        _ node: YAMLNode, in context: @autoclosure () -> String, required: [String] = [], optional: [String] = []
    ) -> Fields? {
        guard let mapping = node.mapping else {
            invalid(node, "\(context()) must be a mapping of keys to values")
            return nil
        }
        var entries: [String: (key: YAMLNode, value: YAMLNode)] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                invalid(key, "keys in \(context()) must be plain text")
                continue
            }
            // A handful of names: comparing them beats hashing them into a set on every call.
            if required.contains(name) || optional.contains(name) {
                entries[name] = (key, value)
            } else {
                let expected = (required + optional).map { "'\($0)'" }.joined(separator: ", ")
                report(
                    .error(
                        "unknown-key", at: location(key),
                        "unknown key '\(name)' in \(context()); expected \(expected)"
                            + Suggestion.didYouMean(name, among: required + optional)))
            }
        }
        for name in required where entries[name] == nil {
            report(
                .error(
                    "missing-key", at: location(node),
                    "\(context()) is missing the required key '\(name)'"))
        }
        return Fields(node: node, entries: entries, reader: self)
    }

    /// The key/value pairs of a mapping whose keys are ids chosen by the author.
    func pairs(_ node: YAMLNode, in context: @autoclosure () -> String) -> [(key: Located<String>, value: YAMLNode)] {
        guard let mapping = node.mapping else {
            invalid(node, "\(context()) must be a mapping")
            return []
        }
        var result: [(key: Located<String>, value: YAMLNode)] = []
        for (key, value) in mapping {
            guard let name = key.string else {
                invalid(key, "keys in \(context()) must be plain text")
                continue
            }
            result.append((Located(name, at: location(key)), value))
        }
        return result
    }

    func sequence(_ node: YAMLNode, in context: @autoclosure () -> String) -> [YAMLNode] {
        guard let sequence = node.sequence else {
            invalid(node, "\(context()) must be a list")
            return []
        }
        return Array(sequence)
    }

    // MARK: - Scalars

    func string(_ node: YAMLNode, in context: @autoclosure () -> String) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            invalid(node, "\(context()) must be text")
            return nil
        }
        return Located(scalar.string, at: location(node))
    }

    /// The text of a plain (unquoted) scalar: only those are numbers or booleans in YAML.
    private func plainText(_ node: YAMLNode) -> String? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        return scalar.string
    }

    func int(_ node: YAMLNode, in context: @autoclosure () -> String, range: ClosedRange<Int>? = nil) -> Located<Int>? {
        guard let value = plainText(node).flatMap({ Int($0) }) else {
            invalid(node, "\(context()) must be a whole number")
            return nil
        }
        if let range, !range.contains(value) {
            invalid(
                node,
                "\(context()) must be between \(range.lowerBound) and \(range.upperBound), not \(value)"
            )
            return nil
        }
        return Located(value, at: location(node))
    }

    func double(_ node: YAMLNode, in context: @autoclosure () -> String) -> Located<Double>? {
        guard let text = plainText(node), let value = Double(text), value.isFinite else {
            invalid(node, "\(context()) must be a number")
            return nil
        }
        return Located(value, at: location(node))
    }

    func bool(_ node: YAMLNode, in context: @autoclosure () -> String) -> Located<Bool>? {
        guard let value = plainText(node).flatMap({ ["true": true, "false": false][$0] }) else {
            invalid(node, "\(context()) must be true or false")
            return nil
        }
        return Located(value, at: location(node))
    }

    func stringList(_ node: YAMLNode, in context: @autoclosure () -> String) -> [Located<String>] {
        sequence(node, in: context()).compactMap { string($0, in: "each entry of \(context())") }
    }

    func enumeration<E: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, in context: @autoclosure () -> String, as type: E.Type
    ) -> Located<E>? where E.RawValue == String {
        guard let text = string(node, in: context()) else { return nil }
        guard let value = E(rawValue: text.value) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            let suggestion = Suggestion.didYouMean(text.value, among: E.allCases.map(\.rawValue))
            invalid(node, "\(context()) '\(text.value)' is not one of: \(allowed)\(suggestion)")
            return nil
        }
        return Located(value, at: text.location)
    }
}

/// The checked entries of one YAML mapping.
struct Fields {
    let node: YAMLNode
    let entries: [String: (key: YAMLNode, value: YAMLNode)]
    let reader: YAMLReader

    var location: SourceLocation { reader.location(node) }

    subscript(_ key: String) -> YAMLNode? { entries[key]?.value }

    func keyLocation(_ key: String) -> SourceLocation? {
        entries[key].map { reader.location($0.key) }
    }

    func string(_ key: String, in context: @autoclosure () -> String) -> Located<String>? {
        self[key].flatMap { reader.string($0, in: "'\(key)' of \(context())") }
    }

    func int(_ key: String, in context: @autoclosure () -> String, range: ClosedRange<Int>? = nil) -> Located<Int>? {
        self[key].flatMap { reader.int($0, in: "'\(key)' of \(context())", range: range) }
    }

    func bool(_ key: String, in context: @autoclosure () -> String) -> Bool {
        self[key].flatMap { reader.bool($0, in: "'\(key)' of \(context())") }?.value ?? false
    }
}
