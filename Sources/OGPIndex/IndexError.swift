import Foundation
import OGPCore

/// An error from the index: a stable code, a message, and where it happened.
///
/// Segments are memory-mapped and may be truncated or corrupt; every read is bounds-checked and
/// reports the file and byte offset of the first inconsistency instead of crashing.
public struct IndexError: OGPError, Equatable {
    /// Stable, machine-readable error codes.
    public struct Code: ErrorCode {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A file is shorter than its contents claim, or a value is out of range.
        public static let corrupt = Code(rawValue: "corrupt")
        /// A file was written by an incompatible format version.
        public static let formatVersion = Code(rawValue: "formatVersion")
        /// A file could not be opened, read, written, synced or renamed.
        public static let io = Code(rawValue: "io")
        /// Another process holds the writer lock.
        public static let locked = Code(rawValue: "locked")
        /// The directory holds no committed index.
        public static let notAnIndex = Code(rawValue: "notAnIndex")
        /// A document or query is invalid (unknown field, empty id…).
        public static let invalidInput = Code(rawValue: "invalidInput")
        /// The task was cancelled during a long operation (a merge); nothing was committed.
        public static let cancelled = Code(rawValue: "cancelled")
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The file concerned, if any.
    public var file: String?
    /// The byte offset in `file`, if relevant.
    public var offset: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, file: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.offset = offset
    }

    public var place: ErrorPlace { .at(file, offset: offset) }
    /// Index errors carry their cause in the message (errno's text).
    public var underlying: (any Error & Sendable)? { nil }

    public var description: String {
        var s = "index error [\(code.rawValue)]: \(message)"
        if let file { s += " (\(file)" + (offset.map { " @\($0)" } ?? "") + ")" }
        return s
    }

    static func corrupt(_ message: String, file: String, offset: Int) -> IndexError {
        IndexError(.corrupt, message, file: file, offset: offset)
    }

    static func io(_ message: String, file: String) -> IndexError {
        IndexError(.io, "\(message): \(String(cString: strerror(errno)))", file: file)
    }
}
