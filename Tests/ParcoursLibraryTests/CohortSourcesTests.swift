import Foundation
import ParcoursCore
import ParcoursReport
import ParcoursStore
import ParcoursTestSupport
import Testing

@testable import ParcoursLibrary

@Suite struct CohortSourcesTests {
    let scratch: Scratch
    init() throws { scratch = try Scratch() }

    /// A store in which `names` each started the fixture's path and entered its first step.
    func store(_ names: [String], at file: String) throws -> ProgressStore {
        let courses = CourseLookup(library: ContentLibrary.scan(roots: [try scratch.course()]), environment: [:])
        let version = try #require(try courses.graph("demo")).contentHash
        let store = try ProgressStore.open(path: scratch.path(file))
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        for name in names {
            let participant = try store.participant(named: name, at: start)
            let started = Event(
                seq: 1, type: .started,
                payload: EventPayload(
                    courseID: "demo", pathID: "main", courseVersion: version, language: "fr", attempt: 1),
                at: start)
            _ = try store.startEnrollment(
                participantID: participant.id, courseID: "demo", pathID: "main", courseVersion: version, cohort: nil,
                started: started,
                then: [Event(seq: 2, type: .entered, stepID: "intro", at: start.addingTimeInterval(1))],
                durability: .synced, unlessUnfinished: false)
        }
        return store
    }

    func report(_ files: [String]) throws -> CohortReport {
        let courses = CourseLookup(library: ContentLibrary.scan(roots: [scratch.path("content")]), environment: [:])
        return try CohortSources.report(
            files, options: ReportOptions(now: Date(timeIntervalSince1970: 1_767_229_200)), courses: courses)
    }

    @Test func anAttemptInAStoreAndInABundleIsCountedOnce() throws {
        let store = try store(["ada", "bea"], at: "cohort.sqlite")
        let bundle = try #require(try store.bundle(forParticipantNamed: "ada"))
        _ = FileManager.default.createFile(atPath: scratch.path("ada.json"), contents: try BundleCodec.encode(bundle))
        let alone = try report([scratch.path("cohort.sqlite")])
        #expect(alone.participants.map(\.name).sorted() == ["ada", "bea"] && alone.notices.isEmpty)
        let both = try report([scratch.path("cohort.sqlite"), scratch.path("ada.json"), scratch.path("ada.json")])
        #expect(both == alone)
        let bundleOnly = try report([scratch.path("ada.json")])
        #expect(bundleOnly.participants.map(\.name) == ["ada"] && bundleOnly.notices.isEmpty)
    }

    @Test func aBundleIsTheFileWhoseFirstByteIsABrace() throws {
        _ = try store(["ada"], at: "cohort.sqlite")
        try scratch.write("\u{FEFF} \n\t{\"format\": 1}", to: "padded.json")
        try scratch.write("[{}]", to: "array.json")
        #expect(CohortSources.isBundle(scratch.path("padded.json")))
        #expect(!CohortSources.isBundle(scratch.path("array.json")))
        #expect(!CohortSources.isBundle(scratch.path("cohort.sqlite")))
        #expect(!CohortSources.isBundle(scratch.path("missing.json")))
    }

    @Test func aMissingBundleIsUnreadable() throws {
        _ = try scratch.course()
        let error = #expect(throws: LibraryError.self) {
            try CohortSources.bundleRecords(scratch.path("gone.json"), course: { _ in nil }, now: Date())
        }
        #expect(error == .unreadable(path: scratch.path("gone.json")))
    }
}
