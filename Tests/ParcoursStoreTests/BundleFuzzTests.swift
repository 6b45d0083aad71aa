import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursStore

/// Seeded mutations of valid bundles, through the whole import: decode, the replay against
/// the course, the merge, then every reader. Import may refuse any input; it never crashes,
/// and what it accepts leaves every reader working. Bounded in count and time (about 15 s);
/// `make fuzz` runs the same door with libFuzzer for longer.
@Suite("Fuzz: mutated bundles through import and every reader")
struct BundleFuzzTests {
    static let seed: UInt64 = 20_261_203
    static let iterations = 3_000
    static let timeLimit: TimeInterval = 15

    static func course() throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "Paths/demo.yml", text: ParcoursTestSupport.Fixture.graph))
    }

    /// Valid bundles, as the REPL logs walks: right answer, wrong answer and the fix, a skip,
    /// `back`, notes and a saved resource, an unfinished walk.
    static func seeds(_ course: Course) throws -> [[UInt8]] {
        let path = try #require(course.path("main"))
        let session = SessionEvents(navigator: Navigator(course: course, path: path))
        let start = Date().addingTimeInterval(-7_200).rounded
        var bundles: [[UInt8]] = []
        for script in 0..<4 {
            var log = LogRecorder(start: start)
            log.log(session.start(language: "fr", cohort: "C1", attempt: 1), after: 0)
            log.log([session.note("« idée » <b>&</b>", step: log.progress.currentStep)], after: 30)
            log.log(session.advance(log.progress), after: 20)
            log.log([session.answer("quiz", choices: [script == 0 ? "a" : "b"])], after: 40)
            if script == 2 {
                log.log(session.skip(log.progress, reason: .learner, explanation: "déjà vu"), after: 5)
            } else {
                log.log(session.advance(log.progress), after: 5)
            }
            log.log(session.back(log.progress), after: 3)
            log.log([session.save("doc", step: log.progress.currentStep)], after: 2)
            while script != 3, !log.progress.isFinished { log.log(session.advance(log.progress), after: 10) }
            let events = log.events
            let finished = events.last { $0.type == .finished }?.at
            let bundle = ProgressBundle(
                exportedAt: log.clock, participant: BundleParticipant(name: "learner \(script)", createdAt: start),
                enrollments: [
                    BundleEnrollment(
                        courseID: course.id, pathID: "main", courseVersion: course.contentHash, cohort: "C1",
                        attempt: 1, startedAt: start, finishedAt: finished, events: events)
                ])
            try bundle.validate(courses: [course.id: course])
            bundles.append([UInt8](try BundleCodec.encode(bundle)))
        }
        return bundles
    }

    static let extremes = [
        "9223372036854775807", "-9223372036854775808", "4611686018427387904", "-1", "0", "1e308", "1.5",
        "99", "10001", "18446744073709551616",
    ]
    static let strings = [
        "\"\"", "\"nowhere\"", "\"end\"", "\"fix\"", "\"quiz\"", "\"intro\"", "\"0001-01-01T00:00:00.000Z\"",
        "\"9999-12-31T23:59:59.999Z\"", "\"\\u202e\\u0000\\u001b[2J\"", "\"finished\"", "\"started\"", "\"restored\"",
        "\"waived\"", "\"completed\"", "\"entered\"", "null", "[]", "{}",
    ]

    /// One mutation of `bytes`, chosen by `random`.
    static func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        switch random.below(6) {
        case 0:  // a byte changed
            var raw = bytes
            raw[random.below(raw.count)] = UInt8(truncatingIfNeeded: random.next())
            return raw
        case 1:  // a number replaced by an extreme one
            let numbers = text.matches(of: /: (-?[0-9]+(?:\.[0-9]+)?)/).map {
                $0.output.1.startIndex..<$0.output.1.endIndex
            }
            guard let range = numbers.randomElement(using: &random) else { return bytes }
            text.replaceSubrange(range, with: extremes[random.below(extremes.count)])
        case 2:  // a string replaced by another
            let values = text.matches(of: /: ("[^"]*")/).map { $0.output.1.startIndex..<$0.output.1.endIndex }
            guard let range = values.randomElement(using: &random) else { return bytes }
            text.replaceSubrange(range, with: strings[random.below(strings.count)])
        case 3:  // a line dropped
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.remove(at: random.below(lines.count))
            text = lines.joined(separator: "\n")
        case 4:  // a line repeated
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let index = random.below(lines.count)
            lines.insert(lines[index], at: index)
            text = lines.joined(separator: "\n")
        default:  // two mutations
            return mutate(mutate(bytes, &random), &random)
        }
        return Array(text.utf8)
    }

    @Test func importNeverCrashesAndWhatItAcceptsReadsBack() throws {
        let course = try Self.course()
        let seeds = try Self.seeds(course)
        var random = SeededGenerator(seed: Self.seed)
        let started = Date()
        var decoded = 0
        var accepted = 0
        var iteration = 0
        while iteration < Self.iterations, Date().timeIntervalSince(started) < Self.timeLimit {
            iteration += 1
            let input = Self.mutate(seeds[random.below(seeds.count)], &random)
            guard let bundle = try? BundleCodec.decode(Data(input)) else { continue }
            decoded += 1
            guard (try? bundle.validate(courses: [course.id: course])) != nil else { continue }
            let store = try ProgressStore.inMemory()
            guard (try? store.importBundle(bundle)) != nil else { continue }
            accepted += 1
            // Every reader of what was accepted works.
            let context = "iteration \(iteration), seed \(Self.seed)"
            let snapshot = try store.cohort()
            #expect(snapshot.enrollments.allSatisfy { $0.damage == nil }, "\(context)")
            for participant in try store.participants() {
                let exported = try #require(try store.bundle(forParticipantNamed: participant.name), "\(context)")
                _ = try BundleCodec.encode(exported)
                for enrollment in try store.enrollments(of: participant.id) {
                    let events = try store.events(of: enrollment.id)
                    let progress = LearnerProgress.fold(events)
                    let navigator = Navigator(course: course, path: try #require(course.path(enrollment.pathID)))
                    _ = Pacing.pace(progress, navigator: navigator)
                    _ = navigator.position(progress)
                    let attempt = XAPIMapping.Attempt(
                        participant: participant.name, courseID: enrollment.courseID, pathID: enrollment.pathID,
                        courseVersion: enrollment.courseVersion, cohort: enrollment.cohort,
                        attempt: enrollment.attempt)
                    _ = try XAPIMapping.encode(
                        XAPIMapping(courses: [course.id: course]).statements(for: attempt, events: events))
                }
            }
        }
        // The mutations reach every stage: some inputs decode, some of those are refused by
        // the replay, some pass it (the seeds' own mutations that change nothing that matters).
        #expect(iteration >= 500, "only \(iteration) inputs in \(Self.timeLimit) s")
        #expect(decoded > iteration / 10, "\(decoded) of \(iteration) decoded")
        #expect(accepted > 0 && accepted < decoded, "\(accepted) of \(decoded) accepted")
    }
}

extension Date {
    /// Whole milliseconds, as a store keeps times.
    fileprivate var rounded: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1_000).rounded() / 1_000)
    }
}
