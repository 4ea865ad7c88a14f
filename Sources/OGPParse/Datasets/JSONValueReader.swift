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

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    private var depth = 0
    private let maxDepth: Int
    /// Object members whose values are read (checked as JSON) but not kept, at any depth.
    private let skipKeys: [[UInt8]]
    /// Above zero inside a value that is not kept: nothing is built there.
    var skipping = 0

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

    func unexpected(_ place: String) -> Failure {
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
}
