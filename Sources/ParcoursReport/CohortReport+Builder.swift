import ParcoursCore

extension CohortReport {
    /// Sums a cohort up one attempt at a time: `add` each record as it comes, then `report`.
    ///
    /// Pure, like `build`: `build(records:…)` runs one builder per core over the records and
    /// merges them; a report on one store feeds one from the scan, each learner as soon as
    /// their log is read (`ProgressStore.cohort(_:path:receive:)`). The order in which
    /// records come changes nothing in the report.
    public struct Builder: Sendable {
        private let options: ReportOptions
        /// The installed course of an id, or nil; asked once per course.
        private let lookup: @Sendable (String) -> Course?
        /// Courses asked for so far (nil: not installed).
        private var courses: [String: Course?] = [:]
        /// One navigator per path; `navigatorOf` names each path's, or -1 when the course or
        /// path is not installed.
        private var navigators: [Navigator] = []
        private var navigatorOf: [FunnelCounter.Key: Int] = [:]
        private var last: (key: FunnelCounter.Key, navigator: Int)?
        /// Records left out, per missing course/path.
        private var missing: [String: Int] = [:]
        /// Records left out because their log cannot be counted, said in words.
        private var damaged: [String] = []
        private var participants: [ParticipantSummary] = []
        /// Whether `participants` is in the report's order (`sortParticipants`).
        private var isSorted = true
        private var funnels = FunnelCounter()

        public init(options: ReportOptions, course lookup: @escaping @Sendable (String) -> Course?) {
            self.options = options
            self.lookup = lookup
        }

        /// Room for `count` more attempts.
        public mutating func reserveCapacity(_ count: Int) {
            participants.reserveCapacity(participants.count + count)
        }

        /// Sums up one attempt (unless the report's filter leaves it out).
        public mutating func add(_ record: borrowing CohortRecord) {
            if let cohort = options.cohort, record.cohort != cohort { return }
            if let path = options.pathID, record.pathID != path { return }
            if let damage = record.damage {
                damaged.append(
                    "\(record.participant)'s attempt \(record.attempt) at \(record.courseID)/\(record.pathID) "
                        + "was left out: \(damage)")
                return
            }
            let index = navigator(course: record.courseID, path: record.pathID)
            guard index >= 0 else {
                missing["\(record.courseID)/\(record.pathID)", default: 0] += 1
                return
            }
            // The navigator is read in place: a copy retains every array of its course.
            isSorted = false
            navigators.withUnsafeBufferPointer { navigators in
                // The learner's steps looked up on the path once, for the walk, the pace and
                // the funnel.
                let nodes = navigators[index].nodes(of: record.progress)
                participants.append(
                    ParticipantSummary(
                        record: record, progress: record.progress, navigator: navigators[index], nodes: nodes,
                        options: options))
                funnels.add(
                    record.progress, nodes: nodes, course: navigators[index].course, path: navigators[index].path)
            }
        }

        /// Adds what another builder summed up (same options and courses). Two builders in
        /// the report's order (`sortParticipants`) give one in order.
        ///
        /// The summaries are moved, not copied: a copy retains each text and array of a
        /// summary, and after a scan of 10,000 learners they lie cold in memory (copying them
        /// here cost the end of a report about 10 ms on one core).
        public mutating func merge(_ other: consuming Builder) {
            var theirs: [ParticipantSummary] = []
            swap(&theirs, &other.participants)
            let inOrder = isSorted && other.isSorted
            participants = Self.moving(&participants, &theirs, merging: inOrder)
            isSorted = inOrder
            funnels.merge(other.funnels)
            missing.merge(other.missing, uniquingKeysWith: +)
            damaged += other.damaged
            courses.merge(other.courses) { mine, _ in mine }
        }

        /// The report, with `unenrolled` (names known to a store with no enrollment) listed
        /// when no filter is set.
        public consuming func report(unenrolled: [String] = []) -> CohortReport {
            if options.cohort == nil && options.pathID == nil && !unenrolled.isEmpty {
                for name in unenrolled {
                    participants.append(ParticipantSummary(unenrolled: name))
                }
                isSorted = false
            }
            sortParticipants()
            let notices =
                missing.keys.sorted().map { key in
                    "\(missing[key] ?? 0) enrollment(s) on \(key) were left out: "
                        + "that course or path is not installed here"
                } + damaged.sorted()
            return CohortReport(
                generatedAt: options.now, cohort: options.cohort, pathID: options.pathID,
                stalledAfterMinutes: Int(options.stalledAfter / 60), participants: participants,
                steps: funnels.funnels(courses: courses.compactMapValues { $0 }), notices: notices,
                courseVersions: funnels.versions(), leftOut: missing)
        }

        /// Puts the attempts summed up so far in the report's order. A scan's lanes each sort
        /// their own, on their own core, before they are merged: the merge then interleaves
        /// two runs in order, and the report sorts nothing.
        public mutating func sortParticipants() {
            guard !isSorted else { return }
            // The positions are sorted, then the summaries moved once into that order: sorted
            // in place, each summary was copied (retaining each of its texts and arrays, cold
            // in memory by then) at every step of the sort.
            let order = participants.withUnsafeBufferPointer { summaries in
                Array(summaries.indices).sorted { Self.listedBefore(summaries[$0], summaries[$1]) }
            }
            var sorted = Moved(capacity: order.count)
            participants.withUnsafeMutableBufferPointer { summaries in
                for index in order { sorted.take(summaries, index) }
            }
            participants = sorted.summaries
            isSorted = true
        }

        /// The summaries of `first` then `second`, or both merged in the report's order when
        /// `merging` (each must be in that order; on a tie `first`'s come first), moved.
        static func moving(
            _ first: inout [ParticipantSummary], _ second: inout [ParticipantSummary], merging: Bool
        ) -> [ParticipantSummary] {
            var result = Moved(capacity: first.count + second.count)
            first.withUnsafeMutableBufferPointer { first in
                second.withUnsafeMutableBufferPointer { second in
                    var (i, j) = (0, 0)
                    while i < first.count || j < second.count {
                        let fromFirst: Bool
                        if i == first.count {
                            fromFirst = false
                        } else if j == second.count {
                            fromFirst = true
                        } else {
                            // Compared in place: through a closure, each summary was copied.
                            fromFirst = !merging || !Self.listedBefore(second[j], first[i])
                        }
                        if fromFirst {
                            result.take(first, i)
                            i += 1
                        } else {
                            result.take(second, j)
                            j += 1
                        }
                    }
                }
            }
            return result.summaries
        }

        /// Summaries gathered by moving each out of its place, where an empty one is left:
        /// nothing is retained or released but the empty ones' texts, which are not counted.
        private struct Moved {
            private(set) var summaries: [ParticipantSummary] = []
            private let empty = ParticipantSummary(unenrolled: "")

            init(capacity: Int) { summaries.reserveCapacity(capacity) }

            mutating func take(_ buffer: UnsafeMutableBufferPointer<ParticipantSummary>, _ index: Int) {
                summaries.append(buffer.moveElement(from: index))
                buffer.initializeElement(at: index, to: empty)
            }
        }

        /// The report's order: by name, then path, then attempt. Compared field by field,
        /// in place (a tuple of the fields would copy them).
        private static func listedBefore(_ lhs: ParticipantSummary, _ rhs: ParticipantSummary) -> Bool {
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            if lhs.pathID != rhs.pathID { return lhs.pathID < rhs.pathID }
            return lhs.attempt < rhs.attempt
        }

        /// The index of the path's navigator, made on first use; -1 when the course or the
        /// path is not installed.
        private mutating func navigator(course: String, path: String) -> Int {
            if let last, last.key.course == course, last.key.path == path { return last.navigator }
            let key = FunnelCounter.Key(course: course, path: path)
            let index: Int
            if let known = navigatorOf[key] {
                index = known
            } else {
                if courses[course] == nil { courses[course] = .some(lookup(course)) }
                if let loaded = courses[course] ?? nil, let coursePath = loaded.path(path) {
                    index = navigators.count
                    navigators.append(Navigator(course: loaded, path: coursePath))
                } else {
                    index = -1
                }
                navigatorOf[key] = index
            }
            last = (key, index)
            return index
        }
    }
}
