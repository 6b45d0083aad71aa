import Foundation
import ParcoursCore

extension Calibration {
    /// Each path's headline and its steps as a grid, for a terminal to draw (as the report's
    /// tables are: `ReportScreen` draws the grid with `TextTable`).
    public func tables() -> [(headline: String, grid: ReportTable.Grid)] {
        paths.map { path in
            let rows = path.steps.map { step in
                [
                    step.step, step.isOptional ? "optional" : "",
                    ClockFormat.hoursMinutes(seconds: step.estimateMinutes * 60),
                    step.medianSeconds.map { ClockFormat.hoursMinutes(seconds: $0) } ?? "—",
                    step.p80Seconds.map { ClockFormat.hoursMinutes(seconds: $0) } ?? "—",
                    String(step.learners),
                    step.isCalibrated ? step.offByPercent.map(ReportTable.signedPercent) ?? "—" : "—",
                    step.isFlagged ? "\(step.suggestedMinutes ?? step.estimateMinutes) min" : "",
                ]
            }
            let tones: [ReportTable.Tone] = path.steps.map { step in
                step.isFlagged ? .attention : step.isCalibrated ? .plain : .muted
            }
            let grid = ReportTable.Grid(
                headers: ["Step", "", "Estimate", "Median", "P80", "n", "Off", "Suggested"],
                rows: rows, tones: tones, rightAligned: [2, 3, 4, 5, 6, 7], droppable: [1, 4])
            return (headline(path), grid)
        }
    }

    /// `alliances-2h: typical 1:55 estimated, 2:10 observed; budget 2:00 (+10 %): over`.
    public func headline(_ path: Path) -> String {
        let flagged = path.steps.filter(\.isFlagged).count
        let calibrated = path.steps.filter(\.isCalibrated).count
        return "\(path.pathID): typical \(ClockFormat.hoursMinutes(seconds: path.typicalSeconds)) estimated, "
            + "\(ClockFormat.hoursMinutes(seconds: path.observedTypicalSeconds)) observed; budget "
            + "\(ClockFormat.hoursMinutes(minutes: path.budgetMinutes)) (+\(path.budgetTolerancePercent) %): "
            + (path.observedFitsBudget ? "fits" : "over") + "; \(calibrated) of \(path.steps.count) step(s) "
            + "completed by at least \(minLearners) learner(s), \(flagged) off by more than \(Self.tolerancePercent) %"
    }

    /// Warnings for a person, in words: attempts on another course version, courses missing.
    public var warnings: [String] {
        var lines: [String] = []
        for path in paths where path.otherVersionAttempts > 0 {
            lines.append(
                "\(path.otherVersionAttempts) attempt(s) on \(path.pathID) started on another version of "
                    + "\(path.courseID) than the one installed: their times were taken on other content")
        }
        for key in missing {
            lines.append("\(key) is not installed here: its attempts were left out")
        }
        return lines
    }

    /// The calibration as JSON, the versioned shape documented in docs/facilitators.md. Keys
    /// are sorted and always present (null when unknown).
    public func json(pretty: Bool = true) -> String {
        var json = JSONWriter(pretty: pretty)
        json.object { json in
            json.field("formatVersion", Self.formatVersion)
            json.field("minLearners", minLearners)
            json.key("missing")
            json.array(missing) { json, key in json.string(key) }
            json.key("paths")
            json.array(paths) { json, path in Self.write(path, &json) }
            json.field("tolerancePercent", Self.tolerancePercent)
        }
        json.newline()
        return json.text
    }

    private static func write(_ path: Path, _ json: inout JSONWriter) {
        json.object { json in
            json.field("budgetSeconds", path.budgetMinutes * 60)
            json.field("budgetTolerancePercent", path.budgetTolerancePercent)
            json.field("course", path.courseID)
            json.field("courseVersion", path.courseVersion)
            json.field("observedFitsBudget", path.observedFitsBudget)
            json.field("observedTypicalSeconds", path.observedTypicalSeconds)
            json.field("otherVersionAttempts", path.otherVersionAttempts)
            json.field("path", path.pathID)
            json.key("steps")
            json.array(path.steps) { json, step in
                json.object { json in
                    json.field("calibrated", step.isCalibrated)
                    json.field("estimateSeconds", step.estimateMinutes * 60)
                    json.field("flagged", step.isFlagged)
                    json.field("learners", step.learners)
                    json.field("medianSeconds", step.medianSeconds)
                    json.field("offByPercent", step.offByPercent)
                    json.field("onTypicalWalk", step.onTypicalWalk)
                    json.field("optional", step.isOptional)
                    json.field("p80Seconds", step.p80Seconds)
                    json.field("step", step.step)
                    json.field("suggestedMinutes", step.suggestedMinutes)
                }
            }
            json.field("typicalSeconds", path.typicalSeconds)
        }
    }
}
