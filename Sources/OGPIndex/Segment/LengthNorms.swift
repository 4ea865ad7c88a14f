/// BM25's length normalisation of every document and field of a segment, 1 / (1 − b + b·len/avg),
/// computed once at open.
///
/// Scoring reads one per posting, in document order but far apart: the reads miss the
/// processor's caches unless the table is small. So each value is stored once, in `values`, and
/// each document has per field a 2-byte code (field after field: a posting list of the body
/// reads only the body's codes) — 2 bytes per document and field instead of 4 for a `Float`,
/// and the body's codes of the 121,074 documents of the data.gouv.fr export fit in 237 KB.
/// The values are the very `Float`s the formula gives, so scores do not change. A segment with
/// more than 65,536 distinct (field, length) pairs keeps a `Float` per document and field.
struct LengthNorms {
    /// Whether the norms are coded (otherwise `plain` holds them).
    let coded: Bool
    /// Per field, then per document: the index of its norm in `values`.
    let codes: UnsafeMutablePointer<UInt16>
    let values: UnsafeMutablePointer<Float>
    /// Per field, then per document, the norm itself (when the codes would not fit 2 bytes).
    let plain: UnsafeMutablePointer<Float>
    let docCount: Int

    /// The norms of `docCount` documents whose lengths are the little-endian `UInt32`s at
    /// `offset` of `lengths` (document × `fields` + field; bounds checked by the caller), with
    /// the fields' average lengths `avg` and length normalisation `b(f)`.
    init(docCount n: Int, fields: Int, avg: [Double], b: (Int) -> Double, lengths: UnsafeRawBufferPointer, at offset: Int) {
        @inline(__always) func length(_ d: Int, _ f: Int) -> UInt32 {
            UInt32(littleEndian: lengths.loadUnaligned(fromByteOffset: offset &+ 4 &* (d &* fields &+ f), as: UInt32.self))
        }
        docCount = n
        let count = max(1, n * fields)
        let codes = UnsafeMutablePointer<UInt16>.allocate(capacity: count)
        var values: [Float] = []
        // The code of each length seen in the field (direct for short lengths, the common
        // case; a dictionary above).
        let direct = 4096
        var slot = [Int32](repeating: -1, count: direct)
        var other: [UInt32: Int] = [:]
        var fits = true
        fields: for f in 0..<fields {
            for i in 0..<direct { slot[i] = -1 }
            other.removeAll(keepingCapacity: true)
            let bf = b(f)
            for d in 0..<n {
                let len = length(d, f)
                var code: Int
                if len < direct, slot[Int(len)] >= 0 {
                    code = Int(slot[Int(len)])
                } else if len >= direct, let c = other[len] {
                    code = c
                } else {
                    code = values.count
                    guard code <= Int(UInt16.max) else {
                        fits = false
                        break fields
                    }
                    values.append(Self.norm(len, b: bf, avg: avg[f]))
                    if len < direct { slot[Int(len)] = Int32(code) } else { other[len] = code }
                }
                codes[f * n + d] = UInt16(truncatingIfNeeded: code)
            }
        }
        coded = fits
        if fits {
            self.codes = codes
            plain = .allocate(capacity: 1)
            self.values = .allocate(capacity: max(1, values.count))
            self.values.initialize(from: values, count: values.count)
        } else {
            codes.deallocate()
            self.codes = .allocate(capacity: 1)
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            for f in 0..<fields {
                let bf = b(f)
                for d in 0..<n { p[f * n + d] = Self.norm(length(d, f), b: bf, avg: avg[f]) }
            }
            plain = p
            self.values = .allocate(capacity: 1)
        }
    }

    /// The one formula (the values must not depend on the layout).
    @inline(__always)
    private static func norm(_ len: UInt32, b: Double, avg: Double) -> Float {
        Float(1 / (1 - b + b * Double(len) / avg))
    }

    /// The norm of document `d` in field `f`.
    @inline(__always)
    func callAsFunction(_ d: Int, _ f: Int) -> Float {
        coded ? values[Int(codes[f &* docCount &+ d])] : plain[f &* docCount &+ d]
    }

    func deallocate() {
        codes.deallocate()
        plain.deallocate()
        values.deallocate()
    }
}
