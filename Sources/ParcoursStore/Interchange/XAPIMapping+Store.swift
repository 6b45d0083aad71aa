import Foundation
import ParcoursCore

/// The statements of an attempt as a store holds it: its own log's, and, when it replaces an
/// earlier attempt (`parcours reset`), the voiding of that attempt's. `export --xapi` and the
/// push to a learning record store both read them here, so they send the same statements.
extension XAPIMapping {
    /// The statements of `enrollment`'s log, each with the `seq` it comes from; with `seqs`,
    /// only those that come from these events (a push's batch), mapped from the log up to
    /// the last of them. When the `started` event `resets` an earlier attempt at the path,
    /// that attempt's statements (its whole log's, as they were sent) are voided at the
    /// start; an attempt the store does not hold is not voided.
    public func sourcedStatements(
        of enrollment: Enrollment, participant: String, in store: ProgressStore, onlyFrom seqs: Set<Int>? = nil
    ) throws(StoreError) -> [(seq: Int, statement: XAPIStatement)] {
        var events = try store.events(of: enrollment.id)
        if let last = seqs?.max() { events = events.filter { $0.seq <= last } }
        var replaced: [XAPIStatement] = []
        // The replaced attempt is read and mapped only when its voiding is wanted.
        if let first = events.first, first.type == .started, seqs?.contains(first.seq) ?? true,
            let number = first.payload.resets,
            let earlier = try store.enrollments(of: enrollment.participantID).first(where: {
                $0.pathID == enrollment.pathID && $0.attempt == number && $0.id != enrollment.id
            })
        {
            replaced = statements(
                for: Attempt(earlier, participant: participant), events: try store.events(of: earlier.id))
        }
        let sourced = sourcedStatements(
            for: Attempt(enrollment, participant: participant), events: events, replacing: replaced)
        guard let seqs else { return sourced }
        return sourced.filter { seqs.contains($0.seq) }
    }
}

extension XAPIMapping.Attempt {
    /// The attempt of a stored enrollment, by `participant`'s name.
    public init(_ enrollment: Enrollment, participant: String) {
        self.init(
            participant: participant, courseID: enrollment.courseID, pathID: enrollment.pathID,
            courseVersion: enrollment.courseVersion, cohort: enrollment.cohort, attempt: enrollment.attempt)
    }
}
