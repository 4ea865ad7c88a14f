import Foundation
import GRDB
import OGPModel

/// ``RecordFilter/tags``: the records' tags are read alone (SQLite's `json_extract`, in C), and
/// only the records with a matching tag are read in full and decoded, in one snapshot.
extension SQLiteStore {
    /// The ids (in kind then id order) and kinds of the records of `filter` with a matching tag.
    private func taggedIDs(_ filter: RecordFilter, db: Database) throws -> [(id: String, kind: String)] {
        let (sql, arguments) = condition(filter)
        let wanted = filter.tags ?? []
        // The tags array cut out of the JSON bytes, from `"tags":[` to the first `]` after it:
        // no JSON parse of the whole record (`json_extract` parsed 400 MB for 100,000 datasets).
        // The member is found exactly (a quote inside a JSON string is escaped, and `tags` is an
        // array nowhere else in a record); a `]` inside a tag cuts the array short, which
        // ``TagMatch`` cannot read and so counts as a match, checked on the decoded record.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, kind, CASE WHEN p > 0 THEN CAST(substr(b, p + 7, instr(substr(b, p + 7), X'5D')) AS TEXT) END
                FROM (SELECT id, kind, kind_rank, b, instr(b, X'2274616773223A5B') AS p
                      FROM (SELECT id, kind, kind_rank, CAST(json AS BLOB) AS b FROM record WHERE \(sql)))
                ORDER BY kind_rank, id
                """,
            arguments: arguments)
        var out: [(id: String, kind: String)] = []
        while let row = try rows.next() {
            if TagMatch.matches(row[2], wanted) { out.append((row[0], row[1])) }
        }
        return out
    }

    /// ``forEachRecord(_:_:)`` for a filter with tags.
    func forEachTagged(_ filter: RecordFilter, _ body: (OGPModel.Record) throws -> Void) throws(StoreError) {
        let wanted = filter.tags ?? []
        try guarded("cannot read records") {
            try pool.read { db in
                let ids = try taggedIDs(filter, db: db)
                var start = 0
                while start < ids.count {
                    let chunk = ids[start..<min(ids.count, start + Self.readBatch)].map(\.id)
                    start += chunk.count
                    let jsons = try String.fetchAll(
                        db,
                        sql: """
                            SELECT json FROM record WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                            ORDER BY kind_rank, id
                            """,
                        arguments: StatementArguments(chunk))
                    // The SQL read the tags; the decoded record is what counts (an escaped tag
                    // the quick reader declined is checked here).
                    for record in try decodeRecords(jsons)
                    where record.tags.contains(where: { wanted.contains(TextFolding.fold($0)) }) {
                        try body(record)
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
