import ParcoursTestSupport
import Testing

@testable import ParcoursCore

/// The fold's per-step table must answer as a `[String: Int]` of times and a `Set` of
/// completed steps would, whatever the ids (near misses, not ASCII, many of them) and whether
/// a record is reached by id or by its place, and two tables built in different orders are
/// equal.
@Suite("StepLedger: the fold's per-step table")
struct StepLedgerTests {
    static let ids: [String] =
        (0..<60).map { "step-\($0)" } + [
            "", "s", "S", "é", "e\u{301}", "étape", "🎓", "a-very-long-step-id-well-past-fifteen-bytes",
            "a-very-long-step-id-well-past-fifteen-bytez",
        ]

    @Test(arguments: 0..<30)
    func answersAsADictionaryAndASetWould(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 3)
        var ledger = StepLedger()
        if seed % 2 == 0 { ledger.reserveCapacity(seed) }
        var times: [String: Int] = [:]
        var completed: Set<String> = []
        var order: [(String, Int?)] = []
        for _ in 0..<(seed * 20 + 5) {
            let id = Self.ids[Int(random.next() % UInt64(min(Self.ids.count, seed * 3 + 4)))]
            // A fold finds the step on screen once, then updates its record in place.
            let place = random.next() % 3 == 0 ? ledger.record(of: id) : nil
            if random.next() % 2 == 0 {
                let milliseconds = Int(random.next() % 5_000)
                if let place { ledger.addTime(milliseconds, at: place) } else { ledger.addTime(milliseconds, to: id) }
                times[id, default: 0] += milliseconds
                order.append((id, milliseconds))
            } else {
                let first = completed.insert(id).inserted
                #expect((place.map { ledger.complete(at: $0) } ?? ledger.complete(id)) == first)
                order.append((id, nil))
            }
        }
        for id in Self.ids {
            #expect(ledger.time(of: id) == times[id])
            #expect(ledger.isCompleted(id) == completed.contains(id))
        }
        var seen: [String: Int] = [:]
        ledger.forEachTime { id, milliseconds in
            #expect(seen[id] == nil)
            seen[id] = milliseconds
        }
        #expect(seen == times)

        // The same operations, step by step in another order, give an equal table.
        var other = StepLedger()
        for (id, milliseconds) in order.reversed() {
            if let milliseconds { other.addTime(milliseconds, to: id) } else { _ = other.complete(id) }
        }
        #expect(other == ledger)
        // A record made for a step that then got nothing (entered, left at once) says nothing,
        // and the place of the step on screen is not something the table says.
        other.enter("entered-and-left")
        #expect(other.current != ledger.current)
        #expect(other == ledger)
        #expect(ledger == other)
        #expect(other.time(of: "entered-and-left") == nil)
        #expect(!other.isCompleted("entered-and-left"))
        if let (id, _) = order.first {
            other.addTime(1, to: id)
            #expect(other != ledger)
        }
    }
}
