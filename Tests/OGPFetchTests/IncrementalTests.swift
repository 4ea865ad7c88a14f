import Foundation
import OGPFetch
import OGPTestServer
import Testing

@Suite struct IncrementalTests {
    private let lastModified = "Tue, 14 Jan 2026 10:00:00 GMT"

    @Test func etagAndLastModifiedGiveNotModified() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.conditional("/dataset", body: #"{"id":"x"}"#, etag: "\"v1\"", lastModified: lastModified)
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let first = try await fetcher.fetch(FetchRequest(url: server.url("/dataset"), policy: testPolicy()))
        #expect(first.status == 200)
        #expect(first.validators.etag == "\"v1\"")
        #expect(first.validators.lastModified == lastModified)

        let second = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/dataset"), validators: first.validators, policy: testPolicy()))

        #expect(second.status == 304)
        #expect(second.notModified)
        #expect(second.validators.bodyHash == first.validators.bodyHash)
        let sent = try #require(server.requests(path: "/dataset").last)
        #expect(sent.header("If-None-Match") == "\"v1\"")
        #expect(sent.header("If-Modified-Since") == lastModified)
        #expect(fetcher.stats().notModified == 1)
    }

    @Test func lastModifiedAloneGivesNotModified() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.conditional("/page", body: "<p>x</p>", etag: "\"e\"", lastModified: lastModified)
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/page"), validators: Validators(lastModified: lastModified), policy: testPolicy()))

        #expect(response.notModified)
        #expect(server.requests.first?.header("If-None-Match") == nil)
    }

    @Test func notModifiedIsFilledFromTheCache() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.conditional("/cached", body: #"{"n":1}"#, etag: "\"c1\"", lastModified: lastModified)
        let fetcher = try makeFetcher(cache: true)
        defer { fetcher.shutdown() }

        let first = try await fetcher.fetch(FetchRequest(url: server.url("/cached"), policy: testPolicy()))
        let second = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/cached"), validators: first.validators, policy: testPolicy()))

        #expect(second.notModified)
        #expect(second.fromCache)
        #expect(second.body == first.body)
    }

    @Test func cacheAnswersWithoutTheNetwork() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/export.csv", .text("a;b\n1;2\n", contentType: "text/csv"))
        let fetcher = try makeFetcher(cache: true)
        defer { fetcher.shutdown() }

        let first = try await fetcher.fetch(FetchRequest(url: server.url("/export.csv"), policy: testPolicy()))
        let again = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/export.csv"), policy: testPolicy(), cachePolicy: .cacheOnly))

        #expect(again.fromCache)
        #expect(again.body == first.body)
        #expect(again.header("Content-Type") == "text/csv")
        #expect(server.requests.count == 1)
        #expect(
            fetcher.cachedResponse(for: server.url("/export.csv"))?.validators.bodyHash == first.validators.bodyHash)

        let missing = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(
                FetchRequest(url: server.url("/other"), policy: testPolicy(), cachePolicy: .cacheOnly))
        }
        #expect(missing?.code == .notCached)
    }

    @Test func bodyCanBeStreamedToAFile() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/dump", .chunked(300_000))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        let target = temporaryDirectory() + "/dump.bin"

        let response = try await fetcher.fetch(
            FetchRequest(
                url: server.url("/dump"), policy: testPolicy(), saveToFile: target))

        #expect(response.body.isEmpty)
        #expect(response.bodyFile == target)
        let saved = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect(saved.count == 300_000)
        #expect(try response.bodyData().count == 300_000)
    }

    @Test func statsAreCountedPerTag() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/a", .json("{}"))
        server.sequence("/b", [.text("x", status: 500), .json("{}")])
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        _ = try await fetcher.fetch(FetchRequest(url: server.url("/a"), policy: testPolicy(), tag: "one"))
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/b"), policy: testPolicy(), tag: "two"))

        #expect(fetcher.stats(tag: "one").requests == 1)
        #expect(fetcher.stats(tag: "one").bytes == 2)
        #expect(fetcher.stats(tag: "two").requests == 2)
        #expect(fetcher.stats(tag: "two").retries == 1)
        #expect(fetcher.stats().requests == 3)
    }
}
