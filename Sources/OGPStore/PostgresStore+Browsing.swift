import Foundation
import OGPModel

/// ``CatalogBrowsing`` on PostgreSQL: the same reads, orders and limits as ``SQLiteStore``'s,
/// so `ogp-serve --store postgres://…` serves a shared catalogue.
extension PostgresStore: CatalogBrowsing {
    public func records(
        kind: RecordKind, offset: Int, limit: Int, includeArchived: Bool
    ) throws(StoreError) -> [OGPModel.Record] {
        try guarded("cannot read a page of records") {
            try pool.with { db in
                let archived = includeArchived ? "" : "AND archived_at IS NULL"
                // The index on (kind_rank, id) walks to the page without sorting the kind.
                let r = try db.query(
                    "SELECT json FROM record WHERE kind_rank = $1 \(archived) ORDER BY kind_rank, id LIMIT $2 OFFSET $3",
                    [String(SQLiteStore.kindRank(kind)), String(max(0, limit)), String(max(0, offset))])
                return try r.rows.map { try decodeRecord($0[0]) }
            }
        }
    }

    public func recentlyChanged(kinds: Set<RecordKind>, limit: Int) throws(StoreError) -> [OGPModel.Record] {
        guard !kinds.isEmpty else { return [] }
        return try guarded("cannot read recent changes") {
            try pool.with { db in
                let r = try db.query(
                    """
                    SELECT json FROM record WHERE kind_rank = ANY($1::int[]) AND archived_at IS NULL
                    ORDER BY last_changed DESC, id LIMIT $2
                    """, [Self.ranks(kinds), String(max(0, limit))])
                return try r.rows.map { try decodeRecord($0[0]) }
            }
        }
    }

    public func records(
        linkingTo target: RecordID, kinds: Set<RecordKind>, limit: Int
    ) throws(StoreError) -> [OGPModel.Record] {
        guard !kinds.isEmpty else { return [] }
        return try guarded("cannot read linked records") {
            try pool.with { db in
                // The id appears as a JSON string in a linking record: a cheap pre-filter before decoding.
                let needle = String(decoding: try RecordCoding.encoder().encode(target.rawValue), as: UTF8.self)
                let r = try db.query(
                    """
                    SELECT json FROM record WHERE kind_rank = ANY($1::int[]) AND archived_at IS NULL
                    AND strpos(json, $2) > 0 ORDER BY kind_rank, id
                    """, [Self.ranks(kinds), needle])
                var out: [OGPModel.Record] = []
                for row in r.rows where out.count < limit {
                    let record = try decodeRecord(row[0])
                    if Self.links(record, to: target) { out.append(record) }
                }
                return out
            }
        }
    }

    /// `{1,3}`: the kinds' ranks as a PostgreSQL integer array literal.
    private static func ranks(_ kinds: Set<RecordKind>) -> String {
        "{" + kinds.map { String(SQLiteStore.kindRank($0)) }.sorted().joined(separator: ",") + "}"
    }
}
