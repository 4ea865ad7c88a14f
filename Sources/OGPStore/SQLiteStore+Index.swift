import Foundation
import GRDB
import OGPModel

extension SQLiteStore {
    /// The next number of the change sequence, as an SQL expression. SQLite has one writer at a
    /// time, so numbers are given in commit order (`record_by_change_seq` makes it a lookup).
    static let nextChange = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM record)"

    /// Records changed after `follower`'s cursor (and after `after`), in change order, at most `limit`.
    public func pendingIndex(
        for follower: IndexFollower, after: Int?, limit: Int
    ) throws(StoreError) -> [PendingRecord] {
        try guarded("cannot read records pending indexing") {
            let rows = try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT json, version, change_seq FROM record
                        WHERE change_seq > MAX(COALESCE((SELECT applied_seq FROM index_follower WHERE name = ?), 0), ?)
                        ORDER BY change_seq LIMIT ?
                        """,
                    arguments: [follower.rawValue, after ?? 0, max(0, limit)]
                ).map { (json: $0["json"] as String, version: $0["version"] as Int, sequence: $0["change_seq"] as Int) }
            }
            // Decoded outside the read, on every core.
            let records = try decodeRecords(rows.map(\.json))
            return zip(records, rows).map { PendingRecord(record: $0, version: $1.version, sequence: $1.sequence) }
        }
    }

    /// Advances `follower`'s cursor to the last of `records` (never backwards).
    public func markIndexed(_ records: [PendingRecord], for follower: IndexFollower) throws(StoreError) {
        guard let last = records.map(\.sequence).max() else { return }
        try guarded("cannot save the index state") {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO index_follower (name, applied_seq, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET applied_seq = MAX(applied_seq, excluded.applied_seq),
                        updated_at = excluded.updated_at
                        """, arguments: [follower.rawValue, last, ISODate.string(from: Date())])
            }
        }
    }

    /// Puts `follower`'s cursor back to the start, for a full rebuild of its index.
    public func resetIndexState(for follower: IndexFollower) throws(StoreError) {
        try guarded("cannot reset the index state") {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO index_follower (name, applied_seq, updated_at) VALUES (?, 0, ?)
                        ON CONFLICT(name) DO UPDATE SET applied_seq = 0, updated_at = excluded.updated_at
                        """, arguments: [follower.rawValue, ISODate.string(from: Date())])
            }
        }
    }

    /// Every follower with its cursor and the number of records changed after it.
    public func indexFollowers() throws(StoreError) -> [IndexFollowerState] {
        try guarded("cannot read the index followers") {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT name, applied_seq, updated_at,
                          (SELECT COUNT(*) FROM record WHERE change_seq > f.applied_seq) AS pending
                        FROM index_follower f ORDER BY name
                        """
                ).map {
                    IndexFollowerState(
                        follower: IndexFollower(rawValue: $0["name"]), appliedSequence: $0["applied_seq"],
                        updatedAt: $0["updated_at"], pending: $0["pending"])
                }
            }
        }
    }

    /// Removes `follower`'s cursor; false when it was not there.
    public func forgetIndexFollower(_ follower: IndexFollower) throws(StoreError) -> Bool {
        try guarded("cannot remove an index follower") {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM index_follower WHERE name = ?", arguments: [follower.rawValue])
                return db.changesCount > 0
            }
        }
    }
}
