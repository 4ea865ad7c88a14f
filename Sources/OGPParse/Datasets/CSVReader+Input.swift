import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Input side of ``CSVReader``: chunked reads (`pread` on a file, copies from bytes in memory)
/// and repositioning for resynchronisation.
extension CSVReader {
    func seek(to offset: Int, line: Int) {
        base = offset
        pos = 0
        end = 0
        atEOF = false
        self.line = line
    }

    /// Drops the consumed buffer and reads the next chunk; false at the end of the input.
    func refill() -> Bool {
        base += end
        pos = 0
        end = 0
        guard !atEOF else { return false }
        let count: Int
        switch source {
        case .file(let fd):
            var n = 0
            repeat {
                n = pread(fd, buffer, options.bufferSize, off_t(base))
            } while n < 0 && errno == EINTR
            if n < 0 { ioError = errno }
            count = Swift.max(0, n)
        case .memory(let bytes):
            count = Swift.max(0, Swift.min(options.bufferSize, bytes.count - base))
            if count > 0 {
                bytes.withUnsafeBufferPointer { all in
                    if let start = all.baseAddress { buffer.update(from: start + base, count: count) }
                }
            }
        }
        if count == 0 {
            atEOF = true
            return false
        }
        end = count
        return true
    }
}
