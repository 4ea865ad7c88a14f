import Foundation
import Yams

/// Reads a YAML configuration, checking every key: unknown keys and kinds are errors that name
/// the file, the line and the key.
struct ConfigLoader {
    let path: String
    static let topKeys: [String: ConfigValueType] = [
        "data_dir": .string, "user_agent": .string, "contact": .string, "run_time_limit": .int,
        "plans": .string, "sources": .any, "title": .string, "description": .string, "publisher": .string,
        "store": .string,
    ]

    func load() throws(ConfigError) -> Configuration {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError(.missingFile, "configuration file not found; pass --config FILE", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ConfigError(.unreadable, "cannot read the configuration file as UTF-8 text", file: path)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(.invalidYAML, "invalid YAML", file: path, line: Self.line(of: error), cause: "\(error)")
        } catch {
            throw ConfigError(.invalidYAML, "invalid YAML", file: path, cause: "\(error)")
        }
        guard let root, let mapping = root.mapping else {
            throw ConfigError(
                .invalidValue, "the configuration must be a mapping with a `sources:` list", file: path, line: 1)
        }
        let baseDir = URL(fileURLWithPath: path).deletingLastPathComponent()
        var config = Configuration(file: path)
        var sourcesNode: Node?
        var sourcesLine: Int?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard let type = Self.topKeys[key] else {
                throw ConfigError(
                    .unknownKey,
                    UnknownKeyMessage.make(key, known: Self.topKeys.keys),
                    file: path, line: keyNode.mark?.line, key: key)
            }
            if key == "sources" { sourcesNode = value; sourcesLine = keyNode.mark?.line; continue }
            let v = try convert(value, key: key)
            try check(v, type, key: key, node: value)
            switch key {
            case "data_dir": config.dataDir = v.string.map { resolvePath($0, base: baseDir) }
            case "user_agent": config.userAgent = v.string
            case "contact": config.contact = v.string
            case "run_time_limit":
                guard let seconds = v.int, Configuration.runTimeLimitRange.contains(seconds) else {
                    let r = Configuration.runTimeLimitRange
                    throw ConfigError(
                        .invalidValue,
                        "`run_time_limit` must be between \(r.lowerBound) and \(r.upperBound) (seconds for a whole harvest)",
                        file: path, line: value.mark?.line, key: key)
                }
                config.runTimeLimit = seconds
            case "plans": config.plansFile = v.string.map { resolvePath($0, base: baseDir) }
            case "store":
                // The same forms as OGPCatalog's StoreLocation.parse.
                guard let url = v.string,
                    url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url == "sqlite"
                        || (url.hasPrefix("sqlite:") && url.count > 7)
                else {
                    throw ConfigError(
                        .invalidValue, "`store` is postgres://user@host:port/database, sqlite or sqlite:PATH",
                        file: path, line: value.mark?.line, key: key)
                }
                config.store = url
            default: break
            }
        }
        guard let sourcesNode else {
            throw ConfigError(.missingKey, "missing `sources:` list", file: path, line: root.mark?.line, key: "sources")
        }
        guard let list = sourcesNode.sequence else {
            // Present but of the wrong type: say so, on its own line (not "missing" on line 1).
            let found =
                switch sourcesNode {
                case .mapping: "a mapping"
                case .scalar(let s) where s.string.isEmpty || s.string == "~" || s.string == "null": "nothing"
                case .scalar: "a single value"
                default: "something else"
                }
            throw ConfigError(
                .invalidValue, "`sources:` must be a list of sources (`- name: …` entries), found \(found)",
                file: path, line: sourcesLine, key: "sources")
        }
        var names = Set<String>()
        for entry in list {
            let source = try loadSource(entry, baseDir: baseDir)
            guard names.insert(source.name).inserted else {
                throw ConfigError(
                    .duplicateName, "two sources are named `\(source.name)`", file: path, line: source.line, key: "name"
                )
            }
            config.sources.append(source)
        }
        return config
    }

    private func loadSource(_ node: Node, baseDir: URL) throws(ConfigError) -> SourceConfig {
        let line = node.mark?.line
        guard let mapping = node.mapping else {
            throw ConfigError(
                .invalidValue, "each source must be a mapping with name, kind and url", file: path, line: line)
        }
        var values: [String: ConfigValue] = [:]
        var lines: [String: Int] = [:]
        var nodes: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            values[key] = try convert(value, key: key)
            lines[key] = keyNode.mark?.line
            nodes[key] = value
        }
        guard let kindName = values["kind"]?.string else {
            throw ConfigError(.missingKey, "source has no `kind`", file: path, line: line, key: "kind")
        }
        guard let kind = SourceKind(rawValue: kindName) else {
            let kinds = SourceKind.allCases.map(\.rawValue)
            let near = UnknownKeyMessage.closest(to: kindName, in: kinds).map { " did you mean `\($0)`?" } ?? ""
            throw ConfigError(
                .unknownKind,
                "unknown source kind `\(kindName)`;\(near) known kinds: \(kinds.joined(separator: ", "))", file: path,
                line: lines["kind"], key: "kind")
        }
        let allowed = kind.allOptions
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let spec = allowed[key] else {
                throw ConfigError(
                    .unknownKey,
                    UnknownKeyMessage.make(key, known: allowed.keys, context: " for a \(kind.rawValue) source"),
                    file: path, line: lines[key], key: key)
            }
            if let problem = spec.problem(with: value) {
                throw ConfigError(.invalidValue, problem, file: path, line: nodes[key]?.mark?.line, key: key)
            }
        }
        guard let name = values["name"]?.string, !name.isEmpty else {
            throw ConfigError(.missingKey, "source has no `name`", file: path, line: line, key: "name")
        }
        guard let rawURL = values["url"]?.string else {
            throw ConfigError(.missingKey, "source `\(name)` has no `url`", file: path, line: line, key: "url")
        }
        let url = try resolveURL(rawURL, base: baseDir, line: lines["url"])
        return SourceConfig(
            name: name, kind: kind, url: url, enabled: values["enabled"]?.bool ?? true, line: line, options: values)
    }

    private func resolveURL(_ raw: String, base: URL, line: Int?) throws(ConfigError) -> String {
        let lower = raw.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file:///") { return raw }
        if lower.hasPrefix("file:") {
            let relative = String(raw.dropFirst(5))
            return URL(fileURLWithPath: resolvePath(relative, base: base)).absoluteString
        }
        throw ConfigError(
            .invalidValue, "`url` must be http(s):// or file: (got `\(raw)`)", file: path, line: line, key: "url")
    }

    private func resolvePath(_ p: String, base: URL) -> String {
        let expanded = (p as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return base.appendingPathComponent(expanded).standardizedFileURL.path
    }

    private func check(_ value: ConfigValue, _ type: ConfigValueType, key: String, node: Node?) throws(ConfigError) {
        guard type.accepts(value) else {
            throw ConfigError(.invalidValue, "`\(key)` must be \(type)", file: path, line: node?.mark?.line, key: key)
        }
    }

    private func convert(_ node: Node, key: String) throws(ConfigError) -> ConfigValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let b = node.bool, ["true", "false", "yes", "no"].contains(scalar.string.lowercased()) {
                    return .bool(b)
                }
                if let i = node.int { return .int(i) }
            }
            return .string(scalar.string)
        case .sequence(let seq):
            var out: [ConfigValue] = []
            for item in seq { out.append(try convert(item, key: key)) }
            return .list(out)
        case .mapping(let mapping):
            var out: [String: ConfigValue] = [:]
            for (k, v) in mapping { out[k.string ?? ""] = try convert(v, key: key) }
            return .map(out)
        case .alias:
            throw ConfigError(
                .invalidValue, "YAML aliases are not allowed in the configuration", file: path, line: node.mark?.line,
                key: key)
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}
