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

