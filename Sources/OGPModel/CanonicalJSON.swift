/// A fast writer of the catalogue's canonical JSON for records: the same bytes as
/// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` (a test checks the two agree),
/// written field by field into a byte buffer, without the generic encoding machinery that makes
/// `JSONEncoder` the bottleneck of a 120,000-record harvest. Keys are written in sorted order.
struct CanonicalJSON {
    var out: [UInt8] = []
    /// When not nil, the byte ranges of `out` that the content hash leaves out (ogp's
    /// bookkeeping members and the commas they leave over): `out` without them is the canonical
    /// JSON of the record without its bookkeeping (see ``RecordCoding/bytesAndContentHash(_:)``).
    var excluded: [Range<Int>]?
    /// With ``excluded``: byte ranges of `out` that the content hash reads as other bytes (a
    /// local file's provenance URL is hashed as `"file:"`, wherever the file lives).
    var substituted: [(range: Range<Int>, bytes: [UInt8])] = []

    init(capacity: Int = 0) {
        if capacity > 0 { out.reserveCapacity(capacity) }
    }

    // MARK: scalars

    mutating func string(_ s: String) {
        out.append(0x22)
        var s = s
        s.withUTF8 { buffer in
            var runStart = 0
            for i in 0..<buffer.count {
                let c = buffer[i]
                guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<i])) }
                runStart = i + 1
                switch c {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x08: out.append(contentsOf: [0x5C, 0x62])
                case 0x0C: out.append(contentsOf: [0x5C, 0x66])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
                }
            }
            if runStart < buffer.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...])) }
        }
        out.append(0x22)
    }

    mutating func int<I: BinaryInteger>(_ i: I) {
        out.append(contentsOf: String(i).utf8)
    }

    mutating func bool(_ b: Bool) {
        out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
    }

    mutating func strings(_ list: [String]) {
        out.append(0x5B)
        for (i, s) in list.enumerated() {
            if i > 0 { out.append(0x2C) }
            string(s)
        }
        out.append(0x5D)
    }

    mutating func array<T>(_ list: [T], _ element: (inout CanonicalJSON, T) -> Void) {
        out.append(0x5B)
        for (i, item) in list.enumerated() {
            if i > 0 { out.append(0x2C) }
            element(&self, item)
        }
        out.append(0x5D)
    }

    /// A dictionary, keys sorted by their UTF-8 bytes like `JSONEncoder`'s `.sortedKeys`.
    mutating func dictionary<T>(_ dict: [String: T], _ value: (inout CanonicalJSON, T) -> Void) {
        out.append(0x7B)
        let keys = dict.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (i, key) in keys.enumerated() {
            if i > 0 { out.append(0x2C) }
            string(key)
            out.append(0x3A)
            if let v = dict[key] { value(&self, v) }
        }
        out.append(0x7D)
    }

    // MARK: objects

    /// Writes an object whose fields the body emits, in sorted key order, through `field`.
    mutating func object(_ body: (inout ObjectFields) -> Void) {
        out.append(0x7B)
        var fields = ObjectFields(json: self)
        self = CanonicalJSON()
        body(&fields)
        self = fields.json
        out.append(0x7D)
    }

    struct ObjectFields {
        var json: CanonicalJSON
        var count = 0
        /// Members written that the content hash keeps (when ``CanonicalJSON/excluded`` is tracked).
        var kept = 0

        mutating func key(_ k: StaticString) {
            member(k, bookkeeping: false)
        }

        private mutating func member(_ k: StaticString, bookkeeping: Bool) {
            let start = json.out.count
            if count > 0 { json.out.append(0x2C) }
            if !bookkeeping, json.excluded != nil {
                // The first member the hash keeps after left-out ones: its comma is left out too.
                if count > 0, kept == 0 { json.excluded?.append(start..<(start + 1)) }
                kept += 1
            }
            count += 1
            json.out.append(0x22)
            json.out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
            json.out.append(0x22)
            json.out.append(0x3A)
        }

        mutating func string(_ k: StaticString, _ v: String?) {
            guard let v else { return }
            key(k)
            json.string(v)
        }

        mutating func int<I: BinaryInteger>(_ k: StaticString, _ v: I?) {
            guard let v else { return }
            key(k)
            json.int(v)
        }

        mutating func bool(_ k: StaticString, _ v: Bool) {
            key(k)
            json.bool(v)
        }

        mutating func strings(_ k: StaticString, _ v: [String]) {
            key(k)
            json.strings(v)
        }

        mutating func value(_ k: StaticString, _ write: (inout CanonicalJSON) -> Void) {
            key(k)
            write(&json)
        }

        /// A member of ogp's bookkeeping (seen and changed dates, fetch details, archival): in
        /// the JSON, left out of the content hash.
        mutating func bookkeeping(_ k: StaticString, _ write: (inout CanonicalJSON) -> Void) {
            let start = json.out.count
            member(k, bookkeeping: true)
            write(&json)
            if json.excluded != nil { json.excluded?.append(start..<json.out.count) }
        }

        /// A bookkeeping string member (see ``bookkeeping(_:_:)``), nothing when nil.
        mutating func bookkeeping(_ k: StaticString, _ v: String?) {
            guard let v else { return }
            bookkeeping(k) { $0.string(v) }
        }
    }

    /// `out` without the ``excluded`` ranges, and with the ``substituted`` ones replaced.
    func hashedBytes() -> [UInt8] {
        let cuts = (excluded ?? []).map { (range: $0, bytes: [UInt8]()) } + substituted
        guard !cuts.isEmpty else { return out }
        var hashed: [UInt8] = []
        hashed.reserveCapacity(out.count)
        var from = 0
        for cut in cuts.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where cut.range.lowerBound >= from {
            hashed.append(contentsOf: out[from..<cut.range.lowerBound])
            hashed.append(contentsOf: cut.bytes)
            from = cut.range.upperBound
        }
        hashed.append(contentsOf: out[from...])
        return hashed
    }
}
