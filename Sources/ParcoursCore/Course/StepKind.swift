/// What a step asks of the learner.
public enum StepKind: String, Sendable, CaseIterable, Codable {
    /// Read, then continue.
    case lesson
    /// Choose one or several answers, or write a free answer.
    case question
    /// Rate statements on a labelled scale (self-assessment).
    case assessment
    /// Recommended resources, each with the reason it is offered.
    case resources
    /// Do something, with an optional countdown and a text deliverable.
    case activity
    /// The end of a sitting: summary, time used, what comes next.
    case checkpoint
}

/// How a question is answered.
public enum AnswerMode: String, Sendable, CaseIterable, Codable {
    case single
    case multiple
    case text
}

/// The kinds of resource a catalogue may hold.
public enum ResourceKind: String, Sendable, CaseIterable, Codable {
    case guide, charter, study, film, platform, newsletter, database, website, tool, course
}

/// How deep a resource goes, so that recommendations match it to the learner's level
/// (`LearnerLevel`): discovery material for beginners, research for advanced learners.
public enum ResourceLevel: String, Sendable, CaseIterable, Codable {
    /// A first look: a presentation, a film, a news page.
    case discovery
    /// Something to do with: a guide, a method, a tool, a platform.
    case practice
    /// The evidence in depth: studies, working papers.
    case research

    /// 0, 1, 2: compared with `LearnerLevel.rank`.
    public var rank: Int {
        switch self {
        case .discovery: 0
        case .practice: 1
        case .research: 2
        }
    }
}
