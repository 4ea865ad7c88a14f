import Foundation
import OGPFetch
import OGPTestServer
import Testing

@Suite struct SafetyTests {
    private func attempt(_ url: String, _ policy: FetchPolicy) async throws -> FetchError? {
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        return await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: url, policy: policy))
        }
    }

    @Test func loopbackIsRefusedByDefaultBeforeConnecting() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/secret", .json("{}"))
        var policy = FetchPolicy.default
        policy.obeyRobots = false
        policy.minDelay = 0

        let error = try await attempt(server.url("/secret"), policy)

        #expect(error?.code == .forbiddenAddress)
        #expect(server.requests.isEmpty)
    }

    @Test func allowHostsLetsOneHostThrough() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/ok", .json("{}"))
        var policy = testPolicy()
        policy.allowPrivateNetwork = false
        policy.allowHosts = ["127.0.0.1"]
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/ok"), policy: policy))

        #expect(response.status == 200)
    }

    @Test func redirectToAnotherLoopbackAddressIsRefused() async throws {
        let allowed = try TestServer(host: "127.0.0.1")
        let other = try TestServer(host: "127.0.0.2")
        defer { allowed.stop(); other.stop() }
        other.route("/internal", .json(#"{"secret":true}"#))
        allowed.route("/go", .redirect(to: other.url("/internal")))
        var policy = testPolicy()
        policy.allowPrivateNetwork = false
        policy.allowHosts = ["127.0.0.1"]

        let error = try await attempt(allowed.url("/go"), policy)

        #expect(error?.code == .forbiddenAddress)
        #expect(error?.url == other.url("/internal"))
        #expect(other.requests.isEmpty)
    }

    @Test func reusedConnectionIsCheckedAgainstTheStricterPolicy() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/x", .json("{}"))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        var strict = FetchPolicy.default
        strict.obeyRobots = false
        strict.minDelay = 0

        // The first request (allowed) leaves a kept-alive connection in libcurl's pool.
        let allowed = try await fetcher.fetch(FetchRequest(url: server.url("/x"), policy: testPolicy()))
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/x?again"), policy: strict))
        }

        #expect(allowed.status == 200)
        #expect(error?.code == .forbiddenAddress)
        #expect(server.requests.count == 1)
    }

    @Test func redirectToFileSchemeIsRefused() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/passwd", .redirect(to: "file:///etc/passwd"))
        var policy = testPolicy()
        policy.allowFileScheme = true

        let error = try await attempt(server.url("/passwd"), policy)

        #expect(error?.code == .forbiddenRedirect)
    }

    @Test func otherSchemesAreRefused() async throws {
        let error = try await attempt("ftp://example.org/file", testPolicy())
        #expect(error?.code == .forbiddenScheme)
        let gopher = try await attempt("gopher://127.0.0.1/", testPolicy())
        #expect(gopher?.code == .forbiddenScheme)
        let relative = try await attempt("/just/a/path", testPolicy())
        #expect(relative?.code == .invalidURL)
    }

    @Test func fileSchemeNeedsThePolicy() async throws {
        let error = try await attempt("file:///etc/hostname", testPolicy())
        #expect(error?.code == .forbiddenScheme)
    }

    @Test(arguments: [
        ("10.1.2.3", true), ("172.16.0.1", true), ("172.32.0.1", false), ("192.168.1.1", true),
        ("127.0.0.1", true), ("169.254.169.254", true), ("100.64.0.1", true), ("0.0.0.0", true),
        ("8.8.8.8", false), ("193.55.10.1", false),
        ("::1", true), ("fe80::1", true), ("fd00::1", true), ("::ffff:10.0.0.1", true),
        ("::ffff:8.8.8.8", false), ("2001:db8::1", false), ("2a01:e0a::1", false),
    ])
    func addressClassification(address: String, nonPublic: Bool) {
        #expect(AddressCheck.isNonPublic(address) == nonPublic)
    }
}
