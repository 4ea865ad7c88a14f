import Foundation
import OGPCatalog
import OGPIndex
import OGPModel
import OGPStore
import Testing

/// A build from nothing (a new index, `ogp index --rebuild`) leaves one segment: its last commit
/// merges the batches' segments (the streaming merge), and the index is the one a single batch
/// writes, byte for byte. Later updates add segments (merged by tiers), not a merge each time.
@Suite struct FreshBuildMergeTests {
    static func segmentFiles(_ dir: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasPrefix("s") {
            // By extension: the two builds name their segment differently.
            files[(name as NSString).pathExtension] = FileManager.default.contents(atPath: dir + "/" + name)
        }
        return files
    }

    static func store(_ dir: URL) throws -> SQLiteStore {
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try store.upsert((1...45).map(FollowerIndexTests.page), source: "t", at: at)
        #expect(try store.archive(FollowerIndexTests.page(9).id, reason: "manual", at: at))
        return store
    }

    @Test func aFreshBuildIsOneSegmentAsOneBatchWritesIt() throws {
        let dir = try TestPaths.temporaryDirectory()
        let store = try Self.store(dir)
        let batches = CatalogIndexer(directory: dir.appendingPathComponent("index").path, batchSize: 10, pageSize: 7)
        let result = try batches.update(from: store)
        #expect(result.indexed == 44 && result.deleted == 1)
        let files = try Self.segmentFiles(batches.directory)
        #expect(files.count == 4, "\(files.keys.sorted())")  // one segment, nothing deleted

        let other = try TestPaths.temporaryDirectory()
        let whole = CatalogIndexer(directory: other.appendingPathComponent("index").path, batchSize: 1000)
        #expect(try whole.update(from: try Self.store(other)).indexed == 44)
        let reference = try Self.segmentFiles(whole.directory)
        #expect(Set(reference.keys) == ["tim", "pst", "doc", "sto"])
        for (ext, bytes) in reference { #expect(files[ext] == bytes, "\(ext)") }
        #expect(try FollowerIndexTests.hits(batches.directory, "zorglub12") == [FollowerIndexTests.page(12).id.rawValue])

        // An update adds a segment.
        _ = try store.upsert((46...50).map(FollowerIndexTests.page), source: "t", at: Date(timeIntervalSince1970: 1_700_000_100))
        #expect(try batches.update(from: store).indexed == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: batches.directory).filter { $0.hasSuffix(".pst") }.count == 2)
        #expect(try FollowerIndexTests.hits(batches.directory, "zorglub47") == [FollowerIndexTests.page(47).id.rawValue])

        // A rebuild: one commit, one segment again.
        let before = try IndexReader(directory: batches.directory)
        #expect(try batches.update(from: store, rebuild: true).indexed == 49)
        let after = try IndexReader(directory: batches.directory)
        #expect(after.generation == before.generation + 1 && after.liveDocuments == 49)
        #expect(try FileManager.default.contentsOfDirectory(atPath: batches.directory).filter { $0.hasSuffix(".pst") }.count == 1)
    }

    /// A catalogue that ends with a full batch: that batch's commit did not merge (more might
    /// have followed), the update merges after it.
    @Test func aCatalogueOfWholeBatchesIsMergedToo() throws {
        let dir = try TestPaths.temporaryDirectory()
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        _ = try store.upsert((1...40).map(FollowerIndexTests.page), source: "t", at: Date(timeIntervalSince1970: 1_700_000_000))
        let indexer = CatalogIndexer(directory: dir.appendingPathComponent("index").path, batchSize: 20, pageSize: 20)
        #expect(try indexer.update(from: store).indexed == 40)
        let names = try FileManager.default.contentsOfDirectory(atPath: indexer.directory)
        #expect(names.filter { $0.hasSuffix(".pst") }.count == 1, "\(names)")
        #expect(try IndexReader(directory: indexer.directory).liveDocuments == 40)
    }
}
