/// A YAML node tree that keeps every node's place, built straight from libyaml's events.
///
/// Lighter than Yams' `Node`: no tag resolution (course files never need it), no hashing of
/// nodes to find duplicate keys, and mappings and sequences are shared classes, so passing
/// a node around costs one retain. Loading a 10,000-step course spent most of its time
/// building and copying Yams' tree.
enum YAMLNode {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)
    case alias(Mark)

    /// Where a node starts, 1-based, columns counted in Unicode scalars as libyaml does.
    struct Mark {
        var line: Int
        var column: Int
    }

    struct Scalar {
        enum Style { case plain, quoted, block }

        var string: String
        var style: Style
        var mark: Mark
    }

    /// A mapping's key/value pairs, in the order written.
    final class Mapping: Swift.Sequence {
        let pairs: [(key: YAMLNode, value: YAMLNode)]
        let mark: Mark

        init(pairs: [(key: YAMLNode, value: YAMLNode)], mark: Mark) {
            self.pairs = pairs
            self.mark = mark
        }

        func makeIterator() -> IndexingIterator<[(key: YAMLNode, value: YAMLNode)]> {
            pairs.makeIterator()
        }

        var first: (key: YAMLNode, value: YAMLNode)? { pairs.first }

        var keys: [YAMLNode] { pairs.map(\.key) }

        /// The value under a plain text key.
        subscript(key: String) -> YAMLNode? {
            pairs.first { $0.key.string == key }?.value
        }
    }

    /// A sequence's items, in order.
    final class Sequence: Swift.Sequence {
        let items: [YAMLNode]
        let mark: Mark

        init(items: [YAMLNode], mark: Mark) {
            self.items = items
            self.mark = mark
        }

        func makeIterator() -> IndexingIterator<[YAMLNode]> {
            items.makeIterator()
        }
    }

    var mark: Mark? {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        case .alias(let mark): mark
        }
    }

    /// The text of a scalar; nil for anything else.
    var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    var mapping: Mapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    var sequence: Sequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }
}
