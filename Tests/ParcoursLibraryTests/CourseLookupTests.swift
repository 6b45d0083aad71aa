import Dispatch
import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursLibrary

@Suite struct CourseLookupTests {
    let scratch: Scratch
    init() throws { scratch = try Scratch() }

    /// A lookup over the folders given, in the order given (the first one's courses win).
    func lookup(_ roots: String...) -> CourseLookup {
        CourseLookup(library: ContentLibrary.scan(roots: roots), environment: [:])
    }

    /// A second course, `other`, offering the path `side`; `broken` breaks its graph.
    func other(broken: Bool = false) throws {
        let graph = Fixture.graph.replacingOccurrences(of: "course: demo", with: "course: other")
            .replacingOccurrences(of: "  - id: main", with: "  - id: side")
        try scratch.write(broken ? graph + "\nnonsense: [" : graph, to: "content/Paths/other.yml")
    }

    @Test func findsAPathByItsIDWithTheWordsOfTheLanguageAsked() throws {
        try scratch.course()
        let courses = lookup(scratch.path("content"))
        let (french, path) = try courses.find("main", lang: nil)
        #expect(french.course.id == "demo" && path.id == "main")
        #expect(french.catalog.language == "fr")
        #expect(try courses.find("main", lang: "en").0.catalog.language == "en")
    }

    /// The byte search that picks the graphs worth parsing for a path id.
    @Test(arguments: [
        ("paths:\n  - id: main\n", "main", true), ("main is first", "main", true), ("ends with main", "main", true),
        ("mai", "main", false), ("maimain", "main", true), ("mainly", "mainly-not", false), ("", "main", false),
        ("« étape » main", "main", true), ("m", "m", true), ("anything", "", true), ("ma in", "main", false),
    ])
    func aGraphMentionsAPathIDByteForByte(text: String, id: String, found: Bool) {
        #expect(CourseLookup.mentions(text, id) == found)
    }

    @Test func anUnknownPathNamesTheKnownOnes() throws {
        try scratch.course()
        try other()
        let error = #expect(throws: LibraryError.self) { try lookup(scratch.path("content")).find("mian", lang: nil) }
        #expect(error == .unknownPath("mian", known: ["main", "side"]))
        #expect(error?.exitCode == 64)
        #expect(error?.description.contains("Did you mean 'main'?") == true)
    }

    @Test func aBrokenCourseThatMentionsThePathIsTheAnswer() throws {
        try scratch.course()
        try other(broken: true)
        let courses = lookup(scratch.path("content"))
        // The broken course does not mention `main`: it is passed over.
        #expect(try courses.find("main", lang: nil).1.id == "main")
        let error = #expect(throws: LibraryError.self) { try courses.find("side", lang: nil) }
        guard case .invalidCourse(let id, let diagnostics) = error else {
            Issue.record("expected invalidCourse, got \(String(describing: error))")
            return
        }
        #expect(id == "other" && !diagnostics.isEmpty)
        #expect(error?.exitCode == 65)
    }

    @Test func aGraphThatIsNotUTF8AndMentionsThePathIsBadData() throws {
        try scratch.course()
        var bytes = Array(Fixture.graph.utf8)
        bytes.insert(0xFF, at: bytes.count - 1)
        _ = FileManager.default.createFile(atPath: scratch.path("content/Paths/demo.yml"), contents: Data(bytes))
        let error = #expect(throws: LibraryError.self) { try lookup(scratch.path("content")).find("main", lang: nil) }
        guard case .notUTF8 = error else {
            Issue.record("expected notUTF8, got \(String(describing: error))")
            return
        }
        #expect(error?.exitCode == 65)
    }

    @Test func eachGraphIsParsedOnceAndASiblingReadsAgain() throws {
        try scratch.course()
        let courses = lookup(scratch.path("content"))
        #expect(try courses.graph("demo")?.id == "demo")
        // The file changes: this lookup keeps what it parsed, a sibling reads the new text.
        try scratch.write("formatVersion: 1\n", to: "content/Paths/demo.yml")
        #expect(try courses.graph("demo")?.id == "demo")
        #expect(try courses.find("main", lang: "en").0.course.id == "demo")
        #expect(courses.sibling().course("demo") == nil)
        #expect(throws: LibraryError.self) { try courses.sibling().graph("demo") }
    }

    @Test func aGraphThatDoesNotLoadIsRememberedWithItsError() throws {
        try scratch.course(graph: "formatVersion: 1\n")
        let courses = lookup(scratch.path("content"))
        #expect(courses.course("demo") == nil)
        try scratch.course()
        #expect(courses.course("demo") == nil)
        let error = #expect(throws: LibraryError.self) { try courses.loaded(courses.files("demo")!, lang: nil) }
        if case .invalidCourse("demo", _) = error {} else { Issue.record("got \(String(describing: error))") }
        #expect(courses.sibling().course("demo") != nil)
    }

    @Test func aCourseNotInstalledIsNilOrLeftOut() throws {
        try scratch.course()
        let courses = lookup(scratch.path("content"))
        #expect(try courses.graph("gone") == nil)
        #expect(try courses.graphs(["gone", "demo", "demo"]).keys.sorted() == ["demo"])
    }

    @Test func anAttemptsCourseAndPath() throws {
        try scratch.course()
        let courses = lookup(scratch.path("content"))
        #expect(try courses.find("main", inCourse: "demo", lang: "en").0.catalog.language == "en")
        let gone = #expect(throws: LibraryError.self) { try courses.find("main", inCourse: "gone", lang: nil) }
        #expect(gone == .courseNotInstalled("gone") && gone?.exitCode == 64)
        let moved = #expect(throws: LibraryError.self) { try courses.find("old", inCourse: "demo", lang: nil) }
        #expect(moved == .unknownPath("old", known: ["main"]) && moved?.exitCode == 64)
    }

    @Test func threadsAskingAtOnceShareOneGraph() throws {
        try scratch.course()
        try other()
        let courses = lookup(scratch.path("content"))
        let found = Found()
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let id = index.isMultiple(of: 2) ? "demo" : "other"
            let course = index.isMultiple(of: 3) ? try? courses.find("main", lang: nil).0.course : courses.course(id)
            found.add(course?.id)
        }
        #expect(found.ids.count == 64 && !found.ids.contains(nil))
    }

    /// What the threads found.
    final class Found: @unchecked Sendable {
        // Safe: `ids` is only touched under `lock`.
        private(set) var ids: [String?] = []
        private let lock = NSLock()

        func add(_ id: String?) { lock.withLock { ids.append(id) } }
    }
}
