import Foundation
import OGPModel
import OGPStore

/// Another record as a page or the API mentions it: enough to show and link it.
public struct RecordRef: Sendable, Codable, Equatable {
    public var id: String
    public var kind: String?
    /// Nil when the linked record is not in the catalogue (yet).
    public var title: String?
    /// A commitment's status.
    public var status: String?
    /// A commitment's number in its plan.
    public var number: Int?
    /// For links: how the records relate (`partOf`, `usesDataset`, `reportsOn`…).
    public var relation: String?

    init(_ r: Record, relation: RecordLink.Relation? = nil) {
        id = r.id.rawValue
        kind = r.kind.rawValue
        title = r.title
        status = r.commitment?.status.rawValue
        number = r.commitment?.number
        self.relation = relation?.rawValue
    }

    init(missing id: RecordID, relation: RecordLink.Relation?) {
        self.id = id.rawValue
        kind = id.kind?.rawValue
        self.relation = relation?.rawValue
    }
}

/// One version of a record in its history, with the commitment status it had.
public struct VersionRef: Sendable, Codable, Equatable {
    public var version: Int
    public var validFrom: String
    public var validTo: String?
    public var status: String?
}

/// A record with what its page shows around it: its plan, the records it links to, the records
/// linking to it, a plan's commitments, and its version history. Built from what the store
/// offers today (record fields and links); a richer lookup (`ogp show`'s) can replace `load`.
public struct RecordDetails: Sendable {
    public var record: Record
    /// A commitment's plan.
    public var plan: RecordRef?
    /// Links from this record, resolved to titles where the target is in the catalogue.
    public var links: [RecordRef]
    /// Commitments and publications linking to this record (a dataset's commitments, a
    /// commitment's news), not counting a plan's own commitments.
    public var linkedFrom: [RecordRef]
    /// A plan's commitments, by number.
    public var commitments: [RecordRef]
    /// Versions, oldest first.
    public var history: [VersionRef]

    /// At most this many links are resolved (a record with more shows the first ones).
    static let maxLinks = 200

    /// Loads the record `id` and its surroundings; nil when there is no such record.
    public static func load(_ id: RecordID, store: any CatalogBrowsing) throws(StoreError) -> RecordDetails? {
        guard let record = try store.record(id) else { return nil }
        var plan: RecordRef?
        if let planID = record.commitment?.plan ?? record.links.first(where: { $0.relation == .partOf })?.target {
            plan = try store.record(planID).map { RecordRef($0) } ?? RecordRef(missing: planID, relation: .partOf)
        }
        var links: [RecordRef] = []
        var seen = Set<RecordID>()
        for link in record.links.prefix(maxLinks) where link.target != plan.map({ RecordID(rawValue: $0.id) }) {
            guard seen.insert(link.target).inserted else { continue }
            links.append(
                try store.record(link.target).map { RecordRef($0, relation: link.relation) }
                    ?? RecordRef(missing: link.target, relation: link.relation))
        }
        let inbound = try store.records(
            linkingTo: id, kinds: [.commitment, .publication, .actionPlan], limit: maxLinks)
        var commitments: [RecordRef] = []
        var linkedFrom: [RecordRef] = []
        for r in inbound {
            if record.kind == .actionPlan, r.kind == .commitment,
                r.commitment?.plan == id || r.links.contains(where: { $0.relation == .partOf && $0.target == id })
            {
                commitments.append(RecordRef(r, relation: .partOf))
            } else {
                linkedFrom.append(RecordRef(r, relation: r.links.first { $0.target == id }?.relation))
            }
        }
        commitments.sort { ($0.number ?? Int.max, $0.id) < ($1.number ?? Int.max, $1.id) }
        let history = try store.history(of: id).map {
            VersionRef(
                version: $0.version, validFrom: $0.validFrom, validTo: $0.validTo,
                status: $0.record.commitment?.status.rawValue)
        }
        return RecordDetails(
            record: record, plan: plan, links: links, linkedFrom: linkedFrom, commitments: commitments, history: history
        )
    }

    /// The JSON of `/api/records/{id}`: `{"record": …, "plan", "links", "linkedFrom", "commitments", "history"}`.
    func json() throws -> Data {
        struct Related: Encodable {
            var plan: RecordRef?
            var links: [RecordRef]
            var linkedFrom: [RecordRef]
            var commitments: [RecordRef]
            var history: [VersionRef]

            enum CodingKeys: String, CodingKey { case plan, links, linkedFrom, commitments, history }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(plan, forKey: .plan)  // null when none: a stable shape
                try c.encode(links, forKey: .links)
                try c.encode(linkedFrom, forKey: .linkedFrom)
                try c.encode(commitments, forKey: .commitments)
                try c.encode(history, forKey: .history)
            }
        }
        let related = try JSONCoding.encoder.encode(
            Related(plan: plan, links: links, linkedFrom: linkedFrom, commitments: commitments, history: history))
        // The record exactly as the export writes it, then the surroundings.
        var out = Data("{\"record\":".utf8)
        out.append(contentsOf: RecordCoding.bytes(record))
        out.append(Data(",".utf8))
        out.append(related.dropFirst())
        return out
    }
}

/// The server's JSON encoder settings.
enum JSONCoding {
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
