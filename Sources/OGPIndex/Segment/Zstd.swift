import CZstd
import Foundation

/// zstd with a per-segment dictionary, for stored-field blocks (the only user of `CZstd`).
///
/// Blocks are small (16 KB) so that showing a hit decompresses little; a dictionary trained on
/// the segment's own documents gives them back the context a large block had (field names,
/// keyword values, URLs and boilerplate repeated across documents): smaller than 64 KB zlib
/// blocks, and several times faster to read.
enum Zstd {
    /// Compression level: zstd's default. On the data.gouv.fr export (116 MB of text, one
    /// segment), level 9 took 2 s more CPU than level 3 (15 % of the build) for a stored-fields
    /// file 8 % smaller (25.2 MB against 27.4 MB; the index 0.65 against 0.67 × raw, Tantivy's
    /// 0.73); level 5 saved 1.6 s for 26.7 MB, level 1 2.2 s for 30.0 MB. Reading does not
    /// depend on the level.
    static let level: Int32 = 3
    /// The level of an interim segment's blocks (``StoredCompression/interim``): a fifth of
    /// level 3's time with its dictionary trained, for blocks 40 % larger that a merge
    /// compresses again.
    static let interimLevel: Int32 = 1
    /// Dictionary size: 64 KB (110 KB gains 2 % for twice the per-segment memory).
    static let dictionaryBytes = 64 * 1024
    /// At most this many sample bytes are given to the trainer (its time grows with them).
    static let sampleBytes = 4 << 20

    /// A dictionary trained on the documents of `blocks` (each block's bytes and the sizes of
    /// the documents it holds, in order), or empty when they are too few or too small to train
    /// one, or training fails (blocks are then compressed without one).
    static func trainDictionary(blocks: [(raw: [UInt8], sizes: [Int])]) -> [UInt8] {
        var flat: [UInt8] = []
        var sizes: [Int] = []
        for i in sampledBlocks(count: blocks.count, totalBytes: blocks.reduce(0) { $0 + $1.raw.count }) {
            flat.append(contentsOf: blocks[i].raw)
            sizes.append(contentsOf: blocks[i].sizes)
        }
        return trainDictionary(samples: flat, sizes: sizes)
    }

    /// The blocks whose documents are the trainer's samples, of `count` blocks of `totalBytes`:
    /// whole blocks evenly spread over the segment, within the sample budget. (A merge gathers
    /// only these: ``StoredMerge``.)
    static func sampledBlocks(count: Int, totalBytes: Int) -> StrideTo<Int> {
        stride(from: 0, to: count, by: max(1, totalBytes / sampleBytes + 1))
    }

    /// A dictionary trained on the documents `flat` holds one after the other (`sizes` bytes
    /// each), or empty (see ``trainDictionary(blocks:)``).
    static func trainDictionary(samples flat: [UInt8], sizes: [Int]) -> [UInt8] {
        // The trainer wants many samples, and a dictionary about a tenth of their size at most
        // (a small segment gets a small one; a handful of documents none).
        let capacity = min(dictionaryBytes, flat.count / 10)
        guard sizes.count >= 64, capacity >= 2048 else { return [] }
        var dict = [UInt8](repeating: 0, count: capacity)
        let n = dict.withUnsafeMutableBytes { d in
            flat.withUnsafeBytes { f in
                ZDICT_trainFromBuffer(d.baseAddress, d.count, f.baseAddress, sizes, UInt32(sizes.count))
            }
        }
        guard ZDICT_isError(n) == 0 else { return [] }
        dict.removeSubrange(n...)
        return dict
    }
}

/// Compresses one segment's blocks with its dictionary, digested once and shared by the threads
/// compressing (a `ZSTD_CDict` is read-only once made).
final class ZstdCompressor: @unchecked Sendable {
    private let cdict: OpaquePointer?
    private let level: Int32

    /// `dictionary` empty: blocks are compressed without one.
    init(dictionary: [UInt8], level: Int32 = Zstd.level) {
        self.level = level
        cdict = dictionary.isEmpty
            ? nil : dictionary.withUnsafeBytes { ZSTD_createCDict($0.baseAddress, $0.count, level) }
    }

    deinit { if let cdict { ZSTD_freeCDict(cdict) } }

    /// One compressed block, or nil if zstd fails (out of memory).
    func compress(_ input: [UInt8]) -> [UInt8]? {
        guard let cctx = ZSTD_createCCtx() else { return nil }
        defer { ZSTD_freeCCtx(cctx) }
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
        let n = out.withUnsafeMutableBytes { o in
            input.withUnsafeBytes { i in
                if let cdict {
                    ZSTD_compress_usingCDict(cctx, o.baseAddress, o.count, i.baseAddress, i.count, cdict)
                } else {
                    ZSTD_compressCCtx(cctx, o.baseAddress, o.count, i.baseAddress, i.count, level)
                }
            }
        }
        guard ZSTD_isError(n) == 0 else { return nil }
        // Copied out rather than cut: a cut array keeps the bound's capacity (16 KB for a block
        // that compresses to 3), and a segment's blocks are all held until its file is written.
        return Array(out[..<n])
    }
}

/// Decompresses one segment's blocks: the segment's dictionary digested once, and a few
/// decompression contexts reused across calls and threads (each is a few hundred KB to set up).
final class ZstdDecompressor: @unchecked Sendable {
    private let ddict: OpaquePointer?
    private let lock = NSLock()
    private var contexts: [OpaquePointer] = []

    /// `dictionary` empty: blocks were compressed without one.
    init(dictionary: UnsafeRawBufferPointer) {
        ddict = dictionary.isEmpty ? nil : ZSTD_createDDict(dictionary.baseAddress, dictionary.count)
    }

    deinit {
        for c in contexts { ZSTD_freeDCtx(c) }
        if let ddict { ZSTD_freeDDict(ddict) }
    }

    /// The `size` bytes `input` decompresses to; `.corrupt` if it does not, exactly.
    func decompress(
        _ input: UnsafeRawBufferPointer, size: Int, file: String, offset: Int
    ) throws(IndexError) -> [UInt8] {
        guard size >= 0, size < 1 << 28 else { throw .corrupt("bad block size", file: file, offset: offset) }
        lock.lock()
        let reused = contexts.popLast()
        lock.unlock()
        guard let dctx = reused ?? ZSTD_createDCtx() else {
            throw .corrupt("cannot allocate a zstd context", file: file, offset: offset)
        }
        defer {
            lock.lock()
            // Kept for the next call; at most a few (one per concurrent reader is enough).
            if contexts.count < 8 { contexts.append(dctx) } else { ZSTD_freeDCtx(dctx) }
            lock.unlock()
        }
        var out = [UInt8](repeating: 0, count: size)
        let n = out.withUnsafeMutableBytes { o in
            ZSTD_decompress_usingDDict(dctx, o.baseAddress, o.count, input.baseAddress, input.count, ddict)
        }
        guard ZSTD_isError(n) == 0, n == size else {
            throw .corrupt("bad compressed block", file: file, offset: offset)
        }
        return out
    }
}
