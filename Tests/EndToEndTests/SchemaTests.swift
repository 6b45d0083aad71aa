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
}
