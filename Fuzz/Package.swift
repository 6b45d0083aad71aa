// swift-tools-version: 6.1
// libFuzzer targets for the parsers that read what a person hands parcours: bundles and
// course files. Kept out of the main package: they only link with `-sanitize=fuzzer`.
// Run them with `make fuzz` (see docs/reliability.md, "Fuzzing").
import PackageDescription

let package = Package(
    name: "parcours-fuzz",
    dependencies: [.package(name: "parcours", path: "..")],
    targets: [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        .executableTarget(
            name: "fuzz-bundle",
            dependencies: [
                "FuzzDriver", .product(name: "ParcoursStore", package: "parcours"),
                .product(name: "ParcoursCore", package: "parcours"),
            ],
            path: "Sources/fuzz-bundle"),
        .executableTarget(
            name: "fuzz-course",
            dependencies: ["FuzzDriver", .product(name: "ParcoursCore", package: "parcours")],
            path: "Sources/fuzz-course"),
    ],
    swiftLanguageModes: [.v6]
)
