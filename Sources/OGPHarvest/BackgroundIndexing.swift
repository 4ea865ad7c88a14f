import Foundation
import OGPCatalog
import OGPStore

/// Indexes while the sources are harvested: each time a full batch of records is pending for
/// the index (``CatalogIndexer/batch``, 20,000), it is indexed and committed, so that a large
/// harvest (the data.gouv.fr export) does not write every record and only then index them all.
/// The index update after the sources, as before, indexes the rest (and what the plan pass and
/// the merges changed since).
///
/// A small harvest never fills a batch: its index is updated once, at the end, as before. The
/// index is the same either way (adding is an upsert in change order); readers may see a large
/// harvest's records before it ends, as a search host following the catalogue does.
struct BackgroundIndexing: Sendable {
    let indexer: any IndexUpdating
    let store: any CatalogStore
    /// Records pending before a batch is indexed.
    var threshold = CatalogIndexer.batch
    /// How often the pending count is read.
    var interval: Duration = .milliseconds(500)

    /// What was indexed before the sources ended.
    struct Outcome: Sendable {
        var indexed = 0
        var deleted = 0
        var rebuilt: String?
        var error: String?
    }

    /// Runs until `done` is set (the sources ended) or the task is cancelled; an update under
    /// way when `done` is set finishes first (its batch is committed), a cancelled one stops
    /// within a few hundred records (``CatalogIndexer/update(from:rebuild:)``).
    func run(until done: DoneFlag) async -> Outcome {
        var outcome = Outcome()
        while !done.isSet, !Task.isCancelled {
            guard let pending = indexer.pending(in: store), pending >= threshold else {
                try? await Task.sleep(for: interval)
                continue
            }
            do {
                let summary = try indexer.update(from: store)
                outcome.indexed += summary.indexed
                outcome.deleted += summary.deleted
                outcome.rebuilt = outcome.rebuilt ?? summary.rebuilt
            } catch {
                // Cancelled, or failed: the update after the sources indexes what is left (and
                // reports its own error if it fails again).
                if !Task.isCancelled { outcome.error = "\(error)" }
                return outcome
            }
        }
        return outcome
    }

    /// Set once, read from another task.
    final class DoneFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false

        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }
}

extension IndexUpdating {
    /// Never known: the index is updated after the sources only.
    public func pending(in store: any CatalogStore) -> Int? { nil }
}

extension CatalogIndexer {
    /// Records changed after this index's cursor (for a follower the store does not know yet,
    /// a fresh index: every record).
    public func pending(in store: any CatalogStore) -> Int? {
        guard let followers = try? store.indexFollowers() else { return nil }
        if let state = followers.first(where: { $0.follower == follower }) { return state.pending }
        return (try? store.counts(RecordFilter()))?.values.reduce(0, +)
    }
}
