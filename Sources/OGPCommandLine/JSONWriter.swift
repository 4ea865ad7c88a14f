/// JSON text written straight into a byte buffer, compact or indented (two spaces), for the
/// outputs that are written on every request or in bulk (search results). Foundation's
/// `JSONEncoder` goes through a boxed value tree per document; this appends bytes in the
/// caller's key order and never fails (non-finite numbers, which JSON cannot carry, are `null`).
public struct JSONWriter: Sendable {
    /// The text written so far (UTF-8).
    public private(set) var bytes: [UInt8]
    private let pretty: Bool
    /// Per open container: whether it has a member yet.
    private var filled: [Bool] = []
    /// A key was just written: the value follows it directly.
    private var afterKey = false

    /// A writer whose buffer starts with room for `capacity` bytes.
    public init(pretty: Bool = false, capacity: Int = 4096) {
        self.pretty = pretty
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object (`{`).
    public mutating func beginObject() { open(0x7B) }
    /// Ends the innermost object (`}`).
    public mutating func endObject() { close(0x7D) }
    /// Starts an array (`[`).
    public mutating func beginArray() { open(0x5B) }
    /// Ends the innermost array (`]`).
    public mutating func endArray() { close(0x5D) }

    /// Writes a member's key; its value is the next thing written.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    /// Writes a string, or `null`.
    public mutating func string(_ value: String?) {
        separate()
        if let value { appendString(value) } else { appendASCII("null") }
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        separate()
        appendASCII(String(value))
    }

    /// Writes a number (shortest form that reads back the same); `null` when not finite.
    public mutating func double(_ value: Double) {
        separate()
        appendASCII(value.isFinite ? value.description : "null")
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        separate()
        appendASCII(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        appendASCII("null")
    }

    // MARK: layout

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        filled.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = filled.popLast() ?? false
        if pretty && hadMembers { newline() }
        bytes.append(bracket)
    }

    /// What comes before a value or a key: nothing after a key; else a comma after a sibling,
    /// and in pretty mode a new line.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = filled.indices.last else { return }
        if filled[last] { bytes.append(0x2C) }
        filled[last] = true
        if pretty { newline() }
    }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<filled.count { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`;
    /// everything else as its UTF-8 bytes.
    private mutating func appendString(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                bytes.append(0x5C)
                switch b {
                case 0x22, 0x5C: bytes.append(b)
                case 0x0A: bytes.append(0x6E)  // n
                case 0x0D: bytes.append(0x72)  // r
                case 0x09: bytes.append(0x74)  // t
                case 0x08: bytes.append(0x62)  // b
                case 0x0C: bytes.append(0x66)  // f
                default:
                    bytes.append(contentsOf: [0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }
}
