import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursLibrary

@Suite struct LintTargetsTests {
    let scratch: Scratch
    init() throws { scratch = try Scratch() }

    @Test func aFolderAGraphAndALocaleFileNameTheirCourseOnce() throws {
        let root = try scratch.course()
        try scratch.write("formatVersion: 1\nlanguage: fr\n", to: "content/Locales/fr/ui.yml")
        let jobs = try LintTargets.resolve(
            [root, "\(root)/Paths/demo.yml", "\(root)/Locales/en/demo.yml", "\(root)/Paths"], home: nil,
            environment: [:])
        #expect(jobs.courses.map(\.id) == ["demo"])
        #expect(jobs.courses.first?.locales.keys.sorted() == ["en", "fr"])
        #expect(jobs.uiCatalogs == ["\(root)/Locales/fr/ui.yml"])
    }

    @Test func targetsThatNameNoCourseAreRefused() throws {
        let root = try scratch.course()
        try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: true)
        let empty = #expect(throws: LibraryError.self) {
            try LintTargets.resolve([scratch.path("empty")], home: nil, environment: [:])
        }
        #expect(empty == .notContentFolder(scratch.path("empty")) && empty?.exitCode == 64)
        try scratch.write(Fixture.locale("fr"), to: "content/Locales/fr/gone.yml")
        let orphan = #expect(throws: LibraryError.self) {
            try LintTargets.resolve(["\(root)/Locales/fr/gone.yml"], home: nil, environment: [:])
        }
        #expect(orphan == .orphanLocale(file: "\(root)/Locales/fr/gone.yml", graph: "\(root)/Paths/gone.yml"))
        let missing = #expect(throws: LibraryError.self) {
            try LintTargets.resolve([scratch.path("nowhere.yml")], home: nil, environment: [:])
        }
        #expect(missing == .unreadable(path: scratch.path("nowhere.yml")) && missing?.exitCode == 66)
    }

    @Test func aFileThatIsNotUTF8IsOneMoreDiagnostic() throws {
        let root = try scratch.course()
        let clean = try LintFindings.check(try LintTargets.resolve([root], home: nil, environment: [:]))
        #expect(clean.courses == 1 && !clean.diagnostics.hasErrors)
        #expect(clean.times.map(\.course) == ["demo"])
        var bytes = Array(Fixture.locale("en").utf8)
        bytes.append(0xFF)
        _ = FileManager.default.createFile(atPath: "\(root)/Locales/en/demo.yml", contents: Data(bytes))
        let findings = try LintFindings.check(try LintTargets.resolve([root], home: nil, environment: [:]))
        #expect(findings.diagnostics.filter { $0.rule == "encoding" }.count == 1)
        #expect(findings.times.count == clean.times.count)
    }
}
