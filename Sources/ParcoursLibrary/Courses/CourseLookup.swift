import Foundation
import ParcoursCore

/// The installed courses, found by course id or by path id, each graph parsed at most once.
///
/// Every command that needs a course asks one: the learner's commands for a path and its
/// words, report and calibrate for the courses their attempts follow (from several threads
/// at once), import to check bundles, export to grade statements. A graph that cannot be
/// read or loaded is remembered with its error, and not read again either. Words are read
/// when asked for (`loaded`, `find`), in the language asked for, each time.
///
/// ```swift
/// let courses = try CourseLookup(home: nil, environment: ProcessInfo.processInfo.environment)
/// let (loaded, path) = try courses.find("alliances-2h", lang: "en")
/// print(loaded.catalog.text(CourseKeys.pathTitle(path.id)))
/// ```
public final class CourseLookup: @unchecked Sendable {
    // Safe: `graphs` is read and written only under `lock`; the other properties never change.
    private var graphs: [String: Result<Course, LibraryError>] = [:]
    private let lock = NSLock()
    public let library: ContentLibrary
    /// The environment the language is negotiated in (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`).
    public let environment: [String: String]

    public init(library: ContentLibrary, environment: [String: String]) {
        self.library = library
        self.environment = environment
    }

    /// The courses found from `home` (else `PARCOURS_HOME` and the usual places); 66 with
    /// every place looked at when there are none.
    public convenience init(home: String?, environment: [String: String]) throws(LibraryError) {
        self.init(library: try ContentLibrary.discover(home: home, environment: environment), environment: environment)
    }

    /// Another lookup over the same files, with nothing loaded yet.
    ///
    /// The report gives each thread that sums up learners its own, so that two threads never
    /// count references to the same course objects (which would slow both down).
    public func sibling() -> CourseLookup {
        CourseLookup(library: library, environment: environment)
    }

    /// The files of course `id`, if it is installed.
    public func files(_ id: String) -> ContentLibrary.CourseFiles? {
        library.courses.first { $0.id == id }
    }

    /// The graph of course `id`, without its words; nil when no such course is installed.
    /// A graph that cannot be read is 66, one that is not UTF-8 or does not load 65.
    public func graph(_ id: String) throws(LibraryError) -> Course? {
        guard let files = files(id) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return try parsed(files, text: nil).get()
    }

    /// The graph of course `id`, or nil when it is not installed or does not load: for readers
    /// that name what they could not count (the report) or do without (xAPI grading).
    @Sendable public func course(_ id: String) -> Course? {
        (try? graph(id)) ?? nil
    }

    /// The graphs of the installed courses among `ids`; a course that is not installed is left
    /// out, the first that does not load is thrown.
    public func graphs(_ ids: [String]) throws(LibraryError) -> [String: Course] {
        var result: [String: Course] = [:]
        for id in ids where result[id] == nil {
            if let course = try graph(id) { result[id] = course }
        }
        return result
    }

    /// A course with its words in `lang` (else the environment's language, else the course's
    /// source language).
    public func loaded(_ files: ContentLibrary.CourseFiles, lang: String?) throws(LibraryError) -> LoadedCourse {
        lock.lock()
        defer { lock.unlock() }
        if let known = graphs[files.id] {
            return LoadedCourse.load(
                files, course: try known.get(), library: library, lang: lang, environment: environment)
        }
        let result = Result { () throws(LibraryError) in
            try LoadedCourse.load(
                files, graphText: try ContentLibrary.read(files.graph), library: library, lang: lang,
                environment: environment)
        }
        graphs[files.id] = result.map(\.course)
        return try result.get()
    }

    /// The course that offers `pathID`, with its words, and the path.
    ///
    /// A course whose graph text does not even mention the id cannot define the path: only a
    /// course that does is loaded with its words (read while its graph is parsed); of the
    /// others only the graph is parsed, to list the known paths if none has it. When no course
    /// has the path, a course that mentions it but does not load is the answer (its errors,
    /// 65), not "no such path" (64). A graph already parsed is asked directly.
    public func find(_ pathID: String, lang: String?) throws(LibraryError) -> (LoadedCourse, CoursePath) {
        lock.lock()
        defer { lock.unlock() }
        var known: [String] = []
        var broken: LibraryError?
        for files in library.courses {
            if case .success(let course)? = graphs[files.id] {
                if let path = course.path(pathID) {
                    return (
                        LoadedCourse.load(
                            files, course: course, library: library, lang: lang, environment: environment),
                        path
                    )
                }
                known += course.paths.map(\.id)
                continue
            }
            guard let (text, problem) = try? ContentLibrary.readDecoding(files.graph) else { continue }
            if Self.mentions(text.text, pathID) {
                let result = Result { () throws(LibraryError) in
                    if let problem { throw .notUTF8(problem) }
                    // A graph that did not load before is not read again.
                    if case .failure(let error)? = graphs[files.id] { throw error }
                    return try LoadedCourse.load(
                        files, graphText: text, library: library, lang: lang, environment: environment)
                }
                if graphs[files.id] == nil { graphs[files.id] = result.map(\.course) }
                switch result {
                case .success(let loaded):
                    if let path = loaded.course.path(pathID) { return (loaded, path) }
                    known += loaded.course.paths.map(\.id)
                case .failure(let error):
                    broken = broken ?? error
                }
            } else if problem == nil, case .success(let course) = parsed(files, text: text) {
                known += course.paths.map(\.id)
            }
        }
        if let broken { throw broken }
        throw .unknownPath(pathID, known: known)
    }

    /// Path `pathID` of course `courseID` (an attempt's), with the course's words: 64 when the
    /// course is no longer installed or no longer has the path.
    public func find(_ pathID: String, inCourse courseID: String, lang: String?) throws(LibraryError) -> (
        LoadedCourse, CoursePath
    ) {
        guard let files = files(courseID) else { throw .courseNotInstalled(courseID) }
        let loaded = try loaded(files, lang: lang)
        guard let path = loaded.course.path(pathID) else {
            throw .unknownPath(pathID, known: loaded.course.paths.map(\.id))
        }
        return (loaded, path)
    }

    /// The graph of `files`, parsed from `text` (else from the file) the first time. Called
    /// under `lock`.
    private func parsed(_ files: ContentLibrary.CourseFiles, text: SourceText?) -> Result<Course, LibraryError> {
        if let known = graphs[files.id] { return known }
        let result = Result { () throws(LibraryError) in try LoadedCourse.graph(files, text: text) }
        graphs[files.id] = result
        return result
    }

    /// Whether `text` holds `id`, byte for byte (`memchr` for its first byte, `memcmp` for
    /// the rest): not Foundation's `contains`, a locale-aware search (0.8 M instructions on
    /// a 24 KB graph at every start), nor the standard library's generic one (6.6 M). A
    /// path id is plain ASCII (`IdentifierRule`).
    static func mentions(_ text: String, _ id: String) -> Bool {
        var text = text
        var id = id
        return text.withUTF8 { haystack in
            id.withUTF8 { needle in
                guard let needleBase = needle.baseAddress, let first = needle.first else { return true }
                guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
                var start = base
                let last = base + (haystack.count - needle.count)
                while start <= last {
                    guard let found = memchr(start, Int32(first), last - start + 1) else { return false }
                    let candidate = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(candidate, needleBase, needle.count) == 0 { return true }
                    start = candidate + 1
                }
                return false
            }
        }
    }
}
