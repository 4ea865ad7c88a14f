import Foundation
import OGPCore

#if canImport(Glibc)
import Glibc
#endif

/// A read-only memory mapping of a whole file, unmapped when released. The file ends with a
/// checksum footer (see ``FileChecksum``), checked at open; `bytes` is the content before it.
final class MappedFile: @unchecked Sendable {
    /// The content bytes (the footer excluded). Immutable after init, so safe to share.
    let bytes: UnsafeRawBufferPointer
    /// The whole mapping, footer included.
    private let mapping: UnsafeRawBufferPointer
    /// Checks the content's chunks against the footer's CRCs.
    let checksums: ChunkVerifier
    /// The file's path, for error messages.
    let path: String
    /// The file name alone, for error messages.
    let name: String

    init(path: String) throws(IndexError) {
        self.path = path
        name = (path as NSString).lastPathComponent
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IndexError.io("cannot open", file: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IndexError.io("cannot stat", file: path) }
        let size = Int(st.st_size)
        guard size > 0 else {
            throw IndexError.corrupt("empty file; \(FileChecksum.rebuildAdvice)", file: name, offset: 0)
        }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw IndexError.io("cannot mmap", file: path)
        }
        let whole = UnsafeRawBufferPointer(start: UnsafeRawPointer(p), count: size)
        let footer: (content: Int, chunks: [UInt32])
        do {
            footer = try FileChecksum.readFooter(whole, name: name)
        } catch {
            munmap(p, size)
            throw error
        }
        mapping = whole
        bytes = UnsafeRawBufferPointer(rebasing: whole[0..<footer.content])
        checksums = ChunkVerifier(content: bytes, chunks: footer.chunks, name: name)
    }

    deinit {
        if let base = mapping.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), mapping.count)
        }
    }

    /// Lets the kernel drop the pages of `range` of the content from memory (they are read from
    /// the file again if used): a merge reads each source once, front to back, and would
    /// otherwise keep every page it read resident until the sources are closed.
    func release(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0, let base = bytes.baseAddress else { return }
        // Whole pages within the range only (the mapping starts on a page).
        let lower = (max(0, range.lowerBound) + page - 1) / page * page
        let upper = min(range.upperBound, bytes.count) / page * page
        guard upper > lower else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + lower), upper - lower, MADV_DONTNEED)
    }

    func cursor(offset: Int = 0) -> ByteCursor {
        ByteCursor(bytes, offset: offset, file: name)
    }
}

/// Durable file writes: write, fsync, and directory fsync after renames.
enum DurableFile {
    /// Writes `bytes` to `path` (created or truncated), followed by their checksum footer
    /// (``FileChecksum``) when `checksummed`, and fsyncs it.
    static func write(_ content: [UInt8], to path: String, checksummed: Bool = true) throws(IndexError) {
        // The footer is written after the content, not appended to a copy of it (the postings
        // file is tens of megabytes).
        let footer = checksummed ? FileChecksum.footer(for: content) : []
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io("cannot create", file: path) }
        defer { close(fd) }
        for part in [content, footer] {
            let failure = FileDescriptorWrite.all(fd, part)
            if failure != 0 {
                errno = failure
                throw IndexError.io("cannot write", file: path)
            }
        }
        guard fsync(fd) == 0 else { throw IndexError.io("cannot fsync", file: path) }
    }

    /// Atomically replaces `path` with `bytes`: temp file, fsync, rename, directory fsync.
    static func replace(_ path: String, with bytes: [UInt8]) throws(IndexError) {
        let tmp = path + ".tmp"
        try write(bytes, to: tmp, checksummed: false)
        guard rename(tmp, path) == 0 else { throw IndexError.io("cannot rename", file: tmp) }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// fsyncs a directory so that renames and new entries are durable.
    static func syncDirectory(_ dir: String) throws(IndexError) {
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw IndexError.io("cannot open directory", file: dir) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw IndexError.io("cannot fsync directory", file: dir) }
    }

    /// Reads a whole small file.
    static func read(_ path: String) throws(IndexError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IndexError(.io, "cannot read", file: path)
        }
        return [UInt8](data)
    }
}
