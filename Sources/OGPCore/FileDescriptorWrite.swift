import Foundation

/// Writes a whole buffer to a file descriptor. POSIX `write` may take part of a buffer, or be
/// interrupted by a signal before writing anything (`EINTR`); every writer of ogp (the console,
/// the log file, exports, index files) needs the same loop, so it is written once, here.
public enum FileDescriptorWrite {
    /// Writes every byte of `bytes` to `fd`, retrying short writes and `EINTR`. Returns 0, or the
    /// `errno` of the write that failed (`EIO` for a write that took nothing).
    public static func all(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return 0
    }

    /// ``all(_:_:)`` for an array of bytes.
    public static func all(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { all(fd, $0) }
    }
}
