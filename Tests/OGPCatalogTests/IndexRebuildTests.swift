import Foundation
@testable import OGPCatalog
import OGPIndex
import Testing

/// A corrupt index file (a flipped byte in the postings, found by its checksum) is rebuilt from
/// the catalogue by the next update (issue 11: corruption was served silently).
@Suite struct IndexRebuildTests {
    @Test func aCorruptSegmentIsRebuiltByTheNextUpdate() throws {
        let store = try ExportTests.sampleStore()
        let dir = try TestPaths.temporaryDirectory().appendingPathComponent("index").path
        let indexer = CatalogIndexer(directory: dir)
        #expect(try indexer.update(from: store).indexed == 3)
        let pst = try #require(try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasSuffix(".pst") })
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(pst)")))
        bytes[bytes.count / 3] ^= 0x5A
        try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(pst)"))
        #expect(throws: IndexError.self) { try IndexReader(directory: dir).verifyChecksums() }

        let result: CatalogIndexer.Result = try indexer.update(from: store)
        #expect(result.rebuiltBecause?.contains("checksum") == true, "\(String(describing: result.rebuiltBecause))")
        #expect(result.indexed == 3)
        try IndexReader(directory: dir).verifyChecksums()
    }

    /// An index whose documents an earlier mapping made (its commit records another
    /// ``RecordDocument/mappingVersion``) is rebuilt by the next update, so that what a new
    /// version of ogp puts in a record's document reaches the records that did not change.
    @Test func anIndexMadeByAnotherRecordMappingIsRebuilt() throws {
        let store = try ExportTests.sampleStore()
        let dir = try TestPaths.temporaryDirectory().appendingPathComponent("index").path
        let indexer = CatalogIndexer(directory: dir)
        #expect(try indexer.update(from: store).indexed == 3)
        let key = "ogp.recordMapping"
        #expect(try IndexReader(directory: dir).userData[key] == String(RecordDocument.mappingVersion))
        // Nothing pending, same mapping: nothing done.
        let idle: CatalogIndexer.Result = try indexer.update(from: store)
        #expect(idle.indexed == 0 && idle.rebuiltBecause == nil)

        // A commit recording an earlier mapping, as an older ogp would have left it.
        let writer = try IndexWriter(directory: dir)
        writer.userData[key] = String(RecordDocument.mappingVersion - 1)
        try writer.commit()
        writer.close()
        let result: CatalogIndexer.Result = try indexer.update(from: store)
        #expect(result.rebuiltBecause?.contains("record mapping") == true, "\(String(describing: result.rebuiltBecause))")
        #expect(result.indexed == 3)
        #expect(try IndexReader(directory: dir).userData[key] == String(RecordDocument.mappingVersion))
        let again: CatalogIndexer.Result = try indexer.update(from: store)
        #expect(again.rebuiltBecause == nil)
        // A writer that records nothing (`ogp index --merge`) keeps what the last commit recorded.
        let other = try IndexWriter(directory: dir)
        other.delete(id: "none")
        try other.commit()
        other.close()
        #expect(try IndexReader(directory: dir).userData[key] == String(RecordDocument.mappingVersion))
    }

    /// Without a recorded mapping, an index was made by the first one; a value that is not a
    /// number is another mapping.
    @Test func theRecordedMappingIsReadAsAVersion() {
        #expect(CatalogIndexer.mappingChange([:]) == (RecordDocument.mappingVersion == 1 ? nil : CatalogIndexer.mappingChange(["ogp.recordMapping": "1"])))
        #expect(CatalogIndexer.mappingChange(["ogp.recordMapping": String(RecordDocument.mappingVersion)]) == nil)
        #expect(CatalogIndexer.mappingChange(["ogp.recordMapping": "x"]) != nil)
    }

    /// A rebuild of an index that can be read replaces it in one commit: searches meanwhile see
    /// the old index whole, not the first batches of the new one (it was removed, then rebuilt
    /// a batch, a commit, at a time). A reader opened before keeps answering.
    @Test func aRebuildOfAReadableIndexIsOneCommit() throws {
        let store = try ExportTests.sampleStore()
        let dir = try TestPaths.temporaryDirectory().appendingPathComponent("index").path
        let indexer = CatalogIndexer(directory: dir, batchSize: 1, pageSize: 1)
        #expect(try indexer.update(from: store).indexed == 3)
        let before = try IndexReader(directory: dir)
        let ids = try before.searchIDs(SearchRequest(query: "", limit: 10)).map(\.id)
        #expect(ids.count == 3)

        // Asked for (`ogp index --rebuild`): one commit, though a commit is every record here.
        let asked: CatalogIndexer.Result = try indexer.update(from: store, rebuild: true)
        #expect(asked.indexed == 3)
        let after = try IndexReader(directory: dir)
        #expect(after.generation == before.generation + 1)
        #expect(after.liveDocuments == 3)
        #expect(Set(try after.searchIDs(SearchRequest(query: "", limit: 10)).map(\.id)) == Set(ids))
        #expect(try before.searchIDs(SearchRequest(query: "", limit: 10)).map(\.id) == ids)

        // For another record mapping: the same.
        let writer = try IndexWriter(directory: dir)
        writer.userData["ogp.recordMapping"] = "1"
        try writer.commit()
        writer.close()
        let old = try IndexReader(directory: dir)
        let mapped: CatalogIndexer.Result = try indexer.update(from: store)
        #expect(mapped.rebuiltBecause != nil && mapped.indexed == 3)
        let now = try IndexReader(directory: dir)
        #expect(now.generation == old.generation + 1 && now.liveDocuments == 3)
        try now.verifyChecksums()
        // The old segments' files are gone, only the new ones are left.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".pst") }
        #expect(files.count <= 3, "\(files)")
    }
}
