import Foundation
import ParcoursCore

/// What a learner typed at the prompt, understood.
///
/// Commands exist in French and English; anything else on a question is an answer.
public enum Command: Equatable, Sendable {
    case next
    case back
    case skip
    case status
    case plan(PlanAction)
    /// The offers (false), or every resource of the course (`ressources tout`, true).
    case resources(all: Bool)
    case note(String)
    case save(Int?)
    case timer
    case journal
    case pause
    case lang(String?)
    case help
    case quit
    /// Not a command: an answer, a rating or free text, for the step to interpret.
    case input(String)

    /// What `plan` was asked to do.
    public enum PlanAction: Equatable, Sendable {
        /// Show what is left, the steps set aside and what could go.
        case show
        /// Set aside the optional steps the plan suggests.
        case apply
        /// Take back the step set aside under this number in `plan`'s list (nil: none given).
        case restore(Int?)
    }

    /// Every command word, in both languages, for completion and suggestions.
    public static let words: [String] = [
        "suivant", "next", "retour", "back", "passer", "skip", "etat", "état", "status", "plan",
        "ressources",
        "resources", "note", "garder", "save", "chrono", "timer", "journal", "pause", "langue",
        "lang", "aide",
        "help", "quitter", "quit",
    ]

    private static let table: [String: String] = [
        "suivant": "next", "next": "next", "continuer": "next", "continue": "next",
        "retour": "back", "back": "back", "précédent": "back", "precedent": "back",
        "passer": "skip", "skip": "skip",
        "etat": "status", "état": "status", "status": "status",
        "plan": "plan",
        "ressources": "resources", "resources": "resources",
        "note": "note", "garder": "save", "save": "save",
        "chrono": "timer", "timer": "timer", "journal": "journal",
        "pause": "pause", "langue": "lang", "lang": "lang",
        "aide": "help", "help": "help", "?": "help",
        "quitter": "quit", "quit": "quit", "exit": "quit", "sortir": "quit",
    ]

    /// Parses a line. An empty line means "next".
    public static func parse(_ line: String) -> Command {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .next }
        let parts = trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let word = parts[0].lowercased()
        let rest = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        switch table[word] {
        case "next" where rest.isEmpty: return .next
        case "back" where rest.isEmpty: return .back
        case "skip" where rest.isEmpty: return .skip
        case "status" where rest.isEmpty: return .status
        case "plan":
            if rest.isEmpty { return .plan(.show) }
            if ["appliquer", "apply", "ok", "oui", "yes"].contains(rest.lowercased()) {
                return .plan(.apply)
            }
            let words = rest.lowercased().split(separator: " ", omittingEmptySubsequences: true)
            if let verb = words.first, ["reprendre", "restore", "remettre", "back"].contains(verb) {
                return .plan(.restore(words.count == 2 ? Int(words[1]) : nil))
            }
            return .input(trimmed)
        case "resources" where rest.isEmpty: return .resources(all: false)
        case "resources" where resourcesWords.contains(rest.lowercased()): return .resources(all: true)
        case "note": return rest.isEmpty ? .input(trimmed) : .note(rest)
        case "save": return .save(Int(rest))
        case "timer" where rest.isEmpty: return .timer
        case "journal" where rest.isEmpty: return .journal
        case "pause" where rest.isEmpty: return .pause
        case "lang": return .lang(rest.isEmpty ? nil : rest.lowercased())
        case "help" where rest.isEmpty: return .help
        case "quit" where rest.isEmpty: return .quit
        default: return .input(trimmed)
        }
    }

    /// Words that follow `plan`, for completion only (alone they are not commands).
    public static let planWords: [String] = ["appliquer", "apply", "reprendre", "restore"]

    /// Words that follow `ressources` to list every resource (`ressources tout`), for
    /// completion only.
    public static let resourcesWords: [String] = ["tout", "toutes", "all"]

    /// The command word closest to a mistyped one.
    public static func closestWord(to word: String) -> String? {
        Suggestion.closest(to: word, among: words)
    }
}
