/// "Did you mean …?" for mistyped ids and commands.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, lowered.count / 3) else {
            return nil
        }
        return best.0
    }

    /// "; did you mean 'x'?" when a candidate is close to `word`, else nothing: the end of
    /// an author's diagnostic about an unknown name.
    public static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: Array(candidates)).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Edit distance between two strings, by characters, where swapping two neighbours
    /// (`mian` for `main`) counts as one edit, as typists make it.
    public static func distance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var beforePrevious = [Int](repeating: 0, count: right.count + 1)
        var previous = Array(0...right.count)
        for i in 0..<left.count {
            var current = [i + 1] + [Int](repeating: 0, count: right.count)
            for j in 0..<right.count {
                let cost = left[i] == right[j] ? 0 : 1
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + cost)
                if i > 0, j > 0, left[i] == right[j - 1], left[i - 1] == right[j] {
                    current[j + 1] = min(current[j + 1], beforePrevious[j - 1] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[right.count]
    }
}
