import Foundation

/// A small course of offline work, for active time and the live prompt: an activity with
/// a 1-minute countdown and a 30-minute estimate, and a lesson marked `offline`.
public enum ActivityFixture {
    public static let graph = """
        formatVersion: 1
        course: atelier
        version: "1"
        sourceLanguage: fr
        paths:
          - id: work
            budget: PT45M
            steps: [intro, map, read, end]
        steps:
          - id: intro
            kind: lesson
            minutes: 2
          - id: map
            kind: activity
            minutes: 30
            countdown: 1
            deliverable: true
          - id: read
            kind: lesson
            minutes: 10
            offline: true
          - id: end
            kind: checkpoint
            minutes: 1
            final: true

        """

    public static func locale(_ language: String) -> String {
        """
        formatVersion: 1
        course: atelier
        language: \(language)
        title: Atelier
        paths:
          work:
            title: Travail
            summary: Un atelier.
        steps:
          intro:
            title: Introduction
            body: On commence.
          map:
            title: Carte des acteurs
            body: Dessinez la carte.
            deliverable: Qui avez-vous placé au centre\u{202F}?
          read:
            title: Lecture
            body: Lisez le chapitre 2, loin de l’écran.
          end:
            title: Fin

        """
    }

    /// Writes the course into `directory` (Paths/ and Locales/fr, en, named after the
    /// course, as the library finds a learner's course again) and returns it.
    @discardableResult
    public static func write(to directory: String) throws -> String {
        let manager = FileManager.default
        for sub in ["Paths", "Locales/fr", "Locales/en"] {
            try manager.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: true)
        }
        try graph.write(toFile: "\(directory)/Paths/atelier.yml", atomically: true, encoding: .utf8)
        for language in ["fr", "en"] {
            try locale(language).write(
                toFile: "\(directory)/Locales/\(language)/atelier.yml", atomically: true, encoding: .utf8)
        }
        return directory
    }
}
