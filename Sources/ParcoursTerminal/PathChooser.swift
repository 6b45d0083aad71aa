import Foundation
import ParcoursCore

/// The first dialogue of a learner with no path under way: how much time do you have, then
/// the paths that fit, longest first.
///
/// ```swift
/// let offers = [PathChooser.Offer(id: "alliances-2h", title: "Alliances · 2 h", budgetMinutes: 120, summary: "…")]
/// if let index = PathChooser(words: catalog, screen: screen).choose(offers, reader: &reader) { … }
/// ```
public struct PathChooser {
    /// A path the learner may choose.
    public struct Offer: Sendable {
        public var id: String
        public var title: String
        public var budgetMinutes: Int
        /// Markdown-light text, shown under the title.
        public var summary: String

        public init(id: String, title: String, budgetMinutes: Int, summary: String) {
            self.id = id
            self.title = title
            self.budgetMinutes = budgetMinutes
            self.summary = summary
        }
    }

    let words: Catalog
    let screen: Screen

    public init(words: Catalog, screen: Screen) {
        self.words = words
        self.screen = screen
    }

    /// The position in `offers` of the path chosen; nil when the learner leaves (end of input).
    public func choose(_ offers: [Offer], reader: inout any LineReader) -> Int? {
        screen.writeLine(words.text("start.ask.time"))
        var minutes: Int?
        while minutes == nil {
            guard case .line(let line) = reader.readLine(prompt: "› ") else { return nil }
            minutes = Pacing.minutes(typed: line)
            if minutes == nil { screen.writeLine(words.text("start.time.invalid")) }
        }
        let positions = Array(offers.indices)
        var fitting = positions.filter { offers[$0].budgetMinutes <= minutes ?? 0 }.sorted {
            offers[$0].budgetMinutes > offers[$1].budgetMinutes
        }
        if fitting.isEmpty {
            screen.writeLine(words.text("start.none.fits"))
            fitting = positions.sorted { offers[$0].budgetMinutes < offers[$1].budgetMinutes }
        } else {
            screen.writeLine(words.text("start.ask.path"))
        }
        for (number, position) in fitting.enumerated() {
            let offer = offers[position]
            screen.writeLine(
                "  \(screen.style.accent(String(number + 1))). \(offer.title) · \(ClockFormat.hoursMinutes(minutes: offer.budgetMinutes))"
            )
            // The summary, wrapped under its title with a hanging indent.
            let summary = MarkdownLight(width: screen.width - 5, style: .plain).render(offer.summary)
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
            if let match = fitting.first(where: { offers[$0].id == trimmed }) { return match }
            screen.writeLine(words.text("answer.invalid", ["count": String(fitting.count)]))
        }
    }
}
