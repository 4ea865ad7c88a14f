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
    /// The ``DecoderVersion`` the run that saved this state decoded with (nil: before versions
    /// were recorded). Another version than the current one means the source is read in full.
    var decoderVersion: Int?

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
        let json: String
        do {
            json = try encoded()
        } catch {
            throw StoreError(.io, "cannot encode the source's state", path: source, cause: error)
        }
        try store.setState(source: source, key: Self.key, value: json)
        for legacy in Self.legacyKeys where ((try? store.state(source: source, key: legacy)) ?? nil) != nil {
            try store.setState(source: source, key: legacy, value: nil)
        }
    }
}

extension SourceState {
    /// The state as JSON (keys sorted), what `JSONDecoder` reads back in ``load(source:from:)``.
    /// Written by hand: the item map of a large listing (100,000 CKAN packages) took 3 % of a
    /// harvest's CPU through `JSONEncoder`. Only the rare taxonomy pages still go through it.
    func encoded() throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + items.count * 96)
        var first = true
        func key(_ name: String) {
            out.append(first ? 0x7B : 0x2C)
            first = false
            Self.append(string: name, to: &out)
            out.append(0x3A)
        }
        if let commit {
            key("commit")
            Self.append(string: commit, to: &out)
        }
        if let decoderVersion {
            key("decoderVersion")
            out.append(contentsOf: String(decoderVersion).utf8)
        }
        if let itemCount {
            key("itemCount")
            out.append(contentsOf: String(itemCount).utf8)
        }
        key("items")
        Self.append(map: items, to: &out) { ids, out in
            out.append(0x5B)
            for (i, id) in ids.enumerated() {
                if i > 0 { out.append(0x2C) }
                Self.append(string: id, to: &out)
            }
            out.append(0x5D)
        }
        if let lastFullListing {
            key("lastFullListing")
            Self.append(string: lastFullListing, to: &out)
        }
        key("nextPages")
        Self.append(map: nextPages, to: &out) { next, out in Self.append(string: next, to: &out) }
        key("termPages")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        out.append(contentsOf: try encoder.encode(termPages))
        if let watermark {
            key("watermark")
            Self.append(string: watermark, to: &out)
        }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append<T>(map: [String: T], to out: inout [UInt8], _ value: (T, inout [UInt8]) -> Void) {
        out.append(0x7B)
        for (i, k) in map.keys.sorted().enumerated() {
            if i > 0 { out.append(0x2C) }
            append(string: k, to: &out)
            out.append(0x3A)
            if let v = map[k] { value(v, &out) }
        }
        out.append(0x7D)
    }

    /// A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8.
    static func append(string: String, to out: inout [UInt8]) {
        out.append(0x22)
        // Ids and URLs need no escape: copied whole.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(contentsOf: string.utf8)
            out.append(0x22)
            return
        }
        for c in string.utf8 {
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
            default: out.append(c)
            }
        }
        out.append(0x22)
    }
}
