import Foundation
import ParcoursTestSupport
import Testing

@testable import ParcoursCore

/// `PlainYAML` composes locale files without libyaml: wherever it gives a tree, that tree
/// must be libyaml's own, node for node, marks and styles included; everything else it must
/// leave to libyaml.
@Suite struct PlainYAMLTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shipped(_ folder: String) throws -> [(String, String)] {
        let base = root.appendingPathComponent(folder)
        let files =
            FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "yml" } ?? []
        return try files.map { ($0.path, try String(contentsOf: $0, encoding: .utf8)) }
            .sorted { $0.0 < $1.0 }
    }

    /// A tree as text: every node's kind, place, style and words.
    static func dump(_ node: YAMLNode) -> String {
        func at(_ mark: YAMLNode.Mark) -> String { "\(mark.line):\(mark.column)" }
        switch node {
        case .scalar(let scalar): return "S\(scalar.style)@\(at(scalar.mark))\(scalar.string.debugDescription)"
        case .mapping(let mapping):
            let pairs = mapping.pairs.map { dump($0.key) + ": " + dump($0.value) }
            return "M@\(at(mapping.mark)){" + pairs.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            return "Q@\(at(sequence.mark))[" + sequence.items.map(dump).joined(separator: ", ") + "]"
        case .alias(let mark): return "A@\(at(mark))"
        }
    }

    /// libyaml's tree of `text`, as text; nil when libyaml reads no document or fails.
    static func libyaml(_ text: String) -> String? {
        (try? YAMLComposer.composeWithLibyaml(text))?.map(dump) ?? nil
    }

    /// Where the fast path answers, it answers as libyaml does.
    static func agrees(_ text: String) -> (accepted: Bool, same: Bool) {
        guard let fast = PlainYAML.compose(text) else { return (false, true) }
        return (true, libyaml(text) == dump(fast))
    }

    @Test func everyShippedLocaleFileIsInTheSubsetAndReadAsLibyamlReadsIt() throws {
        let files = try Self.shipped("Locales")
        #expect(files.count >= 6)
        for (path, text) in files {
            let fast = try #require(PlainYAML.compose(text), "\(path) is not in the subset")
            #expect(Self.libyaml(text) == Self.dump(fast), "\(path)")
        }
    }

    @Test func graphFilesAreLeftToLibyaml() throws {
        for (path, text) in try Self.shipped("Paths") {
            #expect(PlainYAML.compose(text) == nil, "\(path): block sequences are not in the subset")
            #expect(try YAMLComposer.compose(text) != nil)
        }
    }

    @Test(arguments: [
        "a: b\n  c\n",  // a plain scalar continued on the next line
        "a: b # note\n",  // a comment after a value
        "a: \"b\n  c\"\n",  // a quoted scalar over two lines
        "a: \"b\\tc\"\n",  // an escape outside the three read
        "a: 'b'\n",  // single quotes
        "a: &x b\nc: *x\n",  // an anchor and an alias
        "a: !t b\n",  // a tag
        "a: |+\n  b\n",  // keep chomping
        "a: >\n  b\n",  // a folded block
        "a: |\n\n  b\n",  // a block opening on an empty line
        "a: b\na: c\n",  // a repeated key (libyaml says where)
        "a:\n  b: c\n  b: d\n",
        "a:\n",  // no value
        "a: b\n\tc: d\n",  // a tab
        "a: b\r\n",  // a carriage return
        "---\na: b\n",  // a document marker
        "- a\n- b\n",  // a block sequence
        "a:\n- b\n",
        "a: [b, [c]]\n",  // nested flow
        "a: [b,\n  c]\n",  // a flow sequence over two lines
        "a: {b: c}\n",  // a flow mapping
        "a: b: c\n",  // a value that is a mapping
        "a: b\n   \nc: d\n",  // a line of spaces
        "a: b",  // no final line break
        "\u{FEFF}a: b\n",  // a byte order mark
        "a: b\u{85}c\n",  // NEL, a line break to YAML 1.1
        "a: b\u{7}\n",  // a control character
        "a:\n  b: c\n d: e\n",  // an indentation no mapping has
        "a b: c\n",  // a key with a space
        "\"a\": b\n",  // a quoted key
        "a: b\n  # a deeper comment\n",
    ])
    func anythingOutsideTheSubsetIsLeftToLibyaml(text: String) {
        #expect(PlainYAML.compose(text) == nil)
    }

    @Test(arguments: [
        "# comment\n\na: b\n",
        "a: Découvrir (2 h)\nb: « c » a:b\n",  // `:` before a non-space is text
        "a: https://x.org/y#z\n",
        "a: [Je découvre, « b », \"c, d\", e]\n",  // marks counted in characters
        "a:\n  b:\n    c: \"x \\\"y\\\" \\\\ \\n z\"\n  d: e\nf: g\n",
        "a: |\n  line\n\n\n    deeper\n  end\n\nb: c\n",
        "a: |-\n  line\n  two\nb: c\n",
        "a:\n  b: |\n    x\n# comment\n  c: d\n",
        "s:\n" + (0..<40).map { "  k\($0): v\($0)\n" }.joined(),  // a mapping past the scanned size
        "a: ~\nb: true\nc: 1.5\n",
    ])
    func textInTheSubsetIsReadAsLibyamlReadsIt(text: String) {
        #expect(PlainYAML.compose(text) != nil)
        #expect(Self.agrees(text) == (true, true))
    }

    static func isKey(_ line: String, indent: Int) -> Bool {
        let key = line.dropFirst(indent)
        return line.prefix(indent).allSatisfy { $0 == " " } && key.first?.isLetter == true && key.contains(":")
    }

    /// Random edits of the shipped locale files: whatever the fast path accepts, libyaml
    /// reads to the same tree. A failure prints the seed and the text.
    @Test func mutatedLocaleFilesAreReadAsLibyamlReadsThem() throws {
        let sources = try Self.shipped("Locales").map(\.1).map { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let tokens = [
            ":", ": ", " #", "#", "\"", "\\", "\\n", "\\t", "'", "- ", "-", "[", "]", ",", "|", "|-", "|+",
            ">", "&a ", "*a", "!t ", "? ", "  ", " ", "\t", "---", "...", "{", "}", "%", "@", "`", "é", "«",
            "\n", "\n  ", "\n    ", "~", "\u{85}", "\u{FEFF}", "x: y", "x:", "\r",
        ]
        var random = SeededGenerator(seed: 0x5EED_19)
        var accepted = 0
        let rounds = 4_000
        for round in 0..<rounds {
            let source = sources[random.below(sources.count)]
            // A window of the file after its header, so that each round stays small: from a key
            // at the top level or just under one (with that one), to any line.
            var start = 4 + random.below(max(1, source.count - 64))
            while start > 4, !Self.isKey(source[start], indent: 0), !Self.isKey(source[start], indent: 2) {
                start -= 1
            }
            var section = start
            while section > 4, !Self.isKey(source[section], indent: 0) { section -= 1 }
            let end = min(source.count, start + 8 + random.below(56))
            var lines = Array(source[0..<4]) + (section < start ? [source[section]] : []) + Array(source[start..<end])
            for _ in 0..<random.below(4) {
                let line = random.below(lines.count)
                switch random.below(6) {
                case 0, 1:
                    var characters = Array(lines[line])
                    let at = random.below(characters.count + 1)
                    characters.insert(contentsOf: tokens[random.below(tokens.count)], at: at)
                    lines[line] = String(characters)
                case 2:
                    var characters = Array(lines[line])
                    if !characters.isEmpty { characters.remove(at: random.below(characters.count)) }
                    lines[line] = String(characters)
                case 3: lines.remove(at: line)
                case 4: lines.insert(lines[line], at: line)
                default:
                    lines[line] =
                        random.below(2) == 0 ? "  " + lines[line] : String(lines[line].dropFirst(random.below(3)))
                }
                if lines.isEmpty { lines = [""] }
            }
            let text = lines.joined(separator: "\n") + (random.below(8) == 0 ? "" : "\n")
            let (fast, same) = Self.agrees(text)
            if fast { accepted += 1 }
            #expect(same, "round \(round): \(text.debugDescription)")
            if !same { return }
        }
        // Not vacuous: many edits keep the text in the subset.
        #expect(accepted > rounds / 5, "only \(accepted) of \(rounds) accepted")
    }
}
