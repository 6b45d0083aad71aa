import Foundation
import ParcoursCore

/// `plan`: what is left, the steps set aside (to take back), and what could go.
extension REPL {
    func plan(_ action: Command.PlanAction) throws {
        if case .restore(let number) = action { return try restore(number) }
        let plan = Pacing.plan(
            progress, navigator: navigator, recommended: currentOffers().map(\.resource))
        screen.writeLine(
            words.text(
                "plan.remaining",
                [
                    "remaining": ClockFormat.hoursMinutes(minutes: plan.remainingMinutes),
                    "left": ClockFormat.hoursMinutes(minutes: max(0, plan.budgetLeftMinutes)),
                ]))
        let setAside = session.setAsideSteps(progress)
        if !setAside.isEmpty {
            screen.writeLine(words.text("plan.set-aside"))
            for (number, id) in setAside.enumerated() {
                screen.writeLine("  \(screen.style.accent(String(number + 1))). \(stepLine(id))")
            }
            screen.writeLine(screen.style.dim(words.text("plan.restore.hint")))
        }
        if !plan.drop.isEmpty {
            screen.writeLine(words.text("plan.drop"))
            for id in plan.drop { screen.writeLine("  − \(stepLine(id))") }
            if action == .apply {
                try commit(session.setAside(plan.drop))
                screen.writeLine(screen.style.success(words.text("plan.applied")))
            } else {
                screen.writeLine(screen.style.dim(words.text("plan.apply.hint")))
            }
        } else if !plan.extras.isEmpty {
            screen.writeLine(words.text("plan.extras"))
            for id in plan.extras { screen.writeLine("  + \(resourceTitle(id))") }
        } else {
            screen.writeLine(words.text(plan.fits ? "plan.fits" : "plan.tight"))
        }
    }

    /// A step in `plan`'s lists: its title and estimate.
    private func stepLine(_ id: String) -> String {
        "\(stepTitle(id)) (\(context.course.steps[id]?.minutes ?? 0) min)"
    }

    /// `plan reprendre N`: takes back the Nth step set aside. The walk may then be over the
    /// budget: said plainly, and left so (the adaptation never sets it aside again).
    func restore(_ number: Int?) throws {
        let setAside = session.setAsideSteps(progress)
        guard !setAside.isEmpty else {
            screen.writeLine(words.text("plan.restore.none"))
            return
        }
        guard let number, (1...setAside.count).contains(number) else {
            screen.writeLine(words.text("plan.restore.invalid", ["count": String(setAside.count)]))
            return
        }
        let step = setAside[number - 1]
        try commit([session.restore(step)])
        let projection = navigator.projection(progress)
        screen.writeLine(
            screen.style.success(
                words.text(
                    "plan.restored", ["title": stepTitle(step), "total": String(projection.steps.count)])))
        if projection.minutes > context.path.budgetMinutes {
            screen.writeLine(
                words.text(
                    "plan.restored.over",
                    [
                        "projected": ClockFormat.hoursMinutes(minutes: projection.minutes),
                        "budget": ClockFormat.hoursMinutes(minutes: context.path.budgetMinutes),
                    ]))
        }
    }
}
