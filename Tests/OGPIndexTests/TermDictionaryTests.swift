import Foundation
import Testing

@testable import OGPIndex

/// The blocked, prefix-compressed term dictionary: every term found, absent ones not, prefix
/// ranges and scans across block boundaries, a damaged block refused.
@Suite struct TermDictionaryTests {
    /// Words sharing long prefixes, more than a few blocks' worth (32 terms a block).
    static let words: [String] = (0..<150).flatMap { i in
        ["administration\(i)", "admin\(i)x", "zz\(String(repeating: "é", count: i % 7))\(i)"]
    }

    static func segment() throws -> (IndexReader, Segment) {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        for (i, word) in words.enumerated() {
            try w.add(IndexDocument(id: "d\(i)", fields: [TextField("title", word)], keywords: ["tag": [word]]))
        }
        try w.commit()
        let r = try IndexReader(directory: dir)
        return (r, try #require(r.segments.first))
    }

    @Test func everyTermIsFoundInOrderAndAbsentOnesAreNot() throws {
        let (_, seg) = try Self.segment()
        #expect(seg.termCount > 4 * TermDictionaryWriter.blockSize)
        var previous: [UInt8] = []
        var scanned: [[UInt8]] = []
        try seg.forEachTerm(in: 0..<seg.termCount) { term, info in
            #expect(previous.isEmpty || previous.lexicographicallyPrecedes(term))
            previous = term
            scanned.append(term)
            #expect(info.df >= 1)
        }
        #expect(scanned.count == seg.termCount)
        for (i, term) in scanned.enumerated() {
            let e = try seg.entry(i)
            #expect(e.term == term)
            let key = String(decoding: term, as: UTF8.self)
            let found = try #require(try seg.lookup(key))
            #expect(found.offset == e.info.offset && found.df == e.info.df && found.length == e.info.length)
            #expect(try seg.lowerBound(term) == i)
        }
        for absent in ["", "a", "administration", "administration1500", "zzz", "\u{7F}"] {
            #expect(try seg.lookup(absent) == nil)
        }
        #expect(try seg.lowerBound(Array("\u{7F}".utf8)) == seg.termCount)
        #expect(try seg.lowerBound([]) == 0)
    }

    @Test func prefixRangesSpanBlocks() throws {
        let (r, seg) = try Self.segment()
        var inRange: [String] = []
        try seg.forEachTerm(in: try seg.prefixRange("administration1")) { term, _ in
            inRange.append(String(decoding: term, as: UTF8.self))
        }
        var expected: [String] = []
        try seg.forEachTerm(in: 0..<seg.termCount) { term, _ in
            let s = String(decoding: term, as: UTF8.self)
            if s.hasPrefix("administration1") { expected.append(s) }
        }
        #expect(!expected.isEmpty && inRange == expected)
        #expect(expected.count > TermDictionaryWriter.blockSize)
        // Searches read the same postings through it.
        #expect(try r.ids("administration42").contains("d126"))
    }

    @Test func aDamagedBlockIsCorruptNotACrash() throws {
        let (r, seg) = try Self.segment()
        // A block offset pointing past the end of the file.
        var bytes = Array(seg.tim.bytes)
        let slot = seg.termBlockTable + 4
        bytes.replaceSubrange(slot..<(slot + 4), with: [0xFF, 0xFF, 0xFF, 0x0F])
        let path = seg.tim.path
        withExtendedLifetime(r) {}
        try DurableFile.write(bytes, to: path)
        let damaged = try Segment(
            dir: (path as NSString).deletingLastPathComponent,
            info: SegmentInfo(name: seg.name, docs: seg.docCount, delGen: nil), fieldCount: seg.fieldCount)
        #expect(throws: IndexError.self) { try damaged.entry(TermDictionaryWriter.blockSize + 1) }
        #expect(throws: IndexError.self) { try damaged.forEachTerm(in: 0..<damaged.termCount) { _, _ in } }
    }

    /// The dictionary is checked block by block as lookups reach it, not whole at open: a
    /// damaged byte far into a large dictionary lets the segment open and serve the terms of
    /// intact blocks, fails every lookup that reads the damaged block with `.corrupt`, and a full
    /// check finds it.
    @Test func aDamagedBlockIsFoundWhenALookupReachesIt() throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        // Enough distinct words for a dictionary of several 32 KB checksum chunks.
        for i in 0..<2000 {
            let words = (0..<6).map { "mot\(i)x\($0)" }.joined(separator: " ")
            try w.add(IndexDocument(id: "d\(i)", fields: [TextField("title", words)]))
        }
        try w.commit()
        var reader: IndexReader? = try IndexReader(directory: dir)
        let seg = try #require(reader?.segments.first)
        let path = seg.tim.path
        #expect(seg.tim.bytes.count > 3 * FileChecksum.chunkSize)
        // A term of the first block and one of the last; the last block's bytes are damaged.
        let first = try seg.entry(0)
        let last = try seg.entry(seg.termCount - 1)
        let name = seg.name
        let fields = seg.fieldCount
        let docs = seg.docCount
        // The content's last bytes damaged, the footer (the chunks' checksums) kept.
        let damaged = seg.tim.bytes.count - 3
        reader = nil
        var file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        file[damaged] ^= 0x5A
        try DurableFile.write(file, to: path, checksummed: false)
        let opened = try Segment(
            dir: dir, info: SegmentInfo(name: name, docs: docs, delGen: nil), fieldCount: fields)
        #expect(try opened.lookup(String(decoding: first.term, as: UTF8.self))?.df == first.info.df)
        #expect(throws: IndexError.self) { try opened.lookup(String(decoding: last.term, as: UTF8.self)) }
        #expect(throws: IndexError.self) { try opened.entry(opened.termCount - 1) }
        #expect { try opened.verifyChecksums() } throws: { error in
            (error as? IndexError)?.code == .corrupt
        }
    }
}
