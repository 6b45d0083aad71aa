import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// `Navigator` walks by node index and draws the learner's facts once per walk. Its
/// answers must stay those of the plain version it replaced, kept below word for word as
/// the reference, on any progress: random logs over a course with branches on answers,
/// right answers and scores, optional steps, a branch off the path, steps the path no
/// longer has, waivers ahead of time, back moves and finished walks.
@Suite("Navigator: the indexed walk equals the reference")
struct NavigatorEquivalenceTests {
    static let graph = """
        formatVersion: 1
        course: demo
        version: "1"
        sourceLanguage: fr
        paths:
          - id: main
            budget: PT30M
            steps: [intro, self, quiz, fix, deep, extra, recap, end]
          - id: short
            budget: PT10M
            steps: [intro, quiz, end]
        dimensions: [skill]
        scales:
          - id: five
            points: 5
        steps:
          - id: intro
            kind: lesson
            minutes: 3
          - id: self
            kind: assessment
            minutes: 2
            scale: five
            items:
              - id: can
                dimension: skill
              - id: know
                dimension: skill
            branches:
              - when: { score: skill, below: 2.5 }
                goto: fix
              - when: { score: skill, atLeast: 4 }
                goto: quiz
          - id: quiz
            kind: question
            minutes: 2
            choices:
              - id: a
                correct: true
              - id: b
              - id: c
            branches:
              - when: { answer: quiz, is: c }
                goto: nowhere
              - when: { answer: quiz, correct: true }
                goto: recap
              - when: { answer: quiz, is: b }
                goto: deep
          - id: fix
            kind: lesson
            minutes: 4
            optional: true
          - id: deep
            kind: lesson
            minutes: 5
          - id: extra
            kind: lesson
            minutes: 6
            optional: true
          - id: recap
            kind: lesson
            minutes: 2
            next: end
          - id: nowhere
            kind: lesson
            minutes: 1
          - id: end
            kind: checkpoint
            minutes: 3
            final: true

        """

    static let ids = ["intro", "self", "quiz", "fix", "deep", "extra", "recap", "end", "nowhere", "gone"]

    /// A random log: any event on any step id, the course's or not, in any order.
    static func randomProgress(seed: UInt64) -> LearnerProgress {
        var random = SeededGenerator(seed: seed)
        var progress = LearnerProgress()
        let count = Int.random(in: 0...40, using: &random)
        for seq in 1...max(count, 1) {
            let step = ids.randomElement(using: &random)
            let at = Date(timeIntervalSince1970: 1_700_000_000 + Double(seq * 60))
            let active = Int.random(in: 0...120_000, using: &random)
            let event: Event
            switch Int.random(in: 0..<10, using: &random) {
            case 0, 1, 2: event = Event(seq: seq, type: .entered, stepID: step, at: at, activeMilliseconds: active)
            case 3, 4: event = Event(seq: seq, type: .completed, stepID: step, at: at, activeMilliseconds: active)
            case 5:
                let reason = WaiverReason.allCases.randomElement(using: &random)
                event = Event(
                    seq: seq, type: .waived, stepID: step, payload: EventPayload(reason: reason), at: at,
                    activeMilliseconds: active)
            case 6:
                let choices = ["a", "b", "c"].filter { _ in Bool.random(using: &random) }
                event = Event(
                    seq: seq, type: .answered, stepID: "quiz", payload: EventPayload(choices: choices), at: at,
                    activeMilliseconds: active)
            case 7:
                var ratings: [String: Int] = [:]
                for item in ["can", "know", "stray"] where Bool.random(using: &random) {
                    ratings[item] = Int.random(in: 1...5, using: &random)
                }
                event = Event(
                    seq: seq, type: .rated, stepID: "self", payload: EventPayload(ratings: ratings), at: at,
                    activeMilliseconds: active)
            case 8: event = Event(seq: seq, type: .finished, at: at, activeMilliseconds: active)
            default: event = Event(seq: seq, type: .noted, stepID: step, payload: EventPayload(text: "n"), at: at)
            }
            progress.apply(event)
        }
        return progress
    }

    @Test(arguments: 0..<300)
    func everyAnswerEqualsTheReference(seed: Int) throws {
        let course = try CourseLoader.load(graph: SourceText(path: "Paths/demo.yml", text: Self.graph))
        let progress = Self.randomProgress(seed: UInt64(seed) &* 2_654_435_761 &+ 11)
        for path in course.paths {
            let navigator = Navigator(course: course, path: path)
            let reference = ReferenceNavigator(course: course, path: path)
            for step in Self.ids + [progress.currentStep ?? "intro"] {
                #expect(
                    navigator.successor(of: step, progress: progress)
                        == reference.successor(of: step, progress: progress))
                #expect(
                    navigator.route(from: step, progress: progress) == reference.route(from: step, progress: progress))
            }
            #expect(navigator.route(from: nil, progress: progress) == [])
            #expect(navigator.walk(progress) == reference.walk(progress))
            #expect(navigator.requiredSteps(progress) == reference.requiredSteps(progress))
            #expect(navigator.completedRequired(progress) == reference.completedRequired(progress))
            let counts = navigator.requiredCounts(progress)
            #expect(counts.required == reference.requiredSteps(progress).count)
            #expect(counts.completed == reference.completedRequired(progress))
            #expect(navigator.position(progress) == reference.position(progress))
            #expect(navigator.previous(progress) == reference.previous(progress))
            #expect(navigator.resumePoint(progress) == reference.resumePoint(progress))
            #expect(navigator.plannedMinutesSoFar(progress) == reference.plannedMinutesSoFar(progress))
            // The steps looked up once, as a report shares them between walk, pace and funnel.
            let nodes = navigator.nodes(of: progress)
            #expect(nodes.visited.count == progress.visited.count)
            #expect(nodes.completed.count == progress.completed.count)
            let shared = navigator.requiredCounts(progress, nodes: nodes)
            #expect(shared.required == reference.requiredSteps(progress).count)
            #expect(shared.completed == reference.completedRequired(progress))
            #expect(navigator.plannedMinutesSoFar(progress, nodes: nodes) == reference.plannedMinutesSoFar(progress))
            #expect(navigator.remainingMinutes(progress) == reference.remainingMinutes(progress))
        }
    }

    /// The random logs reach the cases that matter, so the test above can fail.
    @Test func theLogsCoverBranchesWaiversAndStrayIDs() throws {
        let course = try CourseLoader.load(graph: SourceText(path: "Paths/demo.yml", text: Self.graph))
        let main = try #require(course.path("main"))
        let reference = ReferenceNavigator(course: course, path: main)
        var successors = Set<String>()
        var sawWaiver = false
        var sawStray = false
        for seed in 0..<300 {
            let progress = Self.randomProgress(seed: UInt64(seed) &* 2_654_435_761 &+ 11)
            for step in ["self", "quiz"] {
                successors.insert(reference.successor(of: step, progress: progress) ?? "-")
            }
            sawWaiver = sawWaiver || !progress.waived.isEmpty
            sawStray = sawStray || progress.visited.contains("gone")
        }
        #expect(successors.isSuperset(of: ["fix", "quiz", "recap", "deep", "fix"]))
        #expect(sawWaiver && sawStray)
    }
}

/// The `Navigator` as it was before walks ran by node index: the reference.
struct ReferenceNavigator {
    let course: Course
    let path: CoursePath

    init(course: Course, path: CoursePath) {
        self.course = course
        self.path = path
    }

    var firstStep: String? { path.graph.nodes.first?.id }

    /// Where to go after `step`: the first branch that holds and lies on the path, else the
    /// default next. Steps already waived ahead of time (by the planner) are passed over.
    func successor(of step: String, progress: LearnerProgress) -> String? {
        var candidate = immediateSuccessor(of: step, progress: progress)
        var guardCount = 0
        while let next = candidate, progress.waived[next] != nil,
            !progress.completed.contains(next),
            guardCount < path.graph.nodes.count
        {
            candidate = immediateSuccessor(of: next, progress: progress)
            guardCount += 1
        }
        return candidate
    }

    func immediateSuccessor(of step: String, progress: LearnerProgress) -> String? {
        guard let index = path.graph.index[step] else { return nil }
        let node = path.graph.nodes[index]
        if node.isFinal { return nil }
        if let definition = course.steps[step] {
            let facts = LearnerFacts(progress: progress, course: course)
            for branch in definition.branches where path.graph.index[branch.target] != nil {
                if branch.condition.holds(in: facts, course: course) { return branch.target }
            }
        }
        return node.defaultNext.map { path.graph.nodes[$0].id }
    }

    func isFinal(_ step: String) -> Bool {
        path.graph.index[step].map { path.graph.nodes[$0].isFinal } ?? false
    }

    /// The walk still ahead from `step` (included) as things stand, until a final step.
    func route(from step: String?, progress: LearnerProgress) -> [String] {
        guard var current = step else { return [] }
        var seen = Set<String>()
        var route: [String] = []
        while seen.insert(current).inserted {
            route.append(current)
            guard let next = successor(of: current, progress: progress) else { break }
            current = next
        }
        return route
    }

    /// The steps that make up this learner's walk: those seen so far, then those ahead.
    func walk(_ progress: LearnerProgress) -> [String] {
        var seen = Set<String>()
        var steps: [String] = []
        for step in progress.visited + route(from: progress.currentStep, progress: progress)
        where path.graph.index[step] != nil && seen.insert(step).inserted {
            steps.append(step)
        }
        return steps
    }

    /// Core (non-optional) steps of the learner's walk, not waived in advance.
    func requiredSteps(_ progress: LearnerProgress) -> [String] {
        walk(progress).filter { course.steps[$0]?.isOptional == false }
    }

    func completedRequired(_ progress: LearnerProgress) -> Int {
        let completed = Set(progress.completed)
        return requiredSteps(progress).filter(completed.contains).count
    }

    /// Place in the walk for the prompt: (position of the current step, length of the walk).
    func position(_ progress: LearnerProgress) -> (current: Int, total: Int) {
        let steps = walk(progress)
        let index = progress.currentStep.flatMap { steps.firstIndex(of: $0) } ?? 0
        return (index + 1, steps.count)
    }

    /// The step before the current one, for `back`.
    func previous(_ progress: LearnerProgress) -> String? {
        guard let current = progress.currentStep,
            let firstVisit = progress.visited.firstIndex(of: current)
        else { return nil }
        // What came before the step's first visit: going back twice must not bounce forward.
        return progress.visited[..<firstVisit].last { path.graph.index[$0] != nil }
    }

    /// Where to resume after the course may have changed: the current step if it still
    /// exists, else the first step of the path not yet done. Also lists the steps of the
    /// old progress that the path no longer has.
    func resumePoint(_ progress: LearnerProgress) -> (step: String?, removed: [String]) {
        var seen = Set<String>()
        let removed = (progress.visited + progress.completed).filter {
            path.graph.index[$0] == nil && seen.insert($0).inserted
        }
        if let current = progress.currentStep, path.graph.index[current] != nil {
            return (current, removed)
        }
        let next =
            path.stepIDs.first { path.graph.index[$0] != nil && !progress.isDone($0) } ?? firstStep
        return (next, removed)
    }

    /// Minutes the author planned for the steps already behind the learner.
    func plannedMinutesSoFar(_ progress: LearnerProgress) -> Int {
        var seen = Set<String>()
        return progress.visited.filter { $0 != progress.currentStep && seen.insert($0).inserted }
            .reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
    }

    /// Minutes the author planned for the walk still ahead, the current step included.
    func remainingMinutes(_ progress: LearnerProgress) -> Int {
        route(from: progress.currentStep, progress: progress).filter { !progress.isDone($0) }
            .reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
    }
}
