@preconcurrency import CReadline

/// Redraws a waiting readline prompt as time passes, for `ReadlineLineReader`.
///
/// The reader's `poll` waits at most until the next tick (`timeoutMilliseconds`). A tick
/// asks the ticker for the prompt as it stands and, when it changed, shows it with
/// `rl_set_prompt` and `rl_redisplay`: the line being typed and the cursor stay as they
/// are. An announcement clears the prompt's lines, prints the line, and draws the prompt
/// and the typed text again below it. While readline is in the middle of something (a
/// key sequence, a search, a completion, a numeric argument), the tick waits for the next
/// one: changing the prompt then would replace readline's own.
struct PromptClock {
    private let ticker: PromptTicker?
    private var shown: String
    private var due: ContinuousClock.Instant

    /// Readline states during which the prompt is left alone.
    private static let busy =
        UInt(RL_STATE_METANEXT | RL_STATE_MOREINPUT | RL_STATE_ISEARCH | RL_STATE_NSEARCH)
        | UInt(RL_STATE_SEARCH | RL_STATE_NUMERICARG | RL_STATE_COMPLETING | RL_STATE_VIMOTION)
        | UInt(RL_STATE_MULTIKEY | RL_STATE_CHARSEARCH)

    /// A clock for a prompt showing `prompt`; without a ticker it never ticks.
    init(ticker: PromptTicker?, prompt: String) {
        self.ticker = ticker
        self.shown = prompt
        self.due = .now + (ticker?.interval ?? .zero)
    }

    /// How long `poll` may wait: until the next tick (rounded up), or forever (-1).
    func timeoutMilliseconds() -> Int32 {
        guard ticker != nil else { return -1 }
        let (seconds, attoseconds) = ContinuousClock.now.duration(to: due).components
        let milliseconds = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(0, milliseconds))
    }

    /// Redraws the prompt if a tick is due and readline is not in the middle of something.
    mutating func tickIfDue() {
        guard let ticker else { return }
        let now = ContinuousClock.now
        guard now >= due else { return }
        due += ticker.interval
        if due <= now { due = now + ticker.interval }
        guard rl_readline_state & Self.busy == 0 else { return }
        let tick = ticker.tick()
        if let announcement = tick.announcement {
            Self.announce(announcement, prompt: tick.prompt)
        } else if tick.prompt != shown {
            rl_set_prompt(ReadlineLineReader.markInvisible(tick.prompt))
            rl_redisplay()
        }
        shown = tick.prompt
    }

    /// Prints `line` on its own line where the prompt was, then the prompt (`prompt`) and
    /// the text being typed below it, the cursor where it was.
    private static func announce(_ line: String, prompt: String) {
        rl_clear_visible_line()
        ReadlineBridge.writeStandardOutput(line + "\n")
        rl_set_prompt(ReadlineLineReader.markInvisible(prompt))
        rl_on_new_line()
        rl_redisplay()
    }
}
