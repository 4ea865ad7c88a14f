import Foundation
import OGPCatalog
import OGPIndex
import OGPModel
import OGPParse
import OGPStore
import Testing

@testable import OGPHarvest

/// SIGINT/SIGTERM cancel the run's task: the plan pass and the index update now stop too (they
/// read `Task.isCancelled` once before, and ran to the end: up to 34 s on the full catalogue),
/// leaving the catalogue and the index consistent (issue 11).
@Suite struct CancellationTests {
    static func publications(_ n: Int) -> [Record] {
        (0..<n).map { i in
            Record(
                id: RecordID(kind: .publication, namespace: "test", remoteID: "p\(i)"), kind: .publication,
                title: "Publication \(i) sur le gouvernement ouvert",
                body: "Plan d’action national, engagement \(i % 7).",
                dates: RecordDates(published: "2021-06-\(10 + i % 18)"),
                provenance: [
                    Provenance(
                        source: "test", sourceKind: "text", url: "file:///p\(i).txt", parser: "text", parserVersion: "1"
                    )
                ])
        }
    }

    static func store(_ n: Int) throws -> (any CatalogStore, Workspace) {
        let workspace = try Workspace()
        try workspace.dataDirectory.prepare()
        let store = try workspace.store()
        _ = try store.upsert(publications(n), source: "test", at: Date())
        return (store, workspace)
    }

    @Test func theIndexUpdateStopsWhenCancelledAndResumesLater() async throws {
        let (store, workspace) = try Self.store(2_000)
        defer { workspace.remove() }
        let indexer = CatalogIndexer(directory: workspace.dataDirectory.indexPath)
        let task = Task.detached { () -> Result<CatalogIndexer.Result, any Error> in
            withUnsafeCurrentTask { $0?.cancel() }  // SIGTERM arrived as the update began
            return Result { try indexer.update(from: store) }
        }
        let outcome = await task.value
        #expect(throws: CancellationError.self) { try outcome.get() }
        // Nothing half done: every record is still pending, and the next update indexes them all.
        #expect(try store.pendingIndex(limit: 10_000).count == 2_000)
        let resumed = try indexer.update(from: store)
        #expect(resumed.indexed == 2_000)
        #expect(try IndexReader(directory: workspace.dataDirectory.indexPath).liveDocuments == 2_000)
        #expect(try store.pendingIndex(limit: 10).isEmpty)
    }

    @Test func thePlanPassStopsWhenCancelled() async throws {
        let (store, workspace) = try Self.store(500)
        defer { workspace.remove() }
        let pass = PlanPass(
            store: store, extractor: PlanExtractor(catalog: PlanCatalog(namespace: "ogp-fr", plans: [])),
            linkDatasets: true)
        let uncancelled = await Task.detached { Result { try pass.build() } }.value
        #expect((try? uncancelled.get()) != nil)
        let cancelled = await Task.detached { () -> Result<[Record], HarvestError> in
            withUnsafeCurrentTask { $0?.cancel() }
            return Result { () throws(HarvestError) -> [Record] in try pass.build() }
        }.value
        #expect {
            try cancelled.get()
        } throws: { error in
            (error as? HarvestError)?.code == .interrupted
        }
    }
}
