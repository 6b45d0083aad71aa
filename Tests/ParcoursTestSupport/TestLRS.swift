import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The learning record store (LRS) the tests post xAPI statements to.
///
/// `make test` starts a throwaway Ralph (Tests/Scripts/lrs-server.sh) and passes its base URL
/// (`http://127.0.0.1:PORT/xAPI/`) in `PARCOURS_TEST_LRS_URL`, its Basic auth credentials in
/// `PARCOURS_TEST_LRS_KEY` and `PARCOURS_TEST_LRS_SECRET`. Without them, an LRS test fails and
/// says how to run it, unless `PARCOURS_NO_LRS=1` was set by hand: then the LRS suites are
/// skipped, with a note. Mark those suites with
/// `.enabled(if: TestLRS.isEnabled, "PARCOURS_NO_LRS=1: no LRS")`.
///
/// Requests go through FoundationNetworking's `URLSession`, with the xAPI version header
/// every request needs (xAPI Communication 1.2, 3.3).
public enum TestLRS {
    public static let urlVariable = "PARCOURS_TEST_LRS_URL"
    public static let keyVariable = "PARCOURS_TEST_LRS_KEY"
    public static let secretVariable = "PARCOURS_TEST_LRS_SECRET"
    /// Set to `1` by hand to skip the LRS suites when no LRS is given.
    public static let skipVariable = "PARCOURS_NO_LRS"

    public enum Failure: Error, CustomStringConvertible {
        case noServer
        case badURL(String)
        case notHTTP

        public var description: String {
            switch self {
            case .noServer:
                return """
                    No LRS for the tests: \(urlVariable) (with \(keyVariable) and \(secretVariable)) is not set.
                    Run the tests with `make test`, which starts a throwaway Ralph LRS \
                    (Tests/Scripts/lrs-server.sh) and stops it afterwards; or set \(urlVariable) to the \
                    xAPI base URL of an LRS of your own (http://127.0.0.1:8100/xAPI/) and its Basic auth \
                    credentials in \(keyVariable) and \(secretVariable); or, to skip the LRS suites \
                    knowingly, set \(skipVariable)=1.
                    """
            case .badURL(let url): return "\(urlVariable) is not an http(s) URL: \(url)"
            case .notHTTP: return "the LRS did not answer with an HTTP response"
            }
        }
    }

    /// The LRS of the tests: its base URL, ending in `/`, and its credentials.
    public struct Server: Sendable {
        public let url: URL
        public let key: String
        public let secret: String

        public init(url: URL, key: String, secret: String) {
            self.url = url
            self.key = key
            self.secret = secret
        }
    }

    /// One answer of the LRS.
    public struct Response: Sendable {
        public let status: Int
        public let body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether the LRS suites run: false only when no LRS is given and `PARCOURS_NO_LRS=1`
    /// says to skip them (and then a note goes to standard error).
    public static var isEnabled: Bool {
        ServiceSwitch.isEnabled(
            urlVariable: urlVariable, skipVariable: skipVariable, suites: "LRS", runner: "a throwaway Ralph")
    }

    /// The test LRS; throws, saying how to get one, when there is none.
    public static func server() throws -> Server {
        guard let text = environment[urlVariable], !text.isEmpty else { throw Failure.noServer }
        let base = text.hasSuffix("/") ? text : text + "/"
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw Failure.badURL(text)
        }
        return Server(url: url, key: environment[keyVariable] ?? "", secret: environment[secretVariable] ?? "")
    }

    /// `METHOD base/resource?query` with Basic auth and `X-Experience-API-Version: 1.0.3`.
    public static func request(
        _ method: String, _ resource: String, query: [URLQueryItem] = [], body: Data? = nil, server: Server,
        password: String? = nil
    ) async throws -> Response {
        guard
            var components = URLComponents(
                url: server.url.appendingPathComponent(resource), resolvingAgainstBaseURL: false)
        else { throw Failure.badURL(server.url.absoluteString) }
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw Failure.badURL(server.url.absoluteString) }
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = method
        request.setValue("1.0.3", forHTTPHeaderField: "X-Experience-API-Version")
        let credentials = Data("\(server.key):\(password ?? server.secret)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = body
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw Failure.notHTTP }
        return Response(status: http.statusCode, body: data)
    }
}
