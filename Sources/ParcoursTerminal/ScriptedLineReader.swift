/// A line reader that replays prepared inputs: for testing a REPL without a terminal.
///
/// It records every prompt and history entry, so a test can check what the learner
/// would have seen, and returns `.endOfInput` once the script runs out.
public struct ScriptedLineReader: LineReader {
    private var inputs: [LineInput]
    /// Prompts shown so far, in order.
    public private(set) var prompts: [String] = []
    /// What each prompt's completion offered for an empty word, in order.
    public private(set) var offeredCompletions: [[String]] = []
    private let historyLog = HistoryLog()

    public var completion: CompletionProvider?
    public private(set) var lastLineWasTruncated = false

    /// Replays `inputs` one by one.
    public init(_ inputs: [LineInput]) {
        self.inputs = inputs
    }

    /// Replays lines given as text, then ends.
    public init(lines: [String]) {
        self.inputs = lines.map(LineInput.line)
    }

    /// Lines added to history so far.
    public var history: [String] { historyLog.lines }

    public mutating func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        offeredCompletions.append(completion?("", "") ?? [])
        guard !inputs.isEmpty else { return .endOfInput }
        return inputs.removeFirst()
    }

    public func addHistory(_ line: String) {
        historyLog.lines.append(line)
    }
}

/// Reference storage so `addHistory`, which is not mutating, can still record.
private final class HistoryLog {
    var lines: [String] = []
}
