import Foundation

/// What each chunk of a `DispatchQueue.concurrentPerform` produced, set once per chunk
/// under a lock and read back in chunk order once every chunk is done.
final class ChunkResults<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func set(_ chunk: Int, _ value: Value) {
        lock.withLock { values[chunk] = value }
    }

    /// Every chunk's value, in chunk order; a chunk that set nothing is left out.
    func all() -> [Value] {
        lock.withLock { values.compactMap { $0 } }
    }
}
