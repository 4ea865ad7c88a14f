// swift-tools-version: 6.1
import PackageDescription

/// Settings shared by every target (Swift 6 language mode, strict concurrency, below).
/// ogp is built and tested on Linux (Debian) only: it calls Glibc directly in its file I/O, so
/// no other platform is declared.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ogp",
    products: [
        .executable(name: "ogp", targets: ["ogp"]),
        .executable(name: "ogp-search", targets: ["ogp-search"]),
        // NIO-based: its own product, never a dependency of ogp or ogp-search (make demo stays fast)
        .executable(name: "ogp-serve", targets: ["ogp-serve"]),
        .library(name: "OGPModel", targets: ["OGPModel"]),
        .library(name: "OGPFetch", targets: ["OGPFetch"]),
        .library(name: "OGPIndex", targets: ["OGPIndex"]),
        // for the fuzz targets in Fuzz/ (a separate package that depends on this one by path)
        .library(name: "OGPParse", targets: ["OGPParse"]),
        .library(name: "OGPAnalysis", targets: ["OGPAnalysis"]),
        .library(name: "OGPCatalog", targets: ["OGPCatalog"]),
        .library(name: "OGPConfig", targets: ["OGPConfig"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's own dependency, named for ogp-serve's executor (NIOPosix)
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: the one error shape (code, message, place, underlying) shared by every module
        .target(name: "OGPCore", swiftSettings: strict),

        // MARK: records (no I/O)
        .target(name: "OGPModel", swiftSettings: strict),

        // MARK: fetch layer (libcurl; only OGPFetch imports CCurl)
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // libcrypto's SHA-256 for body hashes (hardware-accelerated; only OGPFetch imports it)
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(
            name: "OGPFetch",
            dependencies: ["OGPCore", "OGPModel", "CCurl", "CCrypto", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // MARK: decoders (pure, never fetch; only the HTML and XML-reader wrappers import CLibXML2)
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .target(name: "OGPParse", dependencies: ["OGPCore", "OGPModel", "Yams", "CLibXML2"], swiftSettings: strict),

        // MARK: catalogue store (protocol + SQLite + PostgreSQL; only PostgresConnection imports CLibPQ)
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "OGPStore",
            dependencies: ["OGPCore", "OGPModel", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),

        // MARK: search: analysis and inverted index (know nothing of records)
        .target(name: "OGPAnalysis", swiftSettings: strict),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        .target(name: "OGPIndex", dependencies: ["OGPCore", "OGPAnalysis", "CZlib", "CZstd"], swiftSettings: strict),

        // MARK: configuration and the data directory (no store: ogp-search reads them too)
        .target(name: "OGPConfig", dependencies: ["OGPCore", "Yams"], swiftSettings: strict),

        // MARK: record → document mapping, export (re-exports OGPConfig)
        .target(
            name: "OGPCatalog",
            dependencies: ["OGPCore", "OGPModel", "OGPStore", "OGPIndex", "OGPConfig", "OGPAnalysis", "Yams"],
            swiftSettings: strict
        ),

        // MARK: harvest: the only place that chains fetch → parse → normalise → store → index
        .target(
            name: "OGPHarvest",
            dependencies: [
                "OGPCore", "OGPModel", "OGPStore", "OGPCatalog", "OGPFetch", "OGPParse",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: the command-line layer shared by `ogp` and `ogp-search` (no NIO): common
        // options, the exit-code table, option value types, output writing, the log format
        .target(
            name: "OGPCommandLine",
            dependencies: [
                "OGPCore", "OGPModel", "OGPConfig", "OGPIndex",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: executables (parse arguments, print; nothing else)
        .executableTarget(
            name: "ogp",
            dependencies: [
                "OGPModel", "OGPStore", "OGPCatalog", "OGPFetch", "OGPHarvest", "OGPIndex", "OGPCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ogp-search",
            dependencies: [
                "OGPIndex", "OGPConfig", "OGPModel", "OGPCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // MARK: web server (Hummingbird; only OGPServe and ogp-serve import it)
        .target(
            name: "OGPServe",
            dependencies: [
                "OGPModel", "OGPStore", "OGPCatalog", "OGPIndex",
                // the search results' JSON, shared with ogp-search (no NIO there)
                "OGPCommandLine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ogp-serve",
            dependencies: [
                "OGPServe", "OGPCatalog", "OGPCommandLine", "OGPConfig", "OGPIndex",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        // MARK: test support: a real HTTP/1.1 server on 127.0.0.1 (routes, request log, faults)
        .target(name: "OGPTestServer", swiftSettings: strict),

        // MARK: tests
        .testTarget(name: "OGPCoreTests", dependencies: ["OGPCore"], swiftSettings: strict),
        .testTarget(name: "OGPModelTests", dependencies: ["OGPModel"], swiftSettings: strict),
        .testTarget(name: "OGPStoreTests", dependencies: ["OGPModel", "OGPStore"], swiftSettings: strict),
        .testTarget(
            name: "OGPCatalogTests", dependencies: ["OGPModel", "OGPStore", "OGPCatalog", "OGPHarvest", "OGPIndex"],
            exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "OGPFetchTests", dependencies: ["OGPFetch", "OGPModel", "OGPTestServer"], swiftSettings: strict),
        .testTarget(
            name: "OGPParseTests", dependencies: ["OGPParse", "OGPModel"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "OGPAnalysisTests", dependencies: ["OGPAnalysis"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "OGPIndexTests", dependencies: ["OGPIndex", "OGPAnalysis"],
            exclude: ["SOURCES.md"], swiftSettings: strict),
        .testTarget(
            name: "OGPHarvestTests",
            dependencies: [
                "OGPHarvest", "OGPCore", "OGPCatalog", "OGPStore", "OGPModel", "OGPTestServer", "OGPIndex",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"], swiftSettings: strict),

        .testTarget(
            name: "OGPServeTests",
            dependencies: [
                // Not HummingbirdTesting: it brings AsyncHTTPClient and BoringSSL (NIOSSL), minutes of
                // debug build on 2 cores for every `make test` — its `.router` mode too, since the
                // module itself imports both (see TestClient.swift); the tests run the real server
                // on loopback and ask it with Foundation's URLSession instead.
                "OGPServe", "OGPHarvest", "OGPCatalog", "OGPStore", "OGPModel", "OGPIndex", "OGPParse",
                "OGPCommandLine", "OGPConfig",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            exclude: ["Fixtures", "browser"], swiftSettings: strict),
        .testTarget(
            name: "OGPCommandLineTests",
            dependencies: [
                "OGPCommandLine", "OGPCore", "OGPConfig", "OGPModel", "OGPStore", "OGPIndex", "OGPTestServer",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // MARK: benchmarks (release builds, see Benchmarks/)
        .executableTarget(
            name: "ogp-bench-analysis", dependencies: ["OGPAnalysis"],
            path: "Benchmarks/analysis/Sources", swiftSettings: strict),
        .executableTarget(
            name: "ogp-bench-csv", dependencies: ["OGPParse", "OGPModel"],
            path: "Benchmarks/datasets/Sources", swiftSettings: strict),
        .executableTarget(
            name: "ogp-bench-fetch", dependencies: ["OGPFetch"],
            path: "Benchmarks/fetch/Sources", swiftSettings: strict),
        .executableTarget(
            name: "ogp-bench-ranking", dependencies: ["OGPIndex"],
            path: "Benchmarks/search/Sources", swiftSettings: strict),
        .executableTarget(
            name: "ogp-bench-catalogs",
            dependencies: ["OGPParse", "OGPModel", "OGPCatalog", "OGPHarvest", "OGPFetch", "OGPStore", "OGPTestServer"],
            path: "Benchmarks/catalogs/Sources", swiftSettings: strict),
        .executableTarget(
            name: "ogp-bench-suggestions", dependencies: ["OGPCatalog", "OGPIndex", "OGPModel", "OGPStore"],
            path: "Benchmarks/suggestions/Sources", swiftSettings: strict),
        .executableTarget(
            name: "ogp-bench-serve", dependencies: ["OGPIndex", "OGPModel", "OGPCommandLine"],
            path: "Benchmarks/serve/Sources", swiftSettings: strict),
        .executableTarget(
            name: "ogp-bench-duplicates", dependencies: ["OGPParse", "OGPModel"],
            path: "Benchmarks/duplicates/Sources", swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
