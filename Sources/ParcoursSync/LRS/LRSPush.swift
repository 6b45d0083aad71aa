import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends a store's outbox to a learning record store (LRS) as xAPI 1.0.3 statements: the
/// same outbox as PostgreSQL's, with this destination's own cursor (its name is the URL
/// without credentials).
///
/// Statements are derived per attempt by `XAPIMapping`, and some depend on earlier events
/// (an abandoned sitting, the path's outcome): so for each enrollment a batch touches, the
/// log is mapped up to the batch's last event of it, and the statements whose source event
/// is in the batch are sent, with the same ids and contents as `export --xapi` gives.
///
/// xAPI Communication 1.0.3 (2.1.2, 3.3): `POST base/statements`, `X-Experience-API-Version:
/// 1.0.3`, at most `statementsPerRequest` statements per request, one attempt's at a time,
/// no id twice in a request, the ids included so that a resend changes nothing. 200 and 204
/// are sent; 409 is a conflict: recorded for the attempt, which is not sent again; another
/// 4xx stops the push with the LRS's message (`SyncError.lrsRefused`: 77 for 401 and 403,
/// 65 for the others); 5xx and network errors are `SyncError.unreachable` (75, transient),
/// for the caller to try again later. The cursor moves only once a batch is settled, so a
/// failure loses nothing and the retry sends what the LRS has already as no-ops.
///
/// HTTP goes through FoundationNetworking's `URLSession`: one request at a time, Basic
/// auth, JSON bodies, which it does with no new package; AsyncHTTPClient would add
/// swift-nio's HTTP client to `parcours-sync` for nothing this needs.
public struct LRSPush: Sendable {
    public struct Report: Sendable, Equatable {
        /// Statements the LRS accepted (200 or 204: new, or the same ones again).
        public var sent = 0
        /// Voiding statements among `sent`.
        public var voided = 0
        /// Attempts the LRS holds differently (409): not sent again.
        public var conflicts: [PostgresPush.Conflict] = []

        public init() {}
    }

    public let settings: LRSSettings
    /// The installed courses, by id: with one, answers are graded and steps get a type, as
    /// in `export --xapi`.
    public var courses: [String: Course]
    public var homePage = XAPIMapping.defaultBase
    public var activityBase = XAPIMapping.defaultBase
    /// Events read from the outbox at a time.
    public var eventsPerBatch = 500
    /// Statements per POST (the "batches of 100").
    public var statementsPerRequest = 100
    /// Seconds a request may take before the LRS counts as unreachable.
    public var timeout: TimeInterval = 30
    /// The HTTP session's configuration (the tests give theirs a scripted `URLProtocol`).
    public var sessionConfiguration: @Sendable () -> URLSessionConfiguration = { .ephemeral }

    public var name: String { settings.redacted }

    public init(settings: LRSSettings, courses: [String: Course] = [:]) {
        self.settings = settings
        self.courses = courses
    }

    public func push(_ store: ProgressStore, now: @Sendable () -> Date = Date.init) async throws -> Report {
        let destination = name
        let session = URLSession(configuration: sessionConfiguration())
        defer { session.finishTasksAndInvalidate() }
        var report = Report()
        do {
            while true {
                let batch = try store.outboxBatch(destination: destination, limit: eventsPerBatch)
                if batch.isEmpty {
                    if batch.lastEventID > 0 {
                        try store.markSynced(destination: destination, through: batch.lastEventID, at: now())
                    }
                    break
                }
                for run in batch.runs {
                    let statements = try self.statements(of: run, in: store)
                    var start = 0
                    while start < statements.count {
                        let chunk = Array(statements[start..<min(start + statementsPerRequest, statements.count)])
                        start += chunk.count
                        if let conflict = try await post(chunk, session: session) {
                            let detail = conflict
                            report.conflicts.append(
                                PostgresPush.Conflict(enrollmentID: run.enrollment.enrollmentID, detail: detail))
                            try store.recordConflict(
                                destination: destination, enrollmentID: run.enrollment.enrollmentID, detail: detail,
                                at: now())
                            break
                        }
                        report.sent += chunk.count
                        report.voided += chunk.count { $0.verb.id == XAPIMapping.Verb.voided }
                    }
                }
                try store.markSynced(destination: destination, through: batch.lastEventID, at: now())
            }
            return report
        } catch {
            let kind = (error as? SyncError)?.kind ?? "store"
            try? store.markFailed(destination: destination, error: "\(kind): \(error)", at: now())
            throw error
        }
    }

    /// The statements of the run's events, in log order, each id once: with the `started` of
    /// an attempt that resets an earlier one, the voiding of that attempt's statements, which
    /// this destination was sent before (the outbox goes in log order).
    func statements(of run: OutboxRun, in store: ProgressStore) throws -> [XAPIStatement] {
        let seqs = Set(run.items.map(\.event.seq))
        guard !seqs.isEmpty, let enrollment = try store.enrollment(run.enrollment.enrollmentID) else { return [] }
        let mapping = XAPIMapping(
            homePage: homePage, activityBase: activityBase,
            courses: courses[enrollment.courseID].map { [enrollment.courseID: $0] } ?? [:])
        var seen: Set<String> = []
        let sourced = try mapping.sourcedStatements(
            of: enrollment, participant: run.enrollment.participantName, in: store, onlyFrom: seqs)
        return sourced.compactMap { source in seen.insert(source.statement.id).inserted ? source.statement : nil }
    }

    /// POSTs `statements`; nil when the LRS took them, the LRS's message on a 409.
    func post(_ statements: [XAPIStatement], session: URLSession) async throws -> String? {
        var request = URLRequest(url: settings.statementsURL, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("1.0.3", forHTTPHeaderField: "X-Experience-API-Version")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let authorization = settings.authorization {
            request.setValue(authorization, forHTTPHeaderField: "Authorization")
        }
        request.httpBody = try JSONEscaping.encode(statements, formatting: [.sortedKeys, .withoutEscapingSlashes])
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw SyncError.unreachable(destination: name, reason: Self.describe(error))
        }
        guard let http = response as? HTTPURLResponse else {
            throw SyncError.unreachable(destination: name, reason: "no HTTP answer")
        }
        let status = http.statusCode
        switch status {
        case 200..<300: return nil
        case 409: return "HTTP 409: \(Self.message(data))"
        case 400..<500: throw SyncError.lrsRefused(destination: name, status: status, reason: Self.message(data))
        default: throw SyncError.unreachable(destination: name, reason: "HTTP \(status): \(Self.message(data))")
        }
    }

    /// The LRS's own words: a JSON error's `detail`, `message` or `error`, else the body's
    /// first 300 characters.
    static func message(_ data: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            for key in ["detail", "message", "error"] {
                if let text = object[key] as? String { return String(text.prefix(300)) }
                if let value = object[key], JSONSerialization.isValidJSONObject(value),
                    let encoded = try? JSONSerialization.data(withJSONObject: value)
                {
                    return String(String(decoding: encoded, as: UTF8.self).prefix(300))
                }
            }
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no message" : String(text.prefix(300))
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? URLError {
            return "\(error.localizedDescription) (\(error.code.rawValue))"
        }
        return "\(error)"
    }
}
