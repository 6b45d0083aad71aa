import ArgumentParser
import Foundation
import ParcoursReport

/// Participant bundles (`parcours export`) as report sources: not wired yet, because the
/// bundle format is not in the tree; a bundle given as a source is refused with 65.
extension ReportSources {
    static func isBundle(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            == UInt8(ascii: "{")
    }

    static func bundleRecords(_ file: String) throws -> [CohortRecord] {
        throw ExitCode(65)
    }
}

extension Report {
    static func bundleFailure(_ error: any Error) -> ExitCode? { nil }
}
