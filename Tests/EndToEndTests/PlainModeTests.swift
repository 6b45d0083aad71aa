import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// Plain mode, for screen readers: a whole walk of the Alliances course, its status, list
/// and report, read as a transcript. Nothing is drawn, nothing is coloured, every state is
/// said in words.
@Suite("plain mode transcripts")
struct PlainModeTests {
    /// Box-drawing, block and geometric characters, ticks and crosses, bullets, the timer
    /// glyph: what a screen reader spells out or skips.
    static let drawn: [Character] = Array("─━│┃┌┐└┘├┤┬┴┼═║█▉▊▋▌▍▎▏░▒▓■□▪▫●○◆◇✓✔✗✘•◦⏱")

    static func check(_ transcript: String, _ what: String) {
        let found = transcript.filter { Self.drawn.contains($0) }
        #expect(found.isEmpty, "\(what) draws \(Set(found).sorted())")
        #expect(!transcript.contains("\u{1B}"), "\(what) has escape sequences")
    }

    /// Each way of asking for plain mode, on the 2-hour path walked to its end.
    @Test(arguments: [
        ["PARCOURS_PLAIN": "1"], ["ACCESSIBLE": "1"], ["TERM": "dumb"], ["--plain": ""],
    ])
    func aWholeWalkDrawsNothing(_ asked: [String: String]) throws {
        let course = try AlliancesWalkthroughTests.course()
        let path = try #require(course.path("alliances-2h"))
        let script = try WalkScript(course: course, path: path, learner: .init(rating: 2, wrong: ["quiz-offer"]))
        let directory = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let flag = asked["--plain"] != nil ? ["--plain"] : []
        let environment = asked.filter { $0.key != "--plain" }.merging(["COLUMNS": "80"]) { $1 }
        let options = [
            "--as", "camille", "--store", directory + "/progress.sqlite", "--home", Binary.packageRoot, "--lang", "fr",
        ]
        let walk = try Binary.run(
            ["start", "alliances-2h"] + options + flag, input: script.input, environment: environment)
        #expect(walk.status == 0, "\(walk.stderr)")
        Self.check(walk.stdout, "the walk")
        // Progress, answers and scores in words.
        #expect(walk.stdout.contains("Étape 1 sur "))
        #expect(walk.stdout.contains("Pas tout à fait\u{202F}: "), "a wrong answer is said, not crossed")
        #expect(walk.stdout.contains("Juste\u{202F}: "), "a right answer is said, not ticked")
        #expect(walk.stdout.contains("\u{202F}: 2,0 sur 4"), "scores in words, not bars")
        let home = ["--home", Binary.packageRoot, "--lang", "fr"]
        for command in [
            ["status"] + options, ["journal"] + options, ["list"] + home,
            ["report", directory + "/progress.sqlite"] + home,
        ] {
            let result = try Binary.run(command + flag, environment: environment)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            Self.check(result.stdout, command.joined(separator: " "))
        }
    }

    /// The same walk without plain mode does draw: the transcript check can fail.
    @Test func withoutPlainModeTheWalkDraws() throws {
        let course = try AlliancesWalkthroughTests.course()
        let path = try #require(course.path("alliances-2h"))
        let script = try WalkScript(course: course, path: path, learner: .init(rating: 2))
        let directory = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let walk = try Binary.run(
            ["start", "alliances-2h", "--as", "c", "--store", directory + "/p.sqlite", "--home", Binary.packageRoot],
            input: script.input)
        #expect(walk.stdout.contains { Self.drawn.contains($0) })
    }
}
