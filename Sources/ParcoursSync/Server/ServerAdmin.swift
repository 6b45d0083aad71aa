import Foundation
import ParcoursLibrary
import PostgresNIO

/// `parcours db add-learner` and `add-facilitator`: a login role with a generated
/// password, made a member of the group role whose grants and row-level policies say what
/// it may do (`ServerSchema`, version 2). The password travels as a bound parameter of a
/// function call, so it is in no statement text the server could log.
public enum ServerAdmin {
    /// A role just created, and what to hand to its person.
    public struct Credentials: Sendable, Equatable {
        public var role: String
        public var password: String
        /// The URL the person uses (no password in it).
        public var url: String
        /// The line for their `~/.pgpass`.
        public var passwordFileLine: String
    }

    public static func addLearner(
        _ server: PostgresServer, name: String, cohort: String, role: String? = nil
    ) async throws -> Credentials {
        let role = try roleName(role, for: name, prefix: "learner")
        let password = generatedPassword()
        try await server.withConnection { client in
            try await ServerMigrator.checkVersion(client, server: server)
            try await client.execute("SELECT parcours.add_learner(\(name), \(cohort), \(role), \(password))")
        }
        return credentials(server, role: role, password: password)
    }

    public static func addFacilitator(
        _ server: PostgresServer, name: String, cohorts: [String], role: String? = nil
    ) async throws -> Credentials {
        let role = try roleName(role, for: name, prefix: "facilitator")
        let password = generatedPassword()
        try await server.withConnection { client in
            try await ServerMigrator.checkVersion(client, server: server)
            try await client.execute("SELECT parcours.add_facilitator(\(role), \(password), \(cohorts))")
        }
        return credentials(server, role: role, password: password)
    }

    private static func credentials(_ server: PostgresServer, role: String, password: String) -> Credentials {
        let settings = server.settings.with(user: role)
        return Credentials(
            role: role, password: password, url: settings.redacted,
            passwordFileLine: settings.passwordFileLine(password: password))
    }

    /// A role name from a person's name: `learner_` and the name's letters and digits,
    /// lower-cased and without accents ("Anaïs Dupont" → `learner_anais_dupont`), unless
    /// one is given. PostgreSQL's names are at most 63 bytes.
    static func roleName(_ given: String?, for name: String, prefix: String) throws(SyncError) -> String {
        if let given {
            guard !given.isEmpty, given.utf8.count <= 63 else {
                throw .configuration(reason: "a role name has 1 to 63 bytes: '\(given)'")
            }
            return given
        }
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("_") {
                slug += "_"
            }
        }
        while slug.hasSuffix("_") { slug.removeLast() }
        guard !slug.isEmpty else {
            throw .configuration(reason: "'\(name)' gives no role name: choose one with --role")
        }
        return String("\(prefix)_\(slug)".prefix(63))
    }

    /// 24 characters from 62, from the system's random source: about 143 bits.
    static func generatedPassword() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
