import Foundation
import GRDB
import OGPModel

/// ``CatalogBrowsing`` on SQLite: a page of records of one kind, the latest changes, and the
/// records linking to one record. Bounded by their callers' limits.
extension SQLiteStore: CatalogBrowsing {
    /// Current records of `kind`, sorted by id, `limit` of them from `offset` (the index on
    /// (kind_rank, id) skips the first ones without decoding them).
    public func records(
        kind: RecordKind, offset: Int, limit: Int, includeArchived: Bool
    ) throws(StoreError) -> [OGPModel.Record] {
        try guarded("cannot read a page of records") {
            try pool.read { db in
                let archived = includeArchived ? "" : "AND archived_at IS NULL"
                let rows = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT json FROM record WHERE kind_rank = ? \(archived) ORDER BY kind_rank, id LIMIT ? OFFSET ?",
                    arguments: [SQLiteStore.kindRank(kind), max(0, limit), max(0, offset)])
                return try rows.map { try decodeRecord($0["json"]) }
            }
        }
    }

    /// The `limit` most recently changed current records (newest first), of the given kinds.
    public func recentlyChanged(kinds: Set<RecordKind>, limit: Int) throws(StoreError) -> [OGPModel.Record] {
        guard !kinds.isEmpty else { return [] }
        return try guarded("cannot read recent changes") {
            try pool.read { db in
                let ranks = kinds.map { String(SQLiteStore.kindRank($0)) }.sorted().joined(separator: ",")
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT json FROM record WHERE kind_rank IN (\(ranks)) AND archived_at IS NULL
                        ORDER BY last_changed DESC, id LIMIT ?
                        """,
                    arguments: [max(0, limit)])
                return try rows.map { try decodeRecord($0["json"]) }
            }
        }
    }

    /// Current records of the given kinds with a link (or a commitment's plan) to `target`,
    /// sorted by id. Meant for the small kinds (plans, commitments, publications).
    public func records(
        linkingTo target: RecordID, kinds: Set<RecordKind>, limit: Int
    ) throws(StoreError) -> [OGPModel.Record] {
        guard !kinds.isEmpty else { return [] }
        return try guarded("cannot read linked records") {
            try pool.read { db in
                let ranks = kinds.map { String(SQLiteStore.kindRank($0)) }.sorted().joined(separator: ",")
                // The id appears as a JSON string in a linking record: a cheap pre-filter before decoding.
                let needle = String(decoding: try encoder.encode(target.rawValue), as: UTF8.self)
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT json FROM record WHERE kind_rank IN (\(ranks)) AND archived_at IS NULL AND instr(json, ?) > 0
                        ORDER BY kind_rank, id
                        """,
                    arguments: [needle])
                var out: [OGPModel.Record] = []
                for row in rows where out.count < limit {
                    let r = try decodeRecord(row["json"])
                    if Self.links(r, to: target) { out.append(r) }
                }
                return out
            }
        }
    }
}
