import Foundation

/// A question's choices as the learner names them: by number, by id, or by the words of
/// their label in the learner's language ("mécénat" for "Du mécénat").
///
/// Words are compared without case or accents, and articles are ignored, so "Mecenat",
/// "le mécénat" and "mécé" all name "Du mécénat" when no other label has such a word.
///
/// ```swift
/// let words = ChoiceWords([("patronage", "Du mécénat"), ("cooperation", "Une coopération économique")])
/// words.choice(named: "mécénat")  // "patronage"
/// words.completions                // ["coopération", "mécénat", "économique"]
/// ```
struct ChoiceWords {
    /// Each choice's id, and the words of its label (folded, articles left out).
    private let choices: [(id: String, words: [String])]
    /// The label words a learner may complete with Tab, as they are written.
    let completions: [String]

    init(_ labelled: [(id: String, label: String)]) {
        choices = labelled.map { ($0.id, Self.words(in: $0.label).map(Self.fold)) }
        var written: [String: String] = [:]
        for (_, label) in labelled {
            for word in Self.words(in: label) where word.count >= 3 {
                written[Self.fold(word)] = written[Self.fold(word)] ?? word.lowercased()
            }
        }
        completions = written.values.sorted()
    }

    /// The id of the one choice whose label holds every word of `text` (as a word or the
    /// start of one); nil when none does, or several do.
    func choice(named text: String) -> String? {
        let typed = Self.words(in: text).map(Self.fold)
        guard !typed.isEmpty else { return nil }
        let matching = choices.filter { choice in
            typed.allSatisfy { word in choice.words.contains { $0.hasPrefix(word) } }
        }
        return matching.count == 1 ? matching[0].id : nil
    }

    /// Whether `candidate` completes `prefix`, without case or accents.
    static func completes(_ candidate: String, _ prefix: String) -> Bool {
        fold(candidate).hasPrefix(fold(prefix))
    }

    /// The words of `text` that say something: articles and little linking words left out.
    static func words(in text: String) -> [String] {
        text.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter {
            !littleWords.contains(fold($0))
        }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    private static let littleWords: Set<String> = [
        "l", "le", "la", "les", "un", "une", "des", "du", "de", "d", "au", "aux", "et", "ou", "en", "a",
        "the", "an", "of", "and", "or", "to", "in",
    ]
}
