import Foundation
import OGPFetch
import OGPTestServer

/// A fast policy for tests: the server is on 127.0.0.1, no politeness delays, short limits.
func testPolicy() -> FetchPolicy {
    var policy = FetchPolicy()
    policy.allowPrivateNetwork = true
    policy.obeyRobots = false
    policy.minDelay = 0
    policy.delayJitter = 0
    policy.retryBaseDelay = 0.05
    policy.retryMaxDelay = 0.2
    policy.connectTimeout = 2
    policy.totalTimeout = 10
    policy.maxConcurrentPerHost = 8
    return policy
}

/// A fetcher with a fresh temporary cache directory.
func makeFetcher(cache: Bool = false) throws -> Fetcher {
    let directory = cache ? temporaryDirectory() : nil
    return try Fetcher(
        configuration: FetcherConfiguration(
            contactURL: "https://example.org/ogp-contact", cacheDirectory: directory))
}

/// A new empty temporary directory.
func temporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("ogp-fetch-tests-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Runs `body` and returns the `FetchError` it throws (nil when it returns).
func fetchError(_ body: () async throws(FetchError) -> FetchResponse) async -> FetchError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
