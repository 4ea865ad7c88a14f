import ArgumentParser
import Foundation
import OGPCatalog
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

            Exit codes: 0 fetched (2xx, 3xx or 304); 1 the server answered an HTTP error (4xx, 5xx); 2 the fetch failed (refused address or scheme, timeout, limit, robots.txt…), with the reason on stderr; 64 usage error.
            """
    )

    @Argument(help: "An http, https or (with --allow-file) file URL.")
    var url: String

    @OptionGroup var common: CommonOptions

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

    @Option(help: "Total time limit of one attempt, in seconds.")
    var timeout: Double?

    @Option(help: "Retries after the first attempt.")
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
        try await runReportingErrors {
            let request = try makeRequest()
            let config = try common.loadConfiguration(required: false)
            let cache = (common.dataDir != nil || config != nil) ? common.dataDirectory(config).cachePath : nil
            let product = (config?.userAgent ?? "ogp/\(OGPVersion.string)").split(separator: "/", maxSplits: 1)
            let fetcher: Fetcher
            do {
                fetcher = try Fetcher(configuration: FetcherConfiguration(
                    agentName: String(product.first ?? "ogp"),
                    agentVersion: product.count > 1 ? String(product[1]) : OGPVersion.string,
                    contactURL: config?.contact ?? FetcherConfiguration().contactURL,
                    cacheDirectory: cache, caBundlePath: caBundle))
            } catch {
                throw CLIError(code: .io, message: "\(error)")
            }
            defer { fetcher.shutdown() }
            do {
                let response = try await fetcher.fetch(request)
                FetchReport.print(response, json: json, showBody: body)
                if response.status >= 400 {
                    FileHandle.standardError.write(Data("ogp: HTTP \(response.status) from \(response.finalURL)\n".utf8))
                    throw ExitCode(1)
                }
            } catch let error as FetchError {
                if json { FetchReport.printFailure(error, url: url) }
                FileHandle.standardError.write(Data("ogp: fetch failed: \(error)\n".utf8))
                throw ExitCode(2)
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
                throw CLIError(code: .usage, message: "--max-body-size must be a size like 500000, 512K or 10M (got `\(maxBodySize)`)")
            }
            policy.maxBodyBytes = bytes
        }
        if let timeout {
            guard timeout > 0 else { throw CLIError(code: .usage, message: "--timeout must be positive") }
            policy.totalTimeout = timeout
            policy.connectTimeout = min(policy.connectTimeout, timeout)
        }
        if let maxRetries {
            guard maxRetries >= 0 else { throw CLIError(code: .usage, message: "--max-retries must be 0 or more") }
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
            return Int(upper.dropLast()).map { $0 * unit }
        }
        return Int(upper)
    }
}
