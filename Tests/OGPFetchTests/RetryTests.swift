import Foundation
import OGPFetch
import OGPTestServer
import Testing

@Suite struct RetryTests {
    @Test func retryAfterSecondsOn429IsHonoured() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.sequence("/rate", [.retryAfter("1"), .json("{}")])
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/rate"), policy: testPolicy()))

        #expect(response.status == 200)
        #expect(response.retries == 1)
        let arrivals = server.requests(path: "/rate").map(\.arrival)
        try #require(arrivals.count == 2)
        #expect(arrivals[1] - arrivals[0] >= 0.95)
    }

    @Test func retryAfterHTTPDateOn503IsHonoured() async throws {
        let server = try TestServer()
        defer { server.stop() }
        // Three seconds ahead: HTTP dates have one-second resolution, so the wait is 2–3 s.
        let date = HTTPDate.format(Date().addingTimeInterval(3))
        server.sequence("/busy", [.retryAfter(date, status: 503), .json("{}")])
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/busy"), policy: testPolicy()))

        #expect(response.status == 200)
        let arrivals = server.requests(path: "/busy").map(\.arrival)
        try #require(arrivals.count == 2)
        #expect(arrivals[1] - arrivals[0] >= 1.5)
    }

    @Test func retryAfterLongerThanTheMaximumFails() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/later", .retryAfter("3600"))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        var policy = testPolicy()
        policy.maxRetryAfter = 10

        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/later"), policy: policy))
        }

        #expect(error?.code == .retryAfterTooLong)
        #expect(server.requests(path: "/later").count == 1)
    }

    @Test func withoutRetriesA429IsReturnedAsAValue() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/later", .retryAfter("3600"))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        var policy = testPolicy()
        policy.maxRetries = 0

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/later"), policy: policy))

        #expect(response.status == 429)
        #expect(response.header("Retry-After") == "3600")
    }

    @Test func serverErrorsAreRetriedWithGrowingBackoffThenReturned() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/down", .text("down", status: 503))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        var policy = testPolicy()
        policy.maxRetries = 3
        policy.retryBaseDelay = 0.1
        policy.retryMaxDelay = 1

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/down"), policy: policy))

        #expect(response.status == 503)
        #expect(response.retries == 3)
        let arrivals = server.requests(path: "/down").map(\.arrival)
        try #require(arrivals.count == 4)
        // Backoff base × 2^n × [0.5, 1]: at least 0.05, 0.1, 0.2 s.
        #expect(arrivals[1] - arrivals[0] >= 0.05)
        #expect(arrivals[2] - arrivals[1] >= 0.1)
        #expect(arrivals[3] - arrivals[2] >= 0.2)
    }

    @Test func notFoundIsNotRetried() async throws {
        let server = try TestServer()
        defer { server.stop() }
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/nope"), policy: testPolicy()))

        #expect(response.status == 404)
        #expect(server.requests(path: "/nope").count == 1)
    }

    @Test func connectionResetIsRetriedThenSucceeds() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.sequence("/flaky", [TestResponse(fault: .reset), .json(#"{"ok":1}"#)])
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let response = try await fetcher.fetch(FetchRequest(url: server.url("/flaky"), policy: testPolicy()))

        #expect(response.status == 200)
        #expect(response.retries == 1)
    }

    @Test func persistentResetFailsWithConnectionError() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/reset", TestResponse(fault: .reset))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        var policy = testPolicy()
        policy.maxRetries = 1

        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/reset"), policy: policy))
        }

        #expect(error?.code == .connectionFailed)
        #expect(error?.retries == 1)
        #expect(error?.detail?.isEmpty == false)
        #expect(error?.url == server.url("/reset"))
        #expect(server.requests(path: "/reset").count == 2)
    }
}
