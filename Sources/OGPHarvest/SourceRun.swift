import Foundation
import OGPCatalog
import OGPFetch
import OGPModel
import OGPParse
import OGPStore

/// What an adapter sees of its source's run: the configuration with typed options, fetching
/// (``fetch(_:conditional:saveToFile:)``, ``fetchFresh(_:previous:)``), what the last run kept
/// (``previous``) and what this run keeps (``state``), and the item outcomes it reports
/// (``emit(_:url:)``, ``unchanged(item:recordIDs:)``, ``skipped(item:)``, ``stopListing(reason:)``).
/// An adapter lists, fetches, decodes and emits; writing records in batches, saving validators
/// only for what parsed, and saving the state are done here and in ``SourceHarvest``.
/// Used by one task only.
final class SourceRun {
    let config: SourceConfig
    let runID: String
    let fetcher: Fetcher
    let options: HarvestOptions
    let dataDirectory: DataDirectory
    let plans: PlanExtractor?
    let startedAt: Date
    /// What the last run of this source kept.
    let previous: SourceState
    /// What this run keeps for the next one (saved when the source ends without error).
    var state = SourceState()

    private let store: any CatalogStore
    private(set) var counts = ItemCounts()
    private(set) var errors: [ReportError] = []
    /// Things worth a look that are not failures (a configured folder that does not exist).
    private(set) var warnings: [String] = []
    /// Records of this run's listing (for archival of what disappeared).
    private(set) var present = Set<RecordID>()
    /// False when the listing was not read in full (stopped early, a page failed): no archival then.
    private(set) var listingComplete = true
    /// True when the source was asked only for what changed since the last run
    /// (`modified_after`): no items then means nothing changed, not a broken source.
    private(set) var incremental = false
    private(set) var itemsSeen = 0
    /// Whether to keep the item → record ids map (off for very large listings such as the CSV export).
    var trackItems = true
    /// Records this run added or updated (what duplicate detection looks at).
    var changedRecords = Set<RecordID>()
    /// One publication, two sources: copies merged into another source's record (see
    /// ``PublicationMerge``), by the id the copy has here.
    lazy var aliases = PublicationMerge.loadAliases(store)
    /// Records this run writes as merged copies (below the kept record's precedence).
    private var copies = Set<RecordID>()
    /// One dataset, many portals: copies written under their origin portal's record id.
    lazy var origins = OriginResolver(store: store, source: config.name) { [unowned self] in self.warn($0) }

    /// Items and URLs that failed in this run: never remembered as unchanged, their validators
    /// never saved, so the next run reads them again until they parse.
    private var failedItems = Set<String>()
    private var failedURLs = Set<String>()
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
        self.dataDirectory = dataDirectory
        self.plans = plans
        self.startedAt = Date()
        let stored = options.full ? SourceState() : SourceState.load(source: config.name, from: store)
        // What the last run kept (validators, unchanged pages, watermarks) stands for records
        // decoded by its decoders: after an upgrade that decodes more, the source is read in
        // full once, as `--full` would (the store writes only the records that changed).
        // (A new source has nothing kept: reading it in full changes nothing, and says nothing.)
        let outdated = !options.full && stored.decoderVersion != DecoderVersion.current
        var effective = options
        if outdated { effective.full = true }
        self.options = effective
        self.previous = outdated ? SourceState() : stored
        self.state.decoderVersion = DecoderVersion.current
        if outdated, stored != SourceState() {
            let was = stored.decoderVersion.map { "version \($0)" } ?? "an earlier version"
            warnings.append(
                "read in full: its last run decoded with \(was) of ogp's decoders, this one with version \(DecoderVersion.current)")
        }
    }

    var name: String { config.name }

    /// The richer a source, the higher: its fields win over a poorer source's for the same record.
    var precedence: Int {
        switch config.kind {
        case .udata: 2
        case .udataCSV: 1
        // Origin portals: their fields win over a harvester's copy of the same dataset.
        case .ckan, .opendatasoft, .dcat: 3
        default: 0
        }
    }

    // MARK: listing

    /// True when the listing must stop here (SIGINT/SIGTERM, a time limit, or `max_items`
    /// reached counting `queued` items not yet emitted); the listing is then incomplete.
    func shouldStop(queued: Int = 0) -> Bool {
        let limit = options.maxItems ?? config.maxItems
        if Task.isCancelled || limit.map({ itemsSeen + queued >= $0 }) == true {
            listingComplete = false
            return true
        }
        return false
    }

    /// The listing was not read in full: nothing is archived after it. `reason` is reported.
    func stopListing(reason: String?, url: String? = nil) {
        listingComplete = false
        if let reason { recordError(reason, url: url) }
    }

    /// This listing asks only for what changed since the last run: it is incomplete by
    /// design (nothing archived), and giving no items means "nothing changed".
    func listIncrementally() {
        incremental = true
        listingComplete = false
    }

    /// The parse context for bytes fetched from `url`.
    func context(url: String, response: FetchResponse?) -> ParseContext {
        var opts: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for (k, v) in config.options {
            if let s = v.string { opts[k] = s } else if case .list = v, let items = v.strings { lists[k] = items }
        }
        var context = ParseContext(
            source: config.name, sourceKind: config.kind.rawValue, url: url,
            fetchedAt: ISODate.string(from: Date()), etag: response?.validators.etag,
            lastModified: response?.validators.lastModified, contentHash: response?.validators.bodyHash, options: opts)
        context.itemKey = itemKey(for: url)
        context.lists = lists
        return context
    }

    /// A document's identity within this source: its URL, or for a `file:` source its path
    /// relative to the source's folder (the folder of `url` when `url` is a file).
    func itemKey(for url: String) -> String {
        guard config.isFile, url.lowercased().hasPrefix("file:"), let source = URL(string: config.url) else {
            return url
        }
        let folder = config.url.hasSuffix("/") ? config.url : source.deletingLastPathComponent().absoluteString
        if url.hasPrefix(folder), url.count > folder.count { return String(url.dropFirst(folder.count)) }
        return URL(string: url)?.lastPathComponent ?? url
    }

    // MARK: items

    /// Records the result of decoding one item.
    func emit(_ result: ItemResult, url: String?) throws(HarvestError) {
        itemsSeen += 1
        switch result {
        case .failed(let failure):
            counts.add(.failed)
            failedItems.insert(failure.item)
            // What the item gave last time stays: a failure is not a disappearance.
            for id in previous.items[failure.item] ?? [] { present.insert(aliased(RecordID(rawValue: id))) }
            if let u = url { failedURLs.insert(u) }
            if let u = failure.url { failedURLs.insert(u) }
            errors.append(ReportError(url: failure.url ?? url, item: failure.item, message: failure.description))
            pendingItems.append(
                RunItem(
                    runID: runID, source: name, item: failure.item, outcome: .failed, url: failure.url ?? url,
                    message: failure.description))
        case .parsed(let item, let records):
            var out = records
            if let plans {
                out = out.map { $0.kind == .publication ? plans.extract(from: $0).publication : $0 }
            }
            out = out.map(DatasetLinks.addExplicitLinks)
            out = origins.resolve(out, item: item)
            if !aliases.isEmpty { out = out.map(mergedCopy) }
            if trackItems { state.items[item] = out.map(\.id.rawValue) }
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

    /// The record `id` is written to: the kept record when it was merged into another.
    func aliased(_ id: RecordID) -> RecordID {
        aliases.isEmpty ? id : aliases[id]?.target ?? id
    }

    /// A record merged into another source's record, rewritten as a copy of it.
    private func mergedCopy(_ record: Record) -> Record {
        guard let alias = aliases[record.id] else { return record }
        var copy = record
        copy.id = alias.target
        for i in copy.provenance.indices where copy.provenance[i].source == name {
            copy.provenance[i].sameAs = record.id
            copy.provenance[i].matchedBy = alias.rule
        }
        copies.insert(alias.target)
        return copy
    }

    /// An item known unchanged without parsing (its bytes did not change).
    func unchanged(item: String, recordIDs: [String]) {
        itemsSeen += 1
        if recordIDs.isEmpty {
            counts.add(.skipped)
        } else {
            // Counted once per run, like written records (an organisation on several pages).
            let fresh = recordIDs.filter { present.insert(aliased(RecordID(rawValue: $0))).inserted }
            counts.add(.unchanged, fresh.count)
        }
        state.items[item] = recordIDs
        report()
    }

    /// Items of a single-file source known unchanged as a whole (counted, not listed).
    func unchanged(count: Int) {
        itemsSeen += count
        counts.add(.unchanged, count)
        report()
    }

    /// An item left out on purpose (a source filter).
    func skipped(item: String) {
        itemsSeen += 1
        counts.add(.skipped)
        state.items[item] = []
        report()
    }

    /// Whether an item or URL failed in this run (it must then be read again next time).
    func failed(_ itemOrURL: String) -> Bool {
        failedItems.contains(itemOrURL) || failedURLs.contains(itemOrURL)
    }

    /// Remembers validators to save once the records they describe are committed. Validators
    /// of a response whose items failed are never saved: a 304 must not hide the failure.
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
                if !markedPending {
                    try PlanPass.markPending(store)
                    markedPending = true
                }
                outcomes = try upsert(records)
            } catch {
                throw HarvestError(.store, "cannot write records", place: name, underlying: error)
            }
            var i = 0
            for entry in batch {
                for record in entry.records {
                    let outcome = outcomes[i].itemOutcome
                    counts.add(outcome)
                    if outcome == .added || outcome == .updated { changedRecords.insert(record.id) }
                    if outcome != .unchanged {
                        pendingItems.append(
                            RunItem(
                                runID: runID, source: name, item: entry.item, recordID: record.id, outcome: outcome,
                                url: entry.url,
                                message: record.partial ? record.warnings.joined(separator: "; ") : nil))
                    }
                    i += 1
                }
            }
        }
        do {
            try store.recordItems(pendingItems)
            for (url, v) in pendingValidators where !failedURLs.contains(url) { try store.setValidators(v, for: url) }
        } catch {
            throw HarvestError(.store, "cannot record items", place: name, underlying: error)
        }
        pendingItems = []
        pendingValidators = []
    }

    /// Writes records, merged copies below the kept records' precedence (outcomes in order).
    private func upsert(_ records: [Record]) throws -> [WriteOutcome] {
        guard !copies.isEmpty, records.contains(where: { copies.contains($0.id) }) else {
            return try store.upsert(records, source: name, precedence: precedence, at: Date())
        }
        let own = records.indices.filter { !copies.contains(records[$0].id) }
        let merged = records.indices.filter { copies.contains(records[$0].id) }
        var outcomes = [WriteOutcome](repeating: .unchanged, count: records.count)
        let a = try store.upsert(own.map { records[$0] }, source: name, precedence: precedence, at: Date())
        let b = try store.upsert(
            merged.map { records[$0] }, source: name, precedence: PublicationMerge.copyPrecedence, at: Date())
        for (k, i) in own.enumerated() { outcomes[i] = a[k] }
        for (k, i) in merged.enumerated() { outcomes[i] = b[k] }
        return outcomes
    }

    /// Saves what this run keeps for the next one; failed items are left out so that they are
    /// read again.
    func saveState() throws(HarvestError) {
        var kept = state
        kept.items = kept.items.filter { !failedItems.contains($0.key) && !failedURLs.contains($0.key) }
        kept.nextPages = kept.nextPages.filter { !failedURLs.contains($0.key) }
        guard kept != previous else { return }
        do {
            try kept.save(source: name, to: store)
        } catch {
            throw HarvestError(.store, "cannot save the source's state", place: name, underlying: error)
        }
    }

    /// Reports something worth a look that is not a failure.
    func warn(_ message: String) {
        warnings.append(message)
    }

    func recordError(_ message: String, url: String?, item: String? = nil) {
        errors.append(ReportError(url: url, item: item, message: message))
    }

    /// The validators the last run saved for `url`.
    func storedValidators(for url: String) throws(HarvestError) -> HTTPValidators? {
        do {
            return try store.validators(for: url)
        } catch {
            throw HarvestError(.store, "cannot read validators", place: url, underlying: error)
        }
    }

    private func report() {
        options.progress?(ProgressEvent(source: name, items: itemsSeen, failed: counts.failed, finished: false))
    }
}
