import Foundation
import ParcoursTestSupport
import Testing

/// `Tests/Scripts/reading-time.py`: every shipped estimate covers the step's reading time
/// (200 words a minute) and the work it announces, and an estimate below it is caught.
@Suite("Step estimates against reading time")
struct ReadingTimeTests {
    static let script = Binary.packageRoot + "/Tests/Scripts/reading-time.py"

    @Test func shippedEstimatesCoverReadingAndAnnouncedWork() throws {
        let courses = ["alliances-territoires", "parcours-tour"].map { Binary.packageRoot + "/Paths/\($0).yml" }
        let result = try Binary.tool("python3", [Self.script] + courses, input: "")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("FAIL"))
        // One row per step: the 15-minute self-diagnosis is 1 min of reading + 15 of work.
        let row = result.stdout.split(separator: "\n").first { $0.hasPrefix("self-diagnosis ") }
        let columns = row.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(columns.count >= 8, "no row for self-diagnosis")
        #expect(Int(columns.dropFirst(2).first ?? "") ?? 0 > 50, "words: \(columns)")
        #expect(Array(columns.dropFirst(3).prefix(5)) == ["1", "15", "16", "16", "0"], "\(columns)")
    }

    /// A lesson of 250 words is 2 minutes of reading; an activity with a 5-minute countdown
    /// needs its reading time on top.
    static func graph(lessonMinutes: Int, activityMinutes: Int) -> String {
        Fixture.graph.replacing(
            "  - id: intro\n    kind: lesson\n    minutes: 3",
            with: "  - id: intro\n    kind: lesson\n    minutes: \(lessonMinutes)"
        ).replacing(
            "  - id: fix\n    kind: lesson\n    minutes: 2",
            with: "  - id: fix\n    kind: activity\n    minutes: \(activityMinutes)\n    countdown: 5")
    }

    static let longBody = Array(repeating: "mot", count: 250).joined(separator: " ")

    static func run(lessonMinutes: Int, activityMinutes: Int) throws -> Binary.Result {
        let home = try Fixture.write(
            to: Binary.temporaryDirectory(),
            graph: graph(lessonMinutes: lessonMinutes, activityMinutes: activityMinutes),
            fr: Fixture.locale("fr").replacing("Bonjour **vous**.", with: longBody))
        return try Binary.tool("python3", [Self.script, home + "/Paths/demo.yml"], input: "")
    }

    @Test func anEstimateBelowItsReadingTimeFails() throws {
        let low = try Self.run(lessonMinutes: 1, activityMinutes: 5)
        #expect(low.status == 1, "\(low.stdout)\(low.stderr)")
        #expect(low.stdout.contains("intro: minutes 1 is below its need 2 (251 words"), "\(low.stdout)")
        #expect(low.stdout.contains("fix: minutes 5 is below its need 6"), "\(low.stdout)")
        // The same course with honest estimates passes.
        let honest = try Self.run(lessonMinutes: 2, activityMinutes: 6)
        #expect(honest.status == 0, "\(honest.stdout)\(honest.stderr)")
    }
}
