import Foundation
import ParcoursCore

/// The report as JSON: the versioned shape documented in docs/facilitators.md.
///
/// Keys are sorted and every documented key is always present (null when unknown), so a
/// script can rely on the shape rather than on the data. The text is written by hand
/// (`JSONWriter`), in the layout `JSONEncoder` gives with `.prettyPrinted`, `.sortedKeys` and
/// `.withoutEscapingSlashes`: the encoder's boxing of every value cost an eighth of a report
/// on 10,000 participants.
public enum ReportJSON {
    public static func render(_ report: CohortReport, pretty: Bool = true) -> String {
        String(decoding: bytes(report, pretty: pretty), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, for writing out without making a `String` of them first.
    public static func bytes(_ report: CohortReport, pretty: Bool = true) -> [UInt8] {
        writer(report, pretty: pretty).bytes
    }

    /// `bytes` in the parts they were written in, to be written out one after the other:
    /// joined, 10,000 participants' parts cost a 6.7 MB copy after the report.
    public static func parts(_ report: CohortReport, pretty: Bool = true) -> [[UInt8]] {
        writer(report, pretty: pretty).parts
    }

    private static func writer(_ report: CohortReport, pretty: Bool) -> JSONWriter {
        var json = JSONWriter(pretty: pretty)
        // The participants get their own room (`bytesEach`), in the buffer that holds them.
        json.reserve(1_024 + report.steps.count * 300)
        json.object { json in
            json.key("filter")
            json.object { json in
                json.field("cohort", report.cohort)
                json.field("path", report.pathID)
            }
            json.field("formatVersion", CohortReport.formatVersion)
            json.field("generatedAt", RFC3339.string(report.generatedAt, precision: .seconds))
            json.key("notices")
            json.array(report.notices) { json, notice in json.string(notice) }
            json.key("participants")
            // A participant takes about 670 bytes.
            json.array(concurrently: report.participants, bytesEach: 768) { json, summary in
                participant(summary, &json)
            }
            json.field("stalledAfterMinutes", report.stalledAfterMinutes)
            json.key("steps")
            json.array(report.steps) { json, funnel in step(funnel, &json) }
        }
        json.newline()
        return json
    }

    /// RFC 3339 in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        RFC3339.string(date, precision: .seconds)
    }

    /// One participant; keys in sorted order.
    private static func participant(_ s: ParticipantSummary, _ json: inout JSONWriter) {
        json.object { json in
            json.field("activeSeconds", s.activeSeconds)
            json.key("assessments")
            json.array(s.assessments) { json, assessment in
                json.object { json in
                    json.field("dimension", assessment.dimension)
                    json.field("first", assessment.first)
                    json.field("latest", assessment.latest)
                }
            }
            json.field("attempt", s.attempt)
            json.field("budgetSeconds", s.budgetSeconds)
            json.field("cohort", s.cohort)
            json.field("completedRequired", s.completedRequired)
            json.field("course", s.courseID)
            json.field("currentStep", s.currentStep)
            json.field("lastActivity", time: s.lastActivity)
            json.field("name", s.name)
            json.field("pace", s.pace?.rawValue)
            json.field("path", s.pathID)
            json.field("percent", s.percent)
            json.field("plannedSeconds", s.plannedSeconds)
            json.field("required", s.required)
            json.field("startedAt", time: s.startedAt)
            json.field("status", s.status.rawValue)
            json.key("waived")
            json.array(s.waived) { json, waiver in
                json.object { json in
                    json.field("explanation", waiver.explanation)
                    json.field("reason", waiver.reason.rawValue)
                    json.field("step", waiver.step)
                }
            }
        }
    }

    /// One step of the funnel; keys in sorted order.
    private static func step(_ funnel: StepFunnel, _ json: inout JSONWriter) {
        json.object { json in
            json.field("completed", funnel.completed)
            json.field("course", funnel.courseID)
            json.field("estimateSeconds", funnel.estimateSeconds)
            json.field("medianSeconds", funnel.medianSeconds)
            json.field("offByPercent", funnel.offByPercent)
            json.field("optional", funnel.isOptional)
            json.field("p80Seconds", funnel.p80Seconds)
            json.field("path", funnel.pathID)
            json.field("reached", funnel.reached)
            json.field("step", funnel.step)
            json.field("waived", funnel.waived)
        }
    }
}
