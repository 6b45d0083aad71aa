import Foundation
import ParcoursStore
import Synchronization

/// The REPL's push: after each committed step, `nudge()` asks for the outbox to be sent,
/// and returns at once. One task does the sending, one push at a time; nudges that arrive
/// meanwhile fold into the next push. A failure is retried with backoff (1 s, 2 s, 4 s…
/// up to a minute); nothing a learner does waits on it, and nothing is lost when it fails:
/// the events stay in the store's outbox, `status` says how many.
public final class BackgroundPush: Sendable {
    /// What the pusher last did, for a test or a closing word.
    public enum State: Sendable, Equatable {
        case idle
        case pushing
        case failed(String)
        case synced(Date)
    }

    private let push: PostgresPush
    private let nudges: AsyncStream<Void>.Continuation
    private let task: Task<Void, Never>
    private let state: Shared
    private let backoffLimit: Duration

    /// Starts the pusher on the store at `storePath`, through a connection of its own
    /// (opened in the background, so the first prompt does not wait for it), so that a push
    /// never holds the connection the REPL writes with.
    public init(storePath: String, push: PostgresPush, backoffLimit: Duration = .seconds(60)) {
        self.push = push
        self.backoffLimit = backoffLimit
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        nudges = continuation
        let state = Shared()
        self.state = state
        task = Task.detached(priority: .utility) {
            var delay = Duration.seconds(1)
            let store: ProgressStore
            do {
                store = try ProgressStore.open(path: storePath)
            } catch {
                state.set(.failed(String(describing: error)))
                return
            }
            for await _ in stream {
                while !Task.isCancelled {
                    state.set(.pushing)
                    do {
                        _ = try await push.push(store)
                        state.set(.synced(Date()))
                        delay = .seconds(1)
                        break
                    } catch {
                        state.set(.failed(String(describing: error)))
                        // A refusal (permission, a log the server will not take) does not
                        // get better by itself: wait for the next step rather than hammer.
                        guard let failure = error as? SyncError, failure.isTransient, !state.isFinishing else { break }
                        try? await Task.sleep(for: delay)
                        delay = min(delay * 2, backoffLimit)
                    }
                }
            }
        }
        // A first push at once: what earlier sittings left in the outbox goes now.
        continuation.yield()
    }

    /// Asks for a push; never blocks.
    public func nudge() {
        nudges.yield()
    }

    public var current: State { state.get() }

    /// The state, shared by the pusher's task and its owner.
    private final class Shared: Sendable {
        private let mutex = Mutex<(state: State, finishing: Bool)>((.idle, false))

        func set(_ value: State) { mutex.withLock { $0.state = value } }
        func get() -> State { mutex.withLock { $0.state } }
        /// Once finishing, a failed push is not retried: the sitting is over.
        func finish() { mutex.withLock { $0.finishing = true } }
        var isFinishing: Bool { mutex.withLock { $0.finishing } }
    }

    /// Ends the pusher: lets a push in flight finish for at most `grace`, then stops; when
    /// the server could not be reached this sitting, it stops at once. Whatever is not sent
    /// stays in the outbox for the next sitting or `parcours sync`.
    public func finish(grace: Duration = .seconds(1)) {
        state.finish()
        nudges.finish()
        if case .failed = current {
            task.cancel()
            return
        }
        let done = DispatchSemaphore(value: 0)
        let task = self.task
        Task.detached {
            await task.value
            done.signal()
        }
        let seconds = Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18
        if done.wait(timeout: .now() + seconds) == .timedOut {
            task.cancel()
        }
    }
}
