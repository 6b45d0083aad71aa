import Foundation

extension Fixture {
    /// A course whose answer `b` adds a required branch step (`remedial`, 6 min) to a walk
    /// of 18 min for a budget of 20: the walk then sets aside optional steps, lowest value
    /// first (`extra3`, then `extra2`: value 1, 3 min each, the one further ahead first).
    ///
    /// Default walk: intro(3) quiz(2) extra1(4, value 2) extra2(3) extra3(3) end(3) = 18.
    /// Answer b: intro quiz remedial(6) extra1 extra2 extra3 end = 24 → 18 once set aside.
    public enum Branches {
        public static let graph = """
            formatVersion: 1
            course: demo
            version: "1"
            sourceLanguage: fr
            paths:
              - id: main
                budget: PT20M
                steps: [intro, quiz, extra1, extra2, extra3, end, remedial]
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
                  - when: { answer: quiz, is: b }
                    goto: remedial
              - id: extra1
                kind: lesson
                minutes: 4
                optional: true
                value: 2
              - id: extra2
                kind: lesson
                minutes: 3
                optional: true
                value: 1
              - id: extra3
                kind: lesson
                minutes: 3
                optional: true
                value: 1
              - id: end
                kind: checkpoint
                minutes: 3
                final: true
              - id: remedial
                kind: lesson
                minutes: 6
                next: extra1

            """

        public static func locale(_ language: String) -> String {
            let english = language == "en"
            return """
                formatVersion: 1
                course: demo
                language: \(language)
                title: Démo
                paths:
                  main:
                    title: \(english ? "Main" : "Principal")
                    summary: \(english ? "The main path." : "Le chemin principal.")
                steps:
                  intro:
                    title: Introduction
                    body: Bonjour.
                  quiz:
                    title: Quiz
                    prompt: Laquelle\u{202F}?
                    choices:
                      a: { label: A, feedback: Oui. }
                      b: { label: B, feedback: Non. }
                  extra1:
                    title: \(english ? "Going further" : "Pour aller plus loin")
                    body: Plus.
                  extra2:
                    title: \(english ? "A case study" : "Un cas pratique")
                    body: Cas.
                  extra3:
                    title: \(english ? "A long read" : "Une lecture")
                    body: Lire.
                  end:
                    title: Fin
                  remedial:
                    title: \(english ? "Back to basics" : "Les bases")
                    body: On revoit.

                """
        }

        /// Writes the course into `directory`, as `Fixture.write` does.
        @discardableResult
        public static func write(to directory: String) throws -> String {
            try Fixture.write(to: directory, graph: graph, fr: locale("fr"), en: locale("en"))
        }
    }
}
