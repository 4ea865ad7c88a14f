import Foundation
import OGPModel

/// A linked record as `ogp show` lists it: the relation, the other record's id, kind and title,
/// and for commitments their status; a score for suggestions, a reason for computed mentions.
public struct LinkedRecord: Codable, Sendable, Hashable {
    /// `partOf`, `reportsOn`, `usesDataset`, `publishedBy`, `duplicateOf` (asserted, as stored);
    /// `namedBy`/`names` (a publication naming a commitment); `suggested`/`suggestedFor`.
    public var relation: String
    public var id: String
    /// nil when the linked record is not in the catalogue.
    public var kind: String?
    public var title: String?
    public var status: String?
    public var score: Double?
    public var reason: String?
    /// For a suggestion: the commitment's subject words the dataset's title or tags hold.
    public var matched: [String]?

    public init(relation: String, id: String, kind: String?, title: String?) {
        self.relation = relation
        self.id = id
        self.kind = kind
        self.title = title
    }

    init(record: Record, relation: String) {
        self.init(relation: relation, id: record.id.rawValue, kind: record.kind.rawValue, title: record.title)
        status = record.commitment?.status.rawValue
    }
}

/// What `ogp show` prints for one record (`--json` prints this structure: `record` is the
/// record's canonical JSON; `outgoing` are the record's own links, `incoming` other records'
/// links to it, `mentions` publications naming a commitment or commitments a publication names,
/// `suggested` suggested datasets of a commitment (or commitments suggesting a dataset), with scores).
public struct RecordView: Sendable {
    public var record: Record
    /// Versions of the record in the catalogue.
    public var versions = 1
    public var statusEvents: [StatusChange] = []
    public var outgoing: [LinkedRecord] = []
    public var incoming: [LinkedRecord] = []
    public var mentions: [LinkedRecord] = []
    public var suggested: [LinkedRecord] = []

    public init(record: Record) {
        self.record = record
    }

    /// The JSON form (keys sorted): `{record, versions, statusHistory, outgoing, incoming, mentions, suggested}`.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        let recordJSON = try JSONSerialization.jsonObject(with: RecordCoding.encode(record))
        let parts: [String: Any] = [
            "record": recordJSON,
            "versions": versions,
            "statusHistory": try JSONSerialization.jsonObject(with: encoder.encode(statusEvents)),
            "outgoing": try JSONSerialization.jsonObject(with: encoder.encode(outgoing)),
            "incoming": try JSONSerialization.jsonObject(with: encoder.encode(incoming)),
            "mentions": try JSONSerialization.jsonObject(with: encoder.encode(mentions)),
            "suggested": try JSONSerialization.jsonObject(with: encoder.encode(suggested)),
        ]
        return try JSONSerialization.data(
            withJSONObject: parts, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// The text form, for people.
    public func text() -> String {
        let r = record
        var out = "[\(r.kind.rawValue)] \(r.title)\n"
        out += "id: \(r.id.rawValue)\n"
        if let url = r.url { out += "url: \(url)\n" }
        if let c = r.commitment {
            if let ogp = c.ogpID { out += "OGP id: \(ogp)\n" }
            if let plan = c.plan { out += "plan: \(title(of: plan) ?? plan.rawValue)\n" }
            if let n = c.displayNumber { out += "number: \(n)\n" }
            out += "status: \(c.status.rawValue)" + (c.statusLabel.map { " (\($0))" } ?? "") + "\n"
            if !c.leadInstitutions.isEmpty { out += "lead: \(c.leadInstitutions.joined(separator: "; "))\n" }
            if !c.milestones.isEmpty {
                out +=
                    "milestones:\n"
                    + c.milestones.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
                    + "\n"
            }
            if !c.assessments.isEmpty {
                out += "assessments:\n"
                for a in c.assessments {
                    out += "  \(a.date ?? "undated")  \(a.assessor.rawValue): \(a.status.rawValue) (\(a.label))\n"
                }
            }
        }
        if let p = r.actionPlan {
            out += "plan: \(p.startYear.map(String.init) ?? "?")-\(p.endYear.map(String.init) ?? "?"), \(p.institution)"
            out += p.announcedCommitments.map { ", \($0) commitments announced" } ?? ""
            out += "\n"
        }
        if let d = r.dataset {
            if let org = r.extras["organization"] ?? d.organization?.rawValue { out += "organisation: \(org)\n" }
            if let l = d.licenseLabel ?? d.license { out += "licence: \(l)\n" }
            if let p = d.popularity {
                out += "popularity: \(p.rawValue) (\(p.counts) followers and reuses at its portal)\n"
            }
        }
        if let date = r.dates.published { out += "published: \(date)\n" }
        if let date = r.dates.modified { out += "modified: \(date)\n" }
        if !r.themes.isEmpty { out += "themes: \(r.themes.joined(separator: ", "))\n" }
        if !r.tags.isEmpty { out += "tags: \(r.tags.joined(separator: ", "))\n" }
        if let archived = r.archived { out += "archived: \(archived.at) (\(archived.reason))\n" }
        // Drafts are kept but hidden from search: say so, or a reader wonders why a search misses it.
        if r.draft { out += "draft: not published at the source (hidden from search; ogp-search --include-hidden shows it)\n" }
        let origins = r.provenance.map { p in
            "\(p.source) [\(p.sourceKind)] \(p.url)"
                + (p.sameAs.map { " (was \($0.rawValue)\(p.matchedBy.map { ", \($0.rawValue)" } ?? ""))" } ?? "")
        }
        // A plan is told of by many publications: one per line, not a paragraph of URLs.
        out += origins.count == 1 ? "provenance: \(origins[0])\n" : "provenance:\n" + origins.map { "  \($0)\n" }.joined()
        out += "versions: \(versions)\n"
        if !statusEvents.isEmpty {
            // Dated by the harvests that saw each status: the first line is when ogp first saw
            // one, not when it was assessed (the assessments above carry their own years).
            out += "\nstatus history (as harvested):\n"
            for e in statusEvents {
                let change = e.from.map { "\($0.rawValue) → \(e.to.rawValue)" } ?? "first seen: \(e.to.rawValue)"
                out += "  \(e.at)  \(change)" + (e.label.map { " (\($0))" } ?? "")
                out += (e.assessor.map { ", \($0.rawValue)" } ?? "") + "\n"
            }
        }
        if let summary = r.summary, !summary.isEmpty {
            out += "\n\(summary)\n"
        } else if let body = r.body, !body.isEmpty {
            // Catalogue records (CKAN notes, DCAT descriptions) have a body and no summary: show
            // its beginning so a reader sees what the record is about.
            out += "\n\(Self.excerpt(body))\n"
        }
        if let d = r.dataset, !d.distributions.isEmpty {
            out += "\ndistributions:\n"
            // A portal dataset can have hundreds of files (one per day or commune): show the first ones.
            for (i, x) in d.distributions.prefix(Self.distributionsShown).enumerated() {
                let format = x.format ?? x.mimeType
                out += "  \(i + 1). \(x.title ?? x.id ?? "(untitled)")" + (format.map { " [\($0)]" } ?? "")
                out += (x.size.map { " " + Self.byteCount($0) } ?? "")
                out += "\n     \(x.url)\n"
            }
            if d.distributions.count > Self.distributionsShown {
                out += "  … and \(d.distributions.count - Self.distributionsShown) more (--json lists them all)\n"
            }
        }
        for (heading, list) in [
            ("links", outgoing), ("linked from", incoming), ("publications naming it", mentions),
            ("suggested", suggested),
        ]
        where !list.isEmpty {
            let name = heading == "publications naming it" && r.kind == .publication ? "commitments it names" : heading
            out += "\n\(name):\n"
            for l in list {
                var line = "  \(l.relation)  [\(l.kind ?? "?")] \(l.title ?? "(not in the catalogue)")"
                if let s = l.status { line += " — \(s)" }
                if let s = l.score { line += String(format: " — score %.1f", s) }
                if let m = l.matched, !m.isEmpty { line += " — shares « \(m.joined(separator: ", ")) »" }
                if let why = l.reason { line += " — by \(why)" }
                out += line + "\n    \(l.id)\n"
            }
        }
        return out
    }

    /// How many distributions the text form lists.
    static let distributionsShown = 20

    /// `493 B`, `123.5 kB`, `4.2 MB` (decimal units, the same whatever the locale).
    static func byteCount(_ n: Int64) -> String {
        guard n >= 1000 else { return "\(n) B" }
        var value = Double(n) / 1000
        for unit in ["kB", "MB", "GB", "TB"] {
            if value < 1000 || unit == "TB" { return String(format: "%.1f %@", value, unit) }
            value /= 1000
        }
        return "\(n) B"
    }

    /// The first 600 characters of `body`, cut at a word, with an ellipsis when cut.
    static func excerpt(_ body: String, limit: Int = 600) -> String {
        guard body.count > limit else { return body }
        let head = body.prefix(limit)
        let cut = head.lastIndex(where: { $0 == " " || $0 == "\n" }) ?? head.endIndex
        return String(head[..<cut]) + " …"
    }

    private func title(of id: RecordID) -> String? {
        outgoing.first { $0.id == id.rawValue }?.title
    }
}
