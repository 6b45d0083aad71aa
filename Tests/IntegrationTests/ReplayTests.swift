import Foundation
import ParcoursCore
import ParcoursStore
import ParcoursTestSupport
import Testing

/// Replay equals live, for real: random walks typed into the `REPL`, written by the
/// `ProgressStore`, read back by every reader parcours has (the store's events, the cohort
/// scan, an exported bundle through `BundleCodec`, a bundle imported into another store),
/// fold to the progress the REPL held in memory, sitting by sitting.
///
/// Nothing here folds the same events twice: the live state is the REPL's, built from the
/// drafts it stamped, and the replayed one comes out of SQLite or JSON.
@Suite("Replay equals live: the REPL through the store")
struct ReplayTests {
    /// One seed's walk on one of the fixture courses; every fourth on a file store.
    static func walk(seed: Int) throws -> (StoredWalk, Scratch) {
        let scratch = try Scratch()
        let store =
            seed.isMultiple(of: 4)
            ? try ProgressStore.open(path: scratch.path("progress.sqlite")) : try ProgressStore.inMemory()
        let fixture = CourseFixture.all[seed % CourseFixture.all.count]
        return (try StoredWalk(fixture, seed: UInt64(seed) &* 7_919 &+ 17, store: store), scratch)
    }

    @Test(arguments: 0..<60)
    func theStoredLogFoldsToTheREPLsProgress(seed: Int) throws {
        let (walk, _) = try Self.walk(seed: seed)
        let events = try walk.store.events(of: walk.enrollment.id)
        #expect(events.map(\.seq) == Array(1...events.count), "a dense log")
        #expect(LearnerProgress.fold(events) == walk.live)
        for (count, live) in zip(walk.eventCounts, walk.liveAfterSittings) {
            #expect(LearnerProgress.fold(events.prefix(count)) == live, "after \(count) events")
        }
        let scanned = try #require(try walk.store.cohort().enrollments.first)
        #expect(scanned.progress == walk.live, "the cohort scan folds what the REPL held")
    }

    @Test(arguments: 0..<30)
    func anExportedBundleFoldsToTheREPLsProgress(seed: Int) throws {
        let (walk, _) = try Self.walk(seed: seed)
        let exported = try #require(try walk.store.bundle(forParticipantNamed: "ada", exportedAt: walk.clock.now))
        let read = try BundleCodec.decode(try BundleCodec.encode(exported))
        #expect(read == exported)
        let enrollment = try #require(read.enrollments.first)
        #expect(LearnerProgress.fold(enrollment.events) == walk.live)
        // What the REPL writes is a log the import accepts, and imports to the same walk.
        try read.validate(courses: [walk.course.id: walk.course], now: walk.clock.now)
        let other = try ProgressStore.inMemory()
        try other.importBundle(read)
        let imported = try #require(try other.enrollments().first)
        #expect(LearnerProgress.fold(try other.events(of: imported.id)) == walk.live)
    }

    @Test func theWalksWriteEveryKindOfEvent() throws {
        // Replay is only checked for what the walks write: every event type, walks that reach
        // the end of their path, and walks with steps set aside for time.
        var types = Set<EventType>()
        var finished = 0
        var setAside = 0
        for seed in 0..<60 {
            let (walk, _) = try Self.walk(seed: seed)
            types.formUnion(try walk.store.events(of: walk.enrollment.id).map(\.type))
            if walk.live.isFinished { finished += 1 }
            if walk.live.waived.values.contains(where: { $0.reason == .timeBudget }) { setAside += 1 }
        }
        #expect(types == Set(EventType.allCases))
        #expect(finished >= 10, "\(finished) finished")
        #expect(setAside >= 3, "\(setAside) with steps set aside")
    }
}

/// A temporary directory that disappears with the test that made it.
final class Scratch: Sendable {
    let directory: String

    init() throws {
        let name = "parcours-integration-\(UUID().uuidString)"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }
}
