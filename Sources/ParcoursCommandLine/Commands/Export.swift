import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore

package struct Export: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "export",
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

    package func validate() throws {
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

    package func run() throws {
        do {
            let location = StoreLocation.resolve(explicit: learner.store)
            let store = try ProgressStore.open(location: location, readOnly: true)
            let data = xapi ? try statements(store, location: location) : try bundle(store, location: location)
            try CommandOutput.write(data, to: out)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Failure.exit(error)
        }
    }

    private func bundle(_ store: ProgressStore, location: StoreLocation) throws -> Data {
        guard let bundle = try store.bundle(forParticipantNamed: learner.learner) else {
            throw LibraryError.noProgress(learner: learner.learner, store: location.path)
        }
        return try BundleCodec.encode(bundle)
    }

    /// The statements of the learner or the cohort, graded with the installed courses if any
    /// are found (without them, the log alone still makes valid statements).
    private func statements(_ store: ProgressStore, location: StoreLocation) throws -> Data {
        let courses = try? content.courses()
        return try XAPICollection(
            store: store, storePath: location.path, of: cohort.map { .cohort($0) } ?? .learner(learner.learner),
            homePage: homePage, activityBase: activityBase, course: { courses?.course($0) }
        ).json()
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
