import Foundation
import OGPStore

/// What a source keeps between runs. Loaded when its run starts and saved once when it ends
/// (``SourceHarvest`` does both; adapters only read ``SourceRun/previous`` and fill
/// ``SourceRun/state``). Stored as one JSON value under the source's `state` key; the keys of
/// earlier versions (`items`, `modified_after`, `commit`, `itemCount`) are read when it is absent.
struct SourceState: Codable, Equatable, Sendable {
    /// Item → the ids of the records it gave: an item answered "unchanged" is counted from
    /// this without being parsed.
    var items: [String: [String]] = [:]
    /// Listing page → its next page ("" on the last page), for pages answered "unchanged".
    var nextPages: [String: String] = [:]
    /// The newest modification date seen (incremental listings ask only for what changed since).
    var watermark: String?
    /// When the last complete, non-incremental listing ended (ISO 8601).
    var lastFullListing: String?
    /// The last harvested git commit (Jekyll repositories).
    var commit: String?
    /// Items in the last complete read of a single-file source (the export CSV).
    var itemCount: Int?
    /// Taxonomy pages (WordPress categories and tags): page URL → its terms and next page.
    var termPages: [String: TermsPage] = [:]

    /// One page of a taxonomy as kept between runs.
    struct TermsPage: Codable, Equatable, Sendable {
        var terms: [Int: String]
        var next: String?
    }

    static let key = "state"
    static let legacyKeys = ["items", "modified_after", "commit", "itemCount"]

    /// The state the last run of `source` saved (empty when none or unreadable: the run then
    /// reads everything again, which is slower but never wrong).
    static func load(source: String, from store: any CatalogStore) -> SourceState {
        if let json = (try? store.state(source: source, key: key)) ?? nil,
            let state = try? JSONDecoder().decode(SourceState.self, from: Data(json.utf8))
        {
            return state
        }
        var state = SourceState()
        if let json = (try? store.state(source: source, key: "items")) ?? nil,
            let map = try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8))
        {
            for (item, ids) in map {
                if item.hasPrefix("next:") {
                    state.nextPages[String(item.dropFirst(5))] = ids.first ?? ""
                } else {
                    state.items[item] = ids
                }
            }
        }
        state.watermark = (try? store.state(source: source, key: "modified_after")) ?? nil
        state.commit = (try? store.state(source: source, key: "commit")) ?? nil
        state.itemCount = ((try? store.state(source: source, key: "itemCount")) ?? nil).flatMap { Int($0) }
        return state
    }

    /// Saves the state under one key and drops the keys of earlier versions.
    func save(source: String, to store: any CatalogStore) throws(StoreError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            data = try encoder.encode(self)
        } catch {
            throw StoreError(.io, "cannot encode the source's state", path: source, cause: error)
        }
        try store.setState(source: source, key: Self.key, value: String(decoding: data, as: UTF8.self))
        for legacy in Self.legacyKeys where ((try? store.state(source: source, key: legacy)) ?? nil) != nil {
            try store.setState(source: source, key: legacy, value: nil)
        }
    }
}
