import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursStore

/// The walk's adaptation survives the log: set-asides and a step taken back, replayed from
/// the store (and through the cohort scan's own parser), give the walk played live.
@Suite("Walk adaptation through the store")
struct WalkAdaptationStoreTests {
    @Test(arguments: StoreKind.allCases)
    func replayEqualsLive(kind: StoreKind) throws {
        let course = try CourseLoader.load(
            graph: SourceText(path: "Paths/demo.yml", text: ParcoursTestSupport.Fixture.Branches.graph))
        let path = try #require(course.path("main"))
        let navigator = Navigator(course: course, path: path)
        let session = SessionEvents(navigator: navigator)
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let participant = try store.participant(named: "ada")

        var live = LearnerProgress()
        var clock = Fixture.start
        var enrollment: Enrollment?
        func commit(_ drafts: [EventDraft]) throws {
            clock += 7
            let events = session.stamp(drafts, on: live, at: clock).events
            for event in events { live.apply(event) }
            if let enrollment {
                try store.append(events, to: enrollment.id)
            } else {
                enrollment = try store.startEnrollment(
                    participantID: participant.id, courseID: "demo", pathID: "main", courseVersion: course.contentHash,
                    cohort: nil, started: events[0])
                try store.append(Array(events.dropFirst()), to: try #require(enrollment).id)
            }
        }
        try commit(session.start(language: "fr", cohort: nil, attempt: 1))
        try commit(session.advance(live))
        try commit([session.answer("quiz", choices: ["b"])])
        #expect(live.waived.keys.sorted() == ["extra2", "extra3"])
        try commit([session.restore("extra3")])
        try commit(session.advance(live))

        let id = try #require(enrollment).id
        let replayed = LearnerProgress.fold(try store.events(of: id))
        #expect(replayed == live)
        #expect(navigator.projection(replayed) == navigator.projection(live))
        #expect(navigator.position(replayed).total == 6)
        let scanned = try #require(try store.cohort().enrollments.first).progress
        #expect(scanned == live, "the cohort scan reads `restored` as the fold does")
        #expect(scanned.waived.keys.sorted() == ["extra2"])
    }
}
