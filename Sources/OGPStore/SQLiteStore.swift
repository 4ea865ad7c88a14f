import Foundation
import GRDB
import GRDBSQLite
import OGPModel

/// The catalogue in one SQLite file (WAL mode: one writer, concurrent readers; a crash at any
/// point leaves the last committed transaction readable).
public final class SQLiteStore: CatalogStore {
    /// The database file's path.
    public let path: String
    let pool: DatabasePool
    let encoder = RecordCoding.encoder()
    /// The page size of a new catalogue file.
    static let pageSize = 16_384

    /// Opens (creating and migrating when needed) the catalogue at `path`.
    /// Throws ``StoreError`` `.newerSchema` when the file was written by a newer ogp.
    ///
    /// With `readOnly`, the file is opened for reading only, never created nor migrated, so a
    /// catalogue in a read-only directory (a backup, a snapshot) can be read; writes then fail.
    /// `followsWriters` (with `readOnly`): the catalogue is live, a harvest may commit while it is
    /// read (ogp-serve beside a cron harvest): never opened `immutable`, so that each read sees
    /// the last committed harvest (WAL readers; the directory must let SQLite write its -shm file).
    /// With `checkIntegrity` (before a harvest writes), an existing file is first checked whole
    /// (``checkIntegrity()``) and a damaged one refused before anything, migrations included,
    /// is written.
    public init(
        path: String, readOnly: Bool = false, followsWriters: Bool = false, checkIntegrity: Bool = false
    ) throws(StoreError) {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.readonly = readOnly
        if !readOnly {
            config.prepareDatabase { db in
                // Only a new (empty) file takes it, before WAL mode is set; an existing catalogue
                // keeps its page size. Records average 4 KB of JSON: with 4 KB pages nearly each
                // one spilled to an overflow page (16 KB: 40 % less CPU writing them, 14 % smaller).
                try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Persistent WAL: the -wal and -shm files stay when the harvest closes the
                // catalogue. A reader that cannot write the data directory (`ogp-serve` as
                // another user) cannot create them, and SQLite refuses a WAL database without
                // them (GRDB's DatabaseSharing guide, "read-only connections").
                var persist: CInt = 1
                let code = withUnsafeMutablePointer(to: &persist) {
                    sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, $0)
                }
                guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
                // With a size limit set, closing truncates the kept -wal to nothing (its pages
                // are in the file then): a damaged catalogue is still seen as damaged, not
                // masked by stale copies of its pages. 64 MB between checkpoints.
                try db.execute(sql: "PRAGMA journal_size_limit = \(64 << 20)")
            }
        }
        // Before the pool opens: opening a pool writes (GRDB creates and drops a table to make
        // the WAL file exist), so a damaged file is checked read-only first.
        if checkIntegrity, FileManager.default.fileExists(atPath: path) { try Self.checkIntegrity(path: path) }
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !readOnly, !dir.isEmpty {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            if readOnly, followsWriters, !FileManager.default.fileExists(atPath: path) {
                throw StoreError(
                    .cannotOpen, "no catalogue here; run `ogp harvest` first or choose another --data-dir", path: path)
            }
            pool = try DatabasePool(
                path: readOnly && !followsWriters ? Self.readOnlyLocation(path) : path, configuration: config)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.cannotOpen, "cannot open the catalogue database", path: path, cause: error)
        }
        let migrator = SQLiteSchema.migrator
        let superseded: Bool
        do {
            superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
        } catch {
            if let damaged = StoreError.damaged(error, path: path) { throw damaged }
            throw StoreError(.cannotOpen, "cannot read the catalogue database's schema", path: path, cause: error)
        }
        if superseded {
            throw StoreError(
                .newerSchema,
                "the catalogue database was written by a newer version of ogp; upgrade ogp or use another --data-dir",
                path: path)
        }
        if readOnly {
            let complete =
                (try? pool.read { db in
                    let applied = try migrator.appliedIdentifiers(db)
                    return migrator.migrations.allSatisfy {
                        applied.contains($0) || SQLiteSchema.optionalForReaders.contains($0)
                    }
                }) ?? false
            guard complete else {
                throw StoreError(
                    .cannotOpen,
                    "the catalogue needs an upgrade that a read-only open cannot make; run `ogp harvest` once with write access",
                    path: path)
            }
            return
        }
        do {
            try migrator.migrate(pool)
        } catch {
            if let damaged = StoreError.damaged(error, path: path) { throw damaged }
            throw StoreError(.io, "cannot migrate the catalogue database", path: path, cause: error)
        }
    }

    /// Checks the whole file with SQLite's `PRAGMA quick_check` (every page and record, not the
    /// indexes' contents): run before a harvest writes, so that a damaged catalogue is refused
    /// rather than written to. Reads the whole file (about a second per 500 MB).
    /// - Throws: ``StoreError`` `.corrupt` naming the first problem and what to do.
    public func checkIntegrity() throws(StoreError) {
        try Self.checkIntegrity(path: path)
    }

    /// ``checkIntegrity()`` on a read-only connection of its own (writes nothing).
    static func checkIntegrity(path: String) throws(StoreError) {
        let problems: [String]
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            problems = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        } catch {
            throw StoreError.damaged(error, path: path)
                ?? StoreError(.io, "cannot check the catalogue database", path: path, cause: error)
        }
        guard problems != ["ok"] else { return }
        let lines = problems.flatMap { $0.split(separator: "\n") }.filter { !$0.hasPrefix("***") }
        let first = lines.first.map { String($0.prefix(160)) } ?? "no answer"
        throw StoreError(
            .corrupt, "the catalogue database is damaged (\(first)); \(StoreError.damageAdvice)", path: path)
    }

    /// Where SQLite opens a catalogue for reading only. A WAL database needs to write its -shm
    /// file even to read; when no -wal file holds uncheckpointed pages (the catalogue was closed
    /// cleanly), it is opened `immutable` (no lock, no -shm), which works in a read-only
    /// directory. Otherwise the plain path: SQLite reads a read-only WAL when -shm exists.
    static func readOnlyLocation(_ path: String) -> String {
        var info = stat()
        guard stat(path + "-wal", &info) != 0 || info.st_size == 0 else { return path }
        let escaped = path.unicodeScalars.map { c -> String in
            c == "%" || c == "?" || c == "#" ? String(format: "%%%02X", c.value) : String(c)
        }.joined()
        return "file:\(escaped)?immutable=1"
    }

    /// A consistent copy of the catalogue in a new file at `path` (SQLite's online backup):
    /// a dry run harvests into such a copy so that it writes nothing to the real one.
    public func copy(to path: String) throws(StoreError) -> SQLiteStore {
        try guarded("cannot copy the catalogue to \(path)") {
            let target = try DatabaseQueue(path: path)
            try pool.backup(to: target)
            try target.close()
        }
        return try SQLiteStore(path: path)
    }

    /// Opens a copy, at `target`, of the catalogue at `source`, opened read-only so that the
    /// source file (and its directory) is not written, even by a migration.
    public convenience init(readingCopyOf source: String, to target: String) throws(StoreError) {
        do {
            var config = GRDB.Configuration()
            config.readonly = true
            let reader = try DatabaseQueue(path: Self.readOnlyLocation(source), configuration: config)
            let copy = try DatabaseQueue(path: target)
            try reader.backup(to: copy)
            try copy.close()
            try reader.close()
        } catch {
            throw StoreError(.cannotOpen, "cannot read the catalogue to copy it", path: source, cause: error)
        }
        try self.init(path: target)
    }

    /// Runs `body`, turning any error into a ``StoreError`` naming `what`.
    func guarded<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            if let damaged = StoreError.damaged(error, path: path) { throw damaged }
            throw StoreError(.io, what, path: path, cause: error)
        }
    }

    func decodeRecord(_ json: String) throws -> OGPModel.Record {
        try Self.decodeRecord(json, path: path)
    }

    static func decodeRecord(_ json: String, path: String) throws -> OGPModel.Record {
        do {
            return try RecordCoding.decode(json)
        } catch {
            throw StoreError(.corrupt, "a stored record is not valid JSON", path: path, cause: error)
        }
    }

    /// Records of many JSON texts, decoded on every core, in order.
    func decodeRecords(_ jsons: [String]) throws -> [OGPModel.Record] {
        let path = path
        return try RecordDecoding.decode(jsons) { try Self.decodeRecord($0, path: path) }
    }

    func encodeJSON(_ record: OGPModel.Record) throws -> String {
        String(decoding: RecordCoding.bytes(record), as: UTF8.self)
    }

    static func kindRank(_ kind: RecordKind) -> Int {
        RecordKind.allCases.firstIndex(of: kind) ?? 99
    }

    // MARK: fetch and source state

    /// The HTTP validators (ETag, Last-Modified, body hash) kept for `url`.
    public func validators(for url: String) throws(StoreError) -> HTTPValidators? {
        try guarded("cannot read HTTP validators") {
            try pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT etag, last_modified, body_hash FROM http_validator WHERE url = ?", arguments: [url]
                )
                .map { HTTPValidators(etag: $0["etag"], lastModified: $0["last_modified"], bodyHash: $0["body_hash"]) }
            }
        }
    }

    /// Keeps the validators of `url` for the next conditional request.
    public func setValidators(_ v: HTTPValidators, for url: String) throws(StoreError) {
        try guarded("cannot save HTTP validators") {
            try pool.write { db in
                try db.execute(
                    sql:
                        "INSERT OR REPLACE INTO http_validator (url, etag, last_modified, body_hash) VALUES (?, ?, ?, ?)",
                    arguments: [url, v.etag, v.lastModified, v.bodyHash])
            }
        }
    }

    /// A small per-source value, or nil.
    public func state(source: String, key: String) throws(StoreError) -> String? {
        try guarded("cannot read source state") {
            try pool.read { db in
                try String.fetchOne(
                    db, sql: "SELECT value FROM source_state WHERE source = ? AND key = ?", arguments: [source, key])
            }
        }
    }

    /// Sets (or with nil, removes) a per-source value.
    public func setState(source: String, key: String, value: String?) throws(StoreError) {
        try guarded("cannot save source state") {
            try pool.write { db in
                if let value {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO source_state (source, key, value) VALUES (?, ?, ?)",
                        arguments: [source, key, value])
                } else {
                    try db.execute(
                        sql: "DELETE FROM source_state WHERE source = ? AND key = ?", arguments: [source, key])
                }
            }
        }
    }
}
