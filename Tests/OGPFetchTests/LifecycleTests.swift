import Foundation
import OGPFetch
import OGPTestServer
import Testing

@Suite struct LifecycleTests {
    @Test func shutdownEndsFetchesInFlight() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route(
            "/hang",
            TestResponse(
                headers: [("Content-Length", "1000")], body: [UInt8](repeating: 1, count: 1000),
                fault: .hang(afterBytes: 1)))
        let fetcher = try makeFetcher()
        let url = server.url("/hang")
        let task = Task { () async -> FetchError? in
            await fetchError { () async throws(FetchError) in
                try await fetcher.fetch(FetchRequest(url: url, policy: testPolicy()))
            }
        }
        while server.requests.isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }

        fetcher.shutdown()

        #expect(await task.value?.code == .cancelled)
        let after = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: url, policy: testPolicy()))
        }
        #expect(after?.code == .cancelled)
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route(
            "/hang",
            TestResponse(
                headers: [("Content-Length", "1000")], body: [UInt8](repeating: 1, count: 1000),
                fault: .hang(afterBytes: 1)))
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        let url = server.url("/hang")
        let task = Task { () async -> FetchError? in
            await fetchError { () async throws(FetchError) in
                try await fetcher.fetch(FetchRequest(url: url, policy: testPolicy()))
            }
        }
        while server.requests.isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }

        task.cancel()

        #expect(await task.value?.code == .cancelled)
        #expect(server.requests.count == 1)
    }
}
