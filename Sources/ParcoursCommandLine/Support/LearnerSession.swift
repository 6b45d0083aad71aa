import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursTerminal

/// Opens the store for a learner and runs the REPL on one enrollment.
package struct LearnerSession {
    package let store: ProgressStore
    package let participant: Participant
    package let courses: CourseLookup
    let lang: String?
    /// Where progress is sent as the learner goes, if anywhere (`--sync`, `PARCOURS_SYNC_URL`,
    /// the configuration file); a destination that cannot be used is said once and left out.
    var syncServer: SyncTarget?
    /// The destination's URL as configured, handed to `parcours-sync push`.
    var syncURL: String?
    /// The options the learner gave that the next command needs too (`--as`, `--store`,
    /// `--home`), shell-quoted: the goodbye and journal hints repeat them.
    var commandOptions = ""
    /// `--home`, for `parcours-sync push` (an LRS's statements are graded with the courses).
    var home: String?

    package static func open(
        _ options: LearnerOptions, content: ContentOptions, readOnly: Bool = false, creating: Bool = true
    ) throws -> LearnerSession {
        try open(
            options, courses: try content.courses(), lang: content.lang,
            home: content.home, readOnly: readOnly, creating: creating)
    }

    /// `value` as a shell word: as it is when it holds only safe characters, else in single
    /// quotes.
    static func shellQuoted(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "._/-+=:,@".unicodeScalars.contains($0)
        }
        return safe && !value.isEmpty ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Opens the store with content already found. With `creating` false (`resume`), a store
    /// or a learner that does not exist yet is not made: there is nothing to pick up.
    package static func open(
        _ options: LearnerOptions, courses: CourseLookup, lang: String?, home: String? = nil,
        readOnly: Bool = false, creating: Bool = true
    ) throws -> LearnerSession {
        let location = StoreLocation.resolve(
            explicit: options.store, environment: ProcessEnvironment.variables,
            home: FileManager.default.homeDirectoryForCurrentUser.path)
        if !creating && !FileManager.default.fileExists(atPath: location.path) {
            throw StoreError.notFound(path: location.path)
        }
        let store = try ProgressStore.open(location: location, readOnly: readOnly)
        let participant: Participant
        if readOnly || !creating {
            guard let found = try store.participants().first(where: { $0.name == options.learner })
            else {
                throw LibraryError.noProgress(learner: options.learner, store: location.path)
            }
            participant = found
        } else {
            participant = try store.participant(named: options.learner)
        }
        var commandOptions = ""
        if let name = options.name { commandOptions += " --as " + shellQuoted(name) }
        if let path = options.store { commandOptions += " --store " + shellQuoted(path) }
        if let home { commandOptions += " --home " + shellQuoted(home) }
        if let sync = options.sync { commandOptions += " --sync " + shellQuoted(sync) }
        // Read once: the destination, and the configuration file it may come from.
        let sync = Self.sync(options)
        return LearnerSession(
            store: store, participant: participant, courses: courses, lang: lang,
            syncServer: sync?.target, syncURL: sync?.url, commandOptions: commandOptions, home: home)
    }

    /// The configured sync destination: its target, and its URL as given (for
    /// `parcours-sync push`). A configuration that cannot be used is said on standard error,
    /// and the learner goes on without sync rather than not at all.
    static func sync(_ options: LearnerOptions) -> (target: SyncTarget, url: String)? {
        let environment = ProcessEnvironment.variables
        do {
            guard let destination = try SyncDestination.resolve(option: options.sync, environment: environment) else {
                return nil
            }
            let target = try destination.target(environment: environment, warning: { Failure.printError($0) })
            return (target, destination.url)
        } catch {
            Failure.printError(error.explained(in: Failure.words))
            return nil
        }
    }

    /// The learner's latest enrollment, optionally unfinished and on one path; never a run
    /// set aside (the store's one choice, `ProgressStore.latestEnrollment`).
    func latestEnrollment(path: String? = nil, unfinishedOnly: Bool) throws -> Enrollment? {
        try store.latestEnrollment(of: participant.id, path: path, unfinishedOnly: unfinishedOnly)
    }

    /// Where a learner stands on their latest attempt (of `path`, if given): for status and journal.
    struct Standing {
        var enrollment: Enrollment
        var loaded: LoadedCourse
        var path: CoursePath
        var progress: LearnerProgress
    }

    func latestStanding(path: String?) throws -> Standing {
        guard let enrollment = try latestEnrollment(path: path, unfinishedOnly: false) else {
            throw CLIError.nothingStarted(learner: participant.name)
        }
        let progress = LearnerProgress.fold(try store.events(of: enrollment.id))
        let (loaded, coursePath) = try course(for: enrollment, progress: progress)
        return Standing(enrollment: enrollment, loaded: loaded, path: coursePath, progress: progress)
    }

    /// The attempt's course, in the language asked for now (`--lang`), else the one the
    /// attempt was started in (its `started` event remembers it), else the environment's.
    func course(for enrollment: Enrollment, progress: LearnerProgress) throws -> (LoadedCourse, CoursePath) {
        try courses.find(enrollment.pathID, inCourse: enrollment.courseID, lang: lang ?? progress.language)
    }

    /// Creates a new attempt on `path`, logging `started` and the first step; with
    /// `unlessUnfinished`, finds the learner's unfinished attempt there instead, if another
    /// process started one since the caller looked. `resets`: the attempt it replaces
    /// (`parcours reset`).
    func enroll(
        _ loaded: LoadedCourse, path: CoursePath, cohort: String?, resets: Int? = nil, unlessUnfinished: Bool = false
    ) throws -> ProgressStore.Start {
        // The store numbers the attempt again in its transaction, and refuses one past the
        // limit; this one is for the started event's payload (held at the bound, never trapping).
        let attempt =
            (try store.enrollments(of: participant.id).filter { $0.pathID == path.id }.map(
                \.attempt
            ).max() ?? 0).addingSaturated(1)
        let session = SessionEvents(navigator: Navigator(course: loaded.course, path: path))
        let drafts = session.start(
            language: loaded.catalog.language, cohort: cohort, attempt: attempt, seed: Self.choiceSeed(),
            resets: resets)
        let events = session.stamp(drafts, on: LearnerProgress(), at: Self.clock()).events
        return try store.startEnrollment(
            participantID: participant.id, courseID: loaded.course.id, pathID: path.id,
            courseVersion: loaded.course.contentHash, cohort: cohort, started: events[0],
            then: Array(events.dropFirst()), durability: .deferred, unlessUnfinished: unlessUnfinished)
    }

    /// Starts a new attempt on `path`, says so, and walks it; if another process started one
    /// a moment ago, resumes that one instead.
    func begin(_ loaded: LoadedCourse, path: CoursePath, cohort: String?, screen: Screen) throws -> REPL.Outcome {
        let enrollment: Enrollment
        switch try enroll(loaded, path: path, cohort: cohort, unlessUnfinished: true) {
        case .unfinished(let open):
            screen.writeLine(loaded.catalog.text("start.resuming", ["path": Walk.title(loaded, path)]))
            return try walk(open, resuming: true, screen: screen, loaded: (loaded, path))
        case .started(let started):
            enrollment = started
        }
        sayLanguageFallback(loaded, screen: screen)
        screen.writeLine(
            loaded.catalog.text(
                "start.begin",
                [
                    "path": Walk.title(loaded, path),
                    "budget": ClockFormat.hoursMinutes(minutes: path.budgetMinutes),
                ]))
        return try walk(enrollment, resuming: false, screen: screen, loaded: (loaded, path))
    }

    /// The background push to the sync destination, when one is set.
    func syncNudger() -> SyncNudger? {
        syncServer.flatMap { _ in syncURL }.map {
            SyncNudger(storePath: store.path, learner: participant.name, url: $0, home: home)
        }
    }

    /// Runs the REPL on an enrollment until the learner finishes or leaves.
    /// `loaded` saves loading the course a second time when the caller already has it.
    func walk(
        _ enrollment: Enrollment, resuming: Bool, screen: Screen, loaded known: (LoadedCourse, CoursePath)? = nil
    ) throws -> REPL.Outcome {
        var progress = LearnerProgress.fold(try store.events(of: enrollment.id))
        let (loaded, path) = try known ?? course(for: enrollment, progress: progress)
        // After each committed step, the outbox goes to the server in the background.
        let push = syncNudger()
        // What earlier sittings left in the outbox goes now, and again once the sitting ends.
        push?.nudge()
        defer { push?.nudge() }
        let log = StoreLog(store: store, enrollmentID: enrollment.id, committed: push.map { push in { push.nudge() } })
        let context = REPL.Context(
            course: loaded.course, path: path, learner: participant.name,
            idleThreshold: Self.idleThreshold(), commandOptions: commandOptions, clock: Self.clock,
            loadCatalog: { language in
                try? courses.loaded(loaded.files, lang: language).catalog
            })
        if resuming {
            let session = SessionEvents(navigator: Navigator(course: loaded.course, path: path))
            let events = session.stamp(session.resume(progress), on: progress, at: Self.clock()).events
            // Coming back is not a decision to keep at any cost: the learner's next action
            // syncs it.
            try store.append(events, to: enrollment.id, durability: .deferred)
            for event in events { progress.apply(event) }
        }
        if resuming { sayLanguageFallback(loaded, screen: screen) }
        let reader = screen.makeLineReader(
            historyFile: Screen.historyFile(variables: ProcessEnvironment.variables))
        let repl = REPL(
            context: context, screen: screen, reader: reader, log: log, words: loaded.catalog,
            progress: progress)
        return repl.run(resuming: resuming)
    }

    /// Says so when `--lang` asked for a language the course does not speak, and which one
    /// it speaks instead.
    func sayLanguageFallback(_ loaded: LoadedCourse, screen: Screen) {
        guard let lang, let asked = LanguageNegotiation.normalize(lang), asked != loaded.catalog.language else {
            return
        }
        screen.writeLine(
            loaded.catalog.text(
                "lang.fallback",
                [
                    "asked": Sanitizer.plain(lang),
                    "available": loaded.files.locales.keys.sorted().joined(separator: ", "),
                ]))
    }

    /// The learner's clock: the time of day, unless `PARCOURS_TEST_CLOCK_SCALE` (a test
    /// hook, see docs/reliability.md) makes it run that many times faster from the moment
    /// the process started, so a test sees a 1-minute countdown end in seconds.
    static let clock: @Sendable () -> Date = {
        guard
            let scale = ProcessEnvironment.variables["PARCOURS_TEST_CLOCK_SCALE"].flatMap(Double.init),
            scale > 0, scale != 1
        else { return { Date() } }
        let origin = Date()
        return { origin.addingTimeInterval(Date().timeIntervalSince(origin) * scale) }
    }()

    /// The seed of a new attempt's order of choices (`ChoiceOrder`): drawn at random, unless
    /// `PARCOURS_TEST_SEED` (a test hook, see docs/reliability.md) gives it, or says `none`
    /// for the written order.
    static func choiceSeed() -> Int? {
        switch ProcessEnvironment.variables["PARCOURS_TEST_SEED"] {
        case "none": return nil
        case let text?:
            if let seed = Int(text), (0...ChoiceOrder.maximumSeed).contains(seed) { return seed }
        case nil: break
        }
        return Int(UInt32.random(in: 0...UInt32.max))
    }

    /// `PARCOURS_IDLE_SECONDS` overrides the five-minute idle threshold.
    static func idleThreshold() -> TimeInterval {
        ProcessEnvironment.variables["PARCOURS_IDLE_SECONDS"].flatMap(TimeInterval.init)
            ?? Pacing.defaultIdleThreshold
    }
}

/// The REPL's log: each learner action is one transaction in the store.
struct StoreLog: EventLog {
    let store: ProgressStore
    let enrollmentID: Int64
    /// Called once the events are committed: the background push, when there is one.
    var committed: (() -> Void)? = nil

    func append(_ events: [Event]) throws {
        try store.append(events, to: enrollmentID)
        committed?()
    }
}
