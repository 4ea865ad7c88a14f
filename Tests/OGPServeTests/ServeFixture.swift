import Foundation
import Logging
import OGPCatalog
import OGPHarvest
import OGPServe
import OGPStore

/// A data directory harvested from the bundled demo sample plus the fixtures of this folder (a
/// commitment citing a dataset, a post with a hostile title), and servers on it.
struct ServeFixture: Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The shared catalogue, harvested once per test process (the server never writes it).
    static let shared = Task { try await ServeFixture.make(sources: allSources) }

    let root: URL
    var dataDirectory: DataDirectory { DataDirectory(path: root.appendingPathComponent("data").path) }
    var configPath: String { root.appendingPathComponent("config.yml").path }

    /// The commitment the fixture links to a dataset, and that dataset.
    static let linkedCommitment = "commitment:ogp-fr:plan-2021-2023-gov-c4"
    static let linkedDataset = "dataset:data.gouv.fr:5ef9675d54ab489667dd876a"

    static func source(_ name: String, kind: String, path: String, extra: [String] = []) -> String {
        var lines = [
            "  - name: \(name)", "    kind: \(kind)", "    url: \"\(URL(fileURLWithPath: path).absoluteString)\"",
        ]
        lines += extra.map { "    " + $0 }
        return lines.joined(separator: "\n")
    }

    static var demoJekyll: String {
        source(
            "numerique-gouv", kind: "jekyll",
            path: repository.appendingPathComponent("config/demo/numerique-gouv-jekyll").path + "/",
            extra: ["collections: [_actualites, _communiques]"])
    }
    static var ditp: String {
        source("ditp-pgo", kind: "text", path: fixtures.appendingPathComponent("ditp-pgo-with-dataset.txt").path)
    }
    static var export: String {
        source(
            "datagouv-export", kind: "udata-csv",
            path: repository.appendingPathComponent("config/demo/datagouv-export/export-dataset-20260116-slice.csv")
                .path)
    }
    static var hostile: String {
        source(
            "hostile", kind: "jekyll", path: fixtures.appendingPathComponent("xss-jekyll").path + "/",
            extra: ["collections: [_actualites]"])
    }
    static var allSources: [String] { [demoJekyll, ditp, export, hostile] }

    /// A new data directory harvested from `sources`.
    /// With `store`, the catalogue goes to that store (a PostgreSQL URL) and the data directory
    /// holds the index only.
    static func make(sources: [String], store: String? = nil) async throws -> ServeFixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-serve-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let fixture = ServeFixture(root: root)
        try fixture.writeConfig(sources)
        _ = try await fixture.harvest(store: try store.map { try PostgresStore(url: $0) })
        return fixture
    }

    func writeConfig(_ sources: [String]) throws {
        var text = "user_agent: ogp-test/0.1\ncontact: https://example.org/ogp-tests\n"
        text += "plans: \(Self.repository.appendingPathComponent("config/plans.yml").path)\nsources:\n"
        for s in sources { text += s + "\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// Runs a harvest in process, as `ogp harvest` does (into `store`, a shared catalogue whose
    /// index this data directory holds, as `ogp harvest --store` does).
    func harvest(store: (any CatalogStore)? = nil) async throws -> HarvestReport {
        let config = try Configuration.load(path: configPath)
        let follower: IndexFollower = store == nil ? .local : .host(indexDirectory: dataDirectory.indexPath)
        let harvester = Harvester(
            config: config, dataDirectory: dataDirectory, options: HarvestOptions(),
            indexer: CatalogIndexer(directory: dataDirectory.indexPath, follower: follower), store: store)
        return try await harvester.run()
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Percent-encodes a record id for a path (as the pages link it).
func pathID(_ id: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~:")
    return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
}
