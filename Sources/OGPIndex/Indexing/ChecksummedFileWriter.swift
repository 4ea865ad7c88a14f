import CZlib
import Foundation
import OGPCore

#if canImport(Glibc)
import Glibc
#endif

/// A segment file written as it is made, in pieces, with the checksum footer
/// ``DurableFile/write(_:to:checksummed:)`` adds (the same bytes), fsync'ed by ``finish()``.
/// A merge writes its postings through it: the file is never held whole in memory.
final class ChecksummedFileWriter {
    let path: String
    /// Content bytes appended so far.
    private(set) var count = 0
    private var fd: Int32
    /// Content not yet written (written a megabyte at a time).
    private var pending: [UInt8] = []
    private var chunkCRCs: [UInt32] = []
    /// The CRC of the current chunk so far, and its bytes.
    private var crc: UInt = 0
    private var fill = 0
    private static let writeBytes = 1 << 20

    /// Creates (or truncates) `path`.
    init(path: String) throws(IndexError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io("cannot create", file: path) }
        pending.reserveCapacity(Self.writeBytes + FileChecksum.chunkSize)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Appends `bytes` to the content.
    func append(_ bytes: UnsafeRawBufferPointer) throws(IndexError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let take = min(bytes.count - offset, FileChecksum.chunkSize - fill)
            crc = crc32(crc, base.assumingMemoryBound(to: UInt8.self) + offset, UInt32(take))
            fill += take
            offset += take
            if fill == FileChecksum.chunkSize {
                chunkCRCs.append(UInt32(truncatingIfNeeded: crc))
                crc = 0
                fill = 0
            }
        }
        pending.append(contentsOf: bytes)
        count += bytes.count
        if pending.count >= Self.writeBytes { try writePending() }
    }

    /// Appends `bytes` to the content.
    func append(_ bytes: [UInt8]) throws(IndexError) {
        try withBytes(bytes) { b throws(IndexError) in try append(b) }
    }

    private func writePending() throws(IndexError) {
        let failure = FileDescriptorWrite.all(fd, pending)
        if failure != 0 {
            errno = failure
            throw IndexError.io("cannot write", file: path)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes the rest and the footer, and fsyncs the file.
    func finish() throws(IndexError) {
        try writePending()
        if fill > 0 { chunkCRCs.append(UInt32(truncatingIfNeeded: crc)) }
        var footer = ByteBuffer()
        for c in chunkCRCs { footer.u32(c) }
        footer.u64(UInt64(count))
        footer.u32(UInt32(FileChecksum.chunkSize))
        let own = footer.bytes.withUnsafeBytes { FileChecksum.crc($0) }
        footer.u32(own)
        footer.append(FileChecksum.magic)
        pending = footer.bytes
        try writePending()
        guard fsync(fd) == 0 else { throw IndexError.io("cannot fsync", file: path) }
        close(fd)
        fd = -1
    }
}
