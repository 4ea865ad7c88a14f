import Foundation
import OGPIndex
import OGPModel
import OGPStore

/// Brings the search index up to date with the catalogue: the records whose current version is
/// not yet indexed are added (archived ones deleted), the index committed, then the versions
/// marked indexed in the store. A crash between the two leaves them pending: the next update
/// indexes them again (adding is an upsert), so nothing is lost.
public struct CatalogIndexer: Sendable {
    public let directory: String
    public static let batch = 20_000

    public init(directory: String) {
        self.directory = directory
    }

    /// What an update did.
    public struct Result: Sendable, Hashable {
        public var indexed = 0
        public var deleted = 0
        /// Why the index was rebuilt from the catalogue (an older format, a corrupt file), if it was.
        public var rebuiltBecause: String?
    }

    /// Indexes what is pending. With `rebuild`, every record is indexed again.
    public func update(from store: any CatalogStore, rebuild: Bool = false) throws -> Result {
        var result = Result()
        var rebuild = rebuild
        // The catalogue is the source of truth: an index in an older format or a corrupt one
        // is rebuilt from it rather than failing every harvest.
        if !rebuild, FileManager.default.fileExists(atPath: directory) {
            do {
                _ = try IndexReader(directory: directory)
            } catch let error where [.formatVersion, .corrupt].contains(error.code) {
                rebuild = true
                result.rebuiltBecause = error.description
            } catch {
                // No committed index yet (or a passing I/O error the writer will report).
            }
        }
        if rebuild {
            try store.resetIndexState()
            try? FileManager.default.removeItem(atPath: directory)
        }
        var pending = try store.pendingIndex(limit: Self.batch)
        guard !pending.isEmpty else { return result }
        let writer = try IndexWriter(directory: directory)
        while !pending.isEmpty {
            // Runs of documents to add are analysed in parallel; deletions keep their place.
            var run: [IndexDocument] = []
            for item in pending {
                if item.record.archived != nil {
                    try writer.add(contentsOf: run)
                    run.removeAll()
                    writer.delete(id: item.record.id.rawValue)
                    result.deleted += 1
                } else {
                    run.append(RecordDocument.document(for: item.record))
                    result.indexed += 1
                }
            }
            try writer.add(contentsOf: run)
            try writer.commit()
            try store.markIndexed(pending)
            pending = try store.pendingIndex(limit: Self.batch)
        }
        return result
    }
}
