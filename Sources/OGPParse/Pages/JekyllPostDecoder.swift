import Foundation
import OGPModel
import Yams

/// Decodes one Jekyll post (a Markdown file with YAML front matter) into a `publication` record.
///
/// Front matter: `title` (multi-line, `''` or `\n` escapes), `date` (kept as text, normalised
/// to ISO 8601), `published: false` (a draft: kept and flagged), `categories` (→ themes), `tags`,
/// `chapeau-text` (the lead → summary; may hold Markdown or HTML); other keys (`une-ou-diaporama`,
/// `communique_file`, `files`, `auteur`, unknown ones) are kept as extras. The body is turned into
/// plain text by ``MarkdownText``; link targets become the record's references.
///
/// A broken front matter (unterminated, invalid YAML, an alias bomb), invalid UTF-8 or an
/// oversized file gives a failed item naming the file, the line and the reason.
public enum JekyllPostDecoder {
    /// The parser name and version written into provenance.
    public static let parser = "jekyll-post"
    /// See ``parser``.
    public static let version = "1"
    /// Largest post read, in bytes.
    public static let maxBytes = 8 * 1024 * 1024

    /// Front matter keys mapped to record fields (everything else goes to extras).
    static let mappedKeys: Set<String> = ["title", "date", "published", "categories", "tags", "chapeau-text"]

    /// Decodes the file at `path` (its path within the source, the record's remote id).
    /// `context.options["baseURL"]`, when set, resolves relative links (`/uploads/…`);
    /// `context.options["permalink"]` (`https://site/:collection/:slug/`), when set, gives the
    /// record's `url`, else it is `context.url`.
    /// `site`, the site's `_config.yml` when it has one, gives the public URL Jekyll would
    /// publish the post at (after the `permalink` option, before `context.url`).
    public static func decode(_ data: Data, path: String, context: ParseContext, site: JekyllSite? = nil) -> ItemResult {
        do {
            return .parsed(item: path, records: [try record(data, path: path, context: context, site: site)])
        } catch {
            return .failed(error.failure(item: path, url: context.url))
        }
    }

    static func record(_ data: Data, path: String, context: ParseContext, site: JekyllSite? = nil) throws(ParseError)
        -> Record
    {
        guard data.count <= maxBytes else {
            throw ParseError(.tooLarge, "post is \(data.count) bytes, more than \(maxBytes)")
        }
        let text: String
        switch UTF8Check.decode(data) {
        case .success(let s): text = s.replacingOccurrences(of: "\r\n", with: "\n")
        case .failure(let e): throw e
        }
        let fm = try FrontMatter.parse(text)
        let baseURL = context.options["baseURL"] ?? site.map { $0.url + $0.baseURL + "/" }
        var warnings: [String] = []

        var title = TextFolding.collapseWhitespace(fm.value("title")?.scalar?.string ?? "")
        if title.isEmpty {
            title = slug(of: path)
            warnings.append("no title in front matter: the file name is used")
        }
        var dates = RecordDates()
        var extras: [String: String] = [:]
        if let raw = fm.value("date")?.scalar?.string, !raw.isEmpty {
            if let iso = ISODate.normalize(raw), let d = ISODate.parse(raw), ISODate.isPlausible(d) {
                dates.published = iso
            } else {
                extras["date"] = raw
                warnings.append("date `\(raw)` is not a plausible date: kept raw in extras")
            }
        } else if let fromName = dateFromFileName(path) {
            dates.published = fromName
        }
        let draft =
            fm.value("published")?.scalar.map { ["false", "no", "off"].contains($0.string.lowercased()) } ?? false

        var refs = LinkList(base: baseURL)
        var summary: String?
        if let lead = fm.value("chapeau-text")?.text(), !lead.isEmpty {
            let converted = MarkdownText.convert(lead, baseURL: baseURL)
            summary = TextFolding.collapseWhitespace(converted.text)
            refs.add(contentsOf: converted.references)
        }
        let body = MarkdownText.convert(fm.body, baseURL: baseURL)
        refs.add(contentsOf: body.references)
        for (key, value) in fm.fields where !mappedKeys.contains(key) {
            extras[key] = value.text()
        }
        return Record(
            id: RecordID(kind: .publication, namespace: context.source, remoteID: path),
            kind: .publication, title: title, summary: summary, body: body.text.isEmpty ? nil : body.text,
            dates: dates, tags: fm.value("tags")?.strings ?? [], themes: fm.value("categories")?.strings ?? [],
            url: pageURL(path: path, context: context, site: site, frontMatter: fm, published: dates.published),
            draft: draft, warnings: warnings, references: refs.items,
            extras: extras,
            provenance: [context.provenance(item: path, parser: parser, version: version)])
    }

    /// The post's public URL: from the `permalink` option's pattern, else as the site's
    /// `_config.yml` makes it, else the file's URL.
    static func pageURL(
        path: String, context: ParseContext, site: JekyllSite? = nil, frontMatter fm: FrontMatter? = nil,
        published: String? = nil
    ) -> String {
        guard let pattern = context.options["permalink"] else {
            let categories = (fm?.value("categories")?.strings ?? []) + (fm?.value("category")?.strings ?? [])
            return site?.permalink(
                path: path, frontMatter: fm?.value("permalink")?.scalar?.string, slug: fm?.value("slug")?.scalar?.string,
                day: writtenDay(fm?.value("date")?.scalar?.string) ?? dateFromFileName(path)
                    ?? published.map { String($0.prefix(10)) }, categories: categories) ?? context.url
        }
        let dir = path.split(separator: "/").dropLast().last.map(String.init) ?? ""
        let collection = dir.hasPrefix("_") ? String(dir.dropFirst()) : dir
        return pattern.replacingOccurrences(of: ":collection", with: collection).replacingOccurrences(
            of: ":slug", with: slug(of: path))
    }

    /// `2015-07-17` from a front matter date as written (`2015-07-17 00:30:00 +02:00`), without
    /// converting it to UTC.
    static func writtenDay(_ raw: String?) -> String? {
        guard let raw, raw.count >= 10 else { return nil }
        let prefix = String(raw.prefix(10))
        return ISODate.parse(prefix) != nil ? prefix : nil
    }

    /// The file name without directory, Jekyll date prefix and extension.
    static func slug(of path: String) -> String {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        if let dot = name.lastIndex(of: ".") { name = name[..<dot] }
        if dateFromFileName(path) != nil { name = name.dropFirst(11) }
        return String(name)
    }

    /// `2015-07-17` from `_posts/2015-07-17-slug.md`.
    static func dateFromFileName(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.count > 11 else { return nil }
        let prefix = String(name.prefix(10))
        return ISODate.parse(prefix) != nil && name.dropFirst(10).first == "-" ? prefix : nil
    }
}

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
            (options[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
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
        let text =
            " " + Self.wordsOnly([record.title, record.summary ?? "", record.body ?? ""].joined(separator: " ")) + " "
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
