/// What one attempt to read a line produced.
///
/// The REPL turns each case into a command: a line is parsed, an interrupt just shows a
/// fresh prompt, and the end of input leaves calmly (and saves nothing half-typed).
public enum LineInput: Equatable, Sendable {
    /// A full line, without its line ending, decoded as UTF-8 (invalid bytes become `�`).
    case line(String)
    /// The learner pressed Ctrl-C: the line being typed was dropped.
    case interrupt
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Offers completions for the word under the cursor.
///
/// `text` is the word being completed; `lineSoFar` is the whole line up to the cursor
/// (it ends with `text`), so the provider can tell a command from its argument.
public typealias CompletionProvider = (_ text: String, _ lineSoFar: String) -> [String]

/// A source of learner input lines: readline on a terminal, plain lines from a pipe.
///
/// The REPL only ever talks to this protocol, so the same loop runs interactively, under
/// a script (`parcours start < answers.txt`) and in tests (`ScriptedLineReader`).
public protocol LineReader {
    /// Shows `prompt` (when interactive) and waits for one line.
    mutating func readLine(prompt: String) -> LineInput

    /// Remembers `line` so the learner can recall it with the arrow keys.
    func addHistory(_ line: String)

    /// Completions for Tab, set by the REPL before each prompt; `nil` offers none.
    var completion: CompletionProvider? { get set }

    /// Whether the last `.line` was longer than the reader accepts and was cut.
    ///
    /// The text keeps its beginning; the caller should tell the learner it was shortened.
    var lastLineWasTruncated: Bool { get }

    /// Asked again and again while the prompt waits, to redraw it as time passes (the
    /// prompt's clock, a running countdown). Readers that cannot redraw ignore it.
    var ticker: PromptTicker? { get set }
}

extension LineReader {
    /// Readers that never redraw (a pipe, a script) keep no ticker.
    public var ticker: PromptTicker? {
        get { nil }
        set {}  // nothing to keep
    }
}

/// What a waiting prompt asks for as time passes.
///
/// Every `interval`, the reader calls `tick` and shows the prompt it returns in place of
/// the old one (only when it changed), keeping what the learner is typing. An
/// announcement is printed at once on its own line, above the prompt.
public struct PromptTicker {
    /// The prompt as it stands now, and a line to announce (or `nil`).
    public struct Tick: Equatable, Sendable {
        public var prompt: String
        public var announcement: String?

        public init(prompt: String, announcement: String? = nil) {
            self.prompt = prompt
            self.announcement = announcement
        }
    }

    public var interval: Duration
    public var tick: () -> Tick

    public init(interval: Duration = .seconds(1), tick: @escaping () -> Tick) {
        self.interval = interval
        self.tick = tick
    }
}

/// Limits shared by every line reader.
public enum LineLimits {
    /// Longest line kept, in bytes (64 KiB): far beyond any answer, small enough to store.
    public static let maximumLineBytes = 65_536
}
