// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "parcours",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "parcours", targets: ["parcours"]),
        .executable(name: "parcours-sync", targets: ["parcours-sync"]),
        .library(name: "ParcoursCore", targets: ["ParcoursCore"]),
        // For the benchmarks package (Benchmarks/), which times the store in-process.
        .library(name: "ParcoursStore", targets: ["ParcoursStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(
            name: "ParcoursCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ParcoursStore",
            dependencies: [
                "ParcoursCore", .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the hot paths that bind and step statements themselves.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "ParcoursTerminal",
            dependencies: ["ParcoursCore", "CReadline"]
        ),
        .target(
            name: "ParcoursReport",
            dependencies: ["ParcoursCore", .product(name: "Plot", package: "Plot")]
        ),
        // What the commands do, apart from parsing and printing: finding and loading courses,
        // the cohort read of report and calibrate, lint's targets, the xAPI collection.
        .target(
            name: "ParcoursLibrary",
            dependencies: ["ParcoursCore", "ParcoursStore", "ParcoursReport"]
        ),
        // The outbox's destinations: the only module that links networking (PostgreSQL).
        .target(
            name: "ParcoursSync",
            dependencies: [
                "ParcoursCore", "ParcoursStore", "ParcoursLibrary",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The commands, parsed and printed: everything of the `parcours` executable but its
        // entry point, so that `parcours-sync` shares the options, the session and the words.
        .target(
            name: "ParcoursCommandLine",
            dependencies: [
                "ParcoursCore", "ParcoursStore", "ParcoursTerminal", "ParcoursReport", "ParcoursLibrary",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "parcours",
            dependencies: [
                "ParcoursCore", "ParcoursCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The network's side of parcours, apart: `parcours sync`, `parcours db`, the REPL's
        // background push and the server read of `report`. Linking postgres-nio into
        // `parcours` cost `--version` 28 % and the first prompt 17 % more instructions (the runtime's
        // conformance tables grow with every module linked), for learners who never sync.
        .executableTarget(
            name: "parcours-sync",
            dependencies: [
                "ParcoursCore", "ParcoursStore", "ParcoursLibrary", "ParcoursCommandLine", "ParcoursSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "ParcoursTestSupport",
            dependencies: ["ParcoursCore"],
            path: "Tests/ParcoursTestSupport"
        ),
        .testTarget(name: "ParcoursCoreTests", dependencies: ["ParcoursCore", "ParcoursTestSupport"]),
        .testTarget(name: "ParcoursStoreTests", dependencies: ["ParcoursStore", "ParcoursTestSupport"]),
        .testTarget(name: "ParcoursTerminalTests", dependencies: ["ParcoursTerminal", "ParcoursTestSupport"]),
        .testTarget(name: "ParcoursReportTests", dependencies: ["ParcoursReport", "ParcoursTestSupport"]),
        .testTarget(
            name: "ParcoursLibraryTests",
            dependencies: ["ParcoursLibrary", "ParcoursStore", "ParcoursTestSupport"]),
        .testTarget(
            name: "ParcoursSyncTests",
            dependencies: [
                "ParcoursSync", "ParcoursStore", "ParcoursLibrary", "ParcoursTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(name: "EndToEndTests", dependencies: ["ParcoursTestSupport"]),
        // The modules together, in-process: the REPL writing to a real store, read back.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["ParcoursTerminal", "ParcoursStore", "ParcoursCommandLine", "ParcoursTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
