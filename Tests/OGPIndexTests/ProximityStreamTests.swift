import Testing

@testable import OGPIndex

/// The proximity bonus reads two words' positions straight from their varint gaps: the same
/// gaps as the merge of the decoded lists, from any starting values (earlier fields' gaps).
@Suite struct ProximityStreamTests {
    @Test func streamedGapsEqualTheDecodedListsMerge() throws {
        var rng = SplitMix(seed: 24)
        for _ in 0..<3_000 {
            func list() -> [Int] {
                Array(Set((0..<Int(rng.next() % 12)).map { _ in Int(rng.next() % (rng.next() % 2 == 0 ? 40 : 5_000)) }))
                    .sorted()
            }
            func blob(_ l: [Int]) -> ByteBuffer {
                var buf = ByteBuffer()
                var last = 0
                for p in l {
                    buf.varint(p - last)
                    last = p
                }
                return buf
            }
            let (a, b) = (list(), rng.next() % 5 == 0 ? [] : list())
            let start = [Int.max, 1, 2, 7][Int(rng.next() % 4)]
            var (f, r) = (start, [Int.max, 1, 3][Int(rng.next() % 3)])
            var (sf, sr) = (f, r)
            ProximityScorer.closest(a, b, &f, &r)
            let (ba, bb) = (blob(a), blob(b))
            try ba.bytes.withUnsafeBytes { pa in
                try bb.bytes.withUnsafeBytes { pb in
                    try ProximityScorer.closest(
                        a.isEmpty ? nil : pa, b.isEmpty ? nil : pb, file: "test", &sf, &sr)
                }
            }
            #expect(sf == f && sr == r, "\(a) \(b)")
        }
    }
}
