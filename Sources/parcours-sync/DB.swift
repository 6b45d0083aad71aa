import ArgumentParser
import Foundation
import ParcoursCommandLine
import ParcoursLibrary
import ParcoursSync

/// `parcours db`: a shared cohort store on PostgreSQL, for whoever runs it.
struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Set up a shared cohort store on PostgreSQL: its schema, its learners and facilitators.",
        discussion: """
            The server is named by a postgresql:// URL (--url, else PARCOURS_DB_URL, else the \
            PG* variables as psql reads them). Its password comes from PGPASSWORD or \
            ~/.pgpass, never from the command line. See docs/facilitators.md.
            """,
        subcommands: [Init.self, AddLearner.self, AddFacilitator.self])

    /// The administrator's server: a role that owns the schema and may create roles.
    struct ServerOptions: ParsableArguments {
        @Option(
            help: ArgumentHelp(
                "The server (default: PARCOURS_DB_URL, else the PG* variables).", valueName: "URL"))
        var url: String?

        func server(positional: String? = nil) throws -> PostgresServer {
            let environment = ProcessEnvironment.variables
            let given = positional ?? url
            let text = given ?? environment["PARCOURS_DB_URL"] ?? "postgresql://"
            do {
                let settings = try ConnectionSettings.resolve(
                    text, environment: environment, allowsPassword: given == nil,
                    warning: { Failure.printError($0) })
                return PostgresServer(settings: settings)
            } catch {
                throw SyncError.configuration(reason: error.message)
            }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the parcours schema on a database, or bring it up to date.")

        @Argument(help: ArgumentHelp("The database's URL.", valueName: "URL"))
        var positionalURL: String?

        @OptionGroup var server: ServerOptions

        func run() throws {
            do {
                let server = try server.server(positional: positionalURL)
                let outcome = try Blocking.run { try await ServerMigrator.migrate(server) }
                if outcome.applied.isEmpty {
                    print("\(server.name): schema version \(outcome.to), up to date.")
                } else {
                    print(
                        "\(server.name): schema version \(outcome.from) → \(outcome.to) "
                            + "(\(outcome.applied.joined(separator: ", "))).")
                }
            } catch {
                throw Failure.exit(error)
            }
        }
    }

    struct AddLearner: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-learner",
            abstract: "Create a learner's role: they append and read their own events, nothing else.")

        @Argument(help: ArgumentHelp("The learner's name, as parcours knows them (--as).", valueName: "NAME"))
        var name: String

        @Option(help: ArgumentHelp("The learner's cohort.", valueName: "CODE"))
        var cohort: String

        @Option(help: ArgumentHelp("The role's name (default: learner_ and the name).", valueName: "ROLE"))
        var role: String?

        @OptionGroup var server: ServerOptions

        func run() throws {
            do {
                let server = try server.server()
                let (name, cohort, role) = (name, cohort, role)
                let credentials = try Blocking.run {
                    try await ServerAdmin.addLearner(server, name: name, cohort: cohort, role: role)
                }
                DB.printCredentials(credentials, for: name)
            } catch {
                throw Failure.exit(error)
            }
        }
    }

    struct AddFacilitator: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-facilitator",
            abstract: "Create a facilitator's role: they read the cohorts they are given.")

        @Argument(help: ArgumentHelp("The facilitator's name.", valueName: "NAME"))
        var name: String

        @Option(help: ArgumentHelp("A cohort they follow (repeat for several).", valueName: "CODE"))
        var cohort: [String]

        @Option(help: ArgumentHelp("The role's name (default: facilitator_ and the name).", valueName: "ROLE"))
        var role: String?

        @OptionGroup var server: ServerOptions

        mutating func validate() throws {
            guard !cohort.isEmpty else { throw ValidationError("give at least one --cohort") }
        }

        func run() throws {
            do {
                let server = try server.server()
                let (name, cohorts, role) = (name, cohort, role)
                let credentials = try Blocking.run {
                    try await ServerAdmin.addFacilitator(server, name: name, cohorts: cohorts, role: role)
                }
                DB.printCredentials(credentials, for: name)
            } catch {
                throw Failure.exit(error)
            }
        }
    }

    /// What to hand to the person, once: the password is shown here and stored nowhere.
    static func printCredentials(_ credentials: ServerAdmin.Credentials, for name: String) {
        print(
            """
            Role \(credentials.role) created for \(name).
            Give them, privately:
              this line for their ~/.pgpass (mode 0600):
                \(credentials.passwordFileLine)
              and this URL (PARCOURS_SYNC_URL, --sync, or sync = "…" in ~/.config/parcours/config.toml):
                \(credentials.url)
            The password is shown only now.
            """)
    }
}
