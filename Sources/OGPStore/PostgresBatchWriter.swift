import Foundation

/// The writes of one upsert batch, gathered and sent as one statement per table (arrays through
/// `unnest`): a batch of 500 records costs a few round trips instead of 500, which matters most
/// when the server is on another machine or the cores are busy.
///
/// A record written twice in one batch (the same id met twice) is flushed in between, so that
/// the second write sees the first, as with one statement per record.
struct PostgresBatchWriter {
    private var touched = Set<String>()
    private var inserts: [[String?]] = []
    private var history: [[String?]] = []
    private var updates: [[String?]] = []

    /// Before writing `id`: flushes the batch if `id` is already in it.
    mutating func willWrite(_ id: String, db: PostgresConnection) throws {
        if touched.contains(id) { try flush(db) }
        touched.insert(id)
    }

    /// id, kind, kind_rank, json, content_hash, first_seen (= last_changed), precedence, field_source.
    mutating func insert(_ row: [String?]) { inserts.append(row) }
    /// record_id, version, json, content_hash, valid_from, valid_to.
    mutating func keepVersion(_ row: [String?]) { history.append(row) }
    /// id, kind, kind_rank, json, content_hash, version, last_changed, precedence, field_source.
    mutating func update(_ row: [String?]) { updates.append(row) }

    /// Sends what was gathered. Throws a retryable error when a record this batch adds was added
    /// by another transaction meanwhile (the transaction then runs again and sees it).
    mutating func flush(_ db: PostgresConnection) throws {
        defer {
            touched.removeAll(keepingCapacity: true)
            inserts.removeAll(keepingCapacity: true)
            history.removeAll(keepingCapacity: true)
            updates.removeAll(keepingCapacity: true)
        }
        if !history.isEmpty {
            try db.query(
                """
                INSERT INTO record_history (record_id, version, json, content_hash, valid_from, valid_to)
                SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
                ON CONFLICT (record_id, version) DO UPDATE SET json = EXCLUDED.json, content_hash = EXCLUDED.content_hash,
                valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to
                """, Self.columns(history, 6))
        }
        if !inserts.isEmpty {
            let inserted = try db.query(
                """
                INSERT INTO record (id, kind, kind_rank, json, content_hash, version, first_seen, last_changed, precedence, field_source)
                SELECT id, kind, kind_rank, json, content_hash, 1, first_seen, first_seen, precedence, field_source
                FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
                  AS u(id, kind, kind_rank, json, content_hash, first_seen, precedence, field_source)
                ON CONFLICT (id) DO NOTHING
                """, Self.columns(inserts, 8))
            guard inserted.affected == inserts.count else {
                throw PostgresError(sqlState: "23505", message: "records added concurrently by another transaction")
            }
        }
        if !updates.isEmpty {
            try db.query(
                """
                UPDATE record SET kind = u.kind, kind_rank = u.kind_rank, json = u.json, content_hash = u.content_hash,
                  version = u.version, last_changed = u.last_changed, archived_at = NULL, archived_reason = NULL,
                  precedence = u.precedence, field_source = u.field_source
                FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::text[])
                  AS u(id, kind, kind_rank, json, content_hash, version, last_changed, precedence, field_source)
                WHERE record.id = u.id
                """, Self.columns(updates, 9))
        }
    }

    /// Rows → one array literal per column.
    private static func columns(_ rows: [[String?]], _ count: Int) -> [String?] {
        (0..<count).map { c in PostgresStore.textArray(rows.map { $0[c] }) }
    }
}
