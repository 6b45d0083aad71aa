import ArgumentParser
import Foundation
import ParcoursCommandLine
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursSync

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send your progress to the shared server, and bring back what another device sent.",
        discussion: """
            The server is --to URL, else --sync, PARCOURS_SYNC_URL or `sync` in \
            $XDG_CONFIG_HOME/parcours/config.toml. The password comes from ~/.pgpass or \
            PGPASSWORD. Exits 0 when everything is in sync, 75 when the server cannot be \
            reached (nothing is lost: the events wait in your store), 65 when an attempt \
            needs your choice (--resolve).

            An http(s):// URL is a learning record store (LRS): your progress is sent there \
            as xAPI statements (nothing comes back). Its key and secret come from \
            PARCOURS_LRS_KEY and PARCOURS_LRS_SECRET, [lrs] key and secret in the \
            configuration file, or ~/.netrc. Exits 77 when the LRS refuses the credentials, \
            65 when it refuses the statements or holds different ones (409), 75 when it \
            cannot be reached or fails (5xx).
            """)

    @Option(
        help: ArgumentHelp(
            "The server to sync with (postgresql://…), or a learning record store to send statements to (https://…/xapi/).",
            valueName: "URL"))
    var to: String?

    @Option(
        help: ArgumentHelp(
            "When another device sent a different version of the same attempt: 'server' to go on from the server's (yours is kept aside), 'local' to keep yours as a new attempt.",
            valueName: "CHOICE"))
    var resolve: LearnerSync.Resolution?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    func run() throws {
        do {
            let environment = ProcessEnvironment.variables
            let courses = try content.courses()
            let words = try UIWords.load(library: courses.library, lang: content.lang)
            guard
                let destination = try SyncDestination.resolve(option: to ?? learner.sync, environment: environment)
            else {
                throw SyncError.configuration(
                    reason: words.text("sync.none", ["config": SyncDestination.configPath(environment: environment)]))
            }
            if destination.isLRS {
                try pushToLRS(destination, courses: courses, words: words, environment: environment)
                return
            }
            let server = PostgresServer(
                settings: try destination.settings(environment: environment, warning: { Failure.printError($0) }))
            let session = try LearnerSession.open(learner, courses: courses, lang: content.lang, home: content.home)
            let validator = SyncValidation(courses: courses)
            let sync = LearnerSync(server: server, validate: { validator.problem(in: $0) })
            let store = session.store
            let resolution = resolve
            let outcome: LearnerSync.Outcome
            do {
                outcome = try Blocking.run { try await sync.run(store, resolution: resolution) }
            } catch let failure as SyncError where failure.isTransient {
                let pending = (try? store.pendingCount(destination: server.name)) ?? 0
                Failure.printError(failure.explained(in: words))
                print(words.plural("sync.pending", count: pending))
                throw ExitCode(failure.exitCode)
            }
            report(outcome, server: server, words: words, session: session)
            if !outcome.conflicts.isEmpty { throw ExitCode(65) }
            if outcome.pending > 0 { throw ExitCode(75) }
        } catch {
            throw Failure.exit(error)
        }
    }

    /// `parcours sync` to a learning record store: the outbox as statements, nothing pulled.
    private func pushToLRS(
        _ destination: SyncDestination, courses: CourseLookup, words: Catalog, environment: [String: String]
    ) throws {
        let settings = try destination.lrsSettings(environment: environment, warning: { Failure.printError($0) })
        let session = try LearnerSession.open(learner, courses: courses, lang: content.lang, home: content.home)
        let store = session.store
        let push = LRSPush(settings: settings, courses: try Self.courses(of: store, courses))
        let report: LRSPush.Report
        do {
            report = try Blocking.run { try await push.push(store) }
        } catch let failure as SyncError {
            let pending = (try? store.pendingCount(destination: push.name)) ?? 0
            Failure.printError(failure.explained(in: words))
            print(words.plural("sync.pending", count: pending))
            throw ExitCode(failure.exitCode)
        }
        if report.sent > 0 { print(words.plural("sync.lrs.sent", count: report.sent)) }
        if report.voided > 0 { print(words.plural("sync.lrs.voided", count: report.voided)) }
        // Every attempt the LRS holds differently, this time's and earlier ones': none is
        // sent again, and each is said until somebody sorts it out at the LRS.
        let conflicts = try store.conflicts(destination: push.name)
        for conflict in conflicts {
            let enrollment = try? store.enrollment(conflict.enrollmentID)
            print(
                words.text(
                    "sync.lrs.conflict",
                    [
                        "attempt": String(enrollment?.attempt ?? 0), "path": enrollment?.pathID ?? "",
                        "detail": conflict.detail,
                    ]))
        }
        let pending = try store.pendingCount(destination: push.name)
        if pending > 0 { print(words.plural("sync.pending", count: pending)) }
        if !conflicts.isEmpty { throw ExitCode(65) }
        if pending > 0 { throw ExitCode(75) }
        print(words.text("sync.done", ["destination": push.name]))
    }

    /// The installed courses of the store's attempts, by id (a missing one leaves its
    /// answers ungraded, as in `export --xapi`).
    static func courses(of store: ProgressStore, _ courses: CourseLookup) throws -> [String: Course] {
        var found: [String: Course] = [:]
        for id in Set(try store.enrollments().map(\.courseID)) { found[id] = courses.course(id) }
        return found
    }

    private func report(
        _ outcome: LearnerSync.Outcome, server: PostgresServer, words: Catalog, session: LearnerSession
    ) {
        let sent = outcome.pushed.added
        if sent > 0 { print(words.plural("sync.pushed", count: sent)) }
        let received = outcome.pulled.added
        if received > 0 { print(words.plural("sync.pulled", count: received)) }
        for refused in outcome.pulled.refused { print(words.text("sync.refused", ["detail": refused])) }
        for (enrollmentID, attempt) in outcome.resolved {
            let key = resolve == .takeServer ? "sync.resolved.server" : "sync.resolved.local"
            let path = (try? session.store.enrollment(enrollmentID))?.pathID ?? ""
            print(words.text(key, ["attempt": String(attempt), "path": path]))
        }
        for conflict in outcome.conflicts {
            let enrollment = try? session.store.enrollment(conflict.enrollmentID)
            print(
                words.text(
                    "sync.conflict",
                    [
                        "attempt": String(enrollment?.attempt ?? 0), "path": enrollment?.pathID ?? "",
                        "detail": conflict.detail,
                    ]))
        }
        if !outcome.conflicts.isEmpty { print(words.text("sync.choose")) }
        if outcome.pending > 0 {
            print(words.plural("sync.pending", count: outcome.pending))
        }
        if outcome.isInSync { print(words.text("sync.done", ["destination": server.name])) }
    }
}

extension LearnerSync.Resolution: ExpressibleByArgument {}

/// The rules a log pulled from a server obeys before it is merged: those of import
/// (`LogValidation` against the installed course).
struct SyncValidation: Sendable {
    let courses: CourseLookup

    func problem(in enrollment: BundleEnrollment) -> String? {
        guard let course = courses.course(enrollment.courseID) else {
            return "the course '\(enrollment.courseID)' is not installed"
        }
        return LogValidation.check(
            enrollment.events, attempt: enrollment.validationAttempt, course: course, now: Date())?
            .description
    }
}
