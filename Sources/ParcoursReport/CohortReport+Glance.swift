import Foundation

/// What a facilitator reads first: where unfinished learners stop, each path's share of the
/// funnel, and the self-assessment per dimension, before and after.
///
/// Derived from the participants and the funnel already summed up, so every renderer (the
/// terminal table, the HTML page) shows the same figures.
extension CohortReport {
    /// A step where unfinished learners are now, and how many of them need a word.
    public struct Stop: Sendable, Equatable {
        public var courseID: String
        public var pathID: String
        public var step: String
        /// Unfinished attempts whose step on screen is this one.
        public var learners: Int
        public var behind: Int
        public var stalled: Int

        /// Behind or stalled: the learners to call.
        public var needingAttention: Int { behind + stalled }
    }

    /// The steps where most unfinished learners are behind or stalled, then where most of
    /// them are, at most `limit`; ties in the path's order.
    public func stops(limit: Int = 5) -> [Stop] {
        let position = Dictionary(
            steps.enumerated().map { ("\($0.element.courseID)/\($0.element.pathID)/\($0.element.step)", $0.offset) },
            uniquingKeysWith: { first, _ in first })
        var stops: [String: Stop] = [:]
        for p in participants where p.status != .finished {
            guard let step = p.currentStep, !p.pathID.isEmpty else { continue }
            let key = "\(p.courseID)/\(p.pathID)/\(step)"
            var stop =
                stops[key]
                ?? Stop(courseID: p.courseID, pathID: p.pathID, step: step, learners: 0, behind: 0, stalled: 0)
            stop.learners += 1
            if p.visiblePace == .behind { stop.behind += 1 }
            if p.visiblePace == .stalled { stop.stalled += 1 }
            stops[key] = stop
        }
        let ranked = stops.sorted { lhs, rhs in
            if lhs.value.needingAttention != rhs.value.needingAttention {
                return lhs.value.needingAttention > rhs.value.needingAttention
            }
            if lhs.value.learners != rhs.value.learners { return lhs.value.learners > rhs.value.learners }
            let (left, right) = (position[lhs.key] ?? Int.max, position[rhs.key] ?? Int.max)
            return left != right ? left < right : lhs.key < rhs.key
        }
        return ranked.prefix(max(limit, 0)).map(\.value)
    }

    /// One path seen in the report: its funnel, in the path's order, and its attempts.
    public struct PathSection: Sendable, Equatable {
        public var courseID: String
        public var pathID: String
        public var steps: [StepFunnel]
        public var attempts: Int
        public var finished: Int
    }

    /// The funnel cut into one section per path, in the funnel's order.
    public func pathSections() -> [PathSection] {
        var sections: [PathSection] = []
        for step in steps {
            if let last = sections.last, last.courseID == step.courseID, last.pathID == step.pathID {
                sections[sections.count - 1].steps.append(step)
            } else {
                sections.append(
                    PathSection(courseID: step.courseID, pathID: step.pathID, steps: [step], attempts: 0, finished: 0))
            }
        }
        let index = Dictionary(
            sections.enumerated().map { ("\($0.element.courseID)/\($0.element.pathID)", $0.offset) },
            uniquingKeysWith: { first, _ in first })
        for p in participants {
            guard let at = index["\(p.courseID)/\(p.pathID)"] else { continue }
            sections[at].attempts += 1
            if p.status == .finished { sections[at].finished += 1 }
        }
        return sections
    }

    /// A dimension's mean score at the learners' first full assessment and at their latest.
    public struct DimensionAverage: Sendable, Equatable {
        public var courseID: String
        public var dimension: String
        /// Attempts with a first and a latest score on this dimension.
        public var learners: Int
        public var before: Double
        public var after: Double
    }

    /// The cohort's self-assessment per dimension, in the order the participants show them
    /// (their course's order of dimensions).
    public func dimensionAverages() -> [DimensionAverage] {
        var order: [String] = []
        var sums: [String: DimensionAverage] = [:]
        for p in participants {
            for a in p.assessments {
                let key = p.courseID + "/" + a.dimension
                if sums[key] == nil {
                    order.append(key)
                    sums[key] = DimensionAverage(
                        courseID: p.courseID, dimension: a.dimension, learners: 0, before: 0, after: 0)
                }
                sums[key]?.learners += 1
                sums[key]?.before += a.first
                sums[key]?.after += a.latest
            }
        }
        return order.compactMap { key in
            guard var average = sums[key], average.learners > 0 else { return nil }
            average.before /= Double(average.learners)
            average.after /= Double(average.learners)
            return average
        }
    }
}

extension ParticipantSummary {
    /// The pace a person is shown: only while the attempt is under way. Before the first step
    /// is done nothing is planned behind the learner yet, and once finished there is no pace.
    public var visiblePace: Pace? {
        status == .inProgress ? pace : nil
    }
}
