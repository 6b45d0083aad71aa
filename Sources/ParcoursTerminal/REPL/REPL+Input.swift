import Foundation
import ParcoursCore

extension REPL {
    /// Turns one line into events (committed) and screen output.
    func handle(_ line: String) throws -> Flow {
        if let confirmation = pendingConfirmation {
            pendingConfirmation = nil
            return try confirm(confirmation, answer: line)
        }
        if progress.isPaused {
            try commit([EventDraft(.unpaused, step: progress.currentStep)])
            screen.writeLine(words.text("pause.over"))
            if line.trimmingCharacters(in: .whitespaces).isEmpty { return .stay }
        }
        let command = Command.parse(line)
        switch command {
        case .next: try next()
        case .back: try back()
        case .skip: try skip()
        case .status: showStatus()
        case .plan(let action): try plan(action)
        case .resources(let all): if all { showAllResources() } else { showResources() }
        case .note(let text):
            try commit([session.note(text, step: progress.currentStep)])
            screen.writeLine(screen.style.success(words.text("note.saved")))
        case .save(let number): try save(number)
        case .timer: startTimer()
        case .journal:
            screen.write(
                JournalRenderer(course: context.course, words: words).markdown(
                    progress, learner: context.learner, path: context.path) + "\n")
        case .pause:
            try commit([EventDraft(.paused, step: progress.currentStep)])
            screen.writeLine(words.text("pause.started"))
        case .lang(let language): switchLanguage(language)
        case .help: showHelp()
        case .quit: return .quit
        case .input(let text): return try input(text)
        }
        return .stay
    }

    func next() throws {
        guard let step = currentStep else { return }
        // The work done, the self-check comes before moving on, on an optional step too.
        if progress.awaitsSelfCheck(step) {
            screen.writeLine(words.text("need.check"))
            showSelfCheckItems(step)
            return
        }
        if !step.isOptional && !progress.satisfies(step) {
            screen.writeLine(words.text(progress.requirementKey(of: step)))
            return
        }
        try commit(session.advance(progress))
    }

    func back() throws {
        // Within a grid under way, `retour` asks the previous item again.
        if let step = currentStep, step.kind == .assessment, !progress.visit.ratings.isEmpty {
            let asked = askedItem(step).flatMap { step.items.firstIndex(of: $0) } ?? step.items.count
            if asked > 0 {
                gridItem = asked - 1
                showNextItem(step)
                return
            }
        }
        let drafts = session.back(progress)
        if drafts.isEmpty {
            screen.writeLine(words.text("back.none"))
        } else {
            try commit(drafts)
        }
    }

    func skip() throws {
        guard let step = currentStep else { return }
        if step.isOptional {
            try commit(session.skip(progress, reason: .learner, explanation: nil))
            return
        }
        pendingConfirmation = .waive
        screen.writeLine(words.text("skip.confirm"))
    }

    func confirm(_ confirmation: Confirmation, answer: String) throws -> Flow {
        let trimmed = answer.trimmingCharacters(in: .whitespaces)
        switch confirmation {
        case .waive:
            let no = ["", "n", "non", "no"].contains(trimmed.lowercased())
            if no {
                screen.writeLine(words.text("skip.cancelled"))
                return .stay
            }
            let explanation =
                ["o", "oui", "y", "yes"].contains(trimmed.lowercased()) ? nil : trimmed
            try commit(session.skip(progress, reason: .learner, explanation: explanation))
            screen.writeLine(words.text("skip.waived"))
        }
        return .stay
    }

    /// Input that is not a command: an answer, a rating, a deliverable, or a typo.
    func input(_ text: String) throws -> Flow {
        guard let step = currentStep else { return .stay }
        switch step.kind {
        case .question where step.answer == .text:
            try commit([session.answer(step.id, choices: [], text: text)])
            screen.writeLine(screen.style.success(words.text("answer.saved")))
        case .question:
            guard let chosen = choices(in: text, for: step) else {
                // A mistyped command (`suivnat`) deserves the command's name, not a scolding.
                if !text.contains(" "), Int(text) == nil, Command.closestWord(to: text) != nil {
                    suggest(text)
                } else {
                    screen.writeLine(words.text("answer.invalid", ["count": String(step.choices.count)]))
                }
                return .stay
            }
            try commit([session.answer(step.id, choices: chosen)])
            showFeedback(step, chosen: chosen)
        case .assessment:
            guard let item = askedItem(step) else {
                suggest(text)
                return .stay
            }
            let points = step.scale.flatMap { context.course.scales[$0]?.points } ?? 5
            guard let value = Int(text), (1...points).contains(value) else {
                screen.writeLine(words.text("rating.invalid", ["max": String(points)]))
                return .stay
            }
            try commit([session.rate(step.id, ratings: [item.id: value])])
            gridItem = nil
            if progress.satisfies(step) { showAssessmentResult(step) } else { showNextItem(step) }
        case .activity where !step.selfCheck.isEmpty && (!step.hasDeliverable || progress.visit.wroteText):
            if let ticked = SelfCheckInput.ticked(text, items: step.selfCheck) {
                try commit([session.check(step.id, items: ticked)])
                screen.writeLine(
                    screen.style.success(
                        words.text(
                            "self-check.saved", ["ticked": String(ticked.count), "count": String(step.selfCheck.count)])
                    ))
                let rest = ticked.count < step.selfCheck.count ? "self-check.partial" : "hint.continue"
                screen.writeLine(screen.style.dim(words.text(rest)))
            } else if step.hasDeliverable {
                try commit([session.answer(step.id, choices: [], text: text)])
                screen.writeLine(screen.style.success(words.text("deliverable.saved")))
            } else {
                screen.writeLine(words.text("self-check.invalid", ["count": String(step.selfCheck.count)]))
            }
        case .activity where step.hasDeliverable:
            try commit([session.answer(step.id, choices: [], text: text)])
            screen.writeLine(screen.style.success(words.text("deliverable.saved")))
        case .checkpoint where ["o", "oui", "y", "yes", "stop"].contains(text.lowercased()):
            // "Stop here": the checkpoint is done, the next sitting starts at the next step.
            try commit(session.advance(progress))
            return .quit
        default:
            suggest(text)
        }
        return .stay
    }

    func suggest(_ text: String) {
        let word = String(text.split(separator: " ").first ?? "")
        if let close = Command.closestWord(to: word) {
            screen.writeLine(
                words.text("unknown.suggest", ["input": Sanitizer.plain(word), "command": close]))
        } else {
            screen.writeLine(words.text("unknown.command", ["input": Sanitizer.plain(word)]))
        }
    }

    /// Choices by number (`2`, `1,3`, `1 3`) or by id.
    func choices(in text: String, for step: Step) -> [String]? {
        if let chosen = choicesByNumberOrID(in: text, for: step) { return chosen }
        // Else the words of the labels, in the learner's language; parts split at commas.
        let labels = choiceWords(step)
        let parts = step.answer == .multiple ? text.split(whereSeparator: { $0 == "," || $0 == ";" }) : [text[...]]
        var chosen: [String] = []
        for part in parts {
            guard let id = labels.choice(named: String(part)) else { return nil }
            if !chosen.contains(id) { chosen.append(id) }
        }
        return chosen.isEmpty ? nil : chosen
    }

    /// The choices' labels in the learner's language, as words to answer and complete with.
    func choiceWords(_ step: Step) -> ChoiceWords {
        ChoiceWords(shownChoices(step).map { ($0.id, words.text(CourseKeys.choiceLabel(step.id, $0.id))) })
    }

    /// "2", "1, 3", or the choices' ids.
    func choicesByNumberOrID(in text: String, for step: Step) -> [String]? {
        let tokens = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map {
            $0.lowercased()
        }
        let shown = shownChoices(step)
        var chosen: [String] = []
        for token in tokens {
            if let number = Int(token), (1...shown.count).contains(number) {
                chosen.append(shown[number - 1].id)
            } else if let choice = step.choices.first(where: { $0.id == token }) {
                chosen.append(choice.id)
            } else {
                return nil
            }
        }
        var seen = Set<String>()
        chosen = chosen.filter { seen.insert($0).inserted }
        guard !chosen.isEmpty, step.answer == .multiple || chosen.count == 1 else { return nil }
        return chosen
    }

    /// Keeps resource N of the list on screen: the offers, or the whole catalogue after
    /// `ressources tout`.
    func save(_ number: Int?) throws {
        let listed = listedAllResources ? context.course.resourceOrder : currentOffers().map(\.resource)
        guard !listed.isEmpty else {
            screen.writeLine(words.text("save.none"))
            return
        }
        guard let number, (1...listed.count).contains(number) else {
            screen.writeLine(words.text("save.invalid", ["count": String(listed.count)]))
            return
        }
        let resource = listed[number - 1]
        try commit([session.save(resource, step: progress.currentStep)])
        screen.writeLine(
            screen.style.success(words.text("save.done", ["title": resourceTitle(resource)])))
    }

    func currentOffers() -> [Recommender.Offer] {
        if let step = currentStep, step.kind == .resources {
            return Recommender.offers(for: step, progress: progress, course: context.course, path: context.path)
        }
        return Recommender.offersSoFar(progress: progress, navigator: navigator)
    }

    func startTimer() {
        guard let minutes = currentStep?.countdownMinutes else {
            screen.writeLine(words.text("timer.none"))
            return
        }
        timerStartedAt = context.clock()
        timerEndAnnounced = false
        screen.writeLine(words.text("timer.started", ["minutes": String(minutes)]))
    }

    func switchLanguage(_ language: String?) {
        guard let language, let catalog = context.loadCatalog(language) else {
            screen.writeLine(words.text("lang.usage"))
            return
        }
        words = catalog
        shownVisit = -1
        screen.writeLine(words.text("lang.changed"))
    }
}
