import Testing

@testable import ParcoursTerminal

@Suite struct BarChartTests {
    @Test func barsAreProportionalAndLabelsAligned() {
        let chart = BarChart(maximum: 5, width: 40, style: .plain)
        let rendered = chart.render([
            BarChart.Row(label: "Clarté", value: 3.5), BarChart.Row(label: "Écoute", value: 5),
            BarChart.Row(label: "Rythme", value: nil),
        ])
        let lines = rendered.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("Clarté  "))
        #expect(lines[0].hasSuffix("  3.5/5"))
        #expect(lines[1].hasSuffix("  5.0/5"))
        #expect(lines[2].hasSuffix("  –/5"))
        #expect(!lines[2].contains("█"))
        for line in lines { #expect(TextWidth.of(line) <= 40) }
        // width 40 - label 6 - value 5 - gaps 4 = 25 cells; 3.5/5 of 25 = 17.5, rounded 18
        #expect(lines[0].filter { $0 == "█" }.count == 18)
        #expect(lines[1].filter { $0 == "░" }.isEmpty)
    }

    @Test func barsStayCalmOnWideScreens() {
        let rendered = BarChart(maximum: 5, width: 120, style: .plain).render([.init(label: "A", value: 5)])
        #expect(rendered.filter { $0 == "█" }.count == BarChart.longestBar)
    }

    @Test func valuesAreClamped() {
        let chart = BarChart(maximum: 4, width: 40, style: .plain)
        #expect(chart.filledCells(9, width: 10) == 10)
        #expect(chart.filledCells(-2, width: 10) == 0)
        #expect(chart.filledCells(.nan, width: 10) == 0)
        #expect(BarChart(maximum: 0, width: 40, style: .plain).filledCells(3, width: 10) == 0)
    }

    @Test func decimalSeparatorComesFromTheCaller() {
        let chart = BarChart(maximum: 5, width: 40, style: .plain, decimalSeparator: ",")
        #expect(chart.render([.init(label: "A", value: 2.25)]).hasSuffix("2,3/5"))
    }

    @Test func comparisonSideBySide() {
        let chart = BarChart(maximum: 5, width: 80, style: .plain)
        let rendered = chart.render(
            [.init(label: "Clarté", before: 2, after: 4)], beforeLabel: "avant", afterLabel: "après")
        #expect(rendered.hasPrefix("Clarté  avant "))
        #expect(rendered.contains(" 2.0 → après "))
        #expect(rendered.hasSuffix(" 4.0"))
        #expect(TextWidth.of(rendered) <= 80)
        let bars = rendered.split(separator: " ").filter { $0.contains("█") || $0.contains("░") }
        #expect(bars.count == 2)
        #expect(bars[0].count == bars[1].count)
        let cells = Double(bars[0].count)
        #expect(abs(Double(bars[0].filter { $0 == "█" }.count) - cells * 2 / 5) <= 0.5)
        #expect(abs(Double(bars[1].filter { $0 == "█" }.count) - cells * 4 / 5) <= 0.5)
    }

    @Test func comparisonWordsAreNotHardCoded() {
        let rendered = BarChart(maximum: 5, width: 80, style: .plain).render(
            [.init(label: "Focus", before: 1, after: nil)], beforeLabel: "before", afterLabel: "after")
        #expect(rendered.contains("before"))
        #expect(rendered.contains("after"))
        #expect(!rendered.contains("avant"))
        #expect(rendered.hasSuffix(" –"))
    }

    @Test func comparisonStacksOnNarrowScreens() {
        let rendered = BarChart(maximum: 5, width: 40, style: .plain).render(
            [.init(label: "Une dimension au nom assez long", before: 2, after: 4)],
            beforeLabel: "avant", afterLabel: "après")
        let lines = rendered.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("  avant "))
        #expect(lines[2].hasPrefix("  après "))
        for line in lines { #expect(TextWidth.of(line) <= 40) }
    }

    @Test func colourMarksOnlyTheFilledPart() {
        let chart = BarChart(maximum: 2, width: 40, style: .ansi)
        #expect(chart.bar(1, width: 4, highlighted: true) == "\u{1B}[36m██\u{1B}[39m\u{1B}[2m░░\u{1B}[22m")
        #expect(chart.bar(1, width: 4, highlighted: false) == "██\u{1B}[2m░░\u{1B}[22m")
    }

    @Test func labelsAreSanitised() {
        let rendered = BarChart(maximum: 5, width: 60, style: .plain).render([.init(label: "A\u{1B}[2J", value: 1)])
        #expect(!rendered.contains("\u{1B}"))
    }
}
