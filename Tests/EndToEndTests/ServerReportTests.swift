import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// `parcours report postgresql://…` and `calibrate postgresql://…`, read as a facilitator's
/// role, give the figures the same events give from a SQLite store, in every format.
@Suite(
    "Report from the server",
    .enabled(if: TestPostgres.isEnabled, "PARCOURS_NO_POSTGRES=1 and no PARCOURS_TEST_POSTGRES_URL"))
struct ServerReportTests {
    /// One cohort on the server and the same learners' bundles imported into a SQLite store.
    struct World {
        var server: CohortServer
        var cohortStore: String
        var facilitator: CohortServer.Role
        var stranger: CohortServer.Role
        var passwordFile: String
        var directory: String
        var now: String
    }

    /// Five learners: two finished the tour (one through its reminder), one stopped on it,
    /// one is on an Alliances path, all in cohort R; one more in cohort Q.
    static func world() throws -> World {
        let server = try CohortServer.make("e2e_report")
        let directory = try Binary.temporaryDirectory()
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let (tour, _) = try Tour.steps()
        let (reminder, _) = try Tour.steps(wrong: ["back-quiz"])
        let alliances = try Self.alliancesSteps("alliances-2h")
        let walks: [(name: String, cohort: String, path: String, input: String)] = [
            ("Rémi Tout \(suffix)", "R", Tour.pathID, Tour.input(tour[...], quit: false)),
            ("Rose Rappel \(suffix)", "R", Tour.pathID, Tour.input(reminder[...], quit: false)),
            ("Raoul Moitié \(suffix)", "R", Tour.pathID, Tour.input(tour.prefix(4), quit: true)),
            ("Rita Alliances \(suffix)", "R", "alliances-2h", Tour.input(alliances.prefix(5), quit: true)),
            ("Quentin Autre \(suffix)", "Q", Tour.pathID, Tour.input(tour.prefix(6), quit: true)),
        ]
        var bundles: [String] = []
        for (index, walk) in walks.enumerated() {
            let role = try server.addLearner(walk.name, cohort: walk.cohort)
            let device = try Device(learner: walk.name, passwordFileLines: [role.passwordFileLine])
            // A clock 1,000 times faster: each step takes the learner minutes, so the time
            // figures (active time, medians) are not all zero.
            let walked = try device.run(
                ["start", walk.path, "--cohort", walk.cohort], input: walk.input,
                environment: ["PARCOURS_TEST_CLOCK_SCALE": "1000"])
            #expect(walked.status == 0, "\(walk.name): \(walked.stderr)")
            let synced = try device.run(["sync", "--to", role.url])
            #expect(synced.status == 0, "\(walk.name): \(synced.stdout)\(synced.stderr)")
            let file = directory + "/learner-\(index).json"
            #expect(try device.run(["export", "--out", file]).status == 0)
            bundles.append(file)
        }
        let cohortStore = directory + "/cohort.sqlite"
        let imported = try Binary.run(
            ["import"] + bundles + ["--store", cohortStore, "--home", Binary.packageRoot], directory: directory)
        #expect(imported.status == 0, "\(imported.stderr)")

        let facilitator = try server.addFacilitator("Fanny \(suffix)", cohorts: ["R", "Q"])
        let stranger = try server.addFacilitator("Fabien \(suffix)", cohorts: ["Z"])
        let passwordFile = directory + "/pgpass"
        try [facilitator.passwordFileLine, stranger.passwordFileLine].joined(separator: "\n")
            .write(toFile: passwordFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile)
        let formatter = ISO8601DateFormatter()
        return World(
            server: server, cohortStore: cohortStore, facilitator: facilitator, stranger: stranger,
            passwordFile: passwordFile, directory: directory,
            now: formatter.string(from: Date(timeIntervalSinceNow: 4 * 3_600)))
    }

    /// The lines of a whole Alliances walk, cut into steps, in the written order of choices.
    static func alliancesSteps(_ pathID: String) throws -> [[String]] {
        let course = try AlliancesWalkthroughTests.course()
        let path = try #require(course.path(pathID))
        let script = try WalkScript(course: course, path: path, learner: .init(rating: 3))
        var steps: [[String]] = [[]]
        for line in script.lines {
            steps[steps.count - 1].append(line)
            if line.isEmpty { steps.append([]) }
        }
        return steps.filter { !$0.isEmpty }
    }

    /// `parcours COMMAND SOURCE ARGUMENTS` with the facilitators' password file.
    static func read(_ command: String, _ source: String, _ arguments: [String], _ world: World) throws
        -> Binary.Result
    {
        try Binary.run(
            [command, source] + arguments + ["--home", Binary.packageRoot, "--lang", "fr"],
            environment: ["PGPASSFILE": world.passwordFile], directory: world.directory)
    }

    /// What legitimately names the source: the store's path or the server's URL.
    static func withoutSource(_ text: String, _ world: World) -> String {
        text.replacingOccurrences(of: world.cohortStore, with: "SOURCE")
            .replacingOccurrences(of: world.facilitator.url, with: "SOURCE")
    }

    @Test func theServerReportEqualsTheSQLiteReport() throws {
        let world = try Self.world()
        defer { world.server.drop() }
        for format in ["json", "csv", "csv-steps", "html", "table"] {
            for filter in [[], ["--cohort", "R"], ["--path", Tour.pathID], ["--cohort", "Q", "--path", Tour.pathID]] {
                let arguments = ["--format", format, "--now", world.now] + filter
                let local = try Self.read("report", world.cohortStore, arguments, world)
                let remote = try Self.read("report", world.facilitator.url, arguments, world)
                #expect(local.status == 0, "\(format) \(filter): \(local.stderr)")
                #expect(remote.status == 0, "\(format) \(filter): \(remote.stderr)")
                #expect(
                    Self.withoutSource(remote.stdout, world) == Self.withoutSource(local.stdout, world),
                    "report --format \(format) \(filter) differs between the store and the server")
            }
        }
        // The JSON says who is there: four in R, one in Q, on two paths, with time figures.
        let json = try Self.read("report", world.facilitator.url, ["--format", "json", "--now", world.now], world)
        for name in ["Rémi Tout", "Rose Rappel", "Raoul Moitié", "Rita Alliances", "Quentin Autre"] {
            #expect(json.stdout.contains(name), "\(name) in the server's report")
        }
        let csv = try Self.read("report", world.facilitator.url, ["--format", "csv", "--now", world.now], world)
        let seconds = (CSVParser.parse(csv.stdout) ?? []).dropFirst().compactMap { Int($0[10]) }
        // Time figures that are not all zero, so that the comparison above compares them too.
        #expect(seconds.count == 5 && seconds.filter { $0 > 0 }.count >= 3, "active seconds: \(seconds)")
        let onlyR = try Self.read(
            "report", world.facilitator.url, ["--format", "json", "--now", world.now, "--cohort", "R"], world)
        #expect(!onlyR.stdout.contains("Quentin Autre") && onlyR.stdout.contains("Rita Alliances"))
        let onlyTour = try Self.read(
            "report", world.facilitator.url, ["--format", "json", "--now", world.now, "--path", Tour.pathID], world)
        #expect(!onlyTour.stdout.contains("Rita Alliances") && onlyTour.stdout.contains("Rémi Tout"))

        // Calibrate reads the server as it reads the store.
        for arguments in [
            ["--format", "json", "--min-learners", "1"], ["--min-learners", "2", "--path", Tour.pathID],
        ] {
            let local = try Self.read("calibrate", world.cohortStore, arguments, world)
            let remote = try Self.read("calibrate", world.facilitator.url, arguments, world)
            #expect(local.status == 0 && remote.status == 0, "\(local.stderr)\(remote.stderr)")
            #expect(
                Self.withoutSource(remote.stdout, world) == Self.withoutSource(local.stdout, world),
                "calibrate \(arguments) differs")
        }

        // A facilitator of another cohort sees nobody.
        let stranger = try Self.read(
            "report", world.stranger.url, ["--format", "json", "--now", world.now], world)
        #expect(stranger.status == 0, "\(stranger.stderr)")
        for name in ["Rémi", "Rose", "Raoul", "Rita", "Quentin"] {
            #expect(!stranger.stdout.contains(name), "\(name) is not the stranger's to see")
        }
    }
}
