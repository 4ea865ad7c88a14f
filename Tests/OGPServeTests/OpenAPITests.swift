import Foundation
import Hummingbird
import OGPCatalog
import OGPServe
import Testing

/// Real responses of every documented operation, statuses and content types included, checked
/// against the schemas of the server's own `/openapi.json`.
@Suite struct OpenAPITests {
    @Test func responsesMatchTheDocument() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) {
                try JSONValue.parse(Data($0.text.utf8))
            }
            let validator = SchemaValidator(document: document)
            let hostile = try await SafetyTests.hostileID(client)
            let cases: [(uri: String, path: String)] = [
                ("/api/search?q=donn%C3%A9es+environnementales", "/api/search"),
                ("/api/search?q=donn%C3%A9es+environnementales&facets=true", "/api/search"),
                ("/api/search?q=donnes+enviromentales", "/api/search"),  // typos: didYouMean
                ("/api/search?q=zzzzqqqq", "/api/search"),  // no hits
                ("/api/search?kind=commitment&page_size=100", "/api/search"),
                ("/api/search?q=plan&sort=date&since=2020-01-01&page=2&page_size=3", "/api/search"),
                ("/api/search?q=plan&page=0", "/api/search"),
                ("/api/records/\(pathID(ServeFixture.linkedCommitment))", "/api/records/{id}"),
                ("/api/records/\(pathID(ServeFixture.linkedDataset))", "/api/records/{id}"),
                ("/api/records/\(pathID("actionPlan:ogp-fr:plan-2021-2023-gov"))", "/api/records/{id}"),
                ("/api/records/\(pathID(hostile))", "/api/records/{id}"),
                ("/api/records/nothing", "/api/records/{id}"),
                ("/api/plans", "/api/plans"),
                ("/healthz", "/healthz"),
                ("/catalog.jsonld?page_size=2", "/catalog.jsonld"),
                ("/catalog.jsonld?page=100000", "/catalog.jsonld"),
                ("/catalog.jsonld?page=x", "/catalog.jsonld"),
                ("/catalog.ttl?page_size=2", "/catalog.ttl"),
                ("/catalog.ttl?page=100000", "/catalog.ttl"),
                ("/catalog.ttl?page_size=0", "/catalog.ttl"),
                ("/catalog.rdf?page_size=2&page=3", "/catalog.rdf"),
                ("/catalog.rdf?page=100000", "/catalog.rdf"),
                ("/catalog.rdf?page=-1", "/catalog.rdf"),
            ]
            var covered = Set<String>()
            for c in cases {
                try await client.execute(uri: c.uri, method: .get) { r in
                    let type = try #require(r.contentType)
                    let schema = try #require(
                        validator.responseSchema(path: c.path, status: Int(r.status.code), contentType: type),
                        "\(c.uri): \(r.status.code) \(type) is not documented")
                    // Turtle and RDF/XML are documented as strings (DCATPageTests reads them).
                    let body = type.contains("json") ? try JSONValue.parse(Data(r.text.utf8)) : .string(r.text)
                    let errors = validator.errors(body, schema)
                    #expect(errors.isEmpty, "\(c.uri): \(errors.prefix(5))")
                    covered.insert("\(c.path) \(r.status.code)")
                }
            }
            // Every documented path and status was exercised (503s by the next test).
            guard case .object(let paths)? = document["paths"] else { Issue.record("no paths"); return }
            for (path, item) in paths {
                guard case .object(let responses)? = item["get"]?["responses"] else { continue }
                for status in responses.keys where status != "503" {
                    #expect(covered.contains("\(path) \(status)"), "\(path) \(status) never checked")
                }
            }
        }
    }

    @Test func unavailableCatalogueAnswers503AsDocumented() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-serve-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = ServeFixture(root: root)
        try FileManager.default.createDirectory(atPath: empty.dataDirectory.path, withIntermediateDirectories: true)
        try await empty.serve { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) {
                try JSONValue.parse(Data($0.text.utf8))
            }
            let validator = SchemaValidator(document: document)
            for (uri, path) in [
                ("/api/search?q=plan", "/api/search"), ("/api/plans", "/api/plans"), ("/healthz", "/healthz"),
                ("/api/records/x", "/api/records/{id}"),
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .serviceUnavailable, "\(uri)")
                    let schema = try #require(
                        validator.responseSchema(path: path, status: 503, contentType: r.contentType ?? ""), "\(uri)")
                    #expect(validator.errors(try JSONValue.parse(Data(r.text.utf8)), schema).isEmpty, "\(uri)")
                }
            }
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(r.text.contains("Catalogue indisponible"))
            }
        }
        // The read-only server created nothing in the data directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.dataDirectory.path).isEmpty)
    }
}
