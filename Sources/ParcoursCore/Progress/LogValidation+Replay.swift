extension LogValidation {
    /// Replays a log event by event with the REPL's own rules (`Navigator`, `SessionEvents`):
    /// each event must be one the REPL could have written at that point.
    struct Replay {
        let navigator: Navigator
        /// The log follows the installed version of the course: the walk is checked too.
        let strict: Bool
        let limits: Limits
        var progress = LearnerProgress()

        init(navigator: Navigator, strict: Bool, limits: Limits) {
            self.navigator = navigator
            self.strict = strict
            self.limits = limits
        }

        var course: Course { navigator.course }

        /// The rule `event` breaks at this point of the replay, or nil.
        func check(_ event: Event) -> Violation? {
            let seq = event.seq
            if strict, let id = event.stepID, navigator.path.graph.index[id] == nil {
                return Violation(seq: seq, rule: "unknown-step", "step '\(id)' is not on path '\(navigator.path.id)'")
            }
            let step = event.stepID.flatMap { course.steps[$0] }
            switch event.type {
            case .started, .suspended, .resumed:
                return nil
            case .entered:
                return checkEntered(event)
            case .completed:
                return checkOnScreen(event, doing: "completes")
            case .waived:
                return checkWaived(event, step: step)
            case .restored:
                guard let id = event.stepID, progress.waived[id] != nil else {
                    return Violation(seq: seq, rule: "walk", "takes back a step that was not set aside")
                }
                return nil
            case .answered:
                return checkOnScreen(event, doing: "answers") ?? checkAnswer(event, step: step)
            case .rated:
                return checkOnScreen(event, doing: "rates") ?? checkRatings(event, step: step)
            case .noted:
                guard event.payload.text != nil else {
                    return Violation(seq: seq, rule: "payload", "a note without text")
                }
                return nil
            case .saved:
                guard let resource = event.payload.resource, course.resources[resource] != nil else {
                    return Violation(
                        seq: seq, rule: "unknown-resource",
                        "saves '\(event.payload.resource ?? "nothing")', which the course does not offer")
                }
                return nil
            case .paused, .unpaused:
                guard progress.isPaused == (event.type == .unpaused) else {
                    return Violation(
                        seq: seq, rule: "pause",
                        event.type == .paused ? "pauses while paused" : "resumes while not paused")
                }
                return nil
            case .finished:
                return checkFinished(event)
            }
        }

        /// A step is entered only where the REPL goes: the first step, the next one (by the
        /// branches that hold), the one before (`back`), or where a resume lands.
        private func checkEntered(_ event: Event) -> Violation? {
            guard let id = event.stepID else {
                return Violation(seq: event.seq, rule: "payload", "enters no step")
            }
            guard strict else { return nil }
            guard let current = progress.currentStep else {
                return id == navigator.firstStep
                    ? nil
                    : Violation(seq: event.seq, rule: "walk", "the walk does not start at '\(id)'")
            }
            let reachable = [
                navigator.successor(of: current, progress: progress), navigator.previous(progress),
                navigator.resumePoint(progress).step,
            ]
            guard reachable.contains(id) else {
                return Violation(seq: event.seq, rule: "walk", "'\(id)' cannot be entered from '\(current)'")
            }
            return nil
        }

        /// Completing, answering and rating concern the step on screen.
        private func checkOnScreen(_ event: Event, doing action: String) -> Violation? {
            guard let id = event.stepID else {
                return Violation(seq: event.seq, rule: "payload", "\(action) no step")
            }
            if strict ? id != progress.currentStep : !progress.visited.contains(id) {
                return Violation(
                    seq: event.seq, rule: "walk",
                    "\(action) '\(id)', which is not the step on screen ('\(progress.currentStep ?? "none")')")
            }
            return nil
        }

        /// The learner skips the step on screen; the walk sets optional steps aside for time.
        private func checkWaived(_ event: Event, step: Step?) -> Violation? {
            guard let id = event.stepID else {
                return Violation(seq: event.seq, rule: "payload", "waives no step")
            }
            if event.payload.reason == .timeBudget {
                if let step, !step.isOptional {
                    return Violation(seq: event.seq, rule: "walk", "sets aside '\(id)', which is required")
                }
                return nil
            }
            return checkOnScreen(event, doing: "skips")
        }

        /// Choices the question has; text where the step takes text; self-check items the
        /// activity has.
        private func checkAnswer(_ event: Event, step: Step?) -> Violation? {
            guard let step else { return nil }
            let known = Set(step.choices.map(\.id))
            if let unknown = (event.payload.choices ?? []).first(where: { !known.contains($0) }) {
                return Violation(
                    seq: event.seq, rule: "unknown-choice", "'\(unknown)' is not a choice of '\(step.id)'")
            }
            let items = Set(step.selfCheck)
            if let unknown = (event.payload.checked ?? []).first(where: { !items.contains($0) }) {
                return Violation(
                    seq: event.seq, rule: "unknown-item", "'\(unknown)' is not a self-check item of '\(step.id)'")
            }
            return nil
        }

        /// Items the assessment has, each rated on its scale.
        private func checkRatings(_ event: Event, step: Step?) -> Violation? {
            guard let ratings = event.payload.ratings, !ratings.isEmpty else {
                return Violation(seq: event.seq, rule: "payload", "a rating without values")
            }
            guard let step else { return nil }
            let points = step.scale.flatMap { course.scales[$0]?.points } ?? 5
            for (item, value) in ratings.sorted(by: { $0.key < $1.key }) {
                guard step.items.contains(where: { $0.id == item }) else {
                    return Violation(seq: event.seq, rule: "unknown-item", "'\(item)' is not an item of '\(step.id)'")
                }
                guard (1...points).contains(value) else {
                    return Violation(
                        seq: event.seq, rule: "scale", "rates '\(item)' \(value) on a scale of 1 to \(points)")
                }
            }
            return nil
        }

        /// The walk ends on a final step, done.
        private func checkFinished(_ event: Event) -> Violation? {
            guard strict else { return nil }
            guard let current = progress.currentStep, event.stepID == current else {
                return Violation(seq: event.seq, rule: "walk", "finishes somewhere else than the step on screen")
            }
            guard progress.isDone(current), navigator.successor(of: current, progress: progress) == nil else {
                return Violation(seq: event.seq, rule: "walk", "finishes at '\(current)', before the end of the walk")
            }
            return nil
        }
    }
}
