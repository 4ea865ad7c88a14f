import Foundation
import OGPCore

/// A buffered output written atomically: to a temporary file beside the target, fsync'ed, then
/// renamed over it. On any error the temporary file is removed and the previous file stays.
/// With no path, writes to standard output.
///
/// Only a regular file (or a new path) is replaced so: a FIFO or a character device (`/dev/null`,
/// `/dev/stdout`, a terminal) is written in place, as a shell redirection would, never replaced by
/// a regular file; a symbolic link to a regular file keeps the link and replaces its target; a
/// directory, a block device or a socket is refused with an error that says what it is.
final class OutputFile {
    private let target: String?
    private let tempPath: String?
    /// The file the temporary file is renamed over (the target, or where its symbolic link points).
    private var replaced: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 16
    /// Kept in memory (``bytes``), never written anywhere.
    private let inMemory: Bool

    /// An output kept in memory: a page served over HTTP (``bytes``).
    init(inMemory: Void) {
        target = nil
        tempPath = nil
        fd = -1
        self.inMemory = true
        buffer.reserveCapacity(Self.flushSize)
    }

    /// What an in-memory output holds.
    var bytes: [UInt8] { buffer }

    init(path: String?) throws(ExportError) {
        target = path
        inMemory = false
        guard let path else {
            tempPath = nil
            fd = STDOUT_FILENO
            return
        }
        var st = stat()
        if stat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG:
                break
            case S_IFIFO, S_IFCHR:
                // Written in place: replacing a pipe or a device by a regular file would break it.
                let opened = open(path, O_WRONLY | O_CLOEXEC)
                guard opened >= 0 else {
                    throw ExportError(
                        .cannotCreate, "cannot open the output for writing", path: path, cause: String(cString: strerror(errno)))
                }
                tempPath = nil
                fd = opened
                return
            case S_IFDIR:
                throw ExportError(.cannotCreate, "the output is a directory; give a file name", path: path)
            default:
                throw ExportError(
                    .cannotCreate, "the output is neither a regular file, a pipe nor a character device; refusing to write to it",
                    path: path)
            }
        }
        // A symbolic link keeps pointing where it did: the file it points to is replaced.
        let real =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { link in
                link.hasPrefix("/")
                    ? link : (((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(link))
            } ?? path
        let dir = (real as NSString).deletingLastPathComponent
        let name = (real as NSString).lastPathComponent
        let temp = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        let opened = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw ExportError(.cannotCreate, "cannot create the output file", path: path, cause: String(cString: strerror(errno)))
        }
        tempPath = temp
        replaced = real
        fd = opened
        buffer.reserveCapacity(Self.flushSize * 2)
    }

    func write(_ s: String) throws(ExportError) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func write(_ d: Data) throws(ExportError) {
        buffer.append(contentsOf: d)
        if buffer.count >= Self.flushSize { try flush() }
    }

    private func flush() throws(ExportError) {
        guard !inMemory else { return }
        let failure = FileDescriptorWrite.all(fd, buffer)
        if failure != 0 {
            let reason = String(cString: strerror(failure))
            abandon()
            throw ExportError(
                .io, "cannot write the export (is the disk full?)", path: target ?? "stdout", cause: reason)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over the target (or, written in place,
    /// closes it).
    func commit() throws(ExportError) {
        try flush()
        guard let target else { return }
        guard let tempPath, let replaced else {
            abandoned = true
            close(fd)
            return
        }
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ExportError(.io, "cannot sync the export to disk", path: target, cause: reason)
        }
        abandoned = true  // closed: nothing left to abandon but the temporary file
        close(fd)
        if rename(tempPath, replaced) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tempPath)
            throw ExportError(.cannotCreate, "cannot move the export into place", path: target, cause: reason)
        }
    }

    /// Writes `path` (or standard output) with `body`, then commits; on any error the output is
    /// abandoned (the previous file stays) and the error reported as an ``ExportError``.
    static func write<T>(to path: String?, _ body: (OutputFile) throws -> T) throws(ExportError) -> T {
        let out = try OutputFile(path: path)
        do {
            let result = try body(out)
            try out.commit()
            return result
        } catch let error as ExportError {
            out.abandon()
            throw error
        } catch let error as EncodingError {
            out.abandon()
            throw ExportError(.encoding, "cannot encode a record", path: path ?? "stdout", cause: "\(error)")
        } catch {
            out.abandon()
            // A write error thrown inside the store's record loop comes back wrapped by the store:
            // it is still a write error, not a read one.
            if let own = error as? any OGPError, let write = own.causes.lazy.compactMap({ $0 as? ExportError }).first {
                throw write
            }
            // Reading the catalogue is what the body does besides writing.
            throw ExportError(.store, "cannot read the catalogue", path: path ?? "stdout", underlying: error)
        }
    }

    /// Removes the temporary file; the previous target is untouched. (Written in place: closes it.)
    func abandon() {
        guard target != nil, !abandoned else { return }
        abandoned = true
        close(fd)
        if let tempPath { unlink(tempPath) }
    }
    private var abandoned = false
}

/// An export failure, naming the output and the cause.
public struct ExportError: OGPError {
    public struct Code: ErrorCode {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Writing the output failed (a full disk, a closed pipe): exit 74.
        public static let io = Code(rawValue: "io")
        /// The output could not be created, opened or moved into place (a directory, a missing
        /// parent, no permission): exit 73, as sysexits' EX_CANTCREAT.
        public static let cannotCreate = Code(rawValue: "cannotCreate")
        /// Reading the catalogue failed.
        public static let store = Code(rawValue: "store")
        /// A record could not be encoded.
        public static let encoding = Code(rawValue: "encoding")
    }

    public var code: Code
    public var message: String
    public var path: String
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, path: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = cause.map(TextCause.init)
    }

    public init(_ code: Code, _ message: String, path: String, underlying: (any Error & Sendable)?) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
    }

    public var place: ErrorPlace { .at(path) }
    public var cause: String? { underlying.map(describeError) }

    public var description: String {
        "\(path): \(message)" + (cause.map { " (\($0))" } ?? "")
    }
}
