import Foundation

/// The participants (or, with `steps`, the step funnel) as CSV (RFC 4180), safe to open in
/// a spreadsheet.
///
/// Fields are quoted when they hold a comma, a quote or a line break, quotes are doubled,
/// and lines end with CRLF. A cell a spreadsheet would run as a formula (see `text`: `=`,
/// `+`, `-`, `@` after any leading space, or a leading tab or line break) is prefixed with
/// `'`, so a learner named `=HYPERLINK(…)` stays a name. Numbers the report computes are
/// never prefixed.
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

    /// Neutralises text a spreadsheet would read as a formula, and control and bidi
    /// characters (an `ESC [ 2 J` in a name) that a terminal would obey, or that would
    /// disguise the text, when the file is printed.
    ///
    /// OWASP's CSV injection rules, in full: a cell whose first character, once leading
    /// white space is passed over (spreadsheets trim it), is `=`, `+`, `-` or `@` (or their
    /// full-width forms, which some spreadsheets fold), or that starts with a tab or a line
    /// break, is prefixed with `'`; and `field` quotes every cell that holds a separator
    /// (`,` or `;`, which a French spreadsheet uses) or a quote, so no text can start a cell
    /// of its own.
    public static func text(_ raw: String) -> String {
        let value = ReportHTML.visible(raw)
        guard let first = value.unicodeScalars.first else { return value }
        let lead = value.unicodeScalars.first { !$0.properties.isWhitespace }
        let formula = lead.map { formulaStarts.contains($0) } ?? false
        return formula || first == "\t" || first == "\n" ? "'" + value : value
    }

    /// The characters that start a formula in a spreadsheet cell.
    static let formulaStarts: Set<Unicode.Scalar> = [
        "=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// Quotes a field when RFC 4180 requires it, or when it holds a `;` (the separator of
    /// spreadsheets in French and other locales that write a decimal comma).
    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains {
            $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n"
        }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
