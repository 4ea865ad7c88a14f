/// The block postings format (segment format 4), after Lucene's and Tantivy's.
///
/// A term's postings are two streams. The document stream holds, when the term has more than
/// one block, a skip table (one fixed-size entry per block), then the blocks of
/// ``size`` documents (the last one shorter):
///
/// ```
/// skip entry:  last doc (u32) · block offset from the term's start (u32) ·
///              positions offset from the positions' start (u32)       [terms with positions]
///              per field: largest tf (u8, 255: unbounded) · smallest field length, coded
///              down (u8, see ``lengthCode(_:)``)                        [not for docs-only terms]
/// block:       width (u8) · doc gaps − 1, bit-packed
///              per field: width (u8) · the field's tf of each document (0: absent), bit-packed
///                                                                      [not for docs-only terms]
/// ```
///
/// The skip entry's field maxima bound the score of any document of the block for any ranking
/// parameters (BM25's length norm only falls as the length grows, and grows with tf): block-max
/// pruning skips blocks, and decodes only those that can still matter. The positions stream
/// holds per document, per field present (in field order), tf varint position deltas; it is
/// read only for phrases and proximity, from the block's positions offset.
/// ``PostingsBlockEncoder`` writes it.
enum PostingsBlock {
    /// Documents per block.
    static let size = 128

    /// Bytes of a skip entry.
    static func skipEntrySize(fields: Int, docsOnly: Bool, positional: Bool) -> Int {
        8 + (positional ? 4 : 0) + (docsOnly ? 0 : 2 * fields)
    }

    /// The field length a length code stands for: exact below 64, then 16 steps per doubling
    /// (Lucene's norms are coded the same way). Increasing, so a code rounds a length down and
    /// the bound it gives stays an upper one.
    static func length(code: Int) -> Int {
        guard code >= 64 else { return code }
        let e = (code - 64) >> 4
        return (16 + (code - 64) & 15) << (e + 2)
    }

    /// The largest code whose length is ≤ `length`.
    static func lengthCode(_ length: Int) -> Int {
        var lo = 0
        var hi = 255
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Self.length(code: mid) <= length { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Number of blocks of a term with `df` documents.
    static func blockCount(_ df: Int) -> Int { (df + size - 1) / size }
}
