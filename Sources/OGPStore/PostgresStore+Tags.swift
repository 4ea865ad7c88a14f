import Foundation
import OGPModel

/// ``RecordFilter/tags``: the records' tags are read alone (`json::json -> 'tags'`, in the
/// server), and only the records with a matching tag are read in full and decoded, in one snapshot.
extension PostgresStore {
    /// ``forEachRecord(_:_:)`` for a filter with tags.
    func forEachTagged(_ filter: RecordFilter, _ body: (OGPModel.Record) throws -> Void) throws(StoreError) {
        let (sql, parameters) = condition(filter)
        let wanted = filter.tags ?? []
        try guarded("cannot read records") {
            try pool.snapshot { db in
                try db.query(
                    """
                    DECLARE ogp_tags NO SCROLL CURSOR FOR
                    SELECT id, (json::json -> 'tags')::text FROM record WHERE \(sql) ORDER BY kind_rank, id
                    """, parameters)
                var ids: [String] = []
                while true {
                    let batch = try db.query("FETCH 2000 FROM ogp_tags")
                    for row in batch.rows where TagMatch.matches(row[1], wanted) {
                        if let id = row[0] { ids.append(id) }
                    }
                    if batch.rows.count < 2000 { break }
                }
                try db.run("CLOSE ogp_tags")
                var start = 0
                while start < ids.count {
                    let chunk = Array(ids[start..<min(ids.count, start + 500)])
                    start += chunk.count
                    let r = try db.query(
                        "SELECT json FROM record WHERE id = ANY($1::text[]) ORDER BY kind_rank, id",
                        [Self.textArray(chunk)])
                    for row in r.rows {
                        let record = try decodeRecord(row[0])
                        if record.tags.contains(where: { wanted.contains(TextFolding.fold($0)) }) { try body(record) }
                    }
                }
            }
        }
    }

    /// ``counts(_:)`` for a filter with tags.
    func countTagged(_ filter: RecordFilter) throws(StoreError) -> [RecordKind: Int] {
        var out: [RecordKind: Int] = [:]
        try forEachTagged(filter) { out[$0.kind, default: 0] += 1 }
        return out
    }
}
