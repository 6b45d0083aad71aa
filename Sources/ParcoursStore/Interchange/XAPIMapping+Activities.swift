import Foundation
import ParcoursCore

/// The activities statements are about: course, path (and the path as a cmi5 block), step,
/// each with its IRI under `activityBase` and, from the course, its type.
extension XAPIMapping {
    func courseIRI(_ course: String) -> String {
        "\(activityBase)/courses/\(Self.component(course))"
    }

    func pathIRI(_ attempt: Attempt) -> String {
        "\(courseIRI(attempt.courseID))/paths/\(Self.component(attempt.pathID))"
    }

    func stepIRI(_ attempt: Attempt, _ step: String) -> String {
        "\(pathIRI(attempt))/steps/\(Self.component(step))"
    }

    /// The path as a cmi5 block, for `satisfied`: an id of its own, since cmi5 9.3.9 wants
    /// the block's id apart from the publisher's (here, the path's).
    func blockIRI(_ attempt: Attempt) -> String {
        "\(pathIRI(attempt))/block"
    }

    func extensionIRI(_ name: String) -> String {
        "\(activityBase)/xapi/extensions/\(name)"
    }

    func object(for event: Event, _ attempt: Attempt) -> XAPIActivity {
        if event.type == .saved, let resource = event.payload.resource {
            return XAPIActivity(
                id: "\(courseIRI(attempt.courseID))/resources/\(Self.component(resource))",
                definition: .init(type: "http://adlnet.gov/expapi/activities/link"))
        }
        guard let step = event.stepID, event.type != .started, event.type != .finished else {
            return pathActivity(attempt)
        }
        return XAPIActivity(id: stepIRI(attempt, step), definition: stepDefinition(attempt, step))
    }

    func pathActivity(_ attempt: Attempt) -> XAPIActivity {
        XAPIActivity(id: pathIRI(attempt), definition: .init(type: "http://adlnet.gov/expapi/activities/module"))
    }

    /// A step's type comes from the course, so every statement about a step agrees on it.
    func stepDefinition(_ attempt: Attempt, _ step: String) -> XAPIActivity.Definition? {
        guard let kind = courses[attempt.courseID]?.steps[step] else { return nil }
        let interaction = "http://adlnet.gov/expapi/activities/cmi.interaction"
        switch kind.kind {
        case .question:
            return .init(type: interaction, interactionType: kind.answer == .text ? "fill-in" : "choice")
        case .assessment:
            return .init(type: interaction, interactionType: "likert")
        default:
            return .init(type: "http://adlnet.gov/expapi/activities/lesson")
        }
    }
}
