// ogp-bench-catalogs: catalogue-portal measurements (release build, see ../README.md).
//   origins EXPORT.csv          rows of data.gouv.fr's export whose origin ogp can match
//   dcat --url URL                                 DCAT RDF/XML pages (hydra) on loopback: datasets/s, peak RSS
//   ckan --template FILE [--datasets N] [--page N] CKAN package_search on loopback into a catalogue
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func maxRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func option(_ name: String, _ arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "origins":
        guard arguments.count > 1 else { throw BenchError.usage }
        try OriginsMeasure.run(arguments[1])
    case "dcat":
        guard let url = option("--url", arguments) else { throw BenchError.usage }
        try await DCATBench.run(url: url)
    case "ckan":
        try await CKANBench.run(
            datasets: option("--datasets", arguments).flatMap(Int.init) ?? 100_000,
            page: option("--page", arguments).flatMap(Int.init) ?? 1000,
            template: option("--template", arguments)
                ?? "Tests/OGPHarvestTests/Fixtures/catalogs/ckan-datasud-package_search.json",
            dump: option("--dump", arguments))
    default:
        throw BenchError.usage
    }
} catch {
    FileHandle.standardError.write(
        Data("ogp-bench-catalogs: \(error)\nusage: ogp-bench-catalogs origins FILE | dcat | ckan\n".utf8))
    exit(2)
}

enum BenchError: Error { case usage, corpus(String) }
