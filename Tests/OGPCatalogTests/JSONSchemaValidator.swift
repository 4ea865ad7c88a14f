import Foundation

/// A small JSON Schema (2020-12 subset) validator for the tests: type, properties, required,
/// additionalProperties, items, enum, pattern, minimum, minItems and `$ref` (local `#/$defs/…`
/// and sibling files). Enough for ogp's own schemas in `config/schema/`.
struct JSONSchemaValidator {
    let root: [String: Any]
    let directory: URL

    init(schemaFile: URL) throws {
        let data = try Data(contentsOf: schemaFile)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "schema", code: 1)
        }
        root = object
        directory = schemaFile.deletingLastPathComponent()
    }

    /// Returns the list of violations (empty when valid), each with its JSON path.
    func validate(_ value: Any) -> [String] {
        var errors: [String] = []
        check(value, root, path: "$", errors: &errors)
        return errors
    }

    private func check(_ value: Any, _ schema: [String: Any], path: String, errors: inout [String]) {
        if let ref = schema["$ref"] as? String {
            if ref.hasPrefix("#/$defs/"), let defs = root["$defs"] as? [String: Any],
                let target = defs[String(ref.dropFirst(8))] as? [String: Any]
            {
                check(value, target, path: path, errors: &errors)
            } else if let other = try? JSONSchemaValidator(schemaFile: directory.appendingPathComponent(ref)) {
                errors += other.validate(value).map { path + ": " + $0 }
            } else {
                errors.append("\(path): unresolvable $ref \(ref)")
            }
            return
        }
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [(types as? String) ?? ""]
            guard allowed.contains(where: { Self.matches(value, $0) }) else {
                errors.append("\(path): expected \(allowed), got \(type(of: value))")
                return
            }
        }
        if let options = schema["enum"] as? [Any] {
            if !options.contains(where: { ($0 as? NSObject)?.isEqual(value) ?? false }) {
                errors.append("\(path): \(value) not in \(options)")
            }
        }
        if let pattern = schema["pattern"] as? String, let s = value as? String {
            if s.range(of: pattern, options: .regularExpression) == nil {
                errors.append("\(path): \"\(s.prefix(60))\" does not match \(pattern)")
            }
        }
        if let minimum = schema["minimum"] as? Double, let n = value as? NSNumber, n.doubleValue < minimum {
            errors.append("\(path): \(n) < \(minimum)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing required \(key)")
            }
            for (key, child) in object {
                let childPath = "\(path).\(key)"
                if let sub = properties[key] as? [String: Any] {
                    check(child, sub, path: childPath, errors: &errors)
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool {
                        if !allowed { errors.append("\(childPath): not allowed") }
                    } else if let sub = extra as? [String: Any] {
                        check(child, sub, path: childPath, errors: &errors)
                    }
                }
            }
        }
        if let array = value as? [Any] {
            if let minItems = schema["minItems"] as? Int, array.count < minItems {
                errors.append("\(path): fewer than \(minItems) items")
            }
            if let items = schema["items"] as? [String: Any] {
                for (i, item) in array.enumerated() { check(item, items, path: "\(path)[\(i)]", errors: &errors) }
            }
        }
    }

    /// JSONSerialization gives booleans as NSNumber; their Objective-C type is `c` (char).
    private static func isBoolean(_ value: Any) -> Bool {
        if let n = value as? NSNumber { return String(cString: n.objCType) == "c" || type(of: value) == Bool.self }
        return false
    }

    private static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "null": return value is NSNull
        case "boolean":
            return isBoolean(value)
        case "integer", "number":
            guard let n = value as? NSNumber, !(value is String), !isBoolean(value) else { return false }
            return type == "number" || n.doubleValue.rounded() == n.doubleValue
        default: return false
        }
    }
}
