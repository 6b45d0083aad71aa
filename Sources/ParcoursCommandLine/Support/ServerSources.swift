import ArgumentParser
import Foundation
import ParcoursLibrary

/// The report's and calibrate's sources, with each `postgresql://` URL replaced by a
/// private copy of the cohort the role may read there, made by `parcours-sync copy`: from
/// there on the server is a store like any other, read by the same code.
struct ServerSources {
    let files: [String]
    private let folder: String?

    /// Copies what each server holds (`cohort` and `pathID` filtered on the server already).
    static func resolve(_ sources: [String], cohort: String?, pathID: String?) throws -> ServerSources {
        guard sources.contains(where: ConnectionSettings.isPostgresURL) else {
            return ServerSources(files: sources, folder: nil)
        }
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("parcours-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var files: [String] = []
        do {
            for (index, source) in sources.enumerated() {
                guard ConnectionSettings.isPostgresURL(source) else {
                    files.append(source)
                    continue
                }
                // Refused here already, before anything runs: a password on the command line.
                do {
                    _ = try ConnectionSettings.parse(source, allowsPassword: false)
                } catch {
                    throw SyncError.configuration(reason: error.message)
                }
                let copy = (folder as NSString).appendingPathComponent("server-\(index + 1).sqlite")
                var arguments = ["copy", source, "--out", copy]
                if let cohort { arguments += ["--cohort", cohort] }
                if let pathID { arguments += ["--path", pathID] }
                let status = try SyncHelper.run(arguments: arguments)
                // parcours-sync said why on standard error.
                guard status == 0 else { throw ExitCode(status) }
                files.append(copy)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        return ServerSources(files: files, folder: folder)
    }

    /// Removes the copies.
    func remove() {
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
    }
}
