import Foundation
import OGPCatalog
import OGPIndex
import OGPModel
import OGPStore
import Testing

/// An index that follows the catalogue pass after pass (one segment per pass), then loses a
/// record to an archival: the record leaves the search results.
@Suite struct FollowerIndexTests {
    static func page(_ n: Int) -> Record {
        Record(
            id: RecordID(kind: .publication, namespace: "t", remoteID: "p\(n)"), kind: .publication,
            title: "Page \(n)", body: "Le plan d'action mentionne zorglub\(n).",
            provenance: [
                Provenance(source: "t", sourceKind: "text", url: "file:///p\(n)", parser: "text", parserVersion: "1")
            ])
    }

    /// Exact matches only: with typo tolerance, a word no segment holds any more falls back to
    /// its neighbours (`zorglub1` for `zorglub2`), which is not what these tests look at.
    static func hits(_ directory: String, _ query: String) throws -> [String] {
        let request = SearchRequest(query: query, limit: 50, typoTolerance: false, prefixLastWord: false)
        return try IndexReader(directory: directory).searchIDs(request).map(\.id).sorted()
    }

    @Test(arguments: [[1, 1, 1, 5], [8], [1, 7], [3, 5]])
    func anArchivedRecordLeavesAnIndexBuiltInSeveralPasses(_ passes: [Int]) throws {
        let dir = try TestPaths.temporaryDirectory()
        let store = try SQLiteStore(path: dir.appendingPathComponent("catalog.sqlite").path)
        let indexer = CatalogIndexer(directory: dir.appendingPathComponent("index").path)
        var n = 0
        for count in passes {
            _ = try store.upsert((n + 1...n + count).map(Self.page), source: "t", at: Date())
            n += count
            #expect(try indexer.update(from: store).indexed == count)
        }
        for victim in 1...n {
            let id = Self.page(victim).id
            #expect(try Self.hits(indexer.directory, "zorglub\(victim)") == [id.rawValue])
        }
        let victim = Self.page(2).id
        #expect(try store.archive(victim, reason: "manual", at: Date()))
        #expect(try indexer.update(from: store).deleted == 1)
        let left = try Self.hits(indexer.directory, "zorglub2")
        #expect(left == [], "passes \(passes): \(left)")
        #expect(try IndexReader(directory: indexer.directory).liveDocuments == n - 1)
    }
}
