import Foundation
import OGPModel

extension PostgresStore {
    public func startRun(_ run: RunInfo) throws(StoreError) {
        try guarded("cannot record a run") {
            try pool.with { db in
                try db.query(
                    """
                    INSERT INTO run (id, started_at, ended_at, status, host, pid) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
                    status = EXCLUDED.status, host = EXCLUDED.host, pid = EXCLUDED.pid
                    """, [run.id, run.startedAt, run.endedAt, run.status.rawValue, run.host, String(run.pid)])
            }
        }
    }

    public func recordItems(_ items: [RunItem]) throws(StoreError) {
        guard !items.isEmpty else { return }
        func column(_ value: (RunItem) -> String?) -> String { Self.textArray(items.map(value)) }
        try guarded("cannot record run items") {
            // One statement; seq comes from the table's sequence, in the order of the arrays.
            try pool.with { db in
                try db.query(
                    """
                    INSERT INTO run_item (run_id, source, item, record_id, outcome, url, message)
                    SELECT run_id, source, item, record_id, outcome, url, message
                    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                    WITH ORDINALITY AS u(run_id, source, item, record_id, outcome, url, message, n) ORDER BY n
                    """,
                    [
                        column { $0.runID }, column { $0.source }, column { $0.item }, column { $0.recordID?.rawValue },
                        column { $0.outcome.rawValue }, column { $0.url }, column { $0.message },
                    ])
            }
        }
    }

    public func saveSourceReport(_ r: SourceRunInfo) throws(StoreError) {
        let counts = String(decoding: (try? RecordCoding.encoder().encode(r.counts)) ?? Data("{}".utf8), as: UTF8.self)
        try guarded("cannot record a source's report") {
            try pool.with { db in
                try db.query(
                    """
                    INSERT INTO run_source (run_id, source, kind, status, counts, message, started_at, ended_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (run_id, source) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status,
                    counts = EXCLUDED.counts, message = EXCLUDED.message, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at
                    """, [r.runID, r.source, r.kind, r.status.rawValue, counts, r.message, r.startedAt, r.endedAt])
            }
        }
    }

    public func finishRun(id: String, status: RunStatus, endedAt: Date) throws(StoreError) {
        try guarded("cannot finish a run") {
            try pool.with { db in
                try db.query(
                    "UPDATE run SET status = $1, ended_at = $2 WHERE id = $3",
                    [status.rawValue, ISODate.string(from: endedAt), id])
            }
        }
    }

    public func runs(limit: Int) throws(StoreError) -> [RunInfo] {
        try guarded("cannot read runs") {
            try pool.with { db in
                let r = try db.query(
                    "SELECT * FROM run ORDER BY started_at DESC, id DESC LIMIT $1", [String(max(0, limit))])
                return r.rows.indices.map { i in
                    RunInfo(
                        id: r.value(i, "id") ?? "", startedAt: r.value(i, "started_at") ?? "",
                        endedAt: r.value(i, "ended_at"),
                        status: r.value(i, "status").flatMap(RunStatus.init(rawValue:)) ?? .interrupted,
                        host: r.value(i, "host") ?? "", pid: r.int(i, "pid") ?? 0)
                }
            }
        }
    }

    public func sourceReports(run: String) throws(StoreError) -> [SourceRunInfo] {
        try guarded("cannot read a run's sources") {
            try pool.with { db in
                let r = try db.query("SELECT * FROM run_source WHERE run_id = $1 ORDER BY source", [run])
                return r.rows.indices.map { i in
                    let counts =
                        (try? JSONDecoder().decode(ItemCounts.self, from: Data((r.value(i, "counts") ?? "{}").utf8)))
                        ?? ItemCounts()
                    return SourceRunInfo(
                        runID: r.value(i, "run_id") ?? "", source: r.value(i, "source") ?? "",
                        kind: r.value(i, "kind") ?? "",
                        status: r.value(i, "status").flatMap(SourceStatus.init(rawValue:)) ?? .failed, counts: counts,
                        message: r.value(i, "message"),
                        startedAt: r.value(i, "started_at") ?? "", endedAt: r.value(i, "ended_at"))
                }
            }
        }
    }

    public func items(run: String) throws(StoreError) -> [RunItem] {
        try guarded("cannot read a run's items") {
            try pool.with { db in
                let r = try db.query("SELECT * FROM run_item WHERE run_id = $1 ORDER BY seq", [run])
                return r.rows.indices.map { i in
                    RunItem(
                        runID: r.value(i, "run_id") ?? "", source: r.value(i, "source") ?? "",
                        item: r.value(i, "item") ?? "",
                        recordID: r.value(i, "record_id").map(RecordID.init(rawValue:)),
                        outcome: r.value(i, "outcome").flatMap(ItemOutcome.init(rawValue:)) ?? .failed,
                        url: r.value(i, "url"), message: r.value(i, "message"))
                }
            }
        }
    }
}
