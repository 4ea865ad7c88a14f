/// A direct reader of a record's JSON, for the kinds that make up most of a catalogue
/// (datasets, organisations, publications): reading the store back was a fifth of a harvest's
/// CPU through `JSONDecoder`'s generic path. It gives exactly what the `Codable` decoding gives,
/// or nil for anything it does not handle the same way — a plan or a commitment part, a
/// missing required key, `null` where a value is required, a number that is not a plain
/// integer, an escape it does not know — and the caller then decodes with `JSONDecoder`, whose
/// result or error stands.
struct RecordJSONReader {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// The record in `json`, or nil when the generic decoder must decide.
    static func record(_ json: [UInt8]) -> Record? {
        json.withUnsafeBufferPointer { buf in
            var r = RecordJSONReader(buf)
            guard let record = r.record() else { return nil }
            r.space()
            return r.i == buf.count ? record : nil
        }
    }

    // MARK: lexing

    private mutating func space() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private mutating func take(_ c: UInt8) -> Bool {
        space()
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        space()
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    /// `null` (consumed) ahead.
    mutating func null() -> Bool { literal("null") }

    mutating func string() -> String? {
        guard take(0x22) else { return nil }
        let start = i
        while i < b.count, b[i] != 0x22, b[i] != 0x5C, b[i] >= 0x20 { i += 1 }
        guard i < b.count else { return nil }
        if b[i] == 0x22 {
            let s = String(validating: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            i += 1
            return s
        }
        guard b[i] == 0x5C else { return nil }  // a raw control character: the generic decoder decides
        var out = Array(b[start..<i])
        while i < b.count {
            let c = b[i]
            if c == 0x22 {
                i += 1
                return String(validating: out, as: UTF8.self)
            }
            guard c >= 0x20 else { return nil }
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < b.count else { return nil }
            let e = b[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard let u = hex4() else { return nil }
                var scalar = u
                if (0xD800..<0xDC00).contains(u) {
                    guard i + 1 < b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let s = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: String(Character(s)).utf8)
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func optionalString() -> String?? {
        if null() { return .some(nil) }
        return string().map { .some($0) }
    }

    mutating func bool() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// A plain integer (no fraction, no exponent, no leading zeros), else nil.
    mutating func int64() -> Int64? {
        space()
        let start = i
        if i < b.count, b[i] == 0x2D { i += 1 }
        let digits = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        guard i > digits, i - digits <= 18, !(b[digits] == 0x30 && i - digits > 1) else { return nil }
        if i < b.count, b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { return nil }
        var v: Int64 = 0
        for k in digits..<i { v = v * 10 + Int64(b[k] - 0x30) }
        return b[start] == 0x2D ? -v : v
    }

    /// Calls `field` with each key of an object (its value ahead); false when `field` or the syntax fails.
    mutating func object(_ field: (inout RecordJSONReader, String) -> Bool) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        repeat {
            guard let key = string(), take(0x3A), field(&self, key) else { return false }
        } while take(0x2C)
        return take(0x7D)
    }

    mutating func array<T>(_ element: (inout RecordJSONReader) -> T?) -> [T]? {
        guard take(0x5B) else { return nil }
        var out: [T] = []
        if take(0x5D) { return out }
        repeat {
            guard let e = element(&self) else { return nil }
            out.append(e)
        } while take(0x2C)
        return take(0x5D) ? out : nil
    }

    mutating func strings() -> [String]? { array { $0.string() } }

    mutating func stringMap() -> [String: String]? {
        var out: [String: String] = [:]
        let ok = object { r, k in
            guard let v = r.string() else { return false }
            out[k] = v
            return true
        }
        return ok ? out : nil
    }
}
