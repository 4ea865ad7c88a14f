import Foundation
import OGPModel
import Testing

@testable import OGPStore

/// The throw-away PostgreSQL server `make test` starts (scripts/pg-test-cluster.sh).
enum TestPostgres {
    static let serverURL = ProcessInfo.processInfo.environment["OGP_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let skipReason: Comment =
        "no PostgreSQL server: OGP_TEST_POSTGRES_URL is unset (run `make test`, or scripts/pg-test-cluster.sh run -- swift test)"

    /// A new empty database on the test server; its URL.
    static func freshDatabase() throws -> String {
        let server = try #require(serverURL)
        return try PostgresStore.createDatabase(
            named: "ogp_t_\(UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: ""))",
            serverURL: server)
    }
}

@Suite("PostgreSQL store", .enabled(if: TestPostgres.serverURL != nil, TestPostgres.skipReason))
struct PostgresStoreTests {
    let conformance = StoreConformance(make: {
        try PostgresStore(url: try TestPostgres.freshDatabase(), connections: 4)
    })

    @Test func addedUpdatedUnchanged() throws { try conformance.addedUpdatedUnchanged() }
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
        let url = try TestPostgres.freshDatabase()
        do {
            let store = try PostgresStore(url: url)
            _ = try store.upsert([StoreConformance.publication(1)], source: "s1", at: Date())
        }
        let again = try PostgresStore(url: url)
        #expect(try again.counts()[.publication] == 1)
        let applied = try again.pool.with { db in
            try db.query("SELECT id FROM ogp_migration ORDER BY id").rows.compactMap { $0[0] }
        }
        #expect(applied == PostgresSchema.migrations.map(\.id).sorted())
    }

    @Test func concurrentOpenersMigrateOnce() async throws {
        let url = try TestPostgres.freshDatabase()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = try PostgresStore(url: url, connections: 1) } }
            try await group.waitForAll()
        }
        #expect(try PostgresStore(url: url).counts().isEmpty)
    }

    @Test func databaseFromNewerSchemaIsRefused() throws {
        let url = try TestPostgres.freshDatabase()
        let store = try PostgresStore(url: url)
        try store.pool.with { db in try db.query("INSERT INTO ogp_migration (id) VALUES ('pg-v99-from-the-future')") }
        #expect {
            _ = try PostgresStore(url: url)
        } throws: { error in
            (error as? StoreError)?.code == .newerSchema
        }
    }

    @Test func unreachableServerGivesAClearErrorWithoutThePassword() throws {
        #expect {
            _ = try PostgresStore(url: "postgres://ogp:secret@127.0.0.1:1/nothing?connect_timeout=2")
        } throws: { error in
            (error as? StoreError)?.code == .cannotOpen && !"\(error)".contains("secret")
                && "\(error)".contains("127.0.0.1:1")
        }
    }

    @Test func textSurvivesQuotesBackslashesAndAccents() throws {
        let store = try PostgresStore(url: try TestPostgres.freshDatabase())
        var r = StoreConformance.publication(1, title: "« L'État » \"cité\" \\ {a,b} NULL ☃")
        r.id = RecordID(kind: .publication, namespace: "s1", remoteID: "id \"with\" \\ {brace}")
        _ = try store.upsert([r], source: "s,1", at: Date())
        #expect(try store.record(r.id)?.title == r.title)
        try store.recordItems([
            RunItem(runID: "r", source: "s,1", item: "NULL", outcome: .added, message: "a \"b\" \\ c")
        ])
        #expect(try store.items(run: "r").map(\.message) == ["a \"b\" \\ c"])
        #expect(try store.items(run: "r").map(\.url) == [nil])
        #expect(try store.reconcile(source: "s,1", present: [r.id], at: Date(), grace: 0).isEmpty)
    }

    @Test func twoWritersOfOverlappingBatchesNeitherDeadlockNorLoseWrites() async throws {
        let store = try PostgresStore(url: try TestPostgres.freshDatabase())
        let records = (1...300).map { StoreConformance.publication($0) }
        try await withThrowingTaskGroup(of: [WriteOutcome].self) { group in
            group.addTask { try store.upsert(records, source: "a", at: Date()) }
            group.addTask { try store.upsert(records.reversed(), source: "b", at: Date()) }
            var added = 0
            for try await outcomes in group { added += outcomes.filter { $0 == .added }.count }
            #expect(added == 300)
        }
        #expect(try store.counts()[.publication] == 300)
    }

    @Test func readersSeeAConsistentSnapshotWhileAWriterWrites() async throws {
        let store = try PostgresStore(url: try TestPostgres.freshDatabase())
        let batch = (1...200).map { StoreConformance.publication($0) }
        _ = try store.upsert(batch, source: "s1", at: Date())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<10 {
                    let changed = batch.map {
                        var r = $0; r.title = "round \(round)"; return r
                    }
                    _ = try store.upsert(changed, source: "s1", at: Date())
                }
            }
            group.addTask {
                for _ in 0..<10 {
                    var titles = Set<String>()
                    try store.forEachRecord(RecordFilter()) { titles.insert($0.title) }
                    #expect(titles.count == 1)
                }
            }
            try await group.waitForAll()
        }
    }
}
