import OGPCore
import Foundation

/// A buffered output written atomically: to a temporary file beside the target, fsync'ed, then
/// renamed over it. On any error the temporary file is removed and the previous file stays.
/// With no path, writes to standard output.
final class OutputFile {
    private let target: String?
    private let tempPath: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 16

    init(path: String?) throws(ExportError) {
        target = path
        guard let path else {
            tempPath = nil
            fd = STDOUT_FILENO
            return
        }
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temp = ((dir.isEmpty ? "." : dir) as NSString).appendingPathComponent(".\(name).tmp-\(getpid())")
        let opened = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw ExportError(.io, "cannot create the output file", path: path, cause: String(cString: strerror(errno)))
        }
        tempPath = temp
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
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                abandon()
                throw ExportError(.io, "cannot write the export (is the disk full?)", path: target ?? "stdout", cause: reason)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over the target.
    func commit() throws(ExportError) {
        try flush()
        guard let target, let tempPath else { return }
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ExportError(.io, "cannot sync the export to disk", path: target, cause: reason)
        }
        close(fd)
        if rename(tempPath, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tempPath)
            throw ExportError(.io, "cannot move the export into place", path: target, cause: reason)
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
        } catch {
            out.abandon()
            throw ExportError(.store, "cannot read the catalogue", path: path ?? "stdout", underlying: error)
        }
    }

    /// Removes the temporary file; the previous target is untouched.
    func abandon() {
        guard let tempPath else { return }
        close(fd)
        unlink(tempPath)
    }
}

/// An export failure, naming the output and the cause.
public struct ExportError: OGPError {
    public struct Code: ErrorCode {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Writing the output failed.
        public static let io = Code(rawValue: "io")
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
