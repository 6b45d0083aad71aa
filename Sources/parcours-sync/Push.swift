import ArgumentParser
import Foundation
import ParcoursCommandLine
import ParcoursLibrary
import ParcoursStore
import ParcoursSync

/// `parcours-sync push`: what the REPL starts after each saved step (`SyncNudger`). One at a
/// time per store (a lock beside it): a second one started meanwhile leaves at once, since
/// the first sends until the outbox is empty, then looks again once it has let the lock go,
/// so that no event saved in between is left behind. An unreachable server is tried again
/// after 1, 2, 4… 32 s, about a minute in all; then the next step, the next sitting or
/// `parcours sync` sends what waits. Silent: the learner's terminal is the REPL's.
struct Push: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send a store's waiting events to its sync destination (started by the REPL).",
        shouldDisplay: false)

    @Option(help: ArgumentHelp("The store.", valueName: "FILE"))
    var store: String

    @Option(name: .customLong("as"), help: ArgumentHelp("The learner.", valueName: "NAME"))
    var learner: String

    @Option(help: ArgumentHelp("Where the courses are (for an LRS: graded statements).", valueName: "DIR"))
    var home: String?

    func run() throws {
        let environment = ProcessEnvironment.variables
        guard let destination = try SyncDestination.resolve(option: nil, environment: environment) else { return }
        let progress = try ProgressStore.open(path: store)
        let name: String
        let send: @Sendable () async throws -> Void
        if destination.isLRS {
            let courses = try Sync.courses(of: progress, try CourseLookup(home: home, environment: environment))
            let push = LRSPush(settings: try destination.lrsSettings(environment: environment), courses: courses)
            name = push.name
            send = { _ = try await push.push(progress) }
        } else {
            let push = PostgresPush(
                server: PostgresServer(settings: try destination.settings(environment: environment)))
            name = push.server.name
            send = { _ = try await push.push(progress) }
        }
        let lock = StoreLock(path: store + ".sync-lock")
        while lock.tryLock() {
            var delay: UInt32 = 1
            while true {
                do {
                    try Blocking.run { try await send() }
                    break
                } catch let failure as SyncError where failure.isTransient && delay <= 32 {
                    sleep(delay)
                    delay *= 2
                } catch {
                    lock.unlock()
                    return
                }
            }
            lock.unlock()
            // Saved while the lock was held, after the last read of the outbox? Go again.
            guard (try? progress.pendingCount(destination: name)) ?? 0 > 0 else { return }
        }
    }
}

/// An advisory lock on a file (`flock`), released by `unlock` or when the process ends,
/// however it ends.
struct StoreLock {
    let path: String
    private let descriptor: Int32

    init(path: String) {
        self.path = path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
    }

    func tryLock() -> Bool {
        descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }

    func unlock() {
        _ = flock(descriptor, LOCK_UN)
    }
}

/// `parcours-sync copy URL --out FILE`: the cohort a role may read on a server, copied into
/// a new SQLite store for `report` and `calibrate` (`ServerCohort`).
struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy what a role may read on a server into a new store (used by report and calibrate).",
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("The server.", valueName: "URL"))
    var url: String

    @Option(help: ArgumentHelp("The new store.", valueName: "FILE"))
    var out: String

    @Option(help: ArgumentHelp("Only this cohort.", valueName: "CODE"))
    var cohort: String?

    @Option(help: ArgumentHelp("Only this path.", valueName: "ID"))
    var path: String?

    func run() throws {
        do {
            let settings: ConnectionSettings
            do {
                settings = try ConnectionSettings.resolve(
                    url, environment: ProcessEnvironment.variables, allowsPassword: false,
                    warning: { Failure.printError($0) })
            } catch {
                throw SyncError.configuration(reason: error.message)
            }
            let server = PostgresServer(settings: settings)
            let (cohort, path, out) = (cohort, path, out)
            _ = try Blocking.run { try await ServerCohort.copy(from: server, cohort: cohort, pathID: path, to: out) }
        } catch {
            throw Failure.exit(error)
        }
    }
}
