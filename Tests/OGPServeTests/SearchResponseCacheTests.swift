import Foundation
import Testing

@testable import OGPServe

/// The `/api/search` response cache: bounded, least recently used out first, emptied by a newer
/// index generation, and answers byte-identical to a search.
@Suite struct SearchResponseCacheTests {
    static func body(_ n: Int, size: Int = 100) -> [UInt8] { [UInt8](repeating: UInt8(n & 0xFF), count: size) }

    @Test func boundedByEntriesLeastRecentlyUsedFirst() {
        let cache = SearchResponseCache(maxEntries: 8, maxBytes: 1 << 20)
        for i in 0..<8 { cache.store(Self.body(i), for: "q=\(i)", generation: 1) }
        #expect(cache.body(for: "q=0", generation: 1) == Self.body(0))  // q=0 is now the most recent
        cache.store(Self.body(8), for: "q=8", generation: 1)
        let s = cache.statistics
        #expect(s.entries <= 8 && s.entries >= 6)
        #expect(cache.body(for: "q=0", generation: 1) == Self.body(0))
        #expect(cache.body(for: "q=8", generation: 1) == Self.body(8))
        #expect(cache.body(for: "q=1", generation: 1) == nil)  // the least recently used went
        for i in 0..<1000 { cache.store(Self.body(i), for: "many=\(i)", generation: 1) }
        #expect(cache.statistics.entries <= 8)
    }

    @Test func boundedByBytes() {
        let cache = SearchResponseCache(maxEntries: 1000, maxBytes: 10_000)
        for i in 0..<100 { cache.store(Self.body(i, size: 1000), for: "q=\(i)", generation: 1) }
        let s = cache.statistics
        #expect(s.bytes <= 10_000 && s.entries <= 10 && s.entries > 0)
        // A body above a quarter of the bound is not kept; nor a very long query string.
        cache.store(Self.body(1, size: 2501), for: "big", generation: 1)
        #expect(cache.body(for: "big", generation: 1) == nil)
        let long = String(repeating: "q", count: SearchResponseCache.maxKeyLength + 1)
        cache.store(Self.body(1), for: long, generation: 1)
        #expect(cache.body(for: long, generation: 1) == nil)
    }

    @Test func aNewerGenerationEmptiesItAndAnOlderOneIsNeverStored() {
        let cache = SearchResponseCache(maxEntries: 10, maxBytes: 1 << 20)
        cache.store(Self.body(1), for: "q=a", generation: 5)
        #expect(cache.body(for: "q=a", generation: 5) == Self.body(1))
        #expect(cache.body(for: "q=a", generation: 6) == nil)
        #expect(cache.statistics.entries == 0)
        // A search that began on generation 5 finishes after 6 was seen: not kept.
        cache.store(Self.body(2), for: "q=a", generation: 5)
        #expect(cache.body(for: "q=a", generation: 5) == nil)
        #expect(cache.body(for: "q=a", generation: 6) == nil)
        let off = SearchResponseCache(maxEntries: 0, maxBytes: 1 << 20)
        off.store(Self.body(1), for: "q", generation: 1)
        #expect(off.body(for: "q", generation: 1) == nil)
    }

    @Test func cachedResponsesAreTheSearchedOnes() async throws {
        let fixture = try await ServeFixture.shared.value
        let cache = SearchResponseCache(maxEntries: 100, maxBytes: 1 << 20)
        let uris = [
            "/api/search?q=donn%C3%A9es+environnementales", "/api/search?q=transparence&kind=commitment",
            "/api/search?q=budget&page_size=5&page=2", "/api/search?q=participation&facets=true",
        ]
        let plain = try await fixture.serve { client in
            var out: [Data] = []
            for uri in uris { out.append(try await client.execute(uri: uri, method: .get) { $0.data }) }
            return out
        }
        let cached = try await fixture.serve(searchCache: cache) { client in
            var out: [[Data]] = []
            for _ in 0..<2 {
                var round: [Data] = []
                for uri in uris {
                    round.append(
                        try await client.execute(uri: uri, method: .get) { r in
                            #expect(r.status == .ok && r.contentType == "application/json")
                            return r.data
                        })
                }
                out.append(round)
            }
            // Errors are not kept.
            try await client.execute(uri: "/api/search?q=x&page=0", method: .get) { #expect($0.status == .badRequest) }
            return out
        }
        #expect(cached[0] == plain && cached[1] == plain)
        let s = cache.statistics
        #expect(s.entries == uris.count && s.hits == uris.count)
    }
}
