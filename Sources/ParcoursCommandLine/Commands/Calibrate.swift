import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursReport
import ParcoursStore
import ParcoursTerminal

package struct Calibrate: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Compare each step's estimate with the time real learners took, and revise it.",
        discussion: """
            Reads stores (always read-only) and participant bundles, as `parcours report` \
            does. For each step: its estimate, the median and 80th percentile of the active \
            time of those who completed it, and how many did. A step completed by at least \
            --min-learners learners whose median is off its estimate by more than 30 % is \
            flagged; each path's typical time is recomputed with those medians. --write puts \
            the flagged medians into the course's Paths/*.yml (comments and layout kept), then \
            runs lint. See docs/facilitators.md and docs/authoring.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: ArgumentHelp("Store files, bundle files and postgresql:// servers to read.", valueName: "SOURCE"))
    var sources: [String] = []

    @Option(help: ArgumentHelp("Only this path.", valueName: "ID"))
    var path: String?

    @Option(help: ArgumentHelp("Learners who must have completed a step before its median counts.", valueName: "N"))
    var minLearners: Int = Calibration.defaultMinLearners

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Flag(help: "Write the flagged steps' observed medians into Paths/*.yml, then lint the course.")
    var write = false

    @Option(help: ArgumentHelp("The store when no SOURCE is given.", valueName: "FILE"))
    var store: String?

    @OptionGroup var content: ContentOptions

    package mutating func validate() throws {
        guard minLearners >= 1 else { throw ValidationError("--min-learners needs at least 1") }
    }

    package func run() throws {
        do {
            let courses = try content.courses()
            let files = sources.isEmpty ? [StoreLocation.resolve(explicit: store).path] : sources
            // The courses the report loaded are those the calibration reads.
            let sources = try ServerSources.resolve(files, cohort: nil, pathID: path)
            defer { sources.remove() }
            let report = try CohortSources.report(
                sources.files, options: ReportOptions(pathID: path, now: Date()), courses: courses)
            let calibration = Calibration.build(report, course: courses.course, minLearners: minLearners)
            if let path, !calibration.paths.contains(where: { $0.pathID == path }) {
                Failure.printError("no attempt on path \(path) in these sources")
            }
            for warning in calibration.warnings { Failure.printError("warning: " + warning) }
            print(render(calibration), terminator: "")
            guard write else { return }
            guard calibration.missing.isEmpty else {
                throw CLIError.calibrateMissing(paths: calibration.missing)
            }
            try CalibrationWrite.run(calibration, courses: courses, home: content.home)
        } catch let exit as ExitCode {
            throw exit
        } catch let error as OutputFile.WriteError {
            Failure.printError(error.description)
            throw ExitCode(ExitStatus.cannotCreate)
        } catch {
            throw Failure.exit(error)
        }
    }

    func render(_ calibration: Calibration) -> String {
        switch format {
        case .json: return calibration.json()
        case .table:
            let screen = content.screen()
            var parts: [String] = []
            for (headline, grid) in calibration.tables() {
                parts.append(
                    contentsOf: ReportScreen.wrap(Sanitizer.plain(headline), width: screen.width).map(screen.style.bold)
                )
                parts.append(ReportScreen.draw(grid, width: screen.width, style: screen.style))
                parts.append("")
            }
            if calibration.paths.isEmpty { parts.append("No attempt to calibrate from.") }
            return parts.joined(separator: "\n") + "\n"
        }
    }
}

/// `calibrate --write`: the flagged medians into the course files, then lint's verdict.
enum CalibrationWrite {
    static func run(_ calibration: Calibration, courses: CourseLookup, home: String?) throws {
        let (edits, conflicts) = calibration.edits
        for conflict in conflicts {
            Failure.printError(
                "warning: \(conflict) left as it is: the paths calibrated suggest different minutes (use --path)")
        }
        guard !edits.isEmpty else {
            print("Nothing to write: no flagged step needs another number of minutes.")
            return
        }
        var graphs: [String] = []
        for course in Set(edits.map(\.courseID)).sorted() {
            guard
                let result = try CalibrationEdit.make(
                    courseID: course, edits: edits, calibration: calibration, courses: courses)
            else {
                throw CLIError.calibrateNoFiles(course: course)
            }
            for skipped in result.skipped {
                Failure.printError("warning: \(skipped.step) left as it is: \(skipped.reason)")
            }
            guard !result.changes.isEmpty else { continue }
            // Atomically, keeping the file's mode (`OutputFile`).
            try OutputFile.replace(result.graph, with: [result.bytes])
            for change in result.changes {
                print("\(change.location): \(change.step): minutes \(change.from) → \(change.to)")
            }
            graphs.append(result.graph)
        }
        guard !graphs.isEmpty else { return }
        // Lint's own code path, on the files just written: its diagnostics, its summary and
        // its exit status (1 when the course now has errors, a budget exceeded for one).
        print("Checking the course again (parcours lint):")
        var arguments = graphs
        if let home { arguments += ["--home", home] }
        try Lint.parse(arguments).run()
    }
}
