import Foundation
import OGPCatalog
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
}
