import Foundation
import OGPFetch
import OGPTestServer
import Testing

@Suite struct LimitTests {
    private func fail(_ server: TestServer, _ path: String, _ policy: FetchPolicy) async throws -> FetchError? {
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        return await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url(path), policy: policy))
        }
    }

    @Test func stalledServerIsCutOffByTheLowSpeedLimit() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route(
            "/stall",
            TestResponse(
                headers: [("Content-Length", "100000")],
                body: [UInt8](repeating: 65, count: 100_000),
                fault: .hang(afterBytes: 10)))
        var policy = testPolicy()
        policy.lowSpeedBytesPerSecond = 1_000
        policy.lowSpeedTime = 1
        policy.maxRetries = 0

        let error = try await fail(server, "/stall", policy)

        #expect(error?.code == .timeout)
    }

    @Test func slowAnswerHitsTheTotalTimeout() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/slow", TestResponse(body: Array("late".utf8), delay: 3))
        var policy = testPolicy()
        policy.totalTimeout = 0.5
        policy.maxRetries = 0

        let error = try await fail(server, "/slow", policy)

        #expect(error?.code == .timeout)
    }

    @Test func bodyOverTheLimitIsAbortedWhileDownloading() async throws {
        let server = try TestServer()
        defer { server.stop() }
        // No Content-Length; the server sends 300 kB then stalls: only an abort during the
        // download (not after the end, which never comes) gives bodyTooLarge.
        server.route("/big", .chunked(10_000_000, hangAfter: 300_000))
        var policy = testPolicy()
        policy.maxBodyBytes = 100_000

        let error = try await fail(server, "/big", policy)

        #expect(error?.code == .bodyTooLarge)
        #expect(server.requests(path: "/big").count == 1)
    }

    @Test func declaredContentLengthOverTheLimitFailsAtOnce() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/huge", .huge(2_000_000))
        var policy = testPolicy()
        policy.maxBodyBytes = 50_000

        let error = try await fail(server, "/huge", policy)

        #expect(error?.code == .bodyTooLarge)
    }

    @Test func gzipBombFailsCleanly() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/bomb", .gzipBomb(decompressedBytes: 20_000_000))
        var policy = testPolicy()
        policy.maxDecompressedBytes = 1_000_000

        let error = try await fail(server, "/bomb", policy)

        #expect(error?.code == .decompressedTooLarge)
    }

    @Test func deflateBombFailsCleanly() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/bomb", .deflateBomb(decompressedBytes: 20_000_000))
        var policy = testPolicy()
        policy.maxDecompressedBytes = 1_000_000

        let error = try await fail(server, "/bomb", policy)

        #expect(error?.code == .decompressedTooLarge)
    }

    @Test func smallBombsWithinTheLimitInflate() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/gz", .gzipBomb(decompressedBytes: 100_000))
        server.route("/zz", .deflateBomb(decompressedBytes: 100_000))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let gz = try await fetcher.fetch(FetchRequest(url: server.url("/gz"), policy: testPolicy()))
        let zz = try await fetcher.fetch(FetchRequest(url: server.url("/zz"), policy: testPolicy()))

        // Both test encoders are valid: the streams inflate completely, checksums included.
        let expected: Int = 1 + (100_000 - 1) / 258 * 258
        #expect(gz.body.count == expected)
        #expect(zz.body.count == gz.body.count)
        #expect(gz.bytes < 1_000)
    }

    @Test func redirectLoopStopsAtMaxRedirects() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/a", .redirect(to: "/b"))
        server.route("/b", .redirect(to: "/a"))
        var policy = testPolicy()
        policy.maxRedirects = 4

        let error = try await fail(server, "/a", policy)

        #expect(error?.code == .tooManyRedirects)
        #expect(server.requests.count == 5)
    }

    @Test func redirectsAreFollowedAndReported() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/old", .redirect(to: "/new", status: 301))
        server.route("/new", .json("{}"))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/old"), policy: testPolicy()))

        #expect(response.status == 200)
        #expect(response.redirects == 1)
        #expect(response.url == server.url("/old"))
        #expect(response.finalURL == server.url("/new"))
    }
}
