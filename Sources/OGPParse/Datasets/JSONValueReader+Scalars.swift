/// The scalars of ``JSONValueReader``: strings (read or skipped, escapes and UTF-8 repair) and
/// numbers, byte by byte.
extension JSONValueReader {
    /// Checks a string as ``string()`` does, building nothing; `i` is on its opening quote.
    mutating func skipString() throws(Failure) {
        i += 1
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return
            }
            if c < 0x20 { throw unexpected("in a string (control characters must be escaped)") }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                switch bytes[i] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    _ = try unicodeEscape()
                    continue
                default: throw unexpected("after a backslash in a string")
                }
            }
            i += 1
        }
        throw .invalid("unterminated string", offset: start - 1)
    }

    /// A string; `i` is on its opening quote.
    mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        // Fast path: no escape, the bytes are the string.
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw unexpected("in a string (control characters must be escaped)") }
            i += 1
        }
        guard i < bytes.count else { throw .invalid("unterminated string", offset: start - 1) }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        out.reserveCapacity(out.count + 32)
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw unexpected("in a string (control characters must be escaped)") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { break }
            switch bytes[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                appendScalar(try unicodeEscape(), to: &out)
                continue
            default: throw unexpected("after a backslash in a string")
            }
            i += 1
        }
        throw .invalid("unterminated string", offset: start - 1)
    }

    /// `\uXXXX` (and its low surrogate when it is a high one); `i` is on the `u`, and ends after.
    mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        let high = try hex4()
        if high >= 0xD800 && high < 0xDC00 {
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                i += 1
                let save = i
                let low = try hex4()
                if low >= 0xDC00 && low < 0xE000 {
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
                }
                i = save - 1  // not a pair: the second escape is read on its own
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    /// Four hex digits after the `u` at `i`; leaves `i` after them.
    mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 < bytes.count else {
            i = bytes.count
            throw unexpected("in a \\u escape")
        }
        var v: UInt32 = 0
        for k in 1...4 {
            let c = bytes[i + k]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default:
                i += k
                throw unexpected("in a \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        i += 5
        return v
    }

    func appendScalar(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        switch v {
        case ..<0x80:
            out.append(UInt8(v))
        case ..<0x800:
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// A number (JSON grammar), as a Double: integers of up to 15 digits exactly without a
    /// float parser, others through the standard library's correctly rounded one.
    mutating func number() throws(Failure) -> Double {
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected("in a number") }
        var integer: Int64 = 0
        var digits = 0
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw unexpected("in a number (leading zero)") }
            digits = 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) {
                if digits < 18 { integer = integer * 10 + Int64(bytes[i] - UInt8(ascii: "0")) }
                digits += 1
                i += 1
            }
        }
        var simple = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            simple = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected("in a number's fraction") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            simple = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw unexpected("in a number's exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if simple && digits <= 15 {
            let d = Double(integer)
            return negative ? -d : d
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw .invalid("number out of range", offset: start) }
        return d
    }

    func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
