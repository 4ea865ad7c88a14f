import GRDB
/// An error of the catalogue store, with a code, a message, the underlying cause and the place.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The database file could not be opened or created.
        case cannotOpen
        /// The database was written by a newer version of ogp.
        case newerSchema
        /// The data is not what the store wrote (corrupt JSON, unknown kind).
        case corrupt
        /// A read or write failed (disk full, locked for too long, I/O error).
        case io
    }

    public var code: Code
    public var message: String
    /// The database path.
    public var path: String
    public var cause: String?

    public init(_ code: Code, _ message: String, path: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.cause = cause.map { String(describing: $0) }
    }

    public var description: String {
        var s = "\(message) (\(path))"
        if let cause { s += ": \(cause)" }
        return s
    }
}

extension StoreError {
    /// What to do about a damaged catalogue file.
    public static let damageAdvice =
        "nothing was written. Restore catalog.sqlite from a backup, or harvest again into a new data directory (--data-dir)"

    /// A `.corrupt` error when `error` is SQLite's "database disk image is malformed" or "file is
    /// not a database", nil for any other error.
    static func damaged(_ error: any Error, path: String) -> StoreError? {
        guard let db = error as? DatabaseError,
            [ResultCode.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(db.resultCode.primaryResultCode)
        else { return nil }
        return StoreError(.corrupt, "the catalogue database is damaged (\(db.message ?? "malformed")); \(damageAdvice)", path: path)
    }
}
