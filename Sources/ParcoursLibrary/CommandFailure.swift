import ParcoursCore
import ParcoursStore

/// A failure the command line says in the learner's words and ends with its sysexits code:
/// what the store, a bundle, the library and a command itself can refuse.
public protocol CommandFailure: ExplainedFailure {
    var exitCode: Int32 { get }
}

extension StoreError: CommandFailure {}
extension BundleError: CommandFailure {}
extension LibraryError: CommandFailure {}
