import Foundation
import ParcoursTestSupport
import Testing

/// `parcours report` on a cohort store filled by real REPL runs, read back in every format.
@Suite("parcours report", .serialized)
struct ReportTests {
    /// The participants of the cohort store, and what each one typed.
    static let walks: [(name: String, cohort: String, input: String)] = [
        ("ada", "A", "\n1\n\n\n"),  // right answer: finished
        ("bob", "A", "\n"),  // stopped on the quiz
        ("cy", "A", ""),  // entered the intro, nothing more
        ("<script>alert(1)</script>", "A", "\n2\n"),  // wrong answer: on the fix
        ("=cmd|' /C calc'!A0", "A", "\n2\n\npasser\n"),  // skipped the optional fix
        ("\u{1B}[2Jwipe", "A", "\n"),
        ("dee", "B", "\n1\n\n\n"),
    ]

    /// One cohort store in a temporary directory, built once per test.
    struct Cohort {
        let directory: String
        let home: String
        let store: String

        init() throws {
            directory = try Binary.temporaryDirectory()
            home = try Fixture.write(to: directory + "/home")
            for language in ["fr", "en"] {
                try FileManager.default.copyItem(
                    atPath: Binary.packageRoot + "/Locales/\(language)/ui.yml",
                    toPath: home + "/Locales/\(language)/ui.yml")
            }
            store = directory + "/cohort.sqlite"
            for walk in ReportTests.walks {
                let result = try Binary.run(
                    [
                        "start", "main", "--cohort", walk.cohort, "--as", walk.name, "--store", store,
                        "--home", home,
                    ], input: walk.input, directory: directory)
                #expect(result.status == 0, "\(walk.name): \(result.stderr)")
            }
        }

        func report(_ arguments: [String]) throws -> Binary.Result {
            try Binary.run(["report", "--home", home] + arguments, directory: directory)
        }

        func status(of name: String) throws -> [String: Any] {
            let result = try Binary.run(
                ["status", "--json", "--as", name, "--store", store, "--home", home],
                directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonFiguresEqualEachLearnersStatus() throws {
        let cohort = try Cohort()
        let result = try cohort.report([cohort.store, "--cohort", "A", "--format", "json", "--stalled-after", "600"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try Self.json(result.stdout)
        #expect(root["formatVersion"] as? Int == 1)
        let rows = try #require(root["participants"] as? [[String: Any]])
        let expected = Self.walks.filter { $0.cohort == "A" }.map(\.name)
        #expect(Set(rows.compactMap { $0["name"] as? String }) == Set(expected))
        for row in rows {
            let name = try #require(row["name"] as? String)
            let status = try cohort.status(of: name)
            #expect(row["completedRequired"] as? Int == status["completedSteps"] as? Int, "\(name)")
            #expect(row["required"] as? Int == status["requiredSteps"] as? Int, "\(name)")
            #expect(row["activeSeconds"] as? Int == status["activeSeconds"] as? Int, "\(name)")
            #expect(row["budgetSeconds"] as? Int == status["budgetSeconds"] as? Int, "\(name)")
            #expect(row["currentStep"] as? String == status["currentStep"] as? String, "\(name)")
            let finished = status["finished"] as? Bool == true
            #expect((row["status"] as? String == "finished") == finished, "\(name)")
            if !finished {
                #expect(row["pace"] as? String == status["pace"] as? String, "\(name)")
            }
            #expect(row["cohort"] as? String == "A")
            let last = try #require(row["lastActivity"] as? String)
            #expect(ISO8601DateFormatter().date(from: last) != nil)
        }
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as? String ?? "", $0) })
        #expect(byName["ada"]?["status"] as? String == "finished")
        #expect(byName["ada"]?["percent"] as? Int == 100)
        #expect(byName["bob"]?["status"] as? String == "in-progress")
        #expect(byName["cy"]?["status"] as? String == "not-started")
        let waived = byName["=cmd|' /C calc'!A0"]?["waived"] as? [[String: Any]]
        #expect(waived?.first?["step"] as? String == "fix")
        let steps = try #require(root["steps"] as? [[String: Any]])
        let intro = try #require(steps.first { $0["step"] as? String == "intro" })
        #expect(intro["reached"] as? Int == 6)
        #expect(intro["completed"] as? Int == 5)
        #expect(intro["estimateSeconds"] as? Int == 180)
    }

    /// One learner's log damaged in the store (an unreadable payload): every format still
    /// reads, counts the others, and names the damaged attempt in a notice.
    @Test(arguments: ["json", "csv", "html", "table"])
    func aDamagedLogIsLeftOutWithANotice(format: String) throws {
        let cohort = try Cohort()
        let sqlite = try ProcessRunner.run(
            executable: "/usr/bin/sqlite3",
            arguments: [
                cohort.store,
                "UPDATE event SET payload = '{\"choices\": 7}' WHERE seq = 3 AND enrollment_id = "
                    + "(SELECT e.id FROM enrollment e JOIN participant p ON p.id = e.participant_id WHERE p.name = 'ada')",
            ])
        #expect(sqlite.status == 0, "\(sqlite.standardError)")
        let result = try cohort.report([cohort.store, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        // CSV has no room for notices: they go to standard error.
        let notices = format == "csv" ? result.stderr : result.stdout
        #expect(notices.contains("attempt 1 at demo/main was left out: its event 3 cannot be read"), "\(notices)")
        #expect(result.stdout.contains("dee"), "the other learners are counted")
        if format == "json" {
            let rows = try #require(try Self.json(result.stdout)["participants"] as? [[String: Any]])
            #expect(!rows.contains { $0["name"] as? String == "ada" })
            #expect(rows.count == Self.walks.count - 1)
        }
    }

    @Test func stalledAfterSilence() throws {
        let cohort = try Cohort()
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3_600))
        let result = try cohort.report([
            cohort.store, "--format", "json", "--now", later, "--stalled-after", "30",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try Self.json(result.stdout)["participants"] as? [[String: Any]])
        for row in rows {
            let finished = row["status"] as? String == "finished"
            #expect(row["pace"] as? String == (finished ? nil : "stalled"), "\(row)")
        }
    }

    @Test func csvReadsBackAndNeutralisesFormulas() throws {
        let cohort = try Cohort()
        let result = try cohort.report([cohort.store, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(CSVParser.parse(result.stdout))
        #expect(rows.first?.first == "name")
        #expect(rows.count == Self.walks.count + 1)
        let names = rows.dropFirst().map { $0[0] }
        #expect(names.contains("'=cmd|' /C calc'!A0"))
        #expect(names.contains("<script>alert(1)</script>"))
        #expect(!names.contains("=cmd|' /C calc'!A0"))
        #expect(!result.stdout.contains("\u{1B}"), "no terminal escape in the file")
        let json = try Self.json(try cohort.report([cohort.store, "--format", "json"]).stdout)
        let figures = (json["participants"] as? [[String: Any]] ?? []).map {
            "\($0["completedRequired"] as? Int ?? -1)/\($0["required"] as? Int ?? -1)"
        }
        let header = rows[0]
        let done = try #require(header.firstIndex(of: "completed_required"))
        let required = try #require(header.firstIndex(of: "required"))
        #expect(rows.dropFirst().map { "\($0[done])/\($0[required])" } == figures)
    }

    @Test func htmlIsWellFormedAndInert() throws {
        let cohort = try Cohort()
        let out = cohort.directory + "/report.html"
        let result = try cohort.report([cohort.store, "--format", "html", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<svg"))
        let checker = """
            import html.parser, sys
            VOID = {"meta", "br", "img", "link", "input", "hr"}
            class Check(html.parser.HTMLParser):
                def __init__(self):
                    super().__init__()
                    self.stack, self.bad = [], []
                def handle_starttag(self, tag, attrs):
                    if tag in ("script", "iframe", "object", "embed"): self.bad.append(tag)
                    for name, value in attrs:
                        if name.startswith("on") or (value or "").startswith(("http:", "https:", "//")) and name in ("src", "href"):
                            self.bad.append(name)
                    if tag not in VOID: self.stack.append(tag)
                def handle_startendtag(self, tag, attrs):
                    if tag in ("script", "iframe", "object", "embed"): self.bad.append(tag)
                def handle_endtag(self, tag):
                    if not self.stack or self.stack[-1] != tag: self.bad.append("/" + tag)
                    else: self.stack.pop()
            c = Check(); c.feed(sys.stdin.read()); c.close()
            print("ok" if not c.bad and not c.stack else f"bad {c.bad} open {c.stack}")
            """
        let check = try Binary.tool("python3", ["-c", checker], input: html)
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(check.stdout)\(check.stderr)")
    }

    @Test func tableThroughAPipeHasNoEscapeCodes() throws {
        let cohort = try Cohort()
        let result = try cohort.report([cohort.store])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("7 attempt(s)"))
        #expect(result.stdout.contains("<script>"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func defaultSourceIsTheStoreFromTheEnvironment() throws {
        let cohort = try Cohort()
        let result = try Binary.run(
            ["report", "--home", cohort.home, "--format", "json"],
            environment: ["PARCOURS_STORE": cohort.store], directory: cohort.directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try Self.json(result.stdout)["participants"] as? [Any])?.count == Self.walks.count)
    }

    @Test func aReportNeverChangesTheStore() throws {
        let cohort = try Cohort()
        let files = [cohort.store, cohort.store + "-wal"].filter {
            FileManager.default.fileExists(atPath: $0)
        }
        func snapshot() throws -> [String: (Data, Date)] {
            var result: [String: (Data, Date)] = [:]
            for file in files {
                let attributes = try FileManager.default.attributesOfItem(atPath: file)
                result[file] = (
                    try Data(contentsOf: URL(fileURLWithPath: file)),
                    attributes[.modificationDate] as? Date ?? .distantPast
                )
            }
            return result
        }
        let before = try snapshot()
        for format in ["table", "csv", "json", "html"] {
            #expect(try cohort.report([cohort.store, "--format", format]).status == 0)
        }
        let after = try snapshot()
        for file in files {
            #expect(before[file]?.0 == after[file]?.0, "\(file) bytes changed")
            #expect(before[file]?.1 == after[file]?.1, "\(file) mtime changed")
        }
    }

    @Test func aGarbageFileIsRefusedWith65AndLeftAlone() throws {
        let directory = try Binary.temporaryDirectory()
        let garbage = directory + "/garbage.sqlite"
        let bytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) })
        try bytes.write(to: URL(fileURLWithPath: garbage))
        let mtime = try FileManager.default.attributesOfItem(atPath: garbage)[.modificationDate] as? Date
        let home = try Fixture.write(to: directory + "/home")
        let result = try Binary.run(["report", garbage, "--home", home], directory: directory)
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("est abîmé, ou ce n’est pas un fichier de progression parcours"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: garbage)) == bytes)
        #expect(try FileManager.default.attributesOfItem(atPath: garbage)[.modificationDate] as? Date == mtime)
        #expect(!FileManager.default.fileExists(atPath: garbage + "-wal"))
        let missing = try Binary.run(["report", directory + "/none.sqlite", "--home", home], directory: directory)
        #expect(missing.status == 66)
    }

    @Test func watchRedrawsUntilInterrupted() throws {
        let cohort = try Cohort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["report", cohort.store, "--home", cohort.home, "--watch", "1"]
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": cohort.directory, "LANG": "C.UTF-8", "PARCOURS_TEST_SEED": "none",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try ProcessLaunch.run(process)
        Thread.sleep(forTimeInterval: 2.5)
        process.interrupt()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "Ctrl-C ends the watch")
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.components(separatedBy: "7 attempt(s)").count - 1 >= 2, "\(text)")
        #expect(!text.contains("\u{1B}[2J"), "no screen clearing through a pipe")
    }
}
