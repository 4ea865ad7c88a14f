import Foundation
import OGPCatalog
import OGPModel
import OGPStore

/// Writes a harvested copy of a dataset under its origin portal's record id (see
/// ``DatasetOrigin``), so that one dataset published by a portal and harvested by others is
/// one record whose provenance lists every portal; the origin portal's fields win (its kinds
/// have a higher precedence). The portal directory is kept in the store: each `ckan`,
/// `opendatasoft` and `dcat` source registers its host when it runs, so copies harvested
/// before their origin's first run are matched from the next run on. Two datasets of one
/// portal are never merged: a second claim on the same origin within a run keeps its own id.
final class OriginResolver {
    static let directorySource = "ogp-portals"
    private let store: any CatalogStore
    private let source: String
    private var portals: [String: DatasetOrigin.Portal?] = [:]
    /// Origin ids claimed in this run: origin → the item that claimed it.
    private var claimed: [RecordID: String] = [:]
    private let warn: (String) -> Void

    init(store: any CatalogStore, source: String, warn: @escaping (String) -> Void) {
        self.store = store
        self.source = source
        self.warn = warn
    }

    /// Registers a portal's hosts in the directory (origin kinds only): the host of its `url`
    /// and those of its `domains`.
    func register(_ config: SourceConfig) {
        let urls = [config.url] + config[.domains].map { $0.contains("://") ? $0 : "https://" + $0 }
        let value = "\(config.name)\t\(config.kind.rawValue)"
        for host in urls.compactMap(DatasetOrigin.host(of:))
        where ((try? store.state(source: Self.directorySource, key: host)) ?? nil) != value {
            try? store.setState(source: Self.directorySource, key: host, value: value)
        }
    }

    /// The records of one item, copies rewritten to their origin's id.
    func resolve(_ records: [Record], item: String) -> [Record] {
        records.map { record in
            guard record.kind == .dataset else { return record }
            var known: DatasetOrigin.Portal?
            var candidates: [(RecordID, MatchRule)] = []
            for claim in DatasetOrigin.claims(record) {
                guard let portal = portal(claim.host), portal.source != source else { continue }
                known = portal
                if let target = DatasetOrigin.target(claim, at: portal) {
                    candidates.append((target, claim.rule))
                } else if let url = claim.url, let target = index(portal).landing[PortalIndex.key(url)] ?? nil {
                    candidates.append((target, claim.rule))
                }
            }
            // Then the distributions, against the portal the record names.
            if candidates.isEmpty, let portal = known {
                let byURL = index(portal).distributions
                if let target = record.dataset?.distributions.lazy.compactMap({ byURL[PortalIndex.key($0.url)] ?? nil })
                    .first
                {
                    candidates.append((target, .distributionURL))
                }
            }
            for (target, rule) in candidates where target != record.id {
                if let other = claimed[target], other != item {
                    warn("\(record.id) and the dataset of item \(other) both claim \(target); kept apart")
                    return record
                }
                claimed[target] = item
                var copy = record
                copy.id = target
                for i in copy.provenance.indices where copy.provenance[i].source == source {
                    copy.provenance[i].sameAs = record.id
                    copy.provenance[i].matchedBy = rule
                }
                return copy
            }
            return record
        }
    }

    /// The origin records of a portal by landing page and by distribution URL (an URL shared
    /// by two of its datasets maps to none), read once per run from the store.
    struct PortalIndex {
        var landing: [String: RecordID?] = [:]
        var distributions: [String: RecordID?] = [:]

        /// URLs compared without scheme case, `www.`, trailing slash and fragment.
        static func key(_ url: String) -> String {
            var s = url.trimmingCharacters(in: .whitespaces)
            if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
            while s.hasSuffix("/") { s.removeLast() }
            guard let scheme = s.range(of: "://") else { return s }
            var rest = s[scheme.upperBound...]
            let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            var host = rest[..<hostEnd].lowercased()
            if host.hasPrefix("www.") { host.removeFirst(4) }
            rest = rest[hostEnd...]
            return host + rest
        }
    }
    private var indexes: [String: PortalIndex] = [:]

    private func index(_ portal: DatasetOrigin.Portal) -> PortalIndex {
        if let cached = indexes[portal.source] { return cached }
        var index = PortalIndex()
        try? store.forEachRecord(RecordFilter(kinds: [.dataset], includeArchived: false)) { record in
            guard record.provenance.contains(where: { $0.source == portal.source && $0.sameAs == nil }) else { return }
            func put(_ map: inout [String: RecordID?], _ url: String) {
                let key = PortalIndex.key(url)
                if let existing = map[key], existing != record.id {
                    map[key] = .some(nil)
                } else {
                    map[key] = record.id
                }
            }
            if let url = record.url { put(&index.landing, url) }
            for d in record.dataset?.distributions ?? [] { put(&index.distributions, d.url) }
        }
        indexes[portal.source] = index
        return index
    }

    private func portal(_ host: String) -> DatasetOrigin.Portal? {
        if let cached = portals[host] { return cached }
        var found: DatasetOrigin.Portal?
        if let value = (try? store.state(source: Self.directorySource, key: host)) ?? nil {
            let parts = value.split(separator: "\t").map(String.init)
            if parts.count == 2, let kind = SourceKind(rawValue: parts[1]) {
                found = DatasetOrigin.Portal(source: parts[0], kind: kind)
            }
        }
        portals[host] = found
        return found
    }
}
