/// A structured condition on a learner's answers and scores. There is no expression
/// language: authors combine these cases in YAML.
public indirect enum Condition: Sendable, Hashable {
    /// The latest answer to `question` includes one of `choices`.
    case answer(question: String, choices: Set<String>)
    /// The latest answer to the graded `question` is right (or wrong, when `expected` is false).
    case correct(question: String, expected: Bool)
    /// The mean of the latest ratings of `dimension` is below `threshold`.
    case scoreBelow(dimension: String, threshold: Double)
    /// The mean of the latest ratings of `dimension` is at least `threshold`.
    case scoreAtLeast(dimension: String, threshold: Double)
    case all([Condition])
    case any([Condition])
    case not(Condition)
}

/// What a condition can look at: the learner's answers and scores so far.
public protocol ConditionFacts {
    /// The choice ids of the latest answer to a question, or nil when unanswered.
    func latestChoices(for question: String) -> Set<String>?
    /// The mean of the latest ratings of a dimension's items, or nil when unrated.
    func score(of dimension: String) -> Double?
}

extension Condition {
    /// Whether the condition holds. Anything not yet answered or rated makes a leaf false.
    public func holds(in facts: some ConditionFacts, course: Course) -> Bool {
        switch self {
        case .answer(let question, let choices):
            guard let chosen = facts.latestChoices(for: question) else { return false }
            return !chosen.isDisjoint(with: choices)
        case .correct(let question, let expected):
            guard let chosen = facts.latestChoices(for: question), let step = course.steps[question]
            else {
                return false
            }
            return (chosen == step.correctChoices) == expected
        case .scoreBelow(let dimension, let threshold):
            guard let score = facts.score(of: dimension) else { return false }
            return score < threshold
        case .scoreAtLeast(let dimension, let threshold):
            guard let score = facts.score(of: dimension) else { return false }
            return score >= threshold
        case .all(let parts):
            return parts.allSatisfy { $0.holds(in: facts, course: course) }
        case .any(let parts):
            return parts.contains { $0.holds(in: facts, course: course) }
        case .not(let inner):
            return !inner.holds(in: facts, course: course)
        }
    }

    /// A short, language-neutral rendering for graphs: `quiz ∈ {a, b}`, `navigation < 3`.
    public var summary: String {
        func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
        switch self {
        case .answer(let question, let choices):
            let sorted = choices.sorted()
            return sorted.count == 1
                ? "\(question) = \(sorted[0])" : "\(question) ∈ {\(sorted.joined(separator: ", "))}"
        case .correct(let question, let expected):
            return expected ? "\(question) right" : "\(question) wrong"
        case .scoreBelow(let dimension, let threshold):
            return "\(dimension) < \(number(threshold))"
        case .scoreAtLeast(let dimension, let threshold):
            return "\(dimension) ≥ \(number(threshold))"
        case .all(let parts):
            return parts.map { "(\($0.summary))" }.joined(separator: " and ")
        case .any(let parts):
            return parts.map { "(\($0.summary))" }.joined(separator: " or ")
        case .not(let inner):
            return "not (\(inner.summary))"
        }
    }
}
