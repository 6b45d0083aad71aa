import Foundation

/// Runs every rule on a course and its locale files, collecting all diagnostics.
public enum Linter {
    public static let rules: [any LintRule] = [
        IdentifierRule(), DuplicateIDRule(), StepReferenceRule(), ReachabilityRule(), DeadEndRule(),
        CycleRule(), ConditionReferenceRule(), ResourceReferenceRule(), EstimateRule(),
        BudgetRule(), MasteryRule(),
        TranslationRule(), PlaceholderRule(), TypographyRule(),
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
        // The graph and each locale file parse independently: decode them side by side, and
        // keep their findings in file order.
        let decoded = (0...source.locales.count).concurrentMap { index in
            if index == 0 {
                let (file, found) = CourseFileDecoder.decode(source.graph.text, file: source.graph.path)
                return Decoded.graph(file, found)
            }
            let text = source.locales[index - 1]
            let (locale, found) = LocaleFileDecoder.decodeCourseLocale(text.text, file: text.path)
            return Decoded.locale(locale, found)
        }
        var courseFile: CourseFile?
        var locales: [LocaleFile] = []
        for file in decoded {
            switch file {
            case .graph(let file, let found):
                courseFile = file
                diagnostics += found
            case .locale(let locale, let found):
                if let locale { locales.append(locale) }
                diagnostics += found
            }
        }
        if let courseFile {
            // A locale file that did not parse has its own diagnostic; its language is not
            // "missing" (`Locales/<language>/<course>.yml`).
            let unreadable = source.locales.filter { text in !locales.contains { $0.file == text.path } }.map {
                ContentSearch.parent(of: $0.path).split(separator: "/").last.map(String.init) ?? ""
            }
            let texts = Dictionary(source.locales.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
            let context = LintContext(
                course: courseFile, locales: locales, unreadableLanguages: Set(unreadable), localeTexts: texts)
            // Rules only read the context: they run side by side, their findings kept in rule order.
            let findings = rules.concurrentMap { rule -> (diagnostics: [Diagnostic], times: [PathTimes]?) in
                guard rule is BudgetRule else { return (rule.check(context), nil) }
                // The budget rule's walks are the summary's too: computed once.
                let times = BudgetRule.times(context)
                return (BudgetRule.diagnostics(context, times: times), times)
            }
            diagnostics += findings.flatMap(\.diagnostics)
            times = findings.lazy.compactMap(\.times).first ?? []
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
        diagnostics += PlaceholderRule.check(catalogs)
        return diagnostics
    }
}

/// One of a course's files, decoded, with what decoding it found.
private enum Decoded: Sendable {
    case graph(CourseFile?, [Diagnostic])
    case locale(LocaleFile?, [Diagnostic])
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
