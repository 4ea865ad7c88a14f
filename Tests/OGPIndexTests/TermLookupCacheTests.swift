import Testing

@testable import OGPIndex

/// A segment's recent term lookups: the same answers as the dictionary, absent terms included,
/// and a bounded size.
@Suite struct TermLookupCacheTests {
    static func same(_ a: TermInfo?, _ b: TermInfo?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?):
            x.df == y.df && x.offset == y.offset && x.length == y.length && x.positionsLength == y.positionsLength
        default: false
        }
    }

    @Test func lookupsAnswerAsTheDictionaryDoesTwice() throws {
        let (_, reader) = try Fixture.index()
        let seg = try #require(reader.segments.first)
        let words = [
            "gouvern", "transit", "ecolog", "donne", "environnemental", "participation", "zzzabsent", "", "a",
            TermKey.keyword("kind", "commitment"), TermKey.keyword("kind", "nothing"),
        ]
        for pass in 0..<2 {
            for w in words {
                #expect(Self.same(try seg.lookup(w), try seg.dictionaryLookup(w)), "\(w) (pass \(pass))")
            }
        }
        #expect(try seg.lookup("zzzabsent") == nil)
        #expect(try seg.lookup(TermKey.keyword("kind", "commitment")) != nil)
    }

    @Test func emptiedWhenFull() {
        let cache = TermLookupCache(capacity: 2)
        let info = TermInfo(df: 3, offset: 10, length: 20, positionsLength: 5)
        cache.put("a", info)
        cache.put("b", nil)
        #expect(cache.get("a")??.df == 3)
        let b = cache.get("b")
        #expect(b != nil && b.flatMap { $0 } == nil)  // known absent
        cache.put("c", info)  // full: emptied first
        #expect(cache.get("a") == nil)
        #expect(cache.get("c")??.offset == 10)
        let none = TermLookupCache(capacity: 0)
        none.put("a", info)
        #expect(none.get("a") == nil)
    }
}
