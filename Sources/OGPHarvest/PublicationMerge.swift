import Foundation
import OGPModel
import OGPStore

/// One publication met through two sources (a Jekyll folder and its git repository, a page and
/// the WordPress post of the same article) becomes one record.
///
/// **Identity.** Two publications of different sources are one when they have the same public
/// URL (`http(s)`, compared without scheme, `www.`, trailing slash and fragment), or the same
/// title (case, accents and spacing ignored) and the same publication day. A hash of the body
/// is no identity: an editor's copy-paste gives two posts one body (see ``DuplicateDetector``).
///
/// **Merge.** After the sources of a run, each group of such publications keeps one record: the
/// one already merged into before, else the one of the source listed first in the configuration
/// (then the smallest id). Its fields stay its own source's; the other sources' provenance entries
/// are added to it (`sameAs`: the id the copy had, `matchedBy`: the rule), the copies are archived
/// (`merged into …`, never deleted) and remembered as aliases, so that each source's next runs
/// write to the kept record (as a copy: its fields do not replace the kept ones) and count it as
/// listed. A record is archived only when no source lists it any more (see the store's
/// `reconcile`), so removing the post from one source keeps it while the other has it.
struct PublicationMerge {
    static let stateSource = "ogp-same-publications"
    static let aliasesKey = "aliases"

    let store: any CatalogStore
    /// Source names in the configuration's order (the first listed source's record is kept).
    let sourceOrder: [String]

    /// An alias: a copy's id → the kept record and the rule that matched them.
    struct Alias: Codable, Sendable, Hashable {
        var target: RecordID
        var rule: MatchRule
    }

    static func loadAliases(_ store: any CatalogStore) -> [RecordID: Alias] {
        guard let text = (try? store.state(source: stateSource, key: aliasesKey)) ?? nil,
            let map = try? JSONDecoder().decode([String: Alias].self, from: Data(text.utf8))
        else { return [:] }
        return Dictionary(uniqueKeysWithValues: map.map { (RecordID(rawValue: $0.key), $0.value) })
    }

    static func saveAliases(_ aliases: [RecordID: Alias], to store: any CatalogStore) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let map = Dictionary(uniqueKeysWithValues: aliases.map { ($0.key.rawValue, $0.value) })
        try store.setState(
            source: stateSource, key: aliasesKey, value: String(decoding: try encoder.encode(map), as: UTF8.self))
    }

    /// The identity keys of a publication, strongest first.
    static func keys(_ r: Record) -> [(key: String, rule: MatchRule)] {
        var out: [(String, MatchRule)] = []
        if let url = r.url, let key = urlKey(url) { out.append(("url " + key, .sameURL)) }
        let title = TextFolding.collapseWhitespace(TextFolding.fold(r.title))
        if let day = r.dates.published?.prefix(10), day.count == 10, !title.isEmpty {
            out.append(("title " + title + "|" + day, .sameTitleAndDay))
        }
        return out
    }

    /// An `http(s)` URL without scheme, `www.`, trailing slash and fragment; nil for others
    /// (`file:` URLs name a copy, not the publication).
    static func urlKey(_ url: String) -> String? {
        var s = url.trimmingCharacters(in: .whitespaces)
        let lower = s.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        while s.hasSuffix("/") { s.removeLast() }
        guard let scheme = s.range(of: "://") else { return nil }
        let rest = s[scheme.upperBound...]
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var host = rest[..<hostEnd].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host + rest[hostEnd...]
    }

    /// The source that made the record (its provenance entry that is not a merged copy's).
    static func owner(_ r: Record) -> String? {
        r.provenance.first { $0.sameAs == nil }?.source ?? r.provenance.first?.source
    }

    /// A copy merged into another record.
    struct Merged: Sendable, Hashable {
        var copy: RecordID
        var source: String
        var alias: Alias
    }

    /// Merges every group of current publications of different sources that are one; returns
    /// the copies merged into another record.
    @discardableResult
    func run(at date: Date = Date()) throws -> [Merged] {
        var records: [Record] = []
        try store.forEachRecord(RecordFilter(kinds: [.publication], includeArchived: false)) { records.append($0) }
        // Union of records sharing a key.
        var parent = Array(records.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var ruleOf: [Int: MatchRule] = [:]
        var byKey: [String: Int] = [:]
        for (i, r) in records.enumerated() {
            for (key, rule) in Self.keys(r) {
                if let j = byKey[key] {
                    let (a, b) = (find(i), find(j))
                    if a != b {
                        parent[a] = b
                        if ruleOf[i] == nil { ruleOf[i] = rule }
                        if ruleOf[j] == nil { ruleOf[j] = rule }
                    }
                } else {
                    byKey[key] = i
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in records.indices { groups[find(i), default: []].append(i) }
        var aliases = Self.loadAliases(store)
        var merged: [Merged] = []
        let rank = Dictionary(sourceOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for members in groups.values where members.count > 1 {
            // One record per source: two of one source are that source's business (DuplicateDetector).
            var bySource: [String: Int] = [:]
            for i in members.sorted(by: { records[$0].id < records[$1].id }) {
                guard let source = Self.owner(records[i]), bySource[source] == nil else { continue }
                bySource[source] = i
            }
            guard bySource.count > 1 else { continue }
            let candidates = Array(bySource.values)
            let first = candidates.min { a, b in
                let (ra, rb) = (rank[Self.owner(records[a]) ?? ""] ?? .max, rank[Self.owner(records[b]) ?? ""] ?? .max)
                return ra != rb ? ra < rb : records[a].id < records[b].id
            }
            guard let kept = candidates.first(where: { records[$0].provenance.contains { $0.sameAs != nil } }) ?? first
            else { continue }
            for i in candidates where i != kept {
                let copy = records[i]
                guard let source = Self.owner(copy) else { continue }
                let rule = ruleOf[i] ?? ruleOf[kept] ?? .sameTitleAndDay
                var incoming = records[kept]
                incoming.provenance = copy.provenance.filter { $0.source == source }.map { p in
                    var p = p
                    p.sameAs = copy.id
                    p.matchedBy = rule
                    return p
                }
                // Written as the copy's source, below every source's precedence: the kept
                // record's fields stay, the copy's source adds its provenance and lists it.
                _ = try store.upsert([incoming], source: source, precedence: Self.copyPrecedence, at: date)
                _ = try store.archive(copy.id, reason: "merged into \(records[kept].id)", at: date)
                let alias = Alias(target: records[kept].id, rule: rule)
                aliases[copy.id] = alias
                merged.append(Merged(copy: copy.id, source: source, alias: alias))
            }
        }
        if !merged.isEmpty { try Self.saveAliases(aliases, to: store) }
        return merged.sorted { $0.copy < $1.copy }
    }

    /// The precedence a merged copy is written with (below every source kind's).
    static let copyPrecedence = -1
}
