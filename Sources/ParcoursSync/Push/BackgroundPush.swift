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
    private let state: Mutex<State>
    private let backoffLimit: Duration

    /// Starts the pusher on the store at `storePath`, through a connection of its own
    /// (opened in the background, so the first prompt does not wait for it), so that a push
    /// never holds the connection the REPL writes with.
    public init(storePath: String, push: PostgresPush, backoffLimit: Duration = .seconds(60)) {
        self.push = push
        self.backoffLimit = backoffLimit
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        nudges = continuation
        let state = Mutex<State>(.idle)
        self.state = state
        task = Task.detached(priority: .utility) {
            var delay = Duration.seconds(1)
            let store: ProgressStore
            do {
                store = try ProgressStore.open(path: storePath)
            } catch {
                state.withLock { $0 = .failed(String(describing: error)) }
                return
            }
            for await _ in stream {
                while !Task.isCancelled {
                    state.withLock { $0 = .pushing }
                    do {
                        _ = try await push.push(store)
                        state.withLock { $0 = .synced(Date()) }
                        delay = .seconds(1)
                        break
                    } catch {
                        state.withLock { $0 = .failed(String(describing: error)) }
                        // A refusal (permission, a log the server will not take) does not
                        // get better by itself: wait for the next step rather than hammer.
                        guard let failure = error as? SyncError, failure.isTransient else { break }
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

    public var current: State { state.withLock { $0 } }

    /// Ends the pusher: lets a push in flight finish for at most `grace`, then stops.
    /// Whatever is not sent stays in the outbox for the next sitting or `parcours sync`.
    public func finish(grace: Duration = .milliseconds(1_500)) {
        nudges.finish()
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
