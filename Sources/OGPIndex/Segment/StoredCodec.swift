/// Binary encoding of a whole ``IndexDocument`` in the stored-fields file. Everything needed to
/// display a hit, build its snippet, or re-index it when segments merge.
enum StoredCodec {
    static func encode(_ doc: IndexDocument, into out: inout ByteBuffer) {
        out.string(doc.id)
        out.varint(doc.fields.count)
        for f in doc.fields {
            out.string(f.name)
            out.string(f.text)
        }
        let kinds = doc.keywords.keys.sorted()
        out.varint(kinds.count)
        for k in kinds {
            out.string(k)
            let values = doc.keywords[k] ?? []
            out.varint(values.count)
            for v in values { out.string(v) }
        }
        out.string(doc.date ?? "")
        out.varint(doc.hidden ? 1 : 0)
        let keys = doc.stored.keys.sorted()
        out.varint(keys.count)
        for k in keys {
            out.string(k)
            out.string(doc.stored[k] ?? "")
        }
    }

    /// The document at `c`; with `keywords: false` its keywords are skipped, not read (a hit shows
    /// none: a search result needs no strings for them).
    static func decode(_ c: inout ByteCursor, keywords withKeywords: Bool = true) throws(IndexError) -> IndexDocument {
        let id = try c.string()
        let nf = try c.int()
        var fields: [TextField] = []
        for _ in 0..<nf {
            let name = try c.string()
            fields.append(TextField(name, try c.string()))
        }
        let nk = try c.int()
        var keywords: [String: [String]] = [:]
        for _ in 0..<nk where !withKeywords {
            try c.skip(try c.int())
            let nv = try c.int()
            for _ in 0..<nv { try c.skip(try c.int()) }
        }
        for _ in 0..<nk where withKeywords {
            let k = try c.string()
            let nv = try c.int()
            var values: [String] = []
            for _ in 0..<nv { values.append(try c.string()) }
            keywords[k] = values
        }
        let date = try c.string()
        let hidden = try c.varint() != 0
        let ns = try c.int()
        var stored: [String: String] = [:]
        for _ in 0..<ns {
            let k = try c.string()
            stored[k] = try c.string()
        }
        return IndexDocument(
            id: id, fields: fields, keywords: keywords, date: date.isEmpty ? nil : date,
            hidden: hidden, stored: stored)
    }
}

/// Term keys in the dictionary. Plain analysed terms start with a letter or digit; the other
/// kinds start with a control byte so each kind is a contiguous, separately scannable range.
enum TermKey {
    /// Folded unstemmed form (exact-wording bonus).
    static let exactPrefix = "\u{01}"
    /// `kind` + US + `value` keyword (filters, facets).
    static let keywordPrefix = "\u{02}"
    /// Document id (upserts and deletes).
    static let idPrefix = "\u{03}"
    static let separator = "\u{1F}"

    static func exact(_ s: String) -> String { exactPrefix + s }
    static func keyword(_ kind: String, _ value: String) -> String { keywordPrefix + kind + separator + value }
    static func id(_ id: String) -> String { idPrefix + id }

    /// Byte order, as in the dictionary file.
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
