import ArgumentParser
import Foundation
import OGPCatalog
import OGPCommandLine
import OGPFetch

/// `ogp fetch URL`: one fetch with ogp's politeness, safety and cache rules, for diagnosis.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch one URL the way a harvest would, and show what happened.",
        discussion: """
            Like `curl -v`, but with ogp's rules: robots.txt and Crawl-delay obeyed, retries with backoff and Retry-After, size and time limits, and private or loopback addresses refused unless --allow-private-network is given. With --config or --data-dir, the data directory's response cache is used.

            Examples:
              ogp fetch https://www.data.gouv.fr/api/1/datasets/?q=ogp
              ogp fetch --json --etag '"abc"' https://example.org/feed
              ogp fetch --allow-private-network --max-body-size 10M \\
                  http://127.0.0.1:8080/data.json

            Exit codes: 0 fetched (2xx, 3xx or 304); 1 the server answered an HTTP error (4xx, 5xx); 2 the fetch failed (refused address or scheme, timeout, limit, robots.txt…), with the reason on stderr; 64 usage error; 74 standard output cannot be written.
            """
    )

    @Argument(help: "An http, https or (with --allow-file) file URL.")
    var url: String

    @OptionGroup var common: DataOptions

    @Flag(help: "Print one JSON object (status, url, final_url, bytes, retries, not_modified, error…).")
    var json = false

    @Flag(help: "Allow loopback, private, link-local and unique-local addresses.")
    var allowPrivateNetwork = false

    @Option(name: .customLong("allow-host"), help: "A host allowed even on a private address (repeatable).")
    var allowHosts: [String] = []

    @Flag(help: "Allow file:// URLs.")
    var allowFile = false

    @Option(help: "Largest body, in bytes (suffixes K, M, G).")
    var maxBodySize: String?

    @Option(parsing: .unconditional, help: "Total time limit of one attempt, in seconds.", transform: Seconds.transform)
    var timeout: Seconds?

    @Option(parsing: .unconditional, help: "Retries after the first attempt (0 to 10).")
    var maxRetries: Int?

    @Flag(help: "Do not fetch or obey robots.txt (use only on your own servers).")
    var ignoreRobots = false

    @Option(help: "Send If-None-Match with this ETag.")
    var etag: String?

    @Option(help: "Send If-Modified-Since with this date.")
    var lastModified: String?

    @Option(name: [.short, .customLong("output")], help: "Stream the body to this file.")
    var output: String?

    @Flag(help: "Print the body as text after the summary.")
    var body = false

    @Option(help: "A PEM file of CA certificates to trust instead of the system's.")
    var caBundle: String?

    func run() async throws {
        try await reportingFailures {
            let request = try makeRequest()
            let config = try common.loadConfiguration(required: false)
            let cache = (common.dataDir != nil || config != nil) ? common.dataDirectory(config).cachePath : nil
            let product = (config?.userAgent ?? "ogp/\(OGPVersion.string)").split(separator: "/", maxSplits: 1)
            let fetcher: Fetcher
            var configuration = FetcherConfiguration(
                agentName: String(product.first ?? "ogp"),
                agentVersion: product.count > 1 ? String(product[1]) : OGPVersion.string,
                contactURL: config?.contact ?? FetcherConfiguration().contactURL,
                cacheDirectory: cache, caBundlePath: caBundle)
            // A long download shows its bytes, rate, percentage and time left on a terminal.
            let progress = ProgressDisplay.forTerminal()
            if let progress {
                configuration.onProgress = { @Sendable t in
                    progress.transfer(source: "fetch", received: t.received, expected: t.expected, finished: t.finished)
                }
            }
            defer { progress?.finish() }
            do {
                fetcher = try Fetcher(configuration: configuration)
            } catch {
                throw CommandFailure(.io, "cannot start the fetcher: \(error)")
            }
            defer { fetcher.shutdown() }
            do {
                let response = try await fetcher.fetch(request)
                progress?.finish()
                FetchReport.print(response, json: json, showBody: body)
                if response.status >= 400 {
                    throw CommandFailure(.partial, "HTTP \(response.status) from \(response.finalURL)")
                }
            } catch let error as FetchError {
                if json { FetchReport.printFailure(error, url: url) }
                throw CommandFailure(.sourceFailed, "fetch failed [\(error.code)]: \(error)")
            }
        }
    }

    private func makeRequest() throws -> FetchRequest {
        var policy = FetchPolicy.default
        policy.allowPrivateNetwork = allowPrivateNetwork
        policy.allowHosts = allowHosts
        policy.allowFileScheme = allowFile
        policy.obeyRobots = !ignoreRobots
        policy.minDelay = 0
        if let maxBodySize {
            guard let bytes = Self.byteCount(maxBodySize), bytes > 0 else {
                throw ValidationError("--max-body-size must be a size like 500000, 512K or 10M (got `\(maxBodySize)`)")
            }
            policy.maxBodyBytes = bytes
        }
        if let timeout {
            policy.totalTimeout = timeout.value
            policy.connectTimeout = min(policy.connectTimeout, timeout.value)
        }
        if let maxRetries {
            guard (0...10).contains(maxRetries) else { throw ValidationError("--max-retries must be between 0 and 10") }
            policy.maxRetries = maxRetries
        }
        var validators: Validators?
        if etag != nil || lastModified != nil { validators = Validators(etag: etag, lastModified: lastModified) }
        return FetchRequest(url: url, validators: validators, policy: policy, saveToFile: output)
    }

    /// `123`, `512K`, `10M`, `1G` (powers of 1024).
    static func byteCount(_ text: String) -> Int? {
        let upper = text.uppercased()
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        if let last = upper.last, let unit = units[last] {
            guard let n = Int(upper.dropLast()) else { return nil }
            let (product, overflow) = n.multipliedReportingOverflow(by: unit)
            return overflow ? nil : product
        }
        return Int(upper)
    }
}
