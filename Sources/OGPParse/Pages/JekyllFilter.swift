import OGPModel

/// The `filter:` of a `jekyll` source: keep only the posts about the subject.
///
/// A post is kept when one of its tags or categories is in `tags`, or when one of `words`
/// appears as a whole word or phrase in its title, lead or body (case and accents ignored). An
/// empty filter keeps everything. Drafts are filtered like the rest (they stay flagged).
public struct JekyllFilter: Codable, Sendable, Hashable {
    /// Tags or categories to keep (case and accents ignored).
    public var tags: [String]
    /// Words or phrases to look for in the title, lead and body.
    public var words: [String]

    /// A filter keeping posts with one of `tags` or one of `words`.
    public init(tags: [String] = [], words: [String] = []) {
        self.tags = tags
        self.words = words
    }

    /// From source options `filter.tags` and `filter.words` (comma-separated).
    public init(options: [String: String]) {
        func list(_ key: String) -> [String] {
            (options[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        self.init(tags: list("filter.tags"), words: list("filter.words"))
    }

    /// True when the filter keeps everything.
    public var isEmpty: Bool { tags.isEmpty && words.isEmpty }

    /// Whether `record` passes the filter.
    public func accepts(_ record: Record) -> Bool {
        if isEmpty { return true }
        let wanted = Set(tags.map(TextFolding.fold))
        if (record.tags + record.themes).contains(where: { wanted.contains(TextFolding.fold($0)) }) { return true }
        guard !words.isEmpty else { return false }
        let text = " " + Self.wordsOnly([record.title, record.summary ?? "", record.body ?? ""].joined(separator: " ")) + " "
        return words.contains { text.contains(" " + Self.wordsOnly($0) + " ") }
    }

    /// Folded text with every non-alphanumeric run turned into one space.
    static func wordsOnly(_ s: String) -> String {
        var out = ""
        var space = false
        for c in TextFolding.fold(s) {
            if c.isLetter || c.isNumber {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.append(c)
            } else {
                space = true
            }
        }
        return out
    }
}
