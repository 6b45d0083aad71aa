import Foundation
import ParcoursLibrary
import ParcoursStore
import PostgresNIO
import Testing

@testable import ParcoursLibrary
@testable import ParcoursSync

/// Each forbidden act, tried as the role it is forbidden to, must meet PostgreSQL's own
/// refusal: permission denied (42501), or the append-only trigger.
@Suite(.enabled(if: TestServer.isAvailable)) struct ServerPermissionTests {
    struct Cohort {
        var admin: PostgresServer
        var ana: ServerAdmin.Credentials
        var anaName: String
        var bob: ServerAdmin.Credentials
        var bobName: String
        var carol: ServerAdmin.Credentials
        var carolName: String
        var facilitator: ServerAdmin.Credentials
        var otherFacilitator: ServerAdmin.Credentials
    }

    /// Ana and Bob in cohort A, Carol in B, each with a pushed walk; a facilitator of A and one of C.
    static func cohort() async throws -> Cohort {
        let admin = try await TestServer.initializedDatabase("perm")
        let (anaName, bobName, carolName) = (
            TestServer.uniqueName("Ana"), TestServer.uniqueName("Bob"), TestServer.uniqueName("Carol")
        )
        let ana = try await ServerAdmin.addLearner(admin, name: anaName, cohort: "A")
        let bob = try await ServerAdmin.addLearner(admin, name: bobName, cohort: "A")
        let carol = try await ServerAdmin.addLearner(admin, name: carolName, cohort: "B")
        let facilitator = try await ServerAdmin.addFacilitator(
            admin, name: TestServer.uniqueName("Fanny"), cohorts: ["A"])
        let other = try await ServerAdmin.addFacilitator(admin, name: TestServer.uniqueName("Gil"), cohorts: ["C"])
        for (name, credentials) in [(anaName, ana), (bobName, bob), (carolName, carol)] {
            let store = try LocalLogs.store()
            try LocalLogs.walk(name, in: store, steps: 2)
            let report = try await PostgresPush(server: TestServer.login(admin, as: credentials)).push(store)
            #expect(report.added == 5)
        }
        return Cohort(
            admin: admin, ana: ana, anaName: anaName, bob: bob, bobName: bobName, carol: carol, carolName: carolName,
            facilitator: facilitator, otherFacilitator: other)
    }

    static func names(_ server: PostgresServer) async throws -> [String] {
        try await server.withConnection { client in
            var names: [String] = []
            let rows = try await client.query(
                "SELECT DISTINCT p.name FROM parcours.event e JOIN parcours.participant p ON p.id = e.participant_id ORDER BY 1",
                logger: PostgresServer.logger)
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
    }

    static func expectRefused(_ server: PostgresServer, _ sql: String, sqlState: String = "42501") async {
        do {
            try await server.withConnection { client in
                try await client.execute(PostgresQuery(unsafeSQL: sql))
            }
            Issue.record("accepted: \(sql)")
        } catch let error as SyncError {
            switch (error, sqlState) {
            case (.forbidden, "42501"), (.refusedLog, "23514"): break
            default: Issue.record("\(sql): \(error)")
            }
        } catch {
            Issue.record("\(sql): \(error)")
        }
    }

    @Test func aLearnerReadsTheirOwnEventsAndNoOneElses() async throws {
        let cohort = try await Self.cohort()
        #expect(try await Self.names(TestServer.login(cohort.admin, as: cohort.ana)) == [cohort.anaName])
        #expect(try await Self.names(TestServer.login(cohort.admin, as: cohort.carol)) == [cohort.carolName])
    }

    @Test func aFacilitatorReadsTheirCohortsOnly() async throws {
        let cohort = try await Self.cohort()
        #expect(
            try await Self.names(TestServer.login(cohort.admin, as: cohort.facilitator))
                == [cohort.anaName, cohort.bobName].sorted())
        #expect(try await Self.names(TestServer.login(cohort.admin, as: cohort.otherFacilitator)).isEmpty)
    }

    @Test func aLearnerCannotInsertUpdateOrDeleteRows() async throws {
        let cohort = try await Self.cohort()
        let ana = TestServer.login(cohort.admin, as: cohort.ana)
        await Self.expectRefused(
            ana,
            """
            INSERT INTO parcours.event (enrollment_id, seq, participant_id, type, payload, at, active_ms, key, content_hash)
            SELECT enrollment_id, 99, participant_id, 'noted', '{}', at, 0, gen_random_uuid(), '\\x00' FROM parcours.event LIMIT 1
            """)
        await Self.expectRefused(ana, "UPDATE parcours.event SET active_ms = 0")
        await Self.expectRefused(ana, "DELETE FROM parcours.event")
        await Self.expectRefused(ana, "UPDATE parcours.enrollment SET cohort = 'B'")
        await Self.expectRefused(ana, "INSERT INTO parcours.participant (name, created_at) VALUES ('x', 0)")
        await Self.expectRefused(ana, "INSERT INTO parcours.learner SELECT 'x', id, 'A' FROM parcours.participant")
        await Self.expectRefused(ana, "SELECT parcours.add_learner('x', 'A', 'learner_x_evil', 'pw')")
    }

    @Test func aLearnerCannotWriteUnderAnotherNameOrIntoAnotherCohort() async throws {
        let cohort = try await Self.cohort()
        let ana = TestServer.login(cohort.admin, as: cohort.ana)
        let run = """
            [{"participant": "%@", "created_at": 0, "course_id": "c", "path_id": "p", "course_version": "v1",
              "cohort": %@, "attempt": 9, "started_at": 1790000000000,
              "events": [{"seq": 1, "type": "started", "payload": "{}", "at": 1790000000000, "active_ms": 0}]}]
            """
        let asBob = String(format: run, cohort.bobName, "null")
        await Self.expectRefused(ana, "SELECT * FROM parcours.append_runs('\(asBob)'::jsonb)")
        let intoB = String(format: run, cohort.anaName, "\"B\"")
        await Self.expectRefused(ana, "SELECT * FROM parcours.append_runs('\(intoB)'::jsonb)")
        let facilitator = TestServer.login(cohort.admin, as: cohort.facilitator)
        let asAna = String(format: run, cohort.anaName, "null")
        await Self.expectRefused(facilitator, "SELECT * FROM parcours.append_runs('\(asAna)'::jsonb)")
        #expect(try await Self.names(TestServer.login(cohort.admin, as: cohort.bob)) == [cohort.bobName])
    }

    @Test func theEventTableIsAppendOnlyEvenForItsOwner() async throws {
        let cohort = try await Self.cohort()
        await Self.expectRefused(cohort.admin, "DELETE FROM parcours.event")
        await Self.expectRefused(cohort.admin, "UPDATE parcours.event SET active_ms = 1")
        await Self.expectRefused(cohort.admin, "TRUNCATE parcours.event CASCADE")
    }

    @Test func theServerRefusesALogTheREPLCouldNotHaveWritten() async throws {
        let cohort = try await Self.cohort()
        let ana = TestServer.login(cohort.admin, as: cohort.ana)
        func run(_ events: String) -> String {
            """
            SELECT * FROM parcours.append_runs('[{"participant": "\(cohort.anaName)", "created_at": 0, "course_id": "c",
              "path_id": "p", "course_version": "v1", "cohort": null, "attempt": 5, "started_at": 1790000000000,
              "events": [{"seq": 1, "type": "started", "payload": "{}", "at": 1790000000000, "active_ms": 0}, \(events)]}]'::jsonb)
            """
        }
        // More active time than passed, a time going back, an unknown type, a second start,
        // a payload that is not JSON, a time in 2101.
        for events in [
            #"{"seq": 2, "type": "entered", "step_id": "s", "payload": "{}", "at": 1790000001000, "active_ms": 9000}"#,
            #"{"seq": 2, "type": "entered", "step_id": "s", "payload": "{}", "at": 1780000000000, "active_ms": 0}"#,
            #"{"seq": 2, "type": "hacked", "payload": "{}", "at": 1790000001000, "active_ms": 0}"#,
            #"{"seq": 2, "type": "started", "payload": "{}", "at": 1790000001000, "active_ms": 0}"#,
            #"{"seq": 2, "type": "noted", "payload": "{not json", "at": 1790000001000, "active_ms": 0}"#,
            #"{"seq": 2, "type": "noted", "payload": "{}", "at": 4133980800000, "active_ms": 0}"#,
        ] {
            await Self.expectRefused(ana, run(events), sqlState: "23514")
        }
        // Nothing of the refused batches was kept, not even their valid first event.
        let attempts = try await ana.withConnection { client in
            var count = 0
            for try await value in try await client.query(
                "SELECT count(*) FROM parcours.enrollment WHERE attempt = 5", logger: PostgresServer.logger
            ).decode(Int.self) { count = value }
            return count
        }
        #expect(attempts == 0)
    }

    @Test func aWrongPasswordIsAnAuthenticationErrorAndLosesNothing() async throws {
        let cohort = try await Self.cohort()
        var wrong = cohort.ana
        wrong.password = "not-the-password"
        let store = try LocalLogs.store()
        try LocalLogs.walk(cohort.anaName, in: store, steps: 1)
        let server = TestServer.login(cohort.admin, as: wrong)
        await #expect {
            try await PostgresPush(server: server).push(store)
        } throws: { error in
            if case .authentication = error as? SyncError { return true }
            return false
        }
        #expect(try store.pendingCount(destination: server.name) == 3)
    }
}
