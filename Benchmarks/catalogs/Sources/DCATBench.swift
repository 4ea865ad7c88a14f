import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `dcat --url URL`: fetches a DCAT RDF/XML catalogue page by page from `URL` (hydra:next), each
/// page to disk then streamed through ``DCATDecoder`` into records (as the `dcat` adapter does,
/// without the store), and prints datasets/s and the process's peak RSS.
enum DCATBench {
    static func run(url first: String) async throws {
        let fetcher = try Fetcher(configuration: FetcherConfiguration(agentName: "ogp-bench"))
        defer { fetcher.shutdown() }
        var policy = FetchPolicy.default
        policy.allowPrivateNetwork = true
        policy.minDelay = 0
        policy.maxBodyBytes = 1 << 30
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-bench-dcat-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ContinuousClock()
        let start = clock.now
        var url: String? = first
        var pages = 0, datasets = 0, distributions = 0, failed = 0, bytes = 0
        var seen = Set<String>()
        while let page = url, seen.insert(page).inserted {
            pages += 1
            let file = "\(directory)/page.rdf"
            let response = try await fetcher.fetch(
                FetchRequest(url: page, policy: policy, saveToFile: file, cachePolicy: .bypass))
            bytes += response.bytes
            let context = ParseContext(source: "bench", sourceKind: "dcat", url: page)
            let result = try DCATDecoder.decodeFile(path: response.bodyFile ?? file, context: context) { item in
                switch item {
                case .parsed(_, let records):
                    datasets += 1
                    distributions += records.first?.dataset?.distributions.count ?? 0
                case .failed:
                    failed += 1
                }
            }
            if let failure = result.failure { print("ogp    page \(pages) failed: \(failure)") }
            url = result.nextPage.map { URL(string: $0, relativeTo: URL(string: page))?.absoluteString ?? $0 }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            String(
                format:
                    "ogp    pages=%d datasets=%d distributions=%d failed=%d mb=%.0f seconds=%.2f datasets_per_s=%.0f max_rss_mb=%.1f",
                pages, datasets, distributions, failed, Double(bytes) / 1e6, seconds, Double(datasets) / seconds,
                maxRSSMegabytes()))
    }
}
