/// Per term of a phrase, its documents and frequencies without positions (``BlockMaxCursor``s,
/// documents asked for in increasing order): whether a document holds every term, and per field
/// the least of their frequencies there — the most the phrase can occur in that field, so that
/// the phrase's score has a bound per document before its positions are read.
final class PhraseTermFrequencies {
    private let cursors: UnsafeMutablePointer<BlockMaxCursor>
    private let count: Int
    private let buffer: UnsafeMutablePointer<UInt32>
    private let noBounds: UnsafeMutablePointer<Double>
    /// The fields the phrase is searched in.
    let fields: Range<Int>

    /// Nil when a term is in no document of `segment`.
    init?(segment: Segment, terms: [String], fields: Range<Int>) throws(IndexError) {
        var postings: [BlockPostings] = []
        for term in terms {
            guard let info = try segment.lookup(term) else { return nil }
            postings.append(try BlockPostings(segment: segment, info: info, docsOnly: false))
        }
        let perTerm = PostingsBlock.size * (1 + max(1, segment.fieldCount))
        count = postings.count
        self.fields = fields
        buffer = .allocate(capacity: max(1, perTerm * count))
        noBounds = .allocate(capacity: 1)
        noBounds[0] = .infinity
        cursors = .allocate(capacity: max(1, count))
        for (i, p) in postings.enumerated() {
            let docs = buffer + i * perTerm
            (cursors + i).initialize(
                to: BlockMaxCursor(
                    postings: p, fields: fields, weight: 0, bit: -1, maskBit: 0, clause: -1, blockBounds: noBounds,
                    docs: docs,
                    tfs: docs + PostingsBlock.size))
        }
    }

    deinit {
        cursors.deinitialize(count: count)
        cursors.deallocate()
        buffer.deallocate()
        noBounds.deallocate()
    }

    /// Whether `doc` holds every term in one of the fields; then, in `least`, per such field the
    /// least of the terms' frequencies there.
    func least(_ doc: Int, into least: inout [PostingsCursor.Entry]) throws(IndexError) -> Bool {
        least.removeAll(keepingCapacity: true)
        for i in 0..<count where try cursors[i].advance(doc) != doc { return false }
        for i in 0..<count { try cursors[i].loadTfs(all: false) }
        for f in fields {
            var m = UInt32.max
            for i in 0..<count { m = min(m, cursors[i].tfs[f &* PostingsBlock.size &+ cursors[i].index]) }
            if m > 0 { least.append(PostingsCursor.Entry(field: f, tf: Int(m), positions: nil)) }
        }
        return !least.isEmpty
    }
}
