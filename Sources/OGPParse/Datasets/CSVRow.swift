import OGPModel

/// One record read by ``CSVReader``: its fields, where it starts, and how many bytes it spans.
public struct CSVRow: Sendable, Hashable {
    /// The fields, unquoted (doubled quotes undone), in file order.
    public var fields: [String]
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Byte offset of the record's first byte in the input.
    public var offset: Int

    public init(fields: [String], line: Int, offset: Int) {
        self.fields = fields
        self.line = line
        self.offset = offset
    }
}

/// A record ``CSVReader`` could not read: where it starts and why. The reader resynchronises
/// after it and goes on.
public struct CSVMalformedRow: Error, Sendable, Hashable, CustomStringConvertible {
    /// `stray-quote`, `unterminated-quote`, `field-too-large`, `io-error`.
    public var code: String
    /// A sentence for people.
    public var reason: String
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Byte offset of the record's first byte.
    public var offset: Int

    public init(code: String, reason: String, line: Int, offset: Int) {
        self.code = code
        self.reason = reason
        self.line = line
        self.offset = offset
    }

    /// `line L (byte B): reason [code]`.
    public var description: String { "line \(line) (byte \(offset)): \(reason) [\(code)]" }

    /// The failed item to record for this row of the input `item` (a file path or URL).
    public func failure(item: String, url: String? = nil) -> ItemFailure {
        ItemFailure(item: "\(item):\(line)", url: url, line: line, offset: offset, code: code, reason: reason)
    }
}

/// What ``CSVReader`` yields for each record.
public enum CSVElement: Sendable, Hashable {
    case row(CSVRow)
    case malformed(CSVMalformedRow)
}

/// Settings of a ``CSVReader``.
public struct CSVOptions: Sendable, Hashable {
    /// Field separator (`;` for data.gouv.fr's exports).
    public var separator: UInt8
    /// Quote character (`"`); doubled inside a quoted field for a literal quote.
    public var quote: UInt8
    /// Bytes read from the input at a time.
    public var bufferSize: Int
    /// A field longer than this makes its record a ``CSVMalformedRow`` (`field-too-large`);
    /// its bytes are skipped, not kept.
    public var maxFieldSize: Int
    /// Skip lines holding nothing (no separator, no character).
    public var skipEmptyLines: Bool

    public init(
        separator: UInt8 = UInt8(ascii: ";"), quote: UInt8 = UInt8(ascii: "\""), bufferSize: Int = 1 << 20,
        maxFieldSize: Int = 8 << 20, skipEmptyLines: Bool = true
    ) {
        self.separator = separator
        self.quote = quote
        self.bufferSize = max(16, bufferSize)
        self.maxFieldSize = max(1, maxFieldSize)
        self.skipEmptyLines = skipEmptyLines
    }
}
