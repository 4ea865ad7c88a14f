import Testing

@testable import OGPIndex

/// The block-max pass's proximity bonuses, found again for the final candidates: as a dictionary
/// would answer, whatever the order they were set in.
@Suite struct KnownBonusesTests {
    @Test func answersAsADictionary() {
        var rng = SplitMix(seed: 16)
        var known = KnownBonuses()
        var reference: [Int: Double] = [:]
        var doc = 0
        for i in 0..<2_000 {
            // Mostly increasing (the pass's order), sometimes back or repeated.
            doc = i % 50 == 0 ? Int(rng.next() % 3_000) : doc + Int(rng.next() % 4)
            let b = Double(rng.next() % 1_000) / 7
            known.set(doc, b)
            reference[doc] = b
        }
        for d in -1..<3_500 { #expect(known[d] == reference[d], "\(d)") }
    }
}
