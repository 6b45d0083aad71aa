import ParcoursCore
import ParcoursTestSupport

/// YAML with `«rule-id»` markers placed right before the token a diagnostic must point at.
///
/// The markers are removed before linting, and their `line:col` (1-based, counted in
/// Unicode scalars as libyaml counts them) become the expected locations. Only a rule id lint
/// knows is a marker: French guillemets in the text itself (`« oui »`) stay as written.
struct MarkedText {
    static let rules = Set(Linter.ruleIDs)

    var text: String
    var marks: [(rule: String, line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var marks: [(String, Int, Int)] = []
        var line = 1
        var column = 1
        var scalars = marked.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "«", let close = scalars.firstIndex(of: "»"),
                case let rule = String(
                    String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close])),
                Self.rules.contains(rule)
            {
                marks.append((rule, line, column))
                scalars = scalars[scalars.index(after: close)...]
                continue
            }
            text.unicodeScalars.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            scalars = scalars.dropFirst()
        }
        self.text = text
        self.marks = marks
    }
}

extension Fixture {
    /// Lints the graph and the two locale files; markers may be in any of them.
    static func lint(graph: String = graph, fr: String = locale("fr"), en: String = locale("en"))
        -> (
            diagnostics: [Diagnostic], marks: [(file: String, rule: String, line: Int, column: Int)]
        )
    {
        let files = [
            ("Paths/demo.yml", graph), ("Locales/fr/demo.yml", fr), ("Locales/en/demo.yml", en),
        ]
        var marks: [(String, String, Int, Int)] = []
        var texts: [SourceText] = []
        for (path, marked) in files {
            let parsed = MarkedText(marked)
            marks += parsed.marks.map { (path, $0.rule, $0.line, $0.column) }
            texts.append(SourceText(path: path, text: parsed.text))
        }
        let diagnostics = Linter.lint(
            CourseSource(graph: texts[0], locales: Array(texts.dropFirst())))
        return (diagnostics, marks)
    }
}
