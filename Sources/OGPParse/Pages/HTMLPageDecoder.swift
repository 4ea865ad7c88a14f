import Foundation
import OGPModel

/// Decodes an HTML page into `publication` records with libxml2 (see ``HTMLDocument``).
///
/// Without rules, the page's main content (`main`, `[role=main]`, `article`, `#content`, else
/// `body`) is one record, with navigation, header, footer, scripts, styles, forms and cookie
/// banners left out. With ``ExtractionRules``, the XPath expressions select items and fields.
/// Limits: pages over ``maxBytes`` are a failed item; nesting is walked iteratively (libxml2
/// itself caps depth), so 10,000 nested `div`s neither crash nor hang. Invalid UTF-8 is
/// replaced and the record is marked partial, with the offset in a warning.
public enum HTMLPageDecoder {
    /// The parser name and version written into provenance.
    public static let parser = "html-page"
    /// See ``parser``.
    public static let version = "1"
    /// Largest page read, in bytes.
    public static let maxBytes = 20 * 1024 * 1024
    /// Most items read from one listing page.
    public static let maxItems = 10_000

    static let droppedTags: Set<String> = [
        "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form", "button", "svg",
        "select",
    ]
    static let droppedMarkers = [
        "cookie", "consent", "tarteaucitron", "gdpr", "rgpd", "breadcrumb", "skip-link", "skiplink",
    ]

    /// Nesting depth at which libxml2's parser stops (`xmlParserMaxDepth`, 256) minus a margin.
    static let depthLimit = 250

    /// Decodes the page fetched from `context.url`.
    public static func decode(_ data: Data, context: ParseContext, rules: ExtractionRules?) -> [ItemResult] {
        let item = context.url
        guard data.count <= maxBytes else {
            return [
                .failed(
                    ParseError(.tooLarge, "page is \(data.count) bytes, more than \(maxBytes)").failure(
                        item: item, url: item))
            ]
        }
        var bytes = [UInt8](data)
        var warnings: [String] = []
        if String(validating: bytes, as: UTF8.self) == nil {
            let offset = UTF8Check.firstInvalidOffset(bytes)
            warnings.append("invalid UTF-8 from byte \(offset): replaced by U+FFFD")
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        do {
            let doc = try HTMLDocument(bytes: bytes, url: context.url)
            if doc.depth() >= depthLimit {
                warnings.append(
                    "markup nested \(depthLimit) levels deep or more: libxml2 stops reading deeper content, some may be missing"
                )
            }
            if let rules, let itemPath = rules.item {
                let nodes = try doc.select(itemPath)
                if nodes.count > maxItems { warnings.append("\(nodes.count) items: only the first \(maxItems) read") }
                var results: [ItemResult] = []
                for (n, node) in nodes.prefix(maxItems).enumerated() {
                    let r = try record(doc, at: node, index: n + 1, rules: rules, context: context, warnings: warnings)
                    let name = r.url.flatMap { $0 == context.url ? nil : $0 } ?? "\(item)#\(n + 1)"
                    results.append(.parsed(item: name, records: [r]))
                }
                return results
            }
            let main = try mainContent(doc)
            guard let main else { throw ParseError(.invalidHTML, "the page has no content") }
            let r = try record(
                doc, at: main, index: nil, rules: rules ?? ExtractionRules(), context: context, warnings: warnings)
            if r.body == nil, r.partial {
                throw ParseError(.tooDeep, "the page gives no text: " + r.warnings.joined(separator: "; "))
            }
            return [.parsed(item: item, records: [r])]
        } catch let error as ParseError {
            return [.failed(error.failure(item: item, url: item))]
        } catch {
            return [
                .failed(
                    ItemFailure(item: item, url: item, code: ParseError.Code.invalidHTML.rawValue, reason: "\(error)"))
            ]
        }
    }

    static func mainContent(_ doc: HTMLDocument) throws(ParseError) -> HTMLDocument.Node? {
        for xpath in [
            "//main", "//*[@role='main']", "//article", "//*[@id='content' or @id='main' or @id='main-content']",
            "//body",
        ] {
            if let n = try doc.select(xpath).first { return n }
        }
        return doc.root
    }

    static func isDropped(_ doc: HTMLDocument, _ node: HTMLDocument.Node) -> Bool {
        if droppedTags.contains(doc.name(node)) { return true }
        let marks = ((doc.attribute("id", of: node) ?? "") + " " + (doc.attribute("class", of: node) ?? ""))
            .lowercased()
        return droppedMarkers.contains { marks.contains($0) }
    }

    static func record(
        _ doc: HTMLDocument, at node: HTMLDocument.Node, index: Int?, rules: ExtractionRules, context: ParseContext,
        warnings: [String]
    ) throws(ParseError) -> Record {
        let skip: (HTMLDocument.Node) -> Bool = { isDropped(doc, $0) }
        func first(_ xpath: String?) throws(ParseError) -> String? {
            guard let xpath, let n = try doc.select(xpath, at: node).first else { return nil }
            let t = TextFolding.collapseWhitespace(doc.text(of: n, skip: skip).text)
            return t.isEmpty ? nil : t
        }
        func firstOf(_ xpaths: [String]) throws(ParseError) -> String? {
            for x in xpaths { if let v = try first(x) { return v } }
            return nil
        }
        var warnings = warnings
        let isPage = index == nil
        var title = try first(rules.title)
        if title == nil, isPage {
            // The page's own heading, not the site's: sites put their name in an <h1> of the header
            // or menu (mdBook, many CMS themes), so an <h1> in <main>/<article> comes first, then
            // one outside header and nav, then <title> (which names the page), then any <h1>.
            title = try firstOf([
                "//meta[@property='og:title']/@content",
                "(//main//h1|//article//h1|//*[@role='main']//h1)",
                "//h1[not(ancestor::header) and not(ancestor::nav) and not(ancestor::*[@role='banner'])]",
                "//title", "//h1",
            ])
        } else if title == nil {
            title = try first(".//h1|.//h2|.//h3")
        }
        var refs = LinkList(base: context.url)
        var bodyParts: [String] = []
        var bodyNodes = [node]
        if let x = rules.body { bodyNodes = try doc.select(x, at: node) }
        for n in bodyNodes {
            let t = doc.text(of: n, base: context.url, skip: skip)
            bodyParts.append(t.text)
            refs.add(contentsOf: t.references)
        }
        var rawDate = try first(rules.date)
        if rawDate == nil, isPage {
            rawDate = try firstOf(["//meta[@property='article:published_time']/@content", "//time/@datetime"])
        }
        var dates = RecordDates()
        if let rawDate {
            if let iso = ISODate.normalize(rawDate) ?? FrenchDate.parse(rawDate) {
                dates.published = iso
            } else {
                warnings.append("date `\(rawDate)` not understood")
            }
        }
        let link = try first(rules.link).map { URLResolver.resolve($0, against: context.url) }
        let url = link ?? context.url
        let remoteID = link ?? (index.map { "item-\($0)@\(context.itemKey)" } ?? context.itemKey)
        var tags: [String] = []
        if let x = rules.tags {
            tags = try doc.select(x, at: node).map { TextFolding.collapseWhitespace(doc.text(of: $0).text) }.filter {
                !$0.isEmpty
            }
        }
        if title == nil { warnings.append("no title found") }
        var summary = try first(rules.summary)
        if summary == nil, isPage {
            summary = try firstOf([
                "//meta[@name='description']/@content", "//meta[@property='og:description']/@content",
            ])
        }
        let body = TextNormalizer.normalize(bodyParts.joined(separator: "\n\n"))
        return Record(
            id: RecordID(kind: .publication, namespace: context.source, remoteID: remoteID), kind: .publication,
            title: title ?? url, summary: summary, body: body.isEmpty ? nil : body, dates: dates, tags: tags,
            url: url, partial: warnings.contains { $0.hasPrefix("invalid UTF-8") || $0.hasPrefix("markup nested") },
            warnings: warnings, references: refs.items,
            provenance: [
                context.provenance(
                    item: index.map { "\(context.url)#\($0)" } ?? context.url, url: url, parser: parser,
                    version: version)
            ])
    }
}

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

    /// Rules from a source's typed `rules` mapping (`value(key)`, keys as below). Nil when none is set.
    public init?(typed value: (String) -> String?) {
        func v(_ key: String) -> String? { value("xpath.\(key)") ?? value(key) }
        self.init(
            item: v("item"), title: v("title"), body: v("body"), date: v("date"), link: v("link"),
            summary: v("summary"), tags: v("tags"))
        if [item, title, body, date, link, summary, tags].allSatisfy({ $0 == nil }) { return nil }
    }

    /// Rules from a source's options: keys `item`, `title`, `body`, `date`, `link`, `summary`,
    /// `tags`, optionally prefixed with `xpath.`. Nil when none is set.
    public init?(options: [String: String]) {
        func v(_ key: String) -> String? { options["xpath.\(key)"] ?? options[key] }
        self.init(
            item: v("item"), title: v("title"), body: v("body"), date: v("date"), link: v("link"),
            summary: v("summary"), tags: v("tags"))
        if [item, title, body, date, link, summary, tags].allSatisfy({ $0 == nil }) { return nil }
    }
}

/// Dates as French pages write them: `17 décembre 2021`, `1er avril 2022`, `17/12/2021`.
enum FrenchDate {
    static let months = [
        "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
        "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    ]

    /// `YYYY-MM-DD`, or nil.
    static func parse(_ text: String) -> String? {
        let f = TextFolding.fold(text)
        if let m = f.firstMatch(of: #/(\d{1,2})/(\d{1,2})/(\d{4})/#), let d = Int(m.output.1), let mo = Int(m.output.2),
            let y = Int(m.output.3)
        {
            return format(y, mo, d)
        }
        if let m = f.firstMatch(of: #/(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})/#), let d = Int(m.output.1),
            let mo = months[String(m.output.2)], let y = Int(m.output.3)
        {
            return format(y, mo, d)
        }
        return nil
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1...12).contains(m), (1...31).contains(d), (1900...2200).contains(y) else { return nil }
        let s = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        return ISODate.parse(s) == nil ? nil : s
    }
}
