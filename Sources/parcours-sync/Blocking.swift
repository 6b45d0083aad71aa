import Foundation

/// Runs async work from a synchronous command and waits for it: the commands are
/// synchronous (`ParsableCommand`), and only the ones that reach a server (`db`, `sync`,
/// `report` on a server) have async work. The work runs on the global executor, so the
/// main thread waiting here starves nothing.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                box.result = .success(try await body())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw CancellationError() }
        return try result.get()
    }

    /// Written by one task before the semaphore is signalled, read after the wait.
    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
