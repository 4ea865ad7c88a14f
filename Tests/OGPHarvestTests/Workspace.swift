import Foundation
import OGPCatalog
import OGPHarvest
import OGPModel
import OGPStore

/// A temporary data directory and config for one test, and the harvests run on them.
struct Workspace {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    let root: URL
    var dataDirectory: DataDirectory { DataDirectory(path: root.appendingPathComponent("data").path) }
    var configPath: String { root.appendingPathComponent("config.yml").path }

    /// The PostgreSQL database of the catalogue (nil: SQLite in the data directory).
    let storeURL: String?

    init(store: StoreChoice = .sqlite) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-harvest-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        storeURL = store == .postgres ? try TestPostgres.freshDatabase() : nil
    }

    /// Where the harvests of this workspace write.
    var storeLocation: StoreLocation {
        storeURL.map { .postgres(url: $0) } ?? .sqlite(path: dataDirectory.catalogPath)
    }

    /// The bytes of a fixture file (`Fixtures/<path>`).
    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(path))
    }

    /// Writes the configuration: a header and one YAML entry per source (each fast and allowed on 127.0.0.1).
    func writeConfig(_ sources: [String]) throws {
        var text = "user_agent: ogp-test/0.1\ncontact: https://example.org/ogp-tests\nsources:\n"
        for source in sources { text += source.hasSuffix("\n") ? source : source + "\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// One YAML source entry for a test server source.
    static func source(_ name: String, kind: String, url: String, extra: [String] = []) -> String {
        var lines = [
            "  - name: \(name)", "    kind: \(kind)", "    url: \"\(url)\"", "    allow_private_network: true",
            "    min_delay_ms: 0", "    max_retries: 0",
        ]
        lines += extra.map { "    " + $0 }
        return lines.joined(separator: "\n")
    }

    /// Runs a harvest in process (with the catalogue indexer, as `ogp harvest` does).
    func harvest(_ options: HarvestOptions = HarvestOptions()) async throws -> HarvestReport {
        let config = try Configuration.load(path: configPath)
        let harvester = Harvester(
            config: config, dataDirectory: dataDirectory, options: options,
            indexer: CatalogIndexer(directory: dataDirectory.indexPath),
            store: try storeURL.map { url throws(StoreError) in try PostgresStore(url: url) })
        return try await harvester.run()
    }

    /// The catalogue of the data directory.
    func store() throws -> any CatalogStore {
        try storeLocation.open()
    }

    /// Every current record, sorted by kind then id.
    func records() throws -> [Record] {
        var out: [Record] = []
        try store().forEachRecord(RecordFilter()) { out.append($0) }
        return out
    }

    /// The reproducible JSON export of the catalogue.
    func export() throws -> Data {
        let path = root.appendingPathComponent("export-\(UUID().uuidString).json").path
        try Exporter(store: store()).export(.init(reproducible: true), to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

extension HarvestReport {
    /// The report of one source (a test failure when absent).
    func source(_ name: String) -> SourceReport? {
        sources.first { $0.name == name }
    }
}
