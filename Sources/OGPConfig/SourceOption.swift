/// One configuration key as declared once: its name, the shape of its value, its valid range,
/// its default as shown to people and what it means. The loader validates every key against
/// its declaration, adapters read typed values through ``SourceOption``, and a test checks the
/// README's key table against the same declarations.
public struct OptionSpec: Sendable, Hashable {
    public var key: String
    public var type: ConfigValueType
    /// Valid integer values (nil: any value of the type).
    public var range: ClosedRange<Int>?
    /// The default as written in the README (nil: none).
    public var defaultText: String?
    /// What the key means, with its unit.
    public var help: String

    public init(
        key: String, type: ConfigValueType, range: ClosedRange<Int>? = nil, defaultText: String? = nil, help: String
    ) {
        self.key = key
        self.type = type
        self.range = range
        self.defaultText = defaultText
        self.help = help
    }

    /// Why `value` is not valid for this key, or nil when it is.
    public func problem(with value: ConfigValue) -> String? {
        guard type.accepts(value) else { return "`\(key)` must be \(type)" }
        if let range, type == .int {
            guard let number = value.int, range.contains(number) else {
                return "`\(key)` must be between \(range.lowerBound) and \(range.upperBound) (\(help))"
            }
        }
        return nil
    }
}

/// A typed configuration key: read as `config[.maxPages]`, with its default applied.
public struct SourceOption<Value: Sendable>: Sendable {
    public let spec: OptionSpec
    public let defaultValue: Value
    let read: @Sendable (ConfigValue) -> Value?
}

extension SourceOption where Value == Int {
    static func int(_ key: String, default value: Int, range: ClosedRange<Int>, help: String) -> Self {
        Self(
            spec: OptionSpec(key: key, type: .int, range: range, defaultText: String(value), help: help),
            defaultValue: value, read: { $0.int })
    }
}

extension SourceOption where Value == Int? {
    static func int(_ key: String, range: ClosedRange<Int>, defaultText: String? = nil, help: String) -> Self {
        Self(
            spec: OptionSpec(key: key, type: .int, range: range, defaultText: defaultText, help: help),
            defaultValue: nil, read: { $0.int })
    }
}

extension SourceOption where Value == Bool {
    static func bool(_ key: String, default value: Bool, help: String) -> Self {
        Self(
            spec: OptionSpec(key: key, type: .bool, defaultText: String(value), help: help),
            defaultValue: value, read: { $0.bool })
    }
}

extension SourceOption where Value == String? {
    static func string(_ key: String, defaultText: String? = nil, help: String) -> Self {
        Self(
            spec: OptionSpec(key: key, type: .string, defaultText: defaultText, help: help),
            defaultValue: nil, read: { $0.string })
    }
}

extension SourceOption where Value == [String] {
    static func strings(_ key: String, default value: [String], help: String) -> Self {
        Self(
            spec: OptionSpec(
                key: key, type: .strings, defaultText: value.isEmpty ? nil : value.joined(separator: ", "), help: help),
            defaultValue: value, read: { $0.strings })
    }
}

extension SourceOption where Value == [String: ConfigValue] {
    static func map(_ key: String, help: String) -> Self {
        Self(spec: OptionSpec(key: key, type: .map, help: help), defaultValue: [:], read: { $0.map })
    }
}

extension SourceConfig {
    /// The typed value of a key, or its declared default.
    public subscript<Value>(_ option: SourceOption<Value>) -> Value {
        options[option.spec.key].flatMap(option.read) ?? option.defaultValue
    }
}
