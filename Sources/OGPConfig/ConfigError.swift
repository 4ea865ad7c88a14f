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

    public init(_ code: Code, _ message: String, file: String, line: Int? = nil, key: String? = nil, cause: String? = nil) {
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
        return s
    }
}
