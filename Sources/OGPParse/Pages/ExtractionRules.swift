/// Per-source XPath rules for structured HTML pages, from the configuration.
///
/// Without `item`, the page is one record; with it, every node it selects is one record and
/// the other expressions are evaluated relative to that node (`.//h2`, `./@data-date`).
public struct ExtractionRules: Codable, Sendable, Hashable {
    /// Selects the items of a listing page (`//article[contains(@class,'actualite')]`).
    public var item: String?
    /// The title (first node's text).
    public var title: String?
    /// The body (the selected nodes' text, in order).
    public var body: String?
    /// The publication date (an ISO date or `JJ/MM/AAAA`, `17 décembre 2021`).
    public var date: String?
    /// The item's own link (`.//a/@href`): its record id when present.
    public var link: String?
    /// The lead.
    public var summary: String?
    /// Tags (every selected node's text).
    public var tags: String?

    /// Rules from XPath expressions; nil fields use the defaults.
    public init(
        item: String? = nil, title: String? = nil, body: String? = nil, date: String? = nil,
        link: String? = nil, summary: String? = nil, tags: String? = nil
    ) {
        self.item = item
        self.title = title
        self.body = body
        self.date = date
        self.link = link
        self.summary = summary
        self.tags = tags
    }

    /// Rules from a source's options: keys `item`, `title`, `body`, `date`, `link`, `summary`,
    /// `tags`, optionally prefixed with `xpath.`. Nil when none is set.
    public init?(options: [String: String]) {
        func v(_ key: String) -> String? { options["xpath.\(key)"] ?? options[key] }
        self.init(item: v("item"), title: v("title"), body: v("body"), date: v("date"), link: v("link"), summary: v("summary"), tags: v("tags"))
        if [item, title, body, date, link, summary, tags].allSatisfy({ $0 == nil }) { return nil }
    }
}
