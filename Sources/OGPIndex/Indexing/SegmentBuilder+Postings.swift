/// How one document's occurrences of one term are written into its postings: positions for
/// the analysed terms, per-field counts for the exact forms. Called by ``SegmentBuilder/add(_:)``
/// once per term of each document, so nothing here allocates.
extension SegmentBuilder {
    /// Appends a document's occurrences of one term (`term << 32 | index in packed`, in text
    /// order): per run of one field, the field, the count, and the position gaps.
    static func appendPositions(
        _ postings: inout TermPostings, doc: Int, occurrences: ArraySlice<UInt64>, packed: [Int64],
        docs: inout VarintScratch, positions: inout VarintScratch
    ) {
        let n = occurrences.count
        // Room: the gap and the run count, then per run (at most one per occurrence) two
        // varints; a position delta per occurrence.
        docs.reset(reserving: 20 + 20 * n)
        positions.reset(reserving: 10 * n)
        @inline(__always) func field(_ k: Int) -> Int { Int(packed[Int(occurrences[k] & 0xFFFF_FFFF)] >> 32) }
        var runs = 0
        var previous = -1
        for k in occurrences.indices {
            let f = field(k)
            if f != previous {
                runs += 1
                previous = f
            }
        }
        docs.varint(postings.gap(doc))
        docs.varint(runs)
        var i = occurrences.startIndex
        while i < occurrences.endIndex {
            let f = field(i)
            var j = i
            while j < occurrences.endIndex, field(j) == f { j += 1 }
            docs.varint(f)
            docs.varint(j - i)
            var last: Int64 = 0
            for k in i..<j {
                let p = packed[Int(occurrences[k] & 0xFFFF_FFFF)] & 0xFFFF_FFFF
                positions.varint(UInt64(p - last))
                last = p
            }
            i = j
        }
        postings.append(doc: doc, docs.bytes, positions.bytes)
    }

    /// Appends a document's exact-form occurrences of one term (`term << 8 | field`, sorted):
    /// the number of fields, then per field its id and count.
    static func appendFieldCounts(
        _ postings: inout TermPostings, doc: Int, occurrences: ArraySlice<UInt64>, docs: inout VarintScratch
    ) {
        docs.reset(reserving: 20 + 20 * occurrences.count)
        docs.varint(postings.gap(doc))
        var fields = 0
        var i = occurrences.startIndex
        while i < occurrences.endIndex {
            let f = occurrences[i] & 0xFF
            while i < occurrences.endIndex, occurrences[i] & 0xFF == f { i += 1 }
            fields += 1
        }
        docs.varint(fields)
        i = occurrences.startIndex
        while i < occurrences.endIndex {
            let f = occurrences[i] & 0xFF
            var j = i
            while j < occurrences.endIndex, occurrences[j] & 0xFF == f { j += 1 }
            docs.varint(Int(f))
            docs.varint(j - i)
            i = j
        }
        postings.append(doc: doc, docs.bytes, UnsafeBufferPointer(start: nil, count: 0))
    }
}
