/// Writes a segment's term dictionary (`.tim`) as blocks of prefix-compressed terms, as
/// Lucene's block tree terms dictionary does at its leaves:
///
/// ```
/// header "OGPT" · term count (u32) · terms per block (u32) · block count (u32) ·
/// block offsets (u32 each, from the file's start) · blocks
/// block: postings offset of its first term (varint), then per term: length shared with the
///        previous term (varint; 0 for the block's first, which is whole), suffix length
///        (varint), suffix bytes, df, gap from the previous term's postings end, postings
///        length, positions length (varints)
/// ```
///
/// A lookup binary-searches the blocks by their first (whole) term, then decodes one block.
/// Terms sorted in byte order share long prefixes (stems and their exact forms, keyword kinds,
/// ids), and the postings offsets follow each other, so an entry is a few bytes where it was a
/// whole term, four varints and a 4-byte slot in the old flat table.
struct TermDictionaryWriter {
    /// Terms per block: a lookup decodes at most this many entries.
    static let blockSize = 32

    private var blocks = ByteBuffer()
    private var blockOffsets: [Int] = []
    private var previous: [UInt8] = []
    private var expectedOffset = 0
    private(set) var count = 0

    /// Appends the next term (terms come in strictly increasing byte order).
    mutating func append(_ term: [UInt8], _ info: TermInfo) {
        let first = count % Self.blockSize == 0
        var shared = 0
        if first {
            blockOffsets.append(blocks.count)
            blocks.varint(info.offset)
            expectedOffset = info.offset
        } else {
            let n = min(previous.count, term.count)
            while shared < n, previous[shared] == term[shared] { shared += 1 }
        }
        blocks.varint(shared)
        blocks.varint(term.count - shared)
        blocks.append(term[shared...])
        blocks.varint(info.df)
        blocks.varint(info.offset - expectedOffset)
        blocks.varint(info.length)
        blocks.varint(info.positionsLength)
        expectedOffset = info.offset + info.length + info.positionsLength
        // In place: the caller's buffer stays uniquely referenced, so it is reused too.
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: term)
        count += 1
    }

    /// The whole file's content (the checksum footer is added when it is written).
    func bytes(file: String) throws(IndexError) -> [UInt8] {
        var out = ByteBuffer()
        out.header("OGPT")
        out.u32(UInt32(count))
        out.u32(UInt32(Self.blockSize))
        out.u32(UInt32(blockOffsets.count))
        let base = out.count + 4 * blockOffsets.count
        guard base + blocks.count <= Int(UInt32.max) else {
            throw IndexError(.invalidInput, "term dictionary over 4 GB: commit more often", file: file)
        }
        for o in blockOffsets { out.u32(UInt32(base + o)) }
        out.append(blocks.bytes)
        return out.bytes
    }
}
