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
}
