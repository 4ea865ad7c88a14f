import Testing

@testable import OGPIndex

/// ``PostingsBlockEncoder``: terms encoded one after the other into one buffer, its scratch space
/// reused, are each the bytes a fresh encoder gives for that term alone.
@Suite struct PostingsBlockEncoderTests {
    /// A term's accumulated streams (see ``SegmentBuilder/TermPostings``): per document its gap
    /// and, unless docs-only, its field entries (field, tf) with tf position deltas each.
    static func term(
        docs: [Int], entries: (Int) -> [(field: Int, tf: Int)], docsOnly: Bool
    ) -> (varints: [UInt8], positions: [UInt8]) {
        var v = ByteBuffer()
        var p = ByteBuffer()
        var last = -1
        for d in docs {
            v.varint(d - last)
            last = d
            guard !docsOnly else { continue }
            let e = entries(d)
            v.varint(e.count)
            for (f, tf) in e {
                v.varint(f)
                v.varint(tf)
                for k in 0..<tf { p.varint(k == 0 ? d % 5 : 1 + (d + k) % 3) }
            }
        }
        return (v.bytes, p.bytes)
    }

    @Test func aRunOfTermsIsEachTermAlone() throws {
        let fields = 2
        let lengths = (0..<2000).map { UInt32(3 + $0 % 40) }
        // (docs, entries, docs-only, positional): several blocks, one document, fields out of
        // order and given twice (positions merged), frequencies without positions, docs only.
        let terms: [([Int], (Int) -> [(field: Int, tf: Int)], Bool, Bool)] = [
            (Array(stride(from: 0, to: 1000, by: 3)), { d in d % 2 == 0 ? [(0, 1 + d % 4), (1, 2)] : [(1, 1)] }, false, true),
            ([7], { _ in [(0, 3)] }, false, true),
            (Array(stride(from: 5, to: 1800, by: 7)), { d in d % 3 == 0 ? [(1, 2), (0, 1), (1, 1)] : [(0, 2)] }, false, true),
            (Array(stride(from: 1, to: 600, by: 2)), { d in [(d % 2, 1 + d % 3)] }, false, false),
            (Array(0..<300), { _ in [] }, true, false),
            ([1999], { _ in [(1, 1)] }, false, true),
        ]
        var run = PostingsBlockEncoder(fields: fields)
        var expected: [UInt8] = []
        for (docs, entries, docsOnly, positional) in terms {
            let (v, p) = Self.term(docs: docs, entries: entries, docsOnly: docsOnly)
            func encode(_ encoder: inout PostingsBlockEncoder) throws -> (docs: Int, positions: Int) {
                try v.withUnsafeBytes { vb in
                    try p.withUnsafeBytes { pb in
                        try encoder.append(
                            varints: vb, positions: positional ? pb : UnsafeRawBufferPointer(start: nil, count: 0),
                            df: docs.count, docsOnly: docsOnly, positional: positional, lengths: lengths)
                    }
                }
            }
            var alone = PostingsBlockEncoder(fields: fields)
            let one = try encode(&alone)
            let before = run.out.count
            let inRun = try encode(&run)
            #expect(inRun == one)
            #expect(one.docs > 0)
            #expect(positional || one.positions == 0)
            #expect(Array(run.out[before...]) == alone.out)
            expected += alone.out
        }
        #expect(run.out == expected)
        run.removeAll()
        #expect(run.out.isEmpty)
    }

    /// Damaged streams throw instead of trapping: a doc gap of 0, a field the schema lacks.
    @Test func damagedStreamsThrow() {
        var encoder = PostingsBlockEncoder(fields: 2)
        let zeroGap: [UInt8] = [1, 0]
        let badField: [UInt8] = [1, 1, 5, 1]
        for v in [zeroGap, badField] {
            #expect(throws: IndexError.self) {
                try v.withUnsafeBytes { vb in
                    _ = try encoder.append(
                        varints: vb, positions: UnsafeRawBufferPointer(start: nil, count: 0), df: 2, docsOnly: false,
                        positional: false, lengths: [])
                }
            }
        }
    }
}
