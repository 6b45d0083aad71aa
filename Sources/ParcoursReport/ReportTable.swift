import Foundation
import ParcoursCore

/// The report laid out as grids of plain text, for a terminal to draw.
///
/// This module does not touch the terminal: the command hands these grids to
/// `ParcoursTerminal.TextTable`, which measures, fits and sanitises them, and colours each
/// row by its `tone` only on a TTY. Cells are raw data here; sanitising is the drawer's job.
public enum ReportTable {
    /// How a row should stand out.
    public enum Tone: Sendable, Equatable {
        case plain
        /// Finished.
        case good
        /// Behind or stalled.
        case attention
        /// Not started.
        case muted
    }

    public struct Grid: Sendable, Equatable {
        public var headers: [String]
        public var rows: [[String]]
        public var tones: [Tone]
        public var rightAligned: Set<Int>
        /// Columns that may be dropped when the terminal is too narrow, first dropped first.
        public var droppable: [Int]
        /// Columns that say the same on every row, dropped first when space is short.
        public var redundant: [Int] = []
    }

    /// One line per attempt: who, where, how far, how fast.
    public static func participants(_ report: CohortReport) -> Grid {
        let headers = [
            "Name", "Cohort", "Path", "Status", "Done", "%", "Step", "Time", "Pace", "Last",
        ]
        var rows: [[String]] = []
        var tones: [Tone] = []
        for p in report.participants {
            rows.append([
                p.name, p.cohort ?? "—", p.pathID.isEmpty ? "—" : "\(p.pathID) #\(p.attempt)",
                p.status.rawValue, "\(p.completedRequired)/\(p.required)", "\(p.percent)%",
                p.currentStep ?? "—",
                "\(ClockFormat.hoursMinutes(seconds: p.activeSeconds))/"
                    + ClockFormat.hoursMinutes(seconds: p.budgetSeconds),
                p.pace?.rawValue ?? "—",
                p.lastActivity.map { ago($0, now: report.generatedAt) } ?? "—",
            ])
            tones.append(tone(p))
        }
        // A column where every row says the same (one cohort, one path) goes first.
        let uniform = [1, 2].filter { column in Set(rows.map { $0[column] }).count <= 1 }
        return Grid(
            headers: headers, rows: rows, tones: tones, rightAligned: [4, 5, 7],
            droppable: [9, 5, 1, 2, 7].filter { !uniform.contains($0) }, redundant: uniform)
    }

    /// One line per step: the funnel, and observed time against the estimate (the median
    /// and 80th percentile of those who completed the step, and how far the median is off).
    public static func funnel(_ report: CohortReport) -> Grid {
        let several = Set(report.steps.map { "\($0.courseID)/\($0.pathID)" }).count > 1
        let rows = report.steps.map { step in
            [
                several ? "\(step.pathID): \(step.step)" : step.step,
                step.isOptional ? "optional" : "", String(step.reached), String(step.completed),
                String(step.waived),
                step.medianSeconds.map { ClockFormat.hoursMinutes(seconds: $0) } ?? "—",
                step.p80Seconds.map { ClockFormat.hoursMinutes(seconds: $0) } ?? "—",
                ClockFormat.hoursMinutes(seconds: step.estimateSeconds),
                step.offByPercent.map(signedPercent) ?? "—",
            ]
        }
        let tones: [Tone] = report.steps.map { step in
            guard let median = step.medianSeconds else { return .plain }
            return median > step.estimateSeconds * 3 / 2 ? .attention : .plain
        }
        return Grid(
            headers: ["Step", "", "Reached", "Completed", "Waived", "Median", "P80", "Estimate", "Off"],
            rows: rows, tones: tones, rightAligned: [2, 3, 4, 5, 6, 7, 8], droppable: [1, 6, 4])
    }

    /// `+25%`, `-40%`, `0%`: a difference in percent, its sign always shown.
    public static func signedPercent(_ percent: Int) -> String {
        percent > 0 ? "+\(percent)%" : "\(percent)%"
    }

    /// One line per waiver and per assessed dimension, for the notes under the tables.
    public static func details(_ report: CohortReport) -> [String] {
        var lines: [String] = []
        for p in report.participants {
            for waiver in p.waived {
                let why = waiver.explanation.map { " (\($0))" } ?? ""
                lines.append("\(p.name): \(waiver.step) waived, \(waiver.reason.rawValue)\(why)")
            }
            for a in p.assessments {
                lines.append(
                    "\(p.name): \(a.dimension) \(ReportCSV.score(a.first)) → "
                        + ReportCSV.score(a.latest))
            }
        }
        return lines
    }

    /// The headline: how many finished, in progress, not started, behind, stalled.
    public static func headline(_ report: CohortReport) -> String {
        let scope = [report.cohort.map { "cohort \($0)" }, report.pathID.map { "path \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        return (scope.isEmpty ? "" : scope + ": ")
            + "\(report.participants.count) attempt(s): "
            + "\(report.count(.finished)) finished, \(report.count(.inProgress)) in progress, "
            + "\(report.count(.notStarted)) not started; \(report.count(.behind)) behind, "
            + "\(report.count(.stalled)) stalled (no activity for \(report.stalledAfterMinutes) min)"
    }

    static func tone(_ p: ParticipantSummary) -> Tone {
        if p.status == .finished { return .good }
        if p.pace == .behind || p.pace == .stalled { return .attention }
        return p.status == .notStarted ? .muted : .plain
    }

    /// "now", "12 min", "3 h", "2 d": how long ago, coarsely.
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "now" }
        if seconds < 3_600 { return "\(seconds / 60) min" }
        if seconds < 86_400 { return "\(seconds / 3_600) h" }
        return "\(seconds / 86_400) d"
    }
}
