import Foundation
import OGPFetch
import OGPModel
import OGPTestServer
import Testing

@Suite struct BasicFetchTests {
    @Test func fetchesBodyHeadersAndUserAgent() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/api/datasets/", .json(#"{"data":[]}"#, headers: [("X-Total", "0")]))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/api/datasets/"), policy: testPolicy()))

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"data":[]}"#)
        #expect(response.header("x-total") == "0")
        #expect(response.finalURL == server.url("/api/datasets/"))
        #expect(response.validators.bodyHash == SHA256.hex(Array(response.body)))
        let agent = try #require(server.requests.first?.header("User-Agent"))
        #expect(agent.hasPrefix("ogp/"))
        #expect(agent.contains("https://example.org/ogp-contact"))
    }

    @Test func httpErrorsAreValuesNotThrown() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/missing"), policy: testPolicy()))

        #expect(response.status == 404)
        #expect(response.retries == 0)
    }

    @Test func gzipEncodedBodiesAreDecoded() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/gz", .gzipped(#"{"hello":"monde"}"#))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/gz"), policy: testPolicy()))

        #expect(String(decoding: response.body, as: UTF8.self) == #"{"hello":"monde"}"#)
        #expect(response.validators.bodyHash == SHA256.hex(Array(#"{"hello":"monde"}"#.utf8)))
        #expect(server.requests.first?.header("Accept-Encoding")?.contains("gzip") == true)
    }

    @Test func deflateEncodedBodiesAreDecoded() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/z", .deflated(#"{"encoding":"deflate"}"#))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/z"), policy: testPolicy()))

        #expect(String(decoding: response.body, as: UTF8.self) == #"{"encoding":"deflate"}"#)
    }

    @Test func spacesAndAccentsInURLsArePercentEncoded() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/donn%C3%A9es%20ouvertes", .json("{}"))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/données ouvertes"), policy: testPolicy()))

        #expect(response.status == 200)
        #expect(response.url == server.url("/données ouvertes"))
        #expect(response.finalURL == server.url("/donn%C3%A9es%20ouvertes"))
    }

    @Test func headRequestHasNoBody() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/h", .json(#"{"x":1}"#))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(
            FetchRequest(url: server.url("/h"), method: "HEAD", policy: testPolicy()))

        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.header("Content-Length") == "7")
        #expect(server.requests.first?.method == "HEAD")
        #expect(response.retries == 0, "timings \(response.timings)")
    }
}
