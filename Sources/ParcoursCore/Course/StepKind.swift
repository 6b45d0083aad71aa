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
