/// What one log says of each step it touched: the active time of the visits that ended, and
/// whether the step was ever completed.
///
/// A fold updates it about twice per step visited (the visit's time when the next step is
/// entered, the completion), and a cohort report folds 600,000 events. `Dictionary` and
/// `Set` hash each id with the process's seeded SipHash; this table hashes its UTF-8 bytes
/// with FNV-1a, as `StepIndex` does, and finds or adds an id with one hash. Open addressing
/// with linear probing, at most half full. Equality is what the table says of each step: it
/// ignores the order ids came in and the place of the step on screen (`current`).
///
/// Ids are told apart as `String` does, by canonical equivalence: every id that is not ASCII
/// gets one same hash (`Self.hash`), so that `é` and `e` + U+0301 meet and are compared with
/// `==`. Course ids are ASCII (lint's `bad-id`); other ids in a log are rare.
struct StepLedger: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        /// Active time of the visits that ended, once one charged the step any (`hasTime`).
        var milliseconds = 0
        var hasTime = false
        var completed = false
    }

    private struct Record: Sendable {
        var id: String
        var hash: UInt64
        var entry: Entry
    }

    /// In the order the ids came in.
    private var records: [Record] = []
    /// Index in `records` per slot; -1 for an empty slot. Empty until the first id.
    private var slots: [Int32] = []
    /// The record of the step on screen (`enter(_:)`), -1 before the first: a place kept to
    /// spare lookups, for the visit's time and completion, not something the table says.
    private(set) var current = -1

    /// Adds a visit's time to `id`.
    mutating func addTime(_ milliseconds: Int, to id: String) {
        addTime(milliseconds, at: record(of: id))
    }

    /// Marks `id` completed; true when it was not yet.
    mutating func complete(_ id: String) -> Bool {
        complete(at: record(of: id))
    }

    /// Where `id`'s record lies, made (with no time, not completed) when it has none yet, to
    /// update it there (`addTime(_:at:)`, `complete(at:)`).
    mutating func record(of id: String) -> Int {
        findOrAdd(id)
    }

    /// Makes `id` the step on screen: a fold finds its record (or makes it) once, when it is
    /// entered, and updates it at `current` until the next step.
    mutating func enter(_ id: String) {
        current = findOrAdd(id)
    }

    /// `addTime(_:to:)` on the record at `index` (from `record(of:)`).
    mutating func addTime(_ milliseconds: Int, at index: Int) {
        records[index].entry.milliseconds = records[index].entry.milliseconds.addingSaturated(milliseconds)
        records[index].entry.hasTime = true
    }

    /// `complete(_:)` on the record at `index` (from `record(of:)`).
    mutating func complete(at index: Int) -> Bool {
        guard !records[index].entry.completed else { return false }
        records[index].entry.completed = true
        return true
    }

    /// The time of the visits to `id` that ended, or nil when none charged it any.
    func time(of id: String) -> Int? {
        guard let index = find(id), records[index].entry.hasTime else { return nil }
        return records[index].entry.milliseconds
    }

    func isCompleted(_ id: String) -> Bool {
        find(id).map { records[$0].entry.completed } ?? false
    }

    /// Calls `body` with each step that has time, in the order the steps came in.
    func forEachTime(_ body: (_ id: String, _ milliseconds: Int) -> Void) {
        for record in records where record.entry.hasTime { body(record.id, record.entry.milliseconds) }
    }

    mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(count)
        if slots.count < count * 2 { rehash(capacity: Self.capacity(for: count)) }
    }

    /// Equal when they say the same of every step: a record with no time and no completion
    /// (a step entered and left at once) says nothing.
    static func == (lhs: StepLedger, rhs: StepLedger) -> Bool {
        lhs.saysMoreThan(rhs) == false && rhs.saysMoreThan(lhs) == false
    }

    /// Whether a record here says something `other` does not.
    private func saysMoreThan(_ other: StepLedger) -> Bool {
        records.contains { record in
            let theirs = other.find(record.id).map { other.records[$0].entry } ?? Entry()
            return theirs != record.entry
        }
    }

    private func find(_ id: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        return probe(id, hash: Self.hash(id)).index
    }

    private mutating func findOrAdd(_ id: String) -> Int {
        if slots.count < (records.count + 1) * 2 { rehash(capacity: Self.capacity(for: records.count + 1)) }
        let hash = Self.hash(id)
        let found = probe(id, hash: hash)
        if let index = found.index { return index }
        slots[found.slot] = Int32(records.count)
        records.append(Record(id: id, hash: hash, entry: Entry()))
        return records.count - 1
    }

    private func probe(_ id: String, hash: UInt64) -> (slot: Int, index: Int?) {
        FNV1a.probe(hash, in: slots) { records[$0].hash == hash && records[$0].id == id }
    }

    /// FNV-1a of an ASCII id's bytes; one constant for any other id.
    private static func hash(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { bytes in
            var hash = FNV1a.offsetBasis
            var high: UInt8 = 0
            for byte in bytes {
                high |= byte
                hash = (hash ^ UInt64(byte)) &* FNV1a.prime
            }
            return high < 0x80 ? hash : 0x8000_0000_0000_0000
        }
    }

    /// A power of two at least twice `count`, and at least 16.
    private static func capacity(for count: Int) -> Int {
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        return capacity
    }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        for (index, record) in records.enumerated() {
            slots[FNV1a.probe(record.hash, in: slots) { _ in false }.slot] = Int32(index)
        }
    }
}
