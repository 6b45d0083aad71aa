/// A path's `masteryScore` must have something to score: at least one graded question
/// (a question whose choices say which are correct) among the path's steps.
///
/// - `mastery-without-questions`: the path declares a mastery score, but none of its steps is
///   a graded question, so no learner could ever pass or fail it.
struct MasteryRule: LintRule {
    static let ids = ["mastery-without-questions"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.graphs.compactMap { path, _ in
            guard let mastery = path.masteryScore else { return nil }
            let graded = path.steps.contains { id in
                guard let step = context.steps[id.value], step.kind == .question, step.answer != .text else {
                    return false
                }
                return step.choices.contains { $0.isCorrect != nil }
            }
            guard !graded else { return nil }
            return .error(
                "mastery-without-questions", at: mastery.location,
                "path '\(path.id.value)' has a masteryScore but no graded question (a question whose choices say `correct`): nothing to score, remove masteryScore or grade a question"
            )
        }
    }
}
