import OGPCore

/// A configuration problem, naming the file, the line and the key.
public struct ConfigError: OGPError {
    public struct Code: ErrorCode {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let missingFile = Code(rawValue: "missingFile")
        public static let unreadable = Code(rawValue: "unreadable")
        public static let invalidYAML = Code(rawValue: "invalidYAML")
        public static let unknownKey = Code(rawValue: "unknownKey")
        public static let unknownKind = Code(rawValue: "unknownKind")
        public static let missingKey = Code(rawValue: "missingKey")
        public static let invalidValue = Code(rawValue: "invalidValue")
        public static let duplicateName = Code(rawValue: "duplicateName")
    }

    public var code: Code
    public var message: String
    public var file: String
    public var line: Int?
    public var key: String?
    public var underlying: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, file: String, line: Int? = nil, key: String? = nil, cause: String? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.key = key
        self.underlying = cause.map(TextCause.init)
    }

    public var place: ErrorPlace { .at(file, line: line) }
    public var cause: String? { underlying.map(describeError) }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        var s = "\(place): \(message)"
        if let cause { s += " (\(cause))" }
        return Self.printable(s)
    }

    /// `text` fit for a terminal: each line cut at `maxLine` characters (long enough for the list
    /// of a source kind's keys; a 20 KB line of the file, quoted by the YAML parser or as a key,
    /// is not echoed whole), control characters other than newlines and tabs shown as `\u{…}`
    /// (no escape sequence reaches the terminal).
    static func printable(_ text: String, maxLine: Int = 600) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var out = ""
            var count = 0
            for scalar in line.unicodeScalars {
                if count >= maxLine {
                    out += "… (\(line.unicodeScalars.count - count) more characters)"
                    break
                }
                let v = scalar.value
                if (v < 0x20 && v != 0x09) || (0x7F...0x9F).contains(v) {
                    out += "\\u{\(String(v, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
                count += 1
            }
            return out
        }.joined(separator: "\n")
    }
}
