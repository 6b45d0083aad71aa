import Foundation

/// The participants (or, with `steps`, the step funnel) as CSV (RFC 4180), safe to open in
/// a spreadsheet.
///
/// Fields are quoted when they hold a comma, a quote or a line break, quotes are doubled,
/// and lines end with CRLF. A cell a spreadsheet would run as a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, so a learner named
/// `=HYPERLINK(…)` stays a name. Numbers the report computes are never prefixed.
public enum ReportCSV {
    public static let headers = [
        "name", "cohort", "course", "path", "attempt", "status", "completed_required", "required",
        "percent", "current_step", "active_seconds", "budget_seconds", "pace", "waived",
        "started_at", "last_activity", "assessments",
    ]

    public static func render(_ report: CohortReport) -> String {
        var lines = [headers.map(field).joined(separator: ",")]
        for p in report.participants {
            let waived = p.waived.map { waiver in
                [waiver.step, waiver.reason.rawValue, waiver.explanation].compactMap { $0 }
                    .joined(separator: ": ")
            }.joined(separator: "; ")
            let assessments = p.assessments.map {
                "\($0.dimension) \(score($0.first))→\(score($0.latest))"
            }.joined(separator: "; ")
            let cells: [String] = [
                text(p.name), text(p.cohort ?? ""), text(p.courseID), text(p.pathID),
                String(p.attempt), p.status.rawValue, String(p.completedRequired),
                String(p.required), String(p.percent), text(p.currentStep ?? ""),
                String(p.activeSeconds), String(p.budgetSeconds), p.pace?.rawValue ?? "",
                text(waived), p.startedAt.map(ReportJSON.timestamp) ?? "",
                p.lastActivity.map(ReportJSON.timestamp) ?? "", text(assessments),
            ]
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public static let stepHeaders = [
        "course", "path", "step", "optional", "reached", "completed", "waived", "median_seconds",
        "p80_seconds", "estimate_seconds", "off_percent",
    ]

    /// The step funnel as CSV (`--format csv-steps`): one line per step of each path seen,
    /// observed times against the estimate; an unknown value is an empty cell.
    public static func steps(_ report: CohortReport) -> String {
        var lines = [stepHeaders.map(field).joined(separator: ",")]
        for step in report.steps {
            let cells: [String] = [
                text(step.courseID), text(step.pathID), text(step.step), step.isOptional ? "true" : "false",
                String(step.reached), String(step.completed), String(step.waived),
                step.medianSeconds.map(String.init) ?? "", step.p80Seconds.map(String.init) ?? "",
                String(step.estimateSeconds), step.offByPercent.map(String.init) ?? "",
            ]
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A score with at most two decimals, dot as separator.
    static func score(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Neutralises text a spreadsheet would read as a formula, and control characters
    /// (an `ESC [ 2 J` in a name) that a terminal would obey when the file is printed.
    public static func text(_ raw: String) -> String {
        let value = ReportHTML.visible(raw)
        guard let first = value.unicodeScalars.first else { return value }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + value : value
    }

    /// Quotes a field when RFC 4180 requires it.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
