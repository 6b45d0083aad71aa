import ParcoursTerminal
import Testing

@Suite("plan and its words")
struct PlanCommandTests {
    @Test(arguments: [
        ("plan", Command.plan(.show)),
        ("plan appliquer", .plan(.apply)),
        ("PLAN apply", .plan(.apply)),
        ("plan reprendre 2", .plan(.restore(2))),
        ("plan restore 1", .plan(.restore(1))),
        ("plan reprendre", .plan(.restore(nil))),
        ("plan reprendre deux", .plan(.restore(nil))),
        ("plan de vol", .input("plan de vol")),
    ])
    func parses(_ line: String, _ expected: Command) {
        #expect(Command.parse(line) == expected)
    }

    @Test func completionOffersTheWordsAfterPlan() {
        #expect(Command.planWords.contains("reprendre"))
        #expect(Command.planWords.contains("restore"))
        #expect(!Command.words.contains("reprendre"), "alone, it is not a command")
    }
}
