import Foundation
import Hummingbird
import OGPConfig
import OGPIndex
@testable import OGPServe
import Testing

/// Every route's status and content type, on a catalogue harvested from the demo sample.
@Suite struct RoutesTests {
    @Test func pagesAnswerInFrenchHTML() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            for uri in [
                "/", "/search?q=donn%C3%A9es+environnementales", "/search?q=transparence&kind=commitment&page=1",
                "/search", "/records/\(pathID(ServeFixture.linkedCommitment))",
                "/records/\(pathID(ServeFixture.linkedDataset))",
                "/plans/\(pathID("actionPlan:ogp-fr:plan-2021-2023-gov"))", "/plans/2021-2023-gov",
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    #expect(r.contentType == "text/html; charset=utf-8", "\(uri)")
                    #expect(r.text.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"), "\(uri)")
                    #expect(r.text.contains("<main id=\"contenu\">"), "\(uri)")
                }
            }
        }
    }

    @Test func aDraftSaysWhySearchMissesIt() async throws {
        let fixture = try await ServeFixture.shared.value
        let draft = "publication:numerique-gouv:_actualites/gouvernement-ouvert-la-france-publie-son-plan-daction-national.markdown"
        try await fixture.serve { client in
            try await client.execute(uri: "/records/\(pathID(draft))", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Brouillon : non publié à la source"))
            }
            try await client.execute(uri: "/records/\(pathID(ServeFixture.linkedCommitment))", method: .get) { r in
                #expect(!r.text.contains("Brouillon"))
            }
        }
    }

    @Test func homeShowsPlansWithStatusesAndRecentChanges() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.text.contains("Les plans d’action"))
                #expect(r.text.contains("href=\"/plans/actionPlan:ogp-fr:plan-2021-2023-gov\""))
                #expect(r.text.contains("6 engagements dans le catalogue"))
                #expect(r.text.contains("Dernières modifications"))
            }
        }
    }

    @Test func searchPageRanksHighlightsFacetsAndPages() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            try await client.execute(uri: "/search?q=donn%C3%A9es+environnementales", method: .get) { r in
                let html = r.text
                // The commitment comes first, as with ogp-search (kind priors).
                let first = html.range(of: "<ol class=\"results\"").map { html[$0.upperBound...] } ?? ""
                #expect(first.prefix(600).contains("Engagement"))
                #expect(html.contains("<mark>"))
                // Facets are links with counts, toggling a filter.
                #expect(html.contains("href=\"/search?q=donn%C3%A9es+environnementales&amp;kind=dataset\""))
                #expect(html.contains("rel=\"next\""))
                #expect(html.contains("aria-current=\"page\""))
            }
            try await client.execute(uri: "/search?q=donn%C3%A9es+environnementales&page=2", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("rel=\"prev\""))
                #expect(r.text.contains("<ol class=\"results\" start=\"21\">"))
            }
            try await client.execute(uri: "/search?q=donn%C3%A9es+environnementales&kind=commitment", method: .get) {
                r in
                #expect(r.text.contains("Type : Engagement ✕"))
                #expect(!r.text.contains("<span class=\"kind\">Jeu de données</span>"))
            }
            // Only very common words: no results and why, where they listed the whole catalogue.
            try await client.execute(uri: "/search?q=le+la+les", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Aucun résultat"))
                #expect(r.text.contains("Ces mots sont trop courants pour être cherchés"))
            }
            try await client.execute(uri: "/api/search?q=le+la+les", method: .get) { r in
                #expect(r.text.contains("\"total\":0"))
            }
        }
    }

    @Test func recordPagesShowLinksBothWays() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            try await client.execute(uri: "/records/\(pathID(ServeFixture.linkedCommitment))", method: .get) { r in
                #expect(r.text.contains("Ambitions"))
                #expect(r.text.contains("href=\"/records/actionPlan:ogp-fr:plan-2021-2023-gov\""))
                #expect(
                    r.text.contains(
                        "href=\"/records/\(ServeFixture.linkedDataset)\">Données environnementales PACA</a>"))
                #expect(r.text.contains("Historique"))
            }
            try await client.execute(uri: "/records/\(pathID(ServeFixture.linkedDataset))", method: .get) { r in
                #expect(r.text.contains("Engagements et publications qui utilisent ce jeu de données"))
                #expect(r.text.contains("href=\"/records/\(ServeFixture.linkedCommitment)\""))
            }
            try await client.execute(uri: "/plans/2021-2023-gov", method: .get) { r in
                #expect(r.text.contains("Engagements (6)"))
                #expect(r.text.contains("href=\"/records/\(ServeFixture.linkedCommitment)\""))
            }
        }
    }

    @Test func apiAnswersJSON() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            try await client.execute(uri: "/api/search?q=transparence&page_size=5", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.contentType == "application/json")
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["hits"] as? [Any])?.count == 5)
                #expect(body["pageSize"] as? Int == 5)
                #expect((body["total"] as? Int ?? 0) > 5)
                #expect((body["facets"] as? [String: Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/search?q=transparence&facets=true", method: .get) { r in
                let facets = (try r.json() as? [String: Any])?["facets"] as? [String: [[String: Any]]] ?? [:]
                #expect(facets["kind"]?.isEmpty == false)
                #expect(facets.values.allSatisfy { $0.count <= 20 })
            }
            try await client.execute(uri: "/api/records/\(pathID(ServeFixture.linkedCommitment))", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.contentType == "application/json")
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["record"] as? [String: Any])?["id"] as? String == ServeFixture.linkedCommitment)
                let links = body["links"] as? [[String: Any]] ?? []
                #expect(
                    links.contains {
                        $0["id"] as? String == ServeFixture.linkedDataset && $0["relation"] as? String == "usesDataset"
                    })
            }
            try await client.execute(uri: "/api/plans", method: .get) { r in
                #expect(r.status == .ok)
                let plans = try #require((try r.json() as? [String: Any])?["plans"] as? [[String: Any]])
                let p = try #require(plans.first { $0["id"] as? String == "actionPlan:ogp-fr:plan-2021-2023-gov" })
                #expect(p["commitments"] as? Int == 6)
            }
            try await client.execute(uri: "/openapi.json", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.contentType == "application/json")
                let doc = try r.json() as? [String: Any]
                #expect(doc?["openapi"] as? String == "3.1.0")
            }
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                let body = try #require(try r.json() as? [String: Any])
                #expect(body["status"] as? String == "ok")
                #expect(((body["catalogue"] as? [String: Any])?["lastRun"] as? [String: Any])?["status"] != nil)
            }
        }
    }

    /// Kinds by their French names (as `ogp-search --kind` takes them) in `kind=` and in the
    /// query; an unknown kind is a 400 naming the valid ones. Before, `kind=engagement` was
    /// silently no result at all.
    @Test func kindsAnswerToTheirFrenchNames() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            var english = 0
            try await client.execute(uri: "/api/search?q=transparence&kind=commitment", method: .get) { r in
                english = (try r.json() as? [String: Any])?["total"] as? Int ?? 0
            }
            #expect(english > 0)
            for uri in [
                "/api/search?q=transparence&kind=engagement", "/api/search?q=transparence&kind=Engagements",
                "/api/search?q=kind%3Aengagement+transparence",
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok)
                    let body = try #require(try r.json() as? [String: Any])
                    #expect(body["total"] as? Int == english, "\(uri)")
                    let kinds = (body["hits"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                    #expect(Set(kinds) == ["commitment"], "\(uri)")
                }
            }
            try await client.execute(uri: "/api/search?q=transparence&kind=jeu-de-donn%C3%A9es", method: .get) { r in
                let kinds = ((try r.json() as? [String: Any])?["hits"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(!kinds.isEmpty && Set(kinds) == ["dataset"])
            }
            // A form's empty fields are no filters.
            try await client.execute(uri: "/api/search?q=transparence&kind=commitment&org=&tag=+&plan=", method: .get) { r in
                #expect(r.status == .ok)
                let total = (try r.json() as? [String: Any])?["total"] as? Int
                #expect(total == english)
            }
            try await client.execute(uri: "/api/search?q=transparence&kind=bogus", method: .get) { r in
                #expect(r.status == .badRequest)
                let detail = (try r.json() as? [String: Any])?["detail"] as? String ?? ""
                #expect(detail.contains("bogus") && detail.contains("engagement"), "\(detail)")
            }
            // The page keeps the index's name, so its facet shows as selected.
            try await client.execute(uri: "/search?q=transparence&kind=engagement", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("kind=commitment"))
            }
        }
    }

    /// A plan by any of its names, as `ogp-search --plan` takes them, in `plan=` and in the
    /// query; an unknown plan is a 400 listing the plans. Before, only the index key answered.
    @Test func plansAnswerToTheirOtherNames() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            func ids(_ uri: String) async throws -> [String] {
                var out: [String] = []
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    out = ((try r.json() as? [String: Any])?["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                }
                return out
            }
            let byKey = try await ids("/api/search?q=engagement&plan=2021-2023-gov&page_size=50")
            #expect(!byKey.isEmpty)
            #expect(try await ids("/api/search?q=engagement&plan=AP_FRA03&page_size=50") == byKey)
            #expect(try await ids("/api/search?q=engagement&plan=plan-2021-2023-gov&page_size=50") == byKey)
            #expect(try await ids("/api/search?q=engagement+plan%3AAP_FRA03&page_size=50") == byKey)
            try await client.execute(uri: "/api/search?q=engagement&plan=2031-2033", method: .get) { r in
                #expect(r.status == .badRequest)
                let detail = (try r.json() as? [String: Any])?["detail"] as? String ?? ""
                #expect(detail.contains("2031-2033") && detail.contains("AP_FRA03"), "\(detail)")
            }
        }
    }

    /// Behind a reverse proxy that serves ogp under a path (`--base-url https://example.org/ogp/`,
    /// the proxy stripping `/ogp`), every link, form, script and stylesheet of every page keeps
    /// that path, error pages included. Before, they all pointed at the host's root.
    @Test func pagesLinksKeepTheBaseURLsPath() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve(baseURL: "https://example.org/ogp/") { client in
            let pages = [
                "/", "/search?q=transparence&facets=true", "/records/\(pathID(ServeFixture.linkedCommitment))",
                "/plans/\(pathID("actionPlan:ogp-fr:plan-2021-2023-gov"))", "/nulle-part",
            ]
            for uri in pages {
                try await client.execute(uri: uri, method: .get) { r in
                    let text = r.text
                    let regex = /(?:href|src|action)="(\/[^"]*)"/
                    let targets = text.matches(of: regex).map { String($0.output.1) }
                    #expect(targets.count >= 5, "\(uri): \(targets)")
                    #expect(targets.allSatisfy { $0.hasPrefix("/ogp/") }, "\(uri): \(targets.filter { !$0.hasPrefix("/ogp/") })")
                }
            }
            try await client.execute(uri: "/catalog.jsonld", method: .get) { r in
                #expect(r.text.contains("https://example.org/ogp/catalog.jsonld"))
            }
        }
        #expect(BasePathMiddleware<BasicRequestContext>.root(of: "http://127.0.0.1:8080") == "")
        #expect(BasePathMiddleware<BasicRequestContext>.root(of: "https://example.org/") == "")
        #expect(BasePathMiddleware<BasicRequestContext>.root(of: "https://example.org/a%20b//") == "/a%20b")
    }

    /// The names `ogp show` takes, where they are found by key: a data.gouv.fr id, a plan key,
    /// an OGP plan id (and an OGP commitment id, `FR0001`, not in this catalogue). Before, each was a 404 on the web and in the API.
    @Test func recordsAnswerToTheirOtherNames() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            try await client.execute(uri: "/api/records/AP_FRA03", method: .get) { r in
                #expect(r.status == .ok)
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["record"] as? [String: Any])?["id"] as? String == "actionPlan:ogp-fr:plan-2021-2023-gov")
            }
            try await client.execute(uri: "/api/records/5ef9675d54ab489667dd876a", method: .get) { r in
                #expect(r.status == .ok)
                let body = try #require(try r.json() as? [String: Any])
                #expect((body["record"] as? [String: Any])?["id"] as? String == ServeFixture.linkedDataset)
            }
            try await client.execute(uri: "/records/plan-2021-2023-gov", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("gouvernement ouvert 2021-2023"))
            }
            try await client.execute(uri: "/plans/AP_FRA03", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("gouvernement ouvert 2021-2023"))
            }
            // A slug would need a pass over the catalogue: not on the web.
            try await client.execute(uri: "/records/donnees-environnementales-paca", method: .get) { r in
                #expect(r.status == .notFound)
            }
        }
    }

    /// The server expands queries with the synonyms it is given (ogp-serve passes the list
    /// ogp-search uses): « PGO » also finds « partenariat pour un gouvernement ouvert ».
    @Test func searchesUseTheSynonymsTheServerIsGiven() async throws {
        let fixture = try await ServeFixture.shared.value
        let list = try SynonymList.parse(BuiltInSynonyms.text)
        let total: @Sendable (TestClient) async throws -> Int = { client in
            var total = -1
            try await client.execute(uri: "/api/search?q=PGO", method: .get) { r in
                total = (try r.json() as? [String: Any])?["total"] as? Int ?? -1
            }
            return total
        }
        let plain = try await fixture.serve(total)
        let expanded = try await fixture.serve(synonyms: list, total)
        #expect(plain >= 0)
        #expect(expanded > plain, "PGO: \(plain) without synonyms, \(expanded) with")
    }

    @Test func unknownPathsAndIdsAreClean404s() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            for uri in [
                "/nope", "/records/commitment:nowhere:1", "/plans/1999-2000",
                "/plans/\(pathID(ServeFixture.linkedDataset))",
                "/static/catalog.sqlite", "/records/",
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound, "\(uri)")
                    #expect(r.contentType == "text/html; charset=utf-8", "\(uri)")
                    #expect(r.text.contains("<h1>Introuvable</h1>"), "\(uri)")
                }
            }
            for uri in ["/api/records/commitment:nowhere:1", "/api/nope"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound, "\(uri)")
                    #expect(r.contentType == "application/problem+json", "\(uri)")
                    let body = try #require(try r.json() as? [String: Any])
                    #expect(body["status"] as? Int == 404)
                    #expect(body["title"] as? String == "Introuvable")
                }
            }
            try await client.execute(uri: "/api/search", method: .post) { r in
                #expect(r.status == .methodNotAllowed || r.status == .notFound)
                #expect(r.contentType == "application/problem+json")
            }
        }
    }

    @Test func headCORSAndStaticAssets() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            try await client.execute(uri: "/api/plans", method: .get, headers: [.origin: "https://example.org"]) { r in
                #expect(r.headers[.accessControlAllowOrigin] == "*")
            }
            try await client.execute(
                uri: "/api/search", method: .options,
                headers: [.origin: "https://example.org", .accessControlRequestMethod: "GET"]
            ) { r in
                #expect(r.status == .noContent || r.status == .ok)
                #expect(r.headers[.accessControlAllowMethods]?.contains("GET") == true)
            }
            try await client.execute(uri: "/", method: .head) { r in
                #expect(r.status == .ok)
                #expect(r.data.isEmpty)
            }
            try await client.execute(uri: "/static/style.css", method: .get) { r in
                #expect(r.contentType == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/static/app.js", method: .get) { r in
                #expect(r.contentType == "text/javascript; charset=utf-8")
            }
        }
    }
}
