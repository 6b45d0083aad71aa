import Dispatch
import Glibc

/// Work started on another core now, whose result is collected later.
///
/// `start` uses it to read the course while the store opens: the two touch different
/// files and take about the same time, so the learner sees the first prompt sooner on a
/// machine with two cores or more. The work runs on a thread of its own rather than on a
/// Dispatch queue: starting libdispatch's worker pool costs a process about a millisecond
/// more before the work even begins.
///
/// ```swift
/// let course = Concurrently { try courses.find(pathID, lang: nil) }
/// let session = try LearnerSession.open(options, courses: courses, lang: nil)
/// let (loaded, path) = try course.value()
/// ```
public final class Concurrently<Value: Sendable>: @unchecked Sendable {
    // Safe: the worker writes `result` once, before signalling `done`; readers wait on `done`.
    private var result: Result<Value, any Error> = .failure(Unfinished())
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () throws -> Value) {
        let body = ThreadBody { [self] in
            result = Result { try work() }
            done.signal()
        }
        if !body.detach() {
            // No thread to be had: do the work here and now.
            body.run()
        }
    }

    /// Waits for the work to finish; returns its value or rethrows its error.
    public func value() throws -> Value {
        done.wait()
        done.signal()  // later calls return at once
        return try result.get()
    }

    /// What `result` holds until the work is done; never seen by a caller.
    private struct Unfinished: Error {}
}

/// A closure run on a new detached POSIX thread.
private final class ThreadBody {
    let run: () -> Void

    init(_ run: @escaping () -> Void) {
        self.run = run
    }

    /// Starts the thread; false if the system refused one.
    func detach() -> Bool {
        let retained = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, retained.toOpaque())
        guard status == 0 else {
            retained.release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
