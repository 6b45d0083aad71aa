import Foundation

/// A small valid course, and helpers to break it.
public enum Fixture {
    public static let graph = """
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

    public static func locale(_ language: String) -> String {
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
            prompt: Laquelle\u{202F}?
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
    public static func extraStep(_ id: String) -> String {
        "  \(id):\n    title: \(id)\n    body: \(id).\n"
    }

    /// Writes the fixture course into `directory` (Paths/ and Locales/fr, en) and returns it.
    @discardableResult
    public static func write(
        to directory: String, graph: String = graph, fr: String = locale("fr"),
        en: String = locale("en")
    )
        throws -> String
    {
        let manager = FileManager.default
        for sub in ["Paths", "Locales/fr", "Locales/en"] {
            try manager.createDirectory(
                atPath: "\(directory)/\(sub)", withIntermediateDirectories: true)
        }
        try graph.write(toFile: "\(directory)/Paths/demo.yml", atomically: true, encoding: .utf8)
        try fr.write(toFile: "\(directory)/Locales/fr/demo.yml", atomically: true, encoding: .utf8)
        try en.write(toFile: "\(directory)/Locales/en/demo.yml", atomically: true, encoding: .utf8)
        return directory
    }
}
