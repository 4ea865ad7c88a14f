/// A stored document as a search hit reads it: its id, date and display values as strings, its
/// text fields left in place, as byte ranges of the decompressed block, and its keywords skipped.
///
/// A hit's texts are read once, by the snippet's scan: making a string of each (a copy, an
/// allocation and a UTF-8 validation of about 1 KB per hit on the data.gouv.fr export) cost
/// more than reading them in place. Only the title is made a string, when the display values
/// lack one.
struct StoredHit {
    /// A text field: its name, and where its UTF-8 text lies in the block.
    struct Field {
        var name: String
        var text: Range<Int>
    }

    var id: String
    var fields: [Field]
    var date: String?
    var stored: [String: String]
}

extension StoredCodec {
    /// The document at `c` (as ``decode(_:keywords:)`` reads it, without its keywords), its
    /// texts as ranges of `c`'s bytes.
    static func decodeHit(_ c: inout ByteCursor) throws(IndexError) -> StoredHit {
        let id = try c.string()
        let nf = try c.int()
        var fields: [StoredHit.Field] = []
        fields.reserveCapacity(min(nf, 16))
        for _ in 0..<nf {
            let name = try c.string()
            let n = try c.int()
            let start = c.offset
            try c.skip(n)
            fields.append(StoredHit.Field(name: name, text: start..<(start + n)))
        }
        let nk = try c.int()
        for _ in 0..<nk {
            try c.skip(try c.int())
            let nv = try c.int()
            for _ in 0..<nv { try c.skip(try c.int()) }
        }
        let date = try c.string()
        _ = try c.varint()  // hidden: a hit found is shown
        let ns = try c.int()
        var stored: [String: String] = [:]
        stored.reserveCapacity(min(ns, 64) + 1)  // a count read from the file: bounded
        for _ in 0..<ns {
            let k = try c.string()
            stored[k] = try c.string()
        }
        return StoredHit(id: id, fields: fields, date: date.isEmpty ? nil : date, stored: stored)
    }
}

extension StoredFieldsReader {
    /// Calls `body` with document `d` read as a hit and the bytes its fields' ranges refer to
    /// (valid only during the call).
    func withHit<R>(
        _ d: Int, cache: StoredBlockCache?, _ body: (StoredHit, UnsafeRawBufferPointer) throws(IndexError) -> R
    ) throws(IndexError) -> R {
        try withDocumentBytes(d, cache: cache) { buf, range throws(IndexError) -> R in
            var one = ByteCursor(buf, offset: range.lowerBound, end: range.upperBound, file: name)
            let hit = try StoredCodec.decodeHit(&one)
            return try body(hit, buf)
        }
    }
}
