/// Conditions, assessment items and scales must name things the course declares.
struct ConditionReferenceRule: LintRule {
    static let ids = ["unknown-reference"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let dimensions = Set(context.course.dimensions.map(\.value))
        let scales = Set(context.course.scales.map(\.id.value))
        func report(_ id: Located<String>, _ message: String) {
            diagnostics.append(.error("unknown-reference", at: id.location, message))
        }
        func visit(_ condition: CourseFile.ConditionFile) {
            switch condition {
            case .answer(let question, let choices):
                guard let step = lookUpQuestion(in: context, question, report) else { return }
                let known = Set(step.choices.map(\.id.value))
                for choice in choices where !known.contains(choice.value) {
                    report(
                        choice,
                        "question '\(question.value)' has no choice '\(choice.value)'"
                            + Suggestion.didYouMean(choice.value, among: known.sorted()))
                }
            case .correct(let question, _):
                guard let step = lookUpQuestion(in: context, question, report) else { return }
                if !step.choices.contains(where: { $0.isCorrect != nil }) {
                    report(
                        question,
                        "question '\(question.value)' is not graded: mark its right choices with `correct: true`"
                    )
                }
            case .score(let dimension, _, _):
                if !dimensions.contains(dimension.value) {
                    report(
                        dimension,
                        "unknown dimension '\(dimension.value)'"
                            + Suggestion.didYouMean(dimension.value, among: dimensions.sorted()))
                }
            case .all(let parts), .any(let parts):
                parts.forEach(visit)
            case .not(let inner):
                visit(inner)
            }
        }
        context.conditions.forEach(visit)
        for step in context.course.steps {
            if let scale = step.scale, !scales.contains(scale.value) {
                report(
                    scale,
                    "step '\(step.id.value)' uses unknown scale '\(scale.value)'"
                        + Suggestion.didYouMean(scale.value, among: scales.sorted()))
            }
            for item in step.items where !dimensions.contains(item.dimension.value) {
                report(
                    item.dimension,
                    "item '\(item.id.value)' names unknown dimension '\(item.dimension.value)'"
                        + Suggestion.didYouMean(item.dimension.value, among: dimensions.sorted()))
            }
        }
        return diagnostics
    }

    private func lookUpQuestion(
        in context: LintContext, _ id: Located<String>, _ report: (Located<String>, String) -> Void
    ) -> CourseFile.StepFile? {
        guard let step = context.steps[id.value] else {
            let questions = context.steps.values.filter { $0.kind == .question }.map(\.id.value).sorted()
            report(id, "unknown question '\(id.value)'" + Suggestion.didYouMean(id.value, among: questions))
            return nil
        }
        guard step.kind == .question, step.answer != .text else {
            report(id, "step '\(id.value)' is not a question with choices")
            return nil
        }
        return step
    }
}
