/// A path's step ids to their node indices.
///
/// Walks, pacing and the report's funnel look step ids up by the million (a cohort report
/// resolves every visited and completed step of 10,000 logs, several times each). A
/// `[String: Int]` hashes each id with the process's seeded SipHash; this table hashes its
/// UTF-8 bytes with FNV-1a, in place, and compares the stored hash before the text.
///
/// Open addressing with linear probing, at most half full. Ids are matched by their bytes:
/// a loaded course's ids are ASCII (lint's `bad-id`), where that is `String` equality.
public struct StepIndex: Sendable {
    private let ids: [String]
    private let hashes: [UInt64]
    /// Node index per slot; -1 for an empty slot.
    private let slots: [Int32]

    /// `ids` in node order, each once.
    public init(_ ids: [String]) {
        var capacity = 8
        while capacity < ids.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        let hashes = ids.map(FNV1a.hash)
        for (index, hash) in hashes.enumerated() {
            slots[FNV1a.probe(hash, in: slots) { _ in false }.slot] = Int32(index)
        }
        self.ids = ids
        self.hashes = hashes
        self.slots = slots
    }

    public var count: Int { ids.count }

    /// The node index of `id`, or nil when the path has no such step.
    public subscript(id: String) -> Int? {
        let hash = FNV1a.hash(id)
        return FNV1a.probe(hash, in: slots) { hashes[$0] == hash && ids[$0] == id }.index
    }
}
