import Foundation
import OGPCatalog
import OGPHarvest
import OGPModel
import OGPTestServer
import Testing

/// `config/sources.yml` (the real portals) harvested end to end against a local mirror: the
/// test server stands for data.gouv.fr, etalab.gouv.fr, GitHub and modernisation.gouv.fr, and
/// sees the endpoints and parameters each source asks for. (Its loading and kinds are checked
/// in OGPCatalogTests.)
@Suite struct RealSourcesTests {
    static let hosts = [
        "https://www.data.gouv.fr": "/datagouv", "https://www.etalab.gouv.fr": "/etalab",
        "https://www.modernisation.gouv.fr": "/ditp", "https://www.datasud.fr": "/datasud",
        "https://data.iledefrance.fr": "/idf", "https://opendata.paris.fr": "/paris",
        "https://data.capatlantique.fr": "/capatlantique",
        "https://docs.google.com": "/gsheets",
    ]

    /// `sources.yml` pointed at `server`, each source allowed on 127.0.0.1 and without delays.
    static func mirroredConfig(_ server: TestServer, repository: String) throws -> String {
        var text = try String(
            contentsOf: Workspace.repository.appendingPathComponent("config/sources.yml"), encoding: .utf8)
        for (host, prefix) in hosts { text = text.replacingOccurrences(of: host, with: server.url(prefix)) }
        text = text.replacingOccurrences(
            of: "https://github.com/numerique-gouv/numerique.gouv.fr.git", with: repository)
        text = text.replacingOccurrences(
            of: "plans: plans.yml",
            with: "plans: " + Workspace.repository.appendingPathComponent("config/plans.yml").path)
        text = text.replacingOccurrences(
            of: "\n    kind: ",
            with: "\n    allow_private_network: true\n    min_delay_ms: 0\n    max_retries: 0\n    kind: ")
        return text
    }

    @Test func everySourceAsksForTheRightEndpoints() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let server = try TestServer()
        defer { server.stop() }
        let datasets = try UdataPages.datasets()
        let page = try UdataPages.pages(datasets, pageSize: datasets.count) { _ in nil }[0]
        server.route("/datagouv/api/1/datasets/", .json(page))
        let csv = [UInt8](try Workspace.fixture("csv/export-slice.csv"))
        server.route(
            "/datagouv/fr/datasets/r/f868cca6-8da1-4369-a78d-47463f19a9a3", .bytes(csv, contentType: "text/csv"))
        _ = try WordPressHarvestTests.serve(server, prefix: "/etalab")
        let ditp = String(decoding: try Workspace.fixture("pages/002_8cef8a0224ee8d09.txt"), as: UTF8.self)
        let html =
            "<html><head><title>PGO</title></head><body><nav>Menu</nav><main><h1>Partenariat pour un gouvernement ouvert</h1><p>"
            + ditp.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\n\n", with: "</p><p>") + "</p></main></body></html>"
        server.route(
            "/ditp/transformer-laction-publique/partenariat-pour-un-gouvernement-ouvert",
            .text(html, contentType: "text/html; charset=utf-8"))
        // The OGP's sheet: Google answers the export with a redirect to its content host.
        server.route(
            "/gsheets/spreadsheets/d/15B3FBIjsfBAAe0oaeRi9MEfFzKa9TfjU7lNVRUOc3-M/export",
            .redirect(to: server.url("/gsheets-content/export.csv")))
        server.route(
            "/gsheets-content/export.csv",
            .bytes(
                [UInt8](
                    try Data(
                        contentsOf: Workspace.repository.appendingPathComponent(
                            "config/demo/ogp-commitments/ogp-commitments-slice.csv"))),
                contentType: "text/csv"))
        // The catalogue portals: DataSud's captured CKAN answer, the Explore v2.1 example, Cap Atlantique's DCAT.
        server.route(
            "/datasud/fr/indexer/service/ckan/api/3/action/package_search",
            .json(String(decoding: try Workspace.fixture("catalogs/ckan-datasud-package_search.json"), as: UTF8.self)))
        let ods = String(decoding: try Workspace.fixture("catalogs/ods-v2.1-datasets.json"), as: UTF8.self)
            .replacingOccurrences(of: "\"total_count\": 19", with: "\"total_count\": 2")
        for prefix in ["/idf", "/paris"] { server.route(prefix + "/api/explore/v2.1/catalog/datasets", .json(ods)) }
        server.route(
            "/capatlantique/api/explore/v2.1/catalog/exports/dcat",
            .bytes(
                Array(try Workspace.fixture("catalogs/ods-capatlantique-dcat.rdf.xml")),
                contentType: "application/rdf+xml; charset=utf-8"))
        let repo = try GitFixture(in: workspace.root, server: server)
        for path in JekyllGitHarvestTests.posts {
            try repo.write(path, Workspace.fixture("jekyll/" + (path as NSString).lastPathComponent))
        }
        try repo.commit("Posts")
        try Data(try Self.mirroredConfig(server, repository: repo.url).utf8).write(
            to: URL(fileURLWithPath: workspace.configPath))

        let config = try Configuration.load(path: workspace.configPath)
        #expect(config.sources.count == 11)
        #expect(config.sources.allSatisfy { $0.url.hasPrefix(server.baseURL) }, "a source still points at the internet")

        let report = try await workspace.harvest()
        for source in report.sources {
            #expect(
                [SourceStatus.ok, .itemsFailed].contains(source.status),
                "\(source.name): \(source.status) \(source.errors)")
        }
        #expect(
            Set(report.sources.map(\.name)) == [
                "datagouv-ogp", "datagouv-gouvernement-ouvert", "datagouv-catalogue", "etalab-wordpress",
                "numerique-gouv",
                "ditp-pgo", "datasud", "iledefrance", "paris", "capatlantique", "ogp-commitments", "ogp-plans",
            ])
        let ckan = try #require(
            server.requests(path: "/datasud/fr/indexer/service/ckan/api/3/action/package_search").first)
        #expect(ckan.target.contains("rows=1000") && ckan.target.contains("sort=metadata_modified%20desc"))
        #expect(try #require(report.source("datasud")).items.added >= 7)
        for name in ["iledefrance", "paris"] {
            #expect(try #require(report.source(name)).items.added >= 2, "\(name)")
        }
        #expect(
            server.requests(path: "/idf/api/explore/v2.1/catalog/datasets").first?.target.contains("limit=100") == true)
        #expect(try #require(report.source("capatlantique")).items.added >= 1)
        let udata = server.requests(path: "/datagouv/api/1/datasets/").compactMap {
            URLComponents(string: $0.target)?.queryItems
        }
        #expect(
            udata.contains {
                Set($0) == [URLQueryItem(name: "tag", value: "ogp"), URLQueryItem(name: "page_size", value: "100")]
            })
        #expect(
            udata.contains {
                Set($0) == [
                    URLQueryItem(name: "q", value: "gouvernement ouvert"),
                    URLQueryItem(name: "page_size", value: "100"),
                ]
            })
        for type in ["posts", "pages"] {
            let asked = server.requests(path: "/etalab/wp-json/wp/v2/\(type)")
            #expect(asked.contains { $0.target.contains("per_page=100") }, "\(type)")
        }
        #expect(server.requests(path: "/etalab/wp-json/wp/v2/categories").count == 1)
        #expect(try #require(report.source("datagouv-catalogue")).items.added == 20)
        #expect(
            try #require(report.source("numerique-gouv")).items.added
                + (report.source("numerique-gouv")?.items.skipped ?? 0)
                == JekyllGitHarvestTests.posts.count)
        #expect(try #require(report.source("ditp-pgo")).items.added >= 1)
        #expect(try workspace.store().counts()[.actionPlan] ?? 0 >= 5)
        // The OGP's French commitments (members: [France]), the others skipped.
        let ogp = try #require(report.source("ogp-commitments"))
        #expect(ogp.items.added == 3 && ogp.items.skipped == 5)
        #expect(
            try workspace.store().record(RecordID(rawValue: "commitment:ogp:FR0001"))?.commitment?.plan?.rawValue
                == "actionPlan:ogp-fr:plan-2015-2017-gov")
    }
}
