import ParcoursCore
import ParcoursTestSupport
import Testing

@Suite("Step index: step ids to node indices")
struct StepIndexTests {
    /// Random ids: short (stored inline in `String`) and long (on the heap), ASCII and not,
    /// with near misses that differ by one byte or by length.
    static func ids(seed: UInt64, count: Int) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let alphabet = Array("abcdefghij-_0123456789éœ漢🙂")
        var seen = Set<String>()
        var ids: [String] = []
        while ids.count < count {
            let length = 1 + generator.below(generator.below(4) == 0 ? 40 : 12)
            let id = String((0..<length).map { _ in alphabet[generator.below(alphabet.count)] })
            if seen.insert(id).inserted { ids.append(id) }
        }
        return ids
    }

    @Test(arguments: [0, 1, 7, 45, 300, 2_000])
    func findsEveryIdAtItsPositionAndNothingElse(count: Int) {
        let ids = Self.ids(seed: UInt64(count) &+ 17, count: count)
        let index = StepIndex(ids)
        #expect(index.count == count)
        for (position, id) in ids.enumerated() {
            #expect(index[id] == position)
        }
        let known = Set(ids)
        let probes = Self.ids(seed: 99, count: 500) + ids.map { $0 + "x" } + ids.map { String($0.dropLast()) } + [""]
        for probe in probes {
            #expect(index[probe] == (known.contains(probe) ? ids.firstIndex(of: probe) : nil), "\(probe)")
        }
    }

    @Test func anIdBuiltAnotherWayIsTheSameId() {
        // The same text from another source (not the same storage) is found: "s1" + "2".
        let index = StepIndex(["s12", "a-rather-long-step-identifier-on-the-heap"])
        let built = "s1" + String(2)
        let long = ["a-rather-long", "step-identifier-on-the-heap"].joined(separator: "-")
        #expect(index[built] == 0)
        #expect(index[long] == 1)
    }

    @Test func idsAreComparedByTheirBytes() {
        // Loaded courses only have ASCII ids (lint's bad-id), where bytes and `String`
        // equality agree. Lint also looks up ids of files it refuses: there, "été" written
        // precomposed and decomposed are two ids, as they are two spellings in the file.
        let index = StepIndex(["\u{E9}t\u{E9}"])
        #expect(index["\u{E9}t\u{E9}"] == 0)
        #expect(index["e\u{301}te\u{301}"] == nil)
    }
}
