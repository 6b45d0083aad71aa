import Foundation
import Testing

@testable import ParcoursStore

/// Where the store lives, and who may read it.
@Suite("Store location")
struct StoreLocationTests {
    /// (explicit, environment, expected path, expected origin)
    static let resolutions: [(String?, [String: String], String, StoreLocation.Origin)] = [
        (nil, [:], "/home/ada/.local/share/parcours/progress.sqlite", .personalDefault),
        (
            nil, ["XDG_DATA_HOME": "/data"], "/data/parcours/progress.sqlite",
            .personalDefault
        ),
        (
            nil, ["XDG_DATA_HOME": "relative/data"],
            "/home/ada/.local/share/parcours/progress.sqlite", .personalDefault
        ),
        (nil, ["XDG_DATA_HOME": ""], "/home/ada/.local/share/parcours/progress.sqlite", .personalDefault),
        (nil, ["PARCOURS_STORE": "/srv/cohort.sqlite"], "/srv/cohort.sqlite", .environment),
        (
            nil, ["PARCOURS_STORE": "", "XDG_DATA_HOME": "/data"],
            "/data/parcours/progress.sqlite", .personalDefault
        ),
        ("mine.sqlite", ["PARCOURS_STORE": "/srv/cohort.sqlite"], "mine.sqlite", .explicit),
        ("", ["PARCOURS_STORE": "/srv/cohort.sqlite"], "/srv/cohort.sqlite", .environment),
    ]

    @Test(arguments: resolutions)
    func resolutionOrder(
        explicit: String?, environment: [String: String], path: String,
        origin: StoreLocation.Origin
    ) {
        let location = StoreLocation.resolve(
            explicit: explicit, environment: environment, home: "/home/ada")
        #expect(location == StoreLocation(path: path, origin: origin))
    }

    @Test func thePersonalStoreIsPrivateWhateverTheUmask() async {
        // In a child process, so the hostile umask cannot reach other tests.
        await #expect(processExitsWith: .success) {
            let base = FileManager.default.temporaryDirectory.path
            let home = (base as NSString).appendingPathComponent("parcours-home-\(UUID())")
            defer { try? FileManager.default.removeItem(atPath: home) }
            umask(0o277)
            let path = StoreLocation.personalDefaultPath(environment: [:], home: home)
            try StoreLocation(path: path, origin: .personalDefault).prepare()
            umask(0o022)
            let directory = (path as NSString).deletingLastPathComponent
            guard Fixture.mode(directory) == 0o700 else { exit(2) }
            guard Fixture.mode(path) == 0o600 else { exit(3) }
            let store = try ProgressStore.open(path: path)
            _ = try store.participant(named: "ada")
            guard Fixture.mode(path) == 0o600 else { exit(4) }
        }
    }

    @Test func openingTheDefaultLocationPreparesIt() throws {
        let scratch = try Scratch()
        let path = StoreLocation.personalDefaultPath(
            environment: ["XDG_DATA_HOME": scratch.path("data")], home: "/nonexistent")
        let location = StoreLocation(path: path, origin: .personalDefault)

        let store = try ProgressStore.open(location: location)
        _ = try store.participant(named: "ada")

        #expect(Fixture.mode((path as NSString).deletingLastPathComponent) == 0o700)
        #expect(Fixture.mode(path) == 0o600)
        #expect(try ProgressStore.open(location: location, readOnly: true).participants().count == 1)
    }

    @Test(arguments: [StoreLocation.Origin.explicit, .environment])
    func aNamedStoreKeepsItsOwnPermissions(origin: StoreLocation.Origin) throws {
        let scratch = try Scratch()
        let path = scratch.path("cohort.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(chmod(path, 0o664) == 0)

        let store = try ProgressStore.open(location: StoreLocation(path: path, origin: origin))
        _ = try store.participant(named: "ada")

        #expect(Fixture.mode(path) == 0o664)
    }

    @Test func aNamedStoreInAMissingDirectoryIsNotCreated() throws {
        let scratch = try Scratch()
        let path = scratch.path("missing/cohort.sqlite")

        #expect(throws: StoreError.self) {
            try ProgressStore.open(location: StoreLocation(path: path, origin: .explicit))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("missing")))
    }
}
