import ParcoursCore
import Testing

@Suite("Durations and content search")
struct FormatTests {
    @Test(
        "ISO 8601 durations",
        arguments: [
            ("PT2H", 7_200), ("PT1H30M", 5_400), ("PT10M", 600), ("P1DT2H", 93_600), ("PT45S", 45),
        ])
    func durations(text: String, seconds: Int) {
        #expect(ISODuration.seconds(text) == seconds)
        #expect(ISODuration.seconds(ISODuration.format(seconds: seconds)) == seconds)
    }

    @Test(
        "bad durations are refused",
        arguments: ["2h", "PT", "P", "PT2X", "PTH", "P1M", "PT1.5H", ""])
    func badDurations(text: String) {
        #expect(ISODuration.seconds(text) == nil)
    }

    @Test func clock() {
        #expect(ClockFormat.hoursMinutes(minutes: 125) == "2:05")
        #expect(ClockFormat.hoursMinutes(minutes: 0) == "0:00")
        #expect(ClockFormat.hoursMinutes(seconds: 720 * 60) == "12:00")
    }

    @Test func explicitHomeWinsThenUserCourses() {
        let result = ContentSearch.roots(
            home: "/courses", environment: ["PARCOURS_HOME": "/ignored", "XDG_DATA_HOME": "/data"],
            executablePath: "/usr/bin/parcours", homeDirectory: "/home/ada",
            isContentRoot: { _ in true })
        #expect(result.roots == ["/courses", "/data/parcours"])
        #expect(result.interfaceRoots == ["/courses", "/data/parcours", "/usr/share/parcours"])
    }

    /// An author's `--home` holds their course only: the interface's words come from
    /// parcours' own installation, after the home's.
    @Test func theInterfaceFallsBackToTheInstallation() {
        let checkout = ContentSearch.roots(
            home: "/mine", environment: [:], executablePath: "/src/parcours/.build/debug/parcours",
            homeDirectory: "/h", isContentRoot: { $0 == "/mine" || $0 == "/src/parcours" })
        #expect(checkout.roots == ["/mine"])
        #expect(checkout.interfaceRoots == ["/mine", "/src/parcours"])
        let installed = ContentSearch.roots(
            home: nil, environment: [:], executablePath: "/opt/p/bin/parcours", homeDirectory: "/h",
            isContentRoot: { $0 == "/opt/p/share/parcours" })
        #expect(installed.interfaceRoots == ["/opt/p/share/parcours"], "not twice")
    }

    @Test func installedShareBeforeCheckout() {
        let result = ContentSearch.roots(
            home: nil, environment: [:], executablePath: "/opt/p/bin/parcours",
            homeDirectory: "/home/ada",
            isContentRoot: { $0 == "/opt/p/share/parcours" || $0 == "/opt/p" })
        #expect(result.roots == ["/opt/p/share/parcours"])
    }

    @Test func walksUpFromTheExecutableToTheCheckout() {
        let result = ContentSearch.roots(
            home: nil, environment: ["PARCOURS_HOME": ""],
            executablePath: "/src/parcours/.build/debug/parcours",
            homeDirectory: "/home/ada", isContentRoot: { $0 == "/src/parcours" })
        #expect(result.roots == ["/src/parcours"])
        #expect(result.looked.contains("/home/ada/.local/share/parcours"))
    }

    @Test func nothingFoundListsEveryPlace() {
        let result = ContentSearch.roots(
            home: nil, environment: ["PARCOURS_HOME": "/nope"], executablePath: nil,
            homeDirectory: "/h",
            isContentRoot: { _ in false })
        #expect(result.roots.isEmpty)
        #expect(result.looked == ["/nope", "/h/.local/share/parcours"])
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test(arguments: [("mian", "main"), ("suivnat", "suivant"), ("tuor", "tour"), ("hepl", "help")])
    func typosFindTheirWord(typo: String, word: String) {
        #expect(Suggestion.closest(to: typo, among: ["main", "suivant", "tour", "help", "plan"]) == word)
    }

    @Test func farWordsGetNoSuggestion() {
        #expect(Suggestion.closest(to: "xyz", among: ["main", "tour"]) == nil)
        #expect(Suggestion.distance("ab", "ba") == 1)
        #expect(Suggestion.distance("kitten", "sitting") == 3)
    }
}
