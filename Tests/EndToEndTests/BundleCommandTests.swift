import Foundation
import ParcoursTestSupport
import Testing

/// `parcours export` and `parcours import` through the built binary, on the fixture course.
@Suite struct BundleCommandTests {
    /// A temporary directory with the fixture course (and the interface words) and stores.
    struct World {
        let directory: String
        let home: String

        init() throws {
            directory = try Binary.temporaryDirectory()
            home = try Fixture.write(to: directory + "/home")
            for language in ["fr", "en"] {
                try FileManager.default.copyItem(
                    atPath: Binary.packageRoot + "/Locales/\(language)/ui.yml",
                    toPath: home + "/Locales/\(language)/ui.yml")
            }
        }

        func path(_ name: String) -> String { directory + "/" + name }

        func run(_ arguments: [String], input: String = "") throws -> Binary.Result {
            try Binary.run(arguments, input: input, directory: directory)
        }

        /// Walks `main` to the end as `name`: the right answer gives 9 events, the wrong 11.
        func walk(_ name: String, store: String, right: Bool = true, cohort: String? = nil) throws {
            let input = right ? "\n1\n\n\n" : "\n2\n\n\n\n"
            let result = try run(
                ["start", "main", "--as", name, "--store", path(store), "--home", home]
                    + (cohort.map { ["--cohort", $0] } ?? []),
                input: input)
            #expect(result.status == 0, "start failed: \(result.stderr)")
        }

        /// Every event row, as text, in a stable order: what must survive a round trip.
        func events(_ store: String) throws -> String {
            try sqlite(
                store,
                """
                SELECT p.name, e.course_id, e.path_id, e.course_version, e.cohort, e.attempt,
                       e.started_at, e.finished_at, v.seq, v.type, v.step_id, v.payload, v.at, v.active_ms
                FROM event v JOIN enrollment e ON e.id = v.enrollment_id
                JOIN participant p ON p.id = e.participant_id
                ORDER BY p.name, e.path_id, e.attempt, v.seq
                """)
        }

        func sqlite(_ store: String, _ query: String) throws -> String {
            let result = try ProcessRunner.run(
                executable: "/usr/bin/sqlite3", arguments: ["-batch", "-readonly", path(store), query])
            #expect(result.status == 0, "sqlite3: \(result.standardError)")
            return result.standardOutput
        }

        func export(_ name: String, from store: String, to file: String) throws {
            let result = try run(["export", "--as", name, "--store", path(store), "--out", path(file)])
            #expect(result.status == 0, "export failed: \(result.stderr)")
        }

        /// `import` in English (`--lang en`): the refusals' own words are checked here; the
        /// French ones in `aRefusalIsSaidInTheLearnersLanguage`.
        func importing(_ files: [String], into store: String, lang: String = "en") throws -> Binary.Result {
            try run(["import"] + files.map(path) + ["--store", path(store), "--home", home, "--lang", lang])
        }

        /// The bundle file as a JSON object, changed by `edit`, written back under `name`.
        func edit(_ file: String, as name: String, _ edit: (inout [String: Any]) -> Void) throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: path(file)))
            var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            edit(&object)
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path(name)))
        }
    }

    @Test func exportThenImportKeepsEveryEvent() throws {
        let world = try World()
        try world.walk("ada", store: "laptop.sqlite", cohort: "MARS26")
        try world.walk("ada", store: "laptop.sqlite", right: false)
        try world.export("ada", from: "laptop.sqlite", to: "ada.json")
        let result = try world.importing(["ada.json"], into: "server.sqlite")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 new attempts, 20 new events"), "\(result.stdout)")
        #expect(try world.events("server.sqlite") == world.events("laptop.sqlite"))
        #expect(try world.sqlite("server.sqlite", "SELECT COUNT(*) FROM event") == "20\n")
        #expect(try world.sqlite("server.sqlite", "PRAGMA integrity_check") == "ok\n")
    }

    /// A refused bundle is said in French by default, like every failure.
    @Test func aRefusalIsSaidInTheLearnersLanguage() throws {
        let world = try World()
        try world.walk("ada", store: "laptop.sqlite")
        try world.export("ada", from: "laptop.sqlite", to: "ada.json")
        let text = try String(contentsOfFile: world.path("ada.json"), encoding: .utf8)
        try text.replacingOccurrences(of: "\"demo\"", with: "\"ghost\"")
            .write(toFile: world.path("bad.json"), atomically: true, encoding: .utf8)
        let result = try world.run([
            "import", world.path("bad.json"), "--store", world.path("s.sqlite"), "--home", world.home,
        ])
        #expect(result.status == 65)
        #expect(
            result.stderr.contains("le paquet suit le cours «\u{202F}ghost\u{202F}», qui n’est pas installé ici"),
            "\(result.stderr)")
    }

    @Test func importingTwiceIsANoOp() throws {
        let world = try World()
        try world.walk("ada", store: "laptop.sqlite")
        try world.walk("bea", store: "bea.sqlite", right: false)
        try world.export("ada", from: "laptop.sqlite", to: "ada.json")
        try world.export("bea", from: "bea.sqlite", to: "bea.json")
        let first = try world.importing(["ada.json", "bea.json"], into: "server.sqlite")
        #expect(first.status == 0, "\(first.stderr)")
        let before = try world.events("server.sqlite")
        let second = try world.importing(["ada.json", "bea.json"], into: "server.sqlite")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("nothing new (9 events already in the store)"), "\(second.stdout)")
        #expect(try world.events("server.sqlite") == before)
        #expect(try world.sqlite("server.sqlite", "SELECT COUNT(*) FROM participant") == "2\n")
    }

    /// Each bad bundle comes with the words that must explain it; the store stays as it was.
    @Test(arguments: ["version", "malformed", "truncated", "oversized", "unknown course", "conflict"])
    func aBadBundleIsRefusedAndChangesNothing(kind: String) throws {
        let world = try World()
        try world.walk("ada", store: "laptop.sqlite")
        try world.export("ada", from: "laptop.sqlite", to: "ada.json")
        try world.walk("bea", store: "server.sqlite")
        let expected: String
        switch kind {
        case "version":
            try world.edit("ada.json", as: "bad.json") { $0["formatVersion"] = 7 }
            expected = "bundle format version 7 is not supported"
        case "malformed":
            try world.edit("ada.json", as: "bad.json") { object in
                var enrollments = object["enrollments"] as? [[String: Any]] ?? []
                var events = enrollments[0]["events"] as? [[String: Any]] ?? []
                events.remove(at: 3)
                enrollments[0]["events"] = events
                object["enrollments"] = enrollments
            }
            expected = "the bundle is damaged"
        case "truncated":
            let text = try String(contentsOfFile: world.path("ada.json"), encoding: .utf8)
            try String(text.prefix(text.count / 2)).write(
                toFile: world.path("bad.json"), atomically: true, encoding: .utf8)
            expected = "not valid JSON"
        case "oversized":
            _ = FileManager.default.createFile(atPath: world.path("bad.json"), contents: nil)
            let handle = try #require(FileHandle(forWritingAtPath: world.path("bad.json")))
            try handle.truncate(atOffset: 32 * 1024 * 1024 + 1)
            try handle.close()
            expected = "over the limit of 33554432 bytes (32 MiB)"
        case "unknown course":
            let text = try String(contentsOfFile: world.path("ada.json"), encoding: .utf8)
            try text.replacingOccurrences(of: "\"demo\"", with: "\"ghost\"")
                .write(toFile: world.path("bad.json"), atomically: true, encoding: .utf8)
            expected = "the course 'ghost', which is not installed here (installed: demo)"
        default:
            // bea's store already holds an "ada" whose first attempt went another way.
            try world.walk("ada", store: "server.sqlite", right: false)
            try FileManager.default.copyItem(atPath: world.path("ada.json"), toPath: world.path("bad.json"))
            expected = "conflict: ada's attempt 1 at demo/main"
        }
        let before = try world.events("server.sqlite")
        // A good bundle named first is not imported either: every file is checked first.
        try world.walk("cy", store: "cy.sqlite")
        try world.export("cy", from: "cy.sqlite", to: "cy.json")
        let files = kind == "conflict" ? ["bad.json"] : ["cy.json", "bad.json"]
        let result = try world.importing(files, into: "server.sqlite")
        #expect(result.status == 65, "\(kind): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("bad.json: "), "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try world.events("server.sqlite") == before)
    }

    @Test func xapiExportIsAStatementPerEventWithStableIds() throws {
        let world = try World()
        try world.walk("ada", store: "cohort.sqlite", cohort: "MARS26")
        try world.walk("bea", store: "cohort.sqlite", right: false, cohort: "MARS26")
        try world.walk("cy", store: "cohort.sqlite", cohort: "AVRIL26")
        let arguments = [
            "export", "--xapi", "--cohort", "MARS26", "--store", world.path("cohort.sqlite"), "--home", world.home,
        ]
        let first = try world.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let statements = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
        // 20 events; each of the two `finished` adds the path's completed and satisfied.
        #expect(statements.count == 24)
        let names = Set(
            statements.compactMap {
                (($0["actor"] as? [String: Any])?["account"] as? [String: Any])?["name"] as? String
            })
        #expect(names == ["ada", "bea"])
        let verbs = statements.compactMap { ($0["verb"] as? [String: Any])?["id"] as? String }
        #expect(verbs.first == "http://adlnet.gov/expapi/verbs/initialized")
        #expect(verbs.filter { $0 == "http://adlnet.gov/expapi/verbs/terminated" }.count == 2)
        // Graded quiz answers are passed or failed, and their result agrees with the verb.
        let graded = statements.compactMap { statement -> (String, Bool)? in
            guard let verb = (statement["verb"] as? [String: Any])?["id"] as? String,
                verb.hasSuffix("/passed") || verb.hasSuffix("/failed"),
                let success = (statement["result"] as? [String: Any])?["success"] as? Bool
            else { return nil }
            return (verb, success)
        }
        #expect(graded.map(\.1).sorted { !$0 && $1 } == [false, true])
        #expect(graded.allSatisfy { $0.0.hasSuffix("/passed") == $0.1 })
        let second = try world.run(arguments)
        #expect(second.stdout == first.stdout)

        let one = try world.run([
            "export", "--xapi", "--as", "cy", "--store", world.path("cohort.sqlite"),
            "--home-page", "https://lms.example.org", "--out", world.path("cy.json"),
        ])
        #expect(one.status == 0, "\(one.stderr)")
        let text = try String(contentsOfFile: world.path("cy.json"), encoding: .utf8)
        #expect(text.contains("\"homePage\" : \"https://lms.example.org\""))
    }

    /// `parcours reset` keeps the attempt's cohort and names the attempt it replaces; the
    /// xAPI export then voids each of that attempt's statements once, at the new start.
    @Test func aResetIsVoidedInTheXAPIExport() throws {
        let world = try World()
        try world.walk("ada", store: "cohort.sqlite", cohort: "MARS26")
        let arguments = [
            "export", "--xapi", "--cohort", "MARS26", "--store", world.path("cohort.sqlite"), "--home", world.home,
        ]
        func statements() throws -> [[String: Any]] {
            let export = try world.run(arguments)
            #expect(export.status == 0, "\(export.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        }
        func verb(_ statement: [String: Any]) -> String? { (statement["verb"] as? [String: Any])?["id"] as? String }
        let before = try statements()
        let reset = try world.run([
            "reset", "main", "--yes", "--as", "ada", "--store", world.path("cohort.sqlite"), "--home", world.home,
        ])
        #expect(reset.status == 0, "\(reset.stderr)")
        let query = """
            SELECT e.cohort, json_extract(v.payload, '$.cohort'), json_extract(v.payload, '$.resets')
            FROM enrollment e JOIN event v ON v.enrollment_id = e.id WHERE e.attempt = 2 AND v.seq = 1
            """
        #expect(try world.sqlite("cohort.sqlite", query) == "MARS26|MARS26|1\n", "the cohort kept, attempt 1 named")

        let after = try statements()
        let ids = before.compactMap { $0["id"] as? String }
        #expect(after.prefix(before.count).compactMap { $0["id"] as? String } == ids, "attempt 1 as before")
        let voids = Array(after.dropFirst(before.count).prefix(before.count))
        #expect(voids.allSatisfy { verb($0) == "http://adlnet.gov/expapi/verbs/voided" })
        #expect(voids.compactMap { ($0["object"] as? [String: Any])?["id"] as? String } == ids)
        #expect(after.count == 2 * before.count + 2, "then attempt 2's initialized and progressed")
        #expect(verb(after[2 * before.count]) == "http://adlnet.gov/expapi/verbs/initialized")
        #expect(try XAPIRules.check(try JSONSerialization.data(withJSONObject: after)) == [])
    }

    @Test(arguments: [
        (["export", "--cohort", "X"], 64, "--cohort is for --xapi"),
        (["export", "--xapi", "--cohort", "X", "--as", "ada"], 64, "not both"),
        (["export", "--xapi", "--home-page", "lms"], 64, "absolute http(s) URL"),
        (["export", "--as", "nobody"], 66, "aucune progression enregistrée pour «\u{202F}nobody\u{202F}»"),
        (["export", "--xapi", "--cohort", "NONE"], 66, "code de groupe «\u{202F}NONE\u{202F}»"),
        (["import", "missing.json"], 66, "impossible de lire"),
    ])
    func usageMistakesSayWhatToDo(arguments: [String], status: Int32, message: String) throws {
        let world = try World()
        try world.walk("ada", store: "s.sqlite")
        let result = try world.run(arguments + ["--store", world.path("s.sqlite"), "--home", world.home])
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test(arguments: ["export", "import"])
    func helpShowsExamples(command: String) throws {
        let result = try Binary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("parcours \(command) "))
        let top = try Binary.run(["--help"])
        #expect(top.stdout.contains(command))
    }

    /// Import replays each log against its course: a bundle no parcours could have written
    /// is refused whole, naming the file, the attempt, the event and the rule, and the store
    /// is left as it was.
    @Test(arguments: [
        ("activeMs", "9223372036854775807", "active-time"), ("stepID", "\"nowhere\"", "unknown-step"),
        ("at", "\"9999-12-31T00:00:00.000Z\"", "date-range"),
    ])
    func aLogNoParcoursCouldWriteIsRefused(field: String, value: String, rule: String) throws {
        let world = try World()
        try world.walk("Camille", store: "s.sqlite")
        try world.export("Camille", from: "s.sqlite", to: "b.json")
        var text = try String(contentsOfFile: world.path("b.json"), encoding: .utf8)
        // The third event's field, whatever its value (the export is pretty-printed, sorted).
        var lines = text.components(separatedBy: "\n")
        let third = try #require(lines.indices.filter { lines[$0].contains("\"seq\" : 3") }.first)
        let block = lines[..<third].lastIndex { $0.trimmingCharacters(in: .whitespaces) == "{" } ?? 0
        let target = try #require((block..<lines.count).first { lines[$0].contains("\"\(field)\" :") })
        let indent = lines[target].prefix { $0 == " " }
        let comma = lines[target].hasSuffix(",") ? "," : ""
        lines[target] = "\(indent)\"\(field)\" : \(value)\(comma)"
        text = lines.joined(separator: "\n")
        try text.write(toFile: world.path("bad.json"), atomically: true, encoding: .utf8)

        try world.walk("Dominique", store: "target.sqlite")
        let before = try world.events("target.sqlite")
        let result = try world.run([
            "import", world.path("bad.json"), "--store", world.path("target.sqlite"), "--home", world.home,
            "--lang", "en",
        ])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("bad.json: Camille's attempt 1 at demo/main, event 3: "), "\(result.stderr)")
        #expect(result.stderr.contains("[\(rule)]"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(try world.events("target.sqlite") == before, "the store is unchanged")
        let status = try world.run([
            "status", "--as", "Dominique", "--store", world.path("target.sqlite"), "--home", world.home,
        ])
        #expect(status.status == 0, "every reader still works: \(status.stderr)")
    }

}
