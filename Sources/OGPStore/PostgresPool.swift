import Foundation

/// A few libpq connections to one database, lent to one caller at a time. Concurrent sources
/// of a harvest write in parallel (PostgreSQL locks rows, not the database); a reader streaming
/// records can call the store from its loop body without waiting for itself.
final class PostgresPool: @unchecked Sendable {
    let url: String
    /// The URL without its password, for messages.
    let displayURL: String
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private let limit: Int
    /// The one connection of a pool whose work is never committed (a dry run), in a transaction
    /// opened at the start; transactions are savepoints in it.
    private let pinned: PostgresConnection?
    /// The thread using the pinned connection, and how many calls deep (a reader's loop body
    /// may call the store again).
    private var owner: pthread_t?
    private var depth = 0

    init(url: String, limit: Int = 8) {
        self.url = url
        self.displayURL = Self.redacted(url)
        self.limit = max(1, limit)
        self.pinned = nil
    }

    /// A pool of one connection in a transaction that ``discard()`` rolls back: whatever is
    /// written through it is seen by its own reads and by nobody else, then vanishes.
    init(uncommittedOn url: String) throws(PostgresError) {
        self.url = url
        self.displayURL = Self.redacted(url)
        self.limit = 1
        let connection = try PostgresConnection(url: url)
        try connection.run("BEGIN")
        self.pinned = connection
        self.open = 1
    }

    /// True for a pool whose work is rolled back at the end.
    var isUncommitted: Bool { pinned != nil }

    /// Rolls back everything done through an uncommitted pool (a no-op for a plain pool).
    func discard() {
        guard let pinned else { return }
        condition.lock()
        defer { condition.unlock() }
        try? pinned.run("ROLLBACK")
    }

    /// Runs `body` with a connection; a connection left unusable (dropped, mid-transaction) is closed.
    @discardableResult
    func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try take()
        defer { give(back: connection) }
        return try body(connection)
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
    /// A deadlock, serialization failure or unique-key race is retried from the start, up to 5 times.
    @discardableResult
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try inTransaction("BEGIN", body)
            } catch let error as PostgresError where error.isRetryable && attempt < 5 {
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
            }
        }
    }

    /// Runs `body` in one read-only snapshot (REPEATABLE READ), for a reader's cursor.
    func snapshot<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// `body` between `begin` (BEGIN with its options) and COMMIT on one connection, rolled back
    /// when it throws.
    private func inTransaction<T>(_ beginSQL: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        try with { connection in
            try begin(connection, beginSQL)
            do {
                let value = try body(connection)
                try commit(connection)
                return value
            } catch {
                rollback(connection)
                throw error
            }
        }
    }

    /// BEGIN (with `sql`'s options), or a savepoint inside the uncommitted transaction.
    private func begin(_ connection: PostgresConnection, _ sql: String) throws(PostgresError) {
        try connection.run(pinned == nil ? sql : "SAVEPOINT ogp_tx")
    }

    private func commit(_ connection: PostgresConnection) throws(PostgresError) {
        try connection.run(pinned == nil ? "COMMIT" : "RELEASE SAVEPOINT ogp_tx")
    }

    private func rollback(_ connection: PostgresConnection) {
        try? connection.run(pinned == nil ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT ogp_tx; RELEASE SAVEPOINT ogp_tx")
    }

    private func take() throws(PostgresError) -> PostgresConnection {
        if let pinned {
            condition.lock()
            let me = pthread_self()
            while let owner, pthread_equal(owner, me) == 0 { condition.wait() }
            owner = me
            depth += 1
            condition.unlock()
            return pinned
        }
        condition.lock()
        while idle.isEmpty && open >= limit { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try PostgresConnection(url: url)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func give(back connection: PostgresConnection) {
        if pinned != nil {
            condition.lock()
            depth -= 1
            if depth == 0 {
                owner = nil
                condition.broadcast()
            }
            condition.unlock()
            return
        }
        condition.lock()
        if connection.isUsable {
            idle.append(connection)
        } else {
            open -= 1
        }
        condition.signal()
        condition.unlock()
    }

    /// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
