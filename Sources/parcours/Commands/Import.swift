import ArgumentParser

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Not available yet.", shouldDisplay: false)

    func run() throws {
        throw CLIError.usage("'parcours import' is not available yet")
    }
}
