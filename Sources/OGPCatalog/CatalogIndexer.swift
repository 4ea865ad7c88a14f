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
    ///
    /// Cancellable: when the current task is cancelled (SIGINT/SIGTERM), it stops within a few
    /// hundred records and throws `CancellationError`, leaving the index at its last commit and
    /// the records of the unfinished batch pending (the next update indexes them).
    public func update(from store: any CatalogStore, rebuild: Bool = false) throws -> Result {
        var result = Result()
        var rebuild = rebuild
        // The catalogue is the source of truth: an index in an older format or a corrupt one
        // is rebuilt from it rather than failing every harvest.
        if !rebuild, FileManager.default.fileExists(atPath: directory) {
            do {
                // Every chunk against its checksum: a corrupt file found now is rebuilt, not served.
                try IndexReader(directory: directory).verifyChecksums()
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
            // Records are mapped to documents in the same parallel pass as their analysis.
            var run: [Record] = []
            for (i, item) in pending.enumerated() {
                if i & 255 == 0 { try Task.checkCancellation() }
                if item.record.archived != nil {
                    try writer.add(contentsOf: run, document: RecordDocument.document(for:))
                    run.removeAll()
                    writer.delete(id: item.record.id.rawValue)
                    result.deleted += 1
                } else {
                    run.append(item.record)
                    result.indexed += 1
                    // Analysed a thousand at a time, so that a cancellation is seen within a second.
                    if run.count >= 1024 {
                        try writer.add(contentsOf: run, document: RecordDocument.document(for:))
                        run.removeAll()
                    }
                }
            }
            try writer.add(contentsOf: run, document: RecordDocument.document(for:))
            try Task.checkCancellation()
            try writer.commit()
            try store.markIndexed(pending)
            pending = try store.pendingIndex(limit: Self.batch)
        }
        return result
    }
}
