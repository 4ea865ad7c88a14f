import Foundation
import GRDB
import OGPModel

extension SQLiteStore {
    /// Record versions not yet in the search index, oldest change first, at most `limit`.
    public func pendingIndex(limit: Int) throws(StoreError) -> [PendingRecord] {
        try guarded("cannot read records pending indexing") {
            let rows = try pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT json, version FROM record WHERE indexed_version != version ORDER BY id LIMIT ?",
                    arguments: [limit]
                ).map { (json: $0["json"] as String, version: $0["version"] as Int) }
            }
            // Decoded outside the read, on every core.
            let records = try decodeRecords(rows.map(\.json))
            return zip(records, rows).map { PendingRecord(record: $0, version: $1.version) }
        }
    }

    /// Marks versions as committed to the index; a record that changed since stays pending.
    public func markIndexed(_ records: [PendingRecord]) throws(StoreError) {
        guard !records.isEmpty else { return }
        try guarded("cannot save the index state") {
            try pool.write { db in
                let statement = try db.cachedStatement(
                    sql: "UPDATE record SET indexed_version = version WHERE id = ? AND version = ?")
                for pending in records {
                    try statement.execute(arguments: [pending.record.id.rawValue, pending.version])
                }
            }
        }
    }

    /// Marks every record pending, for a full index rebuild.
    public func resetIndexState() throws(StoreError) {
        try guarded("cannot reset the index state") {
            try pool.write { db in try db.execute(sql: "UPDATE record SET indexed_version = 0") }
        }
    }
}
