import Foundation
import GRDB
import OGPModel

extension SQLiteStore {
    /// Records the start of a run (status `running`).
    public func startRun(_ run: RunInfo) throws(StoreError) {
        try guarded("cannot record a run") {
            try pool.write { db in
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO run (id, started_at, ended_at, status, host, pid) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [run.id, run.startedAt, run.endedAt, run.status.rawValue, run.host, run.pid])
            }
        }
    }

    /// Appends item outcomes to their run, in order.
    public func recordItems(_ items: [RunItem]) throws(StoreError) {
        guard !items.isEmpty else { return }
        try guarded("cannot record run items") {
            try pool.write { db in
                var seq =
                    try Int.fetchOne(
                        db, sql: "SELECT COALESCE(MAX(seq), 0) FROM run_item WHERE run_id = ?",
                        arguments: [items[0].runID]) ?? 0
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO run_item (run_id, seq, source, item, record_id, outcome, url, message)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for item in items {
                    seq += 1
                    try statement.execute(arguments: [
                        item.runID, seq, item.source, item.item, item.recordID?.rawValue, item.outcome.rawValue,
                        item.url, item.message,
                    ])
                }
            }
        }
    }

    /// Keeps one source's outcome in a run (replacing an earlier one for the same run and source).
    public func saveSourceReport(_ r: SourceRunInfo) throws(StoreError) {
        let counts = String(decoding: (try? RecordCoding.encoder().encode(r.counts)) ?? Data("{}".utf8), as: UTF8.self)
        try guarded("cannot record a source's report") {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO run_source (run_id, source, kind, status, counts, message, started_at, ended_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        r.runID, r.source, r.kind, r.status.rawValue, counts, r.message, r.startedAt, r.endedAt,
                    ])
            }
        }
    }

    /// Sets a run's final status and end time.
    public func finishRun(id: String, status: RunStatus, endedAt: Date) throws(StoreError) {
        try guarded("cannot finish a run") {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE run SET status = ?, ended_at = ? WHERE id = ?",
                    arguments: [status.rawValue, ISODate.string(from: endedAt), id])
            }
        }
    }

    /// The latest runs, newest first.
    public func runs(limit: Int) throws(StoreError) -> [RunInfo] {
        try guarded("cannot read runs") {
            try pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM run ORDER BY started_at DESC, id DESC LIMIT ?", arguments: [limit]
                ).map {
                    RunInfo(
                        id: $0["id"], startedAt: $0["started_at"], endedAt: $0["ended_at"],
                        status: RunStatus(rawValue: $0["status"]) ?? .interrupted,
                        host: $0["host"], pid: $0["pid"])
                }
            }
        }
    }

    /// The sources' outcomes in a run, by source name.
    public func sourceReports(run: String) throws(StoreError) -> [SourceRunInfo] {
        try guarded("cannot read a run's sources") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run_source WHERE run_id = ? ORDER BY source", arguments: [run])
                    .map {
                        let counts =
                            (try? JSONDecoder().decode(ItemCounts.self, from: Data(($0["counts"] as String).utf8)))
                            ?? ItemCounts()
                        return SourceRunInfo(
                            runID: $0["run_id"], source: $0["source"], kind: $0["kind"],
                            status: SourceStatus(rawValue: $0["status"]) ?? .failed, counts: counts,
                            message: $0["message"], startedAt: $0["started_at"], endedAt: $0["ended_at"])
                    }
            }
        }
    }

    /// A run's item outcomes, in the order they were recorded.
    public func items(run: String) throws(StoreError) -> [RunItem] {
        try guarded("cannot read a run's items") {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM run_item WHERE run_id = ? ORDER BY seq", arguments: [run]).map
                {
                    RunItem(
                        runID: $0["run_id"], source: $0["source"], item: $0["item"],
                        recordID: ($0["record_id"] as String?).map(RecordID.init(rawValue:)),
                        outcome: ItemOutcome(rawValue: $0["outcome"]) ?? .failed, url: $0["url"], message: $0["message"]
                    )
                }
            }
        }
    }
}
