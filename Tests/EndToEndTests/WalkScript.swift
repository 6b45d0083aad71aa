import Foundation
import ParcoursCore

/// A learner's answers to a course, turned into the lines they would type, with the walk
/// that those lines should produce.
///
/// The script walks the course model itself: it applies the events the REPL would commit for
/// each line (answers, ratings, deliverables, Enter) and asks the `Navigator` where to go
/// next, so it knows which step comes and what it expects before writing the next line.
struct WalkScript {
    /// How the learner behaves.
    struct Learner {
        /// The rating given to every item of every assessment (1 to the scale's points).
        var rating: Int
        /// Graded questions answered with a wrong choice; the others are answered right.
        var wrong: Set<String> = []
        /// The resource to keep on a resources step (`garder N`), by position in the offers.
        var keep: Int? = 1
        /// Lists every resource first (`ressources tout`): `keep` then counts in the course's
        /// catalogue.
        var listAll = false
    }

    /// The lines to pipe, one per `readLine`.
    var lines: [String] = []
    /// Distinct steps entered, in order, as `status --json` lists them.
    var visited: [String] = []
    /// What the learner wrote on each step with a deliverable or a free-text question.
    var texts: [String: String] = [:]
    /// The offers shown on each resources step the learner reached.
    var offers: [String: [Recommender.Offer]] = [:]
    /// The resource kept, if any.
    var kept: String?
    /// The learner's progress at the end, as the script folded it.
    var progress = LearnerProgress()

    var input: String { lines.joined(separator: "\n") + "\n" }

    /// Walks `path` of `course` for `learner`, from the first step to the final one; `seed` is
    /// the one the binary is given (`PARCOURS_TEST_SEED`), so the script answers by the
    /// numbers the learner sees.
    init(course: Course, path: CoursePath, learner: Learner, seed: Int? = nil) throws {
        let navigator = Navigator(course: course, path: path)
        let session = SessionEvents(navigator: navigator)
        var progress = LearnerProgress()
        func apply(_ drafts: [EventDraft]) {
            // As the REPL commits an action: with the steps it sets aside for time.
            let now = Date(timeIntervalSince1970: Double(progress.lastSeq + 1))
            for event in session.stamp(drafts, on: progress, at: now).events { progress.apply(event) }
        }
        apply(session.start(language: "fr", cohort: nil, attempt: 1, seed: seed))
        var guardCount = 0
        while !progress.isFinished, let id = progress.currentStep {
            guardCount += 1
            guard guardCount <= 500, let step = course.steps[id] else {
                throw ScriptError.stuck(id)
            }
            if !visited.contains(id) { visited.append(id) }
            switch step.kind {
            case .lesson, .checkpoint:
                break
            case .question where step.answer == .text:
                let text = Self.text(for: id)
                lines.append(text)
                texts[id] = text
                apply([session.answer(id, choices: [], text: text)])
            case .question:
                let chosen = try Self.choices(for: step, wrong: learner.wrong.contains(id))
                let shown = ChoiceOrder.choices(of: step, seed: progress.seed)
                let numbers = chosen.compactMap { choice in shown.firstIndex { $0.id == choice } }
                lines.append(numbers.map { String($0 + 1) }.joined(separator: " "))
                apply([session.answer(id, choices: chosen)])
            case .assessment:
                for item in step.items {
                    lines.append(String(learner.rating))
                    apply([session.rate(id, ratings: [item.id: learner.rating])])
                }
            case .resources:
                let shown = Recommender.offers(for: step, progress: progress, course: course, path: path)
                offers[id] = shown
                if learner.listAll { lines.append("ressources tout") }
                let listed = learner.listAll ? course.resourceOrder : shown.map(\.resource)
                if let keep = learner.keep, keep <= listed.count {
                    lines.append("garder \(keep)")
                    kept = listed[keep - 1]
                    apply([session.save(listed[keep - 1], step: id)])
                }
            case .activity:
                if step.hasDeliverable {
                    let text = Self.text(for: id)
                    lines.append(text)
                    texts[id] = text
                    apply([session.answer(id, choices: [], text: text)])
                }
                if !step.selfCheck.isEmpty {
                    // Every point checked.
                    lines.append("ok")
                    apply([session.check(id, items: step.selfCheck)])
                }
            }
            // Enter: the step is done, the navigator decides what follows.
            lines.append("")
            apply(session.advance(progress))
        }
        self.progress = progress
    }

    enum ScriptError: Error {
        case stuck(String)
        case noChoice(String)
    }

    /// A recognisable text for a step; it starts with a word that is no command.
    static func text(for step: String) -> String {
        "Texte de Camille pour \(step) : une idée concrète, avec qui et pourquoi."
    }

    /// The right answer (every correct choice), or one wrong choice.
    static func choices(for step: Step, wrong: Bool) throws -> [String] {
        if wrong {
            guard let choice = step.choices.first(where: { $0.isCorrect != true }) else {
                throw ScriptError.noChoice(step.id)
            }
            return [choice.id]
        }
        let right = step.choices.filter { $0.isCorrect == true }.map(\.id)
        if right.isEmpty, let first = step.choices.first { return [first.id] }
        return step.answer == .multiple ? right : Array(right.prefix(1))
    }
}
