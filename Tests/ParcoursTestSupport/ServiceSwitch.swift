import Foundation
import Synchronization

/// Whether the suites that need a throwaway service (PostgreSQL, an LRS) run: always when
/// the service's URL is given, and also when it is not, so that they fail and say how to get
/// one; skipped only when `SKIP=1` asks for it by hand, and then a note says so on standard
/// error, once per service.
enum ServiceSwitch {
    private static let noted = Mutex<Set<String>>([])

    static func isEnabled(urlVariable: String, skipVariable: String, suites: String, runner: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment[urlVariable], !url.isEmpty { return true }
        guard environment[skipVariable] == "1" else { return true }
        if noted.withLock({ $0.insert(suites).inserted }) {
            FileHandle.standardError.write(
                Data(
                    """
                    note: \(suites) suites SKIPPED: \(skipVariable)=1 and no \(urlVariable). `make test` runs \
                    them against \(runner).

                    """.utf8))
        }
        return false
    }
}
