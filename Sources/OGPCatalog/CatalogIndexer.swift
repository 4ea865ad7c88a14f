import Foundation
import OGPIndex
import OGPModel
import OGPStore

/// Brings the search index up to date with the catalogue: the records changed since this
/// index's cursor in the store (its ``IndexFollower``) are added (archived ones deleted), the
/// index committed, then the cursor advanced. A crash between the two leaves them pending: the
/// next update indexes them again (adding is an upsert), so nothing is lost. Several indexes
/// (one per search host) follow one shared catalogue, each with its own cursor.
public struct CatalogIndexer: Sendable {
    public let directory: String
    /// Whose cursor this index advances in the store.
    public let follower: IndexFollower
    /// Records per commit (each commit writes a segment).
    public static let batch = 20_000
    /// Records read and decoded at a time.
    public static let page = 2_048
    /// Records per commit, for this indexer (``batch`` unless given).
    public let batchSize: Int
    /// Records read and decoded at a time, for this indexer (``page`` unless given).
    public let pageSize: Int

    /// The indexer of the index in `directory`: ``IndexFollower/local`` (the data directory's
    /// index beside its SQLite catalogue) unless another follower is named.
    public init(
        directory: String, follower: IndexFollower = .local, batchSize: Int = Self.batch, pageSize: Int = Self.page
    ) {
        self.directory = directory
        self.follower = follower
        self.batchSize = max(1, batchSize)
        self.pageSize = max(1, pageSize)
    }

    /// What an update did.
    public struct Result: Sendable, Hashable {
        public var indexed = 0
        public var deleted = 0
        /// Why the index was rebuilt from the catalogue (an older format, a corrupt file), if it was.
        public var rebuiltBecause: String?
    }

    /// Indexes what is pending. With `rebuild`, every record is indexed again.
    ///
    /// Cancellable: when the current task is cancelled (SIGINT/SIGTERM), it stops within a few
    /// hundred records and throws `CancellationError`, leaving the index at its last commit and
    /// the records of the unfinished batch pending (the next update indexes them).
    public func update(from store: any CatalogStore, rebuild: Bool = false) throws -> Result {
        var result = Result()
        var rebuild = rebuild
        // Whether the index is rebuilt in place (every document deleted, every record added, one
        // commit): searches meanwhile see the old index whole, not the first batches of the new
        // one. An index that cannot be read (an older format, a corrupt file) is removed instead.
        var inPlace = false
        // The catalogue is the source of truth: an index in an older format or a corrupt one
        // is rebuilt from it rather than failing every harvest.
        if rebuild {
            // Asked for: in place when the index opens (its segments are dropped whole, unread).
            inPlace = (try? IndexReader(directory: directory)) != nil
        } else {
            do {
                // Every chunk against its checksum: a corrupt file found now is rebuilt, not served.
                let reader = try IndexReader(directory: directory)
                try reader.verifyChecksums()
                if let change = Self.mappingChange(reader.userData) {
                    rebuild = true
                    inPlace = true
                    result.rebuiltBecause = change
                }
            } catch let error where [.formatVersion, .corrupt].contains(error.code) {
                rebuild = true
                result.rebuiltBecause = error.description
            } catch let error where error.code == .notAnIndex {
                // No committed index here (new, or deleted by hand): whatever this follower's
                // cursor says, every record is due. A directory holding anything else (a wrong
                // --index) is refused, never emptied.
                try Self.refuseForeignFiles(in: directory)
                try store.resetIndexState(for: follower)
            } catch {
                // A passing I/O error the writer will report.
            }
        }
        if rebuild {
            try store.resetIndexState(for: follower)
            if !inPlace { try? FileManager.default.removeItem(atPath: directory) }
        }
        // Records are read a page at a time and committed every `batch` records: the commit
        // points (and so the segments) are those of reading `batch` at once, while only a page
        // of decoded records is held (20,000 decoded records were most of a harvest's memory).
        var pending = try store.pendingIndex(for: follower, after: nil, limit: min(pageSize, batchSize))
        guard !pending.isEmpty || inPlace else { return result }
        let writer = try IndexWriter(directory: directory)
        defer { writer.close() }
        writer.userData[Self.mappingKey] = String(RecordDocument.mappingVersion)
        // A build from nothing (a new index, a rebuild) leaves one segment: its last commit
        // merges the batches' segments (searches on one segment cost less than on several;
        // the streaming merge costs a few seconds). Later updates merge by tiers.
        let fresh = writer.segmentCount == 0 || inPlace
        writer.interimFlushes = fresh
        if inPlace { writer.deleteAll() }
        var sinceCommit = 0
        var last: PendingRecord?
        while !pending.isEmpty {
            // Runs of documents to add are analysed in parallel; deletions keep their place.
            // Records are mapped to documents in the same parallel pass as their analysis.
            var run: [Record] = []
            // Only the last change is needed to advance the cursor: each record is released
            // once indexed.
            if let top = pending.max(by: { $0.sequence < $1.sequence }), top.sequence > (last?.sequence ?? .min) {
                last = top
            }
            sinceCommit += pending.count
            var rest = Array(pending.reversed())
            pending = []
            var i = 0
            while let item = rest.popLast() {
                if i & 255 == 0 { try Task.checkCancellation() }
                i += 1
                if item.record.archived != nil {
                    try writer.add(contentsOf: run, document: RecordDocument.document(for:))
                    run.removeAll()
                    writer.delete(id: item.record.id.rawValue)
                    result.deleted += 1
                } else {
                    run.append(item.record)
                    result.indexed += 1
                    // Analysed a thousand at a time, so that a cancellation is seen within a second.
                    if run.count >= 1024 {
                        try writer.add(contentsOf: run, document: RecordDocument.document(for:))
                        run.removeAll()
                    }
                }
            }
            try writer.add(contentsOf: run, document: RecordDocument.document(for:))
            try Task.checkCancellation()
            if inPlace, sinceCommit >= batchSize {
                // A batch's segment is written now (a batch's memory) and committed with the rest.
                try writer.flush()
                sinceCommit = 0
            }
            let room = batchSize - sinceCommit
            pending =
                room > 0
                ? try store.pendingIndex(for: follower, after: last?.sequence, limit: min(pageSize, room)) : []
            if pending.isEmpty {
                // The catalogue read to its end (not a full batch): the build's last commit.
                try writer.commit(mergingAll: fresh && room > 0)
                try store.markIndexed(last.map { [$0] } ?? [], for: follower)
                sinceCommit = 0
                inPlace = false
                pending = try store.pendingIndex(for: follower, after: nil, limit: min(pageSize, batchSize))
            }
        }
        if inPlace {
            // Nothing to index (an empty catalogue): the old documents go all the same.
            try writer.commit(mergingAll: true)
        } else if fresh, writer.hasSegmentsToMerge {
            // The catalogue ended with a full batch: its commit did not merge.
            try writer.commit(mergingAll: true)
        }
        return result
    }

    /// The commit user data key naming the ``RecordDocument/mappingVersion`` of an index.
    static let mappingKey = "ogp.recordMapping"

    /// Why an index whose commit recorded `userData` must be rebuilt for the current mapping of
    /// records to documents, or nil when it was made by it.
    static func mappingChange(_ userData: [String: String]) -> String? {
        let recorded = userData[mappingKey].map { Int($0) ?? 0 } ?? 1
        guard recorded != RecordDocument.mappingVersion else { return nil }
        return "its documents were made by another version of ogp (record mapping \(recorded), now \(RecordDocument.mappingVersion))"
    }

    /// Throws when `directory` holds files an index writer does not make (its segments, temporary
    /// files, lock and manifest), so that an update never writes into nor deletes someone's files.
    static func refuseForeignFiles(in directory: String) throws(IndexError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let foreign = names.filter {
            !($0 == "write.lock" || $0.hasPrefix("manifest") || $0.hasSuffix(".tmp")
                || ($0.hasPrefix("s") && $0.dropFirst().first?.isNumber == true))
        }
        guard foreign.isEmpty else {
            throw IndexError(
                .invalidInput,
                "the directory is not empty and holds no index (\(foreign.prefix(3).joined(separator: ", "))); choose an empty or new directory",
                file: directory)
        }
    }
}
