import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import PostgresNIO
import Testing

@testable import ParcoursLibrary
@testable import ParcoursSync

/// A learner on two devices: what one pushes the other pulls, replays change nothing, and
/// an attempt advanced on both offline is never overwritten.
@Suite(.enabled(if: TestServer.isAvailable)) struct SyncFlowTests {
    struct Learner {
        var name: String
        var server: PostgresServer
    }

    static func learner(cohort: String = "A") async throws -> Learner {
        let admin = try await TestServer.initializedDatabase("flow")
        let name = TestServer.uniqueName("Léa")
        let credentials = try await ServerAdmin.addLearner(admin, name: name, cohort: cohort)
        return Learner(name: name, server: TestServer.login(admin, as: credentials))
    }

    static func serverEvents(_ server: PostgresServer) async throws -> [String] {
        try await server.withConnection { client in
            var rows: [String] = []
            let query: PostgresQuery = """
                SELECT e.attempt, v.seq, v.type, coalesce(v.step_id, ''), v.at FROM parcours.event v
                  JOIN parcours.enrollment e ON e.id = v.enrollment_id ORDER BY e.attempt, v.seq
                """
            for try await (attempt, seq, type, step, at) in try await client.query(query, logger: PostgresServer.logger)
                .decode((Int, Int, String, String, Int64).self)
            {
                rows.append("\(attempt)/\(seq) \(type) \(step) \(at)")
            }
            return rows
        }
    }

    static func localEvents(_ store: ProgressStore) throws -> [String] {
        try store.enrollments().sorted { $0.attempt < $1.attempt }.flatMap { enrollment in
            try store.events(of: enrollment.id).map {
                "\(enrollment.attempt)/\($0.seq) \($0.type.rawValue) \($0.stepID ?? "") \($0.at.storeMilliseconds ?? 0)"
            }
        }
    }

    @Test func whatOneDevicePushesAnotherPullsAndGoesOnWith() async throws {
        let learner = try await Self.learner()
        let laptop = try LocalLogs.store()
        let enrollment = try LocalLogs.walk(learner.name, in: laptop, steps: 3)
        let sync = LearnerSync(server: learner.server)
        let first = try await sync.run(laptop)
        #expect(first.pushed.added == 7)
        #expect(first.isInSync)

        let desktop = try LocalLogs.store()
        let pulled = try await sync.run(desktop)
        #expect(pulled.pulled.added == 7)
        #expect(try Self.localEvents(desktop) == Self.localEvents(laptop))

        // The desktop goes on; the laptop gets those steps at its next sync.
        let there = try #require(try desktop.enrollments().first)
        try LocalLogs.advance(there, in: desktop, steps: 2)
        let pushed = try await sync.run(desktop)
        #expect(pushed.pushed.added == 4)
        let back = try await sync.run(laptop)
        #expect(back.pulled.added == 4)
        #expect(try laptop.events(of: enrollment.id).count == 11)
        #expect(try await Self.localEvents(laptop) == Self.serverEvents(learner.server))
        #expect(try await Self.localEvents(desktop) == Self.serverEvents(learner.server))
    }

    @Test func aReplayAddsNothing() async throws {
        let learner = try await Self.learner()
        let store = try LocalLogs.store()
        try LocalLogs.walk(learner.name, in: store, steps: 4)
        let push = PostgresPush(server: learner.server)
        #expect(try await push.push(store).added == 9)
        try store.rewind(destination: learner.server.name, before: 1)
        let again = try await push.push(store)
        #expect(again.added == 0)
        #expect(again.present == 9)
        #expect(try await Self.serverEvents(learner.server).count == 9)
    }

    @Test func smallBatchesArriveWholeAndInOrder() async throws {
        let learner = try await Self.learner()
        let store = try LocalLogs.store()
        try LocalLogs.walk(learner.name, in: store, steps: 30)
        try LocalLogs.walk(learner.name, in: store, steps: 5, startingAt: LocalLogs.start + 86_400)
        var push = PostgresPush(server: learner.server)
        push.batchSize = 7
        #expect(try await push.push(store).added == 61 + 11)
        #expect(try store.pendingCount(destination: learner.server.name) == 0)
        #expect(try await Self.localEvents(store) == Self.serverEvents(learner.server))
    }

    /// Two devices start the same attempt offline; the laptop's arrives first.
    static func divergence() async throws -> (
        Learner, laptop: ProgressStore, phone: ProgressStore, phoneRun: Enrollment
    ) {
        let learner = try await Self.learner()
        let laptop = try LocalLogs.store()
        let phone = try LocalLogs.store()
        try LocalLogs.walk(learner.name, in: laptop, steps: 2)
        let phoneRun = try LocalLogs.walk(learner.name, in: phone, steps: 3, startingAt: LocalLogs.start + 3_600)
        _ = try await LearnerSync(server: learner.server).run(laptop)
        return (learner, laptop, phone, phoneRun)
    }

    @Test func aDivergedAttemptIsAConflictAndNothingIsOverwritten() async throws {
        let (learner, laptop, phone, phoneRun) = try await Self.divergence()
        let before = try Self.localEvents(phone)
        let outcome = try await LearnerSync(server: learner.server).run(phone)
        #expect(outcome.conflicts.map(\.enrollmentID) == [phoneRun.id])
        #expect(!outcome.isInSync)
        #expect(try Self.localEvents(phone) == before)
        #expect(try await Self.serverEvents(learner.server) == Self.localEvents(laptop))
        // Asking again changes nothing either.
        let again = try await LearnerSync(server: learner.server).run(phone)
        #expect(again.conflicts.count == 1)
        #expect(try Self.localEvents(phone) == before)
    }

    @Test func keepingTheLocalRunMakesItTheNextAttemptEverywhere() async throws {
        let (learner, laptop, phone, phoneRun) = try await Self.divergence()
        _ = try await LearnerSync(server: learner.server).run(phone)
        let outcome = try await LearnerSync(server: learner.server).run(phone, resolution: .keepLocal)
        #expect(outcome.isInSync)
        #expect(outcome.resolved.map(\.attempt) == [2])
        #expect(try phone.enrollment(phoneRun.id)?.attempt == 2)
        let server = try await Self.serverEvents(learner.server)
        #expect(server.filter { $0.hasPrefix("1/") } == (try Self.localEvents(laptop)))
        #expect(server.filter { $0.hasPrefix("2/") }.count == 7)
        #expect(try Self.localEvents(phone) == server)
        // The renumbered log still obeys the rules import checks.
        let events = try phone.events(of: phoneRun.id)
        #expect(events.first?.payload.attempt == 2)
    }

    @Test func goingOnFromTheServerKeepsTheLocalRunAside() async throws {
        let (learner, laptop, phone, phoneRun) = try await Self.divergence()
        let phoneBefore = try phone.events(of: phoneRun.id).map(\.stepID)
        _ = try await LearnerSync(server: learner.server).run(phone)
        let outcome = try await LearnerSync(server: learner.server).run(phone, resolution: .takeServer)
        #expect(outcome.isInSync)
        // The server holds the laptop's attempt only; the phone has it too, and its own run aside.
        #expect(try await Self.serverEvents(learner.server) == Self.localEvents(laptop))
        #expect(try phone.events(of: phoneRun.id).map(\.stepID) == phoneBefore)
        let participant = try #require(try phone.participants().first)
        let resumed = try phone.latestEnrollment(of: participant.id, unfinishedOnly: false)
        #expect(resumed?.attempt == 1)
        #expect(resumed?.id != phoneRun.id)
    }

    @Test func anUnreachableServerLosesNothing() async throws {
        let store = try LocalLogs.store()
        try LocalLogs.walk("ana", in: store, steps: 2)
        for url in ["postgresql://ana@127.0.0.1:1/parcours", "postgresql://ana@unreachable.invalid/parcours"] {
            let server = PostgresServer(settings: try ConnectionSettings.parse(url, environment: ["PGPASSWORD": "x"]))
            await #expect {
                try await PostgresPush(server: server).push(store)
            } throws: { error in
                (error as? SyncError)?.isTransient == true
            }
            #expect(try store.pendingCount(destination: server.name) == 5)
            #expect(try store.syncState(destination: server.name).lastError?.hasPrefix("unreachable") == true)
        }
    }
}

/// The `sslmode`s against the test server, which offers TLS with a self-signed certificate.
@Suite(.enabled(if: TestServer.isAvailable)) struct TLSTests {
    static func schemaVersion(_ mode: ConnectionSettings.SSLMode) async throws -> Int {
        var settings = try TestServer.admin()
        settings.sslMode = mode
        return try await PostgresServer(settings: settings).withConnection { connection in
            var found = -1
            for try await value in try await connection.query(
                "SELECT count(*)::bigint FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl",
                logger: PostgresServer.logger
            ).decode(Int.self) { found = value }
            return found
        }
    }

    @Test func requireEncryptsAndDisableDoesNot() async throws {
        #expect(try await Self.schemaVersion(.require) == 1)
        #expect(try await Self.schemaVersion(.prefer) == 1)
        #expect(try await Self.schemaVersion(.disable) == 0)
    }

    @Test func verifyFullRefusesACertificateNoAuthoritySigned() async throws {
        await #expect {
            try await Self.schemaVersion(.verifyFull)
        } throws: { error in
            guard case .configuration(let reason) = error as? SyncError else { return false }
            return reason.contains("TLS certificate could not be verified")
        }
    }
}
