import Foundation

/// The PostgreSQL schema, as versioned migrations applied in order in one transaction and
/// recorded in `ogp_migration`. A database carrying a migration this build does not know
/// was written by a newer ogp and is refused. Concurrent openers (several workers starting at
/// once) wait for each other on an advisory lock, so each migration runs once.
///
/// Text columns that are sorted or compared (ids, ISO dates) use the "C" collation: the same
/// byte order as SQLite, whatever the database's locale.
enum PostgresSchema {
    /// The advisory lock key serialising migrations ("ogp-migrate").
    static let migrationLock = 0x6f67_705f_6d69_67

    static let migrations: [(id: String, sql: String)] = [
        (
            "pg-v1-records-runs",
            """
            CREATE TABLE record (
                id TEXT COLLATE "C" PRIMARY KEY,
                kind TEXT COLLATE "C" NOT NULL,
                kind_rank INTEGER NOT NULL,
                json TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                version INTEGER NOT NULL,
                first_seen TEXT COLLATE "C" NOT NULL,
                last_changed TEXT COLLATE "C" NOT NULL,
                archived_at TEXT,
                archived_reason TEXT,
                precedence INTEGER NOT NULL DEFAULT 0,
                field_source TEXT,
                indexed_version INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX record_by_kind ON record(kind_rank, id);
            CREATE INDEX record_by_change ON record(last_changed);
            CREATE INDEX record_index_pending ON record(id) WHERE indexed_version <> version;
            CREATE TABLE record_history (
                record_id TEXT COLLATE "C" NOT NULL,
                version INTEGER NOT NULL,
                json TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                valid_from TEXT COLLATE "C" NOT NULL,
                valid_to TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (record_id, version)
            );
            CREATE INDEX history_by_start ON record_history(valid_from);
            CREATE TABLE record_source (
                source TEXT COLLATE "C" NOT NULL,
                record_id TEXT COLLATE "C" NOT NULL,
                missing_since TEXT COLLATE "C",
                PRIMARY KEY (source, record_id)
            );
            CREATE TABLE run (
                id TEXT COLLATE "C" PRIMARY KEY,
                started_at TEXT COLLATE "C" NOT NULL,
                ended_at TEXT,
                status TEXT NOT NULL,
                host TEXT NOT NULL,
                pid BIGINT NOT NULL
            );
            CREATE TABLE run_source (
                run_id TEXT COLLATE "C" NOT NULL,
                source TEXT COLLATE "C" NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                counts TEXT NOT NULL,
                message TEXT,
                started_at TEXT NOT NULL,
                ended_at TEXT,
                PRIMARY KEY (run_id, source)
            );
            -- seq from one sequence: workers of one run append items without a counter to share.
            CREATE TABLE run_item (
                run_id TEXT COLLATE "C" NOT NULL,
                seq BIGSERIAL NOT NULL,
                source TEXT NOT NULL,
                item TEXT NOT NULL,
                record_id TEXT,
                outcome TEXT NOT NULL,
                url TEXT,
                message TEXT,
                PRIMARY KEY (run_id, seq)
            );
            CREATE TABLE http_validator (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                body_hash TEXT
            );
            CREATE TABLE source_state (
                source TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (source, key)
            );
            """
        ),
        (
            "pg-v2-worker-leases",
            """
            -- A run shared by harvest workers; at most one is open at a time.
            CREATE TABLE worker_run (
                run_id TEXT COLLATE "C" PRIMARY KEY,
                opened_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
                closed_at TIMESTAMPTZ,
                closed_by TEXT
            );
            CREATE UNIQUE INDEX worker_run_one_open ON worker_run ((TRUE)) WHERE closed_at IS NULL;
            -- One row per source of a shared run: pending, leased (until lease_until), done.
            CREATE TABLE source_lease (
                run_id TEXT COLLATE "C" NOT NULL REFERENCES worker_run(run_id),
                source TEXT COLLATE "C" NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'leased', 'done')),
                worker TEXT,
                lease_until TIMESTAMPTZ,
                heartbeat_at TIMESTAMPTZ,
                attempts INTEGER NOT NULL DEFAULT 0,
                previous_worker TEXT,
                status TEXT,
                started_at TIMESTAMPTZ,
                finished_at TIMESTAMPTZ,
                PRIMARY KEY (run_id, source)
            );
            """
        ),
        (
            "pg-v3-index-followers",
            """
            -- Several search hosts index one catalogue, each at its own pace: a change sequence over
            -- the records (numbers given in commit order, see PostgresStore.stampChanges) and one
            -- cursor per follower, instead of one indexed_version that the first host would clear
            -- for all. Which host indexed what before cannot be known: every follower starts over.
            ALTER TABLE record ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
            UPDATE record SET change_seq = s.n
              FROM (SELECT id, row_number() OVER (ORDER BY last_changed, id) AS n FROM record) AS s
              WHERE record.id = s.id;
            CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL);
            INSERT INTO change_counter (id, seq) SELECT 1, COALESCE(MAX(change_seq), 0) FROM record;
            CREATE INDEX record_by_change_seq ON record(change_seq);
            DROP INDEX record_index_pending;
            ALTER TABLE record DROP COLUMN indexed_version;
            CREATE TABLE index_follower (
                name TEXT COLLATE "C" PRIMARY KEY,
                applied_seq BIGINT NOT NULL DEFAULT 0,
                updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
            );
            """
        ),
        (
            "pg-v4-current-records-index",
            """
            -- The current records of a kind in id order (the DCAT pages' OFFSET, counts per kind)
            -- without reading the table (SQLite's v5-current-records-index).
            CREATE INDEX record_current_by_kind ON record(kind_rank, id) WHERE archived_at IS NULL;
            """
        ),
    ]

    /// Applies the migrations this database lacks; refuses a database from a newer ogp.
    static func migrate(_ pool: PostgresPool) throws(StoreError) {
        do {
            // Up to date (the usual case): no lock, so that a dry run's long transaction does not
            // hold the migration lock that every other opener would wait for.
            let current = try pool.with { db in
                guard
                    try db.query("SELECT to_regclass('ogp_migration') IS NOT NULL AS present").value(0, "present")
                        == "t"
                else { return false }
                return Set(try db.query("SELECT id FROM ogp_migration").rows.compactMap { $0[0] })
                    == Set(migrations.map(\.id))
            }
            if current { return }
            try pool.transaction { db in
                try db.query("SELECT pg_advisory_xact_lock($1)", [String(migrationLock)])
                try db.run(
                    "CREATE TABLE IF NOT EXISTS ogp_migration (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                )
                let applied = Set(try db.query("SELECT id FROM ogp_migration").rows.compactMap { $0[0] })
                let known = Set(migrations.map(\.id))
                if !applied.subtracting(known).isEmpty {
                    throw StoreError(
                        .newerSchema,
                        "the catalogue database was written by a newer version of ogp; upgrade ogp or use another store",
                        path: pool.displayURL)
                }
                for migration in migrations where !applied.contains(migration.id) {
                    try db.run(migration.sql)
                    try db.query("INSERT INTO ogp_migration (id) VALUES ($1)", [migration.id])
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, "cannot migrate the catalogue database", path: pool.displayURL, cause: error)
        }
    }
}
