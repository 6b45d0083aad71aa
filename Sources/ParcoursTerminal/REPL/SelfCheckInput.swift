import Foundation

/// A self-check ticked at the prompt: the numbers of the items checked (`1 3`, `1,3`), or
/// a word for all of them (`ok`, `tout`, `all`) or none (`aucun`, `none`).
enum SelfCheckInput {
    static let all: Set<String> = ["ok", "oui", "yes", "tout", "tous", "all"]
    static let none: Set<String> = ["aucun", "rien", "none", "0"]

    /// The items ticked, in the step's order, or nil when `text` is no ticking.
    static func ticked(_ text: String, items: [String]) -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if all.contains(trimmed) { return items }
        if none.contains(trimmed) { return [] }
        let tokens = trimmed.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
        guard !tokens.isEmpty else { return nil }
        var numbers = Set<Int>()
        for token in tokens {
            guard let number = Int(token), (1...items.count).contains(number) else { return nil }
            numbers.insert(number)
        }
        return items.enumerated().filter { numbers.contains($0.offset + 1) }.map(\.element)
    }
}
