import Foundation
import OGPStore
import Testing

/// The throw-away PostgreSQL server `make test` starts (scripts/pg-test-cluster.sh).
let servePostgresURL = ProcessInfo.processInfo.environment["OGP_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

/// `ogp-serve --store postgres://…`: a catalogue shared by several machines, harvested into
/// PostgreSQL, served from a host whose data directory holds only the index. Every page and API
/// answer that reads the catalogue (record pages with their links both ways, plans, the DCAT
/// pages, `/healthz`) gives what the same harvest gives from SQLite.
@Suite(.enabled(if: servePostgresURL != nil, "no PostgreSQL server (OGP_TEST_POSTGRES_URL unset: run `make test`)"))
struct PostgresServeTests {

    /// What one page says that does not depend on when it was harvested: the status, and the
    /// JSON without its dates, or the record links of an HTML page.
    static func facts(_ client: TestClient, _ uri: String) async throws -> String {
        try await client.execute(uri: uri, method: .get) { r in
            var facts = "\(r.status.code) "
            if r.contentType?.hasPrefix("text/html") == true {
                // The ids every link of the page points to, in order.
                let pattern = /href="\/(?:records|plans)\/([^"]+)"/
                facts += r.text.matches(of: pattern).map { String($0.output.1) }.joined(separator: " ")
            } else if let json = try? r.json() {
                facts += Self.withoutDates(json)
            }
            return facts
        }
    }

    /// `json` with every date-like string (harvest times, run ids) replaced, keys sorted.
    static func withoutDates(_ json: Any) -> String {
        func clean(_ v: Any) -> Any {
            if let d = v as? [String: Any] {
                return d.filter { !["runID", "run", "harvestedAt", "fetchedAt", "startedAt", "endedAt", "lastRun"].contains($0.key) }
                    .mapValues(clean)
            }
            if let a = v as? [Any] { return a.map(clean) }
            if let s = v as? String, s.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/) != nil { return "<date>" }
            return v
        }
        let data = (try? JSONSerialization.data(withJSONObject: clean(json), options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aPostgreSQLCatalogueServesAsSQLiteDoes() async throws {
        let server = try #require(servePostgresURL)
        let name = "ogp_serve_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let url = try PostgresStore.createDatabase(named: name, serverURL: server)
        let shared = try await ServeFixture.make(sources: ServeFixture.allSources, store: url)
        defer { shared.remove() }
        #expect(!FileManager.default.fileExists(atPath: shared.dataDirectory.catalogPath), "the catalogue is in PostgreSQL")
        let local = try await ServeFixture.shared.value
        // Not "/": its recent changes are ordered by harvest time, which differs between two harvests.
        let uris = [
            "/records/\(pathID(ServeFixture.linkedCommitment))", "/records/\(pathID(ServeFixture.linkedDataset))",
            "/plans/2021-2023-gov", "/api/records/\(pathID(ServeFixture.linkedCommitment))",
            "/api/records/\(pathID(ServeFixture.linkedDataset))", "/api/plans", "/catalog.jsonld?page=2&page_size=50",
            "/records/commitment:nowhere:1",
        ]
        let fromSQLite = try await local.serve { client in
            var out: [String] = []
            for uri in uris { out.append(try await Self.facts(client, uri)) }
            return out
        }
        let store = try PostgresStore(url: url)
        let fromPostgres = try await shared.serve(sharedStore: store) { client in
            var out: [String] = []
            for uri in uris { out.append(try await Self.facts(client, uri)) }
            for uri in ["/healthz", "/"] {
                let (code, text) = try await client.execute(uri: uri, method: .get) { r in (r.status.code, r.text) }
                #expect(code == 200, "\(uri): \(text.prefix(300))")
            }
            return out
        }
        for (uri, (a, b)) in zip(uris, zip(fromSQLite, fromPostgres)) {
            #expect(a == b, "\(uri)")
            #expect(!b.hasPrefix("5"), "\(uri): \(b.prefix(300))")
        }
        // The dataset's page lists the commitment that uses it (a read of the links to a record).
        #expect(fromPostgres[1].contains(ServeFixture.linkedCommitment))
    }
}
