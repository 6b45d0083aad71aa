/// French typography in the words a learner reads: every locale file whose language is `fr`.
///
/// French puts a narrow no-break space (U+202F; U+00A0 is accepted too) before « : ; ! ? »
/// and inside guillemets, and writes its elisions with a typographic apostrophe (’, U+2019).
/// A plain space there lets a wrapper break the line before the punctuation, and a straight
/// apostrophe reads as code. Each violation is a warning at its own `file:line:col`, counted
/// in Unicode scalars as libyaml counts them. Only prose is read: YAML keys and comments, link
/// targets and bare addresses, and colons that are not punctuation (`0:09`, `https:`) are left
/// alone.
///
/// ```
/// Locales/fr/demo.yml:21:20: warning: plain space before '?': French puts a narrow no-break space (U+202F) there [typography]
/// ```
struct TypographyRule: LintRule {
    static let ids = ["typography"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.locales.filter { $0.language.value == "fr" }.flatMap { locale in
            context.localeTexts[locale.file].map { Self.check($0, file: locale.file) } ?? []
        }
    }

    /// Every violation in the prose of one French locale file: course words or a UI catalog.
    static func check(_ text: String, file: String) -> [Diagnostic] {
        var scanner = TypographyScanner()
        var diagnostics: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for finding in scanner.findings(in: Array(line.unicodeScalars)) {
                diagnostics.append(
                    .warning(
                        "typography", at: SourceLocation(file: file, line: index + 1, column: finding.column),
                        finding.problem.message))
            }
        }
        return diagnostics
    }

    /// What is wrong at one place.
    enum Problem: Equatable {
        case plainSpaceBefore(Character)
        case noSpaceBefore(Character)
        case plainSpaceAfterOpening
        case noSpaceAfterOpening
        case straightApostrophe

        var message: String {
            let narrow = "French puts a narrow no-break space (U+202F) there"
            return switch self {
            case .plainSpaceBefore(let mark): "plain space before '\(mark)': \(narrow)"
            case .noSpaceBefore(let mark): "no space before '\(mark)': \(narrow)"
            case .plainSpaceAfterOpening: "plain space after '«': \(narrow)"
            case .noSpaceAfterOpening: "no space after '«': \(narrow)"
            case .straightApostrophe: "straight apostrophe in prose: write ’ (U+2019)"
            }
        }
    }
}
