// swift-tools-version: 6.1
// Benchmarks for parcours (ordo-one/benchmark). Run from this directory:
//   swift package --scratch-path ../.build-bench-pkg benchmark --target StoreTransition
// ParcoursStore and ParcoursCore come from the root package's library products.
import PackageDescription

let package = Package(
    name: "parcours-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "parcours", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLiteBench", path: "Sources/CSQLiteBench", providers: [.apt(["libsqlite3-dev"])]),
        // The bare baseline: the SQLite C API, nothing else, behind a tiny Swift wrapper.
        .target(name: "BareSQLite", dependencies: ["CSQLiteBench"], path: "Sources/BareSQLite"),
        .executableTarget(
            name: "StoreTransition",
            dependencies: [
                "BareSQLite",
                .product(name: "ParcoursCore", package: "parcours"),
                .product(name: "ParcoursStore", package: "parcours"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StoreTransition",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
