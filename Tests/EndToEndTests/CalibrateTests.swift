import Foundation
import ParcoursTestSupport
import Testing

/// `parcours calibrate` through the built binary, on a synthetic cohort whose active time
/// per step is chosen: participant bundles written here, event by event.
@Suite("parcours calibrate", .serialized)
struct CalibrateTests {
    /// Seconds per learner on intro (estimate 3 min), quiz (2), fix (2, optional; nil:
    /// never done) and end (3). Medians: 180, 300, 600 (4 learners), 60.
    static let cohort: [(intro: Int, quiz: Int, fix: Int?, end: Int)] = [
        (60, 200, 600, 60), (120, 250, 600, 60), (180, 300, 600, 60), (240, 300, 600, 60),
        (300, 350, nil, 60), (600, 400, nil, 60),
    ]

    /// The fixture's graph with comments and a few habits of layout an author may have,
    /// which `--write` must keep byte for byte.
    static let graph = Fixture.graph
        .replacingOccurrences(
            of: "formatVersion: 1\n", with: "# Démo, revue après la cohorte de mars\nformatVersion: 1\n"
        )
        .replacingOccurrences(
            of: "    kind: lesson\n    minutes: 3\n", with: "    kind: lesson\n    minutes: 3   # lecture : 3 min\n"
        )
        .replacingOccurrences(
            of: "    kind: question\n    minutes: 2\n",
            with: "    kind: question\n    # estimé à la louche\n    minutes: 2\n"
        )
        .replacingOccurrences(
            of: "    kind: checkpoint\n    minutes: 3\n", with: "    kind: checkpoint\n    minutes:   3 # bilan\n")

    struct Course {
        let directory: String
        let home: String

        init() throws {
            directory = try Binary.temporaryDirectory()
            home = try Fixture.write(to: directory + "/home", graph: CalibrateTests.graph)
            for language in ["fr", "en"] {
                try FileManager.default.copyItem(
                    atPath: Binary.packageRoot + "/Locales/\(language)/ui.yml",
                    toPath: home + "/Locales/\(language)/ui.yml")
            }
        }

        /// One bundle per learner of the cohort, on `version` of the course.
        func bundles(version: String) throws -> [String] {
            try CalibrateTests.cohort.enumerated().map { index, times in
                let file = directory + "/learner-\(index).parcours.json"
                try CalibrateTests.bundle(name: "learner-\(index)", version: version, times: times)
                    .write(toFile: file, atomically: true, encoding: .utf8)
                return file
            }
        }

        func calibrate(_ arguments: [String]) throws -> Binary.Result {
            try Binary.run(["calibrate", "--home", home] + arguments, directory: directory)
        }
    }

    /// A bundle holding one attempt: each step entered, then completed after its seconds.
    static func bundle(name: String, version: String, times: (intro: Int, quiz: Int, fix: Int?, end: Int)) -> String {
        let start = 1_780_000_000_000
        var clock = start
        var events: [String] = []
        func event(_ type: String, _ step: String?, activeSeconds: Int = 0, payload: String = "{}") {
            clock += activeSeconds * 1_000
            let stepField = step.map { #", "stepID": "\#($0)""# } ?? ""
            events.append(
                #"{"seq": \#(events.count + 1), "type": "\#(type)"\#(stepField), "activeMs": \#(activeSeconds * 1_000), "at": "\#(time(clock))", "payload": \#(payload)}"#
            )
        }
        event(
            "started", nil,
            payload:
                #"{"courseID": "demo", "pathID": "main", "courseVersion": "\#(version)", "language": "fr", "attempt": 1}"#
        )
        let steps: [(String, Int?)] = [
            ("intro", times.intro), ("quiz", times.quiz), ("fix", times.fix), ("end", times.end),
        ]
        for (step, seconds) in steps {
            guard let seconds else { continue }
            event("entered", step)
            if step == "quiz" {
                // As the REPL logs it: the right answer jumps to the end, the wrong one goes
                // through `fix` (import replays the walk).
                event("answered", step, payload: times.fix == nil ? #"{"choices": ["a"]}"# : #"{"choices": ["b"]}"#)
            }
            event("completed", step, activeSeconds: seconds)
        }
        return """
            {"format": "parcours-bundle", "formatVersion": 1, "exportedAt": "\(time(clock))",
             "participant": {"name": "\(name)", "createdAt": "\(time(start))"},
             "enrollments": [{"courseID": "demo", "pathID": "main", "courseVersion": "\(version)", "attempt": 1,
               "startedAt": "\(time(start))", "events": [\(events.joined(separator: ",\n"))]}]}
            """
    }

    static func time(_ milliseconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1_000))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The installed course's version, as calibrate reads it (bundles on an unknown version
    /// give it, with a warning).
    static func installedVersion(_ course: Course) throws -> String {
        let result = try course.calibrate(try course.bundles(version: "0000000000000000") + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("6 attempt(s) on main started on another version of demo"), "\(result.stderr)")
        let path = try #require((try json(result.stdout)["paths"] as? [[String: Any]])?.first)
        #expect(path["otherVersionAttempts"] as? Int == 6)
        return try #require(path["courseVersion"] as? String)
    }

    @Test func jsonGivesTheKnownMediansFlagsAndTypicalTime() throws {
        let course = try Course()
        let version = try Self.installedVersion(course)
        let result = try course.calibrate(try course.bundles(version: version) + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "no warning on the installed version: \(result.stderr)")
        let root = try Self.json(result.stdout)
        #expect(root["formatVersion"] as? Int == 1)
        #expect(root["minLearners"] as? Int == 5)
        let path = try #require((root["paths"] as? [[String: Any]])?.first)
        #expect(path["typicalSeconds"] as? Int == 600)
        #expect(path["observedTypicalSeconds"] as? Int == 180 + 300 + 120 + 60)
        #expect(path["otherVersionAttempts"] as? Int == 0)
        let steps = try #require(path["steps"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: steps.map { ($0["step"] as? String ?? "", $0) })
        #expect(byID["intro"]?["medianSeconds"] as? Int == 180)
        #expect(byID["intro"]?["p80Seconds"] as? Int == 300)
        #expect(byID["intro"]?["flagged"] as? Bool == false)
        #expect(byID["quiz"]?["flagged"] as? Bool == true)
        #expect(byID["quiz"]?["suggestedMinutes"] as? Int == 5)
        #expect(byID["fix"]?["learners"] as? Int == 4)
        #expect(byID["fix"]?["calibrated"] as? Bool == false)
        #expect(byID["end"]?["suggestedMinutes"] as? Int == 1)

        let four = try course.calibrate(
            try course.bundles(version: version) + ["--format", "json", "--min-learners", "4"])
        let fourPath = try #require((try Self.json(four.stdout)["paths"] as? [[String: Any]])?.first)
        #expect(fourPath["observedTypicalSeconds"] as? Int == 180 + 300 + 600 + 60)
    }

    @Test func aStoreGivesWhatItsBundlesGive() throws {
        let course = try Course()
        let version = try Self.installedVersion(course)
        let bundles = try course.bundles(version: version)
        let store = course.directory + "/cohort.sqlite"
        let imported = try Binary.run(["import"] + bundles + ["--store", store, "--home", course.home])
        #expect(imported.status == 0, "\(imported.stderr)")
        let fromBundles = try course.calibrate(bundles + ["--format", "json"])
        let fromStore = try Binary.run(
            ["calibrate", "--home", course.home, "--format", "json"], environment: ["PARCOURS_STORE": store],
            directory: course.directory)
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        #expect(fromStore.stdout == fromBundles.stdout)
    }

    @Test func tableShowsEachStepAndThePathsTypicalTime() throws {
        let course = try Course()
        let version = try Self.installedVersion(course)
        let result = try course.calibrate(try course.bundles(version: version))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.hasPrefix("main: typical 0:10 estimated, 0:11 observed; budget 0:10 (+15 %): fits") == true,
            "\(lines)")
        let header = try #require(lines.first { $0.hasPrefix("Step") })
        for column in ["Estimate", "Median", "P80", "n", "Off", "Suggested"] {
            #expect(header.contains(column), "\(header)")
        }
        let quiz = try #require(lines.first { $0.hasPrefix("quiz ") }).split(separator: " ")
        #expect(quiz == ["quiz", "0:02", "0:05", "0:05", "6", "+150%", "5", "min"], "\(quiz)")
        let fix = try #require(lines.first { $0.hasPrefix("fix ") }).split(separator: " ")
        #expect(fix == ["fix", "optional", "0:02", "0:10", "0:10", "4", "—"], "not calibrated: \(fix)")
    }

    @Test func writeChangesOnlyTheFlaggedNumbersThenLints() throws {
        let course = try Course()
        let version = try Self.installedVersion(course)
        let file = course.home + "/Paths/demo.yml"
        #expect(chmod(file, 0o640) == 0)
        let before = try #require(FileManager.default.contents(atPath: file))
        let result = try course.calibrate(try course.bundles(version: version) + ["--write"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let after = try #require(FileManager.default.contents(atPath: file))
        // Only the two flagged numbers: quiz 2 → 5, end 3 → 1; comments and spacing kept.
        let expected = String(decoding: before, as: UTF8.self)
            .replacingOccurrences(
                of: "    # estimé à la louche\n    minutes: 2\n", with: "    # estimé à la louche\n    minutes: 5\n"
            )
            .replacingOccurrences(of: "    minutes:   3 # bilan\n", with: "    minutes:   1 # bilan\n")
        #expect(expected != String(decoding: before, as: UTF8.self))
        #expect(Array(after) == Array(expected.utf8))
        let changed = zip(before, after).filter { $0 != $1 }.count
        #expect(changed == 2 && before.count == after.count, "two bytes differ")
        var status = stat()
        #expect(stat(file, &status) == 0 && status.st_mode & 0o777 == 0o640, "mode kept")
        #expect(result.stdout.contains("Paths/demo.yml:26:14: quiz: minutes 2 → 5"), "\(result.stdout)")
        #expect(result.stdout.contains("Paths/demo.yml:40:16: end: minutes 3 → 1"), "\(result.stdout)")
        // Lint's verdict on the course written.
        #expect(result.stderr.contains("1 course checked: 0 errors"), "\(result.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: course.home + "/Paths")
        #expect(leftovers == ["demo.yml"], "no temporary file left")

        // Run again on the new version: the same times now fit the new estimates for quiz
        // and end; nothing more to write.
        let again = try course.calibrate(try course.bundles(version: version) + ["--write"])
        #expect(again.stdout.contains("Nothing to write"), "\(again.stdout)")
        #expect(again.stderr.contains("another version of demo"), "the course changed: \(again.stderr)")
    }

    @Test func writeEndsWithLintsStatusWhenTheCourseNoLongerFits() throws {
        let course = try Course()
        let version = try Self.installedVersion(course)
        // Everyone took 12 minutes on the intro: its estimate becomes 12, and even the
        // shortest walk (12 + 5 + 1 minutes) exceeds the 10-minute budget.
        let bundles = try Self.cohort.enumerated().map { index, times in
            let file = course.directory + "/slow-\(index).parcours.json"
            var slow = times
            slow.intro = 720
            try Self.bundle(name: "slow-\(index)", version: version, times: slow)
                .write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }
        let result = try course.calibrate(bundles + ["--write"])
        #expect(result.stdout.contains("intro: minutes 3 → 12"), "\(result.stdout)")
        #expect(result.stdout.contains("error"), "lint's diagnostics: \(result.stdout)")
        #expect(
            result.stderr.contains("1 course checked: 2 errors"), "over-budget and over-budget-walk: \(result.stderr)")
        #expect(result.status == 1)
    }

    @Test func writeRefusesWhenTheCourseIsNotInstalled() throws {
        let course = try Course()
        let bundles = try course.bundles(version: "0000000000000000")
        try FileManager.default.removeItem(atPath: course.home + "/Paths/demo.yml")
        try FileManager.default.removeItem(atPath: course.home + "/Locales/fr/demo.yml")
        try FileManager.default.removeItem(atPath: course.home + "/Locales/en/demo.yml")
        let result = try course.calibrate(bundles + ["--write"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("demo/main"), "\(result.stderr)")
    }
}

/// The cohort report shows each step's estimate against the observed times, in every format.
@Suite("parcours report: estimate against observed", .serialized)
struct ReportObservedTests {
    @Test func everyFormatShowsMedianP80EstimateAndHowFarOff() throws {
        let course = try CalibrateTests.Course()
        let bundles = try course.bundles(version: "0000000000000000")
        func report(_ format: String, _ flags: [String] = []) throws -> String {
            let result = try Binary.run(
                ["report", "--home", course.home, "--format", format] + flags + bundles, directory: course.directory)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        // quiz: median 300 s, p80 350 s, estimate 120 s: +150 %. The table's funnel (--steps)
        // names steps by title and gives their times in min:s.
        let table = try report("table", ["--steps"]).split(separator: "\n").map(String.init)
        let header = try #require(table.first { $0.hasPrefix("Step") && $0.contains("Reached") })
        #expect(header.contains("Median") && header.contains("P80") && header.contains("Off"), "\(header)")
        let quiz = try #require(table.first { $0.hasPrefix("Quiz ") }).split(separator: " ")
        #expect(quiz.suffix(4) == ["5:00", "5:50", "2:00", "+150%"], "\(quiz)")

        let csv = try #require(CSVParser.parse(try report("csv-steps")))
        #expect(
            csv.first == [
                "course", "path", "step", "optional", "reached", "completed", "waived", "median_seconds",
                "p80_seconds", "estimate_seconds", "off_percent",
            ])
        #expect(
            csv.first { $0.count > 2 && $0[2] == "quiz" } == [
                "demo", "main", "quiz", "false", "6", "6", "0", "300", "350", "120", "150",
            ])
        #expect(csv.first { $0.count > 2 && $0[2] == "fix" }?[7...] == ["600", "600", "120", "400"])

        let steps = try #require(try CalibrateTests.json(try report("json"))["steps"] as? [[String: Any]])
        let end = try #require(steps.first { $0["step"] as? String == "end" })
        #expect(end["medianSeconds"] as? Int == 60)
        #expect(end["p80Seconds"] as? Int == 60)
        #expect(end["offByPercent"] as? Int == -66)

        let html = try report("html")
        #expect(html.contains("median 5:00 · est. 2:00 · +150%"), "beside the bar")
        #expect(html.contains("80th percentile 5:50"), "in the bar's title")
    }
}
