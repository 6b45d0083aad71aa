import Foundation
import FuzzDriver
import ParcoursCore
import ParcoursStore

// A bundle as `parcours import` reads it: decoded, merged into a store, then read back the
// way every reader does (the fold, the xAPI mapping). Any of them may refuse the input with
// an error; none may crash.
fuzz { bytes in
    guard let bundle = try? BundleCodec.decode(Data(bytes)) else { return }
    guard let store = try? ProgressStore.inMemory(), (try? store.importBundle(bundle)) != nil else { return }
    guard let participants = try? store.participants() else { return }
    for participant in participants {
        for enrollment in (try? store.enrollments(of: participant.id)) ?? [] {
            let events = (try? store.events(of: enrollment.id)) ?? []
            let progress = LearnerProgress.fold(events)
            _ = progress.activeMilliseconds
            let attempt = XAPIMapping.Attempt(
                participant: participant.name, courseID: enrollment.courseID, pathID: enrollment.pathID,
                courseVersion: enrollment.courseVersion, cohort: enrollment.cohort, attempt: enrollment.attempt)
            _ = try? XAPIMapping.encode(XAPIMapping().statements(for: attempt, events: events))
        }
    }
}
