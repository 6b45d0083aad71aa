import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursReport
import ParcoursStore
import ParcoursTerminal

package struct Report: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show a cohort's progress: who finished, who is behind, where people get stuck.",
        discussion: """
            Reads stores (always read-only), participant bundles from `parcours export`, and \
            shared servers (postgresql://…, read with the role's rights; password from \
            ~/.pgpass or PGPASSWORD). \
            With no SOURCE, reads the current store (--store, else PARCOURS_STORE, else the \
            personal store). See docs/facilitators.md for every column and the JSON shape.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, html
        case csvSteps = "csv-steps"
    }

    @Argument(
        help: ArgumentHelp("Store files, bundle files and postgresql:// servers to read.", valueName: "SOURCE"))
    var sources: [String] = []

    @Option(help: ArgumentHelp("Only this cohort.", valueName: "CODE"))
    var cohort: String?

    @Option(help: ArgumentHelp("Only this path.", valueName: "ID"))
    var path: String?

    @Option(help: "Output format: table, csv, csv-steps (the step funnel), json or html.")
    var format: Format = .table

    @Option(help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "FILE"))
    var out: String?

    @Flag(
        help: "Also show each path's step funnel in the table: reached, completed, waived, time against the estimate.")
    var steps = false

    @Flag(
        help: ArgumentHelp(
            "Redraw the table every few seconds until Ctrl-C (`--watch 10`: every 10 s), fitted to the terminal."))
    var watch = false

    @Option(help: ArgumentHelp("Seconds between redraws with --watch.", valueName: "SECONDS"))
    var interval: Int = 5

    @Option(
        help: ArgumentHelp(
            "Unfinished learners silent for this long are 'stalled'.", valueName: "MINUTES"))
    var stalledAfter: Int = ReportOptions.defaultStalledMinutes

    @Option(help: ArgumentHelp("The store when no SOURCE is given.", valueName: "FILE"))
    var store: String?

    @Option(help: .hidden)
    var now: String?

    @OptionGroup var content: ContentOptions

    package mutating func validate() throws {
        // `--watch 10`: the number right after --watch is the interval, not a source.
        let arguments = CommandLine.arguments
        if watch, let flag = arguments.firstIndex(of: "--watch"), flag + 1 < arguments.count,
            let seconds = Int(arguments[flag + 1]),
            let index = sources.firstIndex(of: arguments[flag + 1])
        {
            interval = seconds
            sources.remove(at: index)
        }
        guard interval >= 1 else { throw ValidationError("--watch needs at least 1 second") }
        guard stalledAfter >= 1 else { throw ValidationError("--stalled-after needs at least 1 minute") }
        if now != nil && parsedNow == nil {
            throw ValidationError("--now needs an RFC 3339 time")
        }
    }

    var parsedNow: Date? {
        now.flatMap { RFC3339.date($0) }
    }

    package func run() throws {
        do {
            let library = try ContentLibrary.discover(home: content.home, environment: ProcessEnvironment.variables)
            let files = sources.isEmpty ? [StoreLocation.resolve(explicit: store).path] : sources
            let screen = content.screen()
            if watch {
                Self.endOnInterrupt()
                // On a terminal the view is fitted to its height and drawn over the last one;
                // elsewhere (a pipe, a file, plain mode) each view follows the one before.
                let inPlace = screen.redrawsInPlace && out == nil
                while true {
                    let output = try render(
                        files, library: library, screen: screen, height: inPlace ? screen.height : nil
                    )
                    .output
                    if inPlace {
                        screen.redraw(String(decoding: output.joined(), as: UTF8.self))
                    } else {
                        try emit(output)
                    }
                    sleep(UInt32(interval))
                }
            }
            let rendered = try render(files, library: library, screen: screen)
            try emit(rendered.output)
            // Done: leave without freeing every fold and row one by one (on 10,000
            // participants, hundreds of thousands of objects); ArgumentParser exits with 0 here too.
            withExtendedLifetime(rendered) { Foundation.exit(0) }
        } catch {
            throw Failure.exit(error)
        }
    }

    /// Ctrl-C ends a watch with status 0, even when the parent ignored or blocked SIGINT.
    static func endOnInterrupt() {
        signal(SIGINT) { _ in _exit(0) }
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        sigprocmask(SIG_UNBLOCK, &interrupt, nil)
    }

    /// The report in the chosen format, as the bytes to write (in parts, written one after the
    /// other), and the report itself. Each call reads the courses afresh, so a watch shows a
    /// course edited meanwhile.
    func render(_ files: [String], library: ContentLibrary, screen: Screen, height: Int? = nil) throws -> (
        output: [[UInt8]], report: CohortReport
    ) {
        let courses = CourseLookup(library: library, environment: ProcessEnvironment.variables)
        // A server is read afresh at each call, so a watch follows it too.
        let sources = try ServerSources.resolve(files, cohort: cohort, pathID: path)
        defer { sources.remove() }
        let report = try CohortSources.report(
            sources.files,
            options: ReportOptions(
                cohort: cohort, pathID: path, stalledAfter: TimeInterval(stalledAfter * 60),
                now: parsedNow ?? Date()),
            courses: courses)
        switch format {
        case .table:
            // A file gets no colour, and keeps the drawing characters unless plain mode is on.
            let style = out == nil ? screen.style : Style(isEnabled: false, drawsGlyphs: screen.style.drawsGlyphs)
            let titles = ReportTitles(for: report, courses: courses, lang: content.lang)
            let text = ReportScreen.render(
                report, titles: titles, width: screen.width, height: height, steps: steps, style: style)
            return ([Array(text.utf8)], report)
        case .csv, .csvSteps:
            // A CSV file has no room for the report's notices: they go to standard error.
            for notice in report.notices { Failure.printError("notice: " + notice) }
            let text = format == .csv ? ReportCSV.render(report) : ReportCSV.steps(report)
            return ([Array(text.utf8)], report)
        // Written as bytes from the start, in the parts the cores wrote: 6.7 MB on 10,000
        // participants, never copied.
        case .json: return (ReportJSON.parts(report), report)
        case .html:
            let titles = ReportTitles(for: report, courses: courses, lang: content.lang)
            return ([Array(ReportHTML.render(report, titles: titles).utf8)], report)
        }
    }

    func emit(_ output: [[UInt8]]) throws {
        guard let out else {
            for part in output {
                part.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress else { return }
                    FileHandle.standardOutput.write(
                        Data(
                            bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count,
                            deallocator: .none))
                }
            }
            return
        }
        do {
            try OutputFile.write(output, to: out)
        } catch {
            Failure.printError("cannot write \(out) (\(error.localizedDescription))")
            throw ExitCode(ExitStatus.cannotCreate)
        }
    }
}
