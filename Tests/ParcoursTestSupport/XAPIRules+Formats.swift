import Foundation

/// The value formats the statement rules refer to (UUID, IRI, timestamp, duration, language
/// tag) and the vocabularies they check against (interaction types, cmi5's verbs).
extension XAPIRules {
    /// Data 4.4: a UUID in its standard string form (RFC 4122), hexadecimal digits in
    /// groups of 8-4-4-4-12.
    public static func isUUID(_ text: String) -> Bool {
        text.range(
            of: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
            options: .regularExpression)
            != nil
    }

    /// Data 4.3 and 2.2.s4.b1.b8: an absolute IRI, with a scheme (RFC 3987); an http(s) one
    /// names its host. Spaces and control characters are never part of an IRI.
    public static func isIRI(_ text: String) -> Bool {
        guard text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$", options: .regularExpression) != nil,
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return false }
        let scheme = text.prefix { $0 != ":" }.lowercased()
        if scheme == "http" || scheme == "https" {
            guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
                return false
            }
        }
        return true
    }

    /// Data 4.5: an RFC 3339 timestamp (a profile of ISO 8601) with its time zone, a real
    /// date and time; "-00:00" is not an offset (RFC 3339 4.3: unknown local offset).
    public static func isTimestamp(_ text: String) -> Bool {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#
        guard text.range(of: pattern, options: .regularExpression) != nil, !text.hasSuffix("-00:00") else {
            return false
        }
        let parser = ISO8601DateFormatter()
        parser.formatOptions =
            text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        // Foundation reads three decimals at most: the check is about the date, not them.
        var trimmed = text
        if let dot = text.firstIndex(of: "."),
            let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" })
        {
            let digits = text[text.index(after: dot)..<zone]
            trimmed =
                String(text[..<dot]) + "." + String(digits.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
                + String(text[zone...])
        }
        return parser.date(from: trimmed) != nil
    }

    /// Data 4.6: an ISO 8601 duration in the format of ISO 8601:2004 4.4.3.2 (`PnYnMnDTnHnMnS`
    /// or `PnW`), not the alternative format of 4.4.3.3 (`PT01:02:03`).
    public static func isDuration(_ text: String) -> Bool {
        let weeks = #"^P\d+W$"#
        let full = #"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"#
        return text.range(of: weeks, options: .regularExpression) != nil
            || text.range(of: full, options: .regularExpression) != nil
    }

    /// Data 4.6: "Learning Record Providers SHOULD provide a maximum precision of 0.01
    /// seconds"; parcours does.
    public static func hasAtMostHundredths(_ duration: String) -> Bool {
        guard let dot = duration.firstIndex(of: ".") else { return true }
        return duration[duration.index(after: dot)...].prefix { $0.isNumber }.count <= 2
    }

    /// Data 4.2 and 2.2.s3.b2: an RFC 5646 language tag (language[-extlang][-script][-region]
    /// (-variant)*(-extension)*[-privateuse], or a private-use tag), matched on its structure.
    public static func isLanguageTag(_ text: String) -> Bool {
        let language = "([A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})"
        let script = "(-[A-Za-z]{4})?"
        let region = "(-([A-Za-z]{2}|[0-9]{3}))?"
        let variant = "(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
        let extensions = "(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*"
        let privateUse = "(-[xX](-[A-Za-z0-9]{1,8})+)?"
        let tag = "^(\(language)\(script)\(region)\(variant)\(extensions)\(privateUse)|[xX](-[A-Za-z0-9]{1,8})+)$"
        return text.range(of: tag, options: .regularExpression) != nil
    }

    /// The interaction types of Data 2.4.4.1 ("Interaction Activities").
    static let interactionTypes: Set<String> = [
        "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert",
        "numeric", "other",
    ]

    /// The verbs cmi5 defines (cmi5 9.3), by IRI.
    enum CMI5Verb {
        static let initialized = "http://adlnet.gov/expapi/verbs/initialized"
        static let completed = "http://adlnet.gov/expapi/verbs/completed"
        static let passed = "http://adlnet.gov/expapi/verbs/passed"
        static let failed = "http://adlnet.gov/expapi/verbs/failed"
        static let abandoned = "https://w3id.org/xapi/adl/verbs/abandoned"
        static let waived = "https://w3id.org/xapi/adl/verbs/waived"
        static let terminated = "http://adlnet.gov/expapi/verbs/terminated"
        static let satisfied = "https://w3id.org/xapi/adl/verbs/satisfied"
    }
}
