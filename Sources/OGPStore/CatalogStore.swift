import Foundation
import OGPModel

/// The outcome of writing one record.
public enum WriteOutcome: String, Sendable, Codable, Hashable {
    case added, updated, unchanged

    /// The matching item outcome for run reports.
    public var itemOutcome: ItemOutcome {
        switch self {
        case .added: .added
        case .updated: .updated
        case .unchanged: .unchanged
        }
    }
}

/// One past or current version of a record.
public struct RecordVersion: Sendable, Hashable {
    /// The record's id.
    public var id: RecordID
    /// 1 for the first version, then +1 per change.
    public var version: Int
    /// The record as it was in this version.
    public var record: Record
    /// The hash of its content (without ogp's bookkeeping).
    public var contentHash: String
    /// When this version became current.
    public var validFrom: String
    /// When it was replaced by the next version (nil for the current one).
    public var validTo: String?

    /// Creates the value.
    public init(id: RecordID, version: Int, record: Record, contentHash: String, validFrom: String, validTo: String?) {
        self.id = id
        self.version = version
        self.record = record
        self.contentHash = contentHash
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// Which records to read back.
public struct RecordFilter: Sendable, Hashable {
    /// Only these kinds (all when nil).
    public var kinds: Set<RecordKind>?
    /// Only records whose content changed at or after this ISO date.
    public var changedSince: String?
    /// Whether archived records are given too.
    public var includeArchived: Bool
    /// Only records with a tag whose fold (``TextFolding/fold(_:)``) is one of these, all when
    /// nil. The stores read each record's tags alone and decode only the records that match
    /// (the plan pass looks for the few datasets tagged for the OGP among 100,000).
    public var tags: Set<String>?
    /// Only records whose stored JSON contains this text, all when nil: a filter the database
    /// applies (`instr`, `strpos`) so that only candidates are read and decoded. The text may
    /// sit in any field: the caller checks the decoded record (`ogp show SLUG` looks for
    /// `"slug":"SLUG"` instead of decoding 121,074 datasets).
    public var containing: String?

    /// Creates the value.
    public init(
        kinds: Set<RecordKind>? = nil, changedSince: String? = nil, includeArchived: Bool = true,
        tags: Set<String>? = nil, containing: String? = nil
    ) {
        self.kinds = kinds
        self.changedSince = changedSince
        self.includeArchived = includeArchived
        self.tags = tags
        self.containing = containing
    }
}

/// The catalogue: records with their history, archival, harvest runs and fetch state.
///
/// Implementations: ``SQLiteStore`` (the default, one file in the data directory) and
/// ``PostgresStore`` (a database shared by several machines; also ``SourceLeasing`` for harvest
/// workers). Both pass the same conformance suite (`StoreConformance` in the tests).
/// All methods are synchronous and safe to call from any thread; writes are serialised.
public protocol CatalogStore: Sendable {
    // MARK: records

    /// Writes records in one transaction, comparing content hashes: unchanged content writes
    /// nothing. An updated record's previous version goes to the history. `source` is the
    /// source whose listing contained the records (for removal tracking).
    func upsert(_ records: [Record], source: String, at date: Date) throws(StoreError) -> [WriteOutcome]

    /// As `upsert(_:source:at:)`, with the source's precedence: when a record's fields came
    /// from another source of higher precedence, they are kept and only the provenance of
    /// this source is merged in (the richer source's fields win).
    func upsert(
        _ records: [Record], source: String, precedence: Int, at date: Date
    ) throws(StoreError) -> [WriteOutcome]

    /// The current version of a record, archived or not.
    func record(_ id: RecordID) throws(StoreError) -> Record?

    /// Every version of a record, oldest first (the current one last).
    func history(of id: RecordID) throws(StoreError) -> [RecordVersion]

    /// Versions that became current at or after `date` (ISO 8601), oldest first.
    func changes(since date: String) throws(StoreError) -> [RecordVersion]

    /// Archives a record (never deletes). Returns false when absent or already archived.
    func archive(_ id: RecordID, reason: String, at date: Date) throws(StoreError) -> Bool

    /// Streams records sorted by kind then id, without loading them all.
    func forEachRecord(_ filter: RecordFilter, _ body: (Record) throws -> Void) throws(StoreError)

    /// Counts of current, non-archived records per kind.
    func counts() throws(StoreError) -> [RecordKind: Int]

    /// Counts per kind of the records `forEachRecord(filter)` would give.
    func counts(_ filter: RecordFilter) throws(StoreError) -> [RecordKind: Int]

    /// Reconciles a source's complete listing: records harvested from `source` that are not in
    /// `present` are marked missing (from `date`), and archived with reason `not-on-remote` once
    /// missing for longer than `grace`. Records present again are unmarked. Returns the ids archived.
    func reconcile(
        source: String, present: Set<RecordID>, at date: Date, grace: TimeInterval
    ) throws(StoreError) -> [RecordID]

    // MARK: search index state (per follower: see ``IndexFollower``)

    /// Records changed after `follower`'s cursor (their current version, or their archival),
    /// in change order, at most `limit`; with `after`, only those after that change sequence
    /// too (the next page of an update that reads its pending records a page at a time, the
    /// cursor moving only when its index commits).
    func pendingIndex(for follower: IndexFollower, after: Int?, limit: Int) throws(StoreError) -> [PendingRecord]
    /// Advances `follower`'s cursor past these records, once its index has committed them (a
    /// record changed since has a later sequence number, so it stays pending).
    func markIndexed(_ records: [PendingRecord], for follower: IndexFollower) throws(StoreError)
    /// Puts `follower`'s cursor back to the start (a full rebuild of its index); other followers
    /// are not touched.
    func resetIndexState(for follower: IndexFollower) throws(StoreError)
    /// Every follower known to the store, with its cursor and what is pending for it.
    func indexFollowers() throws(StoreError) -> [IndexFollowerState]
    /// Removes `follower`'s cursor (an index that is gone for good); false when unknown.
    func forgetIndexFollower(_ follower: IndexFollower) throws(StoreError) -> Bool

    // MARK: runs

    func startRun(_ run: RunInfo) throws(StoreError)
    func recordItems(_ items: [RunItem]) throws(StoreError)
    func saveSourceReport(_ report: SourceRunInfo) throws(StoreError)
    func finishRun(id: String, status: RunStatus, endedAt: Date) throws(StoreError)
    /// The latest runs, newest first.
    func runs(limit: Int) throws(StoreError) -> [RunInfo]
    func sourceReports(run: String) throws(StoreError) -> [SourceRunInfo]
    func items(run: String) throws(StoreError) -> [RunItem]

    // MARK: fetch and source state

    func validators(for url: String) throws(StoreError) -> HTTPValidators?
    func setValidators(_ validators: HTTPValidators, for url: String) throws(StoreError)
    /// A small per-source value (last harvested commit, `modified_after` watermark…).
    func state(source: String, key: String) throws(StoreError) -> String?
    func setState(source: String, key: String, value: String?) throws(StoreError)
}

/// A record version waiting for the search index.
public struct PendingRecord: Sendable, Hashable {
    /// The record as it was in this version.
    public var record: Record
    /// 1 for the first version, then +1 per change.
    public var version: Int
    /// The store's change sequence number of this version (what a follower's cursor passes).
    public var sequence: Int

    /// Creates the value.
    public init(record: Record, version: Int, sequence: Int = 0) {
        self.record = record
        self.version = version
        self.sequence = sequence
    }
}
