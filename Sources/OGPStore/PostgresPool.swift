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

    init(url: String, limit: Int = 8) {
        self.url = url
        self.displayURL = Self.redacted(url)
        self.limit = max(1, limit)
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
                return try with { connection in
                    try connection.run("BEGIN")
                    do {
                        let value = try body(connection)
                        try connection.run("COMMIT")
                        return value
                    } catch {
                        try? connection.run("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PostgresError where error.isRetryable && attempt < 5 {
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
            }
        }
    }

    private func take() throws(PostgresError) -> PostgresConnection {
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
