/// A JSON value read by ``LenientJSON``. Object members keep their order.
indirect enum JSONValue: Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? {
        switch self {
        case .number(let n): Int(n) ?? Double(n).flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
        case .string(let s): Int(s)
        default: nil
        }
    }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// `x.rendered` of a WordPress `{rendered: …}` object, or a plain string.
    var rendered: String? { self["rendered"]?.string ?? string }
}

/// A JSON reader that recovers what it can from broken input (a truncated response, raw
/// control characters inside strings) and says where and why the input broke.
///
/// It reads bytes once, left to right, with bounded nesting (``maxDepth``), so it cannot hang
/// or overflow the stack on hostile input.
struct LenientJSON {
    static let maxDepth = 128

    /// What was read, and what was wrong with the input.
    struct Outcome {
        var value: JSONValue?
        /// Byte offset where reading stopped early (end of input or a syntax error), and why.
        var brokenAt: Int?
        var brokenReason: String?
        /// The member path being read when the input broke (`content.rendered`).
        var brokenPath: String?
        /// Raw control characters (newlines, tabs) found inside strings: invalid, but kept.
        var rawControlOffsets: [Int] = []
        var rawControlCount = 0
        /// Start offsets of the top-level array's elements.
        var elementOffsets: [Int] = []
    }

    private let b: [UInt8]
    private var i = 0
    private var outcome = Outcome()
    private var path: [String] = []

    private init(_ bytes: [UInt8]) { b = bytes }

    /// Reads `bytes` (UTF-8 JSON).
    static func parse(_ bytes: [UInt8]) -> Outcome {
        var p = LenientJSON(bytes)
        p.skipSpace()
        if p.i >= p.b.count {
            p.stop("the input is empty")
            return p.outcome
        }
        p.outcome.value = p.value(depth: 0, top: true)
        p.skipSpace()
        if p.outcome.brokenAt == nil, p.i < p.b.count {
            p.stop("unexpected data after the JSON value")
        }
        return p.outcome
    }

    private var stopped: Bool { outcome.brokenAt != nil }

    private mutating func stop(_ reason: String) {
        guard outcome.brokenAt == nil else { return }
        outcome.brokenAt = min(i, b.count)
        outcome.brokenReason = i >= b.count ? "the input ends early (truncated): \(reason)" : reason
        outcome.brokenPath = path.isEmpty ? nil : path.joined(separator: ".")
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private mutating func value(depth: Int, top: Bool = false) -> JSONValue? {
        skipSpace()
        guard i < b.count else { stop("a value was expected"); return nil }
        guard depth < LenientJSON.maxDepth else {
            stop("nesting deeper than \(LenientJSON.maxDepth) levels"); return nil
        }
        switch b[i] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth, top: top)
        case UInt8(ascii: "\""): return .string(string())
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default:
            let start = i
            while i < b.count,
                b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: ".")
                    || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") || (b[i] >= 0x30 && b[i] <= 0x39)
            { i += 1 }
            guard i > start else { stop("unexpected character `\(Character(Unicode.Scalar(b[i])))`"); return nil }
            return .number(String(decoding: b[start..<i], as: UTF8.self))
        }
    }

    private mutating func literal(_ word: String, _ v: JSONValue) -> JSONValue? {
        let w = Array(word.utf8)
        guard i + w.count <= b.count else { i = b.count; stop("inside `\(word)`"); return nil }
        guard Array(b[i..<(i + w.count)]) == w else { stop("unexpected character"); return nil }
        i += w.count
        return v
    }

    private mutating func object(depth: Int) -> JSONValue {
        i += 1
        var members: [(key: String, value: JSONValue)] = []
        while true {
            skipSpace()
            guard i < b.count else { stop("inside an object"); break }
            if b[i] == UInt8(ascii: "}") { i += 1; break }
            if b[i] == UInt8(ascii: ","), !members.isEmpty { i += 1; skipSpace() }
            guard i < b.count else { stop("inside an object"); break }
            guard b[i] == UInt8(ascii: "\"") else { stop("a member name was expected"); break }
            let key = string()
            if stopped { break }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { stop("`:` was expected after \"\(key)\""); break }
            i += 1
            path.append(key)
            let v = value(depth: depth + 1)
            path.removeLast()
            if let v { members.append((key, v)) }
            if stopped { break }
        }
        return .object(members)
    }

    private mutating func array(depth: Int, top: Bool) -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        while true {
            skipSpace()
            guard i < b.count else { stop("inside an array"); break }
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            if b[i] == UInt8(ascii: ","), !items.isEmpty { i += 1; skipSpace() }
            if top { outcome.elementOffsets.append(i) }
            path.append("[\(items.count)]")
            let v = value(depth: depth + 1)
            path.removeLast()
            if let v { items.append(v) }
            if stopped { break }
        }
        return .array(items)
    }

    /// A string at `i` (a `"`); on truncation, the text read so far.
    private mutating func string() -> String {
        i += 1
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { i = b.count; break }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"): out.append(contentsOf: unicodeEscape())
                default: out.append(e)
                }
                continue
            }
            if c < 0x20 {
                outcome.rawControlCount += 1
                if outcome.rawControlOffsets.count < 1000 { outcome.rawControlOffsets.append(i) }
            }
            out.append(c)
            i += 1
        }
        stop("inside a string")
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-8 bytes of a `\uXXXX` escape (with its low surrogate when paired); `i` is past `\u`.
    private mutating func unicodeEscape() -> [UInt8] {
        func hex4() -> UInt32? {
            guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                return nil
            }
            i += 4
            return v
        }
        guard var v = hex4() else { return Array("\u{FFFD}".utf8) }
        if v >= 0xD800, v < 0xDC00, i + 6 <= b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
            i += 2
            if let low = hex4(), low >= 0xDC00, low < 0xE000 { v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00) }
        }
        return Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8)
    }
}
