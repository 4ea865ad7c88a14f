import Foundation
import OGPCatalog
import OGPModel
import OGPStore
import OGPTestServer
import Testing

@testable import OGPHarvest

/// The harvest seam's promises (issues 10, 11, 12): a failed item is read again until it
/// parses, a dry run writes nothing anywhere, a WordPress endpoint URL reads the whole API, a
/// missing Jekyll folder is a warning, a source with no items fails the run.
@Suite struct SeamTests {
    static let good = "---\ntitle: Un bon billet\ndate: 2024-03-01\n---\nLe gouvernement ouvert avance.\n"
    static let broken = "---\ntitle: Un billet cassé\ndate: 2024-03-02\nLe front matter ne se termine jamais.\n"

    /// A Jekyll folder with the given files, as a `file:` source.
    static func jekyllFolder(_ workspace: Workspace, _ files: [String: String]) throws -> URL {
        let dir = workspace.root.appendingPathComponent("site/_posts")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir.deletingLastPathComponent()
    }

    @Test func aFailedItemIsReadAgainUntilItParses() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let site = try Self.jekyllFolder(
            workspace, ["2024-03-01-bon.md": Self.good, "2024-03-02-casse.md": Self.broken])
        try workspace.writeConfig([
            Workspace.source("site", kind: "jekyll", url: site.absoluteString, extra: ["collections: [_posts]"])
        ])

        let first = try await workspace.harvest()
        #expect(first.exitCode == 1)
        #expect(try #require(first.source("site")).items.failed == 1)

        // Nothing changed: the good post is unchanged, the broken one fails again (never "unchanged").
        let second = try await workspace.harvest()
        let source = try #require(second.source("site"))
        #expect(source.items.failed == 1)
        #expect(source.items.unchanged == 1)
        #expect(second.exitCode == 1)
        #expect(source.errors.contains { ($0.item ?? "").contains("casse") })

        // Fixed: it is added, and the run is clean.
        let fixed = "---\ntitle: Un billet corrigé\ndate: 2024-03-02\n---\nLe front matter se termine.\n"
        try Data(fixed.utf8).write(to: site.appendingPathComponent("_posts/2024-03-02-casse.md"))
        let third = try await workspace.harvest()
        #expect(third.exitCode == 0)
        #expect(try #require(third.source("site")).items.added == 1)
    }

    @Test func aDryRunCreatesNothingAndCountsWhatARealRunWould() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let site = try Self.jekyllFolder(workspace, ["2024-03-01-bon.md": Self.good])
        try workspace.writeConfig([
            Workspace.source("site", kind: "jekyll", url: site.absoluteString, extra: ["collections: [_posts]"])
        ])

        let dry = try await workspace.harvest(HarvestOptions(dryRun: true))
        #expect(dry.dryRun)
        #expect(
            !FileManager.default.fileExists(atPath: workspace.dataDirectory.path),
            "a dry run created the data directory")
        let real = try await workspace.harvest()
        #expect(dry.sources.map(\.items) == real.sources.map(\.items))
        #expect(dry.sources.map(\.status) == real.sources.map(\.status))

        // On an existing catalogue too: the same counts as the real run that follows, nothing written.
        try Data(Self.good.replacingOccurrences(of: "avance", with: "progresse").utf8)
            .write(to: site.appendingPathComponent("_posts/2024-03-01-bon.md"))
        let before = try workspace.export()
        let dryAgain = try await workspace.harvest(HarvestOptions(dryRun: true))
        #expect(try workspace.export() == before)
        let realAgain = try await workspace.harvest()
        #expect(dryAgain.sources.map(\.items) == realAgain.sources.map(\.items))
        #expect(try #require(realAgain.source("site")).items.updated == 1)
    }

    @Test func aPostsEndpointURLReadsTheWholeAPI() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let posts = try WordPressHarvestTests.serve(server)
        try workspace.writeConfig([
            Workspace.source(
                "etalab", kind: "wordpress", url: server.url("/wp-json/wp/v2/posts"),
                extra: ["per_page: \(WordPressHarvestTests.perPage)"])
        ])
        let report = try await workspace.harvest()
        let source = try #require(report.source("etalab"))
        #expect(source.items.added == posts.count + 1)
        #expect(server.requests(path: "/wp-json/wp/v2/posts").count == 3)
        #expect(server.requests(path: "/wp-json/wp/v2/categories").count == 1)
        #expect(server.requests(path: "/wp-json/wp/v2/tags").count == 1)
        let first = try #require(
            try workspace.records().first { $0.extras["slug"]?.hasPrefix("gouvernement-ouvert-la-france-met") == true })
        #expect(first.tags.contains("Etalab"))
    }

    @Test func endpointURLsAreUnderstood() {
        let posts = WordPressEndpoint(url: "https://www.etalab.gouv.fr/wp-json/wp/v2/posts?categories=5&page=2")
        #expect(posts.base == "https://www.etalab.gouv.fr/wp-json/wp/v2/")
        #expect(posts.type == "posts")
        #expect(posts.extraQuery == "&categories=5")
        #expect(WordPressEndpoint(url: "https://site.fr/wp-json/wp/v2/pages").type == "pages")
        #expect(WordPressEndpoint(url: "https://site.fr").base == "https://site.fr/wp-json/wp/v2/")
        #expect(WordPressEndpoint(url: "https://site.fr/wp-json/wp/v2").base == "https://site.fr/wp-json/wp/v2/")
    }

    /// A site without pretty permalinks answers its API only at `?rest_route=/wp/v2/…` (its
    /// `/wp-json/` is a 404): a URL in that form is read in that form, pages and terms included.
    @Test func aRestRouteURLIsReadInItsOwnForm() async throws {
        let endpoint = WordPressEndpoint(url: "https://site.fr/?rest_route=/wp/v2/posts&categories=5")
        #expect(endpoint.type == "posts")
        #expect(endpoint.extraQuery == "&categories=5")
        #expect(endpoint.url("tags", "per_page=100") == "https://site.fr/?rest_route=/wp/v2/tags&per_page=100")
        #expect(WordPressEndpoint(url: "https://site.fr/wp-json/wp/v2/").url("posts", "a=1") == "https://site.fr/wp-json/wp/v2/posts?a=1")

        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let post = #"{"id":ID,"date_gmt":"2024-03-0IDT10:00:00","modified_gmt":"2024-03-0IDT10:00:00","link":"https://site.fr/?p=ID","status":"publish","title":{"rendered":"Billet ID"},"content":{"rendered":"<p>Le plan avance.</p>"},"categories":[],"tags":[]}"#
        server.route("/") { request in
            let query = URLComponents(string: request.target)?.queryItems ?? []
            let route = query.first { $0.name == "rest_route" }?.value ?? ""
            let page = query.first { $0.name == "page" }?.value.flatMap(Int.init) ?? 1
            switch route {
            case "/wp/v2/posts":
                let body = "[" + post.replacingOccurrences(of: "ID", with: "\(page)") + "]"
                return .json(body, headers: [("X-WP-Total", "2"), ("X-WP-TotalPages", "2")])
            case "/wp/v2/categories", "/wp/v2/tags", "/wp/v2/pages":
                return .json("[]", headers: [("X-WP-Total", "0"), ("X-WP-TotalPages", "0")])
            default:
                return TestResponse(status: 404)
            }
        }
        try workspace.writeConfig([
            Workspace.source(
                "site", kind: "wordpress", url: server.url("/?rest_route=/wp/v2/posts"))
        ])
        let source = try #require(try await workspace.harvest().source("site"))
        #expect(source.status == .ok, "\(source.errors)")
        #expect(source.items.added == 2)
        #expect(server.requests(path: "/wp-json/wp/v2/posts").isEmpty)
    }

    @Test func aMissingCollectionFolderIsAWarningAndTheOthersAreRead() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let site = try Self.jekyllFolder(workspace, ["2024-03-01-bon.md": Self.good])
        try workspace.writeConfig([
            Workspace.source(
                "site", kind: "jekyll", url: site.absoluteString, extra: ["collections: [_posts, _actualites]"])
        ])
        let report = try await workspace.harvest()
        let source = try #require(report.source("site"))
        #expect(source.status == .ok)
        #expect(source.items.added == 1)
        #expect(source.warnings.contains { $0.contains("`_actualites`") })
    }

    /// Jekyll copies a file without front matter as it is: a README beside the posts is skipped,
    /// while a post whose front matter is never closed still fails.
    @Test func aFileWithoutFrontMatterIsSkippedNotFailed() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let site = try Self.jekyllFolder(
            workspace,
            [
                "2024-03-01-bon.md": Self.good, "README.md": "# Les billets\n\nÀ lire.\n",
                "2024-03-02-casse.md": Self.broken,
            ])
        try workspace.writeConfig([
            Workspace.source("site", kind: "jekyll", url: site.absoluteString, extra: ["collections: [_posts]"])
        ])
        let source = try #require(try await workspace.harvest().source("site"))
        #expect(source.items.added == 1)
        #expect(source.items.skipped == 1)
        #expect(source.items.failed == 1)
        #expect(source.errors.count == 1)
        #expect(source.errors.first?.item == "_posts/2024-03-02-casse.md")
    }

    /// A site with a `_config.yml` gives its posts their public URLs, not the clone's files; a
    /// new permalink in it reaches every post on the next run, although no post changed.
    @Test func aJekyllSiteGivesPublicURLsAndFollowsItsConfig() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let site = try Self.jekyllFolder(workspace, ["2024-03-01-bon.md": Self.good])
        let config = site.appendingPathComponent("_config.yml")
        try Data("url: https://blog.example.fr\npermalink: /:year/:month/:title/\n".utf8).write(to: config)
        try workspace.writeConfig([
            Workspace.source("site", kind: "jekyll", url: site.absoluteString, extra: ["collections: [_posts]"])
        ])
        let first = try #require(try await workspace.harvest().source("site"))
        #expect(first.status == .ok && first.items.added == 1)
        #expect(try workspace.records().first { $0.kind == .publication }?.url == "https://blog.example.fr/2024/03/bon/")
        let unchanged = try #require(try await workspace.harvest().source("site"))
        #expect(unchanged.items.unchanged == 1 && unchanged.items.updated == 0)
        try Data("url: https://blog.example.fr\npermalink: /billets/:title.html\n".utf8).write(to: config)
        let moved = try #require(try await workspace.harvest().source("site"))
        #expect(moved.items.updated == 1)
        #expect(try workspace.records().first { $0.kind == .publication }?.url == "https://blog.example.fr/billets/bon.html")
        // The source's own `permalink` key wins over the site's (a fresh catalogue: a changed
        // configuration is read by the posts parsed after it, or by `--full`).
        let other = try Workspace()
        defer { other.remove() }
        try other.writeConfig([
            Workspace.source(
                "site", kind: "jekyll", url: site.absoluteString,
                extra: ["collections: [_posts]", "permalink: \"https://miroir.example.fr/:collection/:slug/\""])
        ])
        #expect(try #require(try await other.harvest().source("site")).items.added == 1)
        #expect(try other.records().first { $0.kind == .publication }?.url == "https://miroir.example.fr/posts/bon/")

        // A url without its scheme: the harvest says so and the posts keep their files' URLs.
        try Data("url: www.exemple.fr\n".utf8).write(to: config)
        let third = try Workspace()
        defer { third.remove() }
        try third.writeConfig([
            Workspace.source("site", kind: "jekyll", url: site.absoluteString, extra: ["collections: [_posts]"])
        ])
        let warned = try #require(try await third.harvest().source("site"))
        #expect(warned.status == .ok && warned.items.added == 1)
        #expect(warned.warnings.contains { $0.contains("`www.exemple.fr` is not an absolute URL") })
        #expect(try third.records().first { $0.kind == .publication }?.url?.hasPrefix("file:") == true)
    }

    /// A `text` source whose `url` is a folder reads the `.txt` files in it, one publication each,
    /// never the folder's listing as a page; other files (a README) are left out.
    @Test func aTextFolderIsReadFileByFile() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let dir = workspace.root.appendingPathComponent("captures")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("Premier\n\nLe plan avance.\n".utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data("Second\n\nLe plan continue.\n".utf8).write(to: dir.appendingPathComponent("b.txt"))
        try Data("# Origines\n".utf8).write(to: dir.appendingPathComponent("SOURCES.md"))
        try workspace.writeConfig([Workspace.source("docs", kind: "text", url: dir.absoluteString)])
        let source = try #require(try await workspace.harvest().source("docs"))
        #expect(source.status == .ok)
        #expect(source.items.added == 2)
        let titles = try workspace.records().filter { $0.kind == .publication }.map(\.title).sorted()
        #expect(titles == ["Premier", "Second"])
        let again = try #require(try await workspace.harvest().source("docs"))
        #expect(again.items.unchanged == 2 && again.items.added == 0 && again.items.archived == 0)
    }

    @Test func aSourceWithNoItemsFailsTheRun() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let site = try Self.jekyllFolder(workspace, [:])
        try workspace.writeConfig([
            Workspace.source("site", kind: "jekyll", url: site.absoluteString, extra: ["collections: [_posts]"])
        ])
        let report = try await workspace.harvest()
        #expect(try #require(report.source("site")).status == .suspicious)
        #expect(report.exitCode == 2)
    }

    @Test func recordIDsDoNotDependOnWhereTheConfigurationLives() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let page = try Workspace.fixture("pages/002_8cef8a0224ee8d09.txt")
        var ids: [Set<String>] = []
        for folder in ["first", "second/deeper"] {
            let dir = workspace.root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("site/_posts"), withIntermediateDirectories: true)
            try Data(Self.good.utf8).write(to: dir.appendingPathComponent("site/_posts/2024-03-01-bon.md"))
            try page.write(to: dir.appendingPathComponent("pgo.txt"))
            let config =
                "sources:\n  - name: site\n    kind: jekyll\n    url: file:site/\n"
                + "  - name: ditp\n    kind: text\n    url: file:pgo.txt\n"
            try Data(config.utf8).write(to: dir.appendingPathComponent("config.yml"))
            let report = try await Harvester(
                config: Configuration.load(path: dir.appendingPathComponent("config.yml").path),
                dataDirectory: workspace.dataDirectory,
                options: HarvestOptions(), indexer: nil
            ).run()
            if folder != "first" {
                #expect(report.sources.allSatisfy { $0.items.added == 0 }, "\(report.sources.map(\.items))")
            }
            ids.append(Set(try workspace.records().filter { $0.archived == nil }.map(\.id.rawValue)))
        }
        #expect(ids[0] == ids[1])
        #expect(ids[0].contains("publication:ditp:pgo.txt"))
    }

    static func ending(
        itemsSeen: Int, failed: Int, incremental: Bool = false, error: String? = nil, cancelled: Bool = false
    ) -> SourceHarvest.Ending {
        var e = SourceHarvest.Ending()
        e.itemsSeen = itemsSeen
        e.counts.added = itemsSeen - failed
        e.counts.failed = failed
        e.incremental = incremental
        e.error = error
        e.cancelled = cancelled
        return e
    }

    @Test func hugeTimeLimitsSaturate() {
        #expect(TimeLimit.nanoseconds(9.3e18) == UInt64.max)
        #expect(TimeLimit.nanoseconds(.infinity) == UInt64.max)
        #expect(TimeLimit.nanoseconds(.nan) == 0)
        #expect(TimeLimit.nanoseconds(-3) == 0)
        #expect(TimeLimit.nanoseconds(1.5) == 1_500_000_000)
    }

    @Test func theStatusIsDecidedInOnePlace() {
        #expect(SourceHarvest.decide(Self.ending(itemsSeen: 10, failed: 6)).status == .suspicious)
        #expect(SourceHarvest.decide(Self.ending(itemsSeen: 10, failed: 5)).status == .itemsFailed)
        #expect(SourceHarvest.decide(Self.ending(itemsSeen: 0, failed: 0, incremental: true)).status == .ok)
        #expect(SourceHarvest.decide(Self.ending(itemsSeen: 0, failed: 0)).status == .suspicious)
        #expect(SourceHarvest.decide(Self.ending(itemsSeen: 3, failed: 0, error: "x")).status == .failed)
        #expect(
            SourceHarvest.decide(Self.ending(itemsSeen: 3, failed: 0, error: "x", cancelled: true)).status
                == .interrupted)
        #expect(
            SourceStatus.suspicious.failsRun && SourceStatus.timedOut.failsRun && !SourceStatus.itemsFailed.failsRun)
    }
}
