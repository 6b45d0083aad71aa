/// The 64-bit FNV-1a hash of bytes: cheap, and the same on every platform and every run.
///
/// Used where `Hasher` (seeded per process, SipHash) costs more than the lookup it serves:
/// content hashes, step ids looked up by the million in a cohort report.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x100_0000_01b3

    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }

    /// The first slot to probe for `hash` in an open-addressing table of `mask + 1` slots (a
    /// power of two): the hash's high bits folded into the low ones, which FNV-1a mixes least.
    @inlinable
    public static func firstSlot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
    }

    /// Linear probing from `hash`'s first slot in an open-addressing table: `slots` (a power
    /// of two of them) each hold the index of one of the caller's entries, or -1 when empty.
    /// Returns the slot of the first entry `matches` accepts, with its index; else the empty
    /// slot that ends the probe (where a new entry goes), with nil. The table must have an
    /// empty slot (`StepIndex`, `StepLedger` and the cohort read's `InternTable` keep theirs at
    /// most half full).
    @inlinable
    public static func probe(_ hash: UInt64, in slots: [Int32], matches: (_ index: Int) -> Bool) -> (
        slot: Int, index: Int?
    ) {
        let mask = slots.count - 1
        var slot = firstSlot(hash, mask: mask)
        while true {
            let index = Int(slots[slot])
            if index < 0 { return (slot, nil) }
            if matches(index) { return (slot, index) }
            slot = (slot + 1) & mask
        }
    }

    /// The hash of a string's UTF-8 bytes, read in place when the string has them contiguous
    /// (native and small strings do).
    public static func hash(_ text: String) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { hash($0) } ?? hash(text.utf8)
    }
}
