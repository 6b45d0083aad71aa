/// Ids are lowercase ASCII letters, digits and hyphens, so they are stable in files,
/// URLs, xAPI activity ids and learner progress.
struct IdentifierRule: LintRule {
    static let ids = ["bad-id"]

    static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, first != UInt8(ascii: "-") else { return false }
        return id.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-")
        }
    }

    func check(_ context: LintContext) -> [Diagnostic] {
        let course = context.course
        var named: [(String, Located<String>)] = [("course", course.id)]
        named += course.paths.map { ("path", $0.id) }
        named += course.dimensions.map { ("dimension", $0) }
        named += course.scales.map { ("scale", $0.id) }
        named += course.resources.map { ("resource", $0.id) }
        for step in course.steps {
            named.append(("step", step.id))
            named += step.choices.map { ("choice", $0.id) }
            named += step.items.map { ("item", $0.id) }
            named += step.selfCheck.map { ("self-check item", $0) }
            named += step.recommendations.map { ("reason", $0.reason) }
        }
        return named.filter { !Self.isValid($0.1.value) }.map { kind, id in
            .error(
                "bad-id", at: id.location,
                "\(kind) id '\(id.value)' must use only lowercase letters, digits and hyphens, and not start with a hyphen"
            )
        }
    }
}
