import Foundation
import ParcoursCore
import ParcoursStore

/// The xAPI statements of one learner or one cohort in a store, graded with the installed
/// courses (`export --xapi`).
///
/// ```swift
/// let json = try XAPICollection(store: store, storePath: path, of: .cohort("2026-A"), courses: courses.course).json()
/// ```
public struct XAPICollection {
    /// Whose attempts: one learner's, by name, or every attempt of a cohort.
    public enum Attempts {
        case learner(String)
        case cohort(String)
    }

    let store: ProgressStore
    /// The store's file, as messages name it.
    let storePath: String
    let attempts: Attempts
    let homePage: String
    let activityBase: String
    /// A course by id; nil when it is missing or broken, which only leaves its answers
    /// ungraded, since the log alone makes valid statements.
    let course: (String) -> Course?

    public init(
        store: ProgressStore, storePath: String, of attempts: Attempts, homePage: String = XAPIMapping.defaultBase,
        activityBase: String = XAPIMapping.defaultBase, course: @escaping (String) -> Course?
    ) {
        self.store = store
        self.storePath = storePath
        self.attempts = attempts
        self.homePage = homePage
        self.activityBase = activityBase
        self.course = course
    }

    /// The statements as a JSON array; 66 when the learner or the cohort has no attempt.
    public func json() throws -> Data {
        let names = Dictionary(
            try store.participants().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let enrollments: [Enrollment]
        switch attempts {
        case .cohort(let cohort):
            enrollments = try store.enrollments().filter { $0.cohort == cohort }
            guard !enrollments.isEmpty else { throw LibraryError.noCohort(cohort, store: storePath) }
        case .learner(let name):
            guard let participant = try store.participants().first(where: { $0.name == name }) else {
                throw LibraryError.noProgress(learner: name, store: storePath)
            }
            enrollments = try store.enrollments(of: participant.id)
        }
        var courses: [String: Course] = [:]
        for id in Set(enrollments.map(\.courseID)) { courses[id] = course(id) }
        let mapping = XAPIMapping(homePage: homePage, activityBase: activityBase, courses: courses)
        var statements: [XAPIStatement] = []
        for enrollment in enrollments {
            let participant = names[enrollment.participantID] ?? "\(enrollment.participantID)"
            statements += try mapping.sourcedStatements(of: enrollment, participant: participant, in: store).map(
                \.statement)
        }
        return try XAPIMapping.encode(statements)
    }
}
