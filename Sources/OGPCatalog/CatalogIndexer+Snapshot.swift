import Foundation
import OGPIndex
import OGPModel
import OGPStore

extension CatalogIndexer {
    /// Builds an index of every current (not archived) record in `directory` without writing to
    /// the store: for a catalogue that can only be read (a read-only data directory, a backup),
    /// `ogp index --rebuild --index DIR`. An index already there is replaced; a directory that
    /// holds anything else is refused (never deleted).
    public func snapshot(from store: any CatalogStore) throws -> Result {
        var result = Result()
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if !existing.isEmpty {
            do {
                _ = try IndexReader(directory: directory)
            } catch let error where error.code == .notAnIndex {
                throw IndexError(
                    .invalidInput, "the directory is not empty and holds no index; choose an empty or new directory",
                    file: directory)
            } catch {
                // An index in an older format or corrupt: replaced below.
            }
            try FileManager.default.removeItem(atPath: directory)
        }
        let writer = try IndexWriter(directory: directory)
        defer { writer.close() }
        writer.userData[Self.mappingKey] = String(RecordDocument.mappingVersion)
        writer.interimFlushes = true  // merged into one by the last commit
        var pending = 0
        try store.forEachRecord(RecordFilter(includeArchived: false)) { record in
            try writer.add(RecordDocument.document(for: record))
            result.indexed += 1
            pending += 1
            if pending >= Self.batch {
                try writer.commit()
                pending = 0
            }
        }
        // One segment, as a fresh build by ``update(from:rebuild:)`` leaves it.
        try writer.commit(mergingAll: true)
        return result
    }
}
