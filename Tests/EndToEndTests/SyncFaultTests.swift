import Foundation
import ParcoursTestSupport
import Testing

/// Issue 20's faults, through the real binary, each ending with 0 events lost or
/// duplicated: 64 learners syncing at once, the server stopped mid-session and restarted,
/// `sync` killed with SIGKILL mid-push.
@Suite(
    "Sync faults",
    .enabled(if: TestPostgres.isEnabled, "PARCOURS_NO_POSTGRES=1 and no PARCOURS_TEST_POSTGRES_URL"),
    .serialized)
struct SyncFaultTests {
    /// 64 learners, each with a store of their own (imported from bundles), run `parcours
    /// sync` at the same moment: every exit is 0 and every event arrives exactly once.
    @Test func sixtyFourLearnersSyncAtOnce() throws {
        let server = try CohortServer.make("e2e_many")
        defer { server.drop() }
        let template = try BundleTemplate.tour()
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let count = 64
        let names = (1...count).map { "Learner \(suffix) \($0)" }
        let roles = names.indices.map { "learner_many_\(suffix)_\($0 + 1)" }
        let passwords = names.indices.map { _ in UUID().uuidString }
        // The roles in one statement (db add-learner, one process each, is tested elsewhere).
        let calls = names.indices.map {
            "parcours.add_learner('\(names[$0])', 'M64', '\(roles[$0])', '\(passwords[$0])')"
        }
        _ = try server.sql("SELECT " + calls.joined(separator: ", "))
        let host = try #require(URLComponents(string: server.adminURL))
        let port = host.port ?? 5432
        var devices: [Device] = []
        for index in names.indices {
            let url = "postgresql://\(roles[index])@127.0.0.1:\(port)/\(server.database.name)"
            devices.append(
                try Device(
                    learner: names[index],
                    passwordFileLines: [
                        "127.0.0.1:\(port):\(server.database.name):\(roles[index]):\(passwords[index])"
                    ],
                    syncURL: url))
        }
        // 1 to 3 attempts each: 64 stores written by `parcours import`, two at a time.
        let failures = Failures()
        let stores = devices
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do {
                try template.importInto(stores[index], attempts: 1...(1 + index % 3), cohort: "M64")
            } catch {
                failures.add("\(index): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let local = try devices.map { try $0.events() }
        let sum = local.map(\.count).reduce(0, +)
        let attempts = (0..<count).map { 1 + $0 % 3 }.reduce(0, +)
        #expect(sum == attempts * template.eventsPerAttempt, "every bundle imported whole")

        let start = ContinuousClock.now
        let running = try devices.enumerated().map { index, device in
            try RunningParcours(["sync"], on: device, label: "sync-\(index)")
        }
        let results = running.map { $0.wait() }
        let wall = seconds(since: start)
        print("64 parcours sync processes at once: \(wall) s, \(sum) events")
        for (index, result) in results.enumerated() {
            #expect(
                result.status == 0, "learner \(index + 1) exited \(result.status): \(result.stdout)\(result.stderr)")
        }
        for (index, device) in devices.enumerated() {
            #expect(try server.events(of: names[index]) == local[index], "learner \(index + 1)")
            #expect(try device.pending(destination: device.environment["PARCOURS_SYNC_URL"] ?? "") == 0)
        }
        let total = try server.sql("SELECT count(*), count(DISTINCT key) FROM parcours.event")
        #expect(total == "\(sum)|\(sum)", "every event exactly once")
        #expect(wall < 60, "64 syncs took \(wall) s")
    }

    /// A private server, stopped while a learner is in the REPL and started again: the walk
    /// goes on without waiting, `sync` exits 75 saying nothing is lost, and once the server is
    /// back `sync` sends everything, each event once.
    @Test func theServerStoppedMidSessionAndRestarted() throws {
        let folder = try Binary.temporaryDirectory()
        let script = Binary.packageRoot + "/Tests/Scripts/postgres-server.sh"
        let pg = folder + "/pg"
        let started = try ProcessRunner.run(executable: script, arguments: ["start", pg], timeout: .seconds(90))
        #expect(started.status == 0, "\(started.standardError)")
        defer { _ = try? ProcessRunner.run(executable: script, arguments: ["stop", pg]) }
        let url = started.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try CohortServer.make("e2e_restart", serverURL: url)
        let name = "Sam Restart"
        let role = try server.addLearner(name, cohort: "S")
        let device = try Device(learner: name, passwordFileLines: [role.passwordFileLine], syncURL: role.url)
        let (steps, _) = try Tour.steps()

        // Three steps, pushed as they go.
        let repl = try RunningParcours(["start", Tour.pathID, "--cohort", "S"], on: device, label: "repl")
        repl.write(Tour.input(steps.prefix(3), quit: false))
        var arrived = 0
        for _ in 0..<100 where arrived < 8 {
            arrived = Int(try server.sql("SELECT count(*) FROM parcours.event")) ?? 0
            usleep(100_000)
        }
        #expect(arrived >= 8, "the first steps reached the server: \(arrived)")

        // The server goes away; the learner walks on and leaves.
        let paused = try ProcessRunner.run(executable: script, arguments: ["pause", pg])
        #expect(paused.status == 0, "\(paused.standardError)")
        let typed = ContinuousClock.now
        repl.write(Tour.input(steps[3..<6], quit: true))
        let walked = repl.wait()
        let after = seconds(since: typed)
        #expect(walked.status == 0, "\(walked.stderr)")
        #expect(after < 3, "three steps and quitting with the server gone: \(after) s")
        let local = try device.events()
        #expect(try device.pending(destination: role.url) > 0)

        let offline = try device.run(["sync"])
        #expect(offline.status == 75, "\(offline.stdout)\(offline.stderr)")
        #expect(offline.stderr.contains("Impossible de joindre"), "\(offline.stderr)")
        #expect(offline.stdout.contains("rien n’est perdu"), "\(offline.stdout)")
        let waiting = try device.pending(destination: role.url)
        #expect(offline.stdout.contains("\(waiting) événements attendent encore d’être envoyés"), "\(offline.stdout)")
        let status = try device.run(["status"])
        #expect(status.stdout.contains("\(waiting) événements en attente"), "\(status.stdout)")
        #expect(status.stdout.contains("serveur injoignable"), "\(status.stdout)")

        let resumed = try ProcessRunner.run(executable: script, arguments: ["resume", pg], timeout: .seconds(90))
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let back = try device.run(["sync"])
        #expect(back.status == 0, "\(back.stdout)\(back.stderr)")
        #expect(back.stdout.contains("\(waiting) événements envoyés au serveur"), "\(back.stdout)")
        #expect(try server.events() == local, "everything arrived, once")
        #expect(try server.sql("SELECT count(*) = count(DISTINCT key) FROM parcours.event") == "t")
        #expect(try device.pending(destination: role.url) == 0)
        #expect(try device.run(["status"]).stdout.contains("à jour"))
    }

    /// `parcours sync` killed with SIGKILL at several moments of a push of thousands of
    /// events (batches of 500, one transaction each), then run again: the server holds
    /// exactly the store's events, none twice, none missing, and the outbox's cursor never
    /// passed an event the server did not have.
    @Test func killedDuringSyncThenSyncedAgain() throws {
        let server = try CohortServer.make("e2e_kill")
        defer { server.drop() }
        let name = "Kim Kill \(UUID().uuidString.prefix(6).lowercased())"
        let role = try server.addLearner(name, cohort: "K9")
        let device = try Device(learner: name, passwordFileLines: [role.passwordFileLine], syncURL: role.url)
        let template = try BundleTemplate.tour()
        let perTrial = max(1, 3_000 / max(1, template.eventsPerAttempt))
        let delays = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
        var midPush = 0
        for (trial, delay) in delays.enumerated() {
            let first = trial * perTrial + 1
            try template.importInto(device, attempts: first...(first + perTrial - 1), cohort: "K9")
            let total = try device.events().count
            let perTrialEvents = perTrial * template.eventsPerAttempt

            let sync = try RunningParcours(["sync"], on: device, label: "kill-\(trial)")
            usleep(useconds_t(delay * 1_000_000))
            let wasRunning = sync.process.isRunning
            kill(sync.process.processIdentifier, SIGKILL)
            let killed = sync.wait()
            let onServer = try server.events()
            print(
                "kill -9 after \(delay) s: \(wasRunning ? "killed" : "already done, status \(killed.status)"), "
                    + "\(onServer.count) of \(total) events on the server")
            // Mid-push: some of this trial's batches committed, not all.
            if wasRunning && killed.status == 128 + SIGKILL && onServer.count > total - perTrialEvents
                && onServer.count < total
            {
                midPush += 1
            }

            // The cursor never passed what the server holds.
            let cursor = try Learner.sqlite(
                device.store, "SELECT coalesce(max(cursor), 0) FROM sync_destination")
            let sent = try Learner.sqlite(
                device.store,
                """
                SELECT p.name || ' ' || e.path_id || ' #' || e.attempt || '/' || v.seq FROM event v
                  JOIN enrollment e ON e.id = v.enrollment_id JOIN participant p ON p.id = e.participant_id
                 WHERE v.id <= \(cursor) ORDER BY 1
                """)
            let behindCursor = Set(sent.split(separator: "\n").map(String.init))
            #expect(behindCursor.isSubset(of: Set(onServer)), "trial \(trial): the cursor is ahead of the server")
            #expect(Set(onServer).count == onServer.count)

            let again = try device.run(["sync"])
            #expect(again.status == 0, "trial \(trial): \(again.stdout)\(again.stderr)")
            let local = try device.events()
            #expect(local.count == total)
            #expect(try server.events() == local, "trial \(trial): exactly the store's events")
            #expect(try device.pending(destination: role.url) == 0)
            #expect(try server.sql("SELECT count(*) = count(DISTINCT key) FROM parcours.event") == "t")
        }
        print("kill -9 trials: \(delays.count), \(midPush) of them mid-push")
        #expect(midPush >= 2, "at least two kills landed during a push")
    }
}

/// Failures gathered from concurrent work.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.withLock { items.append(item) } }
    var all: [String] { lock.withLock { items } }
}
