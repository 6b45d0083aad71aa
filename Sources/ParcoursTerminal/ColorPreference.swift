/// Whether the learner asked for colour, before the terminal has its say.
///
/// `auto` follows the conventions: colour only on a terminal, never with `NO_COLOR` set
/// (https://no-color.org: any non-empty value), never with `TERM=dumb`. `always` exists for
/// a `--color` flag (a pager that understands colour); `never` for `--no-color`.
public enum ColorPreference: String, Sendable, CaseIterable {
    case auto
    case always
    case never

    /// Decides whether to emit colour codes.
    public func usesColor(isTTY: Bool, variables: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = variables["NO_COLOR"], !noColor.isEmpty { return false }
            if variables["TERM"] == "dumb" { return false }
            return isTTY
        }
    }
}
