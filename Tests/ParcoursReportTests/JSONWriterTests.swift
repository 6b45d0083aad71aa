import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// The report's JSON is written by hand: it must read back as the same values, and keep
/// the layout `JSONEncoder` gave it before.
@Suite("Report JSON writer")
struct JSONWriterTests {
    /// Every control character, both characters JSON escapes, and text that is not ASCII.
    static let awkward: [String] = [
        "", "plain", "\"", "\\", "\\\"", "/", "</script>", "\u{7F}", "é", "🎓", "\u{2028}\u{2029}", "\u{FEFF}",
        "a\u{0}b", String(decoding: Array(UInt8(0)..<UInt8(0x20)), as: UTF8.self),
        "line 1\nline 2\r\n\ttab \u{8}\u{C}", "=cmd|' /C calc'!A0", "\u{1B}[2Jwipe",
    ]

    @Test(arguments: awkward)
    func stringsReadBackAndMatchTheEncoder(text: String) throws {
        var writer = JSONWriter(pretty: true)
        writer.array([text]) { json, item in json.string(item) }
        let data = Data(writer.bytes)
        let decoded = try JSONDecoder().decode([String].self, from: data)
        #expect(decoded == [text])
        // JSONSerialization drops U+FEFF inside a string (a Foundation quirk); JSONDecoder keeps it.
        let serialized = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
        #expect(serialized == [text.replacingOccurrences(of: "\u{FEFF}", with: "")])
        #expect(writer.text == (try Self.encoder().encode([text])).utf8String)
    }

    @Test func numbersAndNestingMatchTheEncoder() throws {
        struct Sample: Encodable {
            var empty: [Int] = []
            var numbers = [0, -1, 42, Int.max, Int.min]
            var scores = [1.0, 2.5, 1.0 / 3.0, 4.0 / 3.0, -0.0, 1e-7, 1e21]
            var yes = true
            var nothing: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(empty, forKey: .empty)
                try container.encode(nothing, forKey: .nothing)
                try container.encode(numbers, forKey: .numbers)
                try container.encode(scores, forKey: .scores)
                try container.encode(yes, forKey: .yes)
            }

            enum CodingKeys: String, CodingKey { case empty, nothing, numbers, scores, yes }
        }
        let sample = Sample()
        for pretty in [true, false] {
            var writer = JSONWriter(pretty: pretty)
            writer.object { json in
                json.key("empty")
                json.array(sample.empty) { json, value in json.integer(value) }
                json.field("nothing", sample.nothing)
                json.key("numbers")
                json.array(sample.numbers) { json, value in json.integer(value) }
                json.key("scores")
                json.array(sample.scores) { json, value in json.number(value) }
                json.field("yes", sample.yes)
            }
            let encoder = Self.encoder(pretty: pretty)
            #expect(writer.text == (try encoder.encode(sample)).utf8String, "pretty: \(pretty)")
        }
    }

    /// A long array written in parts on several cores is the array written in one go, and
    /// the encoder's, nested in an object, empty, short or long, pretty or not. Its parts are
    /// kept as written (`parts`, which a report writes out one after the other), and joined
    /// they are the same text.
    @Test(arguments: [0, 1, 999, 1_000, 1_001, 4_321])
    func anArrayWrittenInPartsIsTheSameText(count: Int) throws {
        let items = (0..<count).map { ["n": "\($0)", "text": Self.awkward[$0 % Self.awkward.count]] }
        for pretty in [true, false] {
            func document(_ element: @escaping @Sendable (inout JSONWriter, [String: String]) -> Void, parts: Bool)
                -> String
            {
                var writer = JSONWriter(pretty: pretty)
                writer.object { json in
                    json.key("items")
                    if parts { json.array(concurrently: items, element) } else { json.array(items, element) }
                    json.field("z", 1)
                }
                let kept = writer.parts
                #expect(kept.flatMap { $0 } == writer.bytes)
                // From 1,000 elements on: the text before them, their parts (four per core),
                // and the text after them.
                #expect(parts && count >= 1_000 ? kept.count > 2 : kept.count == 1, "count \(count)")
                return writer.text
            }
            let element: @Sendable (inout JSONWriter, [String: String]) -> Void = { json, item in
                json.object { json in
                    json.field("n", item["n"])
                    json.field("text", item["text"])
                }
            }
            let whole = document(element, parts: false)
            #expect(document(element, parts: true) == whole, "pretty: \(pretty)")
            struct Sample: Encodable {
                var items: [[String: String]]
                var z = 1
            }
            #expect(whole == (try Self.encoder(pretty: pretty).encode(Sample(items: items))).utf8String)
        }
    }

    /// A whole report, with hostile names, reads back to its own figures.
    @Test func aReportReadsBackToItsFigures() throws {
        let course = try Courses.fixture()
        let start = Date(timeIntervalSince1970: 1_780_000_000.789)
        var records: [CohortRecord] = []
        for (index, name) in Self.awkward.enumerated() {
            var log = try LogBuilder(course: course, start: start + Double(index), cohort: name)
            for _ in 0..<(index % 4) { log.advance(after: 61) }
            if index % 3 == 1 { log.skip(.learner, name, after: 7) }
            records.append(log.record(name, cohort: name))
        }
        let report = CohortReport.build(
            records: records, courses: ["demo": course], options: ReportOptions(now: start + 7_200))
        let text = ReportJSON.render(report)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require(root["participants"] as? [[String: Any]])
        #expect(rows.count == report.participants.count)
        for (row, summary) in zip(rows, report.participants) {
            #expect(row["name"] as? String == summary.name.replacingOccurrences(of: "\u{FEFF}", with: ""))
            #expect(row["cohort"] as? String == summary.cohort?.replacingOccurrences(of: "\u{FEFF}", with: ""))
            #expect(row["completedRequired"] as? Int == summary.completedRequired)
            #expect(row["required"] as? Int == summary.required)
            #expect(row["activeSeconds"] as? Int == summary.activeSeconds)
            #expect(row["currentStep"] as? String == summary.currentStep)
            #expect(row["lastActivity"] as? String == summary.lastActivity.map(ReportJSON.timestamp))
            let waived = try #require(row["waived"] as? [[String: Any]])
            #expect(waived.map { $0["explanation"] as? String } == summary.waived.map(\.explanation))
            // Keys in sorted order, as `.sortedKeys` wrote them.
            let keys = Self.keys(inFirstObjectOf: text, after: "\"participants\" : [")
            #expect(keys == keys.sorted() && keys.count == 18)
        }
        #expect((root["steps"] as? [Any])?.count == report.steps.count)
    }

    /// The reference: `JSONEncoder`, with the escapes of DEL, C1 and bidi controls that every
    /// JSON parcours writes adds (`JSONEscaping`).
    struct Reference {
        let formatting: JSONEncoder.OutputFormatting

        func encode<Value: Encodable>(_ value: Value) throws -> Data {
            try JSONEscaping.encode(value, formatting: formatting)
        }
    }

    static func encoder(pretty: Bool = true) -> Reference {
        Reference(
            formatting: pretty
                ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The keys of the first object after `marker`, in the order written.
    static func keys(inFirstObjectOf text: String, after marker: String) -> [String] {
        guard let start = text.range(of: marker)?.upperBound,
            let end = text[start...].range(of: "\n    }")?.lowerBound
        else { return [] }
        return text[start..<end].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("      \"") else { return nil }
            return line.dropFirst(7).split(separator: "\"").first.map(String.init)
        }
    }
}

extension Data {
    fileprivate var utf8String: String { String(decoding: self, as: UTF8.self) }
}
