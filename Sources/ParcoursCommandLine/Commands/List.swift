import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursTerminal

package struct List: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every path on offer, with its budget, step count and typical time.")

    @Flag(help: "Print the paths as a JSON array.")
    var json = false

    @OptionGroup var content: ContentOptions

    struct Entry: Encodable {
        var id: String
        var course: String
        var title: String
        var summary: String
        var budget: String
        var budgetMinutes: Int
        /// The steps listed on the path.
        var stepCount: Int
        /// The fewest and the most steps a walk offers (what the table shows).
        var fewestSteps: Int?
        var mostSteps: Int?
        /// The typical walk after adaptation to the budget.
        var typicalMinutes: Int
        /// The course's line about itself (`notice` in its locale), printed under the table.
        var notice: String?
    }

    package func run() throws {
        do {
            let courses = try content.courses()
            var entries: [Entry] = []
            var notices: [String] = []
            for files in courses.library.courses {
                let loaded: LoadedCourse
                do {
                    loaded = try courses.loaded(files, lang: content.lang)
                } catch {
                    Failure.printError("skipping \(files.graph): \(error.description)")
                    continue
                }
                let notice = loaded.catalog.optionalText(CourseKeys.notice())
                if let notice { notices.append(notice) }
                for path in loaded.course.paths {
                    let walks = path.graph.walkBounds(budget: path.budgetMinutes)
                    entries.append(
                        Entry(
                            id: path.id, course: loaded.course.id,
                            title: loaded.catalog.text(CourseKeys.pathTitle(path.id)),
                            summary: loaded.catalog.text(CourseKeys.pathSummary(path.id)),
                            budget: ISODuration.format(seconds: path.budgetSeconds),
                            budgetMinutes: path.budgetMinutes,
                            stepCount: path.graph.nodes.count,
                            fewestSteps: walks.fewestSteps, mostSteps: walks.mostSteps,
                            typicalMinutes: walks.typical, notice: notice))
                }
            }
            if json {
                print(String(decoding: try JSONEscaping.encode(entries), as: UTF8.self))
            } else {
                print(try table(entries, library: courses.library))
                // Each course's line about itself, under the table: an independent course says so.
                if !entries.isEmpty {
                    let screen = content.screen()
                    for notice in notices {
                        screen.writeLine()
                        screen.writeUntrusted(notice)
                    }
                }
            }
        } catch {
            throw Failure.exit(error)
        }
    }

    /// `21–24` where walks differ, `21` where they do not.
    static func steps(_ entry: Entry) -> String {
        guard let fewest = entry.fewestSteps, let most = entry.mostSteps else { return String(entry.stepCount) }
        return fewest == most ? String(most) : "\(fewest)–\(most)"
    }

    private func table(_ entries: [Entry], library: ContentLibrary) throws -> String {
        let words = try UIWords.load(library: library, lang: content.lang)
        let headers = [
            words.text("list.column.path"), words.text("list.column.title"),
            words.text("list.column.budget"),
            words.text("list.column.steps"), words.text("list.column.typical"),
        ]
        let rows = entries.map {
            [
                $0.id, $0.title, ClockFormat.hoursMinutes(minutes: $0.budgetMinutes),
                Self.steps($0),
                ClockFormat.hoursMinutes(minutes: $0.typicalMinutes),
            ]
        }
        guard !rows.isEmpty else { return words.text("list.empty") }
        return TextTable.render(
            headers: headers, rows: rows, rightAligned: [2, 3, 4], style: content.screen().isPlain ? .words : .plain)
    }
}
