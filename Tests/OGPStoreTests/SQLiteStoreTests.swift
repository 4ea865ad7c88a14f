import Foundation
import GRDB
import OGPModel
import Testing

@testable import OGPStore

typealias Record = OGPModel.Record

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ogp-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("SQLite store")
struct SQLiteStoreTests {
    let dir: URL
    let conformance: StoreConformance

    init() throws {
        let dir = try temporaryDirectory()
        self.dir = dir
        conformance = StoreConformance(make: {
            try SQLiteStore(path: dir.appendingPathComponent("catalog-\(UUID().uuidString).sqlite").path)
        })
    }

    @Test func addedUpdatedUnchanged() throws { try conformance.addedUpdatedUnchanged() }
    @Test func history() throws { try conformance.historyKeepsPreviousVersions() }
    @Test func statusHistory() throws { try conformance.commitmentStatusHistoryIsOneQuery() }
    @Test func archive() throws { try conformance.archiveNeverDeletes() }
    @Test func reconcile() throws { try conformance.reconcileArchivesAfterGrace() }
    @Test func ordering() throws { try conformance.recordsStreamSortedByKindThenID() }
    @Test func provenance() throws { try conformance.provenanceOfOtherSourcesIsKept() }
    @Test func runs() throws { try conformance.runsAndItems() }
    @Test func precedence() throws { try conformance.richerSourceFieldsWin() }
    @Test func indexState() throws { try conformance.indexStateFollowsChanges() }
    @Test func validators() throws { try conformance.validatorsAndState() }
    @Test func sameRecordTwiceInOneBatch() throws { try conformance.sameRecordTwiceInOneBatch() }

    @Test func reopeningKeepsDataAndMigrationsAreVersioned() throws {
        let path = dir.appendingPathComponent("reopen.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.upsert([StoreConformance.publication(1)], source: "s1", at: Date())
        }
        let again = try SQLiteStore(path: path)
        #expect(try again.counts()[.publication] == 1)
        let applied = try again.pool.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(SQLiteSchema.migrator.migrations))
    }

    @Test func databaseFromNewerSchemaIsRefused() throws {
        let path = dir.appendingPathComponent("newer.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
        }
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            (error as? StoreError)?.code == .newerSchema
        }
    }

    @Test func unwritableLocationGivesAClearError() throws {
        #expect {
            _ = try SQLiteStore(path: "/proc/ogp-cannot-write-here/catalog.sqlite")
        } throws: { error in
            (error as? StoreError)?.code == .cannotOpen && "\(error)".contains("/proc/ogp-cannot-write-here")
        }
    }

    @Test func readersSeeAConsistentSnapshotWhileAWriterWrites() async throws {
        let store = try SQLiteStore(path: dir.appendingPathComponent("concurrent.sqlite").path)
        let batch = (1...200).map { StoreConformance.publication($0) }
        _ = try store.upsert(batch, source: "s1", at: Date())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<20 {
                    let changed = batch.map {
                        var r = $0; r.title = "round \(round)"; return r
                    }
                    _ = try store.upsert(changed, source: "s1", at: Date())
                }
            }
            group.addTask {
                for _ in 0..<20 {
                    var titles = Set<String>()
                    try store.forEachRecord(RecordFilter()) { titles.insert($0.title) }
                    // One transaction at a time: never a mix of two rounds.
                    #expect(titles.count == 1)
                }
            }
            try await group.waitForAll()
        }
    }
}
