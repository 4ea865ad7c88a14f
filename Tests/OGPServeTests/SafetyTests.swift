import Foundation
import Hummingbird
import OGPServe
import Testing

/// Escaping of harvested text, security headers, request limits, nothing read outside the catalogue.
@Suite struct SafetyTests {
    /// The id of the harvested post whose title carries `<script>` and an attribute-breaking quote.
    static func hostileID(_ client: TestClient) async throws -> String {
        try await client.execute(uri: "/api/search?q=hostile", method: .get) { r in
            let hits = (try r.json() as? [String: Any])?["hits"] as? [[String: Any]] ?? []
            return try #require(hits.first { ($0["title"] as? String)?.contains("<script>") == true }?["id"] as? String)
        }
    }

    /// What must never appear in a page made from the hostile post.
    static func expectNoMarkupFromData(_ html: String, _ where_: String) {
        #expect(!html.contains("<script>alert"), "\(where_)")
        #expect(!html.contains("onmouseover=\"alert"), "\(where_)")
        #expect(!html.contains("<img src=x"), "\(where_)")
        #expect(!html.contains("href=\"javascript:"), "\(where_)")
        #expect(!html.contains("<b>gras</b>"), "\(where_)")
        #expect(!html.contains("<img"), "\(where_)")
        // The only scripts are the server's own file.
        #expect(html.components(separatedBy: "<script").count == 2, "\(where_)")
    }

    @Test func hostileTitleShowsAsTextEverywhere() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            let id = try await Self.hostileID(client)
            try await client.execute(uri: "/records/\(pathID(id))", method: .get) { r in
                #expect(r.status == .ok)
                #expect(
                    r.text.contains(
                        "<h1>&lt;script&gt;alert(&quot;ogp&quot;)&lt;/script&gt; Transparence hostile &quot; onmouseover=&quot;alert(1)</h1>"
                    ))
                #expect(r.text.contains("&lt;img src=x onerror=alert(2)&gt;"))
                Self.expectNoMarkupFromData(r.text, "record page")
            }
            try await client.execute(uri: "/search?q=hostile", method: .get) { r in
                #expect(r.text.contains("&lt;script&gt;"))
                Self.expectNoMarkupFromData(r.text, "search page")
            }
            // A query echoed into the page (title, search box value) is escaped too.
            try await client.execute(uri: "/search?q=%22%3E%3Cscript%3Ealert(4)%3C%2Fscript%3E", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("value=\"&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;\""))
                #expect(!r.text.contains("<script>alert(4)"))
            }
            try await client.execute(uri: "/", method: .get) { r in
                Self.expectNoMarkupFromData(r.text, "home page")
            }
            // JSON keeps the text as it is: escaping is the page's business, not the API's.
            try await client.execute(uri: "/api/records/\(pathID(id))", method: .get) { r in
                let record = (try r.json() as? [String: Any])?["record"] as? [String: Any]
                #expect((record?["title"] as? String)?.hasPrefix("<script>alert(\"ogp\")</script>") == true)
            }
        }
    }

    @Test func everyResponseCarriesSecurityHeaders() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            for uri in [
                "/", "/search?q=plan", "/nope", "/api/search?q=plan", "/api/search?page=0", "/healthz",
                "/static/style.css",
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    let csp = r.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("default-src 'none'"), "\(uri)")
                    #expect(csp.contains("script-src 'self'"), "\(uri)")
                    #expect(!csp.contains("unsafe-inline"), "\(uri)")
                    #expect(csp.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                }
            }
            // No inline handler or inline script in any page.
            for uri in ["/", "/search?q=plan", "/records/\(pathID(ServeFixture.linkedCommitment))"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "\(uri)")
                    #expect(r.text.range(of: "<script>") == nil, "\(uri)")
                    #expect(r.text.range(of: "style=") == nil, "\(uri)")
                }
            }
        }
    }

    @Test func limitsAreEnforcedWithClear400s() async throws {
        let fixture = try await ServeFixture.shared.value
        let long = String(repeating: "a", count: 501)
        let manyParams = (0..<65).map { "x\($0)=1" }.joined(separator: "&")
        let manyKinds = (0..<11).map { "kind=k\($0)" }.joined(separator: "&")
        try await fixture.serve { client in
            for (query, words) in [
                ("q=\(long)", "500"), ("q=plan&page=101", "page"), ("q=plan&page=0", "page"),
                ("q=plan&page=abc", "page"),
                ("q=plan&page=99999999999999999999", "page"), ("q=plan&page_size=101", "page_size"),
                ("q=plan&sort=random", "sort"),
                ("q=plan&since=hier", "since"), (manyParams, "paramètres"), (manyKinds, "kind"), ("q=%E9", "encod"),
            ] {
                try await client.execute(uri: "/api/search?\(query)", method: .get) { r in
                    #expect(r.status == .badRequest, "\(query.prefix(40))")
                    #expect(r.contentType == "application/problem+json")
                    let detail = (try r.json() as? [String: Any])?["detail"] as? String ?? ""
                    #expect(detail.contains(words), "\(detail)")
                }
                try await client.execute(uri: "/search?\(query)", method: .get) { r in
                    #expect(r.status == .badRequest)
                    #expect(r.contentType == "text/html; charset=utf-8")
                    #expect(r.text.contains("<h1>Requête invalide</h1>"))
                }
            }
            try await client.execute(uri: "/catalog.jsonld?page_size=1001", method: .get) { r in
                #expect(r.status == .badRequest)
            }
            // The last allowed page answers (empty when the results are fewer).
            try await client.execute(uri: "/api/search?q=plan&page=100&page_size=100", method: .get) { r in
                #expect(r.status == .ok)
            }
        }
    }

    @Test func nothingOutsideTheCatalogueIsReadable() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            for uri in [
                "/static/../catalog.sqlite", "/static/%2e%2e/%2e%2e/etc/passwd", "/records/..%2F..%2F..%2Fetc%2Fpasswd",
                "/catalog.sqlite", "/index/manifest.json", "/api/records/%2Fetc%2Fpasswd", "/plans/..%2Fcatalog.sqlite",
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound, "\(uri)")
                    #expect(!r.text.contains("root:"), "\(uri)")
                    #expect(!r.text.contains("SQLite format"), "\(uri)")
                }
            }
        }
    }
}
