/// A single-pass JSON reader over bytes into ``UdataJSON`` values (RFC 8259), used by every
/// decoder of portal APIs (udata, CKAN, OpenDataSoft, DCAT-US, JSON-LD).
///
/// Why not Foundation: `JSONDecoder` over a generic value enum tries each type in turn and
/// throws an error per failed attempt (a coding path built each time); it cost 45 % of a CKAN
/// harvest's CPU. This reader looks at each byte once, makes strings straight from the UTF-8
/// bytes (no escape: one copy) and integers without a float parser.
///
/// Strict where JSON is (control characters in strings, leading zeros, bare words, missing
/// commas are errors with their byte offset), lenient where Foundation's decoder was (a trailing
/// comma; a key given twice keeps its first value) and where a portal's data would otherwise be
/// lost: invalid UTF-8 and lone surrogate escapes become U+FFFD. Nesting deeper than `maxDepth`
/// is refused with the offset of the bracket that goes too deep.
struct JSONValueReader {
    /// Why reading stopped.
    enum Failure: Error {
        case tooDeep(offset: Int)
        case invalid(String, offset: Int)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private let maxDepth: Int
    /// Object members whose values are read (checked as JSON) but not kept, at any depth.
    private let skipKeys: [[UInt8]]
    /// Above zero inside a value that is not kept: nothing is built there.
    private var skipping = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, skipKeys: [[UInt8]] = []) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.skipKeys = skipKeys
    }

    /// Reads one JSON document (a UTF-8 byte order mark is skipped; only whitespace may follow).
    /// Members named in `skipKeys` (at any depth) are checked like the rest but left out of the
    /// objects: a decoder that never reads them saves building them (most of a CKAN package's
    /// members); the same bytes are valid or invalid JSON, at the same offset, either way.
    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, skipKeys: [[UInt8]] = []
    ) throws(Failure) -> UdataJSON {
        var reader = JSONValueReader(bytes, maxDepth: maxDepth, skipKeys: skipKeys)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.i = 3 }
        reader.skipSpace()
        let value = try reader.value()
        reader.skipSpace()
        guard reader.i == bytes.count else { throw reader.unexpected("after the JSON value") }
        return value
    }

    /// Reads a document whose top level is an array one element at a time, handing each to
    /// `body` with its byte offset, so that a large export (a catalogue of any size) never sits
    /// in memory as values. Returns false, having read nothing, when the top level is not an
    /// array. A break midway throws after the elements before it were handed over.
    static func forEachElement(
        _ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int, _ body: (UdataJSON, Int) throws -> Void
    ) throws -> Bool {
        var reader = JSONValueReader(bytes, maxDepth: maxDepth)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.i = 3 }
        reader.skipSpace()
        guard reader.i < bytes.count, bytes[reader.i] == UInt8(ascii: "[") else { return false }
        try reader.enter()
        reader.skipSpace()
        if reader.i < bytes.count, bytes[reader.i] == UInt8(ascii: "]") {
            reader.i += 1
        } else {
            while true {
                let at = reader.i
                try body(try reader.value(), at)
                reader.skipSpace()
                guard reader.i < bytes.count else { throw reader.unexpected("in an array") }
                if bytes[reader.i] == UInt8(ascii: ",") {
                    reader.i += 1
                    reader.skipSpace()
                } else if bytes[reader.i] == UInt8(ascii: "]") {
                    reader.i += 1
                    break
                } else {
                    throw reader.unexpected("in an array")
                }
            }
        }
        reader.skipSpace()
        guard reader.i == bytes.count else { throw reader.unexpected("after the JSON value") }
        return true
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private func unexpected(_ place: String) -> Failure {
        guard i < bytes.count else { return .invalid("unexpected end of input \(place)", offset: i) }
        let c = bytes[i]
        let shown = c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
        return .invalid("unexpected \(shown) \(place)", offset: i)
    }

    private mutating func value() throws(Failure) -> UdataJSON {
        guard i < bytes.count else { throw unexpected("where a value was expected") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""):
            if skipping > 0 {
                try skipString()
                return .null
            }
            return .string(try string())
        case UInt8(ascii: "t"): return try word("true", .bool(true))
        case UInt8(ascii: "f"): return try word("false", .bool(false))
        case UInt8(ascii: "n"): return try word("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw unexpected("where a value was expected")
        }
    }

    private mutating func word(_ text: StaticString, _ result: UdataJSON) throws(Failure) -> UdataJSON {
        let n = text.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw unexpected("in a literal") }
        let p = text.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] {
            i += k
            throw unexpected("in a literal")
        }
        i += n
        return result
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > maxDepth { throw .tooDeep(offset: i) }
        i += 1
    }

    private mutating func object() throws(Failure) -> UdataJSON {
        try enter()
        // Members gathered in order, then one dictionary of the right capacity (no rehashing
        // as it grows); a key given twice keeps its first value, as Foundation's decoder does.
        var pairs: [(String, UdataJSON)] = []
        func members() -> [String: UdataJSON] {
            Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        }
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object([:])
        }
        while true {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw unexpected("where a key was expected") }
            if skipping > 0 || skippedKey() {
                if skipping > 0 { try skipString() }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw unexpected("after a key") }
                i += 1
                skipSpace()
                skipping += 1
                _ = try value()
                skipping -= 1
            } else {
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw unexpected("after a key") }
                i += 1
                skipSpace()
                pairs.append((key, try value()))
            }
            skipSpace()
            guard i < bytes.count else { throw unexpected("in an object") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                // A trailing comma is tolerated, as Foundation's decoder does.
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                    i += 1
                    depth -= 1
                    return .object(members())
                }
            } else if bytes[i] == UInt8(ascii: "}") {
                i += 1
                depth -= 1
                return .object(members())
            } else {
                throw unexpected("in an object")
            }
        }
    }

    private mutating func array() throws(Failure) -> UdataJSON {
        try enter()
        var elements: [UdataJSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            let element = try value()
            if skipping == 0 { elements.append(element) }
            skipSpace()
            guard i < bytes.count else { throw unexpected("in an array") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    depth -= 1
                    return .array(elements)
                }
            } else if bytes[i] == UInt8(ascii: "]") {
                i += 1
                depth -= 1
                return .array(elements)
            } else {
                throw unexpected("in an array")
            }
        }
    }

    /// Whether the key at `i` (on its opening quote) is one of ``skipKeys``: then `i` is moved
    /// after its closing quote. A key with an escape is never skipped (read as usual).
    private mutating func skippedKey() -> Bool {
        guard !skipKeys.isEmpty else { return false }
        var j = i + 1
        while j < bytes.count, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\") { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") else { return false }
        let length = j - i - 1
        for key in skipKeys where key.count == length {
            var same = true
            for k in 0..<length where bytes[i + 1 + k] != key[k] {
                same = false
                break
            }
            if same {
                i = j + 1
                return true
            }
        }
        return false
    }

    /// Checks a string as ``string()`` does, building nothing; `i` is on its opening quote.
    private mutating func skipString() throws(Failure) {
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
    private mutating func string() throws(Failure) -> String {
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
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
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
    private mutating func hex4() throws(Failure) -> UInt32 {
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

    private func appendScalar(_ s: Unicode.Scalar, to out: inout [UInt8]) {
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
    private mutating func number() throws(Failure) -> Double {
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

    private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
