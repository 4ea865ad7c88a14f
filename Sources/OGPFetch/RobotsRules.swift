import Foundation

/// Parsed robots.txt rules for one user agent (RFC 9309, plus `Crawl-delay`).
public struct RobotsRules: Sendable, Hashable {
    /// One `Allow`/`Disallow` line.
    struct Rule: Sendable, Hashable {
        var allow: Bool
        var pattern: String
    }

    var rules: [Rule]
    /// `Crawl-delay` of the matching group, in seconds.
    public var crawlDelay: Double?

    /// Allows everything (no robots.txt, or a 4xx).
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)
    /// Disallows everything (robots.txt answered 5xx).
    public static let disallowAll = RobotsRules(rules: [Rule(allow: false, pattern: "/")], crawlDelay: nil)

    /// Parses `text` for the agent whose product token is `agent` (e.g. `ogp`): the group
    /// naming it wins, else the `*` group.
    public init(parsing text: String, agent: String) {
        let token = agent.lowercased()
        var specific: (rules: [Rule], delay: Double?)?
        var wildcard: (rules: [Rule], delay: Double?)?
        var groupAgents: [String] = []
        var groupRules: [Rule] = []
        var groupDelay: Double?
        var inRules = false

        func closeGroup() {
            guard !groupAgents.isEmpty else { return }
            if groupAgents.contains(where: { $0 != "*" && token.hasPrefix($0) }) {
                specific = ((specific?.rules ?? []) + groupRules, groupDelay ?? specific?.delay)
            } else if groupAgents.contains("*") {
                wildcard = ((wildcard?.rules ?? []) + groupRules, groupDelay ?? wildcard?.delay)
            }
            groupAgents = []
            groupRules = []
            groupDelay = nil
        }

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if inRules { closeGroup(); inRules = false }
                groupAgents.append(value.lowercased())
            case "allow", "disallow":
                inRules = true
                if !value.isEmpty { groupRules.append(Rule(allow: key == "allow", pattern: value)) }
            case "crawl-delay":
                inRules = true
                groupDelay = Double(value)
            default:
                continue
            }
        }
        closeGroup()
        let chosen = specific ?? wildcard
        self.init(rules: chosen?.rules ?? [], crawlDelay: chosen?.delay)
    }

    init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Whether `path` (path and query of the URL) may be fetched: the longest matching rule
    /// wins, `Allow` on a tie; no match allows.
    public func allows(_ path: String) -> Bool {
        if path == "/robots.txt" { return true }
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            if let current = best {
                if rule.pattern.count > current.pattern.count
                    || (rule.pattern.count == current.pattern.count && rule.allow)
                {
                    best = rule
                }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// Pattern match with `*` (any run) and a trailing `$` (end of path).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Substring(pattern)
        let anchored = pattern.hasSuffix("$")
        if anchored { pattern = pattern.dropLast() }
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
        var rest = Substring(path)
        for (index, piece) in pieces.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if index == pieces.count - 1 && anchored {
                return rest.hasSuffix(piece)
            } else if let range = rest.range(of: piece) {
                rest = rest[range.upperBound...]
            } else {
                return false
            }
        }
        return !anchored || rest.isEmpty
    }
}
