import Foundation
import OGPCatalog
import OGPStore

/// A throw-away data directory for a dry run: a consistent copy of the catalogue (or an empty
/// one when there is none yet), removed when the run ends; on PostgreSQL, the catalogue itself
/// through a transaction that is rolled back when the run ends. Harvesting into it gives exactly the
/// counts a real run would report, while the real data directory is not written at all (not
/// even created).
struct DryRunCopy {
    let directory: DataDirectory
    let store: any CatalogStore

    init(of real: DataDirectory, store given: (any CatalogStore)?) throws(HarvestError) {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "ogp-dry-run-\(getpid())-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw HarvestError(
                .store, "cannot create a scratch directory for the dry run", place: path, underlying: error)
        }
        directory = DataDirectory(path: path)
        do {
            if let sqlite = given as? SQLiteStore {
                store = try sqlite.copy(to: directory.catalogPath)
            } else if given == nil, FileManager.default.fileExists(atPath: real.catalogPath) {
                store = try SQLiteStore(readingCopyOf: real.catalogPath, to: directory.catalogPath)
            } else if given == nil {
                store = try SQLiteStore(path: directory.catalogPath)
            } else if let postgres = given as? PostgresStore {
                // The real catalogue, in one transaction rolled back by remove().
                store = try postgres.uncommitted()
            } else {
                throw StoreError(.io, "a dry run needs the SQLite catalogue", path: real.path)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw HarvestError(
                .store, "cannot copy the catalogue for the dry run", place: real.catalogPath, underlying: error)
        }
    }

    func remove() {
        (store as? PostgresStore)?.discard()
        try? FileManager.default.removeItem(atPath: directory.path)
    }
}
