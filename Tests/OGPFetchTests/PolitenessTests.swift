import Foundation
import OGPFetch
import OGPTestServer
import Testing

@Suite struct PolitenessTests {
    private func gaps(_ requests: [RecordedRequest]) -> [Double] {
        let arrivals = requests.map(\.arrival).sorted()
        return zip(arrivals.dropFirst(), arrivals).map { $0 - $1 }
    }

    @Test func robotsDisallowIsObeyedAndRobotsFetchedOnce() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("User-agent: *\nDisallow: /private/\nAllow: /private/open\n"))
        server.route("/public", .json("{}"))
        server.route("/private/open", .json("{}"))
        var policy = testPolicy()
        policy.obeyRobots = true
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/private/data"), policy: policy))
        }
        let open = try await fetcher.fetch(FetchRequest(url: server.url("/private/open"), policy: policy))
        let fine = try await fetcher.fetch(FetchRequest(url: server.url("/public"), policy: policy))

        #expect(error?.code == .disallowedByRobots)
        #expect(open.status == 200)
        #expect(fine.status == 200)
        #expect(server.requests(path: "/private/data").isEmpty)
        #expect(server.requests(path: "/robots.txt").count == 1)
    }

    @Test func robotsRedirectIsFollowed() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/robots.txt", .redirect(to: "/real-robots.txt", status: 301))
        server.route("/real-robots.txt", .text("User-agent: *\nDisallow: /hidden\n"))
        var policy = testPolicy()
        policy.obeyRobots = true
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/hidden/page"), policy: policy))
        }

        #expect(error?.code == .disallowedByRobots)
        #expect(server.requests(path: "/hidden/page").isEmpty)
    }

    @Test func robotsServerErrorDisallowsEverything() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("oops", status: 503))
        server.route("/page", .json("{}"))
        var policy = testPolicy()
        policy.obeyRobots = true
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/page"), policy: policy))
        }

        #expect(error?.code == .disallowedByRobots)
        #expect(server.requests(path: "/page").isEmpty)
    }

    @Test func crawlDelayIsHonoured() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/robots.txt", .text("User-agent: ogp\nCrawl-delay: 1\n\nUser-agent: *\nDisallow: /\n"))
        server.route("/item", .json("{}"))
        var policy = testPolicy()
        policy.obeyRobots = true
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let shared = policy
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<3 {
                group.addTask {
                    _ = try await fetcher.fetch(FetchRequest(url: server.url("/item?n=\(i)"), policy: shared))
                }
            }
            try await group.waitForAll()
        }

        let items = server.requests(path: "/item")
        #expect(items.count == 3)
        #expect(gaps(items).allSatisfy { $0 >= 0.9 }, "gaps: \(gaps(items))")
    }

    @Test func minimumDelayBetweenRequestsToOneHost() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/p", .json("{}"))
        var policy = testPolicy()
        policy.minDelay = 0.3
        policy.delayJitter = 0.5
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        // Warm the connection first, so every timed request travels the same way
        // (a new connection's first request arrives later than the next ones).
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/p?warm"), policy: policy))

        let shared = policy
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<4 {
                group.addTask {
                    _ = try await fetcher.fetch(FetchRequest(url: server.url("/p?i=\(i)"), policy: shared))
                }
            }
            try await group.waitForAll()
        }

        let observed = gaps(server.requests(path: "/p"))
        #expect(observed.count == 4)
        #expect(observed.allSatisfy { $0 >= 0.25 }, "gaps: \(observed)")
    }

    @Test func concurrencyPerHostIsLimited() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/slow", TestResponse(body: Array("{}".utf8), delay: 1.5))
        var policy = testPolicy()
        policy.maxConcurrentPerHost = 2
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        let shared = policy
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<4 {
                group.addTask {
                    _ = try await fetcher.fetch(FetchRequest(url: server.url("/slow?i=\(i)"), policy: shared))
                }
            }
            try await group.waitForAll()
        }

        let arrivals = server.requests(path: "/slow").map(\.arrival).sorted()
        try #require(arrivals.count == 4)
        // Two at once (the second arrives before the first is answered), then the next two
        // only once one of those answered (each answer takes 1.5 s on the server; long enough
        // that a loaded machine cannot make the first two look sequential).
        #expect(arrivals[1] - arrivals[0] < 1.5)
        #expect(arrivals[2] - arrivals[0] >= 1.45)
        #expect(arrivals[3] - arrivals[1] >= 1.45)
    }

    @Test func overallConcurrencyIsLimitedAcrossHosts() async throws {
        let one = try TestServer(host: "127.0.0.1")
        let two = try TestServer(host: "127.0.0.2")
        defer { one.stop(); two.stop() }
        for server in [one, two] { server.route("/slow", TestResponse(body: Array("{}".utf8), delay: 0.4)) }
        let fetcher = try Fetcher(configuration: FetcherConfiguration(maxConcurrentRequests: 2))
        defer { fetcher.shutdown() }
        let policy = testPolicy()

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, server) in [one, two, one, two].enumerated() {
                let url = server.url("/slow?i=\(i)")
                group.addTask { _ = try await fetcher.fetch(FetchRequest(url: url, policy: policy)) }
            }
            try await group.waitForAll()
        }

        let arrivals = (one.requests + two.requests).map(\.arrival).sorted()
        try #require(arrivals.count == 4)
        #expect(arrivals[2] - arrivals[0] >= 0.35)
        #expect(arrivals[3] - arrivals[1] >= 0.35)
    }

    @Test func requestBudgetPerWindowIsEnforced() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/b", .json("{}"))
        var policy = testPolicy()
        policy.budgetRequests = 2
        policy.budgetWindow = 1
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }
        // Warm the connection with a request outside the budget (a policy without one).
        _ = try await fetcher.fetch(FetchRequest(url: server.url("/b?warm"), policy: testPolicy()))

        // Two requests fit in the budget; the third waits until the first one's window is over.
        for i in 0..<3 {
            _ = try await fetcher.fetch(FetchRequest(url: server.url("/b?i=\(i)"), policy: policy))
        }

        let arrivals = server.requests(path: "/b").map(\.arrival)
        try #require(arrivals.count == 4)
        #expect(arrivals[3] - arrivals[1] >= 0.95, "arrivals: \(arrivals)")
    }

    @Test func budgetThatWouldWaitTooLongFails() async throws {
        let server = try TestServer()
        defer { server.stop() }
        server.route("/b", .json("{}"))
        var policy = testPolicy()
        policy.budgetRequests = 1
        policy.budgetWindow = 3_600
        policy.maxRetryAfter = 5
        let fetcher = try makeFetcher()
        defer { fetcher.shutdown() }

        _ = try await fetcher.fetch(FetchRequest(url: server.url("/b?1"), policy: policy))
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: server.url("/b?2"), policy: policy))
        }

        #expect(error?.code == .budgetExhausted)
        #expect(error?.url == server.url("/b?2"))
        #expect(server.requests.count == 1)
    }

    @Test func robotsRulesParsing() {
        let text = """
            # comment
            User-agent: OtherBot
            Disallow: /

            User-agent: ogp
            User-agent: friend
            Disallow: /api/*/private
            Disallow: /*.pdf$
            Allow: /api/v1/private
            Crawl-delay: 2.5
            """
        let rules = RobotsRules(parsing: text, agent: "ogp")
        #expect(rules.crawlDelay == 2.5)
        #expect(rules.allows("/datasets/"))
        #expect(!rules.allows("/api/v2/private"))
        #expect(!rules.allows("/doc/report.pdf"))
        #expect(rules.allows("/doc/report.pdf?x=1"))
        #expect(rules.allows("/api/v1/private"))
        #expect(!rules.allows("/api/v1x/private"))
        let other = RobotsRules(parsing: text, agent: "someone")
        #expect(other.allows("/anything"))
        #expect(RobotsRules(parsing: text, agent: "otherbot").allows("/x") == false)
    }
}
