/// The 64-bit FNV-1a hash of bytes: cheap, and the same on every platform and every run.
///
/// Used where `Hasher` (seeded per process, SipHash) costs more than the lookup it serves:
/// content hashes, step ids looked up by the million in a cohort report.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offsetBasis
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The first slot to probe for `hash` in an open-addressing table of `mask + 1` slots (a
    /// power of two): the hash's high bits folded into the low ones, which FNV-1a mixes least.
    public static func firstSlot(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
    }

    /// The hash of a string's UTF-8 bytes, read in place when the string has them contiguous
    /// (native and small strings do).
    public static func hash(_ text: String) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { hash($0) } ?? hash(text.utf8)
    }
}
