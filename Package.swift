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
        .library(name: "OGPModel", targets: ["OGPModel"]),
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

        // MARK: decoders (pure, never fetch)
        .target(name: "OGPParse", dependencies: ["OGPModel", "Yams"], swiftSettings: strict),

        // MARK: search: analysis (knows nothing of records)
        .target(name: "OGPAnalysis", swiftSettings: strict),
        .executableTarget(name: "ogp-bench-analysis", dependencies: ["OGPAnalysis"],
                          path: "Benchmarks/analysis/Sources", swiftSettings: strict),

        // MARK: tests
        .testTarget(name: "OGPModelTests", dependencies: ["OGPModel"], swiftSettings: strict),
        .testTarget(name: "OGPAnalysisTests", dependencies: ["OGPAnalysis"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
