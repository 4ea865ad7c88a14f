// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (strict concurrency).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ogp",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ogp", targets: ["ogp"]),
        .library(name: "OGPModel", targets: ["OGPModel"]),
        .library(name: "OGPFetch", targets: ["OGPFetch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: records (no I/O)
        .target(name: "OGPModel", swiftSettings: strict),

        // MARK: catalogue store (protocol + SQLite)
        .target(
            name: "OGPStore",
            dependencies: ["OGPModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),

        // MARK: configuration, record → document mapping, export
        .target(
            name: "OGPCatalog",
            dependencies: ["OGPModel", "OGPStore", "Yams"],
            swiftSettings: strict
        ),

        // MARK: decoders (pure, never fetch)
        .target(name: "OGPParse", dependencies: ["OGPModel", "Yams"], swiftSettings: strict),

        // MARK: search: analysis (knows nothing of records)
        .target(name: "OGPAnalysis", swiftSettings: strict),

        // MARK: fetch layer (libcurl; only OGPFetch imports CCurl)
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "OGPFetch",
            dependencies: [
                "OGPModel", "CCurl", "CCrypto",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        /// A real HTTP/1.1 server on 127.0.0.1 for tests only (routes, request log, faults).
        .target(name: "OGPTestServer", swiftSettings: strict),

        // MARK: executables (parse arguments, print; nothing else)
        .executableTarget(
            name: "ogp",
            dependencies: [
                "OGPModel", "OGPStore", "OGPCatalog", "OGPFetch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: benchmarks (release builds only, see Benchmarks/fetch/run.sh)
        .executableTarget(
            name: "ogp-bench-fetch",
            dependencies: ["OGPFetch"],
            path: "Benchmarks/fetch/Sources",
            swiftSettings: strict
        ),

        // MARK: tests
        .testTarget(name: "OGPModelTests", dependencies: ["OGPModel"], swiftSettings: strict),
        .testTarget(name: "OGPStoreTests", dependencies: ["OGPModel", "OGPStore"], swiftSettings: strict),
        .testTarget(
            name: "OGPFetchTests",
            dependencies: ["OGPFetch", "OGPModel", "OGPTestServer"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
