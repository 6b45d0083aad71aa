import ParcoursCore
import ParcoursReport

extension ReportTitles {
    /// The words of the courses `report` counts, in `lang` (else the environment's language,
    /// else each course's source language), read through `courses`, whose graphs the report
    /// has already parsed. A course that is no longer installed or whose words cannot be read
    /// shows its ids.
    public init(for report: CohortReport, courses: CourseLookup, lang: String?) {
        var ids: [String] = []
        for id in report.steps.map(\.courseID) + report.participants.map(\.courseID)
        where !id.isEmpty && !ids.contains(id) {
            ids.append(id)
        }
        self.init(
            ids.compactMap { id in
                guard let files = courses.files(id), let loaded = try? courses.loaded(files, lang: lang) else {
                    return nil
                }
                return (loaded.course, loaded.catalog)
            })
    }
}
