import Foundation
import OGPCatalog
import OGPIndex
import OGPModel
import OGPStore
import Testing

/// The indexer reads pending records a page at a time but commits every `batchSize` records:
/// the index it writes is the one reading a whole batch at once wrote (same commit points, so
/// the same segments, byte for byte), with an archival in the middle of a page.
@Suite struct IndexPagingTests {
    /// The index files (segments, deletions, manifest) by name, and the cursor after the update.
    static func build(pageSize: Int) throws -> (files: [String: Data], indexed: Int, deleted: Int, pending: Int) {
        let dir = try TestPaths.temporaryDirectory()
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try store.upsert((1...45).map(FollowerIndexTests.page), source: "t", at: at)
        #expect(try store.archive(FollowerIndexTests.page(9).id, reason: "manual", at: at))
        _ = try store.upsert((46...50).map(FollowerIndexTests.page), source: "t", at: at)
        let indexer = CatalogIndexer(
            directory: dir.appendingPathComponent("index").path, batchSize: 20, pageSize: pageSize)
        let result = try indexer.update(from: store)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: indexer.directory) where name != "write.lock" {
            files[name] = FileManager.default.contents(atPath: indexer.directory + "/" + name)
        }
        return (files, result.indexed, result.deleted, try store.pendingIndex(limit: 100).count)
    }

    @Test(arguments: [1, 7, 13])
    func pagesCommitWhereAWholeBatchDid(_ pageSize: Int) throws {
        let whole = try Self.build(pageSize: 20)
        let paged = try Self.build(pageSize: pageSize)
        #expect(paged.indexed == whole.indexed)
        #expect(paged.deleted == whole.deleted)
        #expect(paged.pending == 0 && whole.pending == 0)
        #expect(Set(paged.files.keys) == Set(whole.files.keys))
        // Segments and deletions byte for byte; the manifest may carry a time.
        for (name, bytes) in whole.files where !name.hasPrefix("manifest") {
            #expect(paged.files[name] == bytes, "\(name) differs with pages of \(pageSize)")
        }
        #expect(whole.indexed == 49 && whole.deleted == 1)
    }
}
