import Foundation
import OGPModel

extension PostgresStore {
    public func upsert(_ records: [OGPModel.Record], source: String, at date: Date) throws(StoreError) -> [WriteOutcome]
    {
        try upsert(records, source: source, precedence: 0, at: date)
    }

    public func upsert(
        _ records: [OGPModel.Record], source: String, precedence: Int, at date: Date
    ) throws(StoreError) -> [WriteOutcome] {
        guard !records.isEmpty else { return [] }
        let now = ISODate.string(from: date)
        let prepared = PreparedRecord.prepare(records, now: now)
        let ids = Set(records.map(\.id.rawValue)).sorted()
        return try guarded("cannot write records") {
            try pool.transaction { db in
                // Rows are locked in id order, so two workers writing overlapping batches cannot deadlock.
                try db.query(
                    """
                    INSERT INTO record_source (source, record_id, missing_since) SELECT $1, u, NULL FROM unnest($2::text[]) AS u
                    ON CONFLICT (source, record_id) DO UPDATE SET missing_since = NULL WHERE record_source.missing_since IS NOT NULL
                    """, [source, Self.textArray(ids)])
                let found = try db.query(
                    """
                    SELECT id, json, content_hash, version, first_seen, archived_at, precedence, field_source
                    FROM record WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE
                    """, [Self.textArray(ids)])
                var existing: [String: StoredRow] = [:]
                for i in found.rows.indices {
                    guard let id = found.value(i, "id") else { continue }
                    existing[id] = StoredRow(
                        json: found.value(i, "json") ?? "", hash: found.value(i, "content_hash") ?? "",
                        version: found.int(i, "version") ?? 1, firstSeen: found.value(i, "first_seen") ?? now,
                        archived: found.value(i, "archived_at") != nil, precedence: found.int(i, "precedence") ?? 0,
                        fieldSource: found.value(i, "field_source"))
                }
                var outcomes: [WriteOutcome] = []
                outcomes.reserveCapacity(records.count)
                var writer = PostgresBatchWriter()
                for (i, record) in records.enumerated() {
                    outcomes.append(
                        try upsertOne(
                            record, prepared: prepared[i], stored: &existing, source: source, precedence: precedence,
                            now: now,
                            writer: &writer, db: db))
                }
                try writer.flush(db)
                try stampChanges(
                    zip(records, outcomes).compactMap { $0.1 == .unchanged ? nil : $0.0.id.rawValue }, db: db)
                return outcomes
            }
        }
    }

    /// A record row as read at the start of the batch, then as this batch left it.
    struct StoredRow {
        var json: String
        var hash: String
        var version: Int
        var firstSeen: String
        var archived: Bool
        var precedence: Int
        var fieldSource: String?
    }

    private func upsertOne(
        _ incoming: OGPModel.Record, prepared: PreparedRecord, stored: inout [String: StoredRow], source: String,
        precedence: Int, now: String, writer: inout PostgresBatchWriter, db: PostgresConnection
    ) throws -> WriteOutcome {
        let id = incoming.id.rawValue
        guard let row = stored[id] else {
            try writer.willWrite(id, db: db)
            writer.insert([
                id, incoming.kind.rawValue, String(SQLiteStore.kindRank(incoming.kind)), prepared.addedJSON,
                prepared.hash, now,
                String(precedence), source,
            ])
            stored[id] = StoredRow(
                json: prepared.addedJSON, hash: prepared.hash, version: 1, firstSeen: now, archived: false,
                precedence: precedence, fieldSource: source)
            return .added
        }
        if RecordMerge.unchanged(incoming, hash: prepared.hash, storedHash: row.hash, archived: row.archived) {
            return .unchanged
        }
        let old = try decodeRecord(row.json)
        var record = incoming
        var fieldSource = source
        var fieldPrecedence = precedence
        if let storedSource = row.fieldSource, storedSource != source, row.precedence > precedence {
            // A richer source's fields stay; this source only adds its provenance.
            record = old
            fieldSource = storedSource
            fieldPrecedence = row.precedence
        }
        record.provenance = RecordMerge.provenance(old.provenance, incoming.provenance)
        let hash = try RecordCoding.contentHash(record)
        if row.hash == hash && !row.archived { return .unchanged }
        let validFrom = old.dates.lastChanged ?? row.firstSeen
        try writer.willWrite(id, db: db)
        writer.keepVersion([id, String(row.version), row.json, row.hash, validFrom, now])
        record.dates.firstSeen = old.dates.firstSeen ?? row.firstSeen
        record.dates.lastSeen = now
        record.dates.lastChanged = now
        record.archived = nil
        let json = String(decoding: RecordCoding.bytes(record), as: UTF8.self)
        writer.update([
            id, record.kind.rawValue, String(SQLiteStore.kindRank(record.kind)), json, hash, String(row.version + 1),
            now,
            String(fieldPrecedence), fieldSource,
        ])
        stored[id] = StoredRow(
            json: json, hash: hash, version: row.version + 1, firstSeen: row.firstSeen, archived: false,
            precedence: fieldPrecedence, fieldSource: fieldSource)
        return .updated
    }

    public func archive(_ id: RecordID, reason: String, at date: Date) throws(StoreError) -> Bool {
        let now = ISODate.string(from: date)
        return try guarded("cannot archive a record") {
            try pool.transaction { db in
                guard try archiveOne(id.rawValue, reason: reason, now: now, db: db) else { return false }
                try stampChanges([id.rawValue], db: db)
                return true
            }
        }
    }

    /// Whether a source other than `source` still lists the record.
    private func heldElsewhere(_ id: String, source: String, db: PostgresConnection) throws -> Bool {
        let r = try db.query(
            "SELECT 1 FROM record_source WHERE record_id = $1 AND source <> $2 AND missing_since IS NULL LIMIT 1",
            [id, source])
        return !r.rows.isEmpty
    }

    private func archiveOne(_ id: String, reason: String, now: String, db: PostgresConnection) throws -> Bool {
        let r = try db.query("SELECT json, archived_at FROM record WHERE id = $1 FOR UPDATE", [id])
        guard !r.rows.isEmpty, r.value(0, "archived_at") == nil else { return false }
        var record = try decodeRecord(r.value(0, "json"))
        record.archived = Archival(reason: reason, at: now)
        try db.query(
            "UPDATE record SET json = $1, archived_at = $2, archived_reason = $3 WHERE id = $4",
            [String(decoding: RecordCoding.bytes(record), as: UTF8.self), now, reason, id])
        return true
    }

    public func reconcile(
        source: String, present: Set<RecordID>, at date: Date, grace: TimeInterval
    ) throws(StoreError) -> [RecordID] {
        let now = ISODate.string(from: date)
        let cutoff = ISODate.string(from: date.addingTimeInterval(-grace))
        return try guarded("cannot reconcile a source's records") {
            try pool.transaction { db in
                var archived: [RecordID] = []
                let r = try db.query(
                    "SELECT record_id, missing_since FROM record_source WHERE source = $1 ORDER BY record_id FOR UPDATE",
                    [source])
                for i in r.rows.indices {
                    guard let id = r.value(i, "record_id") else { continue }
                    let missingSince = r.value(i, "missing_since")
                    if present.contains(RecordID(rawValue: id)) {
                        if missingSince != nil {
                            try db.query(
                                "UPDATE record_source SET missing_since = NULL WHERE source = $1 AND record_id = $2",
                                [source, id])
                        }
                    } else if let since = missingSince {
                        // A record another source still lists is only marked missing here.
                        if since <= cutoff, try !heldElsewhere(id, source: source, db: db),
                            try archiveOne(id, reason: "not-on-remote", now: now, db: db)
                        {
                            archived.append(RecordID(rawValue: id))
                        }
                    } else {
                        try db.query(
                            "UPDATE record_source SET missing_since = $1 WHERE source = $2 AND record_id = $3",
                            [now, source, id])
                        if grace <= 0, try !heldElsewhere(id, source: source, db: db),
                            try archiveOne(id, reason: "not-on-remote", now: now, db: db)
                        {
                            archived.append(RecordID(rawValue: id))
                        }
                    }
                }
                try stampChanges(archived.map(\.rawValue), db: db)
                return archived
            }
        }
    }
}
