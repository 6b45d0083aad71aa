import Foundation
import ParcoursTestSupport
import Testing

/// `parcours sync --to LRS` and the REPL's background push to a learning record store, against
/// the throwaway Ralph of `make test` (and, for the stop-and-restart test, a private Ralph
/// started with Tests/Scripts/lrs-server.sh). Each test uses learner names of its own, so
/// that statement ids never meet another test's in the shared LRS.
///
/// Without `PARCOURS_TEST_LRS_URL` these tests fail, saying how to run them, unless
/// `PARCOURS_NO_LRS=1` skips them by hand.
@Suite("parcours sync to an LRS", .enabled(if: TestLRS.isEnabled, "PARCOURS_NO_LRS=1 and no PARCOURS_TEST_LRS_URL"))
struct LRSSyncTests {
    /// A store, a course home and the environment that points parcours at `server`.
    struct Setup {
        var directory: String
        var home: String
        var store: String
        var server: TestLRS.Server
        var environment: [String: String]

        init(server: TestLRS.Server, secret: String? = nil) throws {
            directory = try Binary.temporaryDirectory()
            home = try Fixture.write(to: directory + "/home")
            store = directory + "/cohort.sqlite"
            self.server = server
            environment = [
                "PARCOURS_LRS_KEY": server.key, "PARCOURS_LRS_SECRET": secret ?? server.secret,
                "XDG_CONFIG_HOME": directory + "/config", "HOME": directory, "LANGUAGE": "en", "LANG": "C.UTF-8",
            ]
        }

        /// A learner walked to the end of the demo course, in `cohort`.
        func walk(_ learner: String, cohort: String, extra: [String: String] = [:]) throws {
            let walk = try Binary.run(
                ["start", "main", "--as", learner, "--store", store, "--home", home, "--cohort", cohort],
                input: "\n1\n\n\n", environment: environment.merging(extra) { $1 }, directory: directory)
            #expect(walk.status == 0, "start: \(walk.stderr)")
        }

        func sync(as learner: String) throws -> Binary.Result {
            try Binary.run(
                ["sync", "--to", server.url.absoluteString, "--as", learner, "--store", store, "--home", home],
                environment: environment, directory: directory)
        }

        /// The cohort's statements as `export --xapi` writes them.
        func exported(cohort: String) throws -> (statements: [[String: Any]], data: Data) {
            let export = try Binary.run(
                ["export", "--xapi", "--cohort", cohort, "--store", store, "--home", home],
                environment: environment, directory: directory)
            #expect(export.status == 0, "export: \(export.stderr)")
            let data = Data(export.stdout.utf8)
            return (try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]]), data)
        }

        /// Events still waiting for the LRS, as `status --json` says.
        func pending(as learner: String) throws -> Int? {
            let status = try Binary.run(
                [
                    "status", "--json", "--as", learner, "--store", store, "--home", home, "--sync",
                    server.url.absoluteString,
                ],
                environment: environment, directory: directory)
            let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            return (object?["sync"] as? [String: Any])?["pending"] as? Int
        }
    }

    /// Every statement of the registrations of `statements`, read back from the LRS.
    static func stored(_ statements: [[String: Any]], server: TestLRS.Server) async throws -> [[String: Any]] {
        let registrations = Set(
            statements.compactMap { ($0["context"] as? [String: Any])?["registration"] as? String })
        var found: [[String: Any]] = []
        for registration in registrations.sorted() {
            found += try await LRSHarnessTests.statements(registration: registration, server: server)
        }
        return found
    }

    /// What the LRS holds of `sent`'s registrations once a background push has had time to
    /// send them all (30 s at most), for `expectSame` to judge.
    static func storedOnceSent(_ sent: [[String: Any]], server: TestLRS.Server) async throws -> [[String: Any]] {
        var stored: [[String: Any]] = []
        for _ in 0..<60 {
            stored = try await Self.stored(sent, server: server)
            if stored.count >= sent.count { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        return stored
    }

    /// The LRS holds exactly `sent`: the same count, ids, verbs and results.
    static func expectSame(_ stored: [[String: Any]], _ sent: [[String: Any]]) throws {
        #expect(stored.count == sent.count, "stored \(stored.count), exported \(sent.count)")
        let byID = Dictionary(stored.compactMap { s in (s["id"] as? String).map { ($0, s) } }) { first, _ in first }
        #expect(byID.count == stored.count, "no id twice in the LRS")
        #expect(Set(byID.keys) == Set(sent.compactMap { $0["id"] as? String }))
        for statement in sent {
            let id = try #require(statement["id"] as? String)
            let back = try #require(byID[id], "statement \(id) is missing")
            #expect(LRSHarnessTests.verb(back) == LRSHarnessTests.verb(statement), "\(id)")
            #expect(LRSHarnessTests.same(back["result"], statement["result"]), "\(id)")
        }
    }

    static func unique(_ name: String) -> String {
        name + "-" + UUID().uuidString.prefix(8).lowercased()
    }

    @Test func aCohortIsPushedReadBackAsExportedAndPushedTwiceWithoutDuplicates() async throws {
        let setup = try Setup(server: try TestLRS.server())
        let cohort = Self.unique("cohort")
        let learners = (1...3).map { Self.unique("learner\($0)") }
        for learner in learners { try setup.walk(learner, cohort: cohort) }
        let (sent, data) = try setup.exported(cohort: cohort)
        #expect(try XAPIRules.check(data) == [], "every statement pushed passes the strict rules")

        let first = try setup.sync(as: learners[0])
        #expect(first.status == 0, "sync: \(first.stdout) \(first.stderr)")
        #expect(first.stdout.contains("\(sent.count) statements sent"), "\(first.stdout)")
        try Self.expectSame(try await Self.stored(sent, server: setup.server), sent)
        #expect(try setup.pending(as: learners[0]) == 0)

        // Pushed again: nothing is pending, nothing is sent, the LRS keeps one copy.
        let second = try setup.sync(as: learners[0])
        #expect(second.status == 0, "sync again: \(second.stdout) \(second.stderr)")
        #expect(!second.stdout.contains("sent"), "\(second.stdout)")
        try Self.expectSame(try await Self.stored(sent, server: setup.server), sent)
    }

    /// `parcours reset` after a push: the next push voids each statement the replaced
    /// attempt sent, once (xAPI Data 2.3.2), with the new attempt's first statements. Ralph
    /// does not apply voiding to its queries (2.3.2.s2.b3: a voided statement is no longer
    /// returned), so the test reads the voiding statements it was sent.
    @Test func aResetVoidsWhatTheReplacedAttemptSent() async throws {
        let setup = try Setup(server: try TestLRS.server())
        let cohort = Self.unique("reset")
        let learner = Self.unique("resetter")
        try setup.walk(learner, cohort: cohort)
        let first = try setup.sync(as: learner)
        #expect(first.status == 0, "sync: \(first.stdout) \(first.stderr)")
        let (replaced, _) = try setup.exported(cohort: cohort)
        #expect(!first.stdout.contains("voided"), "\(first.stdout)")

        let reset = try Binary.run(
            ["reset", "main", "--yes", "--as", learner, "--store", setup.store, "--home", setup.home],
            environment: setup.environment, directory: setup.directory)
        #expect(reset.status == 0, "reset: \(reset.stderr)")
        let second = try setup.sync(as: learner)
        #expect(second.status == 0, "sync: \(second.stdout) \(second.stderr)")
        #expect(second.stdout.contains("\(replaced.count) statements voided"), "\(second.stdout)")

        // The export, which keeps the attempt in the cohort, has the voids too, and passes
        // the strict rules with them.
        let (sent, data) = try setup.exported(cohort: cohort)
        #expect(try XAPIRules.check(data) == [])
        let voids = sent.filter { LRSHarnessTests.verb($0) == "http://adlnet.gov/expapi/verbs/voided" }
        let targets = voids.compactMap { ($0["object"] as? [String: Any])?["id"] as? String }
        #expect(voids.count == replaced.count)
        #expect(Set(targets) == Set(replaced.compactMap { $0["id"] as? String }), "each statement sent, voided once")
        #expect(voids.allSatisfy { ($0["object"] as? [String: Any])?["objectType"] as? String == "StatementRef" })
        try Self.expectSame(try await Self.stored(sent, server: setup.server), sent)

        // Pushed again: nothing new, nothing voided twice.
        let third = try setup.sync(as: learner)
        #expect(third.status == 0 && !third.stdout.contains("voided"), "\(third.stdout) \(third.stderr)")
        try Self.expectSame(try await Self.stored(sent, server: setup.server), sent)
    }

    /// xAPI Communication 2.1.2: an LRS that holds another statement under an id parcours
    /// sends answers 409. That attempt is recorded as a conflict and never sent again; the
    /// other learners' attempts are sent; every `sync` says so, with exit 65, until it is
    /// sorted out at the LRS.
    @Test func aStatementTheLRSHoldsDifferentlyIsAConflictNeverRetried() async throws {
        let setup = try Setup(server: try TestLRS.server())
        let cohort = Self.unique("clash")
        let (clash, calm) = (Self.unique("clash"), Self.unique("calm"))
        try setup.walk(clash, cohort: cohort)
        try setup.walk(calm, cohort: cohort)
        let (sent, _) = try setup.exported(cohort: cohort)
        func by(_ learner: String) -> [[String: Any]] {
            sent.filter {
                (($0["actor"] as? [String: Any])?["account"] as? [String: Any])?["name"] as? String == learner
            }
        }
        // Another system wrote a different statement under the id of clash's first one.
        var other = try #require(by(clash).first)
        other["verb"] = ["id": "http://adlnet.gov/expapi/verbs/experienced", "display": ["en-US": "experienced"]]
        let posted = try await TestLRS.request(
            "POST", "statements", body: try JSONSerialization.data(withJSONObject: [other]), server: setup.server)
        #expect(posted.status == 200, "\(posted.status) \(posted.text)")

        let first = try setup.sync(as: calm)
        #expect(first.status == 65, "\(first.stdout) \(first.stderr)")
        #expect(first.stdout.contains("already has different statements for attempt 1 at main"), "\(first.stdout)")
        try Self.expectSame(try await Self.stored(by(calm), server: setup.server), by(calm))
        let held = try await Self.stored(by(clash), server: setup.server)
        #expect(held.map { LRSHarnessTests.verb($0) } == ["http://adlnet.gov/expapi/verbs/experienced"])
        #expect(try setup.pending(as: calm) == 0, "the cursor moves past the conflict")

        // Again: nothing is sent, the conflict is said again.
        let second = try setup.sync(as: calm)
        #expect(second.status == 65, "\(second.stdout) \(second.stderr)")
        #expect(!second.stdout.contains("sent to the learning record store"), "\(second.stdout)")
        #expect(second.stdout.contains("already has different statements for attempt 1 at main"), "\(second.stdout)")
        #expect(try await Self.stored(by(clash), server: setup.server).count == 1)
    }

    @Test func aWrongPasswordSaysSoExits77AndLosesNothing() async throws {
        let server = try TestLRS.server()
        let setup = try Setup(server: server, secret: "not-the-secret")
        let learner = Self.unique("wrong")
        try setup.walk(learner, cohort: Self.unique("c"))
        let before = try #require(try setup.pending(as: learner))
        #expect(before > 0)
        let sync = try setup.sync(as: learner)
        #expect(sync.status == 77, "\(sync.stdout) \(sync.stderr)")
        #expect(sync.stderr.contains("refused the credentials (HTTP 401"), "\(sync.stderr)")
        #expect(try setup.pending(as: learner) == before, "nothing was lost")
        // With the right secret, it all goes.
        var right = setup
        right.environment["PARCOURS_LRS_SECRET"] = server.secret
        #expect(try right.sync(as: learner).status == 0)
        #expect(try right.pending(as: learner) == 0)
    }

    @Test func aPasswordInTheURLOnTheCommandLineIsRefused() throws {
        let setup = try Setup(server: try TestLRS.server())
        var url = URLComponents(url: setup.server.url, resolvingAgainstBaseURL: false)
        url?.user = setup.server.key
        url?.password = setup.server.secret
        let sync = try Binary.run(
            ["sync", "--to", url?.string ?? "", "--as", "x", "--store", setup.store, "--home", setup.home],
            environment: setup.environment, directory: setup.directory)
        #expect(sync.status == 78, "\(sync.stderr)")
        #expect(sync.stderr.contains("does not go on the command line"), "\(sync.stderr)")
        #expect(!sync.stderr.contains(setup.server.secret))
    }

    @Test func theREPLsBackgroundPushSendsTheWalk() async throws {
        let setup = try Setup(server: try TestLRS.server())
        let cohort = Self.unique("bg")
        let learner = Self.unique("walker")
        try setup.walk(learner, cohort: cohort, extra: ["PARCOURS_SYNC_URL": setup.server.url.absoluteString])
        let (sent, _) = try setup.exported(cohort: cohort)
        try Self.expectSame(try await Self.storedOnceSent(sent, server: setup.server), sent)
    }

    /// With a sync destination set, `reset` sends its new start, and the voiding it brings,
    /// in the background, as a step of the REPL would.
    @Test func aResetIsSentInTheBackground() async throws {
        let setup = try Setup(server: try TestLRS.server())
        let cohort = Self.unique("bgreset")
        let learner = Self.unique("again")
        let background = ["PARCOURS_SYNC_URL": setup.server.url.absoluteString]
        try setup.walk(learner, cohort: cohort, extra: background)
        let reset = try Binary.run(
            ["reset", "main", "--yes", "--as", learner, "--store", setup.store, "--home", setup.home],
            environment: setup.environment.merging(background) { $1 }, directory: setup.directory)
        #expect(reset.status == 0, "reset: \(reset.stderr)")
        let (sent, _) = try setup.exported(cohort: cohort)
        #expect(sent.contains { LRSHarnessTests.verb($0) == "http://adlnet.gov/expapi/verbs/voided" })
        try Self.expectSame(try await Self.storedOnceSent(sent, server: setup.server), sent)
    }

    @Test func anLRSStoppedMidPushGetsEverythingAfterARestart() async throws {
        let script = Binary.packageRoot + "/Tests/Scripts/lrs-server.sh"
        let directory = try Binary.temporaryDirectory() + "/ralph"
        // Through files, not pipes: Ralph, left running in the background, must not hold the
        // runner's pipes open.
        func control(_ command: String) throws -> Int32 {
            try ProcessRunner.run(
                executable: "/bin/sh",
                arguments: ["-c", "\"$0\" \(command) \"$1\" >\"$1.out\" 2>\"$1.err\" </dev/null", script, directory]
            ).status
        }
        try #require(try control("start") == 0, "lrs-server.sh start failed")
        defer { _ = try? control("stop") }
        let url = try #require(
            URL(
                string: try String(contentsOfFile: directory + "/url", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)))
        let key = try String(contentsOfFile: directory + "/key", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = try String(contentsOfFile: directory + "/secret", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let setup = try Setup(server: TestLRS.Server(url: url, key: key, secret: secret))
        let cohort = Self.unique("stop")
        let learners = (1...8).map { Self.unique("s\($0)") }
        for learner in learners { try setup.walk(learner, cohort: cohort) }
        let (sent, _) = try setup.exported(cohort: cohort)

        // The push starts, and the LRS stops under it a moment later.
        // On a thread of its own: the runner blocks, and the test's own tasks must not wait
        // behind it on a two-core machine's cooperative pool.
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Binary.Result?
        let thread = Thread {
            outcome = try? setup.sync(as: learners[0])
            done.signal()
        }
        thread.start()
        usleep(150_000)
        #expect(try control("halt") == 0)
        done.wait()
        let interrupted = try #require(outcome)
        #expect([0, 75].contains(interrupted.status), "\(interrupted.stdout) \(interrupted.stderr)")
        if interrupted.status == 75 {
            #expect(try setup.pending(as: learners[0]) ?? 0 > 0)
            // Still stopped: nothing is lost, the exit says "try later".
            #expect(try setup.sync(as: learners[0]).status == 75)
        }

        try #require(try control("restart") == 0, "lrs-server.sh restart failed")
        let again = try setup.sync(as: learners[0])
        #expect(again.status == 0, "\(again.stdout) \(again.stderr)")
        #expect(try setup.pending(as: learners[0]) == 0)
        try Self.expectSame(try await Self.stored(sent, server: setup.server), sent)
    }
}
