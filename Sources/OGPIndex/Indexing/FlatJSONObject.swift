/// A fast reader of the lines ``JSONLinesImport`` reads: one JSON object whose values are all
/// strings, its wanted keys' values returned as they are.
///
/// Why: Foundation's `JSONSerialization` built a dictionary of bridged objects per line, a
/// tenth of the CPU of indexing the data.gouv.fr export. Anything this reader does not take
/// as it is — another kind of value, an escaped key, a `\u` surrogate, invalid UTF-8, a U+FEFF,
/// a wanted key given twice, bytes after the object — makes it return nil, and the caller then asks
/// `JSONSerialization`, whose verdict stands: the documents are those it would give.
enum FlatJSONObject {
    /// The values of `keys` (UTF-8 bytes each) in the object `line` holds, nil where a key is
    /// absent; nil when the line is not such an object.
    static func strings(_ line: UnsafeRawBufferPointer, keys: [[UInt8]]) -> [String?]? {
        var values = [String?](repeating: nil, count: keys.count)
        var i = 0
        let n = line.count
        @inline(__always) func skipSpace() {
            while i < n, line[i] == 0x20 || line[i] == 0x0A || line[i] == 0x0D || line[i] == 0x09 { i += 1 }
        }
        skipSpace()
        guard i < n, line[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        skipSpace()
        if i < n, line[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                // A key: plain bytes between quotes.
                guard i < n, line[i] == UInt8(ascii: "\"") else { return nil }
                let keyStart = i + 1
                var k = keyStart
                while k < n, line[k] != UInt8(ascii: "\""), line[k] != UInt8(ascii: "\\"), line[k] >= 0x20 { k += 1 }
                guard k < n, line[k] == UInt8(ascii: "\"") else { return nil }
                let key = UnsafeRawBufferPointer(rebasing: line[keyStart..<k])
                // Non-ASCII keys are left to Foundation (it checks their UTF-8).
                guard !key.contains(where: { $0 >= 0x80 }) else { return nil }
                i = k + 1
                skipSpace()
                guard i < n, line[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                guard i < n, line[i] == UInt8(ascii: "\"") else { return nil }
                i += 1
                guard let value = string(line, at: &i) else { return nil }
                if let w = keys.firstIndex(where: { $0.elementsEqual(key) }) {
                    guard values[w] == nil else { return nil }
                    values[w] = value
                }
                skipSpace()
                guard i < n else { return nil }
                if line[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpace()
                    continue
                }
                guard line[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                break
            }
        }
        skipSpace()
        return i == n ? values : nil
    }

    /// The string whose content starts at `i` (after its opening quote), `i` left after its
    /// closing quote; nil for what the fast path leaves to Foundation.
    private static func string(_ line: UnsafeRawBufferPointer, at i: inout Int) -> String? {
        let n = line.count
        let start = i
        var k = i
        while k < n, line[k] != UInt8(ascii: "\""), line[k] != UInt8(ascii: "\\"), line[k] >= 0x20 { k += 1 }
        guard k < n, line[k] >= 0x20 else { return nil }
        if line[k] == UInt8(ascii: "\"") {
            let bytes = UnsafeRawBufferPointer(rebasing: line[start..<k])
            guard !holdsByteOrderMark(bytes) else { return nil }
            i = k + 1
            return String(validating: bytes, as: UTF8.self)
        }
        // Escapes: decoded into a copy.
        var bytes = Array(UnsafeRawBufferPointer(rebasing: line[start..<k]))
        while true {
            guard k < n else { return nil }
            let b = line[k]
            if b == UInt8(ascii: "\"") { break }
            guard b >= 0x20 else { return nil }
            guard b == UInt8(ascii: "\\") else {
                bytes.append(b)
                k += 1
                continue
            }
            guard k + 1 < n else { return nil }
            let e = line[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                guard k + 4 <= n else { return nil }
                var v: UInt32 = 0
                for h in line[k..<(k + 4)] {
                    guard let d = hexValue(h) else { return nil }
                    v = v << 4 | d
                }
                k += 4
                // Surrogates (pairs or lone) are left to Foundation.
                guard let scalar = Unicode.Scalar(v) else { return nil }
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            default:
                return nil
            }
        }
        guard !bytes.withUnsafeBytes({ holdsByteOrderMark($0) }) else { return nil }
        i = k + 1
        return String(validating: bytes, as: UTF8.self)
    }

    /// Whether `bytes` hold U+FEFF. Foundation drops one where a string, or a run of it after an
    /// escape, starts (the export has such a string): any string holding one is left to it, so
    /// the documents stay the ones it gives.
    private static func holdsByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var k = 0
        while k + 2 < bytes.count {
            if bytes[k] == 0xEF, bytes[k + 1] == 0xBB, bytes[k + 2] == 0xBF { return true }
            k += 1
        }
        return false
    }

    private static func hexValue(_ h: UInt8) -> UInt32? {
        switch h {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(h - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(h - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(h - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
