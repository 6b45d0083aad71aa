/// Where parcours looks for course content, in order. Pure: the caller supplies the
/// environment and a way to test directories, so the order is testable.
///
/// 1. `--home DIR`, else `PARCOURS_HOME`;
/// 2. `share/parcours` beside the installed binary (`PREFIX/bin/parcours`);
/// 3. the source checkout, found by walking up from the executable;
/// 4. then, in addition, the user's own courses in `$XDG_DATA_HOME/parcours`.
///
/// The interface's words (`Locales/*/ui.yml`) are parcours' own, not a course's: they are
/// read from the same roots, then from parcours' installation (2 or 3), so an author's
/// `--home` that holds only their course still speaks to its learners.
public enum ContentSearch {
    public struct Result: Sendable, Equatable {
        /// The content roots to read, primary first. Each holds `Paths/` and `Locales/`.
        public var roots: [String]
        /// Every place looked at, for the error message when nothing is found.
        public var looked: [String]
        /// Where to read the interface's words, in order: `roots`, then the installation.
        public var interfaceRoots: [String]
    }

    public static func roots(
        home: String?, environment: [String: String], executablePath: String?,
        homeDirectory: String,
        isContentRoot: (String) -> Bool
    ) -> Result {
        var looked: [String] = []
        var roots: [String] = []
        func consider(_ directory: String) -> Bool {
            looked.append(directory)
            guard isContentRoot(directory) else { return false }
            roots.append(directory)
            return true
        }
        let installation: String?
        if let explicit = home ?? environment["PARCOURS_HOME"].flatMap({ $0.isEmpty ? nil : $0 }) {
            _ = consider(explicit)
            // Looked for only for the interface's words: not a place the courses come from.
            installation = executablePath.flatMap { installed(beside: $0, isContentRoot: isContentRoot) }
        } else {
            installation = executablePath.flatMap { installed(beside: $0, isContentRoot: consider) }
        }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? join(homeDirectory, ".local/share")
        let userRoot = join(dataHome, "parcours")
        if !roots.contains(userRoot) { _ = consider(userRoot) }
        let interface = roots + (installation.map { roots.contains($0) ? [] : [$0] } ?? [])
        return Result(roots: roots, looked: looked, interfaceRoots: interface)
    }

    /// parcours' own content: `share/parcours` beside the installed binary, else the source
    /// checkout the binary was built in.
    static func installed(beside executablePath: String, isContentRoot: (String) -> Bool) -> String? {
        let binDirectory = parent(of: executablePath)
        let share = join(parent(of: binDirectory), "share/parcours")
        if isContentRoot(share) { return share }
        var directory = binDirectory
        while directory != "/" && !directory.isEmpty {
            if isContentRoot(directory) { return directory }
            directory = parent(of: directory)
        }
        return nil
    }

    public static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    public static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
