import Foundation
import ParcoursCore

extension BundleEnrollment {
    /// What `LogValidation` needs to know of this attempt.
    public var validationAttempt: LogValidation.Attempt {
        LogValidation.Attempt(
            pathID: pathID, courseVersion: courseVersion, attempt: attempt, startedAt: startedAt,
            finishedAt: finishedAt)
    }

    /// How a person names this attempt in a message.
    package func label(of participant: String) -> String {
        "\(participant)'s attempt \(attempt) at \(courseID)/\(pathID)"
    }
}

extension ProgressBundle {
    /// Checks every attempt's log against its installed course (`LogValidation`), before
    /// anything is written: the first rule broken refuses the whole bundle, naming the attempt,
    /// the event and the rule. `courses` are the installed courses by id; an attempt at a
    /// course not among them is `BundleError.unknownCourse`.
    public func validate(courses: [String: Course], now: Date = Date(), limits: LogValidation.Limits = .init())
        throws(BundleError)
    {
        for enrollment in enrollments {
            guard let course = courses[enrollment.courseID] else {
                throw .unknownCourse(course: enrollment.courseID, installed: courses.keys.sorted())
            }
            if let violation = LogValidation.check(
                enrollment.events, attempt: enrollment.validationAttempt, course: course, now: now, limits: limits)
            {
                throw .invalidLog(attempt: enrollment.label(of: participant.name), violation: violation)
            }
        }
    }
}
