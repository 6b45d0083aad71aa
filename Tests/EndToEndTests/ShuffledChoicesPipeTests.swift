import Foundation
import ParcoursTestSupport
import Testing

/// Each learner's own order of choices, through the real binary and its store: drawn once
/// at start, kept in the log, the same on every resume; another learner, another order;
/// pinned choices in their place.
@Suite("Shuffled choices through pipes")
struct ShuffledChoicesPipeTests {
    /// The demo course with a four-choice quiz (`d` pinned when `pinned`).
    static func course(pinned: Bool = false) -> (String) throws -> String {
        { directory in
            let graph = Fixture.graph.replacing(
                "      - id: b\n",
                with: "      - id: b\n      - id: c\n      - id: d\n" + (pinned ? "        fixed: true\n" : ""))
            func locale(_ language: String) -> String {
                Fixture.locale(language).replacing(
                    "      b: { label: B, feedback: Non. }\n",
                    with:
                        "      b: { label: B, feedback: Non. }\n      c: { label: C, feedback: Non. }\n      d: { label: D, feedback: Non. }\n"
                )
            }
            return try Fixture.write(to: directory, graph: graph, fr: locale("fr"), en: locale("en"))
        }
    }

    /// The labels of the quiz in the order the screen lists them, each time it is shown.
    static func listings(_ stdout: String) -> [[String]] {
        var listings: [[String]] = []
        var current: [String]?
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("Laquelle\u{202F}?") {
                current = []
            } else if current != nil, let match = line.wholeMatch(of: /\s+(\d)\. ([A-D])/) {
                current?.append(String(match.output.2))
            } else if let done = current, !done.isEmpty {
                listings.append(done)
                current = nil
            }
        }
        if let done = current, !done.isEmpty { listings.append(done) }
        return listings
    }

    func run(_ learner: Learner, _ arguments: [String], input: String, seed: String) throws -> Binary.Result {
        let result = try Binary.run(
            arguments + learner.options, input: input, environment: ["PARCOURS_TEST_SEED": seed],
            directory: learner.directory)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    @Test func theOrderIsKeptInTheLogAndComesBackOnResume() throws {
        let learner = try Learner(course: Self.course())
        // A seed drawn at random, as for any learner.
        let first = try run(learner, ["start", "main"], input: "\nquitter\n", seed: "random")
        let shown = try #require(Self.listings(first.stdout).first)
        #expect(Set(shown) == ["A", "B", "C", "D"])
        let seed = try learner.sql("select json_extract(payload, '$.seed') from event where type = 'started'")
        #expect(Int(seed) != nil, "the started event keeps its seed: \(seed)")
        // Twice back: the same order, whatever the process draws now.
        let again = try run(learner, ["resume"], input: "quitter\n", seed: "random")
        #expect(Self.listings(again.stdout) == [shown])
        let answered = try run(learner, ["resume"], input: "1\nquitter\n", seed: "17")
        #expect(Self.listings(answered.stdout) == [shown])
        // "1" is the first label on screen, recorded by its id.
        let choice = try learner.sql("select json_extract(payload, '$.choices[0]') from event where type = 'answered'")
        #expect(choice == shown[0].lowercased())
        #expect(answered.stdout.contains(shown[0] == "A" ? "✓ A" : "✗ \(shown[0])"), "\(answered.stdout)")
    }

    /// A bundle carries the seed: imported into another store, the attempt resumes with the
    /// learner's order.
    @Test func aBundleCarriesTheOrderToAnotherStore() throws {
        let learner = try Learner(course: Self.course())
        let first = try run(learner, ["start", "main"], input: "\nquitter\n", seed: "random")
        let shown = try #require(Self.listings(first.stdout).first)
        let bundle = learner.directory + "/ada.json"
        _ = try run(learner, ["export", "--out", bundle], input: "", seed: "none")
        var moved = learner
        moved.store = learner.directory + "/laptop.sqlite"
        let imported = try Binary.run(
            ["import", bundle, "--store", moved.store, "--home", learner.home], directory: learner.directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let resumed = try run(moved, ["resume"], input: "quitter\n", seed: "random")
        #expect(Self.listings(resumed.stdout) == [shown])
    }

    @Test func learnersGetDifferentOrders() throws {
        var orders: [[String]] = []
        for seed in 1...8 {
            var learner = try Learner(course: Self.course())
            learner.name = "learner-\(seed)"
            let result = try run(learner, ["start", "main"], input: "\nquitter\n", seed: String(seed * 1_000_003))
            orders.append(try #require(Self.listings(result.stdout).first))
        }
        #expect(Set(orders).count >= 4, "\(orders)")
        #expect(Set(orders.map { $0.firstIndex(of: "A") }).count >= 3, "the right answer moves: \(orders)")
    }

    @Test func aPinnedChoiceStaysInItsPlace() throws {
        var middles = Set<[String]>()
        for seed in 1...8 {
            let learner = try Learner(course: Self.course(pinned: true))
            let result = try run(learner, ["start", "main"], input: "\nquitter\n", seed: String(seed * 7_919))
            let shown = try #require(Self.listings(result.stdout).first)
            #expect(shown.last == "D", "\(shown)")
            middles.insert(Array(shown.dropLast()))
        }
        #expect(middles.count >= 3)
    }

    @Test func anAttemptWithoutASeedKeepsTheWrittenOrder() throws {
        let learner = try Learner(course: Self.course())
        let result = try run(learner, ["start", "main"], input: "\nquitter\n", seed: "none")
        #expect(Self.listings(result.stdout) == [["A", "B", "C", "D"]])
        #expect(try learner.sql("select json_extract(payload, '$.seed') from event where type = 'started'") == "")
    }
}
