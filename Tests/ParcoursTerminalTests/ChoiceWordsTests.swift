import Testing

@testable import ParcoursTerminal

/// Choices named by the words of their labels, in the learner's language.
@Suite("choice words")
struct ChoiceWordsTests {
    static let forms = ChoiceWords([
        ("responsible", "Des pratiques responsables"), ("cooperation", "Une coopération économique"),
        ("innovation", "De l'innovation sociale ou sociétale"), ("patronage", "Du mécénat"),
    ])

    @Test(arguments: [
        ("mécénat", "patronage"), ("Mecenat", "patronage"), ("le mécénat", "patronage"), ("méc", "patronage"),
        ("coopération économique", "cooperation"), ("cooperation", "cooperation"), ("pratiques", "responsible"),
        ("innovation sociétale", "innovation"),
    ])
    func aLabelsWordsNameItsChoice(_ typed: String, _ id: String) {
        #expect(Self.forms.choice(named: typed) == id)
    }

    @Test(arguments: ["", "de", "x", "mécénat coopération", "je ne sais pas", "patronagee"])
    func wordsThatNameNoneOrSeveralNameNothing(_ typed: String) {
        #expect(Self.forms.choice(named: typed) == nil, "\(typed)")
    }

    @Test func completionsAreTheLabelsWordsAsWritten() {
        let completions = Self.forms.completions
        #expect(completions.contains("mécénat"))
        #expect(completions.contains("coopération"))
        #expect(!completions.contains("patronage"), "ids are not offered")
        #expect(!completions.contains("des") && !completions.contains("ou"), "little words are not offered")
        #expect(ChoiceWords.completes("mécénat", "MEC"))
        #expect(!ChoiceWords.completes("mécénat", "coo"))
    }
}
