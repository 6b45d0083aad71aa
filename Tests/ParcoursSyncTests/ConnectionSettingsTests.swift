import Foundation
import Testing

@testable import ParcoursLibrary
@testable import ParcoursSync

@Suite struct ConnectionSettingsTests {
    @Test func aFullURLIsReadAsPsqlReadsIt() throws {
        let settings = try ConnectionSettings.parse(
            "postgresql://ana@db.example.org:6543/cohorts?sslmode=verify-full", environment: [:])
        #expect(settings.host == "db.example.org")
        #expect(settings.port == 6543)
        #expect(settings.user == "ana")
        #expect(settings.database == "cohorts")
        #expect(settings.sslMode == .verifyFull)
        #expect(settings.password == nil)
        #expect(settings.redacted == "postgresql://ana@db.example.org:6543/cohorts?sslmode=verify-full")
    }

    @Test func whatTheURLLeavesOutComesFromThePGVariablesThenTheDefaults() throws {
        let environment = [
            "PGHOST": "pg.local", "PGPORT": "5433", "PGUSER": "léa", "PGSSLMODE": "require", "USER": "login",
        ]
        let settings = try ConnectionSettings.parse("postgresql://", environment: environment)
        #expect(settings.host == "pg.local")
        #expect(settings.port == 5433)
        #expect(settings.user == "léa")
        #expect(settings.database == "léa")
        #expect(settings.sslMode == .require)
        let bare = try ConnectionSettings.parse("postgres://", environment: ["USER": "login"])
        #expect(bare.host == "localhost" && bare.port == 5432 && bare.user == "login" && bare.sslMode == .prefer)
    }

    @Test func thePasswordComesFromTheURLThenPGPASSWORDThenThePasswordFile() throws {
        let file = """
            # comment
            other.host:5432:*:ana:wrong
            db.example.org:5432:cohorts:ana:pa\\:ss
            *:*:*:*:fallback
            """
        let url = "postgresql://ana@db.example.org/cohorts"
        #expect(try ConnectionSettings.parse(url, passwordFile: file).password == "pa:ss")
        #expect(
            try ConnectionSettings.parse(url, environment: ["PGPASSWORD": "env"], passwordFile: file).password == "env")
        #expect(try ConnectionSettings.parse("postgresql://ana:inline@db.example.org/cohorts").password == "inline")
        #expect(try ConnectionSettings.parse("postgresql://bob@elsewhere/x", passwordFile: file).password == "fallback")
    }

    @Test func aPasswordOnTheCommandLineIsRefused() {
        #expect(throws: ConnectionSettingsError.self) {
            try ConnectionSettings.parse("postgresql://ana:secret@db/x", allowsPassword: false)
        }
    }

    @Test func theRedactedNameNeverHoldsThePassword() throws {
        let settings = try ConnectionSettings.parse("postgresql://ana:secret@db:5432/x")
        #expect(!settings.redacted.contains("secret"))
        #expect(!ConnectionSettings.redactedText("postgresql://ana:secret@db/x?bad=1").contains("secret"))
    }

    @Test(arguments: [
        "mysql://db/x", "postgresql://db:99999/x", "postgresql://db/x?sslmode=allow", "postgresql://db/x?foo=1",
    ])
    func whatCannotBeHonouredIsRefused(_ url: String) {
        #expect(throws: ConnectionSettingsError.self) { try ConnectionSettings.parse(url) }
    }

    @Test func aPasswordFileLineReadsBack() throws {
        let settings = ConnectionSettings(host: "h", port: 5432, user: "learner_ana", database: "d:b")
        let line = settings.passwordFileLine(password: "p:w\\d")
        #expect(PasswordFile(text: line).password(for: settings) == "p:w\\d")
    }
}

@Suite struct ConfigFileTests {
    @Test func theSubsetIsRead() throws {
        let file = try ConfigFile(
            text: """
                # parcours
                sync = "postgresql://ana@db/parcours"  # shared server

                [lrs]
                key = 'raw\\value'
                secret = "a\\"b\\u00e9"
                """)
        #expect(file.values["sync"] == "postgresql://ana@db/parcours")
        #expect(file.values["lrs.key"] == "raw\\value")
        #expect(file.values["lrs.secret"] == "a\"bé")
    }

    @Test(arguments: [
        ("sync = postgresql://x", 1, 8), ("x = \"open", 1, 10), ("[t\nk = 1", 1, 3), ("a = \"1\"\na = \"2\"", 2, 8),
        ("a = \"1\" b", 1, 9),
    ])
    func anythingElseIsAnErrorAtItsPlace(_ text: String, _ line: Int, _ column: Int) {
        do {
            _ = try ConfigFile(text: text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }
}

@Suite struct RoleNameTests {
    @Test func aRoleNameIsFoldedFromThePersonsName() throws {
        #expect(
            try ServerAdmin.roleName(nil, for: "Anaïs Dupont-Lefèvre", prefix: "learner")
                == "learner_anais_dupont_lefevre")
        #expect(try ServerAdmin.roleName("custom", for: "x", prefix: "learner") == "custom")
        #expect(throws: SyncError.self) { try ServerAdmin.roleName(nil, for: "李", prefix: "learner") }
    }

    @Test func passwordsAreLongAndDiffer() {
        let first = ServerAdmin.generatedPassword()
        #expect(first.count == 24)
        #expect(first != ServerAdmin.generatedPassword())
    }
}

@Suite struct SyncDestinationTests {
    static func configHome(_ text: String?, mode: Int = 0o600) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-config-\(UUID().uuidString)")
        let parcours = folder.appendingPathComponent("parcours")
        try FileManager.default.createDirectory(at: parcours, withIntermediateDirectories: true)
        if let text {
            let path = parcours.appendingPathComponent("config.toml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        return ["XDG_CONFIG_HOME": folder.path, "HOME": "/nonexistent"]
    }

    @Test func theOptionThenTheEnvironmentThenTheFileWin() throws {
        var environment = try Self.configHome("sync = \"postgresql://file@db/p\"\n")
        #expect(try SyncDestination.resolve(option: nil, environment: environment)?.url == "postgresql://file@db/p")
        #expect(try SyncDestination.resolve(option: nil, environment: environment)?.origin == .configFile)
        environment["PARCOURS_SYNC_URL"] = "postgresql://env@db/p"
        #expect(try SyncDestination.resolve(option: nil, environment: environment)?.url == "postgresql://env@db/p")
        #expect(
            try SyncDestination.resolve(option: "postgresql://opt@db/p", environment: environment)?.origin == .option)
        #expect(try SyncDestination.resolve(option: nil, environment: try Self.configHome(nil)) == nil)
    }

    @Test func aConfigurationFileOthersCanReadIsRefused() throws {
        let environment = try Self.configHome("sync = \"postgresql://ana:secret@db/p\"\n", mode: 0o644)
        #expect(throws: SyncError.self) { try SyncDestination.resolve(option: nil, environment: environment) }
    }

    @Test func aBrokenConfigurationFileIsAnErrorAtItsLine() throws {
        let environment = try Self.configHome("# parcours\nsync = postgresql://x\n")
        do {
            _ = try SyncDestination.resolve(option: nil, environment: environment)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("config.toml:2:8"))
        }
    }

    @Test func aPasswordInTheOptionIsRefusedButNotInTheFile() throws {
        let option = SyncDestination(url: "postgresql://ana:secret@db/p", origin: .option)
        #expect(throws: SyncError.self) { try option.settings(environment: [:]) }
        let file = SyncDestination(url: "postgresql://ana:secret@db/p", origin: .configFile)
        #expect(try file.settings(environment: [:]).password == "secret")
        #expect(!(try file.settings(environment: [:]).redacted.contains("secret")))
    }
}
