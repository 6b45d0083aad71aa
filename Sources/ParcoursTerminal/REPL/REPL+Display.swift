import Foundation
import ParcoursCore

extension REPL {
    /// Shows the current step once per visit: title, body and what it asks.
    func showStepIfNew() {
        guard let step = currentStep, progress.visited.count != shownVisit else { return }
        shownVisit = progress.visited.count
        timerStartedAt = nil
        gridItem = nil
        let (current, total) = navigator.position(progress)
        let title = Sanitizer.plain(words.text(CourseKeys.step(step.id, "title")))
        let kind = words.text("kind.\(step.kind.rawValue)")
        let header =
            screen.isPlain
            ? words.text(
                "step.header.plain",
                ["current": String(current), "total": String(total), "kind": kind, "minutes": String(step.minutes)])
            : "── \(current)/\(total) · \(kind) · \(step.minutes) min ──"
        screen.writeLine()
        screen.writeLine(screen.style.dim(header))
        screen.writeLine(
            screen.style.bold(title)
                + (step.isOptional ? screen.style.dim(" (" + words.text("step.optional") + ")") : ""))
        if let body = words.optionalText(CourseKeys.step(step.id, "body")) {
            screen.writeLine()
            screen.writeLine(screen.markdown(body))
        }
        switch step.kind {
        case .lesson:
            screen.writeLine(screen.style.dim(words.text("hint.lesson")))
        case .question:
            showQuestion(step)
        case .assessment:
            showNextItem(step)
        case .resources:
            showOffers(Recommender.offers(for: step, progress: progress, course: context.course, path: context.path))
            screen.writeLine(screen.style.dim(words.text("hint.resources")))
        case .activity:
            if let minutes = step.countdownMinutes {
                screen.writeLine(
                    screen.style.dim(words.text("hint.timer", ["minutes": String(minutes)])))
            }
            if step.hasDeliverable {
                screen.writeLine()
                screen.writeLine(
                    screen.markdown(words.text(CourseKeys.step(step.id, "deliverable"))))
                if step.hasTemplate, let template = words.optionalText(CourseKeys.step(step.id, "template")) {
                    screen.writeLine()
                    screen.writeLine(screen.style.dim(words.text("deliverable.template")))
                    screen.writeLine(screen.markdown(template))
                }
                screen.writeLine(screen.style.dim(words.text("hint.deliverable")))
            }
            if !step.selfCheck.isEmpty {
                screen.writeLine()
                screen.writeLine(words.text("self-check.title"))
                showSelfCheckItems(step)
            }
        case .checkpoint:
            showCheckpoint(step)
        }
    }

    func showQuestion(_ step: Step) {
        screen.writeLine()
        screen.writeLine(screen.markdown(words.text(CourseKeys.step(step.id, "prompt"))))
        if step.answer == .text {
            screen.writeLine(screen.style.dim(words.text("hint.text")))
            return
        }
        for (index, choice) in shownChoices(step).enumerated() {
            let label = words.text(CourseKeys.choiceLabel(step.id, choice.id))
            screen.writeLine(
                "  \(screen.style.accent(String(index + 1))). \(Sanitizer.plain(label))")
        }
        screen.writeLine(
            screen.style.dim(words.text(step.answer == .multiple ? "hint.multiple" : "hint.single"))
        )
    }

    /// The question's choices in the learner's own order (`ChoiceOrder`): every list,
    /// number and completion of the question follows it.
    func shownChoices(_ step: Step) -> [Choice] {
        ChoiceOrder.choices(of: step, seed: progress.seed)
    }

    /// The self-check items, numbered, and how to tick them.
    func showSelfCheckItems(_ step: Step) {
        for (index, item) in step.selfCheck.enumerated() {
            let sentence = Sanitizer.plain(words.text(CourseKeys.selfCheck(step.id, item)))
            screen.writeLine("  \(screen.style.accent(String(index + 1))). \(sentence)")
        }
        screen.writeLine(screen.style.dim(words.text("hint.self-check")))
    }

    func showFeedback(_ step: Step, chosen: [String]) {
        for id in chosen {
            let label = words.text(CourseKeys.choiceLabel(step.id, id))
            let feedback = words.text(CourseKeys.choiceFeedback(step.id, id))
            var mark = ""
            if step.isGraded {
                let right = step.correctChoices.contains(id)
                if screen.isPlain {
                    mark = words.text(right ? "answer.mark.right" : "answer.mark.wrong") + " "
                } else {
                    mark = right ? screen.style.success("✓ ") : screen.style.warning("✗ ")
                }
            }
            screen.writeLine()
            screen.writeLine(mark + screen.style.bold(Sanitizer.plain(label)))
            screen.writeLine(screen.markdown(feedback))
        }
        if step.isGraded, Set(chosen) != step.correctChoices {
            let right = shownChoices(step).filter { step.correctChoices.contains($0.id) }.map {
                words.text(CourseKeys.choiceLabel(step.id, $0.id))
            }
            screen.writeLine(
                screen.style.dim(
                    words.text("answer.right", ["answer": right.joined(separator: " · ")])))
        }
        screen.writeLine(screen.style.dim(words.text("hint.continue")))
    }

    /// The grid item to rate now: the one `retour` went back to, else the first not rated.
    func askedItem(_ step: Step) -> AssessmentItem? {
        if let gridItem, step.items.indices.contains(gridItem) { return step.items[gridItem] }
        return step.items.first { progress.visit.ratings[$0.id] == nil }
    }

    func showNextItem(_ step: Step) {
        guard let item = askedItem(step) else { return }
        let labels = step.scale.map { words.list(CourseKeys.scale($0)) } ?? []
        let number = (step.items.firstIndex(of: item) ?? 0) + 1
        screen.writeLine()
        screen.writeLine(
            screen.style.dim("\(number)/\(step.items.count)") + " "
                + Sanitizer.plain(words.text(CourseKeys.item(step.id, item.id))))
        let scale = labels.enumerated().map {
            "\(screen.style.accent(String($0.offset + 1))) \(Sanitizer.plain($0.element))"
        }
        screen.writeLine("  " + scale.joined(separator: "  ·  "))
    }

    /// Bars per dimension; before and after when the learner rated these dimensions earlier.
    func showAssessmentResult(_ step: Step) {
        let facts = LearnerFacts(progress: progress, course: context.course)
        let points = Double(step.scale.flatMap { context.course.scales[$0]?.points } ?? 5)
        let dimensions = step.items.map(\.dimension).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let now = facts.scores(progress.visit.ratings)
        // The "before": an earlier grid rated in full (one abandoned half way is no measure).
        let earlier = progress.ratingsByStep.dropLast().first { entry in
            progress.isComplete(entry, in: context.course)
                && !Set(facts.scores(entry.ratings).keys).isDisjoint(with: dimensions)
        }
        let chart = BarChart(
            maximum: points, width: screen.width, style: screen.style,
            decimalSeparator: words.text("decimal.separator"))
        screen.writeLine()
        if screen.isPlain {
            // Scores in words, one dimension per line: no bars for a screen reader to spell.
            let before = earlier.map { facts.scores($0.ratings) }
            for dimension in dimensions {
                let values = [
                    "dimension": Sanitizer.plain(words.text(CourseKeys.dimension(dimension))),
                    "before": chart.number(before?[dimension]), "after": chart.number(now[dimension]),
                    "value": chart.number(now[dimension]), "maximum": chart.maximumText,
                ]
                screen.writeLine(words.text(before == nil ? "chart.plain.score" : "chart.plain.change", values))
            }
        } else if let earlier {
            let before = facts.scores(earlier.ratings)
            let rows = dimensions.map {
                BarChart.Comparison(
                    label: Sanitizer.plain(words.text(CourseKeys.dimension($0))),
                    before: before[$0], after: now[$0])
            }
            screen.writeLine(
                chart.render(
                    rows, beforeLabel: words.text("chart.before"),
                    afterLabel: words.text("chart.after")))
        } else {
            let rows = dimensions.map {
                BarChart.Row(
                    label: Sanitizer.plain(words.text(CourseKeys.dimension($0))), value: now[$0])
            }
            screen.writeLine(chart.render(rows))
        }
        screen.writeLine(screen.style.dim(words.text("hint.continue")))
    }

    func showOffers(_ offers: [Recommender.Offer]) {
        listedAllResources = false
        guard !offers.isEmpty else {
            screen.writeLine(words.text("resources.none"))
            return
        }
        for (index, offer) in offers.enumerated() {
            showResource(number: index + 1, offer.resource, reason: offer.reason)
        }
    }

    /// One resource of a numbered list: title, kind and time, summary, address, and why it
    /// is offered (or that the walk already used it).
    func showResource(number: Int, _ id: String, reason: String?, used: Bool = false) {
        guard let resource = context.course.resources[id] else { return }
        let saved =
            progress.savedResources.contains(id)
            ? (screen.isPlain ? " (" + words.text("resource.kept") + ")" : screen.style.success(" ✓")) : ""
        screen.writeLine()
        screen.writeLine(
            "\(screen.style.accent(String(number))). \(screen.style.bold(resourceTitle(id)))\(saved)  "
                + screen.style.dim(
                    "\(words.text("resource.kind.\(resource.kind.rawValue)")) · \(resource.minutes) min"))
        screen.writeLine(screen.markdown(words.text(CourseKeys.resourceSummary(id))))
        screen.writeLine("   " + Sanitizer.plain(resource.url))
        if let reason {
            screen.writeLine(
                screen.style.italic(
                    "   " + words.text("resource.why") + " " + Sanitizer.plain(words.text(CourseKeys.reason(reason)))))
        } else if used {
            screen.writeLine(screen.style.dim("   " + words.text("resource.used")))
        }
    }

    func resourceTitle(_ id: String) -> String {
        Sanitizer.plain(words.text(CourseKeys.resourceTitle(id)))
    }

    func showResources() {
        showOffers(currentOffers())
        if !progress.savedResources.isEmpty {
            screen.writeLine()
            screen.writeLine(screen.style.bold(words.text("resources.saved")))
            for id in progress.savedResources { screen.writeLine("  • " + resourceTitle(id)) }
        }
        screen.writeLine(screen.style.dim(words.text("hint.resources.all")))
    }

    /// The whole catalogue, in the course's order (`ressources tout`): each offer with its
    /// reason, the resources the walk already used said so. `garder N` then counts in it.
    func showAllResources() {
        let reasons = Dictionary(
            currentOffers().map { ($0.resource, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let used = Recommender.usedResources(progress, course: context.course, path: context.path)
        screen.writeLine(screen.style.bold(words.text("resources.all")))
        for (index, id) in context.course.resourceOrder.enumerated() {
            showResource(number: index + 1, id, reason: reasons[id], used: used.contains(id))
        }
        listedAllResources = true
    }

    func showCheckpoint(_ step: Step) {
        let sitting = progress.sittings.last?.activeMilliseconds ?? 0
        screen.writeLine()
        screen.writeLine(
            words.text(
                "checkpoint.summary",
                [
                    "done": String(navigator.completedRequired(progress)),
                    "required": String(navigator.requiredSteps(progress).count),
                    "sitting": ClockFormat.hoursMinutes(seconds: sitting / 1_000),
                    "total": ClockFormat.hoursMinutes(seconds: progress.activeMilliseconds / 1_000),
                    "budget": ClockFormat.hoursMinutes(minutes: context.path.budgetMinutes),
                ]))
        if navigator.isFinal(step.id) {
            screen.writeLine(words.text("checkpoint.final"))
            return
        }
        if let next = navigator.successor(of: step.id, progress: progress) {
            screen.writeLine(
                words.text(
                    "checkpoint.next",
                    ["title": Sanitizer.plain(words.text(CourseKeys.step(next, "title")))]))
        }
        screen.writeLine(screen.style.dim(words.text("checkpoint.offer")))
    }

    func showStatus() {
        // Time so far includes the visit still open, as `parcours status` counts it.
        let progress = progress.countingOpenVisit(
            until: context.clock(), course: context.course, idleThreshold: context.idleThreshold)
        let pace = Pacing.pace(progress, navigator: navigator)
        let (current, total) = navigator.position(progress)
        screen.writeLine(
            words.text(
                "status.line",
                [
                    "path": Sanitizer.plain(words.text(CourseKeys.pathTitle(context.path.id))),
                    "current": String(current), "total": String(total),
                    "done": String(navigator.completedRequired(progress)),
                    "required": String(navigator.requiredSteps(progress).count),
                    "active": ClockFormat.hoursMinutes(
                        seconds: progress.activeMilliseconds / 1_000),
                    "budget": ClockFormat.hoursMinutes(minutes: context.path.budgetMinutes),
                    "planned": ClockFormat.hoursMinutes(minutes: pace.plannedMinutes),
                ]))
        screen.writeLine(words.text("pace.\(pace.status.rawValue)"))
    }

    func showHelp() {
        screen.writeLine(screen.markdown(words.text("help.body")))
    }

    /// A short recap when a learner comes back.
    func showRecap() {
        let last = progress.sittings.dropLast().last?.endedAt ?? progress.lastEventAt
        screen.writeLine(
            screen.style.bold(
                words.text("recap.welcome", ["name": Sanitizer.plain(context.learner)])))
        // Under a minute used: "0:00 used" reads as a fault; say the time has not started.
        let used = progress.activeMilliseconds < 60_000 ? "recap.line.fresh" : "recap.line"
        screen.writeLine(
            words.text(
                used,
                [
                    "date": last.map { LocalDate($0).long(in: words) } ?? "—",
                    "used": ClockFormat.hoursMinutes(seconds: progress.activeMilliseconds / 1_000),
                    // Rounded up: 9 min 59 s left is "0:10", not "0:09".
                    "left": ClockFormat.hoursMinutes(
                        minutes: (max(0, context.path.budgetSeconds - progress.activeMilliseconds / 1_000) + 59) / 60),
                ]))
        let answered = progress.visited.filter { progress.answers[$0] != nil }
        var seen = Set<String>()
        for id in answered.reversed().filter({ seen.insert($0).inserted }).prefix(3).reversed() {
            guard let answer = progress.answers[id], let step = context.course.steps[id] else {
                continue
            }
            let text =
                answer.text
                ?? answer.choices.map { words.text(CourseKeys.choiceLabel(step.id, $0)) }.joined(
                    separator: ", ")
            screen.writeLine(
                "  • " + Sanitizer.plain(words.text(CourseKeys.step(id, "title"))) + " → "
                    + TextWidth.truncate(Sanitizer.plain(text), to: 60))
        }
        let (_, removed) = navigator.resumePoint(progress)
        if !removed.isEmpty {
            screen.writeLine(
                words.text("recap.removed", ["steps": removed.joined(separator: ", ")]))
        }
    }

    func showFinish() {
        screen.writeLine()
        screen.writeLine(
            screen.style.success(
                words.text(
                    "finish.done",
                    [
                        "total": ClockFormat.hoursMinutes(
                            seconds: progress.activeMilliseconds / 1_000)
                    ])))
        screen.writeLine(words.text("finish.journal", ["command": "parcours journal" + context.commandOptions]))
    }
}
