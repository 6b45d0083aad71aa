import Foundation
import ParcoursTestSupport
import Testing

/// The throwaway LRS of `make test` (Ralph) takes the statements `parcours export --xapi`
/// writes, gives them back as sent, and keeps one copy when they are sent again.
///
/// Without `PARCOURS_TEST_LRS_URL` these tests fail, saying how to run them, unless
/// `PARCOURS_NO_LRS=1` skips them by hand.
@Suite("LRS test server", .enabled(if: TestLRS.isEnabled, "PARCOURS_NO_LRS=1 and no PARCOURS_TEST_LRS_URL"))
struct LRSHarnessTests {
    /// A learner walked to the end of the demo course (the quiz answered right), and the
    /// statements of `export --xapi`, under a home page of this test's own so that they are
    /// apart from any other test's in the shared LRS.
    static func exported() throws -> (statements: [[String: Any]], data: Data) {
        let directory = try Binary.temporaryDirectory()
        let home = try Fixture.write(to: directory + "/home")
        let store = directory + "/progress.sqlite"
        let walk = try Binary.run(
            ["start", "main", "--as", "ada", "--store", store, "--home", home], input: "\n1\n\n\n", directory: directory
        )
        #expect(walk.status == 0, "start: \(walk.stderr)")
        let export = try Binary.run(
            [
                "export", "--xapi", "--as", "ada", "--store", store, "--home", home, "--home-page",
                "https://lrs-test.invalid/\(UUID().uuidString.lowercased())",
            ], directory: directory)
        #expect(export.status == 0, "export: \(export.stderr)")
        let data = Data(export.stdout.utf8)
        let statements = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return (statements, data)
    }

    /// Every statement of one registration in the LRS, following `more` (xAPI Communication
    /// 2.1.3: a StatementResult holds a page and the IRL of the next).
    static func statements(registration: String, server: TestLRS.Server) async throws -> [[String: Any]] {
        var found: [[String: Any]] = []
        var query = [URLQueryItem(name: "registration", value: registration), URLQueryItem(name: "limit", value: "50")]
        for _ in 0..<100 {
            let response = try await TestLRS.request("GET", "statements", query: query, server: server)
            try #require(response.status == 200, "GET statements: \(response.status) \(response.text)")
            let page = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            found += try #require(page["statements"] as? [[String: Any]])
            guard let more = page["more"] as? String, !more.isEmpty, let next = URLComponents(string: more) else {
                break
            }
            query = next.queryItems ?? []
        }
        return found
    }

    @Test func theStatementsOfAWalkArePostedAndReadBackAsSent() async throws {
        let server = try TestLRS.server()
        let (sent, data) = try Self.exported()
        #expect(try XAPIRules.check(data) == [])
        let ids = sent.compactMap { $0["id"] as? String }
        #expect(ids.count == sent.count && Set(ids).count == ids.count, "every statement has its own id")
        let registration = try #require(
            (sent.first?["context"] as? [String: Any])?["registration"] as? String)

        // xAPI Communication 2.1.2: POST answers 200 with the ids of the statements, in order.
        let posted = try await TestLRS.request("POST", "statements", body: data, server: server)
        #expect(posted.status == 200, "POST: \(posted.status) \(posted.text)")
        let answered = try JSONSerialization.jsonObject(with: posted.body) as? [String]
        #expect(answered == ids)

        let stored = try await Self.statements(registration: registration, server: server)
        #expect(stored.count == sent.count)
        let byID = Dictionary(stored.compactMap { s in (s["id"] as? String).map { ($0, s) } }) { first, _ in first }
        #expect(Set(byID.keys) == Set(ids))
        for statement in sent {
            let id = try #require(statement["id"] as? String)
            let back = try #require(byID[id], "statement \(id) is missing")
            #expect(Self.verb(back) == Self.verb(statement), "\(id)")
            #expect(Self.same(back["result"], statement["result"]), "\(id): \(back["result"] ?? "no result")")
        }
        // The walk is graded and finished: the LRS holds the passed quiz and the path completed.
        #expect(stored.contains { Self.verb($0) == "http://adlnet.gov/expapi/verbs/passed" })
        #expect(stored.contains { Self.verb($0) == "https://w3id.org/xapi/adl/verbs/satisfied" })

        // Sent again, nothing changes: the LRS has every id already (204) and keeps one copy.
        let again = try await TestLRS.request("POST", "statements", body: data, server: server)
        #expect(again.status == 204, "re-POST: \(again.status) \(again.text)")
        #expect(try await Self.statements(registration: registration, server: server).count == sent.count)
    }

    @Test func aWrongPasswordIsRefused() async throws {
        let server = try TestLRS.server()
        let response = try await TestLRS.request(
            "GET", "statements", query: [URLQueryItem(name: "limit", value: "1")], server: server,
            password: "not-the-secret")
        #expect(response.status == 401, "\(response.status) \(response.text)")
    }

    static func verb(_ statement: [String: Any]) -> String? {
        (statement["verb"] as? [String: Any])?["id"] as? String
    }

    /// Two JSON values alike, numbers compared as numbers.
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a as [String: Any], let b as [String: Any]):
            return Set(a.keys) == Set(b.keys) && a.keys.allSatisfy { same(a[$0], b[$0]) }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        case (let a as String, let b as String): return a == b
        case (let a as NSNumber, let b as NSNumber): return a == b
        default: return false
        }
    }
}
