// swift-tools-version: 6.1
import PackageDescription

// Coverage-guided fuzz targets (libFuzzer + AddressSanitizer) for every decoder of outside data.
// A separate package, so that the main `swift build` never compiles them; build and run with
// `make fuzz` / `make fuzz-smoke` from the repository root (see Fuzz/README.md). The sanitizer
// flags are passed on the command line (`-Xswiftc -sanitize=fuzzer,address`) so that the
// libraries of the main package are instrumented too.
let package = Package(
    name: "ogp-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "ogp", path: "..")],
    targets: [
        .executableTarget(
            name: "ogp-fuzz",
            dependencies: [
                .product(name: "OGPParse", package: "ogp"),
                .product(name: "OGPAnalysis", package: "ogp"),
                .product(name: "OGPIndex", package: "ogp"),
                .product(name: "OGPConfig", package: "ogp"),
                .product(name: "OGPModel", package: "ogp"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
