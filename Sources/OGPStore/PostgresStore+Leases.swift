import Foundation

extension PostgresStore: SourceLeasing {
    /// The advisory lock key of harvests ("ogp-harv"): shared by workers, exclusive for a plain harvest.
    static let harvestLockKey = 0x6f67_702d_6861_7276

    public func tryHarvestLock(shared: Bool) throws(StoreError) -> (any StoreHarvestLock)? {
        try guarded("cannot take the harvest lock") {
            // A session lock on a connection of its own: the server releases it if the process dies.
            let connection = try PostgresConnection(url: pool.url)
            let function = shared ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock"
            let taken = try connection.query("SELECT \(function)($1) AS taken", [String(Self.harvestLockKey)]).value(
                0, "taken")
            return taken == "t" ? PostgresHarvestLock(connection) : nil
        }
    }

    public func joinSharedRun(proposedID: String, sources: [String]) throws(StoreError) -> (runID: String, opened: Bool)
    {
        try guarded("cannot join the shared run") {
            try pool.transaction { db in
                try db.query("SELECT pg_advisory_xact_lock($1)", [String(Self.harvestLockKey + 1)])
                if let open = try db.query("SELECT run_id FROM worker_run WHERE closed_at IS NULL").value(0, "run_id") {
                    return (open, false)
                }
                try db.query("INSERT INTO worker_run (run_id) VALUES ($1)", [proposedID])
                try db.query(
                    "INSERT INTO source_lease (run_id, source) SELECT $1, s FROM unnest($2::text[]) AS s ON CONFLICT DO NOTHING",
                    [proposedID, Self.textArray(sources)])
                return (proposedID, true)
            }
        }
    }

    public func claimSource(
        run: String, among names: [String], worker: String, seconds: Double
    ) throws(StoreError) -> LeasedSource? {
        try guarded("cannot claim a source") {
            try pool.transaction { db in
                // Rows another worker is claiming right now are skipped, not waited for.
                let r = try db.query(
                    """
                    SELECT source, state, worker FROM source_lease
                    WHERE run_id = $1 AND source = ANY($2::text[])
                      AND (state = 'pending' OR (state = 'leased' AND lease_until < clock_timestamp()))
                    ORDER BY attempts, source LIMIT 1 FOR UPDATE SKIP LOCKED
                    """, [run, Self.textArray(names)])
                guard let source = r.value(0, "source") else { return nil }
                let previous = r.value(0, "state") == "leased" ? r.value(0, "worker") : nil
                let updated = try db.query(
                    """
                    UPDATE source_lease SET state = 'leased', worker = $3, previous_worker = COALESCE($4, previous_worker),
                      lease_until = clock_timestamp() + make_interval(secs => $5::float8), heartbeat_at = clock_timestamp(),
                      attempts = attempts + 1, started_at = clock_timestamp()
                    WHERE run_id = $1 AND source = $2 RETURNING attempts
                    """, [run, source, worker, previous, String(seconds)])
                return LeasedSource(source: source, attempt: updated.int(0, "attempts") ?? 1, takenOverFrom: previous)
            }
        }
    }

    public func renewLease(run: String, source: String, worker: String, seconds: Double) throws(StoreError) -> Bool {
        try guarded("cannot renew a lease") {
            try pool.with { db in
                try db.query(
                    """
                    UPDATE source_lease SET lease_until = clock_timestamp() + make_interval(secs => $4::float8),
                      heartbeat_at = clock_timestamp()
                    WHERE run_id = $1 AND source = $2 AND worker = $3 AND state = 'leased'
                    """, [run, source, worker, String(seconds)]
                ).affected == 1
            }
        }
    }

    @discardableResult
    public func completeSource(run: String, source: String, worker: String, status: String) throws(StoreError) -> Bool {
        try guarded("cannot complete a source") {
            try pool.with { db in
                try db.query(
                    """
                    UPDATE source_lease SET state = 'done', status = $4, finished_at = clock_timestamp(), lease_until = NULL
                    WHERE run_id = $1 AND source = $2 AND worker = $3 AND state = 'leased'
                    """, [run, source, worker, status]
                ).affected == 1
            }
        }
    }

    public func leases(run: String) throws(StoreError) -> [SourceLease] {
        try guarded("cannot read the leases") {
            try pool.with { db in
                let r = try db.query(
                    """
                    SELECT source, state, worker, attempts, previous_worker, status,
                      to_char(lease_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS lease_until
                    FROM source_lease WHERE run_id = $1 ORDER BY source
                    """, [run])
                return r.rows.indices.map { i in
                    SourceLease(
                        runID: run, source: r.value(i, "source") ?? "",
                        state: r.value(i, "state").flatMap(SourceLease.State.init(rawValue:)) ?? .pending,
                        worker: r.value(i, "worker"), leaseUntil: r.value(i, "lease_until"),
                        attempts: r.int(i, "attempts") ?? 0,
                        previousWorker: r.value(i, "previous_worker"), status: r.value(i, "status"))
                }
            }
        }
    }

    public func closeSharedRun(run: String, worker: String) throws(StoreError) -> Bool {
        try guarded("cannot close the shared run") {
            try pool.with { db in
                try db.query(
                    """
                    UPDATE worker_run SET closed_at = clock_timestamp(), closed_by = $2
                    WHERE run_id = $1 AND closed_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM source_lease WHERE run_id = $1 AND state <> 'done')
                    """, [run, worker]
                ).affected == 1
            }
        }
    }

    public func abandonSharedRun(by holder: String) throws(StoreError) -> String? {
        try guarded("cannot close the shared run") {
            try pool.with { db in
                try db.query(
                    "UPDATE worker_run SET closed_at = clock_timestamp(), closed_by = $1 WHERE closed_at IS NULL RETURNING run_id",
                    [holder]
                ).value(0, "run_id")
            }
        }
    }

    public func openSharedRun() throws(StoreError) -> String? {
        try guarded("cannot read the shared run") {
            try pool.with { db in
                try db.query("SELECT run_id FROM worker_run WHERE closed_at IS NULL").value(0, "run_id")
            }
        }
    }
}

/// A harvest lock held by a session of its own; closing the connection releases it.
final class PostgresHarvestLock: StoreHarvestLock, @unchecked Sendable {
    private let lock = NSLock()
    private var connection: PostgresConnection?

    init(_ connection: PostgresConnection) { self.connection = connection }

    func release() {
        lock.lock()
        // Unlocked here, synchronously: closing the connection alone frees the lock only when the
        // server's backend has exited, after this returns, so a harvest started right after this
        // one could still find it held ("another harvest is running: unknown holder").
        _ = try? connection?.query("SELECT pg_advisory_unlock_all()")
        connection = nil
        lock.unlock()
    }
}
