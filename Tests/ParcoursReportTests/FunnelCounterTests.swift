import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// The funnel counts steps by node index now; its tallies must be those of the plain
/// version it replaced (kept below as the reference), whatever the logs hold: steps
/// entered twice, steps the path no longer has, waivers, several chunks merged.
@Suite("Step funnel: the indexed counter equals the reference")
struct FunnelCounterTests {
    static func randomProgress(_ seed: UInt64) -> LearnerProgress {
        var state = seed
        func below(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let ids = ["intro", "quiz", "fix", "end", "retired", "older"]
        var progress = LearnerProgress()
        for seq in 1...(1 + below(30)) {
            let step = ids[below(ids.count)]
            let types: [EventType] = [.entered, .entered, .completed, .waived, .answered]
            progress.apply(
                Event(
                    seq: seq, type: types[below(types.count)], stepID: step,
                    at: Date(timeIntervalSince1970: 1_780_000_000 + Double(seq)),
                    activeMilliseconds: below(200_000)))
        }
        return progress
    }

    @Test(arguments: 0..<40)
    func talliesEqualTheReference(seed: Int) throws {
        let course = try Courses.fixture()
        let path = try #require(course.path("main"))
        var chunks = [FunnelCounter(), FunnelCounter(), FunnelCounter()]
        var reference = ReferenceFunnelCounter()
        for index in 0..<(seed * 3 + 1) {
            let progress = Self.randomProgress(UInt64(seed * 1_000 + index))
            let nodes = Navigator(course: course, path: path).nodes(of: progress)
            chunks[index % 3].add(progress, nodes: nodes, course: course, path: path)
            reference.add(progress, course: course, path: path)
        }
        var merged = FunnelCounter()
        for chunk in chunks { merged.merge(chunk) }
        let funnels = merged.funnels(courses: ["demo": course])
        #expect(funnels == reference.funnels(courses: ["demo": course]))
        #expect(funnels.map(\.step).prefix(4) == ["intro", "quiz", "fix", "end"])
        if seed > 3 {
            #expect(funnels.contains { $0.step == "retired" && $0.reached > 0 })
        }
    }
}

/// `FunnelCounter` as it was before it counted by node index: the reference.
struct ReferenceFunnelCounter {
    struct Key: Hashable {
        var course: String
        var path: String
    }

    struct Tally {
        var reached = 0
        var completed = 0
        var waived = 0
        var times: [Int] = []
    }

    private var tallies: [Key: [String: Tally]] = [:]
    private var order: [Key] = []

    mutating func add(_ progress: LearnerProgress, course: Course, path: CoursePath) {
        let key = Key(course: course.id, path: path.id)
        if tallies[key] == nil {
            tallies[key] = [:]
            order.append(key)
        }
        let completed = Set(progress.completed)
        for step in Set(progress.visited) {
            tallies[key]?[step, default: Tally()].reached += 1
        }
        for step in completed {
            tallies[key]?[step, default: Tally()].completed += 1
            tallies[key]?[step, default: Tally()].times.append(
                (progress.stepActiveMilliseconds[step] ?? 0) / 1_000)
        }
        for step in progress.waived.keys {
            tallies[key]?[step, default: Tally()].waived += 1
        }
    }

    /// Adds another counter's tallies (from another chunk of attempts).
    mutating func merge(_ other: ReferenceFunnelCounter) {
        for key in other.order {
            if tallies[key] == nil {
                tallies[key] = [:]
                order.append(key)
            }
            for (step, tally) in other.tallies[key] ?? [:] {
                tallies[key]?[step, default: Tally()].reached += tally.reached
                tallies[key]?[step, default: Tally()].completed += tally.completed
                tallies[key]?[step, default: Tally()].waived += tally.waived
                tallies[key]?[step, default: Tally()].times += tally.times
            }
        }
    }

    /// Every step of every path seen, in the path's order; steps the path no longer has last.
    func funnels(courses: [String: Course]) -> [StepFunnel] {
        var result: [StepFunnel] = []
        for key in order.sorted(by: { ($0.course, $0.path) < ($1.course, $1.path) }) {
            guard let course = courses[key.course], let path = course.path(key.path) else {
                continue
            }
            let tally = tallies[key] ?? [:]
            let known = Set(path.stepIDs)
            for step in path.stepIDs + tally.keys.filter({ !known.contains($0) }).sorted() {
                let counts = tally[step] ?? Tally()
                result.append(
                    StepFunnel(
                        courseID: course.id, pathID: path.id, step: step,
                        isOptional: course.steps[step]?.isOptional ?? false,
                        reached: counts.reached, completed: counts.completed,
                        waived: counts.waived, medianSeconds: StepFunnel.median(counts.times),
                        p80Seconds: StepFunnel.quantiles(counts.times)?.p80,
                        estimateSeconds: (course.steps[step]?.minutes ?? 0) * 60))
            }
        }
        return result
    }
}
