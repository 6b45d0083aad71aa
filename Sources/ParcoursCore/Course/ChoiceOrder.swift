/// The order in which one learner sees a question's choices: shuffled with the seed their
/// attempt's `started` event carries, the same on every screen that shows the question
/// (the REPL, its resume, the journal, an export), and stable across versions of parcours.
///
/// - Each question has its own order, drawn from the seed and the question's id, so the
///   order of one question does not depend on which questions came before it.
/// - A choice marked `fixed: true` ("none of the above") keeps its written place; the others
///   are shuffled among the remaining places.
/// - A question with `shuffle: false`, and every question of an attempt without a seed (one
///   started before choices were shuffled), shows the written order.
///
/// Answers are recorded by choice id, never by position, so an order changes no answer.
///
/// ```swift
/// let shown = ChoiceOrder.choices(of: step, seed: progress.seed)   // [Choice]
/// ```
public enum ChoiceOrder {
    /// The largest seed: seeds are 32-bit, exact in every JSON reader.
    public static let maximumSeed = Int(UInt32.max)

    /// `step`'s choices in the order the learner with `seed` sees them.
    public static func choices(of step: Step, seed: Int?) -> [Choice] {
        guard let seed, step.shufflesChoices, step.choices.count > 1 else { return step.choices }
        var movable = step.choices.indices.filter { !step.choices[$0].isFixed }
        var generator = SplitMix64(state: UInt64(truncatingIfNeeded: seed) ^ FNV1a.hash(step.id.utf8))
        // Fisher–Yates, written out: `shuffle(using:)` may draw differently in another
        // version of the standard library, and an order must never change under a learner.
        if movable.count > 1 {
            for index in stride(from: movable.count - 1, to: 0, by: -1) {
                let other = Int(generator.next() % UInt64(index + 1))
                movable.swapAt(index, other)
            }
        }
        var order = step.choices
        var next = movable.makeIterator()
        for place in order.indices where !step.choices[place].isFixed {
            if let source = next.next() { order[place] = step.choices[source] }
        }
        return order
    }

    /// SplitMix64: small, seeded, the same on every platform.
    struct SplitMix64 {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
