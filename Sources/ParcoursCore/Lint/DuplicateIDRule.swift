/// Two things of one kind with the same id would make references ambiguous.
struct DuplicateIDRule: LintRule {
    static let ids = ["duplicate-id"]

    func check(_ context: LintContext) -> [Diagnostic] {
        let course = context.course
        var diagnostics = duplicates(course.steps.map(\.id), kind: "step")
        diagnostics += duplicates(course.paths.map(\.id), kind: "path")
        diagnostics += duplicates(course.resources.map(\.id), kind: "resource")
        diagnostics += duplicates(course.scales.map(\.id), kind: "scale")
        diagnostics += duplicates(course.dimensions, kind: "dimension")
        for step in course.steps {
            diagnostics += duplicates(step.choices.map(\.id), kind: "choice")
            diagnostics += duplicates(step.items.map(\.id), kind: "item")
            diagnostics += duplicates(step.selfCheck, kind: "self-check item")
        }
        for path in course.paths {
            diagnostics += duplicates(path.steps, kind: "step in path '\(path.id.value)'")
        }
        return diagnostics
    }

    private func duplicates(_ ids: [Located<String>], kind: @autoclosure () -> String) -> [Diagnostic] {
        // Most steps have no choices, items or self-check: no table for them (every start
        // runs this rule on the course it loads).
        guard ids.count > 1 else { return [] }
        var first: [String: SourceLocation] = [:]
        first.reserveCapacity(ids.count)
        var diagnostics: [Diagnostic] = []
        for id in ids {
            if let earlier = first[id.value] {
                diagnostics.append(
                    .error(
                        "duplicate-id", at: id.location,
                        "duplicate \(kind()) id '\(id.value)' (first at line \(earlier.line))"))
            } else {
                first[id.value] = id.location
            }
        }
        return diagnostics
    }
}
