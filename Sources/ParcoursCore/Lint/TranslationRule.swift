/// Every word a learner reads must exist in every language; keys nothing uses are flagged.
struct TranslationRule: LintRule {
    static let ids = ["missing-translation", "unused-translation"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let course = context.course
        let (expected, unknownKindSteps) = CourseKeys.expectations(for: course)
        // Not sorted: the linter sorts every diagnostic by location at the end.
        let requiredKeys = expected.filter(\.value.isRequired).keys
        let languages = Set(context.locales.map(\.language.value))
        if !course.sourceLanguage.value.isEmpty, !languages.contains(course.sourceLanguage.value),
            !context.unreadableLanguages.contains(course.sourceLanguage.value)
        {
            diagnostics.append(
                .error(
                    "missing-translation", at: course.sourceLanguage.location,
                    "no locale file for the source language '\(course.sourceLanguage.value)' (expected Locales/\(course.sourceLanguage.value)/\(course.id.value).yml)"
                ))
        }
        for locale in context.locales {
            let language = locale.language.value
            for key in requiredKeys where locale.entries[key] == nil {
                diagnostics.append(
                    .error(
                        "missing-translation", at: locale.nearestLocation(for: key),
                        "'\(key)' is missing in language '\(language)'"))
            }
            for (key, entry) in locale.entries {
                guard let expectation = expected[key] else {
                    if key.hasPrefix("steps."), unknownKindSteps.contains(stepID(of: key)) {
                        continue
                    }
                    diagnostics.append(
                        .warning(
                            "unused-translation", at: entry.location,
                            "'\(key)' is not used by course '\(course.id.value)'"))
                    continue
                }
                if let count = expectation.listCount {
                    guard case .list(let labels) = entry.value, labels.count == count else {
                        diagnostics.append(
                            .error(
                                "invalid-value", at: entry.location,
                                "'\(key)' must be a list of exactly \(count) labels, lowest first"))
                        continue
                    }
                } else if case .list = entry.value {
                    diagnostics.append(
                        .error(
                            "invalid-value", at: entry.location, "'\(key)' must be text, not a list"
                        ))
                }
            }
        }
        return diagnostics
    }

    private func stepID(of key: String) -> String {
        key.split(separator: ".").dropFirst().first.map(String.init) ?? ""
    }
}
