import Foundation
import OGPStore

/// `/healthz`: whether the catalogue and the index can be read, the last harvest run, the index
/// generation. 200 when both are readable, 503 otherwise.
struct Health: Encodable {
    struct Run: Encodable {
        var id: String
        var startedAt: String
        var endedAt: String?
        var status: String

        enum CodingKeys: String, CodingKey { case id, startedAt, endedAt, status }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(endedAt, forKey: .endedAt)
            try c.encode(status, forKey: .status)
        }
    }

    struct Catalogue: Encodable {
        var ok: Bool
        var counts: [String: Int]
        var lastRun: Run?
        var error: String?

        enum CodingKeys: String, CodingKey { case ok, counts, lastRun, error }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ok, forKey: .ok)
            try c.encode(counts, forKey: .counts)
            try c.encode(lastRun, forKey: .lastRun)
            try c.encode(error, forKey: .error)
        }
    }

    struct Index: Encodable {
        var ok: Bool
        var generation: Int?
        var documents: Int?
        var error: String?

        enum CodingKeys: String, CodingKey { case ok, generation, documents, error }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ok, forKey: .ok)
            try c.encode(generation, forKey: .generation)
            try c.encode(documents, forKey: .documents)
            try c.encode(error, forKey: .error)
        }
    }

    var status: String
    var catalogue: Catalogue
    var index: Index

    static func check(_ serve: ServeCatalogue) -> Health {
        var cat = Catalogue(ok: false, counts: [:], lastRun: nil, error: nil)
        do {
            let store = try serve.store()
            cat.counts = Dictionary(uniqueKeysWithValues: try serve.counts().map { ($0.key.rawValue, $0.value) })
            cat.lastRun = try store.runs(limit: 1).first.map {
                Run(id: $0.id, startedAt: $0.startedAt, endedAt: $0.endedAt, status: $0.status.rawValue)
            }
            cat.ok = true
        } catch {
            cat.error = "\(error)"
        }
        var idx = Index(ok: false, generation: nil, documents: nil, error: nil)
        do {
            let reader = try serve.reader()
            idx = Index(ok: true, generation: reader.generation, documents: reader.liveDocuments, error: nil)
        } catch {
            idx.error = "\(error)"
        }
        return Health(status: cat.ok && idx.ok ? "ok" : "unavailable", catalogue: cat, index: idx)
    }
}
