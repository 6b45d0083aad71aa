import Foundation
import ParcoursCore

/// The learner's journal as one Markdown file: answers, deliverables, notes, saved resources.
///
/// What a person wrote (the name, answers, notes) is escaped (`MarkdownEscaping`), so it shows
/// as typed and never becomes a link, an image or HTML; the course's own words are Markdown
/// written by its authors and are kept as they are.
public struct JournalRenderer {
    public let course: Course
    public let words: Catalog

    public init(course: Course, words: Catalog) {
        self.course = course
        self.words = words
    }

    public func markdown(_ progress: LearnerProgress, learner: String, path: CoursePath) -> String {
        var lines = [
            "# " + words.text("journal.title", ["name": MarkdownEscaping.escape(Sanitizer.plain(learner))]),
            "",
            "*" + Sanitizer.plain(words.text(CourseKeys.title())) + " · "
                + Sanitizer.plain(words.text(CourseKeys.pathTitle(path.id))) + "*",
            "",
        ]
        if progress.journal.isEmpty {
            lines += [words.text("journal.empty"), ""]
        }
        var lastStep: String?
        for entry in progress.journal {
            if entry.step != lastStep, let step = entry.step {
                lines += ["## " + Sanitizer.plain(words.text(CourseKeys.step(step, "title"))), ""]
                if let prompt = words.optionalText(CourseKeys.step(step, "prompt"))
                    ?? words.optionalText(CourseKeys.step(step, "deliverable"))
                {
                    lines += ["> " + Sanitizer.plain(prompt), ""]
                }
            }
            lastStep = entry.step
            lines += [MarkdownEscaping.escape(Sanitizer.multiline(entry.text)), ""]
        }
        if !progress.savedResources.isEmpty {
            lines += ["## " + words.text("journal.resources"), ""]
            for id in progress.savedResources {
                guard let resource = course.resources[id] else { continue }
                lines.append(
                    "- [\(Sanitizer.plain(words.text(CourseKeys.resourceTitle(id))))](\(Sanitizer.plain(resource.url))) — "
                        + Sanitizer.plain(words.text(CourseKeys.resourceSummary(id))))
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
