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

    /// The position in `offers` of the path chosen; nil when the learner leaves (`quitter`,
    /// Ctrl-D, the end of piped input). Ctrl-C drops the line being typed and asks again;
    /// `aide` explains; `retour` at the list goes back to the time.
    public func choose(_ offers: [Offer], reader: inout any LineReader) -> Int? {
        guard !offers.isEmpty else { return nil }
        while true {
            guard let minutes = askTime(reader: &reader) else { return nil }
            let fitting = list(offers, fitting: minutes)
            switch pick(among: fitting, offers: offers, reader: &reader) {
            case .chosen(let position): return position
            case .left: return nil
            case .back: continue
            }
        }
    }

    /// What the learner did at the list of paths.
    private enum Pick {
        case chosen(Int)
        case back
        case left
    }

    /// The minutes the learner has; nil when they leave.
    private func askTime(reader: inout any LineReader) -> Int? {
        screen.writeLine(words.text("start.ask.time"))
        while true {
            switch reader.readLine(prompt: "› ") {
            case .endOfInput: return nil
            case .interrupt: continue
            case .line(let line):
                switch Command.parse(line) {
                case .quit: return nil
                case .help: screen.writeLine(words.text("start.help"))
                case .back, .next: screen.writeLine(words.text("start.ask.time"))
                default:
                    if let minutes = Pacing.minutes(typed: line) { return minutes }
                    screen.writeLine(words.text("start.time.invalid"))
                }
            }
        }
    }

    /// Shows the paths that fit in `minutes`, longest first (or every path, shortest first,
    /// when none fits), numbered from 1; returns their positions in `offers`, in that order.
    private func list(_ offers: [Offer], fitting minutes: Int) -> [Int] {
        let positions = Array(offers.indices)
        var fitting = positions.filter { offers[$0].budgetMinutes <= minutes }.sorted {
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
        return fitting
    }

    private func pick(among fitting: [Int], offers: [Offer], reader: inout any LineReader) -> Pick {
        while true {
            switch reader.readLine(prompt: "› ") {
            case .endOfInput: return .left
            case .interrupt: continue
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if let number = Int(trimmed), (1...fitting.count).contains(number) {
                    return .chosen(fitting[number - 1])
                }
                if let match = fitting.first(where: { offers[$0].id == trimmed }) { return .chosen(match) }
                switch Command.parse(line) {
                case .quit: return .left
                case .back: return .back
                case .help: screen.writeLine(words.text("start.help"))
                default:
                    screen.writeLine(
                        fitting.count == 1
                            ? words.text("start.path.invalid.one")
                            : words.text("start.path.invalid", ["count": String(fitting.count)]))
                }
            }
        }
    }
}
