import Foundation
import ParcoursCore

/// Where the REPL's events go: appended durably, in one transaction per learner action.
public protocol EventLog {
    func append(_ events: [Event]) throws
}

/// The learner's loop: show the step, read a line, turn it into events, commit, repeat.
///
/// Every action is committed to the log before the next prompt appears, and progress is
/// only ever changed by applying the events that were committed.
public final class REPL {
    /// How a walk through the REPL ended.
    public enum Outcome: Equatable {
        case finished
        case suspended
        /// The log refused a write: the learner's last action was not saved.
        case failed(any Error)

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            switch (lhs, rhs) {
            case (.finished, .finished), (.suspended, .suspended): true
            case (.failed(let left), .failed(let right)): "\(left)" == "\(right)"
            default: false
            }
        }
    }

    public struct Context {
        public var course: Course
        public var path: CoursePath
        public var learner: String
        public var idleThreshold: TimeInterval
        public var clock: () -> Date
        /// Loads the words of another language, for `langue en`.
        public var loadCatalog: (String) -> Catalog?
        /// The options the learner's command was given that the next one needs too
        /// (` --as NAME --store FILE`, shell-quoted; empty for the defaults).
        public var commandOptions: String

        public init(
            course: Course, path: CoursePath, learner: String,
            idleThreshold: TimeInterval = Pacing.defaultIdleThreshold,
            commandOptions: String = "",
            clock: @escaping () -> Date = Date.init,
            loadCatalog: @escaping (String) -> Catalog? = { _ in nil }
        ) {
            self.course = course
            self.path = path
            self.learner = learner
            self.idleThreshold = idleThreshold
            self.commandOptions = commandOptions
            self.clock = clock
            self.loadCatalog = loadCatalog
        }
    }

    let context: Context
    let screen: Screen
    var reader: any LineReader
    let log: EventLog
    var words: Catalog
    var progress: LearnerProgress
    let navigator: Navigator
    let session: SessionEvents
    /// When the activity countdown was started, if it is running.
    var timerStartedAt: Date?
    /// Whether the end of the running countdown was announced on its own line.
    var timerEndAnnounced = false
    /// The step whose text was last shown, so it is shown once per visit.
    var shownVisit: Int = -1
    /// The grid item asked again after `retour` within an assessment; nil: the first item
    /// not yet rated.
    var gridItem: Int?
    var pendingConfirmation: Confirmation?
    /// The line that says why the walk changed, shown once the action's own output is.
    var walkNotice: String?
    /// Whether the last list of resources shown was the whole catalogue (`ressources tout`):
    /// `garder N` counts in the list on screen.
    var listedAllResources = false

    enum Confirmation {
        case waive
    }

    public init(
        context: Context, screen: Screen, reader: any LineReader, log: EventLog, words: Catalog,
        progress: LearnerProgress
    ) {
        self.context = context
        self.screen = screen
        self.reader = reader
        self.log = log
        self.words = words
        self.progress = progress
        self.navigator = Navigator(course: context.course, path: context.path)
        self.session = SessionEvents(navigator: navigator)
    }

    /// Commits drafts as events (stamped by `SessionEvents.stamp`), then applies them.
    /// Returns false when the write failed.
    ///
    /// The walk adapts in the same transaction: when the action makes the projected walk
    /// heavier and over the budget, optional steps ahead are set aside with it
    /// (`SessionEvents.adapt`), and one line says so. When the walk's step count changes,
    /// one line says why.
    @discardableResult
    func commit(_ drafts: [EventDraft]) throws -> Bool {
        guard !drafts.isEmpty else { return true }
        let action = session.stamp(drafts, on: progress, at: context.clock(), idleThreshold: context.idleThreshold)
        let before = progress.activeMilliseconds
        let stepsBefore = navigator.position(progress).total
        try log.append(action.events)
        for event in action.events { progress.apply(event) }
        for percent in Pacing.crossedNotices(
            budgetMinutes: context.path.budgetMinutes, before: before,
            after: progress.activeMilliseconds)
        {
            screen.writeLine(
                screen.style.warning(words.text("notice.budget", ["percent": String(percent)])))
        }
        announceWalkChange(action.setAside, stepsBefore: stepsBefore, drafts: drafts)
        return true
    }

    /// The one line that says why the walk changed: steps set aside, or answers (and
    /// ratings) that took branches, shown after the action's own output. `plan` says itself
    /// what it set aside or took back.
    func announceWalkChange(_ setAside: [String], stepsBefore: Int, drafts: [EventDraft]) {
        guard !progress.isFinished, !drafts.contains(where: { $0.type == .restored }) else { return }
        let total = navigator.position(progress).total
        if !setAside.isEmpty {
            walkNotice = setAsideNotice(setAside)
        } else if total != stepsBefore, drafts.contains(where: { $0.type == .answered || $0.type == .rated }) {
            walkNotice = words.text("walk.changed", ["total": String(total), "before": String(stepsBefore)])
        }
    }

    /// A walk that was over its budget from the start had optional steps set aside when the
    /// attempt was written (`SessionEvents.adapt` at `start`): the first screen says so too.
    func announceStartSetAside() {
        let setAside = session.setAsideSteps(progress)
        guard !setAside.isEmpty else { return }
        walkNotice = setAsideNotice(setAside)
    }

    /// The one line that names the steps set aside to fit the budget.
    func setAsideNotice(_ steps: [String]) -> String {
        words.text(
            "walk.set-aside",
            [
                "budget": ClockFormat.hoursMinutes(minutes: context.path.budgetMinutes),
                "steps": steps.map(stepTitle).joined(separator: ", "),
                "total": String(navigator.position(progress).total),
            ])
    }

    /// A step's title, as the learner reads it.
    func stepTitle(_ id: String) -> String {
        Sanitizer.plain(words.text(CourseKeys.step(id, "title")))
    }

    /// Runs until the path is finished, the learner leaves, or the log fails.
    public func run(resuming: Bool) -> Outcome {
        do {
            if resuming { showRecap() } else { announceStartSetAside() }
            while !progress.isFinished {
                if let notice = walkNotice {
                    walkNotice = nil
                    screen.writeLine(screen.style.dim(notice))
                }
                showStepIfNew()
                setCompletion()
                announceCountdownEnd()
                setTicker()
                let input = reader.readLine(prompt: prompt(at: context.clock()))
                reader.ticker = nil
                switch input {
                case .interrupt:
                    continue
                case .endOfInput:
                    try leave()
                    return .suspended
                case .line(let line):
                    if reader.lastLineWasTruncated {
                        screen.writeLine(screen.style.warning(words.text("input.truncated")))
                    }
                    if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                        reader.addHistory(line)
                    }
                    if try handle(line) == .quit {
                        try leave()
                        return .suspended
                    }
                }
            }
            showFinish()
            return .finished
        } catch {
            screen.writeError(words.text("error.save", ["reason": "\(error)"]))
            return .failed(error)
        }
    }

    enum Flow { case stay, quit }

    func leave() throws {
        if let notice = walkNotice {
            walkNotice = nil
            screen.writeLine(screen.style.dim(notice))
        }
        if !progress.isFinished {
            try commit([EventDraft(.suspended, step: progress.currentStep)])
        }
        screen.writeLine()
        // With the options it was given, the hint is a command that works as typed.
        let command = context.commandOptions.isEmpty ? "parcours" : "parcours resume" + context.commandOptions
        screen.writeLine(words.text("repl.goodbye", ["command": command]))
    }

    /// The prompt at `now`: place, time used and budget, e.g. `[7/18 · 0:42 / 2:00] › `.
    /// The time used counts the visit still open (`Pacing.openActiveMilliseconds`).
    func prompt(at now: Date) -> String {
        let (current, total) = navigator.position(progress)
        let used = activeMilliseconds(at: now)
        if screen.isPlain { return plainPrompt(current: current, total: total, usedMilliseconds: used, now: now) }
        var text =
            "[\(current)/\(total) · \(ClockFormat.hoursMinutes(seconds: used / 1_000)) / \(ClockFormat.hoursMinutes(minutes: context.path.budgetMinutes))"
        if let left = countdownSecondsLeft(at: now) {
            text +=
                " · ⏱ " + (left > 0 ? Countdown.format(seconds: left) : words.text("timer.over"))
        }
        if progress.isPaused { text += " · " + words.text("prompt.paused") }
        return text + "] › "
    }

    /// The prompt in words, for a screen reader: "étape 4 sur 12, 35 min sur 120 › ".
    func plainPrompt(current: Int, total: Int, usedMilliseconds: Int, now: Date) -> String {
        var text = words.text(
            "prompt.plain",
            [
                "current": String(current), "total": String(total), "used": String(usedMilliseconds / 60_000),
                "budget": String(context.path.budgetMinutes),
            ])
        if let left = countdownSecondsLeft(at: now) {
            text +=
                ", "
                + (left > 0
                    ? words.text("prompt.plain.timer", ["minutes": String((left + 59) / 60)])
                    : words.text("timer.over"))
        }
        if progress.isPaused { text += ", " + words.text("prompt.paused") }
        return text + " › "
    }

    var currentStep: Step? { progress.currentStep.flatMap { context.course.steps[$0] } }

    /// Active time at `now`: what was logged, and the visit still open.
    func activeMilliseconds(at now: Date) -> Int {
        progress.activeMilliseconds.addingSaturated(
            Pacing.openActiveMilliseconds(
                progress, course: context.course, at: now, idleThreshold: context.idleThreshold))
    }

    /// Seconds left on the running countdown (0 or less once it is over), or nil.
    func countdownSecondsLeft(at now: Date) -> Int? {
        guard let started = timerStartedAt, let minutes = currentStep?.countdownMinutes else {
            return nil
        }
        return minutes * 60 - Int(now.timeIntervalSince(started))
    }

    /// Lets a waiting prompt tick: its clock and countdown, and the end of the countdown
    /// announced at once on its own line.
    func setTicker() {
        // In plain mode the prompt stays as it was first said: only the end of a countdown
        // is announced, on a line of its own.
        let still = screen.isPlain ? prompt(at: context.clock()) : nil
        reader.ticker = PromptTicker { [self] in
            let now = context.clock()
            return PromptTicker.Tick(prompt: still ?? prompt(at: now), announcement: countdownEnd(at: now))
        }
    }

    /// The line saying the countdown is over, the first time it is asked after the end.
    func countdownEnd(at now: Date) -> String? {
        guard !timerEndAnnounced, let left = countdownSecondsLeft(at: now), left <= 0 else {
            return nil
        }
        timerEndAnnounced = true
        return screen.style.warning(words.text("timer.ended"))
    }

    /// Says the countdown is over before the prompt, if it ended while no prompt could say
    /// so (a prompt that is not redrawn, or while an action ran).
    func announceCountdownEnd() {
        if let line = countdownEnd(at: context.clock()) { screen.writeLine(line) }
    }

    /// Tab completes commands, and the current question's choices by number and by the
    /// words of their labels in the learner's language (ids still work typed, unoffered).
    func setCompletion() {
        var candidates = Command.words + Command.planWords + Command.resourcesWords
        if let step = currentStep, step.kind == .question, step.answer != .text {
            candidates += step.choices.indices.map { String($0 + 1) } + choiceWords(step).completions
        }
        if let step = currentStep, !step.selfCheck.isEmpty { candidates.append("ok") }
        let list = candidates
        reader.completion = { text, _ in list.filter { ChoiceWords.completes($0, text) } }
    }
}
