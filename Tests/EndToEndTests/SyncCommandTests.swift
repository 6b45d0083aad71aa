import Foundation
import ParcoursTestSupport
import Testing

/// `parcours db`, the REPL's background push, `status` and `parcours sync`, through the real
/// binary against the test server: a learner goes on on another laptop, the REPL never
/// waits for the network, a server that cannot be reached or refuses the login loses
/// nothing, and two devices that advanced the same attempt offline are both kept.
@Suite(
    "Sync through the binary",
    .enabled(if: TestPostgres.isEnabled, "PARCOURS_NO_POSTGRES=1 and no PARCOURS_TEST_POSTGRES_URL"))
struct SyncCommandTests {
    static func uniqueName(_ base: String) -> String {
        "\(base) \(UUID().uuidString.prefix(6).lowercased())"
    }

    /// `db init`, `db add-learner`, a walk with the background push, `status`, then another
    /// laptop: `sync` brings the walk, `resume` goes on from the same step, and the first
    /// laptop gets the end at its next `sync`.
    @Test func aLearnerGoesOnOnAnotherLaptop() throws {
        let server = try CohortServer.make("e2e_round")
        defer { server.drop() }
        let name = Self.uniqueName("Ana Round")
        let role = try server.addLearner(name, cohort: "R1")
        #expect(role.role.hasPrefix("learner_ana_round_"))
        #expect(role.url.hasPrefix("postgresql://\(role.role)@"))
        // A second init changes nothing.
        let again = try server.admin(["db", "init", server.adminURL])
        #expect(again.status == 0 && again.stdout.contains("up to date"), "\(again.stdout)\(again.stderr)")

        let laptop = try Device(learner: name, passwordFileLines: [role.passwordFileLine], syncURL: role.url)
        let (steps, visited) = try Tour.steps()
        let walked = try laptop.run(
            ["start", Tour.pathID, "--cohort", "R1"], input: Tour.input(steps.prefix(4), quit: true))
        #expect(walked.status == 0, "\(walked.stderr)")
        #expect(walked.stderr.isEmpty, "nothing about the network on the learner's screen: \(walked.stderr)")
        let local = try laptop.events()
        #expect(local.count >= 10, "\(local)")
        // The background push (parcours-sync push, started after each step, which may outlive
        // the sitting by a moment) sends everything without the learner waiting for it.
        #expect(try eventually { try server.events(of: name) == local })
        #expect(try eventually { try laptop.pending(destination: role.url) == 0 })

        let status = try laptop.run(["status"])
        #expect(status.status == 0, "\(status.stderr)")
        let line = try #require(
            status.stdout.split(separator: "\n").first { $0.hasPrefix("Synchronisation (") }, "\(status.stdout)")
        #expect(line.contains(role.role) && line.contains("dernière synchro à") && line.contains("à jour"), "\(line)")
        #expect(!line.contains("en attente"), "\(line)")
        let here = try JSONDecoder().decode(
            Learner.Status.self, from: Data(try laptop.run(["status", "--json"]).stdout.utf8))
        #expect(here.currentStep == visited[4], "four steps done, the fifth on screen")

        // Another laptop: nothing in its store until `sync`.
        let desktop = try Device(learner: name, passwordFileLines: [role.passwordFileLine])
        let pulled = try desktop.run(["sync", "--to", role.url])
        #expect(pulled.status == 0, "\(pulled.stdout)\(pulled.stderr)")
        #expect(pulled.stdout.contains("\(local.count) événements reçus du serveur"), "\(pulled.stdout)")
        #expect(pulled.stdout.contains("Tout est à jour"), "\(pulled.stdout)")
        #expect(try desktop.events() == local)
        let there = try JSONDecoder().decode(
            Learner.Status.self, from: Data(try desktop.run(["status", "--json"]).stdout.utf8))
        #expect(there.currentStep == here.currentStep && there.attempt == 1, "\(there) against \(here)")
        #expect(there.completedSteps == here.completedSteps && there.activeSeconds == here.activeSeconds)

        // It goes on from the same step to the end, its own push sending as it goes.
        let resumed = try desktop.run(
            ["resume"], input: Tour.input(steps[4...], quit: false), environment: ["PARCOURS_SYNC_URL": role.url])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Bravo, vous avez terminé le parcours"), "\(resumed.stdout)")
        let finished = try desktop.events()
        #expect(try server.events(of: name) == finished)

        // The first laptop gets the end at its next sync, and is finished too.
        let back = try laptop.run(["sync"])
        #expect(back.status == 0, "\(back.stdout)\(back.stderr)")
        #expect(try laptop.events() == finished)
        let done = try JSONDecoder().decode(
            Learner.Status.self, from: Data(try laptop.run(["status", "--json"]).stdout.utf8))
        #expect(done.finished)
        #expect(try laptop.run(["sync"]).status == 0, "a sync with nothing to do")
        #expect(try server.events(of: name) == finished)
    }

    /// The time a piped walk of `steps` takes, the fastest of `runs`, and the last device.
    static func walkTime(_ steps: ArraySlice<[String]>, learner: String, syncURL: String?, runs: Int = 2) throws
        -> (Double, Device)
    {
        var best = Double.infinity
        var last: Device?
        for _ in 0..<runs {
            let device = try Device(learner: learner, syncURL: syncURL)
            let start = ContinuousClock.now
            let walked = try device.run(["start", Tour.pathID], input: Tour.input(steps, quit: true))
            best = min(best, seconds(since: start))
            #expect(walked.status == 0, "\(walked.stderr)")
            last = device
        }
        return (best, try #require(last))
    }

    /// With the server on a closed port, the walk takes no longer than without sync; `status`
    /// says what waits and that the server is unreachable, and `sync` to the real server
    /// later sends all of it.
    @Test func theREPLNeverWaitsForTheNetwork() throws {
        let server = try CohortServer.make("e2e_nowait")
        defer { server.drop() }
        let name = Self.uniqueName("Lou Wait")
        let role = try server.addLearner(name, cohort: "W")
        let (steps, _) = try Tour.steps()
        let closed = "postgresql://\(role.role)@127.0.0.1:1/\(server.database.name)"
        let (without, _) = try Self.walkTime(steps.prefix(6), learner: name, syncURL: nil)
        let (with, device) = try Self.walkTime(steps.prefix(6), learner: name, syncURL: closed)
        #expect(with < without + 0.8, "with an unreachable server \(with) s, without sync \(without) s")
        print("REPL walk of 6 steps: \(without) s without sync, \(with) s with the server unreachable")

        let waiting = try device.events()
        #expect(waiting.count > 10)
        #expect(try device.pending(destination: closed) == waiting.count)
        let status = try device.run(["status"])
        let line = try #require(
            status.stdout.split(separator: "\n").first { $0.hasPrefix("Synchronisation (") }, "\(status.stdout)")
        #expect(line.contains("\(waiting.count) événements en attente"), "\(line)")
        #expect(line.contains("serveur injoignable"), "\(line)")
        #expect(line.contains("pas encore synchronisé"), "\(line)")

        try device.writePasswordFile([role.passwordFileLine])
        let sent = try device.run(["sync", "--to", role.url])
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        #expect(sent.stdout.contains("\(waiting.count) événements envoyés au serveur"), "\(sent.stdout)")
        #expect(try server.events() == waiting, "0 lost, 0 duplicated")
        #expect(try device.pending(destination: role.url) == 0)
    }

    /// A closed port, an unknown host, a wrong password, a password on the command line:
    /// each said clearly, with its exit status, and nothing of the store lost.
    @Test func aWrongPortHostOrPasswordLosesNothing() throws {
        let server = try CohortServer.make("e2e_wrong")
        defer { server.drop() }
        let name = Self.uniqueName("Noa Wrong")
        let role = try server.addLearner(name, cohort: "X")
        let (steps, _) = try Tour.steps()
        let device = try Device(learner: name)
        _ = try device.run(["start", Tour.pathID], input: Tour.input(steps.prefix(3), quit: true))
        let before = try device.events()
        #expect(before.count > 5)

        var start = ContinuousClock.now
        let port = try device.run(["sync", "--to", "postgresql://x@127.0.0.1:1/db"])
        let portTime = seconds(since: start)
        #expect(port.status == 75, "\(port.stdout)\(port.stderr)")
        #expect(portTime < 2, "a closed port is said at once: \(portTime) s")
        #expect(port.stderr.contains("Impossible de joindre postgresql://x@127.0.0.1:1/db"), "\(port.stderr)")
        #expect(port.stderr.contains("Connection refused"), "\(port.stderr)")
        #expect(port.stdout.contains("rien n’est perdu"), "\(port.stdout)")
        #expect(port.stdout.contains("\(before.count) événements attendent encore d’être envoyés"), "\(port.stdout)")

        start = ContinuousClock.now
        let host = try device.run(["sync", "--to", "postgresql://x@unreachable.invalid/db"])
        #expect(host.status == 75, "\(host.stdout)\(host.stderr)")
        #expect(host.stderr.contains("Impossible de joindre") && host.stderr.contains("unreachable.invalid"))
        #expect(seconds(since: start) < 10, "an unknown host: \(seconds(since: start)) s")

        // The right role with a wrong password in ~/.pgpass.
        var parts = role.passwordFileLine.split(separator: ":").map(String.init)
        parts[4] = "not-the-password"
        try device.writePasswordFile([parts.joined(separator: ":")])
        let refused = try device.run(["sync", "--to", role.url])
        #expect(refused.status == 77, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("a refusé la connexion"), "\(refused.stderr)")
        #expect(refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("not-the-password"), "the password is never said")

        // A password in the URL: refused before connecting (the port is closed: 75 would
        // mean it tried).
        let inline = try device.run(["sync", "--to", "postgresql://x:secret@127.0.0.1:1/db"])
        #expect(inline.status == 78, "\(inline.stdout)\(inline.stderr)")
        #expect(inline.stderr.contains("pgpass") || inline.stderr.contains("PGPASSWORD"), "\(inline.stderr)")
        #expect(!inline.stderr.contains("secret"), "\(inline.stderr)")

        #expect(try device.events() == before, "nothing lost")
        #expect(try server.events().isEmpty)
        try device.writePasswordFile([role.passwordFileLine])
        let sent = try device.run(["sync", "--to", role.url])
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        #expect(try server.events() == before)
    }

    /// Two devices advanced attempt 1 offline; the laptop's arrived first. The phone's `sync`
    /// says so in French and exits 65; `--resolve local` and `--resolve server` both end in
    /// sync, with every event of every device still somewhere.
    @Test func twoDevicesThatAdvancedTheSameAttemptAreBothKept() throws {
        let server = try CohortServer.make("e2e_conflict")
        defer { server.drop() }
        let name = Self.uniqueName("Eli Both")
        let role = try server.addLearner(name, cohort: "K")
        let (steps, _) = try Tour.steps()
        let laptop = try Device(learner: name, passwordFileLines: [role.passwordFileLine])
        let phone = try Device(learner: name, passwordFileLines: [role.passwordFileLine])
        let tablet = try Device(learner: name, passwordFileLines: [role.passwordFileLine])
        for (device, count) in [(laptop, 3), (phone, 5), (tablet, 2)] {
            let walked = try device.run(
                ["start", Tour.pathID, "--cohort", "K"], input: Tour.input(steps.prefix(count), quit: true))
            #expect(walked.status == 0, "\(walked.stderr)")
        }
        let (laptopEvents, phoneEvents, tabletEvents) = (try laptop.events(), try phone.events(), try tablet.events())

        #expect(try laptop.run(["sync", "--to", role.url]).status == 0)
        let conflict = try phone.run(["sync", "--to", role.url])
        #expect(conflict.status == 65, "\(conflict.stdout)\(conflict.stderr)")
        #expect(
            conflict.stdout.contains("Le serveur a déjà une autre version de votre tentative 1 du parcours tour"),
            "\(conflict.stdout)")
        #expect(conflict.stdout.contains("parcours sync --resolve server"), "\(conflict.stdout)")
        #expect(try phone.events() == phoneEvents, "nothing overwritten")
        let status = try phone.run(["status"], environment: ["PARCOURS_SYNC_URL": role.url])
        #expect(status.stdout.contains("1 tentative à départager"), "\(status.stdout)")
        #expect(try phone.run(["sync", "--to", role.url]).status == 65, "still waiting for the choice")

        // The phone keeps its run as attempt 2.
        let local = try phone.run(["sync", "--to", role.url, "--resolve", "local"])
        #expect(local.status == 0, "\(local.stdout)\(local.stderr)")
        #expect(local.stdout.contains("continue comme tentative 2 du parcours tour"), "\(local.stdout)")
        let renumbered = phoneEvents.map { $0.replacingOccurrences(of: " #1/", with: " #2/") }
        #expect(try phone.events() == (laptopEvents + renumbered).sorted())
        #expect(try server.events() == (laptopEvents + renumbered).sorted())

        // The tablet goes on from the server's: its own run is kept aside, never sent.
        #expect(try tablet.run(["sync", "--to", role.url]).status == 65)
        let taken = try tablet.run(["sync", "--to", role.url, "--resolve", "server"])
        #expect(taken.status == 0, "\(taken.stdout)\(taken.stderr)")
        #expect(taken.stdout.contains("Vous continuez depuis la version du serveur"), "\(taken.stdout)")
        let aside = tabletEvents.map { $0.replacingOccurrences(of: " #1/", with: " #3/") }
        #expect(try tablet.events() == (laptopEvents + renumbered + aside).sorted())
        #expect(try server.events() == (laptopEvents + renumbered).sorted(), "a run set aside is never sent")
        #expect(try tablet.run(["sync", "--to", role.url]).status == 0)

        // The laptop gets the phone's attempt; every event of the three devices is somewhere.
        #expect(try laptop.run(["sync", "--to", role.url]).status == 0)
        #expect(try laptop.events() == (try server.events()))
        let everywhere = Set(try laptop.events() + phone.events() + tablet.events() + server.events())
        #expect(everywhere.count == laptopEvents.count + phoneEvents.count + tabletEvents.count)
    }
}
