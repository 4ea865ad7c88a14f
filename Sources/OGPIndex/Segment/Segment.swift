import Foundation
import Synchronization

/// Numbers segments opened in this process (keys of their blocks in a ``StoredBlockCache``).
private let openedSegments = Atomic<Int>(0)

/// Where a term's postings are, and how many documents it is in.
struct TermInfo: Sendable {
    var df: Int
    /// Documents and frequencies.
    var offset: Int
    var length: Int
    /// Positions, right after the documents (empty for non-positional terms).
    var positionsLength: Int
}

/// One immutable on-disk segment, memory-mapped: term dictionary, postings, doc values and
/// stored fields, plus the deletion bitmap of the snapshot that opened it.
final class Segment: @unchecked Sendable {
    let name: String
    let tim: MappedFile
    let pst: MappedFile
    let doc: MappedFile
    let sto: MappedFile
    let stored: StoredFieldsReader
    let termCount: Int
    let docCount: Int
    let fieldCount: Int
    /// Deletion bitmap (bit set = deleted); empty when nothing is deleted.
    let deleted: [UInt8]
    let deletedCount: Int
    let avgLengths: [Double]
    /// The keyword priors computed for searches of this segment (``SegmentPriors``).
    let priorCache = SegmentPriorCache()
    /// Per document and field, 1 / (1 − b + b·len/avg): BM25's length normalisation, precomputed
    /// (`b` per field when `fieldB` gives it).
    let lengthNorms: LengthNorms
    private let sections: [Int]
    /// Terms per dictionary block, and the offset of the block offset table (see
    /// ``TermDictionaryWriter``).
    let termBlockSize: Int
    let termBlockCount: Int
    let termBlockTable = FileFormat.headerSize + 12
    /// Each dictionary block's first term's first bytes (``TermBlockKeys``).
    let termBlockKeys: TermBlockKeys
    /// Recent term lookups (``TermLookupCache``).
    let lookups = TermLookupCache(capacity: 4096)

    init(
        dir: String, info: SegmentInfo, fieldCount expectedFields: Int, b: Double = RankingParameters.standard.b,
        fieldB: [Double] = []
    ) throws(IndexError) {
        name = info.name
        tim = try MappedFile(path: "\(dir)/\(info.name).tim")
        pst = try MappedFile(path: "\(dir)/\(info.name).pst")
        doc = try MappedFile(path: "\(dir)/\(info.name).doc")
        sto = try MappedFile(path: "\(dir)/\(info.name).sto")
        // Doc values are read by every query: checked whole now. The term dictionary's header
        // and block table now, each block as a lookup first reads it (a cold search reads a few
        // dozen of its thousands); postings and stored documents chunk by chunk as they are
        // reached.
        try doc.checksums.verifyAll()
        try tim.checksums.verify(0..<termBlockTable)
        var t = tim.cursor()
        try t.header("OGPT")
        termCount = Int(try t.u32())
        termBlockSize = Int(try t.u32())
        termBlockCount = Int(try t.u32())
        guard termBlockSize > 0, termBlockCount == (termCount + termBlockSize - 1) / termBlockSize,
            termBlockTable + termBlockCount * 4 <= tim.bytes.count
        else {
            throw .corrupt("term block table truncated", file: info.name + ".tim", offset: termBlockTable)
        }
        try tim.checksums.verify(termBlockTable..<(termBlockTable + termBlockCount * 4))
        termBlockKeys = TermBlockKeys(tim, table: termBlockTable, blocks: termBlockCount)
        var p = pst.cursor()
        try p.header("OGPP")
        var d = doc.cursor()
        try d.header("OGPD")
        docCount = Int(try d.u32())
        fieldCount = Int(try d.u32())
        guard fieldCount == expectedFields else {
            throw .corrupt(
                "segment has \(fieldCount) fields, schema \(expectedFields)", file: info.name + ".doc", offset: 12)
        }
        var secs: [Int] = []
        for _ in 0..<8 { secs.append(try d.offset64()) }
        sections = secs
        // Validate section bounds once so accessors can index safely.
        let n = docCount
        let needed = [8 * fieldCount, 4 * n, n, 4 * n * fieldCount, 4 * (n + 1)]
        for (i, size) in needed.enumerated() where secs[i] < 0 || secs[i] + size > doc.bytes.count {
            throw .corrupt("doc values section \(i) out of bounds", file: info.name + ".doc", offset: secs[i])
        }
        stored = try StoredFieldsReader(
            file: sto, name: info.name + ".sto", docCount: docCount,
            cacheKey: openedSegments.add(1, ordering: .relaxed).newValue)
        var sums: [Double] = []
        for f in 0..<fieldCount { sums.append(Double(try d.u64(at: secs[0], index: f))) }
        let avg = sums.map { n > 0 ? max(1, $0 / Double(n)) : 1 }
        avgLengths = avg
        let lengths = secs[3]
        let nf = fieldCount
        lengthNorms = LengthNorms(
            docCount: n, fields: nf, avg: avg, b: { f in f < fieldB.count ? fieldB[f] : b }, lengths: doc.bytes,
            at: lengths)
        if let delGen = info.delGen {
            let path = "\(dir)/\(info.name).\(delGen).del"
            let bytes = try FileChecksum.checkedContent(
                try DurableFile.read(path), name: (path as NSString).lastPathComponent)
            let bitmap = try withBytes(bytes) { buf throws(IndexError) -> [UInt8] in
                var c = ByteCursor(buf, file: (path as NSString).lastPathComponent)
                try c.header("OGPX")
                guard Int(try c.u32()) == n else { throw .corrupt("deletion doc count", file: c.file, offset: 8) }
                return Array(try c.bytes((n + 7) / 8))
            }
            deleted = bitmap
            deletedCount = (0..<n).reduce(0) { $0 + (bitmap[$1 >> 3] >> UInt8($1 & 7) & 1 == 1 ? 1 : 0) }
        } else {
            deleted = []
            deletedCount = 0
        }
    }

    deinit { lengthNorms.deallocate() }

    /// Checks every chunk of the segment's files against their checksums.
    func verifyChecksums() throws(IndexError) {
        for f in [tim, pst, doc, sto] { try f.checksums.verifyAll() }
    }

    var liveCount: Int { docCount - deletedCount }

    @inline(__always)
    func isDeleted(_ d: Int) -> Bool {
        deleted.isEmpty ? false : (deleted[d >> 3] & (1 << UInt8(d & 7))) != 0
    }

    // MARK: doc values (sections validated at open)

    func date(_ d: Int) -> Int32 {
        Int32(bitPattern: doc.bytes.loadUnaligned(fromByteOffset: sections[1] + 4 * d, as: UInt32.self))
    }

    func hidden(_ d: Int) -> Bool { doc.bytes[sections[2] + d] != 0 }

    @inline(__always)
    func fieldLength(_ d: Int, _ f: Int) -> Int {
        Int(doc.bytes.loadUnaligned(fromByteOffset: sections[3] + 4 * (d * fieldCount + f), as: UInt32.self))
    }

    /// Calls `body` with the term ordinal of each keyword of document `d` (no array built: the
    /// facets of a query count them for every match).
    @inline(__always)
    func forEachKeywordOrdinal(_ d: Int, _ body: (Int) -> Void) throws(IndexError) {
        let c = doc.cursor()
        let a = Int(try c.u32(at: sections[4], index: d))
        let b = Int(try c.u32(at: sections[4], index: d + 1))
        guard a <= b else { throw .corrupt("keyword offsets", file: name + ".doc", offset: sections[4]) }
        for i in a..<b { body(Int(try c.u32(at: sections[5], index: i))) }
    }

    /// The document's id.
    func id(_ d: Int) throws(IndexError) -> String {
        var c = doc.cursor()
        let a = Int(try c.u32(at: sections[6], index: d))
        let b = Int(try c.u32(at: sections[6], index: d + 1))
        guard a <= b else { throw .corrupt("id offsets", file: name + ".doc", offset: sections[6]) }
        c.offset = sections[7] + a
        return String(decoding: try c.bytes(b - a), as: UTF8.self)
    }

    /// The whole stored document, its block taken from `cache` when it holds it (and put there
    /// when it does not).
    func document(_ d: Int, cache: StoredBlockCache? = nil, keywords: Bool = true) throws(IndexError) -> IndexDocument {
        guard d >= 0, d < docCount else { throw .corrupt("no stored document \(d)", file: name + ".sto", offset: 0) }
        return try stored.document(d, cache: cache, keywords: keywords)
    }

    /// Calls `body` with stored document `d` read as a hit (``StoredHit``: its texts left in
    /// place) and the bytes its fields' ranges refer to, valid only during the call.
    func withHit<R>(
        _ d: Int, cache: StoredBlockCache?, _ body: (StoredHit, UnsafeRawBufferPointer) throws(IndexError) -> R
    ) throws(IndexError) -> R {
        guard d >= 0, d < docCount else { throw .corrupt("no stored document \(d)", file: name + ".sto", offset: 0) }
        return try stored.withHit(d, cache: cache, body)
    }
}
