import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary

package struct Lint: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check course files and report every problem with its file:line:col.",
        discussion: """
            With no FILE, checks every course found. A FILE may be a graph (Paths/x.yml), a \
            locale file (Locales/fr/x.yml), a ui.yml, or a folder holding Paths/ and Locales/.
            Exit status: 0 when clean (warnings allowed), 1 when there are errors, 64 on usage errors.
            """)

    @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "FILE|DIR"))
    var targets: [String] = []

    @Flag(help: "Print the diagnostics as a JSON array.")
    var json = false

    @OptionGroup var content: ContentOptions

    package func run() throws {
        do {
            let jobs = try LintTargets.resolve(targets, home: content.home, environment: ProcessEnvironment.variables)
            let findings = try LintFindings.check(jobs)
            let (diagnostics, times) = (findings.diagnostics, findings.times)
            if json {
                print(try DiagnosticJSON.encode(diagnostics))
                // stdout keeps its shape (the diagnostics); the summary, on stderr as in text.
                FileHandle.standardError.write(Data((try PathTimesJSON.encode(times) + "\n").utf8))
            } else {
                for diagnostic in diagnostics { print(diagnostic) }
                printSummary(diagnostics, courses: findings.courses, times: times)
            }
            if diagnostics.hasErrors { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Failure.exit(error)
        }
    }

    private func printSummary(
        _ diagnostics: [Diagnostic], courses: Int, times: [(course: String, Linter.PathTimes)]
    ) {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var lines: [String] = []
        for (_, path) in times {
            lines.append("  \(path.path): " + Self.summary(path))
        }
        lines.append(
            "\(courses) course\(courses == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        )
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

extension Lint {
    /// One path's figures: `budget 2:00 · shortest 1:10 · lightest 1:45 · typical 2:00 ·
    /// heaviest 2:08 (2:51 before setting aside) · 21–24 steps`.
    static func summary(_ path: Linter.PathTimes) -> String {
        func clock(_ minutes: Int?) -> String {
            minutes.map { ClockFormat.hoursMinutes(minutes: $0) } ?? "none"
        }
        var parts = [
            "budget \(path.budgetMinutes.map { ClockFormat.hoursMinutes(minutes: $0) } ?? "?")",
            "shortest \(clock(path.bounds.shortest))", "lightest \(clock(path.walks.lightest))",
            "typical \(clock(path.walks.typical))",
        ]
        var heaviest = "heaviest \(clock(path.walks.heaviest))"
        if let longest = path.bounds.longest, longest != path.walks.heaviest {
            heaviest += " (\(clock(longest)) before setting aside)"
        }
        parts.append(heaviest)
        if let fewest = path.walks.fewestSteps, let most = path.walks.mostSteps {
            parts.append(fewest == most ? "\(most) steps" : "\(fewest)–\(most) steps")
        }
        return parts.joined(separator: " · ")
    }
}

/// Each path's walk figures as JSON, for `lint --json` (on stderr, beside the diagnostics).
enum PathTimesJSON {
    struct Entry: Encodable {
        var course: String
        var path: String
        var budgetMinutes: Int?
        var shortestMinutes: Int?
        var lightestMinutes: Int?
        var typicalMinutes: Int
        var heaviestMinutes: Int?
        var longestMinutes: Int?
        var fewestSteps: Int?
        var mostSteps: Int?
    }

    static func encode(_ times: [(course: String, Linter.PathTimes)]) throws -> String {
        let entries = times.map { course, path in
            Entry(
                course: course, path: path.path, budgetMinutes: path.budgetMinutes,
                shortestMinutes: path.bounds.shortest, lightestMinutes: path.walks.lightest,
                typicalMinutes: path.walks.typical, heaviestMinutes: path.walks.heaviest,
                longestMinutes: path.bounds.longest, fewestSteps: path.walks.fewestSteps,
                mostSteps: path.walks.mostSteps)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(["paths": entries]), as: UTF8.self)
    }
}

/// The diagnostics as JSON objects with file, line, column, severity, rule and message.
enum DiagnosticJSON {
    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var rule: String
        var message: String
    }

    static func encode(_ diagnostics: [Diagnostic]) throws -> String {
        let entries = diagnostics.map {
            Entry(
                file: $0.location.file, line: $0.location.line, column: $0.location.column,
                severity: $0.severity.rawValue, rule: $0.rule, message: $0.message)
        }
        return String(decoding: try JSONEscaping.encode(entries), as: UTF8.self)
    }
}
