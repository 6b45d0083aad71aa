import ParcoursCore

/// YAML with `«rule-id»` markers placed right before the token a diagnostic must point at.
///
/// The markers are removed before linting, and their `line:col` (1-based, counted in
/// Unicode scalars as libyaml counts them) become the expected locations.
struct MarkedText {
    var text: String
    var marks: [(rule: String, line: Int, column: Int)]

    init(_ marked: String) {
        var text = ""
        var marks: [(String, Int, Int)] = []
        var line = 1
        var column = 1
        var scalars = marked.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "«", let close = scalars.firstIndex(of: "»") {
                let rule = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
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

/// A small valid course, and helpers to break it.
enum Fixture {
    static let graph = """
        formatVersion: 1
        course: demo
        version: "1"
        sourceLanguage: fr
        paths:
          - id: main
            budget: PT10M
            steps: [intro, quiz, fix, end]
        dimensions: [skill]
        scales:
          - id: five
            points: 5
        resources:
          - id: doc
            kind: guide
            url: https://example.org
            minutes: 5
        steps:
          - id: intro
            kind: lesson
            minutes: 3
          - id: quiz
            kind: question
            minutes: 2
            choices:
              - id: a
                correct: true
              - id: b
            branches:
              - when: { answer: quiz, is: a }
                goto: end
          - id: fix
            kind: lesson
            minutes: 2
            optional: true
          - id: end
            kind: checkpoint
            minutes: 3
            final: true

        """

    static func locale(_ language: String) -> String {
        """
        formatVersion: 1
        course: demo
        language: \(language)
        title: Démo
        paths:
          main:
            title: Principal
            summary: Le chemin principal.
        dimensions:
          skill: Savoir-faire
        scales:
          five: [Pas du tout, Un peu, Moyennement, Plutôt, Tout à fait]
        resources:
          doc:
            title: Doc
            summary: La documentation.
        steps:
          intro:
            title: Introduction
            body: Bonjour **vous**.
          quiz:
            title: Quiz
            prompt: Laquelle ?
            choices:
              a: { label: A, feedback: Oui. }
              b: { label: B, feedback: Non. }
          fix:
            title: Rattrapage
            body: On revoit.
          end:
            title: Fin

        """
    }

    /// Locale lines for one more lesson, appended under `steps:`.
    static func extraStep(_ id: String) -> String {
        "  \(id):\n    title: \(id)\n    body: \(id).\n"
    }

    /// Lints the graph and the two locale files; markers may be in any of them.
    static func lint(graph: String = graph, fr: String = locale("fr"), en: String = locale("en")) -> (
        diagnostics: [Diagnostic], marks: [(file: String, rule: String, line: Int, column: Int)]
    ) {
        let files = [("Paths/demo.yml", graph), ("Locales/fr/demo.yml", fr), ("Locales/en/demo.yml", en)]
        var marks: [(String, String, Int, Int)] = []
        var texts: [SourceText] = []
        for (path, marked) in files {
            let parsed = MarkedText(marked)
            marks += parsed.marks.map { (path, $0.rule, $0.line, $0.column) }
            texts.append(SourceText(path: path, text: parsed.text))
        }
        let diagnostics = Linter.lint(CourseSource(graph: texts[0], locales: Array(texts.dropFirst())))
        return (diagnostics, marks)
    }
}
