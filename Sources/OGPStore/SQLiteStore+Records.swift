import Foundation
import GRDB
import OGPModel

extension SQLiteStore {
    /// Writes records in one transaction with precedence 0 (see `upsert(_:source:precedence:at:)`).
    public func upsert(_ records: [OGPModel.Record], source: String, at date: Date) throws(StoreError) -> [WriteOutcome]
    {
        try upsert(records, source: source, precedence: 0, at: date)
    }

    /// Writes records in one transaction: unchanged content writes nothing, a changed record's
    /// previous version goes to the history, fields from a source of higher precedence are kept.
    public func upsert(
        _ records: [OGPModel.Record], source: String, precedence: Int, at date: Date
    ) throws(StoreError) -> [WriteOutcome] {
        let now = ISODate.string(from: date)
        // Hashing and encoding happen before the write transaction, on every core.
        let prepared = PreparedRecord.prepare(records, now: now)
        return try guarded("cannot write records") {
            try pool.write { db in
                var outcomes: [WriteOutcome] = []
                outcomes.reserveCapacity(records.count)
                for (i, record) in records.enumerated() {
                    outcomes.append(
                        try upsertOne(
                            record, prepared: prepared[i], source: source, precedence: precedence, now: now, db: db))
                }
                return outcomes
            }
        }
    }

    private func upsertOne(
        _ incoming: OGPModel.Record, prepared: PreparedRecord, source: String, precedence: Int, now: String,
        db: Database
    ) throws -> WriteOutcome {
        let id = incoming.id.rawValue
        try db.cachedStatement(
            sql: """
                INSERT INTO record_source (source, record_id, missing_since) VALUES (?, ?, NULL)
                ON CONFLICT(source, record_id) DO UPDATE SET missing_since = NULL WHERE missing_since IS NOT NULL
                """
        ).execute(arguments: [source, id])
        let existing = try Row.fetchOne(
            db.cachedStatement(
                sql:
                    "SELECT json, content_hash, version, first_seen, archived_at, precedence, field_source FROM record WHERE id = ?"
            ),
            arguments: [id])
        if let existing, RecordMerge.unchanged(
            incoming, hash: prepared.hash, storedHash: existing["content_hash"],
            archived: (existing["archived_at"] as String?) != nil)
        {
            return .unchanged
        }
        var record = incoming
        var previous: OGPModel.Record?
        var fieldSource = source
        var fieldPrecedence = precedence
        if let existing {
            let old = try decodeRecord(existing["json"])
            previous = old
            let storedPrecedence: Int = existing["precedence"]
            let storedSource: String? = existing["field_source"]
            if let storedSource, storedSource != source, storedPrecedence > precedence {
                // A richer source's fields stay; this source only adds its provenance.
                record = old
                fieldSource = storedSource
                fieldPrecedence = storedPrecedence
            }
            record.provenance = RecordMerge.provenance(old.provenance, incoming.provenance)
        }
        guard let existing, let previous else {
            try db.cachedStatement(
                sql: """
                    INSERT INTO record (id, kind, kind_rank, json, content_hash, version, first_seen, last_changed, precedence, field_source, change_seq)
                    VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, \(SQLiteStore.nextChange))
                    """
            ).execute(arguments: [
                id, record.kind.rawValue, SQLiteStore.kindRank(record.kind), prepared.addedJSON, prepared.hash, now,
                now,
                fieldPrecedence, fieldSource,
            ])
            return .added
        }
        let hash = try RecordCoding.contentHash(record)
        let wasArchived = (existing["archived_at"] as String?) != nil
        if (existing["content_hash"] as String) == hash && !wasArchived {
            return .unchanged
        }
        let version: Int = existing["version"]
        let validFrom = previous.dates.lastChanged ?? (existing["first_seen"] as String)
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO record_history (record_id, version, json, content_hash, valid_from, valid_to)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id, version, existing["json"] as String, existing["content_hash"] as String, validFrom, now,
        ])
        record.dates.firstSeen = previous.dates.firstSeen ?? (existing["first_seen"] as String)
        record.dates.lastSeen = now
        record.dates.lastChanged = now
        record.archived = nil
        try db.cachedStatement(
            sql: """
                UPDATE record SET kind = ?, kind_rank = ?, json = ?, content_hash = ?, version = ?, last_changed = ?,
                archived_at = NULL, archived_reason = NULL, precedence = ?, field_source = ?,
                change_seq = \(SQLiteStore.nextChange) WHERE id = ?
                """
        ).execute(arguments: [
            record.kind.rawValue, SQLiteStore.kindRank(record.kind), try encodeJSON(record), hash, version + 1, now,
            fieldPrecedence, fieldSource, id,
        ])
        return .updated
    }

    /// The current version of a record, archived or not.
    public func record(_ id: RecordID) throws(StoreError) -> OGPModel.Record? {
        try guarded("cannot read a record") {
            try pool.read { db in
                try String.fetchOne(db, sql: "SELECT json FROM record WHERE id = ?", arguments: [id.rawValue])
                    .map { try decodeRecord($0) }
            }
        }
    }

    /// Every version of a record, oldest first.
    public func history(of id: RecordID) throws(StoreError) -> [RecordVersion] {
        try guarded("cannot read a record's history") {
            try pool.read { db in
                var versions: [RecordVersion] = []
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM record_history WHERE record_id = ? ORDER BY version",
                    arguments: [id.rawValue])
                for row in rows {
                    versions.append(
                        RecordVersion(
                            id: id, version: row["version"], record: try decodeRecord(row["json"]),
                            contentHash: row["content_hash"], validFrom: row["valid_from"], validTo: row["valid_to"]))
                }
                if let row = try Row.fetchOne(db, sql: "SELECT * FROM record WHERE id = ?", arguments: [id.rawValue]) {
                    versions.append(
                        RecordVersion(
                            id: id, version: row["version"], record: try decodeRecord(row["json"]),
                            contentHash: row["content_hash"], validFrom: row["last_changed"], validTo: nil))
                }
                return versions
            }
        }
    }

    /// Versions that became current at or after `date` (ISO 8601), oldest first.
    public func changes(since date: String) throws(StoreError) -> [RecordVersion] {
        try guarded("cannot read changes") {
            try pool.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT record_id AS id, version, json, content_hash, valid_from, valid_to FROM record_history WHERE valid_from >= ?
                        UNION ALL
                        SELECT id, version, json, content_hash, last_changed AS valid_from, NULL AS valid_to FROM record WHERE last_changed >= ?
                        ORDER BY valid_from, id, version
                        """, arguments: [date, date])
                return try rows.map { row in
                    RecordVersion(
                        id: RecordID(rawValue: row["id"]), version: row["version"],
                        record: try decodeRecord(row["json"]),
                        contentHash: row["content_hash"], validFrom: row["valid_from"], validTo: row["valid_to"])
                }
            }
        }
    }

    /// Archives a record with a reason (never deletes); false when absent or already archived.
    public func archive(_ id: RecordID, reason: String, at date: Date) throws(StoreError) -> Bool {
        let now = ISODate.string(from: date)
        return try guarded("cannot archive a record") {
            try pool.write { db in try archiveOne(id.rawValue, reason: reason, now: now, db: db) }
        }
    }

    private func archiveOne(_ id: String, reason: String, now: String, db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT json, archived_at FROM record WHERE id = ?", arguments: [id]),
            (row["archived_at"] as String?) == nil
        else { return false }
        var record = try decodeRecord(row["json"])
        record.archived = Archival(reason: reason, at: now)
        try db.execute(
            sql: """
                UPDATE record SET json = ?, archived_at = ?, archived_reason = ?, change_seq = \(SQLiteStore.nextChange)
                WHERE id = ?
                """,
            arguments: [try encodeJSON(record), now, reason, id])
        return true
    }

    /// The SQL condition and arguments selecting the records of `filter` (its tags aside: see
    /// ``forEachTagged(_:_:)``).
    func condition(_ filter: RecordFilter) -> (sql: String, arguments: StatementArguments) {
        var sql = "1"
        var args: [any DatabaseValueConvertible] = []
        if let kinds = filter.kinds {
            // By rank, the column `record_by_kind` starts with: a read of the few plans,
            // commitments or publications reads their rows, not the 121,074 datasets' pages
            // (`kind IN (…)` made `ogp show` and the plan pass read the whole table).
            sql += " AND kind_rank IN (\(kinds.map { _ in "?" }.joined(separator: ",")))"
            args += kinds.map { Self.kindRank($0) }.sorted()
        }
        if let since = filter.changedSince {
            sql += " AND last_changed >= ?"
            args.append(since)
        }
        if !filter.includeArchived { sql += " AND archived_at IS NULL" }
        if let text = filter.containing {
            sql += " AND instr(json, ?) > 0"
            args.append(text)
        }
        return (sql, StatementArguments(args) ?? StatementArguments())
    }

    /// Records decoded together by ``forEachRecord(_:_:)``.
    static let readBatch = 512

    /// Streams the records matching `filter`, sorted by kind then id, without loading them all.
    public func forEachRecord(_ filter: RecordFilter, _ body: (OGPModel.Record) throws -> Void) throws(StoreError) {
        if filter.tags != nil { return try forEachTagged(filter, body) }
        let (sql, arguments) = condition(filter)
        try guarded("cannot read records") {
            try pool.read { db in
                let cursor = try String.fetchCursor(
                    db, sql: "SELECT json FROM record WHERE \(sql) ORDER BY kind_rank, id", arguments: arguments)
                // Decoded a batch at a time on every core; `body` still sees them one by one, in order.
                var batch: [String] = []
                batch.reserveCapacity(Self.readBatch)
                func drain() throws {
                    for record in try decodeRecords(batch) { try body(record) }
                    batch.removeAll(keepingCapacity: true)
                }
                while let json = try cursor.next() {
                    batch.append(json)
                    if batch.count == Self.readBatch { try drain() }
                }
                try drain()
            }
        }
    }

    /// Counts of current, non-archived records per kind.
    public func counts() throws(StoreError) -> [RecordKind: Int] {
        try counts(RecordFilter(includeArchived: false))
    }

    /// Counts per kind of the records `forEachRecord(filter)` would give.
    public func counts(_ filter: RecordFilter) throws(StoreError) -> [RecordKind: Int] {
        if filter.tags != nil { return try countTagged(filter) }
        let (sql, arguments) = condition(filter)
        return try guarded("cannot count records") {
            try pool.read { db in
                var out: [RecordKind: Int] = [:]
                // By rank: the current records are counted from their index, not the table.
                let rows = try Row.fetchAll(
                    db, sql: "SELECT kind_rank, COUNT(*) AS n FROM record WHERE \(sql) GROUP BY kind_rank",
                    arguments: arguments)
                for row in rows {
                    let rank: Int = row["kind_rank"]
                    if RecordKind.allCases.indices.contains(rank) { out[RecordKind.allCases[rank], default: 0] += row["n"] }
                }
                return out
            }
        }
    }

    /// Marks the source's records missing from its complete listing, archives those missing longer than `grace`, unmarks those back; returns the ids archived.
    /// A record another source still lists (one publication met through two sources, one dataset
    /// on two portals) is not archived: it is only marked missing at this source.
    public func reconcile(
        source: String, present: Set<RecordID>, at date: Date, grace: TimeInterval
    ) throws(StoreError) -> [RecordID] {
        let now = ISODate.string(from: date)
        let cutoff = ISODate.string(from: date.addingTimeInterval(-grace))
        return try guarded("cannot reconcile a source's records") {
            try pool.write { db in
                var archived: [RecordID] = []
                let rows = try Row.fetchAll(
                    db, sql: "SELECT record_id, missing_since FROM record_source WHERE source = ?", arguments: [source])
                for row in rows {
                    let id: String = row["record_id"]
                    let missingSince: String? = row["missing_since"]
                    if present.contains(RecordID(rawValue: id)) {
                        if missingSince != nil {
                            try db.execute(
                                sql: "UPDATE record_source SET missing_since = NULL WHERE source = ? AND record_id = ?",
                                arguments: [source, id])
                        }
                    } else if let since = missingSince {
                        if since <= cutoff, try !heldElsewhere(id, source: source, db: db),
                            try archiveOne(id, reason: "not-on-remote", now: now, db: db)
                        {
                            archived.append(RecordID(rawValue: id))
                        }
                    } else {
                        try db.execute(
                            sql: "UPDATE record_source SET missing_since = ? WHERE source = ? AND record_id = ?",
                            arguments: [now, source, id])
                        if grace <= 0, try !heldElsewhere(id, source: source, db: db),
                            try archiveOne(id, reason: "not-on-remote", now: now, db: db)
                        {
                            archived.append(RecordID(rawValue: id))
                        }
                    }
                }
                return archived
            }
        }
    }
}

extension SQLiteStore {
    /// Whether a source other than `source` still lists the record.
    fileprivate func heldElsewhere(_ id: String, source: String, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM record_source WHERE record_id = ? AND source <> ? AND missing_since IS NULL)",
            arguments: [id, source]) ?? false
    }
}

/// How a new version of a record is merged with what the store already holds.
enum RecordMerge {
    /// Whether a record is known unchanged from the stored row's hash alone, without decoding
    /// the stored JSON (most of an incremental re-read of a large export): the stored content
    /// hashes as the incoming record does, so it holds the same provenance, and the merge would
    /// give the incoming record back (its provenance already in merge order) with that hash.
    static func unchanged(_ incoming: OGPModel.Record, hash: String, storedHash: String, archived: Bool) -> Bool {
        guard !archived, !hash.isEmpty, hash == storedHash else { return false }
        let p = incoming.provenance
        return zip(p, p.dropFirst()).allSatisfy { ($0.source, $0.url) < ($1.source, $1.url) }
    }

    /// Provenance entries of other sources are kept; the writing source's entries replace its old ones.
    static func provenance(_ old: [Provenance], _ new: [Provenance]) -> [Provenance] {
        let newSources = Set(new.map(\.source))
        let kept = old.filter { !newSources.contains($0.source) }
        return (kept + new).sorted { ($0.source, $0.url) < ($1.source, $1.url) }
    }
}

/// A record's content hash and its JSON as a new record, computed before the write transaction.
struct PreparedRecord: Sendable {
    var hash: String
    var addedJSON: String

    static func prepare(_ records: [OGPModel.Record], now: String) -> [PreparedRecord] {
        @Sendable func one(_ record: OGPModel.Record) -> PreparedRecord {
            var r = record
            r.dates.firstSeen = now
            r.dates.lastSeen = now
            r.dates.lastChanged = now
            r.archived = nil
            // One encoding gives both (the dates set above are bookkeeping, left out of the hash).
            let (bytes, hash) = (try? RecordCoding.bytesAndContentHash(r)) ?? (RecordCoding.bytes(r), "")
            return PreparedRecord(hash: hash, addedJSON: String(decoding: bytes, as: UTF8.self))
        }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, records.count / 64))
        guard workers > 1 else { return records.map(one) }
        let chunk = (records.count + workers - 1) / workers
        var results = [PreparedRecord?](repeating: nil, count: records.count)
        results.withUnsafeMutableBufferPointer { slots in
            let box = SlotBox(slots)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var i = w * chunk
                let end = min(records.count, i + chunk)
                while i < end {
                    box.slots[i] = one(records[i])
                    i += 1
                }
            }
        }
        return results.compactMap { $0 }
    }
}

/// Disjoint slots filled by parallel workers (each index written by one worker only).
private struct SlotBox: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<PreparedRecord?>
    init(_ slots: UnsafeMutableBufferPointer<PreparedRecord?>) { self.slots = slots }
}
