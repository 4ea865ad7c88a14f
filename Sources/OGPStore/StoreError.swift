import GRDB
import OGPCore

/// An error of the catalogue store, with a code, a message, the underlying cause and the place.
public struct StoreError: OGPError {
    /// The store's error codes.
    public struct Code: ErrorCode {
        /// The code as text.
        public let rawValue: String
        /// A code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The database file could not be opened or created.
        public static let cannotOpen = Code(rawValue: "cannotOpen")
        /// The database was written by a newer version of ogp.
        public static let newerSchema = Code(rawValue: "newerSchema")
        /// The data is not what the store wrote (corrupt JSON, unknown kind).
        public static let corrupt = Code(rawValue: "corrupt")
        /// A read or write failed (disk full, locked for too long, I/O error).
        public static let io = Code(rawValue: "io")
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for people.
    public var message: String
    /// The database path.
    public var path: String
    /// The error that caused this one (GRDB's, Foundation's), kept typed.
    public var underlying: (any Error & Sendable)?

    /// An error; `cause` is kept typed as `underlying`.
    public init(_ code: Code, _ message: String, path: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = cause
    }

    /// The database path as the error's place.
    public var place: ErrorPlace { .at(path) }

    /// The underlying error as text.
    public var cause: String? { underlying.map(describeError) }

    /// `message (path): cause`.
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
        return StoreError(
            .corrupt, "the catalogue database is damaged (\(db.message ?? "malformed")); \(damageAdvice)", path: path)
    }
}
