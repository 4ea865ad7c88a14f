import Foundation
import OGPHarvest
import OGPModel
import OGPStore
import OGPTestServer
import Testing

/// A WordPress REST API v2 site on 127.0.0.1: posts over three pages with the real headers
/// (`X-WP-Total`, `X-WP-TotalPages`, `Link: rel="next"`), the categories and tags endpoints,
/// and a last page that is the real truncated response `003_…` (recovered as a partial record).
@Suite struct WordPressHarvestTests {
    static let perPage = 2

    /// Routes the site's API; returns the posts of the fixture.
    static func serve(
        _ server: TestServer, prefix: String = "", edits: EditedPosts = EditedPosts()
    ) throws -> [[String: Any]] {
        let posts =
            try JSONSerialization.jsonObject(with: Workspace.fixture("wordpress/posts.json")) as? [[String: Any]] ?? []
        let truncated = [UInt8](try Workspace.fixture("wordpress/003_358304ceddca9231.txt"))
        let base = server.url(prefix + "/wp-json/wp/v2/posts")
        let pageCount = (posts.count + perPage - 1) / perPage + 1
        let postData = try posts.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
        let modified = posts.map { $0["modified_gmt"] as? String ?? "" }
        let total = posts.count + 1
        server.route(
            prefix + "/wp-json/wp/v2/pages", .json("[]", headers: [("X-WP-Total", "0"), ("X-WP-TotalPages", "0")]))
        server.route(prefix + "/wp-json/wp/v2/posts") { request in
            let query = URLComponents(string: request.target)?.queryItems ?? []
            let page = query.first { $0.name == "page" }?.value.flatMap(Int.init) ?? 1
            var headers = [("X-WP-Total", "\(total)"), ("X-WP-TotalPages", "\(pageCount)")]
            if let after = query.first(where: { $0.name == "modified_after" })?.value {
                let newer = (Array(zip(modified, postData)) + edits.all).filter { $0.0 > after }.map(\.1)
                let body = "[" + newer.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]"
                return .json(
                    body, headers: [("X-WP-Total", "\(newer.count)"), ("X-WP-TotalPages", newer.isEmpty ? "0" : "1")])
            }
            func link(_ n: Int) -> String { "<\(base)?per_page=\(perPage)&orderby=modified&order=asc&page=\(n)>" }
            var links: [String] = []
            if page > 1 { links.append(link(page - 1) + "; rel=\"prev\"") }
            if page < pageCount { links.append(link(page + 1) + "; rel=\"next\"") }
            if !links.isEmpty { headers.append(("Link", links.joined(separator: ", "))) }
            if page == pageCount {
                return TestResponse(
                    headers: [("Content-Type", "application/json; charset=UTF-8")] + headers, body: truncated)
            }
            guard page >= 1, page < pageCount else {
                return .json(
                    #"{"code":"rest_post_invalid_page_number","message":"Le nombre de pages demandé est plus grand que le nombre de pages disponibles.","data":{"status":400}}"#,
                    status: 400)
            }
            let slice = postData[((page - 1) * perPage)..<min(page * perPage, postData.count)]
            let body = "[" + slice.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]"
            return .json(body, headers: headers)
        }
        for taxonomy in ["categories", "tags"] {
            let body = String(decoding: try Workspace.fixture("wordpress/\(taxonomy).json"), as: UTF8.self)
            server.conditional(
                prefix + "/wp-json/wp/v2/\(taxonomy)", body: body, etag: "\"\(taxonomy)-1\"",
                lastModified: "Fri, 16 Jan 2026 05:52:49 GMT")
        }
        return posts
    }

    @Test(arguments: StoreChoice.available)
    func pagesOfPostsWithTermsAndATruncatedPage(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let posts = try Self.serve(server)
        try workspace.writeConfig([
            Workspace.source(
                "etalab", kind: "wordpress", url: server.url("/wp-json/wp/v2/"), extra: ["per_page: \(Self.perPage)"])
        ])
        let report = try await workspace.harvest()
        let source = try #require(report.source("etalab"))
        #expect(source.status == .ok)
        #expect(source.items.added == posts.count + 1)
        #expect(source.items.failed == 0)
        #expect(report.exitCode == 0)

        let postRequests = server.requests(path: "/wp-json/wp/v2/posts")
        #expect(postRequests.count == 3)
        #expect(Set(postRequests.map(\.target)).count == 3)
        #expect(postRequests.allSatisfy { $0.target.contains("per_page=\(Self.perPage)") })
        #expect(server.requests(path: "/wp-json/wp/v2/categories").count == 1)
        #expect(server.requests(path: "/wp-json/wp/v2/tags").count == 1)

        let publications = try workspace.records().filter { $0.kind == .publication }
        #expect(publications.count == posts.count + 1)
        let partial = try #require(publications.first { $0.partial })
        #expect(partial.title.contains("premier Plan d’action"))
        #expect(partial.warnings.contains { $0.contains("input broke at byte") })
        #expect(partial.url?.contains("preprod") == false)
        let items = try workspace.store().items(run: report.runID)
        #expect(
            items.contains {
                $0.recordID == partial.id && $0.outcome == .added && ($0.message ?? "").contains("input broke")
            })

        let first = try #require(
            publications.first { $0.extras["slug"]?.hasPrefix("gouvernement-ouvert-la-france-met") == true })
        #expect(first.title.hasPrefix("Gouvernement ouvert : la France met l'accent"))
        #expect(first.translations["en"]?.title == "Open government news")
        #expect(first.tags == ["Partenariat pour un gouvernement ouvert", "Gouvernement ouvert", "Etalab"])
        #expect(first.themes == ["Article"])
        for record in publications {
            for marker in ["[:fr]", "[:]", "&#8217;", "<p>"] {
                #expect(
                    !record.title.contains(marker) && !(record.body ?? "").contains(marker), "\(record.id) \(marker)")
            }
            #expect(record.extras["unresolvedTerms"] == nil, "\(record.id)")
        }
    }

    @Test(arguments: StoreChoice.available)
    func aSecondRunAsksOnlyForWhatChanged(_ storeChoice: StoreChoice) async throws {
        let workspace = try Workspace(store: storeChoice)
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let edits = EditedPosts()
        let posts = try Self.serve(server, edits: edits)
        try workspace.writeConfig([
            Workspace.source(
                "etalab", kind: "wordpress", url: server.url("/wp-json/wp/v2/"), extra: ["per_page: \(Self.perPage)"])
        ])
        _ = try await workspace.harvest()
        let before = server.requests.count
        let report = try await workspace.harvest()
        let source = try #require(report.source("etalab"))
        let later = server.requests.dropFirst(before).filter { $0.path == "/wp-json/wp/v2/posts" }
        #expect(later.count == 1)
        #expect(later.first?.target.contains("modified_after=") == true)
        // The taxonomies are asked for conditionally (304) and their names kept from the first run.
        let terms = server.requests.dropFirst(before).filter {
            $0.path.hasSuffix("/categories") || $0.path.hasSuffix("/tags")
        }
        #expect(terms.count == 2)
        #expect(terms.allSatisfy { $0.header("If-None-Match") != nil })
        #expect(source.http.notModified == 2)
        #expect(source.items.added == 0 && source.items.updated == 0)
        #expect(source.items.archived == 0)
        #expect(source.status == .ok)
        #expect(report.exitCode == 0)
        #expect(try workspace.records().filter { $0.kind == .publication && $0.archived == nil }.count == 5)

        // An editor changes a post: the next run gets it alone, as an update with history.
        var post = try #require(posts.first)
        post["modified_gmt"] = "2026-01-16T08:00:00"
        post["modified"] = "2026-01-16T09:00:00"
        post["title"] = [
            "rendered": "Gouvernement ouvert : la France publie son plan d&#8217;action national (mis à jour)"
        ]
        edits.add(
            modified: "2026-01-16T08:00:00", try JSONSerialization.data(withJSONObject: post, options: [.sortedKeys]))
        let third = try await workspace.harvest()
        let edited = try #require(third.source("etalab"))
        #expect(edited.items.updated == 1)
        #expect(edited.items.added == 0)
        let updated = try workspace.store().items(run: third.runID).filter { $0.outcome == .updated }
        let id = try #require(updated.first?.recordID)
        #expect(updated.count == 1)
        let history = try workspace.store().history(of: id)
        #expect(history.count == 2)
        #expect(
            history.last?.record.title
                == "Gouvernement ouvert : la France publie son plan d’action national (mis à jour)")
        #expect(history.last?.record.dates.modified?.hasPrefix("2026-01-16T08:00:00") == true)
        #expect(history.last?.record.tags == history.first?.record.tags)
        #expect(history.last?.record.tags.isEmpty == false)
    }
}

/// Posts edited after the fixture's, answered to `modified_after` requests.
final class EditedPosts: @unchecked Sendable {
    private let lock = NSLock()
    private var posts: [(String, Data)] = []

    func add(modified: String, _ data: Data) {
        lock.lock()
        posts.append((modified, data))
        lock.unlock()
    }

    var all: [(String, Data)] {
        lock.lock()
        defer { lock.unlock() }
        return posts
    }
}
