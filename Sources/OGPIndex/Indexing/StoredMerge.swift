import Foundation
import OGPCore

/// The stored-fields file of a merge (``SegmentMerger``), made in passes over the sources so
/// that it never holds the merged documents uncompressed (182 MB on the data.gouv.fr export,
/// against 30 MB compressed).
///
/// The file is the one a builder writes for the same documents (``StoredBlocks``), byte for
/// byte: the same blocks, closed where a builder closes them, compressed with a dictionary
/// trained on the same samples. A builder has every block in hand when it trains; here a first
/// pass learns each document's size (so where blocks close, and which blocks are the samples),
/// a second gathers the samples' documents only and trains, a third compresses each block as it
/// fills, a batch at a time on every core.
struct StoredMerge {
    /// The live documents in merged order: their source and number there.
    private var documents: [(source: Int32, doc: Int32)] = []
    private let sources: [SegmentMerger.Source]
    /// One decompressed source block at a time: a source's documents are read in order.
    private let cache = StoredBlockCache(capacity: 4 * StoredFieldsWriter.blockBytes)

    init(sources: [SegmentMerger.Source]) {
        self.sources = sources
        for (i, s) in sources.enumerated() {
            for d in 0..<s.segment.docCount where !s.isDeleted(d) { documents.append((Int32(i), Int32(d))) }
        }
    }

    /// Drops the pages of the sources a pass is done with (`done` of them so far) from memory
    /// when it reaches document `i` (a pass reads each source once, in order).
    private func release(before i: Int, done: inout Int) {
        let source = i < documents.count ? Int(documents[i].source) : sources.count
        while done < source {
            sources[done].segment.sto.release(0..<sources[done].segment.sto.bytes.count)
            done += 1
        }
    }

    /// Calls `body` with the ``StoredCodec`` bytes of merged document `i`.
    private func withEncoding<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws(IndexError) -> R) throws(IndexError) -> R {
        let (s, d) = documents[i]
        return try sources[Int(s)].segment.stored.withDocumentBytes(Int(d), cache: cache) { buf, range throws(IndexError) in
            try body(UnsafeRawBufferPointer(rebasing: buf[range]))
        }
    }

    /// Where the merged blocks close (as ``StoredBlocks`` closes them): each block's documents.
    private func blocks() throws(IndexError) -> (ranges: [Range<Int>], sizes: [Int], total: Int) {
        var ranges: [Range<Int>] = []
        var sizes: [Int] = []
        sizes.reserveCapacity(documents.count)
        var first = 0
        var open = 0
        var total = 0
        var done = 0
        for i in documents.indices {
            release(before: i, done: &done)
            let n = try withEncoding(i) { $0.count }
            var v = ByteBuffer()
            v.varint(n)
            let size = v.count + n
            sizes.append(size)
            open += size
            total += size
            if open >= StoredFieldsWriter.blockBytes {
                ranges.append(first..<(i + 1))
                first = i + 1
                open = 0
            }
        }
        if open > 0 { ranges.append(first..<documents.count) }
        release(before: documents.count, done: &done)
        return (ranges, sizes, total)
    }

    /// Block `range`'s raw bytes: per document, varint length and encoding.
    private func raw(_ range: Range<Int>, into out: inout ByteBuffer) throws(IndexError) {
        for i in range {
            try withEncoding(i) { e throws(IndexError) in
                out.varint(e.count)
                out.bytes.append(contentsOf: e)
            }
        }
    }

    /// Writes the `.sto` file at `path`, fsync'ed: the compressed blocks are held until their
    /// table is written, never the whole file.
    func write(to path: String, name: String) throws(IndexError) {
        let (ranges, sizes, total) = try blocks()
        var samples = ByteBuffer()
        var sampleSizes: [Int] = []
        for b in Zstd.sampledBlocks(count: ranges.count, totalBytes: total) {
            try raw(ranges[b], into: &samples)
            sampleSizes.append(contentsOf: sizes[ranges[b]])
        }
        let dictionary = Zstd.trainDictionary(samples: samples.bytes, sizes: sampleSizes)
        samples = ByteBuffer()
        let compressor = ZstdCompressor(dictionary: dictionary)
        let batch = 16 * ProcessInfo.processInfo.activeProcessorCount
        var compressed: [(first: Int, raw: Int, data: [UInt8])] = []
        compressed.reserveCapacity(ranges.count)
        var start = 0
        var done = 0
        while start < ranges.count {
            let end = min(ranges.count, start + batch)
            var raws: [[UInt8]] = []
            for b in start..<end {
                release(before: ranges[b].lowerBound, done: &done)
                var one = ByteBuffer()
                one.bytes.reserveCapacity(StoredFieldsWriter.blockBytes * 2)
                try raw(ranges[b], into: &one)
                raws.append(one.bytes)
            }
            let done = ParallelMap.map(raws, minimum: 2) { compressor.compress($0) }
            for (k, data) in done.enumerated() {
                guard let data else { throw IndexError.io("zstd could not compress a stored block", file: name) }
                compressed.append((ranges[start + k].lowerBound, raws[k].count, data))
            }
            if Task.isCancelled { throw IndexError(.cancelled, "merge cancelled") }
            start = end
        }
        let file = try ChecksummedFileWriter(path: path)
        try file.append(
            StoredFieldsWriter.head(compressedBlocks: compressed, dictionary: dictionary, documents: documents.count))
        for b in compressed { try file.append(b.data) }
        try file.finish()
        release(before: documents.count, done: &done)
    }
}
