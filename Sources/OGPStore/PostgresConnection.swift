import CLibPQ
import Foundation

/// A failed PostgreSQL call: the server's SQLSTATE (when it answered) and its message.
struct PostgresError: Error, Sendable, CustomStringConvertible {
    var sqlState: String?
    var message: String

    /// A deadlock or a serialization failure: the transaction can be run again.
    var isRetryable: Bool { sqlState == "40P01" || sqlState == "40001" || sqlState == "23505" }

    var description: String { sqlState.map { "\(message) [SQLSTATE \($0)]" } ?? message }
}

/// The rows of one statement's result, copied out of libpq (text format; NULL is nil).
struct PostgresRows: Sendable {
    var columns: [String: Int]
    var rows: [[String?]]
    /// Rows inserted, updated or deleted (`PQcmdTuples`).
    var affected: Int

    /// The value of `column` in row `row`.
    func value(_ row: Int, _ column: String) -> String? {
        guard let c = columns[column], row < rows.count else { return nil }
        return rows[row][c]
    }

    func int(_ row: Int, _ column: String) -> Int? { value(row, column).flatMap { Int($0) } }
}

/// One libpq connection. Not thread-safe: ``PostgresPool`` lends it to one caller at a time.
/// This is the only file that imports CLibPQ.
final class PostgresConnection {
    private let handle: OpaquePointer
    /// Statements prepared on this connection, by SQL text.
    private var prepared: [String: String] = [:]

    /// Connects to `url` (a `postgres://` URI or a libpq key=value string).
    init(url: String) throws(PostgresError) {
        // The URL comes last so that its own parameters win over these defaults.
        let keys = ["connect_timeout", "application_name", "dbname"]
        let values = ["10", "ogp", url]
        let conn: OpaquePointer? = withCStrings(keys) { k in
            withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw PostgresError(message: "out of memory connecting to PostgreSQL") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(conn)
            throw PostgresError(message: message.isEmpty ? "cannot connect" : message)
        }
        // Notices ("already exists, skipping"…) are not for the user's terminal.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        handle = conn
        // Statements are prepared once per connection; a generic plan made while the catalogue
        // was small (a sequential scan) would stay as it grows. Plan each execution instead.
        try run("SET plan_cache_mode = force_custom_plan")
    }

    deinit { PQfinish(handle) }

    /// False once the server or the network dropped the connection.
    var isUsable: Bool { PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// Runs one or more statements without parameters (schema changes, BEGIN, COMMIT).
    func run(_ sql: String) throws(PostgresError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result)
    }

    /// Runs one statement with text parameters, prepared once per connection.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "s\(prepared.count)"
            let result = PQprepare(handle, name, sql, 0, nil)
            defer { PQclear(result) }
            try check(result)
            prepared[sql] = name
        }
        let result: OpaquePointer? = withOptionalCStrings(parameters) { pointers in
            PQexecPrepared(handle, name, Int32(pointers.count), pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result)
        return rows(result)
    }

    private func check(_ result: OpaquePointer?) throws(PostgresError) {
        guard let result else {
            throw PostgresError(
                message: String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresError(sqlState: state, message: message.isEmpty ? "PostgreSQL call failed" : message)
        }
    }

    private func rows(_ result: OpaquePointer?) -> PostgresRows {
        guard let result else { return PostgresRows(columns: [:], rows: [], affected: 0) }
        let nColumns = PQnfields(result), nRows = PQntuples(result)
        var columns: [String: Int] = [:]
        for c in 0..<nColumns { columns[String(cString: PQfname(result, c))] = Int(c) }
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(nRows))
        for r in 0..<nRows {
            var row: [String?] = []
            row.reserveCapacity(Int(nColumns))
            for c in 0..<nColumns {
                if PQgetisnull(result, r, c) != 0 {
                    row.append(nil)
                } else {
                    let length = Int(PQgetlength(result, r, c))
                    let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result, r, c), count: length)
                    row.append(String(decoding: bytes, as: UTF8.self))
                }
            }
            rows.append(row)
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, rows: rows, affected: affected)
    }
}

/// Calls `body` with C strings for `strings`, valid during the call.
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    withOptionalCStrings(strings.map { Optional($0) }) { pointers in
        body(pointers + [nil])
    }
}

private func withOptionalCStrings<T>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
    defer { for copy in copies { free(copy) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
