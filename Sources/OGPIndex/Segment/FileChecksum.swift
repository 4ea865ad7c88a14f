import CZlib
import Foundation
import Synchronization

/// A checksum footer on every segment and deletion file, as Lucene's codec footer, at the file
/// level (independent of what the file holds):
///
/// ```
/// content · CRC-32 of each 32 KB chunk of content (u32 each) · content length (u64) ·
/// chunk size (u32) · CRC-32 of the footer so far (u32) · "OGPK"
/// ```
///
/// Readers check the footer itself at open (magic, its own CRC, the length against the file's
/// size), then a chunk's CRC before its bytes are first used: small files (the term dictionary,
/// doc values, deletions) are checked whole at open; postings and stored documents chunk by
/// chunk as queries reach them, so a cold `ogp-search` reads no more than it did. Every chunk is
/// checked by ``IndexReader/verifyChecksums()`` (run before each harvest's index update).
/// A mismatch is an ``IndexError`` `.corrupt` that says to rebuild.
enum FileChecksum {
    static let magic: [UInt8] = Array("OGPK".utf8)
    static let chunkSize = 32 * 1024
    /// Length of the fixed part after the chunk table.
    static let trailerSize = 8 + 4 + 4 + 4

    /// What to tell the user when a checksum does not match.
    static let rebuildAdvice =
        "the index is corrupt: rebuild it with `ogp index --rebuild` (the next harvest also rebuilds it)"

    static func crc(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var crc: UInt = 0
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 30)
            crc = crc32(crc, base.assumingMemoryBound(to: UInt8.self) + offset, UInt32(n))
            offset += n
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The footer for `content`.
    static func footer(for content: [UInt8]) -> [UInt8] {
        var out = ByteBuffer()
        content.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + chunkSize)
                out.u32(crc(UnsafeRawBufferPointer(rebasing: all[offset..<end])))
                offset = end
            }
        }
        out.u64(UInt64(content.count))
        out.u32(UInt32(chunkSize))
        let own = out.bytes.withUnsafeBytes { crc($0) }
        out.u32(own)
        out.append(magic)
        return out.bytes
    }

    /// Parses and checks the footer of `file` (whole file bytes): returns the content length and
    /// the chunk CRCs.
    static func readFooter(
        _ file: UnsafeRawBufferPointer, name: String
    ) throws(IndexError) -> (content: Int, chunks: [UInt32]) {
        let size = file.count
        guard size >= trailerSize,
            Array(UnsafeRawBufferPointer(rebasing: file[(size - 4)...])) == magic
        else {
            throw IndexError.corrupt("no checksum footer; \(rebuildAdvice)", file: name, offset: max(0, size - 4))
        }
        let content = file.loadUnaligned(fromByteOffset: size - 20, as: UInt64.self).littleEndian
        let chunk = Int(file.loadUnaligned(fromByteOffset: size - 12, as: UInt32.self).littleEndian)
        let own = file.loadUnaligned(fromByteOffset: size - 8, as: UInt32.self).littleEndian
        guard chunk == chunkSize, content <= UInt64(size) else {
            throw IndexError.corrupt("bad checksum footer; \(rebuildAdvice)", file: name, offset: size - 20)
        }
        let contentLength = Int(content)
        let chunkCount = (contentLength + chunkSize - 1) / chunkSize
        let footerStart = contentLength
        guard footerStart + 4 * chunkCount + trailerSize == size else {
            throw IndexError.corrupt(
                "checksum footer does not match the file size; \(rebuildAdvice)", file: name, offset: footerStart)
        }
        guard crc(UnsafeRawBufferPointer(rebasing: file[footerStart..<(size - 8)])) == own else {
            throw IndexError.corrupt("checksum footer damaged; \(rebuildAdvice)", file: name, offset: footerStart)
        }
        var chunks: [UInt32] = []
        chunks.reserveCapacity(chunkCount)
        for i in 0..<chunkCount {
            chunks.append(file.loadUnaligned(fromByteOffset: footerStart + 4 * i, as: UInt32.self).littleEndian)
        }
        return (contentLength, chunks)
    }

    /// The content of a small file read whole (deletion bitmaps), its every chunk checked.
    static func checkedContent(_ bytes: [UInt8], name: String) throws(IndexError) -> [UInt8] {
        try withBytes(bytes) { all throws(IndexError) -> [UInt8] in
            let (length, chunks) = try readFooter(all, name: name)
            for (i, expected) in chunks.enumerated() {
                let start = i * chunkSize
                let end = min(length, start + chunkSize)
                guard crc(UnsafeRawBufferPointer(rebasing: all[start..<end])) == expected else {
                    throw IndexError.corrupt("checksum mismatch; \(rebuildAdvice)", file: name, offset: start)
                }
            }
            return Array(all[0..<length])
        }
    }
}

/// Which chunks of a mapped file were checked already (shared by the threads searching it).
/// A checked chunk is a bit set once and never cleared: reading it takes no lock (an acquiring
/// load), so the per-lookup checks of the term dictionary and the postings cost next to nothing
/// once their chunks were read.
final class ChunkVerifier: @unchecked Sendable {
    private let lock = NSLock()
    /// One bit per chunk, set (releasing) after the chunk's CRC matched.
    private let verified: UnsafeMutablePointer<Atomic<UInt64>>
    private let words: Int
    private let expected: [UInt32]
    private let content: UnsafeRawBufferPointer
    private let name: String

    init(content: UnsafeRawBufferPointer, chunks: [UInt32], name: String) {
        self.content = content
        expected = chunks
        words = max(1, (chunks.count + 63) / 64)
        verified = .allocate(capacity: words)
        for i in 0..<words { (verified + i).initialize(to: Atomic(0)) }
        self.name = name
    }

    deinit {
        verified.deinitialize(count: words)
        verified.deallocate()
    }

    @inline(__always)
    private func isVerified(_ i: Int) -> Bool {
        verified[i >> 6].load(ordering: .acquiring) & (1 << UInt64(i & 63)) != 0
    }

    /// Checks every not yet checked chunk overlapping `range` (clamped to the content).
    @inline(__always)
    func verify(_ range: Range<Int>) throws(IndexError) {
        let lower = max(0, range.lowerBound)
        let upper = min(content.count, range.upperBound)
        guard lower < upper else { return }
        let first = lower / FileChecksum.chunkSize
        let last = (upper - 1) / FileChecksum.chunkSize
        var i = first
        while i <= last && isVerified(i) { i += 1 }
        guard i <= last else { return }
        try check(i...last)
    }

    private func check(_ chunks: ClosedRange<Int>) throws(IndexError) {
        lock.lock()
        defer { lock.unlock() }
        for i in chunks where !isVerified(i) {
            let start = i * FileChecksum.chunkSize
            let end = min(content.count, start + FileChecksum.chunkSize)
            guard FileChecksum.crc(UnsafeRawBufferPointer(rebasing: content[start..<end])) == expected[i] else {
                throw IndexError.corrupt("checksum mismatch; \(FileChecksum.rebuildAdvice)", file: name, offset: start)
            }
            verified[i >> 6].bitwiseOr(1 << UInt64(i & 63), ordering: .releasing)
        }
    }

    func verifyAll() throws(IndexError) { try verify(0..<content.count) }
}
