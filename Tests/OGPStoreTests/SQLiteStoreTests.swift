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

    /// The tags member is cut from the JSON bytes as SQL's `instr`/`substr` cut it before.
    @Test func tagsArrayIsCutFromTheBytes() {
        func cut(_ s: String) -> String? { SQLiteStore.tagsArray(Data(s.utf8)) }
        #expect(cut(#"{"body":"a \"tags\":[ b","tags":["ogp","eau"],"title":"t"}"#) == #"["ogp","eau"]"#)
        #expect(cut(#"{"tags":[]}"#) == "[]")
        #expect(cut(#"{"tags":["x]y","ogp"]}"#) == #"["x]"#)
        #expect(cut(#"{"tags":["sans fin""#) == "")
        #expect(cut(#"{"title":"pas de tags"}"#) == nil)
        #expect(cut("") == nil)
        #expect(cut(#"{"tags":["données"]}"#) == #"["données"]"#)
    }

    /// A new catalogue gets 16 KB pages (in WAL mode); an existing one keeps the size it has.
    @Test func newCataloguesTakeLargePagesOldOnesKeepTheirs() throws {
        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        _ = try SQLiteStore(path: fresh).upsert([StoreConformance.publication(1)], source: "s", at: Date())
        let old = dir.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: old)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        try queue.close()
        let reopened = try SQLiteStore(path: old)
        _ = try reopened.upsert([StoreConformance.publication(2)], source: "s", at: Date())
        func pragma(_ path: String, _ name: String) throws -> String? {
            let q = try DatabaseQueue(path: path)
            defer { try? q.close() }
            return try q.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
        }
        #expect(try pragma(fresh, "page_size") == "16384")
        #expect(try pragma(fresh, "journal_mode") == "wal")
        #expect(try pragma(old, "page_size") == "4096")
        #expect(try reopened.record(StoreConformance.publication(2).id) != nil)
    }
    @Test func history() throws { try conformance.historyKeepsPreviousVersions() }
    @Test func statusHistory() throws { try conformance.commitmentStatusHistoryIsOneQuery() }
    @Test func archive() throws { try conformance.archiveNeverDeletes() }
    @Test func reconcile() throws { try conformance.reconcileArchivesAfterGrace() }
    @Test func ordering() throws { try conformance.recordsStreamSortedByKindThenID() }
    @Test func tagFilter() throws { try conformance.tagFilterGivesWhatAFullReadGives() }
    @Test func containingFilter() throws { try conformance.containingFilterNarrowsTheRead() }
    @Test func provenance() throws { try conformance.provenanceOfOtherSourcesIsKept() }
    @Test func runs() throws { try conformance.runsAndItems() }
    @Test func precedence() throws { try conformance.richerSourceFieldsWin() }
    @Test func indexState() throws { try conformance.indexStateFollowsChanges() }
    @Test func followers() throws { try conformance.followersIndexIndependently() }
    @Test func pendingPages() throws { try conformance.pendingPagesFollowTheCursor() }
    @Test func unchangedByHash() throws { try conformance.unchangedIsToldByTheHash() }
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

    /// A catalogue from before index followers: what its index held stays indexed (the
    /// `local` cursor is placed after it), what was pending stays pending.
    @Test func theIndexStateOfAnOlderCatalogueBecomesTheLocalCursor() throws {
        let path = dir.appendingPathComponent("v3.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v3-content-hash-xxh64")
            try queue.write { db in
                for n in 1...4 {
                    let record = StoreConformance.publication(n)
                    try db.execute(
                        sql: """
                            INSERT INTO record (id, kind, kind_rank, json, content_hash, version, first_seen, last_changed, indexed_version)
                            VALUES (?, 'publication', 0, ?, ?, 2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?)
                            """,
                        arguments: [
                            record.id.rawValue, String(decoding: RecordCoding.bytes(record), as: UTF8.self),
                            try RecordCoding.contentHash(record), n == 2 ? 1 : 2,
                        ])
                }
            }
        }
        let store = try SQLiteStore(path: path)
        // Only record 2 (indexed at version 1, now at 2) is pending for the data directory's index.
        #expect(try store.pendingIndex(limit: 10).map(\.record.id) == [StoreConformance.publication(2).id])
        #expect(try store.pendingIndex(for: IndexFollower(rawValue: "elsewhere"), limit: 10).count == 4)
        #expect(try store.indexFollowers().map(\.pending) == [1])
        let columns = try store.pool.read { db in try db.columns(in: "record").map(\.name) }
        #expect(!columns.contains("indexed_version"))
        // New changes come after the migrated ones.
        var changed = StoreConformance.publication(3)
        changed.title = "changed"
        _ = try store.upsert([changed], source: "s1", at: Date())
        #expect(try store.pendingIndex(limit: 10).map(\.record.id) == [StoreConformance.publication(2).id, changed.id])
    }

    /// A migration that only adds an index does not lock readers out: a catalogue from before
    /// it is served read-only (the same answers, without the index) until a harvest adds it.
    @Test func aReadOnlyOpenAcceptsACatalogueLackingOnlyAnIndex() throws {
        let path = dir.appendingPathComponent("v4.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator.migrate(queue, upTo: "v4-index-followers")
        }
        do {
            let store = try SQLiteStore(path: path)
            try store.pool.write { db in
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [SQLiteSchema.currentRecordsIndex])
                try db.execute(sql: "DROP INDEX record_current_by_kind")
            }
            _ = try store.upsert((1...3).map { StoreConformance.publication($0) }, source: "s1", at: Date())
            #expect(try store.archive(StoreConformance.publication(2).id, reason: "gone", at: Date()))
        }
        func indexes(_ store: SQLiteStore) throws -> [String] {
            try store.pool.read { db in try db.indexes(on: "record").map(\.name) }
        }
        let reader = try SQLiteStore(path: path, readOnly: true)
        #expect(try !indexes(reader).contains("record_current_by_kind"))
        #expect(try reader.counts()[.publication] == 2)
        #expect(try reader.records(kind: .publication, offset: 1, limit: 5).map(\.id) == [StoreConformance.publication(3).id])
        let writer = try SQLiteStore(path: path)
        #expect(try indexes(writer).contains("record_current_by_kind"))
        #expect(try writer.counts()[.publication] == 2)
        #expect(try writer.records(kind: .publication, offset: 1, limit: 5).map(\.id) == [StoreConformance.publication(3).id])
        #expect(try writer.records(kind: .publication, offset: 0, limit: 5, includeArchived: true).count == 3)
        // The planner walks the index, not the table, for a page and for the counts.
        let plans = try writer.pool.read { db in
            try [
                "SELECT json FROM record WHERE kind_rank = 0 AND archived_at IS NULL ORDER BY kind_rank, id LIMIT 5 OFFSET 1",
                "SELECT kind_rank, COUNT(*) FROM record WHERE archived_at IS NULL GROUP BY kind_rank",
            ].map { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined() }
        }
        #expect(plans.allSatisfy { $0.contains("record_current_by_kind") }, "\(plans)")
    }

    /// A harvest leaves the -wal and -shm files behind (persistent WAL): `ogp-serve` running as
    /// another user, who cannot create them in the data directory, needs them to read a WAL
    /// catalogue (without them every page was a 503 after a harvest had closed the file).
    @Test func theWALFilesStayForReadersThatCannotCreateThem() throws {
        let path = dir.appendingPathComponent("persist.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try store.upsert([StoreConformance.publication(1)], source: "s1", at: Date())
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(FileManager.default.fileExists(atPath: path + "-shm"))
        let reader = try SQLiteStore(path: path, readOnly: true, followsWriters: true)
        #expect(try reader.counts()[.publication] == 1)
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
