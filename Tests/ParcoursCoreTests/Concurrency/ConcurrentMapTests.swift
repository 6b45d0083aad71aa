import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// `concurrentMap` must be `map`: every element transformed once, the results in order,
/// whatever the count and whichever thread finished first; `ConcurrentSlots` must keep each
/// lane's changes and hand its values over moved, not copied.
@Suite("ConcurrentMap: work shared among the cores")
struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 2, 3, 7, 64, 1_000, 10_007])
    func equalsTheSerialMapOnRandomInput(count: Int) {
        var random = SeededGenerator(seed: UInt64(count) &+ 11)
        let input = (0..<count).map { _ in Int(truncatingIfNeeded: random.next()) }
        // Uneven work, so that the threads finish out of order.
        let transform: @Sendable (Int) -> String = { value in
            var hash = UInt64(bitPattern: Int64(value))
            for _ in 0..<(value & 0xff) { hash = hash &* 0x100_0000_01b3 ^ 0xcbf2 }
            return "\(value):\(hash)"
        }
        #expect(input.concurrentMap(transform) == input.map(transform))
    }

    @Test(arguments: [0, 1, 2, 5, 333])
    func transformsEveryIndexOnce(count: Int) {
        let calls = CallCounter(count: count)
        let results = (0..<count).concurrentMap { index in
            calls.record(index)
            return index * 2
        }
        #expect(results == (0..<count).map { $0 * 2 })
        #expect(calls.counts == Array(repeating: 1, count: count))
    }

    @Test func mapsASliceByItsOwnIndices() {
        let numbers = Array(0..<100)
        #expect(numbers[40..<60].concurrentMap { $0 + 1 } == Array(41..<61))
    }

    @Test func eachLaneKeepsItsChangesInOrder() {
        let lanes = ConcurrentSlots(Array(repeating: [Int](), count: 4))
        DispatchQueue.concurrentPerform(iterations: 4) { lane in
            for value in 0..<5_000 { lanes.update(lane) { $0.append(lane * 10_000 + value) } }
        }
        let values = lanes.moveAll()
        #expect(values == (0..<4).map { lane in (0..<5_000).map { lane * 10_000 + $0 } })
        #expect(lanes.count == 0, "moved out, the slots are empty")
    }

    @Test func valuesAreMovedOutNotCopied() {
        let slots = ConcurrentSlots([Tracked(), Tracked()])
        slots.update(1) { $0 = Tracked() }
        var values = slots.moveAll()
        #expect(isKnownUniquelyReferenced(&values[0]), "the slots keep no reference")
        #expect(isKnownUniquelyReferenced(&values[1]))
    }

    @Test func valuesReplacedOrLeftInTheSlotsAreReleased() {
        weak var replaced: Tracked?
        weak var left: Tracked?
        do {
            let (first, second) = (Tracked(), Tracked())
            (replaced, left) = (first, second)
            let slots = ConcurrentSlots([first, second])
            slots.update(0) { $0 = Tracked() }
        }
        #expect(replaced == nil)
        #expect(left == nil, "the slots release what they still hold")
    }
}

private final class Tracked: Sendable {}

/// How many times each index was transformed, under a lock.
private final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [Int]

    init(count: Int) { calls = Array(repeating: 0, count: count) }

    func record(_ index: Int) { lock.withLock { calls[index] += 1 } }

    var counts: [Int] { lock.withLock { calls } }
}
