import Foundation
import OGPModel

/// The catalogue in a PostgreSQL database, shared by several machines: harvest workers write
/// to it, search hosts index from it. Same semantics as ``SQLiteStore``: one transaction per
/// batch, history, archival, runs, validators and source state; a crash (of ogp or of the
/// server) leaves the last committed transaction. Reached through libpq (``PostgresConnection``).
public final class PostgresStore: CatalogStore {
    /// The URL without its password (for messages).
    public let displayURL: String
    let pool: PostgresPool

    /// Connects to `url` (`postgres://user@host:port/db`, or a libpq `key=value` string) and
    /// applies the migrations the database lacks. Throws ``StoreError`` `.cannotOpen` when the
    /// server cannot be reached, `.newerSchema` when a newer ogp wrote the database.
    public convenience init(url: String, connections: Int = 8) throws(StoreError) {
        try self.init(pool: PostgresPool(url: url, limit: connections))
    }

    private init(pool: PostgresPool) throws(StoreError) {
        self.pool = pool
        displayURL = pool.displayURL
        do {
            try pool.with { _ in }
        } catch {
            throw StoreError(.cannotOpen, "cannot connect to the PostgreSQL catalogue", path: displayURL, cause: error)
        }
        try PostgresSchema.migrate(pool)
    }

    /// The same database seen through one transaction that is never committed (a dry run):
    /// reads see the catalogue and this store's own writes, nobody else sees them, and
    /// ``discard()`` (or the process's end) rolls them all back. The writes of a dry run lock
    /// the rows they touch until then, so it runs when no harvest does.
    public func uncommitted() throws(StoreError) -> PostgresStore {
        let pool: PostgresPool
        do {
            pool = try PostgresPool(uncommittedOn: self.pool.url)
        } catch {
            throw StoreError(.cannotOpen, "cannot connect to the PostgreSQL catalogue", path: displayURL, cause: error)
        }
        return try PostgresStore(pool: pool)
    }

    /// Rolls back every write of an ``uncommitted()`` store (nothing for a plain one).
    public func discard() { pool.discard() }

    /// `url` without its password, for messages.
    public static func redacted(_ url: String) -> String { PostgresPool.redacted(url) }

    /// True for the URLs this store accepts in `store:` and `--store`.
    public static func accepts(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// Runs `body`, turning any error into a ``StoreError`` naming `what`.
    @discardableResult
    func guarded<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, what, path: displayURL, cause: error)
        }
    }

    func decodeRecord(_ json: String?) throws -> OGPModel.Record {
        do {
            return try RecordCoding.decode(Data((json ?? "").utf8))
        } catch {
            throw StoreError(.corrupt, "a stored record is not valid JSON", path: displayURL, cause: error)
        }
    }

    /// A PostgreSQL array literal of text values (`{"a","b\\"c",NULL}`), for `= ANY($1::text[])` and `unnest`.
    static func textArray<S: Sequence>(_ values: S) -> String where S.Element == String {
        textArray(values.map { Optional($0) })
    }

    static func textArray(_ values: [String?]) -> String {
        var out = "{"
        for (i, value) in values.enumerated() {
            if i > 0 { out += "," }
            guard let value else {
                out += "NULL"
                continue
            }
            out += "\""
            for ch in value.unicodeScalars {
                if ch == "\"" || ch == "\\" { out += "\\" }
                out.unicodeScalars.append(ch)
            }
            out += "\""
        }
        return out + "}"
    }

    // MARK: fetch and source state

    public func validators(for url: String) throws(StoreError) -> HTTPValidators? {
        try guarded("cannot read HTTP validators") {
            try pool.with { db in
                let r = try db.query("SELECT etag, last_modified, body_hash FROM http_validator WHERE url = $1", [url])
                guard !r.rows.isEmpty else { return nil }
                return HTTPValidators(
                    etag: r.value(0, "etag"), lastModified: r.value(0, "last_modified"),
                    bodyHash: r.value(0, "body_hash"))
            }
        }
    }

    public func setValidators(_ v: HTTPValidators, for url: String) throws(StoreError) {
        try guarded("cannot save HTTP validators") {
            try pool.with { db in
                try db.query(
                    """
                    INSERT INTO http_validator (url, etag, last_modified, body_hash) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
                    body_hash = EXCLUDED.body_hash
                    """, [url, v.etag, v.lastModified, v.bodyHash])
            }
        }
    }

    public func state(source: String, key: String) throws(StoreError) -> String? {
        try guarded("cannot read source state") {
            try pool.with { db in
                try db.query("SELECT value FROM source_state WHERE source = $1 AND key = $2", [source, key]).value(
                    0, "value")
            }
        }
    }

    public func setState(source: String, key: String, value: String?) throws(StoreError) {
        try guarded("cannot save source state") {
            try pool.with { db in
                if let value {
                    try db.query(
                        """
                        INSERT INTO source_state (source, key, value) VALUES ($1, $2, $3)
                        ON CONFLICT (source, key) DO UPDATE SET value = EXCLUDED.value
                        """, [source, key, value])
                } else {
                    try db.query("DELETE FROM source_state WHERE source = $1 AND key = $2", [source, key])
                }
            }
        }
    }

    // MARK: search index state

    /// Gives `ids` (records this transaction added, updated or archived) the next numbers of the
    /// change sequence. The counter's row stays locked until the transaction ends, so numbers
    /// become visible in commit order: a follower that has read up to n never meets a smaller
    /// number committed later. Run last in the transaction, so that concurrent writers wait for
    /// each other only for their commit.
    func stampChanges(_ ids: [String], db: PostgresConnection) throws {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return }
        try db.query(
            """
            WITH c AS (UPDATE change_counter SET seq = seq + $2::bigint WHERE id = 1 RETURNING seq)
            UPDATE record SET change_seq = c.seq - $2::bigint + m.n
            FROM c, unnest($1::text[]) WITH ORDINALITY AS m(id, n) WHERE record.id = m.id
            """, [Self.textArray(unique), String(unique.count)])
    }

    public func pendingIndex(
        for follower: IndexFollower, after: Int?, limit: Int
    ) throws(StoreError) -> [PendingRecord] {
        try guarded("cannot read records pending indexing") {
            try pool.with { db in
                let r = try db.query(
                    """
                    SELECT json, version, change_seq FROM record
                    WHERE change_seq > GREATEST(COALESCE((SELECT applied_seq FROM index_follower WHERE name = $1), 0), $3)
                    ORDER BY change_seq LIMIT $2
                    """,
                    [follower.rawValue, String(max(0, limit)), String(after ?? 0)])
                return try r.rows.indices.map {
                    PendingRecord(
                        record: try decodeRecord(r.value($0, "json")), version: r.int($0, "version") ?? 0,
                        sequence: r.int($0, "change_seq") ?? 0)
                }
            }
        }
    }

    public func markIndexed(_ records: [PendingRecord], for follower: IndexFollower) throws(StoreError) {
        guard let last = records.map(\.sequence).max() else { return }
        try guarded("cannot save the index state") {
            try pool.with { db in
                try db.query(
                    """
                    INSERT INTO index_follower (name, applied_seq, updated_at) VALUES ($1, $2, clock_timestamp())
                    ON CONFLICT (name) DO UPDATE SET applied_seq = GREATEST(index_follower.applied_seq, EXCLUDED.applied_seq),
                      updated_at = EXCLUDED.updated_at
                    """, [follower.rawValue, String(last)])
            }
        }
    }

    public func resetIndexState(for follower: IndexFollower) throws(StoreError) {
        try guarded("cannot reset the index state") {
            try pool.with { db in
                try db.query(
                    """
                    INSERT INTO index_follower (name, applied_seq, updated_at) VALUES ($1, 0, clock_timestamp())
                    ON CONFLICT (name) DO UPDATE SET applied_seq = 0, updated_at = EXCLUDED.updated_at
                    """, [follower.rawValue])
            }
        }
    }

    public func indexFollowers() throws(StoreError) -> [IndexFollowerState] {
        try guarded("cannot read the index followers") {
            try pool.with { db in
                let r = try db.query(
                    """
                    SELECT name, applied_seq,
                      to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
                      (SELECT COUNT(*) FROM record WHERE change_seq > f.applied_seq) AS pending
                    FROM index_follower f ORDER BY name
                    """)
                return r.rows.indices.map { i in
                    IndexFollowerState(
                        follower: IndexFollower(rawValue: r.value(i, "name") ?? ""),
                        appliedSequence: r.int(i, "applied_seq") ?? 0, updatedAt: r.value(i, "updated_at") ?? "",
                        pending: r.int(i, "pending") ?? 0)
                }
            }
        }
    }

    public func forgetIndexFollower(_ follower: IndexFollower) throws(StoreError) -> Bool {
        try guarded("cannot remove an index follower") {
            try pool.with { db in
                try db.query("DELETE FROM index_follower WHERE name = $1", [follower.rawValue]).affected > 0
            }
        }
    }
}
