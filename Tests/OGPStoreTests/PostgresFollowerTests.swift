import Foundation
import OGPModel
import Testing

@testable import OGPStore

/// The change sequence on PostgreSQL, where workers commit concurrently, and the store of a dry
/// run (one transaction rolled back).
@Suite("PostgreSQL followers and dry runs", .enabled(if: TestPostgres.serverURL != nil, TestPostgres.skipReason))
struct PostgresFollowerTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// A change numbered earlier but committed later must not be skipped by a follower that read
    /// past it meanwhile: the counter's lock makes numbers visible in commit order, so a second
    /// writer waits for the first one's commit.
    @Test func aChangeCommittedLateIsNotSkipped() throws {
        let url = try TestPostgres.freshDatabase()
        let store = try PostgresStore(url: url, connections: 4)
        let follower = IndexFollower(rawValue: "search-1:/index")
        var x = StoreConformance.publication(1)
        var y = StoreConformance.publication(2)
        _ = try store.upsert([x, y], source: "s1", at: t0)
        try store.markIndexed(try store.pendingIndex(for: follower, limit: 10), for: follower)

        // Transaction 1 changes x and takes its number, but does not commit yet.
        let slow = try PostgresConnection(url: url)
        try slow.run("BEGIN")
        x.title = "x changed"
        try slow.query(
            "UPDATE record SET json = $1, version = version + 1 WHERE id = $2",
            [String(decoding: RecordCoding.bytes(x), as: UTF8.self), x.id.rawValue])
        try store.stampChanges([x.id.rawValue], db: slow)

        // Transaction 2 changes y meanwhile, on another thread: it waits for the counter.
        y.title = "y changed"
        let changedY = y
        // On a GCD thread: blocked on the lock, it must not hold one of the few cooperative
        // threads that this test's own resumption (and the parallel tests) need.
        let waiting = DispatchSemaphore(value: 0)
        let outcome = OutcomeBox()
        DispatchQueue.global().async {
            outcome.value = Result { try store.upsert([changedY], source: "s1", at: Date()) }
            waiting.signal()
        }
        usleep(500_000)
        // Nothing is visible yet: neither x (uncommitted) nor y (waiting behind x).
        #expect(try store.pendingIndex(for: follower, limit: 10).isEmpty)

        try slow.run("COMMIT")
        waiting.wait()
        #expect(try outcome.value?.get() == [.updated])
        let pending = try store.pendingIndex(for: follower, limit: 10)
        #expect(pending.map(\.record.id) == [x.id, y.id])
        #expect(pending.map(\.record.title) == ["x changed", "y changed"])
    }

    /// The store of a PostgreSQL dry run: its writes are seen by itself (a loop's body reading
    /// the store again included) and by nobody else, and vanish when it is discarded.
    @Test func anUncommittedStoreWritesNothing() throws {
        let url = try TestPostgres.freshDatabase()
        let store = try PostgresStore(url: url, connections: 2)
        var a = StoreConformance.publication(1)
        _ = try store.upsert([a], source: "s1", at: t0)
        try store.setState(source: "s1", key: "watermark", value: "1")

        let dry = try store.uncommitted()
        a.title = "changed in the dry run"
        #expect(try dry.upsert([a, StoreConformance.publication(2)], source: "s1", at: t0) == [.updated, .added])
        #expect(try dry.reconcile(source: "s1", present: [], at: t0, grace: 0).count == 2)
        try dry.setState(source: "s1", key: "watermark", value: "2")
        try dry.startRun(RunInfo(id: "dry", startedAt: "2026-01-01T00:00:00Z", status: .running, host: "h", pid: 1))
        #expect(try dry.record(a.id)?.title == "changed in the dry run")
        var seen: [String] = []
        try dry.forEachRecord(RecordFilter()) { record in
            // A reader's body calling the store again on the one connection.
            seen.append(try dry.record(record.id)?.title ?? "")
        }
        #expect(seen == ["changed in the dry run", "Titre"])
        // Others see the catalogue as it was, without waiting.
        #expect(try store.record(a.id)?.title == StoreConformance.publication(1).title)
        #expect(try store.counts()[.publication] == 1)

        dry.discard()
        #expect(try store.record(a.id)?.title == StoreConformance.publication(1).title)
        #expect(try store.record(a.id)?.archived == nil)
        #expect(try store.counts(RecordFilter(includeArchived: true)).values.reduce(0, +) == 1)
        #expect(try store.state(source: "s1", key: "watermark") == "1")
        #expect(try store.runs(limit: 5).isEmpty)
        #expect(try store.history(of: a.id).count == 1)
        #expect(try store.indexFollowers().isEmpty)
    }
}

/// The result of the writer thread of ``PostgresFollowerTests/aChangeCommittedLateIsNotSkipped()``.
private final class OutcomeBox: @unchecked Sendable {
    var value: Result<[WriteOutcome], any Error>?
}
