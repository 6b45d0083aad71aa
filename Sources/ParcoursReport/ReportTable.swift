import Foundation
import ParcoursCore

/// The report laid out as grids of plain text, for a terminal to draw.
///
/// This module does not touch the terminal: the command hands these grids to
/// `ParcoursTerminal.TextTable`, which measures, fits and sanitises them, and colours each
/// row by its `tone` only on a TTY. Cells are raw data here; sanitising is the drawer's job.
/// Steps, paths and dimensions are named by their titles (`ReportTitles`), in the path's order.
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
        /// Columns never shortened (a path id, an attempt number, a figure): the others are.
        public var keepWhole: Set<Int> = []
        /// With a value, droppable columns go before a shortened column gets narrower than
        /// this; without, columns are shortened first and dropped only when that is not enough.
        public var comfortableWidth: Int? = nil

        /// The grid without `columns` (a column that would say the same on every row).
        public func without(_ columns: Set<Int>) -> Grid {
            let kept = headers.indices.filter { !columns.contains($0) }
            let position = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($0.element, $0.offset) })
            func moved(_ list: [Int]) -> [Int] { list.compactMap { position[$0] } }
            return Grid(
                headers: kept.map { headers[$0] }, rows: rows.map { row in kept.map { row[$0] } }, tones: tones,
                rightAligned: Set(moved(Array(rightAligned))), droppable: moved(droppable),
                redundant: moved(redundant), keepWhole: Set(moved(Array(keepWhole))), comfortableWidth: comfortableWidth
            )
        }
    }

    /// One line per attempt: who, on which path and attempt, how far, how fast, and where.
    public static func participants(_ report: CohortReport, titles: ReportTitles = ReportTitles()) -> Grid {
        let headers = ["Name", "Cohort", "Path", "#", "State", "Done", "%", "Step", "Time", "Last"]
        var rows: [[String]] = []
        var tones: [Tone] = []
        for p in report.participants {
            let enrolled = !p.pathID.isEmpty
            rows.append([
                p.name, p.cohort ?? "—", enrolled ? p.pathID : "—", enrolled ? String(p.attempt) : "—", state(p),
                "\(p.completedRequired)/\(p.required)", "\(p.percent)%",
                p.currentStep.map { titles.step($0, course: p.courseID) } ?? "—",
                "\(ClockFormat.hoursMinutes(seconds: p.activeSeconds))/"
                    + ClockFormat.hoursMinutes(seconds: p.budgetSeconds),
                p.lastActivity.map { ago($0, now: report.generatedAt) } ?? "—",
            ])
            tones.append(tone(p))
        }
        // A column where every row says the same (one cohort, one path, first attempts) goes
        // first; the path is then named above the table.
        var uniform = [1, 2].filter { column in Set(rows.map { $0[column] }).count <= 1 }
        if rows.allSatisfy({ $0[3] == "1" || $0[3] == "—" }) { uniform.append(3) }
        return Grid(
            headers: headers, rows: rows, tones: tones, rightAligned: [3, 5, 6, 8],
            droppable: [9, 5, 1, 8].filter { !uniform.contains($0) }, redundant: uniform,
            keepWhole: [2, 3, 4, 5, 6, 8, 9], comfortableWidth: 14)
    }

    /// "Participants", naming the path when every attempt is on the same one.
    public static func participantsTitle(_ report: CohortReport, titles: ReportTitles = ReportTitles()) -> String {
        let paths = Set(report.participants.filter { !$0.pathID.isEmpty }.map { "\($0.courseID)/\($0.pathID)" })
        guard paths.count == 1, let p = report.participants.first(where: { !$0.pathID.isEmpty }) else {
            return "Participants"
        }
        let title = titles.path(p.pathID, course: p.courseID)
        return "Participants on \(p.pathID)" + (title == p.pathID ? "" : " (\(title))")
    }

    /// The state a person reads: finished, not started, or the pace of an attempt under way.
    public static func state(_ p: ParticipantSummary) -> String {
        switch p.status {
        case .finished: return "finished"
        case .notStarted: return "not started"
        case .inProgress:
            switch p.visiblePace {
            case .ahead: return "ahead"
            case .onTrack: return "on track"
            case .behind: return "behind"
            case .stalled: return "stalled"
            case nil: return "in progress"
            }
        }
    }

    /// Where people stop: the steps where most unfinished learners are behind or stalled
    /// (`CohortReport.stops`), by title.
    public static func stops(_ report: CohortReport, titles: ReportTitles = ReportTitles(), limit: Int = 5) -> Grid {
        let stops = report.stops(limit: limit)
        let rows = stops.map { stop in
            [
                titles.step(stop.step, course: stop.courseID), stop.pathID, String(stop.learners),
                String(stop.behind), String(stop.stalled),
            ]
        }
        let onePath = Set(report.steps.map { "\($0.courseID)/\($0.pathID)" }).count <= 1
        return Grid(
            headers: ["Step", "Path", "On it", "Behind", "Stalled"], rows: rows,
            tones: stops.map { $0.needingAttention > 0 ? .attention : .plain }, rightAligned: [2, 3, 4],
            droppable: [1], keepWhole: [1, 2, 3, 4], comfortableWidth: 16
        ).without(onePath ? [1] : [])
    }

    /// The self-assessment: per dimension, the cohort's mean score before and after.
    public static func assessments(_ report: CohortReport, titles: ReportTitles = ReportTitles()) -> Grid {
        let averages = report.dimensionAverages()
        let rows = averages.map { average in
            [
                titles.dimension(average.dimension, course: average.courseID), average.courseID,
                String(average.learners), score(average.before), score(average.after),
                signedScore(average.after - average.before),
            ]
        }
        let oneCourse = Set(averages.map(\.courseID)).count <= 1
        return Grid(
            headers: ["Dimension", "Course", "Learners", "Before", "After", "Change"], rows: rows,
            tones: averages.map { _ in .plain }, rightAligned: [2, 3, 4, 5], droppable: [1, 2],
            keepWhole: [2, 3, 4, 5], comfortableWidth: 16
        ).without(oneCourse ? [1] : [])
    }

    /// The step funnel, one grid per path under its title: reached, completed, waived, and
    /// observed time against the estimate (the median and 80th percentile of those who
    /// completed the step, and how far the median is off).
    public static func funnels(_ report: CohortReport, titles: ReportTitles = ReportTitles()) -> [(
        title: String, grid: Grid
    )] {
        report.pathSections().map { section in
            let rows = section.steps.map { step in
                [
                    titles.step(step.step, course: step.courseID), step.isOptional ? "optional" : "",
                    String(step.reached), String(step.completed), String(step.waived),
                    step.medianSeconds.map(clock) ?? "—", step.p80Seconds.map(clock) ?? "—",
                    clock(step.estimateSeconds),
                    step.offByPercent.map(signedPercent) ?? "—",
                ]
            }
            let grid = Grid(
                headers: ["Step", "", "Reached", "Completed", "Waived", "Median", "P80", "Estimate", "Off"],
                rows: rows, tones: section.steps.map { isSlow($0) ? .attention : .plain },
                rightAligned: [2, 3, 4, 5, 6, 7, 8], droppable: [1, 6, 4], keepWhole: [2, 3, 4, 5, 6, 7, 8],
                comfortableWidth: 20)
            return (pathHeading(section, titles: titles), grid)
        }
    }

    /// "alliances-2h: Découvrir (2 h), 5 attempt(s), 2 finished".
    public static func pathHeading(_ section: CohortReport.PathSection, titles: ReportTitles) -> String {
        let title = titles.path(section.pathID, course: section.courseID)
        return (title == section.pathID ? section.pathID : "\(section.pathID): \(title)")
            + ", \(section.attempts) attempt(s), \(section.finished) finished"
    }

    /// A step's time in minutes and seconds, `4:10`; `1:05:00` from an hour on.
    public static func clock(_ seconds: Int) -> String {
        let seconds = max(seconds, 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        if seconds < 3_600 { return "\(seconds / 60):\(two(seconds % 60))" }
        return "\(seconds / 3_600):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }

    /// A median more than half again as long as the estimate: the step needs more time in
    /// the plan, or a rewrite.
    public static func isSlow(_ step: StepFunnel) -> Bool {
        guard let median = step.medianSeconds else { return false }
        return median > step.estimateSeconds * 3 / 2
    }

    /// `+25%`, `-40%`, `0%`: a difference in percent, its sign always shown.
    public static func signedPercent(_ percent: Int) -> String {
        percent > 0 ? "+\(percent)%" : "\(percent)%"
    }

    /// A mean score with one decimal: `2.5`, `3.0`.
    public static func score(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// A change of score with its sign: `+0.8`, `-0.3`, `0.0`.
    public static func signedScore(_ value: Double) -> String {
        let text = score(value)
        return text == "0.0" || text == "-0.0" ? "0.0" : (value > 0 ? "+" + text : text)
    }

    /// One line per waived step, for the notes under the funnel.
    public static func waivers(_ report: CohortReport, titles: ReportTitles = ReportTitles()) -> [String] {
        report.participants.flatMap { p in
            p.waived.map { waiver in
                let why = waiver.explanation.map { " (\($0))" } ?? ""
                return "\(p.name): \(titles.step(waiver.step, course: p.courseID)) waived, "
                    + "\(waiver.reason.rawValue)\(why)"
            }
        }
    }

    /// The headline: how many finished, in progress, not started, behind, stalled.
    public static func headline(_ report: CohortReport) -> String {
        let scope = [report.cohort.map { "cohort \($0)" }, report.pathID.map { "path \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        return (scope.isEmpty ? "" : scope + ": ")
            + "\(report.participants.count) attempt(s): "
            + "\(report.count(.finished)) finished, \(report.count(.inProgress)) in progress, "
            + "\(report.count(.notStarted)) not started; \(behind(report)) behind, "
            + "\(stalled(report)) stalled (no activity for \(report.stalledAfterMinutes) min)"
    }

    /// Attempts under way that are behind.
    public static func behind(_ report: CohortReport) -> Int {
        report.participants.filter { $0.visiblePace == .behind }.count
    }

    /// Attempts under way that are stalled.
    public static func stalled(_ report: CohortReport) -> Int {
        report.participants.filter { $0.visiblePace == .stalled }.count
    }

    static func tone(_ p: ParticipantSummary) -> Tone {
        if p.status == .finished { return .good }
        if p.visiblePace == .behind || p.visiblePace == .stalled { return .attention }
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
