import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A learning record store in the test process: a `URLProtocol` that answers each request
/// to its host with the next status of a script (200 once the script runs out), and keeps
/// every request, so that a test sees exactly what `LRSPush` sent. Each test has a host of
/// its own, so tests running at once never read each other's requests.
final class ScriptedLRS: URLProtocol, @unchecked Sendable {
    /// One request as the LRS received it.
    struct Received: Sendable {
        var method: String
        var url: URL
        var headers: [String: String]
        var body: Data

        /// The statements' JSON objects.
        var statements: [[String: Any]] {
            (try? JSONSerialization.jsonObject(with: body) as? [[String: Any]]) ?? []
        }

        var ids: [String] { statements.compactMap { $0["id"] as? String } }
    }

    /// What the LRS does with a request: answer with a status and a body, or drop the
    /// connection (a network error).
    enum Answer: Sendable {
        case status(Int, String = "")
        case networkError
    }

    private struct Script {
        var answers: [Answer] = []
        var received: [Received] = []
    }

    private static let scripts = Mutex<[String: Script]>([:])

    /// A new LRS at `http://HOST/xapi/`, answering `answers` in turn.
    static func make(_ answers: [Answer]) -> URL {
        let host = "lrs-\(UUID().uuidString.lowercased()).test"
        scripts.withLock { $0[host] = Script(answers: answers) }
        var components = URLComponents()
        (components.scheme, components.host, components.path) = ("http", host, "/xapi/")
        guard let url = components.url else { preconditionFailure("no URL for host \(host)") }
        return url
    }

    static func received(_ base: URL) -> [Received] {
        scripts.withLock { $0[base.host ?? ""]?.received ?? [] }
    }

    static func configuration() -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [ScriptedLRS.self]
        return configuration
    }

    override class func canInit(with request: URLRequest) -> Bool {
        request.url?.host?.hasSuffix(".test") == true
    }

    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        guard let url = request.url, let host = url.host else { return }
        var headers: [String: String] = [:]
        for (name, value) in request.allHTTPHeaderFields ?? [:] { headers[name.lowercased()] = value }
        let received = Received(
            method: request.httpMethod ?? "GET", url: url, headers: headers, body: Self.body(of: request))
        let answer = Self.scripts.withLock { scripts -> Answer in
            scripts[host]?.received.append(received)
            guard let next = scripts[host]?.answers.first else { return .status(200, "[]") }
            scripts[host]?.answers.removeFirst()
            return next
        }
        switch answer {
        case .networkError:
            client?.urlProtocol(self, didFailWithError: URLError(.networkConnectionLost))
        case .status(let status, let text):
            guard
                let response = HTTPURLResponse(
                    url: url, statusCode: status, httpVersion: "HTTP/1.1",
                    headerFields: ["Content-Type": "application/json"])
            else {
                client?.urlProtocol(self, didFailWithError: URLError(.badServerResponse))
                return
            }
            client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
            client?.urlProtocol(self, didLoad: Data(text.utf8))
            client?.urlProtocolDidFinishLoading(self)
        }
    }

    override func stopLoading() {}

    /// The body, which reaches a protocol as a stream on Linux.
    private static func body(of request: URLRequest) -> Data {
        if let body = request.httpBody { return body }
        guard let stream = request.httpBodyStream else { return Data() }
        stream.open()
        defer { stream.close() }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while stream.hasBytesAvailable {
            let count = stream.read(&buffer, maxLength: buffer.count)
            guard count > 0 else { break }
            data.append(buffer, count: count)
        }
        return data
    }
}
