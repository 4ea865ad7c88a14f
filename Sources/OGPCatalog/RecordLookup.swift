import Foundation
import OGPModel
import OGPStore

/// Finds one record from what a person types, and gathers what `ogp show` prints: the record,
/// its status history, and every link in both directions with the linked records' kind and title.
///
/// Accepted forms: a record id (`commitment:ogp:FR0001`), an OGP commitment id (`FR0001`), a
/// plan id (`plan-2015-2017-gov`) or OGP plan id (`AP_FRA01`), a data.gouv.fr id (24 hex) or
/// slug, a data.gouv.fr dataset URL, or any record's URL.
public struct RecordLookup: Sendable {
    public let store: any CatalogStore

    public init(store: any CatalogStore) {
        self.store = store
    }

    /// The id of the record `text` designates, or nil.
    ///
    /// With `scanning: false`, only the forms found by key (record ids, OGP commitment ids,
    /// data.gouv.fr ids, dataset URLs with an id, plan keys) are tried: URLs and slugs need a
    /// pass over every record, which a web server must not make for any path a client sends.
    public func resolve(_ text: String, scanning: Bool = true) throws -> RecordID? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if t.contains(":"), !isURL(t), try store.record(RecordID(rawValue: t)) != nil { return RecordID(rawValue: t) }
        if Self.isOGPCommitmentID(t) {
            let id = RecordID(kind: .commitment, namespace: "ogp", remoteID: t.uppercased())
            if try store.record(id) != nil { return id }
        }
        if t.count == 24, t.allSatisfy(\.isHexDigit) {
            for kind in [RecordKind.dataset, .organization] {
                let id = RecordID(kind: kind, namespace: "data.gouv.fr", remoteID: t.lowercased())
                if try store.record(id) != nil { return id }
            }
        }
        if isURL(t) {
            if let key = Self.dataGouvDatasetKey(t), let id = try resolve(key, scanning: scanning) { return id }
            guard scanning else { return nil }
            for kind in RecordKind.allCases {
                let id = RecordID(kind: kind, namespace: "", remoteID: t)
                if try store.record(id) != nil { return id }
            }
            return try scan(
                kinds: [.actionPlan, .commitment, .publication, .organization, .dataset],
                containing: Self.urlNeedle(t)
            ) { r in
                r.url == t || r.dataset?.uri == t
                    || r.url.map { RecordID(kind: r.kind, namespace: "", remoteID: $0) }
                        == RecordID(kind: r.kind, namespace: "", remoteID: t)
            }
        }
        let folded = t.lowercased()
        if let plan = try scan(
            kinds: [.actionPlan],
            { r in
                Self.remotePart(r.id).lowercased() == folded || r.extras["ogpActionPlanID"]?.lowercased() == folded
            })
        {
            return plan
        }
        guard scanning else { return nil }
        return try scan(kinds: [.dataset, .organization], containing: Self.needle(t).map { "\"slug\":\"\($0)\"" }) {
            r in r.extras["slug"] == t
        }
    }

    /// The record `id` with its history, links and suggestions.
    public func view(_ id: RecordID) throws -> RecordView? {
        guard let record = try store.record(id) else { return nil }
        let history = try store.history(of: id)
        var view = RecordView(record: record)
        view.versions = history.count
        view.statusEvents = StatusChange.events(history.map { ($0.validFrom, $0.record) })
        for link in record.links {
            view.outgoing.append(try linked(link.target, relation: link.relation.rawValue))
        }
        // Incoming links: the small kinds always; datasets only for an organisation's datasets.
        var kinds: Set<RecordKind> = [.actionPlan, .commitment, .publication]
        if record.kind == .organization { kinds.insert(.dataset) }
        try store.forEachRecord(RecordFilter(kinds: kinds, includeArchived: false)) { other in
            for link in other.links where link.target == id && other.id != id {
                view.incoming.append(LinkedRecord(record: other, relation: link.relation.rawValue))
            }
        }
        // Publications naming a commitment, commitments named by a publication (computed).
        if record.kind == .commitment || record.kind == .publication {
            let other: RecordKind = record.kind == .commitment ? .publication : .commitment
            try store.forEachRecord(RecordFilter(kinds: [other], includeArchived: false)) { r in
                let (p, c) = record.kind == .commitment ? (r, record) : (record, r)
                guard let reason = CommitmentMentions.reason(publication: p, commitment: c) else { return }
                var l = LinkedRecord(record: r, relation: record.kind == .commitment ? "namedBy" : "names")
                l.reason = reason.rawValue
                view.mentions.append(l)
            }
        }
        let suggestions = try DatasetSuggestions.load(store)
        if record.kind == .commitment {
            for s in suggestions.byCommitment[id] ?? [] {
                var l = try linked(s.dataset, relation: "suggested")
                l.score = s.score
                l.matched = s.matched
                view.suggested.append(l)
            }
        } else if record.kind == .dataset {
            for s in suggestions.commitments(suggesting: id) {
                var l = try linked(s.commitment, relation: "suggestedFor")
                l.score = s.score
                view.suggested.append(l)
            }
        }
        return view
    }

    func linked(_ target: RecordID, relation: String) throws -> LinkedRecord {
        if let r = try store.record(target) { return LinkedRecord(record: r, relation: relation) }
        return LinkedRecord(relation: relation, id: target.rawValue, kind: target.kind?.rawValue, title: nil)
    }

    /// The first record of `kinds` that `match` accepts; with `containing`, only the records
    /// whose stored JSON holds that text are decoded (the database looks: a slug among 121,074
    /// datasets took 10 s when each was decoded).
    func scan(kinds: Set<RecordKind>, containing: String? = nil, _ match: (Record) -> Bool) throws -> RecordID? {
        var found: RecordID?
        for kind in RecordKind.allCases where kinds.contains(kind) && found == nil {
            try store.forEachRecord(RecordFilter(kinds: [kind], includeArchived: true, containing: containing)) { r in
                if found == nil, match(r) { found = r.id }
            }
        }
        return found
    }

    /// `t` as it appears in a record's canonical JSON, when that is `t` itself: printable ASCII
    /// without a quote or backslash (which JSON escapes). Else nil: no filter, a full scan.
    static func needle(_ t: String) -> String? {
        t.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C } ? t : nil
    }

    /// What every spelling of URL `t` that ``RecordID`` takes for the same has in common: its
    /// path and query (scheme and host are compared without case, a fragment and a final slash
    /// dropped). Nil when that is too short to narrow anything.
    static func urlNeedle(_ t: String) -> String? {
        guard let schemeEnd = t.range(of: "://") else { return nil }
        var rest = t[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        guard let start = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return nil }
        var path = String(rest[start...])
        while path.hasSuffix("/") { path.removeLast() }
        return path.count >= 4 ? needle(path) : nil
    }

    func isURL(_ t: String) -> Bool {
        let l = t.lowercased()
        return l.hasPrefix("http://") || l.hasPrefix("https://") || l.hasPrefix("file:")
    }

    /// `FR0001`, `BUE0009`: two to four letters and four digits.
    static func isOGPCommitmentID(_ t: String) -> Bool {
        let letters = t.prefix { $0.isASCII && $0.isLetter }
        let digits = t.dropFirst(letters.count)
        return (2...4).contains(letters.count) && digits.count == 4 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The id or slug in a data.gouv.fr dataset URL (`…/datasets/<id-or-slug>/`).
    static func dataGouvDatasetKey(_ url: String) -> String? {
        guard url.contains("data.gouv.fr"), let r = url.range(of: "/datasets/") else { return nil }
        let key = url[r.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return key.isEmpty ? nil : String(key)
    }

    static func remotePart(_ id: RecordID) -> String {
        id.rawValue.split(separator: ":", maxSplits: 2).last.map(String.init) ?? id.rawValue
    }
}
