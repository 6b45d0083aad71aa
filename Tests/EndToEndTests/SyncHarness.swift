import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// A parcours cohort database on the test server, set up through the binary as its owner
/// would (`parcours db init`, `db add-learner`, `db add-facilitator`), with the superuser's
/// password in `PGPASSWORD`, never on the command line.
struct CohortServer {
    /// A role `db add-learner` or `db add-facilitator` made, as the person is given it.
    struct Role {
        var role: String
        /// The URL printed for the person: no password in it.
        var url: String
        /// The `~/.pgpass` line printed for the person.
        var passwordFileLine: String
        var password: String { passwordFileLine.split(separator: ":").last.map(String.init) ?? "" }
    }

    let database: TestPostgres.Database
    /// The superuser's URL without its password, and the password.
    let adminURL: String
    let adminPassword: String

    /// A fresh database on the test server (`prefix_…`), with the parcours schema.
    static func make(_ prefix: String, serverURL: String? = nil) throws -> CohortServer {
        let database: TestPostgres.Database
        if let serverURL {
            let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
            _ = try TestPostgres.psql(url: serverURL, command: "CREATE DATABASE \"\(name)\"")
            var components = try #require(URLComponents(string: serverURL))
            components.path = "/" + name
            database = TestPostgres.Database(name: name, url: try #require(components.string))
        } else {
            database = try TestPostgres.makeDatabase(prefix: prefix)
        }
        var components = try #require(URLComponents(string: database.url))
        let password = components.password ?? ""
        components.password = nil
        let server = CohortServer(
            database: database, adminURL: try #require(components.string), adminPassword: password)
        let initialized = try server.admin(["db", "init", server.adminURL])
        #expect(initialized.status == 0, "db init exited \(initialized.status): \(initialized.stderr)")
        return server
    }

    /// `parcours ARGUMENTS` as the database's owner.
    func admin(_ arguments: [String]) throws -> Binary.Result {
        try Binary.run(arguments, environment: ["PGPASSWORD": adminPassword, "PARCOURS_DB_URL": adminURL])
    }

    func addLearner(_ name: String, cohort: String) throws -> Role {
        try Self.role(from: try admin(["db", "add-learner", name, "--cohort", cohort]), what: name)
    }

    func addFacilitator(_ name: String, cohorts: [String]) throws -> Role {
        try Self.role(
            from: try admin(["db", "add-facilitator", name] + cohorts.flatMap { ["--cohort", $0] }), what: name)
    }

    /// The role, `.pgpass` line and URL that `db add-…` printed.
    static func role(from result: Binary.Result, what: String) throws -> Role {
        #expect(result.status == 0, "db add-… \(what) exited \(result.status): \(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let url = try #require(lines.first { $0.hasPrefix("postgresql://") }, "no URL printed: \(result.stdout)")
        let line = try #require(
            lines.first { !$0.hasPrefix("postgresql://") && $0.split(separator: ":").count == 5 },
            "no .pgpass line printed: \(result.stdout)")
        let role = try #require(URLComponents(string: url)?.user, "no role in \(url)")
        #expect(!url.contains(line.split(separator: ":").last.map(String.init) ?? "-"), "no password in the URL")
        return Role(role: role, url: url, passwordFileLine: line)
    }

    /// One SQL command as the superuser, through psql.
    func sql(_ query: String) throws -> String {
        try TestPostgres.psql(url: database.url, command: query).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every event the server holds (of `participant`), as "name path #attempt/seq", sorted.
    func events(of participant: String? = nil) throws -> [String] {
        let filter = participant.map { "WHERE p.name = '\($0.replacingOccurrences(of: "'", with: "''"))'" } ?? ""
        let text = try sql(
            """
            SELECT p.name || ' ' || e.path_id || ' #' || e.attempt || '/' || v.seq FROM parcours.event v
              JOIN parcours.enrollment e ON e.id = v.enrollment_id
              JOIN parcours.participant p ON p.id = e.participant_id \(filter)
             ORDER BY 1
            """)
        return text.isEmpty ? [] : text.split(separator: "\n").map(String.init).sorted()
    }

    func drop() {
        try? TestPostgres.dropDatabase(database)
    }
}

/// One learner's device: its own home folder (HOME, with the `~/.pgpass` the learner was
/// given, mode 0600), its own store, the package's courses.
struct Device {
    let directory: String
    let learner: String
    var environment: [String: String]

    init(learner: String, passwordFileLines: [String] = [], syncURL: String? = nil) throws {
        directory = try Binary.temporaryDirectory()
        self.learner = learner
        environment = ["HOME": directory]
        if let syncURL { environment["PARCOURS_SYNC_URL"] = syncURL }
        if !passwordFileLines.isEmpty { try writePasswordFile(passwordFileLines) }
    }

    var store: String { directory + "/progress.sqlite" }
    var options: [String] { ["--as", learner, "--store", store, "--home", Binary.packageRoot, "--lang", "fr"] }

    func writePasswordFile(_ lines: [String]) throws {
        let path = directory + "/.pgpass"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// `parcours ARGUMENTS --as … --store … --home … --lang fr` in this device's home.
    func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:]) throws
        -> Binary.Result
    {
        try Binary.run(
            arguments + options, input: input, environment: environment.merging(extra) { $1 },
            directory: directory)
    }

    /// Every event in the store, as "name path #attempt/seq", sorted (runs set aside too).
    func events() throws -> [String] {
        let text = try Learner.sqlite(
            store,
            """
            SELECT p.name || ' ' || e.path_id || ' #' || e.attempt || '/' || v.seq FROM event v
              JOIN enrollment e ON e.id = v.enrollment_id JOIN participant p ON p.id = e.participant_id
             ORDER BY 1
            """)
        return text.isEmpty ? [] : text.split(separator: "\n").map(String.init).sorted()
    }

    /// Events past the outbox cursor of `destination` (the store's own count of what waits).
    func pending(destination: String) throws -> Int {
        let cursor = try Learner.sqlite(
            store,
            "SELECT coalesce((SELECT cursor FROM sync_destination WHERE name = '\(destination)'), 0)")
        return Int(try Learner.sqlite(store, "SELECT count(*) FROM event WHERE id > \(cursor)")) ?? -1
    }
}

/// The `tour` path of the package's `parcours-tour` course, scripted step by step.
enum Tour {
    static let pathID = "tour"

    static func course() throws -> Course {
        let path = "Paths/parcours-tour.yml"
        let text = try String(contentsOfFile: Binary.packageRoot + "/" + path, encoding: .utf8)
        return try CourseLoader.load(graph: SourceText(path: path, text: text))
    }

    /// The lines of a whole walk, cut into steps: each ends with the Enter that leaves it.
    static func steps(wrong: Set<String> = []) throws -> (steps: [[String]], visited: [String]) {
        let course = try course()
        let path = try #require(course.path(pathID))
        let script = try WalkScript(course: course, path: path, learner: .init(rating: 4, wrong: wrong))
        var steps: [[String]] = [[]]
        for line in script.lines {
            steps[steps.count - 1].append(line)
            if line.isEmpty { steps.append([]) }
        }
        if steps.last?.isEmpty == true { steps.removeLast() }
        return (steps, script.visited)
    }

    /// The input for `first` steps and then `quitter`, or the whole walk.
    static func input(_ steps: ArraySlice<[String]>, quit: Bool) -> String {
        (steps.flatMap { $0 } + (quit ? ["quitter"] : [])).joined(separator: "\n") + "\n"
    }
}

/// A monotonic clock for the tests' timings.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// A `parcours` left running, its output going to files: for many processes at once, for
/// input written a little at a time, or for a kill.
final class RunningParcours: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    private let outPath: String
    private let errPath: String

    init(_ arguments: [String], environment extra: [String: String], directory: String, label: String) throws {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "fr_FR.UTF-8",
            "HOME": directory, "XDG_DATA_HOME": directory + "/nodata", "PARCOURS_TEST_SEED": "none",
        ]
        environment.merge(extra) { $1 }
        outPath = directory + "/\(label).out"
        errPath = directory + "/\(label).err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try ProcessLaunch.run(process)
    }

    /// A device's command, with its options and environment.
    convenience init(_ arguments: [String], on device: Device, label: String) throws {
        try self.init(
            arguments + device.options, environment: device.environment, directory: device.directory, label: label)
    }

    func write(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Waits for the end; the status is 128 + the signal for a killed process.
    func wait() -> Binary.Result {
        closeInput()
        process.waitUntilExit()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Binary.Result(
            status: status, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// Learners' bundles made from one real walk: its enrollment copied as many attempts as
/// wanted, each an hour apart and all in the past, under any learner's name. A store of
/// thousands of events is then one `parcours import` away.
struct BundleTemplate: @unchecked Sendable {
    /// The exported bundle, read once and never changed.
    let json: [String: Any]

    /// Walks the whole `tour` once through the binary and exports it.
    static func tour() throws -> BundleTemplate {
        let device = try Device(learner: "modele")
        let (steps, _) = try Tour.steps()
        let walked = try device.run(
            ["start", Tour.pathID, "--cohort", "T"], input: Tour.input(steps[...], quit: false))
        #expect(walked.status == 0, "the template walk: \(walked.stderr)")
        let exported = try device.run(["export", "--out", device.directory + "/modele.json"])
        #expect(exported.status == 0, "export: \(exported.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: device.directory + "/modele.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return BundleTemplate(json: json)
    }

    var eventsPerAttempt: Int {
        ((json["enrollments"] as? [[String: Any]])?.first?["events"] as? [Any])?.count ?? 0
    }

    /// A bundle of `name` holding attempts `attempts` in `cohort`.
    func bundle(name: String, attempts: ClosedRange<Int>, cohort: String) throws -> Data {
        let enrollment = try #require((json["enrollments"] as? [[String: Any]])?.first)
        var bundle = json
        bundle["participant"] = ["name": name, "createdAt": Self.text(Self.date(-30 * 86_400))]
        bundle["enrollments"] = try attempts.map { attempt in
            // Attempt k an hour after attempt k-1, the last ones days before now.
            let shift = Double(attempt - 20_000) * 3_600
            var copy = enrollment
            copy["attempt"] = attempt
            copy["cohort"] = cohort
            for key in ["startedAt", "finishedAt"] {
                if let text = copy[key] as? String { copy[key] = try Self.shifted(text, by: shift) }
            }
            copy["events"] = try (enrollment["events"] as? [[String: Any]] ?? []).map { event in
                var event = event
                if let text = event["at"] as? String { event["at"] = try Self.shifted(text, by: shift) }
                if var payload = event["payload"] as? [String: Any], payload["attempt"] != nil {
                    payload["attempt"] = attempt
                    if payload["cohort"] != nil { payload["cohort"] = cohort }
                    event["payload"] = payload
                }
                return event
            }
            return copy
        }
        return try JSONSerialization.data(withJSONObject: bundle, options: [.sortedKeys])
    }

    /// Writes the bundle and imports it into `device`'s store.
    func importInto(_ device: Device, attempts: ClosedRange<Int>, cohort: String) throws {
        let file = device.directory + "/bundle-\(attempts.lowerBound).json"
        try bundle(name: device.learner, attempts: attempts, cohort: cohort).write(to: URL(fileURLWithPath: file))
        let imported = try Binary.run(
            ["import", file, "--store", device.store, "--home", Binary.packageRoot], environment: device.environment,
            directory: device.directory)
        #expect(imported.status == 0, "import into \(device.learner)'s store: \(imported.stderr)")
    }

    private static func date(_ offset: TimeInterval) -> Date { Date(timeIntervalSinceNow: offset) }

    private static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private static func shifted(_ text: String, by offset: TimeInterval) throws -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try #require(formatter.date(from: text), "not an RFC 3339 time: \(text)")
        return formatter.string(from: date.addingTimeInterval(offset))
    }
}

/// Whether `condition` holds within `timeout`, asked again every 100 ms: for what a
/// background process does on its own time.
func eventually(timeout: TimeInterval = 15, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try condition() { return true }
        if Date() > deadline { return false }
        usleep(100_000)
    }
}
