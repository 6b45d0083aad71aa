/// The graph file `Paths/<course>.yml` exactly as written, with every value's location.
///
/// This is the *file model*: lint reads it to report problems where the author wrote them.
/// `CourseBuilder` turns a clean one into the runtime `Course`.
public struct CourseFile: Sendable {
    public var file: String
    public var formatVersion: Located<Int>?
    public var id: Located<String>
    public var version: String
    public var sourceLanguage: Located<String>
    public var paths: [PathFile] = []
    public var dimensions: [Located<String>] = []
    public var scales: [ScaleFile] = []
    public var resources: [ResourceFile] = []
    public var steps: [StepFile] = []
    public var location: SourceLocation

    public struct PathFile: Sendable {
        public var id: Located<String>
        /// The budget in minutes, when the duration could be read.
        public var budgetMinutes: Located<Int>?
        public var tolerancePercent: Int
        /// The scaled score (0…1) a learner needs on the path's graded questions to pass
        /// it (`masteryScore`, cmi5's name); nil: the path is completed, never passed or failed.
        public var masteryScore: Located<Double>? = nil
        public var steps: [Located<String>]
        /// Resources the path covers, never recommended on it.
        public var uses: [Located<String>] = []
        public var location: SourceLocation
    }

    public struct ScaleFile: Sendable {
        public var id: Located<String>
        public var points: Int
    }

    public struct ResourceFile: Sendable {
        public var id: Located<String>
        public var kind: ResourceKind?
        public var url: String
        public var minutes: Int
        public var level: ResourceLevel?
    }

    public struct StepFile: Sendable {
        public var id: Located<String>
        /// Nil when the kind written is not one parcours knows (reported as invalid).
        public var kind: StepKind?
        public var minutes: Located<Int>?
        /// Whether `minutes` was written at all (a bad value is not a missing estimate).
        public var hasMinutesKey: Bool
        public var isOptional: Bool
        public var value: Int
        public var next: Located<String>?
        public var isFinal: Bool
        public var branches: [BranchFile]
        public var answer: AnswerMode
        public var choices: [ChoiceFile]
        public var scale: Located<String>?
        public var items: [ItemFile]
        public var recommendations: [RecommendationFile]
        public var recommendationLimit: Int = Recommender.defaultLimit
        public var countdownMinutes: Int?
        public var hasDeliverable: Bool
        public var isOffline: Bool
        /// Resources the learner works through on this step.
        public var uses: [Located<String>] = []
        public var hasTemplate = false
        public var selfCheck: [Located<String>] = []
        public var shufflesChoices = true
        public var location: SourceLocation
    }

    public struct BranchFile: Sendable {
        public var condition: ConditionFile
        public var target: Located<String>
    }

    public struct ChoiceFile: Sendable {
        public var id: Located<String>
        public var isCorrect: Bool?
        public var isFixed = false
    }

    public struct ItemFile: Sendable {
        public var id: Located<String>
        public var dimension: Located<String>
    }

    public struct RecommendationFile: Sendable {
        public var resource: Located<String>
        public var reason: Located<String>
        public var condition: ConditionFile?
    }

    /// A condition as written, with locations for the ids it names.
    public indirect enum ConditionFile: Sendable {
        case answer(question: Located<String>, choices: [Located<String>])
        case correct(question: Located<String>, expected: Bool)
        case score(dimension: Located<String>, below: Double?, atLeast: Double?)
        case all([ConditionFile])
        case any([ConditionFile])
        case not(ConditionFile)
    }
}
