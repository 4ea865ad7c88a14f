import Foundation
import OGPCore

#if canImport(Glibc)
import Glibc
#endif

/// The single writer of an index directory.
///
/// Holds an exclusive lock (`write.lock`, released when the writer is closed or its process
/// dies). Documents are buffered and flushed as new segments; nothing is visible to readers until
/// ``commit()``, which fsyncs the new files, then atomically replaces the manifest. A crash at
/// any moment leaves the last committed index.
public final class IndexWriter {
    /// The index directory.
    public let directory: String
    /// The schema the index was created with.
    public var schema: IndexSchema { manifest.schema }
    /// Raw text buffered before a segment is flushed (default 128 MB).
    public var flushThresholdBytes = 128 << 20
    /// Size-tiered merging: this many segments of the same size tier are merged into one.
    public var mergeFactor = 8
    /// Cores that build a run of documents (``add(contentsOf:)``) and a merged segment: 1
    /// builds on the calling thread alone. The index is the same whatever the value.
    public var parallelism = ProcessInfo.processInfo.activeProcessorCount
    /// Segments of the index as this writer sees it (committed ones and those built since).
    public var segmentCount: Int { segments.count }
    /// What the next ``commit()`` records beside the segments (Lucene's commit user data; the
    /// last commit's until changed): e.g. the version of the mapping that made the documents,
    /// so that an application can tell an index it must rebuild. At most 64 entries.
    public var userData: [String: String] {
        get { manifest.userData ?? [:] }
        set { manifest.userData = newValue.isEmpty ? nil : newValue }
    }

    var manifest: Manifest
    private var lockFD: Int32
    private var builder: SegmentBuilder
    /// Whether the segments flushed are interim: a build whose last commit merges every segment
    /// into one (``commit(mergingAll:)``). Their stored documents are compressed fast and without
    /// a dictionary (the merge compresses them again, with one): training a dictionary per
    /// flushed segment was most of the cost of writing their stored fields. If the merge never
    /// comes (a crash), the index is complete, its stored fields larger.
    public var interimFlushes = false
    /// Segments flushed as interim (``interimFlushes``): merged even when alone.
    var interimSegments = Set<String>()
    /// Segments committed or flushed since, with their current deletion bitmaps.
    var segments: [(info: SegmentInfo, segment: Segment, deleted: [UInt8], dirty: Bool)] = []
    /// Ids whose older versions must be deleted from segments that existed at the last commit.
    private var pendingDeletes = Set<String>()
    /// Whether ``deleteAll()`` emptied the committed segments since the last commit: the ids
    /// added since need not be looked up there (nor kept: a rebuild's 121,000 ids).
    private var committedCleared = false
    private var committedCount: Int
    /// Id maps of segments flushed since the last commit.
    private var flushedIDs: [String: [String: Int]] = [:]

    /// Opens (or creates, with `schema`) the index in `directory` for writing.
    /// - Throws: ``IndexError`` `.locked` if another writer holds the lock.
    public init(directory: String, schema: IndexSchema = .standard) throws(IndexError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw IndexError(.io, "cannot create directory: \(error)", file: directory)
        }
        let fd = open("\(directory)/write.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io("cannot open lock", file: "\(directory)/write.lock") }
        // Tried for up to a second: a child process forked meanwhile (a test's, the harvest's git)
        // shares the last writer's lock until it execs, though that writer has closed it.
        var attempts = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            attempts += 1
            guard attempts < 20 else {
                Glibc.close(fd)
                throw IndexError(.locked, "another writer holds the index lock", file: "\(directory)/write.lock")
            }
            usleep(50_000)
        }
        lockFD = fd
        do {
            manifest = try Manifest.read(dir: directory)
        } catch  where error.code == .notAnIndex {
            manifest = Manifest(schema: schema)
        } catch {
            Glibc.close(fd)
            throw error
        }
        builder = SegmentBuilder(schema: manifest.schema)
        for info in manifest.segments {
            let seg = try Segment(dir: directory, info: info, fieldCount: manifest.schema.fields.count)
            var bitmap = seg.deleted.isEmpty ? [UInt8](repeating: 0, count: (seg.docCount + 7) / 8) : seg.deleted
            if seg.docCount % 8 != 0, !bitmap.isEmpty {
                bitmap[bitmap.count - 1] &= UInt8((1 << (seg.docCount % 8)) - 1)
            }
            segments.append((info, seg, bitmap, false))
        }
        committedCount = segments.count
        removeUnreferencedFiles()
    }

    deinit { releaseLock() }

    /// Releases the index lock now, rather than when the last reference to the writer goes away:
    /// references held by worker threads of a parallel pass may outlive the caller's by a moment,
    /// and the next writer (the next harvest, the next pass of a follower) must find the lock free.
    /// Uncommitted changes are dropped; the writer must not be used afterwards.
    public func close() {
        releaseLock()
    }

    private func releaseLock() {
        guard lockFD >= 0 else { return }
        Glibc.close(lockFD)
        lockFD = -1
    }

    /// Adds a document, replacing any document with the same id (upsert).
    public func add(_ doc: IndexDocument) throws(IndexError) {
        try builder.add(doc)
        markOlderDeleted(doc.id)
        if builder.textBytes >= flushThresholdBytes { try flush() }
    }

    /// Adds documents in order, as many ``add(_:)`` calls would, analysing them in parallel on
    /// every core (analysis is most of the indexing time; the postings are appended in order).
    public func add(contentsOf docs: [IndexDocument]) throws(IndexError) {
        try add(contentsOf: docs) { $0 }
    }

    /// Adds the documents `document` makes of `items`, in order, as ``add(contentsOf:)`` does:
    /// the mapping runs in parallel too (a caller's mapping of records to documents is then
    /// spread over the cores).
    ///
    /// The documents are cut where the segment buffer reaches ``flushThresholdBytes`` (as they
    /// would be one by one), and each run between cuts is built in contiguous chunks on
    /// ``parallelism`` cores and appended in order: the segments, and so every search result,
    /// are those of documents added one by one. An invalid document (no id, an unknown field)
    /// throws after the documents before it are added, as one by one.
    public func add<Item: Sendable>(
        contentsOf items: [Item], document: @Sendable (Item) -> IndexDocument
    ) throws(IndexError) {
        let schema = manifest.schema
        let mapped = ParallelMap.map(items) { item -> (doc: IndexDocument, bytes: Int, error: IndexError?) in
            let doc = document(item)
            do throws(IndexError) {
                try SegmentBuilder.validate(doc, schema: schema)
            } catch {
                return (doc, 0, error)
            }
            return (doc, SegmentBuilder.textBytes(doc), nil)
        }
        let bad = mapped.firstIndex { $0.error != nil }
        let docs = mapped.prefix(upTo: bad ?? mapped.count).map(\.doc)
        var start = 0
        var i = 0
        while start < docs.count {
            // Up to the document that fills the buffer (at least one, as one by one).
            var bytes = builder.textBytes
            repeat {
                bytes += mapped[i].bytes
                i += 1
            } while i < docs.count && bytes < flushThresholdBytes
            builder.add(contentsOf: docs[start..<i], parallelism: parallelism)
            for d in docs[start..<i] { markOlderDeleted(d.id) }
            if builder.textBytes >= flushThresholdBytes { try flush() }
            start = i
        }
        if let bad, let error = mapped[bad].error { throw error }
    }

    /// Deletes the document with `id`, if present.
    public func delete(id: String) {
        builder.delete(id: id)
        markOlderDeleted(id)
    }

    /// Deletes every document, committed or buffered. Followed by adds and ``commit()``, this is
    /// an atomic rebuild: readers see the old index until the new one is committed.
    public func deleteAll() {
        builder = SegmentBuilder(schema: manifest.schema)
        for i in segments.indices {
            let n = segments[i].info.docs
            var bitmap = [UInt8](repeating: 0xFF, count: (n + 7) / 8)
            if n % 8 != 0, !bitmap.isEmpty { bitmap[bitmap.count - 1] = UInt8((1 << (n % 8)) - 1) }
            segments[i].deleted = bitmap
            segments[i].dirty = true
        }
        flushedIDs.removeAll()
        pendingDeletes.removeAll()
        committedCleared = true
    }

    private func markOlderDeleted(_ id: String) {
        if !committedCleared { pendingDeletes.insert(id) }
        for i in committedCount..<segments.count {
            if let d = flushedIDs[segments[i].info.name]?.removeValue(forKey: id) {
                segments[i].deleted[d >> 3] |= 1 << UInt8(d & 7)
                segments[i].dirty = true
            }
        }
    }

    /// Writes the buffered documents as a new segment, not yet visible: the next ``commit()``
    /// publishes it with the rest. A rebuild after ``deleteAll()`` flushes a batch at a time (its
    /// memory is a batch's) and commits once at the end (readers see the old index until then).
    public func flush() throws(IndexError) {
        guard builder.docCount > 0 else { return }
        let name = String(format: "s%06d", manifest.nextSegment)
        manifest.nextSegment += 1
        try builder.write(dir: directory, name: name, stored: interimFlushes ? .interim : .standard)
        if interimFlushes { interimSegments.insert(name) }
        let info = SegmentInfo(name: name, docs: builder.docCount, delGen: nil)
        let seg = try Segment(dir: directory, info: info, fieldCount: manifest.schema.fields.count)
        var bitmap = [UInt8](repeating: 0, count: (builder.docCount + 7) / 8)
        for d in builder.deleted { bitmap[d >> 3] |= 1 << UInt8(d & 7) }
        segments.append((info, seg, bitmap, !builder.deleted.isEmpty))
        flushedIDs[name] = builder.idToDoc
        builder = SegmentBuilder(schema: manifest.schema)
    }

    /// Makes every change since the last commit durable and visible to new readers.
    ///
    /// Order: new segment and deletion files are written and fsync'ed, the directory is
    /// fsync'ed, then `manifest.json` is replaced atomically. If this throws, the last committed
    /// index is intact but this writer's state is undefined: discard it and open a new one.
    ///
    /// With `mergingAll`, every segment is merged into one before the commit (a build's last
    /// commit: one commit, and the index is one segment); otherwise by tiers (``mergeFactor``).
    public func commit(mergingAll: Bool = false) throws(IndexError) {
        try flush()
        try applyPendingDeletes()
        segments.removeAll { s in s.info.docs == s.deleted.reduce(0) { $0 + $1.nonzeroBitCount } }
        if mergingAll {
            try mergeAll()
        } else {
            try mergeTiers()
        }
        let gen = manifest.generation + 1
        for i in segments.indices where segments[i].dirty {
            let n = segments[i].info.docs
            let count = segments[i].deleted.reduce(0) { $0 + $1.nonzeroBitCount }
            if count == 0 {
                segments[i].info.delGen = nil
            } else {
                var out = ByteBuffer()
                out.header("OGPX")
                out.u32(UInt32(n))
                out.append(segments[i].deleted)
                try DurableFile.write(out.bytes, to: "\(directory)/\(segments[i].info.name).\(gen).del")
                segments[i].info.delGen = gen
            }
            segments[i].dirty = false
        }
        try DurableFile.syncDirectory(directory)
        manifest.generation = gen
        manifest.segments = segments.map(\.info)
        try manifest.write(dir: directory)
        committedCount = segments.count
        pendingDeletes.removeAll()
        committedCleared = false
        flushedIDs.removeAll()
        removeUnreferencedFiles()
    }

    private func applyPendingDeletes() throws(IndexError) {
        guard !pendingDeletes.isEmpty else { return }
        var entries: [PostingsCursor.Entry] = []
        for i in 0..<committedCount {
            let seg = segments[i].segment
            // A segment ``deleteAll()`` emptied has nothing left to delete (a rebuild would
            // otherwise look every new id up in every old segment).
            if segments[i].deleted.reduce(0, { $0 + $1.nonzeroBitCount }) == segments[i].info.docs { continue }
            for id in pendingDeletes {
                guard let info = try seg.lookup(TermKey.id(id)) else { continue }
                var p = try PostingsCursor(segment: seg, info: info, layout: .docsOnly)
                while try p.next(&entries) {
                    let d = p.doc
                    guard d < seg.docCount else {
                        throw .corrupt("doc out of range", file: seg.name, offset: info.offset)
                    }
                    segments[i].deleted[d >> 3] |= 1 << UInt8(d & 7)
                    segments[i].dirty = true
                }
            }
        }
    }

    /// Deletes segment and temp files the current manifest does not reference.
    private func removeUnreferencedFiles() {
        let keep = manifest.files.union(
            segments.flatMap { s in
                ["tim", "pst", "doc", "sto"].map { "\(s.info.name).\($0)" }
            })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for n in names where !keep.contains(n) && n != "write.lock" {
            if n.hasPrefix("s") || n.hasSuffix(".tmp") { unlink("\(directory)/\(n)") }
        }
    }
}
