import Foundation

/// A JSON value, decoded strictly (a number is never a boolean).
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
}

/// Validates JSON against the subset of JSON Schema the OpenAPI document uses: `$ref` (local),
/// `oneOf`, `type` (one or several), `enum`, `properties`, `required`, `additionalProperties`,
/// `items`, `minItems`/`maxItems`, `minimum`/`maximum`, `maxLength`. Anything else in a schema
/// is an error of the test, not ignored.
struct SchemaValidator {
    let document: JSONValue
    static let known: Set<String> = [
        "$ref", "oneOf", "type", "enum", "properties", "required", "additionalProperties", "items", "minItems",
        "maxItems",
        "minimum", "maximum", "maxLength", "description", "format",
    ]

    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    /// Problems of `value` against `schema` (empty when valid), each with its JSON path.
    func errors(_ value: JSONValue, _ schema: JSONValue, path: String = "$") -> [String] {
        guard case .object(let s) = schema else { return ["\(path): schema is not an object"] }
        if let unknown = s.keys.first(where: { !Self.known.contains($0) }) {
            return ["\(path): unsupported keyword \(unknown)"]
        }
        if let ref = s["$ref"]?.string {
            guard let target = resolve(ref) else { return ["\(path): unresolved \(ref)"] }
            return errors(value, target, path: path)
        }
        if case .array(let options)? = s["oneOf"] {
            let matching = options.filter { errors(value, $0, path: path).isEmpty }.count
            return matching == 1 ? [] : ["\(path): matches \(matching) of oneOf"]
        }
        var out: [String] = []
        if let type = s["type"] {
            let types: [String] =
                switch type {
                case .string(let t): [t]
                case .array(let ts): ts.compactMap(\.string)
                default: []
                }
            if !types.contains(where: { Self.has(value, type: $0) }) {
                return ["\(path): expected \(types), got \(value)"]
            }
        }
        if case .array(let values)? = s["enum"], !values.contains(value) { out.append("\(path): \(value) not in enum") }
        if let min = s["minimum"]?.number, let n = value.number, n < min { out.append("\(path): \(n) < \(min)") }
        if let max = s["maximum"]?.number, let n = value.number, n > max { out.append("\(path): \(n) > \(max)") }
        if let max = s["maxLength"]?.number, case .string(let str) = value, Double(str.count) > max {
            out.append("\(path): too long")
        }
        if case .object(let members) = value {
            if case .array(let required)? = s["required"] {
                for r in required.compactMap(\.string) where members[r] == nil { out.append("\(path): missing \(r)") }
            }
            let properties: [String: JSONValue] = if case .object(let p)? = s["properties"] { p } else { [:] }
            for (key, member) in members {
                if let p = properties[key] {
                    out += errors(member, p, path: "\(path).\(key)")
                } else if let additional = s["additionalProperties"] {
                    if additional == .bool(false) {
                        out.append("\(path): unexpected \(key)")
                    } else if case .object = additional {
                        out += errors(member, additional, path: "\(path).\(key)")
                    }
                }
            }
        }
        if case .array(let items) = value {
            if let min = s["minItems"]?.number, Double(items.count) < min {
                out.append("\(path): fewer than \(min) items")
            }
            if let max = s["maxItems"]?.number, Double(items.count) > max {
                out.append("\(path): more than \(max) items")
            }
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() { out += errors(item, itemSchema, path: "\(path)[\(i)]") }
            }
        }
        return out
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double),
            ("string", .string), ("array", .array), ("object", .object):
            true
        default: false
        }
    }

    /// The schema the document gives for `path`'s GET answering `status` with `contentType`.
    func responseSchema(path: String, status: Int, contentType: String) -> JSONValue? {
        guard var response = document["paths"]?[path]?["get"]?["responses"]?[String(status)] else { return nil }
        if let ref = response["$ref"]?.string, let target = resolve(ref) { response = target }
        return response["content"]?[contentType]?["schema"]
    }
}
