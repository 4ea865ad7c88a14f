import Foundation
import Hummingbird
@testable import OGPServe
import Testing

/// A harvest run while the server answers over real HTTP: no request fails, and the new records
/// appear without a restart (the index is reopened when its manifest changes; SQLite readers see
/// the committed harvest).
@Suite struct LiveHarvestTests {
    @Test func harvestWhileServing() async throws {
        let fixture = try await ServeFixture.make(sources: [ServeFixture.export])
        defer { fixture.remove() }
        // With the response cache on: a search asked before the harvest is asked again after it.
        let cache = SearchResponseCache(maxEntries: 100, maxBytes: 1 << 20)
        try await fixture.serve(searchCache: cache) { client in
            let before = try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                return ((try r.json() as? [String: Any])?["index"] as? [String: Any])?["generation"] as? Int ?? -1
            }
            try await client.execute(uri: "/records/\(pathID(ServeFixture.linkedCommitment))", method: .get) { r in
                #expect(r.status == .notFound)
            }
            for _ in 0..<2 {
                try await client.execute(uri: "/api/search?q=transition+%C3%A9cologique&kind=commitment", method: .get) {
                    r in
                    let total = (try r.json() as? [String: Any])?["total"] as? Int
                    #expect(total == 0)
                }
            }
            #expect(cache.statistics.hits == 1)
            try fixture.writeConfig([ServeFixture.export, ServeFixture.ditp, ServeFixture.demoJekyll])
            let done = Flag()
            let harvest = Task {
                defer { done.set() }
                return try await fixture.harvest()
            }
            var answered = 0
            var failures: [String] = []
            // Ask while the harvest writes, and a little after.
            let uris = [
                "/api/search?q=transition+%C3%A9cologique", "/search?q=donn%C3%A9es", "/api/plans", "/healthz", "/",
                "/records/\(pathID(ServeFixture.linkedDataset))", "/catalog.jsonld?page_size=50",
            ]
            var extra = 0
            while extra < 2 * uris.count {
                for uri in uris {
                    try await client.execute(uri: uri, method: .get) { r in
                        answered += 1
                        if r.status != .ok { failures.append("\(uri): \(r.status.code) \(r.text.prefix(200))") }
                    }
                }
                if done.isSet { extra += uris.count }
            }
            let report = try await harvest.value
            #expect(report.exitCode <= 1)
            #expect(failures.isEmpty, "\(failures.prefix(5))")
            #expect(answered >= 2 * uris.count)
            // The new harvest shows without a restart.
            try await client.execute(uri: "/healthz", method: .get) { r in
                let after = ((try r.json() as? [String: Any])?["index"] as? [String: Any])?["generation"] as? Int ?? -1
                #expect(after > before)
            }
            try await client.execute(uri: "/api/search?q=transition+%C3%A9cologique&kind=commitment", method: .get) {
                r in
                let hits = (try r.json() as? [String: Any])?["hits"] as? [[String: Any]] ?? []
                #expect(hits.contains { $0["id"] as? String == ServeFixture.linkedCommitment })
            }
            try await client.execute(uri: "/records/\(pathID(ServeFixture.linkedCommitment))", method: .get) { r in
                #expect(r.status == .ok)
            }
        }
    }
}

/// A flag set once, read from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
