import Foundation
import ParcoursTestSupport
import Testing

/// The JSON Schemas in docs/schema accept every shipped file and reject a broken one.
@Suite("JSON Schemas")
struct SchemaTests {
    static let script = Binary.packageRoot + "/Tests/Scripts/validate-schemas.py"

    @Test func shippedFilesMatchTheSchemas() throws {
        let result = try Binary.tool("python3", [Self.script, Binary.packageRoot], input: "")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("parcours-tour.yml: ok"))
    }

    @Test func aBrokenFileIsRejected() throws {
        let home = try Fixture.write(
            to: Binary.temporaryDirectory(),
            graph: Fixture.graph.replacing("kind: lesson", with: "kind: lecture"))
        let result = try Binary.tool(
            "python3", [Self.script, "--expect-invalid", home + "/Paths/demo.yml", "paths"],
            input: "")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func offlineIsABooleanOfAnyStep() throws {
        let home = try ActivityFixture.write(to: Binary.temporaryDirectory())
        let valid = try Binary.tool("python3", [Self.script, home], input: "")
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        #expect(valid.stdout.contains("atelier.yml: ok"))
        try ActivityFixture.graph.replacing("offline: true", with: "offline: souvent")
            .write(toFile: home + "/Paths/atelier.yml", atomically: true, encoding: .utf8)
        let invalid = try Binary.tool(
            "python3", [Self.script, "--expect-invalid", home + "/Paths/atelier.yml", "paths"], input: "")
        #expect(invalid.status == 0, "\(invalid.stdout)\(invalid.stderr)")
    }
}
