import Foundation
import OGPModel

/// What ``PlanExtractor`` found in one publication.
public struct PlanExtraction: Sendable, Hashable {
    /// The publication, with `reportsOn` links to the plans (and commitments) it reports on.
    public var publication: Record
    /// The plans it reports on: catalogue records enriched with what the publication states
    /// (announced count, axes, dated status reports) and its provenance.
    public var plans: [Record]
    /// Commitments listed by the publication, each `partOf` its plan.
    public var commitments: [Record]

    /// Every record: publication, plans, commitments.
    public var records: [Record] { [publication] + plans + commitments }
}

/// Recognises in a publication the action plans it reports on (by period, ordinal and
/// institution keywords of the ``PlanCatalog``), the counts it announces, the axes it lists,
/// the status counts it states, and the commitments it lists (see ``CommitmentListExtractor``).
///
/// Plan and commitment records have catalogue ids (`actionPlan:ogp-fr:plan-2021-2023-gov`,
/// `commitment:ogp-fr:plan-2021-2023-gov-c4`), the same whatever the source; their provenance
/// points to the publication. Pure: the harvest merges the enrichments into the store.
public struct PlanExtractor: Sendable {
    /// The parser name and version written into the provenance of plans and commitments.
    public static let parser = "plan-extractor"
    /// See ``parser``.
    public static let version = "1"

    /// The reference facts (`config/plans.yml`).
    public var catalog: PlanCatalog

    /// An extractor recognising the plans of `catalog`.
    public init(catalog: PlanCatalog) {
        self.catalog = catalog
    }

    /// Analyses `publication`.
    public func extract(from publication: Record) -> PlanExtraction {
        var header = [publication.title]
        if let s = publication.summary { header.append(s) }
        let mentions = PlanMentions((header + [publication.body ?? ""]).joined(separator: "\n\n"))
        let headerLines = header.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
            .count
        let matched = matchedPlans(mentions)
        guard !matched.isEmpty else { return PlanExtraction(publication: publication, plans: [], commitments: []) }
        let primary = matched.min { a, b in (a.firstLine, a.order) < (b.firstLine, b.order) }?.entry ?? matched[0].entry
        var plans: [String: Record] = [:]
        for m in matched {
            var r = catalog.record(m.entry)
            r.provenance.append(provenance(publication))
            plans[m.entry.id] = r
        }
        let matchedEntries = matched.map(\.entry)
        // Announced counts, attributed to the line's period or to the plan whose count they confirm.
        for line in mentions.lines {
            for n in line.counts {
                let candidates = linePlans(line, matchedEntries)
                let target =
                    candidates.first { $0.commitments == n }
                    ?? matchedEntries.first { $0.commitments == n && candidates.isEmpty }
                guard let target, var r = plans[target.id] else { continue }
                r.actionPlan?.announcedCommitments = n
                plans[target.id] = r
            }
            let counts = PlanMentions.statusCounts(line.folded)
            if !counts.isEmpty {
                let total = counts.values.reduce(0, +)
                let target = matchedEntries.first { $0.commitments == total } ?? primary
                plans[target.id]?.actionPlan?.statusReports.append(
                    StatusReport(counts: counts, date: publication.dates.published, source: publication.id))
            }
        }
        // Axes.
        for list in mentions.axisLists() {
            let line = mentions.lines[list.line]
            let counts = line.counts
            let candidates = linePlans(line, matchedEntries)
            let target =
                candidates.first { e in counts.contains { $0 == e.commitments } }
                ?? candidates.first
                ?? matchedEntries.first { e in counts.contains { $0 == e.commitments } }
                ?? (list.line < headerLines ? nil : primary)
            guard let target, plans[target.id]?.actionPlan?.axes.isEmpty == true else { continue }
            plans[target.id]?.actionPlan?.axes = list.labels
            if let expected = target.axes, expected != list.labels.count {
                plans[target.id]?.warnings.append(
                    "\(publication.id) lists \(list.labels.count) axes, the catalogue says \(expected)")
            }
        }
        // Commitments listed with their ambitions.
        var commitments: [Record] = []
        let blocks = CommitmentListExtractor.blocks(in: publication.body ?? "")
        if !blocks.isEmpty {
            let target = matchedEntries.first { $0.commitments == blocks.count } ?? primary
            commitments = CommitmentListExtractor.records(
                blocks, plan: target, catalog: catalog, publication: publication, provenance: provenance(publication))
            let ambitions = blocks.reduce(0) { $0 + $1.ambitions.count }
            if let expected = target.ambitions, expected != ambitions {
                plans[target.id]?.warnings.append(
                    "\(publication.id) lists \(ambitions) ambitions, the catalogue says \(expected)")
            }
        }
        var pub = publication
        for entry in matchedEntries { addLink(&pub, .reportsOn, catalog.planID(entry)) }
        for c in commitments { addLink(&pub, .reportsOn, c.id) }
        return PlanExtraction(
            publication: pub, plans: matchedEntries.compactMap { plans[$0.id] }, commitments: commitments)
    }

    struct Match {
        var entry: PlanEntry
        var firstLine: Int
        var order: Int
    }

    /// Plans mentioned anywhere, with the first line mentioning each.
    func matchedPlans(_ mentions: PlanMentions) -> [Match] {
        var first: [String: Int] = [:]
        let allText = mentions.lines.map(\.folded).joined(separator: "\n")
        let candidates = catalog.plans.filter { entry in
            let keywords = (entry.keywords ?? []).map(TextFolding.fold)
            return keywords.isEmpty || keywords.contains(where: allText.contains)
        }
        for (n, line) in mentions.lines.enumerated() where !line.periods.isEmpty || !line.ordinals.isEmpty {
            for entry in candidates where first[entry.id] == nil {
                let byPeriod = line.periods.contains { $0 == (entry.start, entry.end) }
                let byOrdinal = (entry.keywords ?? []).isEmpty && entry.ordinal.map(line.ordinals.contains) == true
                if byPeriod || byOrdinal { first[entry.id] = n }
            }
        }
        return catalog.plans.enumerated().compactMap { order, entry in
            first[entry.id].map { Match(entry: entry, firstLine: $0, order: order) }
        }
    }

    /// The plans a line speaks of: by period (the institution's plan when the line names its
    /// keywords, else the government's) or by ordinal.
    func linePlans(_ line: PlanMentions.Line, _ entries: [PlanEntry]) -> [PlanEntry] {
        let periods = line.periods
        let ordinals = line.ordinals
        return entries.filter { e in
            let keywords = (e.keywords ?? []).map(TextFolding.fold)
            let named = keywords.contains(where: line.folded.contains)
            let othersNamed = entries.contains { o in
                o.id != e.id && (o.keywords ?? []).map(TextFolding.fold).contains(where: line.folded.contains)
            }
            if keywords.isEmpty, othersNamed { return false }
            if !keywords.isEmpty, !named { return false }
            return periods.contains { $0 == (e.start, e.end) } || (e.ordinal.map(ordinals.contains) ?? false) || named
        }
    }

    func provenance(_ publication: Record) -> Provenance {
        var p =
            publication.provenance.first
            ?? Provenance(
                source: "unknown", sourceKind: "unknown", url: publication.url ?? publication.id.rawValue, parser: "",
                parserVersion: "")
        p.parser = Self.parser
        p.parserVersion = Self.version
        if p.item == nil { p.item = publication.id.rawValue }
        return p
    }

    func addLink(_ r: inout Record, _ relation: RecordLink.Relation, _ target: RecordID) {
        let link = RecordLink(relation, target)
        if !r.links.contains(link) { r.links.append(link) }
    }
}
