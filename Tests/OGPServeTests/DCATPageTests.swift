import Foundation
import OGPCatalog
import OGPParse
import OGPServe
import OGPStore
import Testing

/// `/catalog.jsonld`, `.ttl` and `.rdf`: the DCAT-AP export by pages, linked with Hydra. A
/// harvester (ogp's own DCAT decoder here, as a `dcat` source reads a portal) follows
/// `hydra:next` through every page of each serialisation and finds every dataset once; a page of
/// each passes the DCAT-AP 3 SHACL shapes (when pyshacl is installed, as for the export).
@Suite struct DCATPageTests {
    static let base = "http://ogp.test"

    @Test func jsonLDPageNamesItsNeighbours() async throws {
        let fixture = try await ServeFixture.shared.value
        try await fixture.serve { client in
            try await client.execute(uri: "/catalog.jsonld?page_size=500", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.contentType == "application/ld+json")
                let doc = try #require(try r.json() as? [String: Any])
                let context = doc["@context"] as? [String: Any] ?? [:]
                #expect(context["dcat"] as? String == "http://www.w3.org/ns/dcat#")
                #expect(context["hydra"] as? String == "http://www.w3.org/ns/hydra/core#")
                let catalog = try #require((doc["@graph"] as? [[String: Any]])?.first)
                #expect(catalog["@id"] as? String == "\(Self.base)/catalog.jsonld")
                #expect(catalog["@type"] as? [String] == ["dcat:Catalog", "hydra:Collection"])
                let datasets = catalog["dcat:dataset"] as? [[String: Any]] ?? []
                #expect(datasets.count == 500)
                #expect(datasets.allSatisfy { $0["@type"] as? String == "dcat:Dataset" })
                let total = Int((catalog["hydra:totalItems"] as? [String: Any])?["@value"] as? String ?? "") ?? 0
                #expect(total > 1000)
                let view = catalog["hydra:view"] as? [String: Any] ?? [:]
                func link(_ key: String) -> String? { (view[key] as? [String: Any])?["@id"] as? String }
                #expect(view["@id"] as? String == "\(Self.base)/catalog.jsonld?page=1&page_size=500")
                #expect(link("hydra:next") == "\(Self.base)/catalog.jsonld?page=2&page_size=500")
                #expect(link("hydra:previous") == nil)
                #expect(link("hydra:last") == "\(Self.base)/catalog.jsonld?page=\((total + 499) / 500)&page_size=500")
                // The publishers the page cites are described in it.
                let agents = (doc["@graph"] as? [[String: Any]] ?? []).dropFirst()
                #expect(!agents.isEmpty && agents.allSatisfy { $0["@type"] as? String == "foaf:Agent" })
            }
            try await client.execute(uri: "/catalog.ttl?page=2&page_size=500", method: .get) { r in
                #expect(r.contentType == "text/turtle; charset=utf-8")
                #expect(r.text.contains("@prefix hydra: <http://www.w3.org/ns/hydra/core#> ."))
                #expect(r.text.contains("hydra:previous <\(Self.base)/catalog.ttl?page=1&page_size=500>"))
            }
            try await client.execute(uri: "/catalog.rdf?page=999", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(r.contentType == "application/problem+json")
            }
        }
    }

    @Test func aHarvesterFollowsEveryPageOfEachFormat() async throws {
        let fixture = try await ServeFixture.shared.value
        let store = try SQLiteStore(path: fixture.dataDirectory.catalogPath, readOnly: true)
        let expected = try store.counts()[.dataset] ?? 0
        #expect(expected > 1000)
        try await fixture.serve { client in
            for format in RDFFormat.allCases {
                var next: String? = "\(Self.base)/catalog.\(format.fileExtension)?page_size=400"
                var ids: [String] = []
                var pages = 0
                while let url = next, pages < 20 {
                    let page = try await client.execute(uri: String(url.dropFirst(Self.base.count)), method: .get) {
                        r in
                        #expect(r.status == .ok, "\(url)")
                        #expect(r.contentType == format.mediaType)
                        return DCATDecoder.decodePage(
                            r.data, contentType: r.contentType,
                            context: ParseContext(source: "ogp-serve", sourceKind: "dcat", url: url))
                    }
                    #expect(page.failure == nil, "\(url): \(String(describing: page.failure))")
                    #expect(page.failures.isEmpty, "\(url)")
                    #expect(page.total == expected, "\(format)")
                    ids += page.datasets.map { $0.dataset?.remoteID ?? $0.id.rawValue }
                    next = page.nextPage
                    pages += 1
                }
                #expect(pages == (expected + 399) / 400, "\(format)")
                #expect(ids.count == expected, "\(format)")
                #expect(Set(ids).count == expected, "\(format): every dataset once")
            }
        }
    }

    @Test(
        .enabled(
            if: DCATPageTests.hasPySHACL,
            "pyshacl is not installed (scripts/setup.sh installs it with pip; offline?): SHACL validation skipped"))
    func pagesConformToDCATAP3() async throws {
        let fixture = try await ServeFixture.shared.value
        let dir = fixture.root.appendingPathComponent("shacl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try await fixture.serve { client in
            var files: [String] = []
            for format in RDFFormat.allCases {
                let path = dir.appendingPathComponent("page.\(format.fileExtension)").path
                try await client.execute(uri: "/catalog.\(format.fileExtension)?page=2&page_size=50", method: .get) {
                    try $0.data.write(to: URL(fileURLWithPath: path))
                }
                files.append(path)
            }
            return files
        }
        let result = try #require(Self.python([Self.shapes.appendingPathComponent("validate.py").path] + files))
        let reports = result.output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(reports.count == 3)
        for report in reports {
            #expect(report["error"] == nil, "\(report)")
            #expect(report["violations"] as? Int == 0, "\(report["file"] ?? ""): \(report["messages"] ?? "")")
        }
        // The three serialisations of a page carry the same graph.
        #expect(Set(reports.compactMap { $0["triples"] as? Int }).count == 1)
    }

    /// The SHACL shapes and validator of the export's own test (OGPCatalogTests).
    static let shapes = ServeFixture.repository.appendingPathComponent("Tests/OGPCatalogTests/Fixtures/dcat-ap-shacl")

    static func python(_ args: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + args
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasPySHACL: Bool = python(["-c", "import pyshacl"])?.status == 0
}
