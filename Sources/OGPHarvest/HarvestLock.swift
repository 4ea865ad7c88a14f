import Foundation

/// The one-harvest-at-a-time lock: `flock` on `harvest.lock` in the data directory, holding the
/// holder's PID, host and start time. The kernel releases a `flock` when its process dies, so a
/// lock left by a killed run is taken over (with a warning naming the dead holder).
public final class HarvestLock: @unchecked Sendable {
    /// Who holds (or held) the lock.
    public struct Holder: Codable, Sendable, Hashable, CustomStringConvertible {
        /// The holder's process id.
        public var pid: Int32
        /// The holder's host name.
        public var host: String
        /// When the holder's run started (ISO 8601).
        public var startedAt: String
        /// The holder's run id.
        public var runID: String

        /// Creates the value.
        public init(pid: Int32, host: String, startedAt: String, runID: String) {
            self.pid = pid
            self.host = host
            self.startedAt = startedAt
            self.runID = runID
        }

        /// For messages: who holds it.
        public var description: String { "pid \(pid) on \(host), started \(startedAt) (run \(runID))" }
    }

    /// Why the lock could not be taken.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case held(by: Holder?, path: String)
        case io(path: String, reason: String)

        /// For messages: who holds it.
        public var description: String {
            switch self {
            case .held(let holder, let path):
                "another harvest is running: \(holder.map { "\($0)" } ?? "unknown holder") (lock \(path))"
            case .io(let path, let reason):
                "cannot use the lock file \(path): \(reason)"
            }
        }
    }

    /// The lock file.
    public let path: String
    private let fd: Int32
    /// The holder found in the file when it was taken over (its process had died).
    public let previousHolder: Holder?

    /// Takes the lock, or fails at once if another live process holds it.
    public init(path: String, holder: Holder) throws(Failure) {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        let existing = Self.readHolder(fd)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK { throw .held(by: existing, path: path) }
            throw .io(path: path, reason: String(cString: strerror(reason)))
        }
        self.fd = fd
        self.previousHolder = existing
        ftruncate(fd, 0)
        if let data = try? JSONEncoder().encode(holder) {
            _ = data.withUnsafeBytes { pwrite(fd, $0.baseAddress, data.count, 0) }
            fsync(fd)
        }
    }

    /// Releases the lock and clears the holder.
    public func release() {
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The holder recorded in a lock file, if any (for messages and `ogp status`).
    public static func holder(at path: String) -> Holder? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readHolder(fd)
    }

    private static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return try? JSONDecoder().decode(Holder.self, from: Data(buffer[0..<n]))
    }
}
