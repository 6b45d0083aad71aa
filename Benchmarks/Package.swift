// swift-tools-version: 6.1
// Benchmarks for parcours (ordo-one/benchmark). Run from this directory:
//   swift package --scratch-path ../.build-bench-pkg benchmark --target StoreTransition
// ParcoursStore is not a product of the root package, so `BenchParcoursStore` compiles the
// very same files (Sources/BenchParcoursStore is a symlink to ../../Sources/ParcoursStore)
// against the root's ParcoursCore product and the same GRDB version, in release mode.
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
        .target(
            name: "BenchParcoursStore",
            dependencies: [
                .product(name: "ParcoursCore", package: "parcours"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/BenchParcoursStore"
        ),
        .executableTarget(
            name: "StoreTransition",
            dependencies: [
                "BareSQLite", "BenchParcoursStore",
                .product(name: "ParcoursCore", package: "parcours"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/StoreTransition",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
