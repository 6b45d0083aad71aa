import Foundation
import ParcoursCore
import Testing

/// Each learner sees a question's choices in an order of their own, drawn from their
/// attempt's seed: the same every time for one seed, different between learners, with
/// pinned choices in their written place.
@Suite("Choice order")
struct ChoiceOrderTests {
    static let graph = """
        formatVersion: 1
        course: order
        version: "1"
        sourceLanguage: fr
        paths:
          - id: main
            budget: PT10M
            steps: [four, pinned, written, end]
        steps:
          - id: four
            kind: question
            minutes: 1
            choices:
              - { id: a, correct: true }
              - { id: b }
              - { id: c }
              - { id: d }
          - id: pinned
            kind: question
            minutes: 1
            answer: multiple
            choices:
              - { id: a, fixed: true }
              - { id: b, correct: true }
              - { id: c }
              - { id: d }
              - { id: none, fixed: true }
          - id: written
            kind: question
            minutes: 1
            shuffle: false
            choices:
              - { id: a, correct: true }
              - { id: b }
              - { id: c }
          - id: end
            kind: lesson
            minutes: 1
            final: true

        """

    static func step(_ id: String) throws -> Step {
        let course = try CourseLoader.load(graph: SourceText(path: "Paths/order.yml", text: graph))
        return try #require(course.steps[id])
    }

    static func order(_ step: Step, seed: Int?) -> String {
        ChoiceOrder.choices(of: step, seed: seed).map(\.id).joined()
    }

    @Test func withoutASeedTheWrittenOrderIsKept() throws {
        #expect(Self.order(try Self.step("four"), seed: nil) == "abcd")
    }

    @Test func aQuestionThatSaysShuffleFalseKeepsItsOrder() throws {
        let step = try Self.step("written")
        for seed in 0..<50 { #expect(Self.order(step, seed: seed) == "abc") }
    }

    /// The order of a seed never changes: a learner's resume, an export read next year, and
    /// another version of parcours all show the same. Pinned values, so a change of the
    /// shuffle is seen here first.
    @Test func aSeedAlwaysGivesTheSameOrder() throws {
        let step = try Self.step("four")
        let orders = (0..<8).map { Self.order(step, seed: $0) }
        #expect(orders == (0..<8).map { Self.order(step, seed: $0) })
        #expect(orders == Self.pinned)
    }

    static let pinned = ["cdba", "cbda", "adcb", "cabd", "bdca", "cadb", "abdc", "cbad"]

    @Test func learnersGetDifferentOrdersOfFourChoices() throws {
        let step = try Self.step("four")
        let orders = (0..<64).map { Self.order(step, seed: $0 * 7_919) }
        // 24 orders are possible: 64 learners meet most of them, and the right answer is
        // not always in the same place.
        #expect(Set(orders).count >= 18, "\(Set(orders).count) orders")
        for position in 0..<4 {
            let here = orders.filter { Array($0)[position] == "a" }.count
            #expect((6...26).contains(here), "the right answer is at \(position + 1) for \(here) of 64")
        }
        // Two questions of one learner are not shuffled alike.
        let other = try Self.step("pinned")
        #expect((0..<16).contains { Self.order(step, seed: $0) != Self.order(other, seed: $0).filter { $0 != "n" } })
    }

    @Test func pinnedChoicesKeepTheirPlace() throws {
        let step = try Self.step("pinned")
        var middles = Set<String>()
        for seed in 0..<100 {
            let shown = ChoiceOrder.choices(of: step, seed: seed).map(\.id)
            #expect(shown.first == "a" && shown.last == "none", "\(shown)")
            #expect(Set(shown) == ["a", "b", "c", "d", "none"])
            middles.insert(shown[1...3].joined())
        }
        #expect(middles.count == 6)
    }
}
