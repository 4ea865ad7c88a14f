/// The first eight bytes of each dictionary block's first term, as big-endian integers: the
/// binary search over the blocks (every term lookup, prefix range and batch lookup in every
/// segment) compares integers and reads a block's first term from the file only on a tie.
/// It read the term at every step (the block table, the block's checksum bits, three varints
/// and a `memcmp`): 13 steps for the export's 2,700 blocks per segment, about 6 % of the
/// server's query.
///
/// Built when the segment opens (21 KB for 2,700 blocks, one pass over the block starts). The
/// bytes are not checked against their checksums there (a cold search still checks only the
/// blocks it reads): a key only chooses where the search goes, and the block it lands in is
/// checked and decoded as before. A block start that cannot be read leaves the table empty,
/// and the search reads the terms as before.
struct TermBlockKeys: Sendable {
    /// One key per block, or empty.
    let keys: [UInt64]

    init(_ tim: MappedFile, table: Int, blocks: Int) {
        var out = [UInt64](repeating: 0, count: blocks)
        do {
            let c = tim.cursor()
            for b in 0..<blocks {
                var r = tim.cursor()
                r.offset = Int(try c.u32(at: table, index: b))
                _ = try r.int()  // postings offset
                _ = try r.int()  // shared prefix: 0
                out[b] = Self.key(try r.bytes(try r.int()))
            }
        } catch {
            out = []
        }
        keys = out
    }

    /// The first eight bytes of `bytes` as a big-endian integer, zero-padded. For two terms
    /// whose keys differ, the keys compare as the terms do in byte order (a shorter term
    /// pads with zeros, below any byte but zero); equal keys say nothing.
    @inline(__always)
    static func key<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var k: UInt64 = 0
        var n = 0
        for byte in bytes {
            guard n < 8 else { break }
            k |= UInt64(byte) << UInt64(56 - 8 * n)
            n += 1
        }
        return k
    }
}
