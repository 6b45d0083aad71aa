import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@Suite("Folding the log: random walks")
struct FoldPropertyTests {
    enum Action: CaseIterable {
        case advance, answerA, answerB, back, skip, note, rate, save, pause, unpause, suspendResume, idle
    }

    /// One random session: the live progress and the events that built it.
    static func randomWalk(seed: UInt64) throws -> Walker {
        var random = SeededGenerator(seed: seed)
        var walker = try Walker.fixture()
        walker.start()
        let length = Int.random(in: 1...60, using: &random)
        for _ in 0..<length where !walker.progress.isFinished {
            let elapsed = Int.random(in: 0...400_000, using: &random)
            let step = walker.progress.currentStep
            let action = Action.allCases.randomElement(using: &random) ?? .advance
            switch action {
            case .advance:
                walker.commit(walker.session.advance(walker.progress), after: elapsed)
            case .answerA, .answerB:
                guard step == "quiz" else { continue }
                walker.commit(
                    [walker.session.answer("quiz", choices: [action == .answerA ? "a" : "b"])], after: elapsed)
            case .back:
                walker.commit(walker.session.back(walker.progress), after: elapsed)
            case .skip:
                let core = step.flatMap { walker.navigator.course.steps[$0] }?.isOptional == false
                walker.commit(
                    walker.session.skip(walker.progress, reason: .learner, explanation: core ? "vu \(seed)" : nil),
                    after: elapsed)
            case .note:
                walker.commit(
                    [walker.session.note("note \(Int.random(in: 0...99, using: &random)) é✓", step: step)],
                    after: elapsed)
            case .rate:
                guard let step else { continue }
                walker.commit(
                    [
                        walker.session.rate(
                            step,
                            ratings: [
                                "item-\(Int.random(in: 1...2, using: &random))": Int.random(in: 1...5, using: &random)
                            ])
                    ],
                    after: elapsed)
            case .save:
                walker.commit([walker.session.save("doc", step: step)], after: elapsed)
            case .pause:
                walker.commit([EventDraft(.paused, step: step)], after: elapsed)
            case .unpause:
                walker.commit([EventDraft(.unpaused, step: step)], after: elapsed)
            case .suspendResume:
                walker.commit([EventDraft(.suspended, step: step)], after: elapsed)
                walker.commit(walker.session.resume(walker.progress), after: elapsed)
            case .idle:
                walker.now += Double(elapsed) / 1_000
            }
        }
        return walker
    }

    /// That replaying a log gives the live state is checked where it can fail: the REPL's
    /// own progress against its log read back from the store (`IntegrationTests`).
    @Test(arguments: 0..<200)
    func aRandomWalkKeepsTheInvariantsOfTheFold(seed: Int) throws {
        let walker = try Self.randomWalk(seed: UInt64(seed) &* 7_919 &+ 17)
        let events = walker.events

        // The log is dense: seq 1, 2, 3, … with nothing missing.
        #expect(events.map(\.seq) == Array(1...events.count))
        #expect(walker.progress.lastSeq == events.count)

        // Invariants of a well-formed walk.
        #expect(Set(walker.progress.completed).count == walker.progress.completed.count)
        if let current = walker.progress.currentStep {
            #expect(walker.navigator.path.stepIDs.contains(current))
        }
        #expect(walker.progress.activeMilliseconds == events.reduce(0) { $0 + $1.activeMilliseconds })
        #expect(
            walker.navigator.completedRequired(walker.progress) <= walker.navigator.requiredSteps(walker.progress).count
        )
        if walker.progress.isFinished {
            #expect(walker.progress.isDone("end"), "a walk ends on its final step, done or waived")
        }
    }

    /// Time per step is charged event by event to the step on screen before the event, an
    /// entry appearing at the first event, even at 0 ms; the fold keeps the current visit's
    /// time apart, and must give the same dictionary at every prefix.
    @Test(arguments: 0..<100)
    func stepTimesAreChargedToTheStepOnScreen(seed: Int) throws {
        let events = try Self.randomWalk(seed: UInt64(seed) &* 104_729 &+ 3).events
        var live = LearnerProgress()
        var expected: [String: Int] = [:]
        var onScreen: String?
        for event in events {
            if let step = onScreen { expected[step, default: 0] += event.activeMilliseconds }
            if event.type == .entered, let step = event.stepID { onScreen = step }
            live.apply(event)
            #expect(live.stepActiveMilliseconds == expected)
            var visited: [String: Int] = [:]
            live.forEachStepActiveTime { step, milliseconds in
                #expect(visited.updateValue(milliseconds, forKey: step) == nil, "\(step) given twice")
            }
            #expect(visited == expected)
            for step in Set(expected.keys).union(["intro", "quiz", "nowhere"]) {
                #expect(live.activeMilliseconds(onStep: step) == expected[step] ?? 0)
            }
        }
    }

    @Test func theGeneratorIsDeterministic() throws {
        let first = try Self.randomWalk(seed: 42).events
        let second = try Self.randomWalk(seed: 42).events
        #expect(first == second)
        #expect(try Self.randomWalk(seed: 43).events != first)
    }
}
