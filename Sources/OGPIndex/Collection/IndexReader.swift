import Foundation

/// A read-only, consistent snapshot of a committed index. Cheap to share between threads;
/// segments are memory-mapped, so a cold process answers within milliseconds.
public final class IndexReader: Sendable {
    /// The index directory.
    public let directory: String
    /// The commit generation this snapshot shows.
    public let generation: Int
    /// The index schema.
    public let schema: IndexSchema
    /// What the application recorded with this commit (``IndexWriter/userData``).
    public let userData: [String: String]
    let segments: [Segment]
    /// Documents visible (not deleted), hidden ones included.
    public let liveDocuments: Int
    /// The ranking parameters searches use.
    public let ranking: RankingParameters
    /// The synonym groups applied to queries.
    public let synonyms: SynonymList
    private let pool = ScratchPool()
    /// Decompressed stored-field blocks shared by this snapshot's searches (hits shown again,
    /// or sharing a block with one shown, are not decompressed again).
    let storedBlocks: StoredBlockCache

    /// Default bound of the decompressed stored-field blocks a reader keeps: 32 MB (about 2,000
    /// blocks of 16 KB, each holding about ten documents).
    public static let defaultStoredCacheBytes = 32 << 20

    /// Opens the last committed state of the index in `directory`, ranking with `ranking` and
    /// expanding queries with `synonyms`. Up to `storedCacheBytes` of decompressed stored-field
    /// blocks are kept for the searches of this reader (0: none).
    public init(
        directory: String, ranking: RankingParameters = .standard, synonyms: SynonymList = .empty,
        storedCacheBytes: Int = IndexReader.defaultStoredCacheBytes
    ) throws(IndexError) {
        self.directory = directory
        storedBlocks = StoredBlockCache(capacity: storedCacheBytes)
        self.ranking = ranking
        self.synonyms = synonyms
        var attempt = 0
        while true {
            let manifest = try Manifest.read(dir: directory)
            do {
                let segs = try manifest.segments.map { info throws(IndexError) in
                    try Segment(dir: directory, info: info, fieldCount: manifest.schema.fields.count, b: ranking.b,
                        fieldB: ranking.lengthNormalisation(manifest.schema))
                }
                segments = segs
                generation = manifest.generation
                schema = manifest.schema
                userData = manifest.userData ?? [:]
                liveDocuments = segs.reduce(0) { $0 + $1.liveCount }
                return
            } catch  where error.code == .io && attempt < 10 {
                attempt += 1  // a writer committed meanwhile and removed old files: read the new manifest
            }
        }
    }

    /// Checks every byte of every segment file against its checksum footer (queries check only
    /// what they read). Costs a read of the whole index: for maintenance, not for each query.
    /// - Throws: ``IndexError`` `.corrupt`, whose message says to rebuild with `ogp index --rebuild`.
    public func verifyChecksums() throws(IndexError) {
        for s in segments { try s.verifyChecksums() }
    }

    /// A reader on the latest commit, or `self` if nothing was committed since.
    public func reopen() throws(IndexError) -> IndexReader {
        let m = try Manifest.read(dir: directory)
        return m.generation == generation
            ? self
            : try IndexReader(
                directory: directory, ranking: ranking, synonyms: synonyms, storedCacheBytes: storedBlocks.capacity)
    }

    /// The stored document with `id`, if visible.
    public func document(id: String) throws(IndexError) -> IndexDocument? {
        var none: [PostingsCursor.Entry] = []
        for s in segments {
            guard let info = try s.lookup(TermKey.id(id)) else { continue }
            var p = try PostingsCursor(segment: s, info: info, layout: .docsOnly)
            while try p.next(&none) {
                if p.doc < s.docCount && !s.isDeleted(p.doc) { return try s.document(p.doc, cache: storedBlocks) }
            }
        }
        return nil
    }

    /// Runs a search.
    public func search(_ request: SearchRequest) throws(IndexError) -> SearchResults {
        let plan = try plan(request)
        if plan.nothingSearchable {
            var none = SearchResults(total: 0, hits: [], facets: [:], didYouMean: nil)
            for kind in request.facets { none.facets[kind] = [] }
            none.nothingSearchable = true
            return none
        }
        let k = request.window
        var top = TopK(k: k, byDate: request.sort == .date)
        var total = 0
        var facetCounts: [String: [String: Int]] = [:]
        let scratch = pool.take()
        defer { pool.give(scratch) }
        var lowerBound = false
        for (si, seg) in segments.enumerated() {
            // What is left to count before the threshold (Int.max: everything).
            let countLimit = request.totalHitsThreshold.map { max(0, $0 - total) } ?? Int.max
            let r = try searchSegment(
                seg, plan: plan, request: request, scratch: scratch, k: k, floor: scoreFloor(top, request),
                countLimit: countLimit)
            total += r.total
            lowerBound = lowerBound || r.totalIsLowerBound
            for c in r.top { top.insert(score: c.score, date: c.date, segment: si, doc: c.doc) }
            for (kind, counts) in r.facets {
                for (v, n) in counts { facetCounts[kind, default: [:]][v, default: 0] += n }
            }
        }
        var hits: [SearchHit] = []
        for c in top.sorted().dropFirst(request.effectiveOffset) {
            let seg = segments[c.segment]
            // A hit carries no keywords: they are skipped, not decoded.
            let doc = try seg.document(c.doc, cache: storedBlocks, keywords: false)
            let snippet = request.snippets ? Snippets.make(doc, schema: schema, terms: plan.highlightTerms) : nil
            var stored = doc.stored
            if stored["title"] == nil, let title = doc.fields.first(where: { $0.name == "title" })?.text, !title.isEmpty
            {
                stored["title"] = title
            }
            hits.append(SearchHit(id: doc.id, score: c.score, date: doc.date, stored: stored, snippet: snippet))
        }
        var facets: [String: [FacetValue]] = [:]
        for kind in request.facets {
            facets[kind] = (facetCounts[kind] ?? [:]).map { FacetValue(value: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.value) > ($1.count, $0.value) }
        }
        var results = SearchResults(total: total, hits: hits, facets: facets, didYouMean: plan.didYouMean)
        results.totalIsLowerBound = lowerBound
        return results
    }

    /// Ids and scores only, for batch evaluation (no stored fields, no snippets). No total is
    /// returned, so pruned matches are not even counted; `pruning: false` scores every match
    /// (for tests: same hits, same scores).
    public func searchIDs(_ request: SearchRequest) throws(IndexError) -> [(id: String, score: Double)] {
        try searchIDs(request, pruning: true)
    }

    /// ``searchIDs(_:)``, or with `pruning: false` every match scored (for tests and benchmarks:
    /// both give the same hits and scores).
    public func searchIDs(_ request: SearchRequest, pruning: Bool) throws(IndexError) -> [(id: String, score: Double)] {
        var r = request
        r.snippets = false
        let plan = try plan(r)
        if plan.nothingSearchable { return [] }
        let k = r.window
        var top = TopK(k: k, byDate: r.sort == .date)
        let scratch = pool.take()
        defer { pool.give(scratch) }
        for (si, seg) in segments.enumerated() {
            let res = try searchSegment(
                seg, plan: plan, request: r, scratch: scratch, k: k, pruning: pruning, exactTotal: false,
                floor: pruning ? scoreFloor(top, r) : -.infinity)
            for c in res.top { top.insert(score: c.score, date: c.date, segment: si, doc: c.doc) }
        }
        var out: [(id: String, score: Double)] = []
        for c in top.sorted().dropFirst(r.effectiveOffset) { out.append((try segments[c.segment].id(c.doc), c.score)) }
        return out
    }
}

extension IndexReader {
    /// The k-th best score of the segments searched so far, which a document of the next one
    /// must reach (relevance order; -∞ until k hits are in).
    func scoreFloor(_ top: TopK, _ request: SearchRequest) -> Double {
        guard request.sort == .relevance, top.isFull, let w = top.worst else { return -.infinity }
        return w.score
    }
}

/// Scratch buffers reused across queries (one per concurrent search).
final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [Scratch] = []

    func take() -> Scratch {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast() ?? Scratch()
    }

    func give(_ s: Scratch) {
        s.reset()
        lock.lock()
        free.append(s)
        lock.unlock()
    }
}
