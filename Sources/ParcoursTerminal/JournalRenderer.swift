import Foundation
import ParcoursCore

/// The learner's journal as one Markdown file: answers, deliverables, notes, saved resources.
///
/// What a person wrote (the name, answers, notes) is escaped (`MarkdownEscaping`), so it shows
/// as typed and never becomes a link, an image or HTML; the course's own words are Markdown
/// written by its authors and are kept as they are.
///
/// An activity with a template shows it, ready to complete, above what the learner wrote
/// (even when they wrote nothing yet: the journal is where they can finish it later); an
/// activity with a self-check shows its items as a task list, ticked as the learner ticked
/// them.
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
        // Activities entered whose template or self-check the journal shows even without a text.
        var pending = progress.visited.reduce(into: [String]()) { list, id in
            guard let step = course.steps[id], !list.contains(id),
                (step.hasTemplate && step.hasDeliverable) || progress.selfChecks[id] != nil
            else { return }
            list.append(id)
        }
        if progress.journal.isEmpty && pending.isEmpty {
            lines += [words.text("journal.empty"), ""]
        }
        var lastStep: String?
        for entry in progress.journal {
            if entry.step != lastStep {
                if let lastStep { lines += selfCheck(of: lastStep, progress) }
                if let step = entry.step {
                    lines += heading(of: step)
                    pending.removeAll { $0 == step }
                }
            }
            lastStep = entry.step
            lines += [MarkdownEscaping.escape(Sanitizer.multiline(entry.text)), ""]
        }
        if let lastStep { lines += selfCheck(of: lastStep, progress) }
        for step in pending {
            lines += heading(of: step) + selfCheck(of: step, progress)
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

    /// A step's title, what it asked, and its template, if any, under which the learner's
    /// text follows.
    func heading(of step: String) -> [String] {
        var lines = ["## " + Sanitizer.plain(words.text(CourseKeys.step(step, "title"))), ""]
        if let prompt = words.optionalText(CourseKeys.step(step, "prompt"))
            ?? words.optionalText(CourseKeys.step(step, "deliverable"))
        {
            lines += ["> " + Sanitizer.plain(prompt), ""]
        }
        if let definition = course.steps[step], definition.hasTemplate, definition.hasDeliverable,
            let template = words.optionalText(CourseKeys.step(step, "template"))
        {
            let shape = Sanitizer.multiline(template).trimmingCharacters(in: .whitespacesAndNewlines)
            lines += ["**" + words.text("journal.template") + "**", "", shape, ""]
            lines += ["**" + words.text("journal.answer") + "**", ""]
        }
        return lines
    }

    /// The self-check of `step` as a task list, as the learner last ticked it; nothing when
    /// they did not tick it.
    func selfCheck(of step: String, _ progress: LearnerProgress) -> [String] {
        guard let ticked = progress.selfChecks[step], let definition = course.steps[step] else { return [] }
        var lines = ["**" + words.text("journal.self-check") + "**", ""]
        for item in definition.selfCheck {
            let sentence = Sanitizer.plain(words.text(CourseKeys.selfCheck(step, item)))
            lines.append("- [\(ticked.contains(item) ? "x" : " ")] " + sentence)
        }
        return lines + [""]
    }
}
