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
    public init(url: String, connections: Int = 8) throws(StoreError) {
        pool = PostgresPool(url: url, limit: connections)
        displayURL = pool.displayURL
        do {
            try pool.with { _ in }
        } catch {
            throw StoreError(.cannotOpen, "cannot connect to the PostgreSQL catalogue", path: displayURL, cause: error)
        }
        try PostgresSchema.migrate(pool)
    }

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

    public func pendingIndex(limit: Int) throws(StoreError) -> [PendingRecord] {
        try guarded("cannot read records pending indexing") {
            try pool.with { db in
                let r = try db.query(
                    "SELECT json, version FROM record WHERE indexed_version <> version ORDER BY id LIMIT $1",
                    [String(max(0, limit))])
                return try r.rows.indices.map {
                    PendingRecord(record: try decodeRecord(r.value($0, "json")), version: r.int($0, "version") ?? 0)
                }
            }
        }
    }

    public func markIndexed(_ records: [PendingRecord]) throws(StoreError) {
        guard !records.isEmpty else { return }
        try guarded("cannot save the index state") {
            try pool.transaction { db in
                try db.query(
                    """
                    UPDATE record SET indexed_version = record.version FROM unnest($1::text[], $2::int[]) AS m(id, version)
                    WHERE record.id = m.id AND record.version = m.version
                    """,
                    [
                        Self.textArray(records.map(\.record.id.rawValue)),
                        "{" + records.map { String($0.version) }.joined(separator: ",") + "}",
                    ])
            }
        }
    }

    public func resetIndexState() throws(StoreError) {
        try guarded("cannot reset the index state") {
            try pool.with { db in try db.query("UPDATE record SET indexed_version = 0") }
        }
    }
}
