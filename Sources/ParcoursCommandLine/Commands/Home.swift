import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursTerminal

/// Bare `parcours`: resume the unfinished path, or ask how much time there is and offer
/// the paths that fit.
package struct Home: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "home",
        abstract: "Resume your unfinished path, or choose one by the time you have (the default).")

    @Option(help: ArgumentHelp("The cohort code given by your facilitator.", valueName: "CODE"))
    var cohort: String?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    package func run() throws {
        try Walk.guarded {
            let session = try LearnerSession.open(learner, content: content)
            let screen = content.screen()
            if let open = try session.latestEnrollment(unfinishedOnly: true) {
                return try session.walk(open, resuming: true, screen: screen)
            }
            let words = try UIWords.load(library: session.courses.library, lang: content.lang)
            screen.writeLine(
                screen.style.bold(
                    words.text("start.welcome", ["name": Sanitizer.plain(learner.learner)])))
            if let finished = try session.latestEnrollment(unfinishedOnly: false), let date = finished.finishedAt,
                let (loaded, path) = try? session.course(
                    for: finished, progress: LearnerProgress.fold(try session.store.events(of: finished.id)))
            {
                // A word on the path the learner finished, before offering another.
                screen.writeLine(
                    words.text(
                        "start.finished",
                        [
                            "path": Walk.title(loaded, path), "date": LocalDate(date).long(in: words),
                            "command": "parcours journal" + session.commandOptions,
                        ]))
            }
            var reader = screen.makeLineReader(historyFile: nil)
            guard
                let (loaded, path) = try choosePath(
                    session: session, words: words, screen: screen, reader: &reader)
            else { return .suspended }
            return try session.begin(loaded, path: path, cohort: cohort, screen: screen)
        }
    }

    /// Asks for the time the learner has and offers every installed path that fits.
    private func choosePath(
        session: LearnerSession, words: Catalog, screen: Screen, reader: inout any LineReader
    ) throws -> (LoadedCourse, CoursePath)? {
        let candidates = session.courses.library.courses.compactMap {
            try? session.courses.loaded($0, lang: content.lang)
        }
        .flatMap { loaded in loaded.course.paths.map { (loaded, $0) } }
        let offers = candidates.map { loaded, path in
            PathChooser.Offer(
                id: path.id, title: Walk.title(loaded, path), budgetMinutes: path.budgetMinutes,
                summary: loaded.catalog.text(CourseKeys.pathSummary(path.id)))
        }
        return PathChooser(words: words, screen: screen).choose(offers, reader: &reader).map { candidates[$0] }
    }
}
