import Foundation
import OGPCatalog
import OGPModel
import OGPParse
import OGPStore

/// After the sources: the action plans of `config/plans.yml`, enriched with what every stored
/// publication says of them (announced counts, axes, dated status counts), the commitments the
/// publications list, and the links from plans to the datasets tagged for the OGP. Written as
/// the records of the pseudo-source `ogp-plans`, deterministically (publications in id order),
/// so that an unchanged catalogue gives unchanged plans.
struct PlanPass {
    static let sourceName = "ogp-plans"
    let store: any CatalogStore
    let extractor: PlanExtractor
    let linkDatasets: Bool

    /// The store flag saying that records changed since the plans were last linked to the
    /// datasets: set before a source writes, cleared once the plan pass is committed, so that a
    /// run killed in between still links them on the next run (even if nothing changes then).
    static let pendingKey = "pending"

    static func markPending(_ store: any CatalogStore) throws(StoreError) {
        try store.setState(source: sourceName, key: pendingKey, value: "1")
    }

    static func isPending(_ store: any CatalogStore) -> Bool {
        ((try? store.state(source: sourceName, key: pendingKey)) ?? nil) != nil
    }

    /// The plans reference a run uses: the configuration's `plans:` file, else the one built
    /// into ogp (``PlanCatalog/builtInYAML``), so that commitments are found without one.
    static func plansName(_ config: Configuration) -> String {
        config.plansFile ?? PlanCatalog.builtInName
    }

    /// Loads the plan catalogue named by the configuration, else the built-in one.
    static func loadExtractor(_ config: Configuration) throws(HarvestError) -> PlanExtractor? {
        guard let path = config.plansFile else {
            do {
                return PlanExtractor(catalog: try PlanCatalog.load(yaml: PlanCatalog.builtInYAML))
            } catch {
                throw HarvestError(
                    .config, "invalid built-in plans reference", place: PlanCatalog.builtInName, cause: "\(error)")
            }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarvestError(.config, "cannot read the plans file", place: path)
        }
        do {
            return PlanExtractor(catalog: try PlanCatalog.load(yaml: String(decoding: data, as: UTF8.self)))
        } catch {
            throw HarvestError(.config, "invalid plans file", place: path, underlying: error)
        }
    }

    /// Builds the plan and commitment records from the catalogue and the stored publications.
    func build() throws(HarvestError) -> [Record] {
        var plans: [RecordID: Record] = [:]
        var order: [RecordID] = []
        for entry in extractor.catalog.plans {
            let record = extractor.catalog.record(entry)
            plans[record.id] = record
            order.append(record.id)
        }
        var commitments: [RecordID: Record] = [:]
        var datasets: [Record] = []
        do {
            try store.forEachRecord(RecordFilter(kinds: [.publication], includeArchived: false)) { publication in
                if Task.isCancelled { throw CancellationError() }  // SIGINT/SIGTERM: stop within a record
                let extraction = extractor.extract(from: publication)
                for plan in extraction.plans {
                    if let base = plans[plan.id] {
                        plans[plan.id] = Self.merge(base, plan)
                    } else {
                        plans[plan.id] = plan
                        order.append(plan.id)
                    }
                }
                for commitment in extraction.commitments {
                    if let existing = commitments[commitment.id] {
                        commitments[commitment.id] = Self.mergeProvenance(existing, commitment)
                    } else {
                        commitments[commitment.id] = DatasetLinks.addExplicitLinks(commitment)
                    }
                }
            }
            if linkDatasets {
                // Only the datasets tagged for the OGP are decoded (the store reads the tags
                // alone): decoding every dataset was a quarter of a 100,000-dataset harvest.
                let tagged = RecordFilter(kinds: [.dataset], includeArchived: false, tags: DatasetLinks.ogpTags)
                try store.forEachRecord(tagged) { dataset in
                    if Task.isCancelled { throw CancellationError() }
                    if DatasetLinks.isTaggedForOGP(dataset) { datasets.append(dataset) }
                }
            }
        } catch {
            if Task.isCancelled { throw HarvestError(.interrupted, "interrupted", place: Self.sourceName) }
            throw HarvestError(.store, "cannot read publications", place: Self.sourceName, underlying: error)
        }
        if linkDatasets {
            let planRecords = order.compactMap { plans[$0] }
            let keywords = extractor.catalog.institutionKeywords
            for dataset in datasets {
                if Task.isCancelled { throw HarvestError(.interrupted, "interrupted", place: Self.sourceName) }
                for plan in DatasetLinks.plans(for: dataset, among: planRecords, keywords: keywords) {
                    let link = RecordLink(.usesDataset, dataset.id)
                    if plans[plan.id]?.links.contains(link) == false { plans[plan.id]?.links.append(link) }
                }
            }
        } else {
            // Keep the dataset links the plans already have.
            for id in order {
                if let stored = try? store.record(id), var plan = plans[id] {
                    for link in stored.links where link.relation == .usesDataset && !plan.links.contains(link) {
                        plan.links.append(link)
                    }
                    plans[id] = plan
                }
            }
        }
        var out = order.compactMap { plans[$0] }.map(Self.sorted)
        out += commitments.keys.sorted().compactMap { commitments[$0] }.map(Self.sorted)
        return out
    }

    /// A plan from the catalogue, enriched by what a publication says; the catalogue's facts win.
    static func merge(_ base: Record, _ found: Record) -> Record {
        var r = mergeProvenance(base, found)
        guard var info = r.actionPlan, let other = found.actionPlan else { return r }
        if info.announcedCommitments == nil { info.announcedCommitments = other.announcedCommitments }
        if info.axes.isEmpty { info.axes = other.axes }
        for report in other.statusReports where !info.statusReports.contains(report) {
            info.statusReports.append(report)
        }
        r.actionPlan = info
        for link in found.links where !r.links.contains(link) { r.links.append(link) }
        return r
    }

    static func mergeProvenance(_ a: Record, _ b: Record) -> Record {
        var r = a
        for p in b.provenance where !r.provenance.contains(where: { $0.url == p.url && $0.source == p.source }) {
            r.provenance.append(p)
        }
        return r
    }

    /// Sorts the order-free lists so that the same facts always give the same record.
    static func sorted(_ record: Record) -> Record {
        var r = record
        r.provenance.sort { ($0.source, $0.url, $0.item ?? "") < ($1.source, $1.url, $1.item ?? "") }
        r.links.sort { ($0.relation.rawValue, $0.target.rawValue) < ($1.relation.rawValue, $1.target.rawValue) }
        r.actionPlan?.statusReports.sort {
            ($0.date ?? "", $0.source?.rawValue ?? "") < ($1.date ?? "", $1.source?.rawValue ?? "")
        }
        return r
    }
}
