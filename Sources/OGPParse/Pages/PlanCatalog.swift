import Foundation
import OGPModel
import Yams

/// One action plan as described in `config/plans.yml`.
public struct PlanEntry: Codable, Sendable, Hashable {
    /// Stable id within the catalogue namespace (`plan-2021-2023-gov`).
    public var id: String
    /// The plan's title.
    public var title: String
    /// ISO 3166 alpha-2 code, `FR` when absent.
    public var country: String?
    /// `government` or `parliament`.
    public var institution: String
    /// First year of the plan.
    public var start: Int
    /// Last year of the plan.
    public var end: Int
    /// 1 for the first plan of its institution, 3 for "3e plan d'action".
    public var ordinal: Int?
    /// The number of commitments announced.
    public var commitments: Int?
    /// The number of ambitions (milestones) announced.
    public var ambitions: Int?
    /// The number of axes, themes or initiatives.
    public var axes: Int?
    /// Commitment titles in order.
    public var commitmentTitles: [String]?
    /// Words a publication must contain to be about this plan (other institutions' plans).
    public var keywords: [String]?
    /// Where the facts come from.
    public var source: String
    /// Free text for people.
    public var note: String?
    /// The OGP's id of the plan (`AP_FRA01`), which its commitments database uses.
    public var actionPlanID: String?

    enum CodingKeys: String, CodingKey {
        case id, title, country, institution, start, end, ordinal, commitments, ambitions, axes
        case commitmentTitles = "commitment_titles"
        case keywords, source, note
        case actionPlanID = "action_plan_id"
    }
}

/// The reference facts about action plans (`config/plans.yml`), user-editable, and the
/// `actionPlan` records they give.
public struct PlanCatalog: Sendable, Hashable {
    /// The id namespace of plans and commitments (`ogp-fr`): stable across sources.
    public var namespace: String
    /// The plans, in file order.
    public var plans: [PlanEntry]
    /// The OGP member whose plans these are, as the OGP names it (`France`): the fallback for
    /// attaching the OGP's commitments to plans without `action_plan_id` (by member and years).
    public var member: String?

    /// A catalogue of `plans` in `namespace`.
    public init(namespace: String, plans: [PlanEntry], member: String? = nil) {
        self.namespace = namespace
        self.plans = plans
        self.member = member
    }

    private struct File: Codable {
        var namespace: String?
        var member: String?
        var plans: [PlanEntry]
    }

    /// Reads the catalogue. Throws a ``ParseError`` for invalid YAML, a missing field, a
    /// duplicated id or an alias bomb.
    public static func load(yaml: String) throws -> PlanCatalog {
        guard yaml.utf8.count <= 1024 * 1024 else { throw ParseError(.tooLarge, "plans file is larger than 1 MiB") }
        let aliases = FrontMatter.countAliases(yaml)
        guard aliases <= FrontMatter.maxAliases else {
            throw ParseError(.invalidYAML, "plans file holds \(aliases) YAML aliases: refused as a possible alias bomb")
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: yaml)
        } catch let error as YamlError {
            throw ParseError(.invalidYAML, "invalid plans file", line: FrontMatter.yamlLine(error), cause: "\(error)")
        } catch {
            throw ParseError(.invalidYAML, "invalid plans file", cause: "\(error)")
        }
        var seen: Set<String> = []
        for p in file.plans {
            guard seen.insert(p.id).inserted else { throw ParseError(.invalidYAML, "plan id `\(p.id)` appears twice") }
            guard p.start <= p.end else { throw ParseError(.invalidYAML, "plan `\(p.id)` ends before it starts") }
        }
        return PlanCatalog(namespace: file.namespace ?? "ogp-fr", plans: file.plans, member: file.member)
    }

    /// The record id of a plan: `actionPlan:<namespace>:<id>`.
    public func planID(_ entry: PlanEntry) -> RecordID {
        RecordID(kind: .actionPlan, namespace: namespace, remoteID: entry.id)
    }

    /// The record id of commitment `number` of a plan: `commitment:<namespace>:<id>-c<number>`.
    public func commitmentID(_ entry: PlanEntry, number: Int) -> RecordID {
        RecordID(kind: .commitment, namespace: namespace, remoteID: "\(entry.id)-c\(number)")
    }

    /// The plan with id `id`.
    public func plan(_ id: String) -> PlanEntry? {
        plans.first { $0.id == id }
    }

    /// The plan the OGP's commitments database calls `actionPlanID` (`AP_FRA01`), else the
    /// government plan of the catalogue's member running from `start` to `end`.
    public func plan(ogpActionPlanID actionPlanID: String?, member: String?, start: Int?, end: Int?) -> PlanEntry? {
        if let actionPlanID, !actionPlanID.isEmpty,
            let entry = plans.first(where: { $0.actionPlanID?.caseInsensitiveCompare(actionPlanID) == .orderedSame })
        {
            return entry
        }
        guard let member, let own = self.member, TextFolding.fold(member) == TextFolding.fold(own), let start, let end
        else { return nil }
        return plans.first { $0.institution == "government" && $0.start == start && $0.end == end }
    }

    /// The folded `keywords` of each plan that has some (the plans of other institutions than
    /// the government), by record id: what must be named for a text to be about such a plan.
    public var institutionKeywords: [RecordID: [String]] {
        var out: [RecordID: [String]] = [:]
        for entry in plans {
            let words = (entry.keywords ?? []).map(TextFolding.fold).filter { !$0.isEmpty }
            if !words.isEmpty { out[planID(entry)] = words }
        }
        return out
    }

    /// The `actionPlan` records, in catalogue order.
    public var records: [Record] {
        plans.map(record)
    }

    /// The `actionPlan` record of `entry`, with the catalogue's facts.
    public func record(_ entry: PlanEntry) -> Record {
        var extras: [String: String] = [:]
        if let o = entry.ordinal { extras["ordinal"] = String(o) }
        if let a = entry.ambitions { extras["ambitions"] = String(a) }
        if let a = entry.axes { extras["axesCount"] = String(a) }
        if let n = entry.note { extras["note"] = n }
        if let a = entry.actionPlanID { extras["ogpActionPlanID"] = a }
        return Record(
            id: planID(entry), kind: .actionPlan, title: entry.title, url: entry.source, references: [entry.source],
            extras: extras,
            provenance: [
                Provenance(
                    source: "plans.yml", sourceKind: "config", url: entry.source, item: entry.id,
                    parser: "plan-catalog", parserVersion: "1")
            ],
            actionPlan: ActionPlanInfo(
                country: entry.country ?? "FR", institution: entry.institution, startYear: entry.start,
                endYear: entry.end,
                announcedCommitments: entry.commitments))
    }
}
