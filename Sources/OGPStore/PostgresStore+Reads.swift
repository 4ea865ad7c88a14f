import Foundation
import OGPModel

extension PostgresStore {
    public func record(_ id: RecordID) throws(StoreError) -> OGPModel.Record? {
        try guarded("cannot read a record") {
            try pool.with { db in
                let r = try db.query("SELECT json FROM record WHERE id = $1", [id.rawValue])
                return r.rows.isEmpty ? nil : try decodeRecord(r.value(0, "json"))
            }
        }
    }

    public func history(of id: RecordID) throws(StoreError) -> [RecordVersion] {
        try guarded("cannot read a record's history") {
            // One statement: one snapshot of the history and the current version.
            try pool.with { db in
                let r = try db.query(
                    """
                    SELECT version, json, content_hash, valid_from, valid_to FROM record_history WHERE record_id = $1
                    UNION ALL
                    SELECT version, json, content_hash, last_changed, NULL FROM record WHERE id = $1
                    ORDER BY version
                    """, [id.rawValue])
                return try versions(r, id: { _ in id })
            }
        }
    }

    public func changes(since date: String) throws(StoreError) -> [RecordVersion] {
        try guarded("cannot read changes") {
            try pool.with { db in
                let r = try db.query(
                    """
                    SELECT record_id AS id, version, json, content_hash, valid_from, valid_to FROM record_history WHERE valid_from >= $1
                    UNION ALL
                    SELECT id, version, json, content_hash, last_changed AS valid_from, NULL AS valid_to FROM record WHERE last_changed >= $1
                    ORDER BY valid_from, id, version
                    """, [date])
                return try versions(r, id: { RecordID(rawValue: r.value($0, "id") ?? "") })
            }
        }
    }

    private func versions(_ r: PostgresRows, id: (Int) -> RecordID) throws -> [RecordVersion] {
        try r.rows.indices.map { i in
            RecordVersion(
                id: id(i), version: r.int(i, "version") ?? 0, record: try decodeRecord(r.value(i, "json")),
                contentHash: r.value(i, "content_hash") ?? "", validFrom: r.value(i, "valid_from") ?? "",
                validTo: r.value(i, "valid_to"))
        }
    }

    /// The SQL condition and parameters selecting the records of `filter` (its tags aside: see
    /// ``forEachTagged(_:_:)``).
    func condition(_ filter: RecordFilter) -> (sql: String, parameters: [String?]) {
        var sql = "TRUE"
        var parameters: [String?] = []
        if let kinds = filter.kinds {
            // By rank, the column `record_by_kind` starts with (see SQLiteStore.condition).
            parameters.append("{" + kinds.map { String(SQLiteStore.kindRank($0)) }.sorted().joined(separator: ",") + "}")
            sql += " AND kind_rank = ANY($\(parameters.count)::int[])"
        }
        if let since = filter.changedSince {
            parameters.append(since)
            sql += " AND last_changed >= $\(parameters.count)"
        }
        if !filter.includeArchived { sql += " AND archived_at IS NULL" }
        if let text = filter.containing {
            parameters.append(text)
            sql += " AND strpos(json, $\(parameters.count)) > 0"
        }
        return (sql, parameters)
    }

    public func forEachRecord(_ filter: RecordFilter, _ body: (OGPModel.Record) throws -> Void) throws(StoreError) {
        if filter.tags != nil { return try forEachTagged(filter, body) }
        let (sql, parameters) = condition(filter)
        try guarded("cannot read records") {
            // A cursor in a read-only transaction: one snapshot, 500 rows in memory at a time.
            try pool.snapshot { db in
                try db.query(
                    "DECLARE ogp_records NO SCROLL CURSOR FOR SELECT json FROM record WHERE \(sql) ORDER BY kind_rank, id",
                    parameters)
                while true {
                    let batch = try db.query("FETCH 500 FROM ogp_records")
                    for row in batch.rows { try body(try decodeRecord(row[0])) }
                    if batch.rows.count < 500 { break }
                }
                try db.run("CLOSE ogp_records")
            }
        }
    }

    public func counts() throws(StoreError) -> [RecordKind: Int] {
        try counts(RecordFilter(includeArchived: false))
    }

    public func counts(_ filter: RecordFilter) throws(StoreError) -> [RecordKind: Int] {
        if filter.tags != nil { return try countTagged(filter) }
        let (sql, parameters) = condition(filter)
        return try guarded("cannot count records") {
            try pool.with { db in
                let r = try db.query("SELECT kind, COUNT(*) AS n FROM record WHERE \(sql) GROUP BY kind", parameters)
                var out: [RecordKind: Int] = [:]
                for i in r.rows.indices {
                    if let kind = r.value(i, "kind").flatMap(RecordKind.init(rawValue:)) {
                        out[kind] = r.int(i, "n") ?? 0
                    }
                }
                return out
            }
        }
    }
}
