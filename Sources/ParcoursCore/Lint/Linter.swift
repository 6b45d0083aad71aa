import Foundation

/// Runs every rule on a course and its locale files, collecting all diagnostics.
public enum Linter {
    public static let rules: [any LintRule] = [
        IdentifierRule(), DuplicateIDRule(), StepReferenceRule(), ReachabilityRule(), DeadEndRule(),
        CycleRule(), ConditionReferenceRule(), ResourceReferenceRule(), EstimateRule(),
        BudgetRule(),
        TranslationRule(), TypographyRule(),
    ]

    /// Every rule id lint can report, including those of the loader.
    public static var ruleIDs: [String] {
        ["yaml-syntax", "unsupported-format", "unknown-key", "missing-key", "invalid-value"]
            + rules.flatMap { type(of: $0).ids }
    }

    /// The time walks of one path, as lint computed them.
    public struct PathTimes: Sendable, Equatable {
        public var path: String
        public var budgetMinutes: Int?
        /// Before adaptation: shortest (required steps only), typical, longest.
        public var bounds: PathGraph.TimeBounds
        /// After adaptation to the budget: lightest, typical, heaviest, and the step counts.
        public var walks: PathGraph.WalkBounds

        /// Every walk figure of `graph`, its components found once.
        public init(path: String, budgetMinutes: Int?, graph: PathGraph) {
            self.path = path
            self.budgetMinutes = budgetMinutes
            let condensation = graph.condensation()
            bounds = graph.timeBounds(condensation: condensation)
            walks = graph.walkBounds(budget: budgetMinutes, condensation: condensation)
        }
    }

    /// What lint found in one course.
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var paths: [PathTimes]
    }

    /// Lints one course from the text of its files.
    public static func lint(_ source: CourseSource) -> [Diagnostic] {
        report(source).diagnostics
    }

    /// Lints one course and reports the time walks of its paths too.
    public static func report(_ source: CourseSource) -> Report {
        var diagnostics: [Diagnostic] = []
        var times: [PathTimes] = []
        // The graph and each locale file parse independently: decode them side by side.
        let decoded = DecodedFiles(count: source.locales.count + 1)
        DispatchQueue.concurrentPerform(iterations: source.locales.count + 1) { index in
            if index == 0 {
                let (file, found) = CourseFileDecoder.decode(source.graph.text, file: source.graph.path)
                decoded.setGraph(file, found)
            } else {
                let text = source.locales[index - 1]
                let (locale, found) = LocaleFileDecoder.decodeCourseLocale(text.text, file: text.path)
                decoded.setLocale(index - 1, locale, found)
            }
        }
        let (courseFile, locales, found) = decoded.results()
        diagnostics += found
        if let courseFile {
            let texts = Dictionary(source.locales.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
            let context = LintContext(course: courseFile, locales: locales, localeTexts: texts)
            // Rules only read the context: they run side by side, their findings kept in rule order.
            let findings = RuleFindings(count: rules.count)
            DispatchQueue.concurrentPerform(iterations: rules.count) { index in
                if rules[index] is BudgetRule {
                    // The budget rule's walks are the summary's too: computed once.
                    let times = BudgetRule.times(context)
                    findings.set(index, BudgetRule.diagnostics(context, times: times), times: times)
                } else {
                    findings.set(index, rules[index].check(context))
                }
            }
            diagnostics += findings.all()
            times = findings.times
        }
        return Report(diagnostics: diagnostics, paths: times)
    }

    /// Checks that every UI catalog has the keys the others have, and that the French ones
    /// follow French typography (`typography`, as in course words).
    public static func lintUICatalogs(_ files: [SourceText]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var catalogs: [UICatalogFile] = []
        for file in files {
            let (catalog, found) = LocaleFileDecoder.decodeUICatalog(file.text, file: file.path)
            diagnostics += found
            if let catalog {
                catalogs.append(catalog)
                if catalog.language.value == "fr" { diagnostics += TypographyRule.check(file.text, file: file.path) }
            }
        }
        let allKeys = catalogs.reduce(into: Set<String>()) { $0.formUnion($1.entries.keys) }
        for catalog in catalogs {
            for key in allKeys.subtracting(catalog.entries.keys).sorted() {
                diagnostics.append(
                    .error(
                        "missing-translation", at: catalog.location,
                        "UI string '\(key)' is missing in language '\(catalog.language.value)'"))
            }
        }
        return diagnostics
    }
}

/// Results of decoding a course's files on several threads, gathered under a lock.
private final class DecodedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var graph: CourseFile?
    private var graphDiagnostics: [Diagnostic] = []
    private var locales: [LocaleFile?]
    private var localeDiagnostics: [[Diagnostic]]

    init(count: Int) {
        locales = Array(repeating: nil, count: max(0, count - 1))
        localeDiagnostics = Array(repeating: [], count: max(0, count - 1))
    }

    func setGraph(_ file: CourseFile?, _ found: [Diagnostic]) {
        lock.withLock {
            graph = file
            graphDiagnostics = found
        }
    }

    func setLocale(_ index: Int, _ file: LocaleFile?, _ found: [Diagnostic]) {
        lock.withLock {
            locales[index] = file
            localeDiagnostics[index] = found
        }
    }

    /// In file order, whatever order the threads finished in.
    func results() -> (CourseFile?, [LocaleFile], [Diagnostic]) {
        lock.withLock { (graph, locales.compactMap { $0 }, graphDiagnostics + localeDiagnostics.flatMap { $0 }) }
    }
}

/// Each rule's diagnostics, gathered from several threads under a lock.
private final class RuleFindings: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [[Diagnostic]]

    init(count: Int) {
        found = Array(repeating: [], count: count)
    }

    /// The paths' time walks, set by the budget rule's job.
    private var pathTimes: [Linter.PathTimes] = []

    func set(_ index: Int, _ diagnostics: [Diagnostic], times: [Linter.PathTimes]? = nil) {
        lock.withLock {
            found[index] = diagnostics
            if let times { pathTimes = times }
        }
    }

    var times: [Linter.PathTimes] {
        lock.withLock { pathTimes }
    }

    func all() -> [Diagnostic] {
        lock.withLock { found.flatMap { $0 } }
    }
}

/// The text of one file and the path to report it under.
public struct SourceText: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// A course as text: its graph file and its locale files.
public struct CourseSource: Sendable {
    public var graph: SourceText
    public var locales: [SourceText]

    public init(graph: SourceText, locales: [SourceText]) {
        self.graph = graph
        self.locales = locales
    }
}
