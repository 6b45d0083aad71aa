import ParcoursCore

/// What a report shows for a course's ids: the titles of its paths, steps and dimensions in
/// one language, and the scale each dimension is rated on.
///
/// The report itself counts by id (ids are stable, words are not); the renderers ask this
/// for the words. A course without words here (not installed, or no catalog given) shows its
/// ids, and so does a key its catalog lacks, so a title is never the catalog's `…`.
///
/// ```swift
/// let titles = ReportTitles([(course, catalog)])
/// titles.step("welcome", course: "alliances-territoires")   // "Bienvenue dans Alliances & Territoires"
/// ```
public struct ReportTitles: Sendable {
    /// Each course's words, by course id.
    private var catalogs: [String: Catalog] = [:]
    /// The highest point of the scales each dimension's items are rated on, by course id.
    private var scales: [String: [String: Int]] = [:]

    /// No words: every id is shown as it is.
    public init() {}

    /// The words of each course, in the language its catalog speaks.
    public init(_ courses: [(course: Course, catalog: Catalog)]) {
        for (course, catalog) in courses {
            catalogs[course.id] = catalog
            var points: [String: Int] = [:]
            for step in course.steps.values {
                guard let scale = step.scale.flatMap({ course.scales[$0] }) else { continue }
                for item in step.items { points[item.dimension] = max(points[item.dimension] ?? 0, scale.points) }
            }
            scales[course.id] = points
        }
    }

    /// The language of the words, when every course speaks the same one.
    public var language: String? {
        let languages = Set(catalogs.values.map(\.language))
        return languages.count == 1 ? languages.first : nil
    }

    /// The language of a course's words, if it has any here.
    public func language(ofCourse course: String) -> String? {
        catalogs[course]?.language
    }

    public func step(_ id: String, course: String) -> String {
        text(CourseKeys.step(id, "title"), course: course) ?? id
    }

    public func path(_ id: String, course: String) -> String {
        text(CourseKeys.pathTitle(id), course: course) ?? id
    }

    public func dimension(_ id: String, course: String) -> String {
        text(CourseKeys.dimension(id), course: course) ?? id
    }

    /// The highest point of the scale `dimension` is rated on, if known (a grid rated 1 to 4
    /// is drawn on 1…4, not on a guess).
    public func scalePoints(_ dimension: String, course: String) -> Int? {
        scales[course]?[dimension]
    }

    private func text(_ key: String, course: String) -> String? {
        guard let words = catalogs[course]?.optionalText(key), !words.isEmpty else { return nil }
        return words
    }
}
