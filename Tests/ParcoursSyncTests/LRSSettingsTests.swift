import Foundation
import Testing

@testable import ParcoursLibrary

@Suite struct NetrcFileTests {
    @Test func theMachineThatMatchesWinsElseTheDefault() {
        let file = NetrcFile(
            text: """
                # a comment
                machine other.example.org login x password y
                machine LRS.example.org
                  login parcours
                  password s3cret
                macdef init
                cd /pub

                default login anonymous password guest
                """)
        #expect(file.entry(for: "lrs.example.org")?.login == "parcours")
        #expect(file.entry(for: "lrs.example.org")?.password == "s3cret")
        #expect(file.entry(for: "elsewhere.example.org")?.login == "anonymous")
        #expect(NetrcFile(text: "machine a login b").entry(for: "c") == nil)
        #expect(NetrcFile(text: "machine a login b").entry(for: "a")?.password == "")
    }
}

@Suite struct LRSCredentialsTests {
    /// A HOME with a `.netrc` of `mode`, and a configuration with an `[lrs]` table if given.
    static func home(netrc: String?, mode: Int = 0o600) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-netrc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let netrc {
            let path = folder.appendingPathComponent(".netrc").path
            try netrc.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        return ["HOME": folder.path]
    }

    static let url = "https://lrs.example.org/xapi"
    static let netrc = "machine lrs.example.org login from-netrc password n"
    static let config = ConfigFile(values: ["lrs.key": "from-config", "lrs.secret": "c"])

    @Test func theEnvironmentThenTheConfigurationThenNetrc() throws {
        var environment = try Self.home(netrc: Self.netrc)
        let fromNetrc = try LRSSettings.resolve(Self.url, environment: environment, config: nil, allowsPassword: false)
        #expect(fromNetrc.key == "from-netrc" && fromNetrc.secret == "n")
        let fromConfig = try LRSSettings.resolve(
            Self.url, environment: environment, config: Self.config, allowsPassword: false)
        #expect(fromConfig.key == "from-config" && fromConfig.secret == "c")
        environment["PARCOURS_LRS_KEY"] = "from-env"
        environment["PARCOURS_LRS_SECRET"] = "e"
        let fromEnvironment = try LRSSettings.resolve(
            Self.url, environment: environment, config: Self.config, allowsPassword: false)
        #expect(fromEnvironment.key == "from-env" && fromEnvironment.secret == "e")
        #expect(fromEnvironment.redacted == "https://lrs.example.org/xapi/")
        #expect(!fromEnvironment.redacted.contains("e@"))
    }

    @Test func aNetrcOthersCanReadIsIgnoredAndSaidSo() throws {
        let environment = try Self.home(netrc: Self.netrc, mode: 0o644)
        var warnings: [String] = []
        let settings = try LRSSettings.resolve(
            Self.url, environment: environment, config: nil, allowsPassword: false, warning: { warnings.append($0) })
        #expect(settings.key == nil)
        #expect(warnings.count == 1 && warnings[0].contains("chmod 0600"))
    }

    @Test func credentialsInTheURLAreRefusedFromTheCommandLine() throws {
        #expect(throws: ConnectionSettingsError.self) {
            try LRSSettings.parse("https://key:secret@lrs.example.org/xapi", allowsPassword: false)
        }
        let allowed = try LRSSettings.parse("https://key:secret@lrs.example.org/xapi", allowsPassword: true)
        #expect(allowed.key == "key" && allowed.secret == "secret")
        #expect(!allowed.redacted.contains("secret"))
    }
}
