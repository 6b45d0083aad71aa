import ParcoursCore

/// What lint found in its jobs: every diagnostic, and each path's walk figures.
///
/// ```swift
/// let findings = try LintFindings.check(try LintTargets.resolve(["Paths/x.yml"], home: nil, environment: [:]))
/// for diagnostic in findings.diagnostics { print(diagnostic) }
/// ```
public struct LintFindings {
    /// In the order a report lists them (`sortedForReport`).
    public var diagnostics: [Diagnostic] = []
    /// Each path's walk figures, with its course id, in the order the courses were checked.
    public var times: [(course: String, Linter.PathTimes)] = []
    /// How many courses were checked.
    public var courses = 0

    /// Checks every course and UI catalog of `jobs`. A file that is not UTF-8 is one more
    /// diagnostic and the check goes on; one that cannot be read at all is thrown (66).
    public static func check(_ jobs: LintTargets.Jobs) throws(LibraryError) -> LintFindings {
        var findings = LintFindings(courses: jobs.courses.count)
        func read(_ path: String) throws(LibraryError) -> SourceText {
            let (text, problem) = try ContentLibrary.readDecoding(path)
            if let problem { findings.diagnostics.append(problem) }
            return text
        }
        for course in jobs.courses {
            let graph = try read(course.graph)
            var locales: [SourceText] = []
            for language in course.locales.keys.sorted() {
                if let file = course.locales[language] { locales.append(try read(file)) }
            }
            let report = Linter.report(CourseSource(graph: graph, locales: locales))
            findings.diagnostics += report.diagnostics
            findings.times += report.paths.map { (course.id, $0) }
        }
        if !jobs.uiCatalogs.isEmpty {
            var catalogs: [SourceText] = []
            for file in jobs.uiCatalogs { catalogs.append(try read(file)) }
            findings.diagnostics += Linter.lintUICatalogs(catalogs)
        }
        findings.diagnostics = findings.diagnostics.sortedForReport()
        return findings
    }
}
