/// A configuration problem, naming the file, the line and the key.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case missingFile, unreadable, invalidYAML, unknownKey, unknownKind, missingKey, invalidValue, duplicateName
    }

    public var code: Code
    public var message: String
    public var file: String
    public var line: Int?
    public var key: String?
    public var cause: String?

    public init(_ code: Code, _ message: String, file: String, line: Int? = nil, key: String? = nil, cause: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.key = key
        self.cause = cause
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        var s = "\(place): \(message)"
        if let cause { s += " (\(cause))" }
        return s
    }
}
