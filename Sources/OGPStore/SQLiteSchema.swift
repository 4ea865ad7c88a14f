import Foundation
import GRDB
import OGPModel

/// The SQLite schema, as versioned migrations. A database carrying a migration this build
/// does not know was written by a newer ogp and is refused (``StoreError/Code/newerSchema``).
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-records-runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE record (
                        id TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        kind_rank INTEGER NOT NULL,
                        json TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        first_seen TEXT NOT NULL,
                        last_changed TEXT NOT NULL,
                        archived_at TEXT,
                        archived_reason TEXT
                    );
                    CREATE INDEX record_by_kind ON record(kind_rank, id);
                    CREATE INDEX record_by_change ON record(last_changed);
                    CREATE TABLE record_history (
                        record_id TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        json TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        valid_from TEXT NOT NULL,
                        valid_to TEXT NOT NULL,
                        PRIMARY KEY (record_id, version)
                    ) WITHOUT ROWID;
                    CREATE INDEX history_by_start ON record_history(valid_from);
                    CREATE TABLE record_source (
                        source TEXT NOT NULL,
                        record_id TEXT NOT NULL,
                        missing_since TEXT,
                        PRIMARY KEY (source, record_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE run (
                        id TEXT PRIMARY KEY NOT NULL,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        status TEXT NOT NULL,
                        host TEXT NOT NULL,
                        pid INTEGER NOT NULL
                    );
                    CREATE TABLE run_source (
                        run_id TEXT NOT NULL,
                        source TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        status TEXT NOT NULL,
                        counts TEXT NOT NULL,
                        message TEXT,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        PRIMARY KEY (run_id, source)
                    ) WITHOUT ROWID;
                    CREATE TABLE run_item (
                        run_id TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        source TEXT NOT NULL,
                        item TEXT NOT NULL,
                        record_id TEXT,
                        outcome TEXT NOT NULL,
                        url TEXT,
                        message TEXT,
                        PRIMARY KEY (run_id, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE http_validator (
                        url TEXT PRIMARY KEY NOT NULL,
                        etag TEXT,
                        last_modified TEXT,
                        body_hash TEXT
                    ) WITHOUT ROWID;
                    CREATE TABLE source_state (
                        source TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (source, key)
                    ) WITHOUT ROWID;
                    """)
        }
        m.registerMigration("v2-precedence-index-state") { db in
            // precedence: rank of the source whose fields the record holds (a richer source's
            // fields are not overwritten by a poorer one); field_source: that source's name.
            // indexed_version: the version last committed to the search index (pending when
            // it differs from version), so an interrupted harvest re-indexes on the next run.
            try db.execute(
                sql: """
                    ALTER TABLE record ADD COLUMN precedence INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE record ADD COLUMN field_source TEXT;
                    ALTER TABLE record ADD COLUMN indexed_version INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX record_index_pending ON record(id) WHERE indexed_version != version;
                    """)
        }
        m.registerMigration("v3-content-hash-xxh64") { db in
            // Content hashes went from SHA-256 to XXH64×2: recompute them, so that unchanged
            // records stay unchanged on the next harvest.
            let rows = try Row.fetchAll(db, sql: "SELECT id, json FROM record")
            let update = try db.makeStatement(sql: "UPDATE record SET content_hash = ? WHERE id = ?")
            for row in rows {
                let json: String = row["json"]
                let record = try RecordCoding.decode(Data(json.utf8))
                try update.execute(arguments: [try RecordCoding.contentHash(record), row["id"] as String])
            }
        }
        m.registerMigration("v4-index-followers") { db in
            // One indexed_version per record served one index; several search indexes follow a
            // catalogue now, each with its own cursor over a change sequence (IndexFollower).
            // Records already in the data directory's index are numbered first, so that its
            // cursor ("local") keeps its place and only what was pending is indexed again.
            let now = ISODate.string(from: Date())
            try db.execute(
                sql: """
                    ALTER TABLE record ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
                    CREATE TEMP TABLE ogp_seq (id TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO ogp_seq SELECT id, row_number() OVER (ORDER BY indexed_version != version, id) FROM record;
                    UPDATE record SET change_seq = ogp_seq.n FROM ogp_seq WHERE ogp_seq.id = record.id;
                    DROP TABLE ogp_seq;
                    CREATE INDEX record_by_change_seq ON record(change_seq);
                    CREATE TABLE index_follower (
                        name TEXT PRIMARY KEY NOT NULL,
                        applied_seq INTEGER NOT NULL,
                        updated_at TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
            try db.execute(
                sql: """
                    INSERT INTO index_follower (name, applied_seq, updated_at)
                    SELECT 'local', COUNT(*), ? FROM record WHERE indexed_version = version HAVING COUNT(*) > 0
                    """, arguments: [now])
            try db.execute(
                sql: """
                    DROP INDEX record_index_pending;
                    ALTER TABLE record DROP COLUMN indexed_version;
                    """)
        }
        m.registerMigration(currentRecordsIndex) { db in
            // The current records of a kind in id order without reading the table: the DCAT
            // pages' OFFSET walked 121,000 rows of the export for its last page (93 → 10 ms) and
            // the counts per kind of `ogp status`, the home page and `/healthz` scanned the table
            // (110 → 10 ms).
            try db.execute(sql: "CREATE INDEX record_current_by_kind ON record(kind_rank, id) WHERE archived_at IS NULL")
        }
        return m
    }

    /// The migration that adds ``currentRecordsIndex``'s index.
    static let currentRecordsIndex = "v5-current-records-index"

    /// Migrations that only add an index: a read-only open (`ogp-serve`, `ogp status` without
    /// write access) reads a catalogue that lacks them, only slower, rather than refusing it
    /// until the next harvest migrates it.
    static let optionalForReaders: Set<String> = [currentRecordsIndex]
}
