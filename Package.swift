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
        .library(name: "OGPIndex", targets: ["OGPIndex"]),
        .executable(name: "ogp-search", targets: ["ogp-search"]),
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

        // MARK: search: inverted index (knows nothing of records: documents with fields)
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "OGPIndex", dependencies: ["OGPAnalysis", "CZlib"], swiftSettings: strict),
        .executableTarget(
            name: "ogp-search",
            dependencies: ["OGPIndex", "OGPCatalog", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),

        // MARK: executables (parse arguments, print; nothing else)
        .executableTarget(
            name: "ogp",
            dependencies: [
                "OGPModel", "OGPStore", "OGPCatalog", "OGPIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: tests
        .testTarget(name: "OGPModelTests", dependencies: ["OGPModel"], swiftSettings: strict),
        .testTarget(name: "OGPStoreTests", dependencies: ["OGPModel", "OGPStore"], swiftSettings: strict),
        .testTarget(name: "OGPCatalogTests", dependencies: ["OGPModel", "OGPStore", "OGPCatalog"], swiftSettings: strict),
        .testTarget(
            name: "OGPIndexTests",
            dependencies: ["OGPIndex", "OGPAnalysis"],
            exclude: ["SOURCES.md"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
