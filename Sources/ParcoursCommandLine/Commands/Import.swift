import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore

package struct Import: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge learners' bundles (from `parcours export`) into a store.",
        discussion: """
            Importing is safe to repeat: what the store already holds is skipped, so a \
            bundle imported twice adds nothing, and a newer bundle from the same learner \
            adds only what followed. Every bundle is checked before anything is written: each \
            log is replayed against its course with the rules the REPL obeys (see \
            docs/reliability.md, "Limits"), and a \
            bundle of another format version, a damaged or oversized file (over \
            \(BundleFormat.maximumBytes / 1_048_576) MiB), or one that follows a course not \
            installed here is refused, and the store is left unchanged. Each bundle is \
            merged in one transaction; one that disagrees with the store (same learner, \
            path and attempt, different events) is refused as a conflict.

            Examples:
              parcours import camille.json dominique.json --store cohort.sqlite
              parcours import bundles/*.json --store cohort.sqlite --home ./cours
            """)

    @Argument(help: ArgumentHelp("Bundles to merge.", valueName: "FILE"))
    var files: [String]

    @Option(
        help: ArgumentHelp(
            "The store to merge into (default: PARCOURS_STORE, else ~/.local/share/parcours/progress.sqlite).",
            valueName: "FILE"))
    var store: String?

    @OptionGroup var content: ContentOptions

    package func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one bundle FILE to import.") }
    }

    package func run() throws {
        do {
            let courses = try content.courses()
            let installed = courses.library.courses.map(\.id)
            var bundles: [(String, ProgressBundle)] = []
            for file in files {
                // Every bundle is read, and every log replayed against its course, before
                // anything is written.
                do {
                    let bundle = try BundleImport.read(file, installed: installed)
                    try BundleImport.validate(bundle, courses: courses)
                    bundles.append((file, bundle))
                } catch {
                    throw Refusal(file: file, error: error)
                }
            }
            let store = try ProgressStore.open(location: StoreLocation.resolve(explicit: store))
            var done: [String] = []
            for (file, bundle) in bundles {
                do {
                    let summary = try store.importBundle(bundle)
                    print(Self.describe(summary, file: file, bundle: bundle))
                    done.append(file)
                } catch {
                    if !done.isEmpty {
                        Failure.printError("already imported: \(done.joined(separator: ", "))")
                    }
                    throw Refusal(file: file, error: error)
                }
            }
        } catch let refusal as Refusal {
            Failure.printError("\(refusal.file): \(refusal.message)")
            throw ExitCode(refusal.exitCode)
        } catch {
            throw Failure.exit(error)
        }
    }

    static func describe(_ summary: ProgressStore.ImportSummary, file: String, bundle: ProgressBundle)
        -> String
    {
        let who = bundle.participant.name
        guard summary.eventsAdded > 0 || summary.enrollmentsAdded > 0 else {
            return "\(file): \(who): nothing new (\(summary.eventsPresent) events already in the store)"
        }
        let attempts = summary.enrollmentsAdded == 1 ? "attempt" : "attempts"
        let events = summary.eventsAdded == 1 ? "event" : "events"
        return "\(file): \(who): \(summary.enrollmentsAdded) new \(attempts), \(summary.eventsAdded) new \(events)"
            + (summary.eventsPresent > 0 ? " (\(summary.eventsPresent) already in the store)" : "")
    }

    /// A bundle refused, with the file it came from.
    struct Refusal: Error {
        var file: String
        var error: any Error

        var message: String {
            switch error {
            case let error as any CommandFailure: error.explained(in: Failure.words)
            default: "\(error)"
            }
        }

        var exitCode: Int32 {
            switch error {
            case let error as any CommandFailure: error.exitCode
            default: ExitStatus.ioError
            }
        }
    }
}
