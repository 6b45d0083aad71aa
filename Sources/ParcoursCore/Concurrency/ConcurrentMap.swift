import Foundation

/// Work shared among the cores, its results kept in order: `concurrentMap` is `map` with its
/// elements taken by whichever core is free (`DispatchQueue.concurrentPerform`).
///
/// Each result is written once, by the thread that computed it, into its own slot of the
/// array made for them beforehand: no lock, no optional to unwrap, nothing sorted or copied
/// afterwards. Lint decodes a course's files and runs its rules this way, and the report
/// sums a cohort up, selects its funnel's times and writes its JSON in parts.
///
/// ```swift
/// let parts = (0..<4).concurrentMap { part in items[range(of: part)].map(render) }
/// ```
extension RandomAccessCollection where Self: Sendable {
    /// `map(transform)`, the elements shared among the cores; the results in the order of
    /// the elements. Fewer than two elements are mapped on this thread.
    package func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let count = self.count
        guard count > 1 else { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let first = buffer.baseAddress else { return }
            // Each offset is written by one thread, once, and read after every thread is done.
            nonisolated(unsafe) let slots = first
            DispatchQueue.concurrentPerform(iterations: count) { offset in
                (slots + offset).initialize(to: transform(self[index(startIndex, offsetBy: offset)]))
            }
            initialized = count
        }
    }
}

/// One value per index, changed in place by several threads, each index by one thread at a
/// time: the state of each lane of work that threads share (a cohort read hands each learner
/// to a lane, whose calls follow one another on either thread).
///
/// The caller keeps that promise (one thread per index at a time, ordered by a lock or by the
/// work's hand-over, as `ProgressStore.cohort`'s lanes are); the slots take no lock. The
/// values live in memory of their own, never moved while threads use them, so changing one
/// touches nothing another thread reads.
///
/// ```swift
/// let lanes = ConcurrentSlots(Array(repeating: [String](), count: 2))
/// read { lane, name in lanes.update(lane) { $0.append(name) } }
/// let names = lanes.moveAll().flatMap { $0 }
/// ```
package final class ConcurrentSlots<Value> {
    private let base: UnsafeMutablePointer<Value>
    /// How many values the slots hold: 0 once they are moved out.
    package private(set) var count: Int

    package init(_ values: [Value]) {
        count = values.count
        base = .allocate(capacity: values.count)
        _ = UnsafeMutableBufferPointer(start: base, count: values.count).initialize(from: values)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Changes the value at `index` in place. No other thread may use that index meanwhile.
    @discardableResult
    package func update<Result>(_ index: Int, _ body: (inout Value) throws -> Result) rethrows -> Result {
        precondition(index >= 0 && index < count, "slot \(index) of \(count)")
        return try body(&base[index])
    }

    /// Every value, in index order, moved out (never copied: a value that holds arrays keeps
    /// them unshared, to change in place); the slots are left empty. No thread may use them
    /// meanwhile.
    package func moveAll() -> [Value] {
        let moved = count
        count = 0
        return [Value](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress?.moveInitialize(from: base, count: moved)
            initialized = moved
        }
    }
}

// Safe to share: each index is used by one thread at a time (the caller's promise, see above),
// and the values, moved between threads, are Sendable.
extension ConcurrentSlots: @unchecked Sendable where Value: Sendable {}
