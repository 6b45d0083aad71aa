import CYaml

/// Builds a `YAMLNode` tree from text with libyaml's event parser.
enum YAMLComposer {
    /// A syntax problem, where libyaml found it.
    struct Failure: Error {
        var problem: String
        var mark: YAMLNode.Mark
    }

    /// The first document of `text`, or nil when the text holds none.
    ///
    /// Text in the plain subset locale files are written in is composed by `PlainYAML`, to
    /// the same tree; everything else, and every error, by libyaml.
    static func compose(_ text: String) throws(Failure) -> YAMLNode? {
        if let node = PlainYAML.compose(text) { return node }
        return try composeWithLibyaml(text)
    }

    /// The first document of `text` as libyaml reads it.
    static func composeWithLibyaml(_ text: String) throws(Failure) -> YAMLNode? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        var result: Result<YAMLNode?, Failure> = .success(nil)
        bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                result = .failure(Failure(problem: "out of memory", mark: .init(line: 1, column: 1)))
                return
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            if let base = buffer.baseAddress {
                yaml_parser_set_input_string(&parser, base, buffer.count - 1)
            }
            result = Result { () throws(Failure) -> YAMLNode? in try run(&parser) }
        }
        return try result.get()
    }

    /// A sequence or mapping being built. A class, so appending never copies what is already there.
    private final class Frame {
        let isMapping: Bool
        let mark: YAMLNode.Mark
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        var seen: Set<String> = []

        init(isMapping: Bool, mark: YAMLNode.Mark) {
            self.isMapping = isMapping
            self.mark = mark
        }

        /// Whether a mapping already has this key. Small mappings (most of them) are scanned;
        /// a set is only built for large ones.
        func isDuplicate(_ name: String) -> Bool {
            if pairs.count < 16 { return pairs.contains { $0.key.string == name } }
            if seen.isEmpty { seen = Set(pairs.compactMap { $0.key.string }) }
            return !seen.insert(name).inserted
        }
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLNode.Mark {
        YAMLNode.Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func run(_ parser: inout yaml_parser_t) throws(Failure) -> YAMLNode? {
        var stack: [Frame] = []
        var root: YAMLNode?
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure(parser) }
            defer { yaml_event_delete(&event) }
            let start = mark(event.start_mark)
            var completed: YAMLNode?
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                let style: YAMLNode.Scalar.Style =
                    switch scalar.style {
                    case YAML_PLAIN_SCALAR_STYLE, YAML_ANY_SCALAR_STYLE: .plain
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: .quoted
                    default: .block
                    }
                completed = .scalar(.init(string: text, style: style, mark: start))
            case YAML_SEQUENCE_START_EVENT:
                stack.append(Frame(isMapping: false, mark: start))
            case YAML_MAPPING_START_EVENT:
                stack.append(Frame(isMapping: true, mark: start))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let frame = stack.popLast() {
                    completed =
                        frame.isMapping
                        ? .mapping(.init(pairs: frame.pairs, mark: frame.mark))
                        : .sequence(.init(items: frame.items, mark: frame.mark))
                }
            case YAML_ALIAS_EVENT:
                completed = .alias(start)
            case YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT:
                return root
            default:
                break
            }
            guard let node = completed else { continue }
            guard let top = stack.last else {
                root = node
                continue
            }
            if !top.isMapping {
                top.items.append(node)
            } else if let key = top.pendingKey {
                top.pairs.append((key, node))
                top.pendingKey = nil
            } else {
                if let name = node.string, top.isDuplicate(name) {
                    throw Failure(problem: "duplicate key '\(name)' in one mapping", mark: start)
                }
                top.pendingKey = node
            }
        }
    }

    private static func failure(_ parser: yaml_parser_t) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "the YAML cannot be read"
        let context = parser.context.map { " (\(String(cString: $0)))" } ?? ""
        return Failure(problem: problem + context, mark: mark(parser.problem_mark))
    }
}
