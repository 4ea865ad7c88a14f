/// A configuration value as written in YAML, with its line for error messages.
public indirect enum ConfigValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([ConfigValue])
    case map([String: ConfigValue])

    /// The value as text (numbers and booleans spelled as in YAML).
    public var string: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    public var int: Int? {
        switch self {
        case .int(let i): i
        case .string(let s): Int(s)
        default: nil
        }
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// A list of strings; a single string is a list of one.
    public var strings: [String]? {
        switch self {
        case .list(let items): items.compactMap(\.string)
        case .string(let s): [s]
        default: nil
        }
    }

    public var map: [String: ConfigValue]? {
        if case .map(let m) = self { return m }
        return nil
    }
}

/// The shape a configuration key's value must have.
public enum ConfigValueType: Sendable, Hashable, CustomStringConvertible {
    case string, int, bool, strings, map, any

    public var description: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .bool: "true or false"
        case .strings: "a list of strings"
        case .map: "a mapping"
        case .any: "a value"
        }
    }

    func accepts(_ value: ConfigValue) -> Bool {
        switch (self, value) {
        case (.any, _), (.string, .string), (.string, .int), (.int, .int), (.bool, .bool), (.map, .map): true
        case (.strings, .string): true
        case (.strings, .list(let items)): items.allSatisfy { $0.string != nil }
        default: false
        }
    }
}
