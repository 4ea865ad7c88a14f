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

        // MARK: fetch layer (libcurl)
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "OGPFetch",
            dependencies: [
                "OGPModel", "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        /// A real HTTP/1.1 server on 127.0.0.1 for tests (routes, request log, faults).
        .target(name: "OGPTestServer", swiftSettings: strict),

        // MARK: tests
        .testTarget(name: "OGPModelTests", dependencies: ["OGPModel"], swiftSettings: strict),
        .testTarget(
            name: "OGPFetchTests",
            dependencies: ["OGPFetch", "OGPTestServer"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
