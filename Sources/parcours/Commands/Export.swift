import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a learner's progress as a bundle, or as xAPI statements.",
        discussion: """
            A bundle is a JSON file (format "parcours-bundle", version \(BundleFormat.currentVersion)) \
            with one learner's attempts and their complete logs. Send it to your facilitator, \
            who merges it with `parcours import`.

            With --xapi, the events become xAPI 1.0.3 statements (a JSON array) for a learning \
            record store, for one learner or for a whole cohort. Statement ids are stable: \
            exporting again gives the same ids. See docs/facilitators.md, "xAPI export".

            Examples:
              parcours export --out camille.parcours.json
              parcours export --as camille --store cohort.sqlite --out camille.json
              parcours export --xapi --cohort 2026-A --store cohort.sqlite --out statements.json
              parcours export --xapi --as camille --home-page https://lms.example.org
            """)

    @Flag(help: "Write xAPI 1.0.3 statements instead of a bundle.")
    var xapi = false

    @Option(help: ArgumentHelp("With --xapi: every learner of this cohort.", valueName: "CODE"))
    var cohort: String?

    @Option(help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "With --xapi: the actors' account home page (default: \(XAPIMapping.defaultBase)).",
            valueName: "URL"))
    var homePage = XAPIMapping.defaultBase

    @Option(
        help: ArgumentHelp(
            "With --xapi: the start of activity IRIs (default: \(XAPIMapping.defaultBase)).",
            valueName: "URL"))
    var activityBase = XAPIMapping.defaultBase

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    func validate() throws {
        if cohort != nil && !xapi {
            throw ValidationError("--cohort is for --xapi; a bundle holds one learner (--as NAME).")
        }
        if cohort != nil && learner.name != nil {
            throw ValidationError("give --as NAME or --cohort CODE, not both.")
        }
        for (option, value) in [("--home-page", homePage), ("--activity-base", activityBase)] {
            guard let url = URL(string: value), ["http", "https"].contains(url.scheme ?? ""),
                url.host?.isEmpty == false
            else {
                throw ValidationError("\(option) needs an absolute http(s) URL, not '\(value)'.")
            }
        }
    }

    func run() throws {
        do {
            let location = StoreLocation.resolve(explicit: learner.store)
            let store = try ProgressStore.open(location: location, readOnly: true)
            let data =
                xapi
                ? try XAPIExport(store: store, location: location, options: self).json()
                : try bundle(store, location: location)
            try CommandOutput.write(data, to: out)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Failure.exit(error)
        }
    }

    private func bundle(_ store: ProgressStore, location: StoreLocation) throws -> Data {
        guard let bundle = try store.bundle(forParticipantNamed: learner.learner) else {
            Failure.printError("no progress recorded for '\(learner.learner)' in \(location.path)")
            throw ExitCode(ExitStatus.noInput)
        }
        return try BundleCodec.encode(bundle)
    }
}

/// The statements of one learner or one cohort, graded with the installed courses.
private struct XAPIExport {
    let store: ProgressStore
    let location: StoreLocation
    let options: Export

    func json() throws -> Data {
        let names = Dictionary(
            try store.participants().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let enrollments: [Enrollment]
        if let cohort = options.cohort {
            enrollments = try store.enrollments().filter { $0.cohort == cohort }
            guard !enrollments.isEmpty else {
                Failure.printError("no attempt in \(location.path) has the cohort code '\(cohort)'")
                throw ExitCode(ExitStatus.noInput)
            }
        } else {
            let name = options.learner.learner
            guard let participant = try store.participants().first(where: { $0.name == name }) else {
                Failure.printError("no progress recorded for '\(name)' in \(location.path)")
                throw ExitCode(ExitStatus.noInput)
            }
            enrollments = try store.enrollments(of: participant.id)
        }
        let mapping = XAPIMapping(
            homePage: options.homePage, activityBase: options.activityBase,
            courses: courses(Set(enrollments.map(\.courseID))))
        var statements: [XAPIStatement] = []
        for enrollment in enrollments {
            let attempt = XAPIMapping.Attempt(
                participant: names[enrollment.participantID] ?? "\(enrollment.participantID)",
                courseID: enrollment.courseID, pathID: enrollment.pathID,
                courseVersion: enrollment.courseVersion, cohort: enrollment.cohort,
                attempt: enrollment.attempt)
            statements += mapping.statements(for: attempt, events: try store.events(of: enrollment.id))
        }
        return try XAPIMapping.encode(statements)
    }

    /// The installed courses among `ids`; a course that is missing or broken is simply not
    /// used for grading, since the log alone makes valid statements.
    private func courses(_ ids: Set<String>) -> [String: Course] {
        guard let library = try? ContentLibrary.discover(home: options.content.home) else { return [:] }
        var result: [String: Course] = [:]
        for files in library.courses where ids.contains(files.id) {
            if let text = try? ContentLibrary.read(files.graph),
                let course = try? CourseLoader.load(graph: text)
            {
                result[files.id] = course
            }
        }
        return result
    }
}

/// Writes a command's output to standard output or to a file (`OutputFile`: atomic, 0600).
enum CommandOutput {
    static func write(_ data: Data, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try OutputFile.write([[UInt8](data)], to: path)
        } catch {
            Failure.printError(
                "cannot write \(path) (\(error.localizedDescription)); check the folder exists and is writable")
            throw ExitCode(ExitStatus.cannotCreate)
        }
    }
}
