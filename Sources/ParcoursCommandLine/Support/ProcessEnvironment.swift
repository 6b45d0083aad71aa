import Foundation

/// The process's environment, read once.
///
/// `ProcessInfo.environment` builds a new dictionary from `environ` on every call; the way
/// to the first prompt asks for it half a dozen times (store, content, language, terminal,
/// history, idle threshold). The environment does not change while parcours runs.
package enum ProcessEnvironment {
    package static let variables = ProcessInfo.processInfo.environment
}
