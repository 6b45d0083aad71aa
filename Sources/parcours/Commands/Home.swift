import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursTerminal

/// Bare `parcours`: resume the unfinished path, or ask how much time there is and offer
/// the paths that fit.
struct Home: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "Resume your unfinished path, or choose one by the time you have (the default).")

    @Option(help: ArgumentHelp("The cohort code given by your facilitator.", valueName: "CODE"))
    var cohort: String?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    func run() throws {
        try Walk.guarded {
            let session = try LearnerSession.open(learner, content: content)
            let screen = Walk.screen()
            if let open = try session.latestEnrollment(unfinishedOnly: true) {
                return try session.walk(open, resuming: true, screen: screen)
            }
            let words = try UIWords.load(library: session.courses.library, lang: content.lang)
            screen.writeLine(
                screen.style.bold(
                    words.text("start.welcome", ["name": Sanitizer.plain(learner.learner)])))
            var reader = screen.makeLineReader(historyFile: nil)
            guard
                let (loaded, path) = try choosePath(
                    session: session, words: words, screen: screen, reader: &reader)
            else { return .suspended }
            return try session.begin(loaded, path: path, cohort: cohort, screen: screen)
        }
    }

    private func choosePath(
        session: LearnerSession, words: Catalog, screen: Screen, reader: inout any LineReader
    )
        throws -> (LoadedCourse, CoursePath)?
    {
        let offers = session.courses.library.courses.compactMap {
            try? session.courses.loaded($0, lang: content.lang)
        }
        .flatMap { loaded in loaded.course.paths.map { (loaded, $0) } }
        screen.writeLine(words.text("start.ask.time"))
        var minutes: Int?
        while minutes == nil {
            guard case .line(let line) = reader.readLine(prompt: "› ") else { return nil }
            minutes = Self.minutes(in: line)
            if minutes == nil { screen.writeLine(words.text("start.time.invalid")) }
        }
        var fitting = offers.filter { $0.1.budgetMinutes <= minutes ?? 0 }.sorted {
            $0.1.budgetMinutes > $1.1.budgetMinutes
        }
        if fitting.isEmpty {
            screen.writeLine(words.text("start.none.fits"))
            fitting = offers.sorted { $0.1.budgetMinutes < $1.1.budgetMinutes }
        } else {
            screen.writeLine(words.text("start.ask.path"))
        }
        for (index, (loaded, path)) in fitting.enumerated() {
            screen.writeLine(
                "  \(screen.style.accent(String(index + 1))). \(Walk.title(loaded, path)) · \(ClockFormat.hoursMinutes(minutes: path.budgetMinutes))"
            )
            // The summary, wrapped under its title with a hanging indent.
            let summary = MarkdownLight(width: screen.width - 5, style: .plain)
                .render(loaded.catalog.text(CourseKeys.pathSummary(path.id)))
            for line in summary.split(separator: "\n", omittingEmptySubsequences: false) {
                screen.writeLine(screen.style.dim("     " + line))
            }
        }
        while true {
            guard case .line(let line) = reader.readLine(prompt: "› ") else { return nil }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let number = Int(trimmed), (1...fitting.count).contains(number) {
                return fitting[number - 1]
            }
            if let match = fitting.first(where: { $0.1.id == trimmed }) { return match }
            screen.writeLine(words.text("answer.invalid", ["count": String(fitting.count)]))
        }
    }

    /// "2h", "2 h", "90min", "1h30", "45", "PT2H" → minutes.
    static func minutes(in text: String) -> Int? {
        let cleaned = text.lowercased().replacingOccurrences(of: " ", with: "")
        if let seconds = ISODuration.seconds(cleaned.uppercased()) { return seconds / 60 }
        if let plain = Int(cleaned) { return plain }
        var hours = 0
        var minutes = 0
        var number = ""
        var sawUnit = false
        for character in cleaned {
            if character.isNumber {
                number.append(character)
            } else if character == "h" {
                hours = Int(number) ?? 0
                number = ""
                sawUnit = true
            } else if "min".contains(character) {
                if !number.isEmpty { minutes = Int(number) ?? 0 }
                number = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        if !number.isEmpty { minutes = Int(number) ?? 0 }
        let total = hours * 60 + minutes
        return sawUnit && total > 0 ? total : nil
    }
}
