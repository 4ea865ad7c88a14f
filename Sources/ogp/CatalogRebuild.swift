import Foundation
import OGPCatalog

/// `ogp index --rebuild`: the catalogue's search index rebuilt from the store.
enum CatalogRebuild {
    static func run(_ common: CommonOptions) throws {
        let config = try common.loadConfiguration(required: false)
        let dir = common.dataDirectory(config)
        let store = try common.openStore(dir, config: config, create: false)
        let start = Date()
        do {
            let result = try CatalogIndexer(directory: dir.indexPath).update(from: store, rebuild: true)
            let secs = Date().timeIntervalSince(start)
            print(String(format: "indexed %d records in %.2f s (%.0f records/s)", result.indexed, secs,
                         Double(result.indexed) / max(secs, 1e-9)) + " into \(dir.indexPath)")
        } catch {
            throw CLIError(code: .io, message: "cannot rebuild the index: \(error)")
        }
    }
}
