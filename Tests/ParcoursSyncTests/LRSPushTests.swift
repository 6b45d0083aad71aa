import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursSync
import Testing

/// `LRSPush` against a scripted LRS in the test process (`ScriptedLRS`): what each request
/// holds, and what each answer does, as xAPI 1.0.3 Communication (2.1.2, 3.3) and the issue
/// ask. Ralph, in the end-to-end tests, accepts what it is sent; here the LRS answers 409,
/// 4xx, 5xx or drops the connection on cue.
@Suite("LRS push: requests and answers")
struct LRSPushTests {
    static let key = "parcours"
    static let secret = "s3cret:with:colons"

    static func push(_ base: URL) -> LRSPush {
        var push = LRSPush(settings: LRSSettings(base: base, key: key, secret: secret))
        push.sessionConfiguration = { ScriptedLRS.configuration() }
        return push
    }

    /// Every statement the store's attempts give, as `export --xapi` would (ids only).
    static func expectedIDs(_ store: ProgressStore) throws -> [String] {
        let names = Dictionary(uniqueKeysWithValues: try store.participants().map { ($0.id, $0.name) })
        return try store.enrollments().flatMap { enrollment in
            try XAPIMapping().sourcedStatements(
                of: enrollment, participant: names[enrollment.participantID] ?? "", in: store
            ).map(\.statement.id)
        }
    }

    /// One learner with 121 events (more than one request's 100 statements), another with 7.
    static func twoLearners() throws -> (ProgressStore, Enrollment, Enrollment) {
        let store = try LocalLogs.store()
        let ana = try LocalLogs.walk("ana", in: store, steps: 60)
        let bob = try LocalLogs.walk("bob", in: store, steps: 3)
        return (store, ana, bob)
    }

    @Test func everyRequestKeepsTheCommunicationRules() async throws {
        let (store, _, _) = try Self.twoLearners()
        let base = ScriptedLRS.make([])
        let push = Self.push(base)
        let report = try await push.push(store)
        let received = ScriptedLRS.received(base)
        let expected = try Self.expectedIDs(store)
        #expect(report.sent == expected.count)
        #expect(received.count == 3, "ana's 121 in two requests (100 + 21), bob's 7 in one")
        let authorization = "Basic " + Data("\(Self.key):\(Self.secret)".utf8).base64EncodedString()
        for request in received {
            #expect(request.method == "POST")
            #expect(request.url.absoluteString == base.absoluteString + "statements")
            #expect(request.headers["x-experience-api-version"] == "1.0.3")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["authorization"] == authorization)
            #expect((1...100).contains(request.statements.count))
            #expect(Set(request.ids).count == request.ids.count, "no id twice in a request")
        }
        #expect(received.flatMap(\.ids) == expected, "each statement once, in log order")
        #expect(try store.pendingCount(destination: push.name) == 0)

        // Nothing new: no request at all.
        #expect(try await push.push(store).sent == 0)
        #expect(ScriptedLRS.received(base).count == 3)
    }

    /// 5xx and network errors are transient (75): nothing is lost, the cursor stays, and
    /// the next push sends everything, with the same ids.
    @Test(arguments: [ScriptedLRS.Answer.status(500, #"{"detail":"db down"}"#), .status(503), .networkError])
    func aServerErrorOrANetworkErrorLosesNothing(answer: ScriptedLRS.Answer) async throws {
        let (store, _, _) = try Self.twoLearners()
        let base = ScriptedLRS.make([answer])
        let push = Self.push(base)
        let pending = try store.pendingCount(destination: push.name)
        await #expect {
            _ = try await push.push(store)
        } throws: { error in
            (error as? SyncError)?.isTransient == true && (error as? SyncError)?.exitCode == 75
        }
        #expect(try store.pendingCount(destination: push.name) == pending)
        #expect(try store.syncState(destination: push.name).lastError?.hasPrefix("unreachable") == true)

        let report = try await push.push(store)
        #expect(report.sent == (try Self.expectedIDs(store)).count)
        #expect(try store.pendingCount(destination: push.name) == 0)
        let received = ScriptedLRS.received(base)
        #expect(received.dropFirst().flatMap(\.ids) == (try Self.expectedIDs(store)))
    }

    /// Another 4xx stops the push with the LRS's own message: 77 for 401 and 403, 65 for
    /// the others; nothing is lost.
    @Test(arguments: [(400, Int32(65)), (401, 77), (403, 77), (413, 65)])
    func aClientErrorStopsWithTheLRSsMessage(status: Int, exit: Int32) async throws {
        let (store, _, _) = try Self.twoLearners()
        let base = ScriptedLRS.make([.status(status, #"{"detail":"statement 3: unknown verb"}"#)])
        let push = Self.push(base)
        let pending = try store.pendingCount(destination: push.name)
        await #expect {
            _ = try await push.push(store)
        } throws: { error in
            guard case .lrsRefused(_, let answered, let reason) = error as? SyncError else { return false }
            return answered == status && reason == "statement 3: unknown verb"
                && (error as? SyncError)?.exitCode == exit
        }
        #expect(ScriptedLRS.received(base).count == 1, "no request after the refusal")
        #expect(try store.pendingCount(destination: push.name) == pending)
    }

    /// A 409 (the LRS holds other statements under these ids) is recorded for that attempt,
    /// which is never sent again, its later events included; the others go on.
    @Test func a409IsRecordedAndThatAttemptIsNeverSentAgain() async throws {
        let (store, ana, bob) = try Self.twoLearners()
        let base = ScriptedLRS.make([.status(409, #"{"detail":"Differing statements already exist"}"#)])
        let push = Self.push(base)
        let report = try await push.push(store)
        #expect(report.conflicts.map(\.enrollmentID) == [ana.id])
        #expect(report.conflicts.first?.detail.contains("Differing statements already exist") == true)
        #expect(try store.conflicts(destination: push.name).map(\.enrollmentID) == [ana.id])
        let received = ScriptedLRS.received(base)
        #expect(received.count == 2, "ana's first request, refused; her second is not sent; bob's")
        #expect(report.sent == received[1].ids.count)
        #expect(try store.pendingCount(destination: push.name) == 0)

        try LocalLogs.advance(ana, in: store, steps: 2)
        try LocalLogs.advance(bob, in: store, steps: 1)
        let again = try await push.push(store)
        #expect(again.sent == 2, "bob's two new events; none of ana's")
        #expect(ScriptedLRS.received(base).count == 3)
    }

    /// `parcours reset`: the new attempt's start voids each statement the replaced attempt
    /// sent, in the request that carries it, before its own statements.
    @Test func aResetVoidsWhatWasSentWithTheNewStart() async throws {
        let store = try LocalLogs.store()
        let first = try LocalLogs.walk("ana", in: store, steps: 2)
        let base = ScriptedLRS.make([])
        let push = Self.push(base)
        _ = try await push.push(store)
        let sent = ScriptedLRS.received(base).flatMap(\.ids)
        #expect(sent.count == 5)

        var payload = EventPayload()
        payload.attempt = 2
        payload.resets = 1
        _ = try store.startEnrollment(
            participantID: first.participantID, courseID: "c", pathID: "p", courseVersion: "v1", cohort: nil,
            started: Event(seq: 1, type: .started, payload: payload, at: LocalLogs.start + 3_600))
        let report = try await push.push(store)
        #expect(report.voided == sent.count)
        #expect(report.sent == sent.count + 1)
        let request = try #require(ScriptedLRS.received(base).last)
        let verbs = request.statements.compactMap { ($0["verb"] as? [String: Any])?["id"] as? String }
        #expect(verbs == Array(repeating: XAPIMapping.Verb.voided, count: 5) + [XAPIMapping.Verb.initialized])
        let targets = request.statements.prefix(5).compactMap { ($0["object"] as? [String: Any])?["id"] as? String }
        #expect(targets == sent)

        // Sent again from the start (a new destination, or a cursor rewound): the same ids.
        try store.rewind(destination: push.name, before: 1)
        _ = try await push.push(store)
        #expect(ScriptedLRS.received(base).suffix(2).flatMap(\.ids) == sent + request.ids)
    }
}
