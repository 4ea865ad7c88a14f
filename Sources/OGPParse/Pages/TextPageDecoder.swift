import Foundation
import OGPModel

/// Decodes a plain-text capture of a page (a `.txt` scrape such as the DITP page) into a
/// `publication` record: the first line is the title (or the `title:` of a front matter, when the
/// capture is a Markdown file), the rest goes through ``TextNormalizer``
/// (lone `-` lines, headings lost in the scrape, become paragraph breaks; bullets become `- `).
///
/// The record's id is the page URL (`context.url`), a URI, so that the same page captured as
/// HTML or as text is one record. `context.options["date"]`, when set, is the publication date.
public enum TextPageDecoder {
    /// The parser name and version written into provenance.
    public static let parser = "text-page"
    /// See ``parser``.
    public static let version = "1"
    /// Largest capture read, in bytes.
    public static let maxBytes = 20 * 1024 * 1024

    /// Decodes the capture; the item is `context.url`.
    public static func decode(_ data: Data, context: ParseContext) -> ItemResult {
        let item = context.url
        guard data.count <= maxBytes else {
            return .failed(
                ParseError(.tooLarge, "page is \(data.count) bytes, more than \(maxBytes)").failure(
                    item: item, url: item))
        }
        let text: String
        switch UTF8Check.decode(data) {
        case .success(let s): text = s
        case .failure(let e): return .failed(e.failure(item: item, url: item))
        }
        // A capture of a Markdown file (a Jekyll post saved as text) names its title and date in
        // its front matter: the first line would be `---`.
        let front = try? FrontMatter.parse(text)
        let frontTitle = front?.value("title")?.scalar.map { TextFolding.collapseWhitespace($0.string) }
        let normalized = TextNormalizer.normalize(front?.body ?? text)
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let title: String
        if let frontTitle, !frontTitle.isEmpty {
            title = frontTitle
        } else {
            guard let first = lines.firstIndex(where: { !$0.isEmpty }) else {
                return .failed(ParseError(.missingField, "the page holds no text").failure(item: item, url: item))
            }
            title = String(lines[first])
            lines.removeSubrange(...first)
        }
        let body = TextNormalizer.normalize(lines.joined(separator: "\n"))
        var dates = RecordDates()
        if let d = context.options["date"] ?? front?.value("date")?.scalar?.string {
            dates.published = ISODate.normalize(d)
        }
        return .parsed(
            item: item,
            records: [
                Record(
                    id: RecordID(kind: .publication, namespace: context.source, remoteID: context.itemKey),
                    kind: .publication,
                    title: title, body: body.isEmpty ? nil : body, dates: dates, url: context.url,
                    references: urls(in: body),
                    provenance: [context.provenance(item: item, parser: parser, version: version)])
            ])
    }

    /// `http(s)://…` URLs written in the text, in order, without duplicates.
    static func urls(in text: String) -> [String] {
        var refs = LinkList()
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) {
            guard let r = word.range(of: "http://") ?? word.range(of: "https://") else { continue }
            var url = String(word[r.lowerBound...])
            while let last = url.last, ".,;:)»".contains(last) { url.removeLast() }
            refs.add(url)
        }
        return refs.items
    }
}
