import Foundation
import OGPCatalog
import OGPFetch
import OGPModel
import OGPParse
import OGPStore

/// The state of one source during a run: fetching with the source's policy and validators,
/// recording each item's outcome, writing records in batches, and what was present.
/// Used by one task only.
final class SourceRun {
    let config: SourceConfig
    let runID: String
    let store: any CatalogStore
    let fetcher: Fetcher
    let options: HarvestOptions
    let dataDirectory: DataDirectory
    let plans: PlanExtractor?
    let startedAt: Date

    var counts = ItemCounts()
    var errors: [ReportError] = []
    /// Records of this run's listing (for archival of what disappeared).
    var present = Set<RecordID>()
    /// False when the listing was not read in full (stopped early, a page failed): no archival then.
    var listingComplete = true
    /// Items that can be skipped without parsing next time: item → record ids.
    var itemRecords: [String: [String]] = [:]
    var itemsSeen = 0
    /// True when the source was asked only for what changed since the last run
    /// (`modified_after`): no items then means nothing changed, not a broken source.
    var incremental = false
    /// Whether to keep the item → record ids map (off for very large listings such as the CSV export).
    var trackItems = true
    /// Records this run added or updated (what duplicate detection looks at).
    var changedRecords = Set<RecordID>()

    private var pendingRecords: [(item: String, url: String?, records: [Record])] = []
    private var pendingCount = 0
    private var pendingValidators: [(String, HTTPValidators)] = []
    private var pendingItems: [RunItem] = []
    /// Whether this run has told the plan pass that records may change (see ``PlanPass/pendingKey``).
    private var markedPending = false
    static let batchSize = 500

    init(
        config: SourceConfig, runID: String, store: any CatalogStore, fetcher: Fetcher, options: HarvestOptions,
        dataDirectory: DataDirectory, plans: PlanExtractor?
    ) {
        self.config = config
        self.runID = runID
        self.store = store
        self.fetcher = fetcher
        self.options = options
        self.dataDirectory = dataDirectory
        self.plans = plans
        self.startedAt = Date()
    }

    var name: String { config.name }

    /// The richer a source, the higher: its fields win over a poorer source's for the same record.
    var precedence: Int {
        switch config.kind {
        case .udata: 2
        case .udataCSV: 1
        default: 0
        }
    }

    /// True once `max_items` (option or config) is reached.
    var reachedItemLimit: Bool { reachedItemLimit(after: 0) }

    /// True once `max_items` is reached, counting `queued` items not yet recorded.
    func reachedItemLimit(after queued: Int) -> Bool {
        guard let limit = options.maxItems ?? config.maxItems else { return false }
        return itemsSeen + queued >= limit
    }

    /// The parse context for bytes fetched from `url`.
    func context(url: String, response: FetchResponse?) -> ParseContext {
        var opts: [String: String] = [:]
        for (k, v) in config.options {
            if let s = v.string { opts[k] = s }
            for (sub, value) in v.map ?? [:] {
                let text = value.string ?? value.strings?.joined(separator: ",")
                opts["\(k).\(sub)"] = text
                if k == "rules" { opts[sub] = text }
            }
        }
        return ParseContext(
            source: config.name, sourceKind: config.kind.rawValue, url: url,
            fetchedAt: ISODate.string(from: Date()), etag: response?.validators.etag,
            lastModified: response?.validators.lastModified, contentHash: response?.validators.bodyHash, options: opts)
    }

    // MARK: items

    /// Records the result of decoding one item.
    func emit(_ result: ItemResult, url: String?) throws(HarvestError) {
        itemsSeen += 1
        switch result {
        case .failed(let failure):
            counts.add(.failed)
            errors.append(ReportError(url: failure.url ?? url, item: failure.item, message: failure.description))
            pendingItems.append(RunItem(
                runID: runID, source: name, item: failure.item, outcome: .failed, url: failure.url ?? url,
                message: failure.description))
        case .parsed(let item, let records):
            var out = records
            if let plans {
                out = out.map { $0.kind == .publication ? plans.extract(from: $0).publication : $0 }
            }
            out = out.map(DatasetLinks.addExplicitLinks)
            if trackItems { itemRecords[item] = out.map(\.id.rawValue) }
            // A record met twice in one run (an organisation embedded in many datasets, a dataset
            // on two pages) is written once: the first one counts, so that a re-read of the same
            // listing never flips it between two versions.
            out = out.filter { present.insert($0.id).inserted }
            pendingRecords.append((item, url, out))
            pendingCount += out.count
            if pendingCount >= Self.batchSize { try flush() }
        }
        report()
    }

    /// An item known unchanged without parsing (its bytes did not change).
    func unchanged(item: String, recordIDs: [String]) {
        itemsSeen += 1
        if recordIDs.isEmpty {
            counts.add(.skipped)
        } else {
            // Counted once per run, like written records (an organisation on several pages).
            let fresh = recordIDs.filter { present.insert(RecordID(rawValue: $0)).inserted }
            counts.add(.unchanged, fresh.count)
        }
        itemRecords[item] = recordIDs
        report()
    }

    /// An item left out on purpose (a source filter).
    func skipped(item: String) {
        itemsSeen += 1
        counts.add(.skipped)
        itemRecords[item] = []
        report()
    }

    /// Remembers validators to save once the records they describe are committed.
    func keepValidators(_ v: Validators, for url: String) {
        pendingValidators.append((url, v))
    }

    /// Writes pending records, then their item outcomes and the validators of what they came from.
    func flush() throws(HarvestError) {
        let batch = pendingRecords
        pendingRecords = []
        pendingCount = 0
        let records = batch.flatMap(\.records)
        if !records.isEmpty {
            let outcomes: [WriteOutcome]
            do {
                if !options.dryRun && !markedPending {
                    try PlanPass.markPending(store)
                    markedPending = true
                }
                outcomes = options.dryRun ? try dryRunOutcomes(records) : try store.upsert(records, source: name, precedence: precedence, at: Date())
            } catch {
                throw HarvestError(.store, "cannot write records", place: name, cause: error.description)
            }
            var i = 0
            for entry in batch {
                for record in entry.records {
                    let outcome = outcomes[i].itemOutcome
                    counts.add(outcome)
                    if outcome == .added || outcome == .updated { changedRecords.insert(record.id) }
                    if outcome != .unchanged {
                        pendingItems.append(RunItem(
                            runID: runID, source: name, item: entry.item, recordID: record.id, outcome: outcome, url: entry.url,
                            message: record.partial ? record.warnings.joined(separator: "; ") : nil))
                    }
                    i += 1
                }
            }
        }
        guard !options.dryRun else { pendingItems = []; pendingValidators = []; return }
        do {
            try store.recordItems(pendingItems)
            for (url, v) in pendingValidators { try store.setValidators(v, for: url) }
        } catch {
            throw HarvestError(.store, "cannot record items", place: name, cause: error.description)
        }
        pendingItems = []
        pendingValidators = []
    }

    /// What an upsert would do, without writing.
    private func dryRunOutcomes(_ records: [Record]) throws(StoreError) -> [WriteOutcome] {
        var out: [WriteOutcome] = []
        for record in records {
            guard let old = try store.record(record.id) else { out.append(.added); continue }
            let same = (try? RecordCoding.contentHash(old)) == (try? RecordCoding.contentHash(
                { var r = record; r.provenance = old.provenance; return r }()))
            out.append(same ? .unchanged : .updated)
        }
        return out
    }

    func recordError(_ message: String, url: String?, item: String? = nil) {
        errors.append(ReportError(url: url, item: item, message: message))
    }

    private func report() {
        options.progress?(ProgressEvent(source: name, items: itemsSeen, failed: counts.failed, finished: false))
    }
}
