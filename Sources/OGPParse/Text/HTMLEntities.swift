/// Decodes HTML character references: the one entity decoder of ogp, for page text, dataset
/// descriptions, titles and attribute values alike.
///
/// Named references are the full HTML5 set (``HTMLEntityTable``, 2,125 names, `;` required);
/// numeric ones (`&#8217;`, `&#x2019;`) are read as browsers read them: 128–159 as
/// Windows-1252 (`&#146;` is `’`), 0, surrogates and values past U+10FFFF as U+FFFD. `&nbsp;` is
/// U+00A0, as in HTML; the text layers treat every no-break space as a space. An unknown or
/// malformed reference is left as written, never dropped.
public enum HTMLEntities {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The named references, by name without `;`, as UTF-8.
    static let named: [String: [UInt8]] = {
        var table: [String: [UInt8]] = [:]
        table.reserveCapacity(HTMLEntityTable.count)
        for entry in HTMLEntityTable.packed.split(separator: ";") {
            guard let space = entry.firstIndex(of: " ") else { continue }
            var value = ""
            for hex in entry[entry.index(after: space)...].split(separator: "+") {
                if let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) {
                    value.unicodeScalars.append(scalar)
                }
            }
            table[String(entry[..<space])] = Array(value.utf8)
        }
        return table
    }()

    /// Returns `text` with every recognised character reference replaced by its character.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(38) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                if b[i] == 38, let next = decode(b, at: i, into: &out) {
                    i = next
                } else {
                    out.append(b[i])
                    i += 1
                }
            }
        }
        bytes.removeAll()
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the reference starting at `i` (an `&`) into `out`; the index after its `;`, or
    /// nil (nothing written) when there is no reference there.
    static func decode(_ b: Bytes, at i: Int, into out: inout [UInt8]) -> Int? {
        let limit = min(b.count, i + HTMLEntityTable.longestName + 2)
        var j = i + 1
        guard j < limit else { return nil }
        if b[j] == 35 {  // '#'
            j += 1
            let hex = j < limit && (b[j] | 0x20) == 120
            if hex { j += 1 }
            let start = j
            var value: UInt32 = 0
            while j < limit, j - start < 8, let d = digit(b[j], hex: hex) {
                value = value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > start, j < b.count, b[j] == 59 else { return nil }
            appendScalar(numeric(value), to: &out)
            return j + 1
        }
        while j < limit, isAlphanumeric(b[j]) { j += 1 }
        guard j > i + 1, j < b.count, b[j] == 59,
            let value = named[String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)]
        else { return nil }
        out.append(contentsOf: value)
        return j + 1
    }

    /// The code point a numeric reference stands for, as HTML5 reads it.
    static func numeric(_ value: UInt32) -> UInt32 {
        if value >= 0x80, value <= 0x9F, let mapped = windows1252[Int(value - 0x80)] { return mapped }
        if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        return value
    }

    /// HTML5's replacements for references to C1 controls (0x80–0x9F), nil where none.
    private static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil,
        0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil,
        0x017E, 0x0178,
    ]

    @inline(__always) private static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        if c >= 48, c <= 57 { return UInt32(c - 48) }
        guard hex else { return nil }
        let l = c | 0x20
        return l >= 97 && l <= 102 ? UInt32(l - 87) : nil
    }

    @inline(__always) static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122)
    }

    /// Appends the UTF-8 encoding of code point `v` (a valid scalar, see ``numeric(_:)``).
    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case ..<0x80: out.append(UInt8(v))
        case ..<0x800: out.append(contentsOf: [UInt8(0xC0 | (v >> 6)), UInt8(0x80 | (v & 0x3F))])
        case ..<0x10000:
            out.append(contentsOf: [UInt8(0xE0 | (v >> 12)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F))])
        default:
            out.append(contentsOf: [
                UInt8(0xF0 | (v >> 18)), UInt8(0x80 | ((v >> 12) & 0x3F)), UInt8(0x80 | ((v >> 6) & 0x3F)),
                UInt8(0x80 | (v & 0x3F)),
            ])
        }
    }
}
