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
    /// `context.options["baseURL"]`, when set, resolves relative links (`/uploads/…`).
    public static func decode(_ data: Data, path: String, context: ParseContext) -> ItemResult {
        do {
            return .parsed(item: path, records: [try record(data, path: path, context: context)])
        } catch {
            return .failed(error.failure(item: path, url: context.url))
        }
    }

    static func record(_ data: Data, path: String, context: ParseContext) throws(ParseError) -> Record {
        guard data.count <= maxBytes else {
            throw ParseError(.tooLarge, "post is \(data.count) bytes, more than \(maxBytes)")
        }
        let text: String
        switch UTF8Check.decode(data) {
        case .success(let s): text = s.replacingOccurrences(of: "\r\n", with: "\n")
        case .failure(let e): throw e
        }
        let fm = try FrontMatter.parse(text)
        let baseURL = context.options["baseURL"]
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
        let draft = fm.value("published")?.scalar.map { ["false", "no", "off"].contains($0.string.lowercased()) } ?? false

        var refs = ReferenceList()
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
            url: context.url, draft: draft, warnings: warnings, references: refs.items, extras: extras,
            provenance: [context.provenance(item: path, parser: parser, version: version)])
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
