import Testing

@testable import ParcoursTerminal

@Suite struct CountdownTests {
    @Test(arguments: [
        (0, "0:00"), (5, "0:05"), (59, "0:59"), (60, "1:00"), (605, "10:05"), (4500, "75:00"), (-65, "-1:05"),
    ])
    func formatsMinutesAndSeconds(seconds: Int, expected: String) {
        #expect(Countdown.format(seconds: seconds) == expected)
    }

    @Test func durationsRoundTowardsZero() {
        #expect(Countdown.format(.milliseconds(59_999)) == "0:59")
        #expect(Countdown.format(.milliseconds(-500)) == "0:00")
        #expect(Countdown.format(.seconds(-61)) == "-1:01")
    }

    @Test(arguments: [
        (0.0, "[░░░░░░░░░░] 0%"), (0.42, "[████░░░░░░] 42%"), (0.999, "[█████████░] 99%"),
        (1.0, "[██████████] 100%"), (7.0, "[██████████] 100%"), (-1.0, "[░░░░░░░░░░] 0%"),
        (Double.nan, "[░░░░░░░░░░] 0%"),
    ])
    func progressBar(fraction: Double, expected: String) {
        #expect(ProgressBar.render(fraction: fraction, cells: 10) == expected)
    }

    @Test func progressBarFitsWidth() {
        let bar = ProgressBar.render(fraction: 0.5, width: 40)
        #expect(TextWidth.of(bar) <= 40)
        #expect(Style.strip(ProgressBar.render(fraction: 0.5, width: 40, style: .ansi)) == bar)
    }
}
