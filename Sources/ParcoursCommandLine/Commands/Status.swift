import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursTerminal

package struct Status: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where a learner stands on their latest path.")

    @Argument(help: ArgumentHelp("A path (default: the latest one).", valueName: "PATH-ID"))
    var pathID: String?

    @Flag(help: "Print the status as JSON.")
    var json = false

    /// The moment to count the open visit up to (RFC 3339), for tests; default: now.
    @Option(help: .hidden)
    var now: String?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    struct Report: Encodable {
        var learner: String
        var course: String
        var path: String
        var attempt: Int
        var currentStep: String?
        /// Distinct steps entered, in order.
        var visitedSteps: [String]
        var completedSteps: Int
        var requiredSteps: Int
        var waivedSteps: [String]
        /// The steps of the projected walk (the prompt's N), and those set aside for time.
        var walkSteps: Int
        var setAsideSteps: [String]
        var activeSeconds: Int
        var budgetSeconds: Int
        /// Null once the path is finished: a finished learner is neither ahead nor behind.
        var pace: String?
        var finished: Bool
        /// Only when a sync destination is set: where the outbox stands.
        var sync: SyncReport? = nil

        struct SyncReport: Encodable {
            var destination: String
            var pending: Int
            /// RFC 3339, or null before the first success.
            var lastSync: String?
            var lastError: String?
            var conflicts: Int
        }

        enum CodingKeys: String, CodingKey {
            case learner, course, path, attempt, currentStep, visitedSteps, completedSteps, requiredSteps,
                waivedSteps, walkSteps, setAsideSteps
            case activeSeconds, budgetSeconds, pace, finished, sync
        }

        /// `currentStep` is always present: null once the path is finished.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(learner, forKey: .learner)
            try container.encode(course, forKey: .course)
            try container.encode(path, forKey: .path)
            try container.encode(attempt, forKey: .attempt)
            try container.encode(currentStep, forKey: .currentStep)
            try container.encode(visitedSteps, forKey: .visitedSteps)
            try container.encode(completedSteps, forKey: .completedSteps)
            try container.encode(requiredSteps, forKey: .requiredSteps)
            try container.encode(waivedSteps, forKey: .waivedSteps)
            try container.encode(walkSteps, forKey: .walkSteps)
            try container.encode(setAsideSteps, forKey: .setAsideSteps)
            try container.encode(activeSeconds, forKey: .activeSeconds)
            try container.encode(budgetSeconds, forKey: .budgetSeconds)
            try container.encode(pace, forKey: .pace)
            try container.encode(finished, forKey: .finished)
            try container.encodeIfPresent(sync, forKey: .sync)
        }
    }

    package mutating func validate() throws {
        if now != nil && parsedNow == nil {
            throw ValidationError("--now needs an RFC 3339 time")
        }
    }

    var parsedNow: Date? {
        now.flatMap { RFC3339.date($0) }
    }

    /// "Sync (postgresql://…): 12 events waiting · last sync 10:42 · server unreachable".
    static func syncLine(_ store: ProgressStore, server: SyncTarget, words: Catalog) -> String {
        guard let state = try? store.syncState(destination: server.name) else {
            return words.text("status.sync", ["destination": server.name, "state": words.text("status.sync.never")])
        }
        var parts: [String] = []
        if state.pending > 0 { parts.append(words.plural("status.sync.pending", count: state.pending)) }
        if let last = state.lastSuccess {
            parts.append(words.text("status.sync.last", ["time": Self.clockTime(last, now: Date())]))
        } else {
            parts.append(words.text("status.sync.never"))
        }
        if !state.conflicts.isEmpty { parts.append(words.plural("status.sync.conflict", count: state.conflicts.count)) }
        if let error = state.lastError,
            state.lastAttempt.map({ attempt in state.lastSuccess.map { attempt > $0 } ?? true }) ?? false
        {
            let kind = error.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            parts.append(
                kind == "unreachable"
                    ? words.text("status.sync.unreachable")
                    : words.text("status.sync.error", ["reason": String(error.drop { $0 != ":" }.dropFirst(2))]))
        } else if state.pending == 0 && state.conflicts.isEmpty && state.lastSuccess != nil {
            parts.append(words.text("status.sync.ok"))
        }
        return words.text("status.sync", ["destination": server.name, "state": parts.joined(separator: " · ")])
    }

    /// "10:42" today, "3/12 10:42" another day, in local time.
    static func clockTime(_ date: Date, now: Date) -> String {
        let calendar = Calendar.current
        let parts = calendar.dateComponents([.day, .month, .hour, .minute], from: date)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        if calendar.isDate(date, inSameDayAs: now) { return time }
        return "\(parts.day ?? 0)/\(parts.month ?? 0) \(time)"
    }

    package func run() throws {
        do {
            let session = try LearnerSession.open(learner, content: content, readOnly: true)
            let latest = try session.latestStanding(path: pathID)
            let (enrollment, loaded, path) = (latest.enrollment, latest.loaded, latest.path)
            // The visit on screen counts up to now, by the rule the REPL stamps events with.
            let progress = latest.progress.countingOpenVisit(
                until: parsedNow ?? LearnerSession.clock(), course: loaded.course,
                idleThreshold: LearnerSession.idleThreshold())
            let navigator = Navigator(course: loaded.course, path: path)
            let standing = LearnerStanding(progress, navigator: navigator)
            let report = Report(
                learner: session.participant.name, course: loaded.course.id, path: path.id,
                attempt: enrollment.attempt, currentStep: standing.currentStep,
                visitedSteps: progress.visited.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } },
                completedSteps: standing.completedRequired, requiredSteps: standing.required,
                waivedSteps: progress.waived.keys.sorted(),
                walkSteps: navigator.position(progress).total,
                setAsideSteps: SessionEvents(navigator: navigator).setAsideSteps(progress),
                activeSeconds: standing.activeSeconds, budgetSeconds: standing.budgetSeconds,
                pace: standing.pace?.rawValue, finished: standing.isFinished)
            if json {
                var report = report
                if let server = session.syncServer {
                    let state = try? session.store.syncState(destination: server.name)
                    report.sync = Report.SyncReport(
                        destination: server.name, pending: state?.pending ?? 0,
                        lastSync: state?.lastSuccess.map { RFC3339.string($0, precision: .seconds) },
                        lastError: state?.lastError, conflicts: state?.conflicts.count ?? 0)
                }
                let data = try JSONEscaping.encode(report, formatting: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            let words = loaded.catalog
            let screen = content.screen()
            screen.writeLine(
                words.text(
                    "status.line",
                    [
                        "path": Walk.title(loaded, path),
                        "current": String(navigator.position(progress).current),
                        "total": String(navigator.position(progress).total),
                        "done": String(report.completedSteps),
                        "required": String(report.requiredSteps),
                        "active": ClockFormat.hoursMinutes(seconds: report.activeSeconds),
                        "budget": ClockFormat.hoursMinutes(minutes: path.budgetMinutes),
                        "planned": ClockFormat.hoursMinutes(minutes: standing.plannedMinutes),
                    ]))
            screen.writeLine(
                progress.isFinished
                    ? words.text(
                        "finish.done", ["total": ClockFormat.hoursMinutes(seconds: report.activeSeconds)]
                    ) : words.text("pace.\(report.pace ?? Pacing.Status.onTrack.rawValue)"))
            if let server = session.syncServer {
                screen.writeLine(Self.syncLine(session.store, server: server, words: words))
            }
        } catch {
            throw Failure.exit(error)
        }
    }
}
