import Foundation
import ParcoursTestSupport
import Testing

/// `--out` files hold personal data: private by default, whole or absent, no litter.
@Suite struct OutputFileTests {
    typealias World = BundleCommandTests.World

    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// Runs parcours under `umask 000`, the worst case for a new file's mode.
    func runOpenUmask(_ world: World, _ arguments: [String]) throws -> Int32 {
        let quoted = ([Binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let result = try ProcessRunner.run(
            executable: "/bin/sh", arguments: ["-c", "umask 000; exec " + quoted.joined(separator: " ")],
            environment: [
                "PATH": "/usr/bin:/bin", "HOME": world.directory, "LANG": "fr_FR.UTF-8", "PARCOURS_TEST_SEED": "none",
            ],
            currentDirectory: world.directory)
        #expect(result.status == 0, "\(arguments): \(result.standardError)")
        return result.status
    }

    @Test(arguments: [
        ["export", "--as", "Camille"], ["export", "--xapi", "--as", "Camille"], ["report", "--format", "csv"],
    ])
    func newFilesArePrivateAndOldOnesKeepTheirMode(command: [String]) throws {
        let world = try World()
        try world.walk("Camille", store: "s.sqlite")
        let out = world.path("out.file")
        let arguments = command + ["--store", world.path("s.sqlite"), "--home", world.home, "--out", out]
        _ = try runOpenUmask(world, arguments)
        #expect(try mode(out) == 0o600, "a new file is 0600 whatever the umask")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: out)
        _ = try runOpenUmask(world, arguments)
        #expect(try mode(out) == 0o640, "an existing file keeps its mode")
        let left = try FileManager.default.contentsOfDirectory(atPath: world.directory)
        #expect(!left.contains { $0.contains(".parcours-tmp-") }, "no temporary file left: \(left)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)).count > 0)
    }

    @Test func aTemporaryFileOfADeadProcessIsCleanedUp() throws {
        let world = try World()
        try world.walk("Camille", store: "s.sqlite")
        // PID 2^22 + 1 is above Linux's pid_max limit, so no process has it.
        let stale = world.path(".out.json.parcours-tmp-4194305")
        let alive = world.path(".out.json.parcours-tmp-1")  // init: never removed
        for file in [stale, alive] {
            #expect(FileManager.default.createFile(atPath: file, contents: Data("half".utf8)))
        }
        let result = try world.run([
            "export", "--as", "Camille", "--store", world.path("s.sqlite"), "--out", world.path("out.json"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: alive))
    }
}
