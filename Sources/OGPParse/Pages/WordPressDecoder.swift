import Foundation
import OGPModel

/// Decodes WordPress REST API v2 responses (`/wp-json/wp/v2/posts`, `/pages`, one post) into
/// `publication` records.
///
/// - `title`, `content`, `excerpt` (`.rendered` HTML with entities) become plain text;
///   qTranslate-X markers in all their forms are split: the French text is the record's, the
///   English one its `translations["en"]`;
/// - the record id is the URI `https://<canonical host>/?p=<id>`: a `preprod.` link, a `www.`
///   link and the `guid` give the same record; `url` is the link on the public host;
/// - a truncated or invalid body (raw newlines inside strings, cut mid-content) is read by a
///   lenient reader: complete posts are kept, the post being read when the input broke becomes a
///   `partial` record with a warning giving the byte offset and the reason; nothing recoverable
///   gives one failed item. Never crashes, never loops.
public enum WordPressDecoder {
    /// The parser name and version written into provenance.
    public static let parser = "wordpress-rest"
    /// See ``parser``.
    public static let version = "1"
    /// Largest response read, in bytes.
    public static let maxBytes = 64 * 1024 * 1024

    /// Decodes a posts (or pages) response body, an array of posts or one post. `terms` maps
    /// category and tag ids to names (see ``decodeTerms(_:)``).
    public static func decodePosts(_ data: Data, context: ParseContext, terms: [Int: String]) -> [ItemResult] {
        guard data.count <= maxBytes else {
            return [
                .failed(
                    ParseError(.tooLarge, "response is \(data.count) bytes, more than \(maxBytes)")
                        .failure(item: context.url, url: context.url))
            ]
        }
        let bytes = [UInt8](data)
        let read = LenientJSON.parse(bytes)
        let brokenNote = read.brokenAt.map { at in
            "input broke at byte \(at)" + (read.brokenPath.map { " (in `\($0)`)" } ?? "") + ": "
                + (read.brokenReason ?? "invalid JSON")
        }
        let posts: [JSONValue]
        switch read.value {
        case .array(let items)?: posts = items
        case .object(let members)? where members.contains(where: { $0.key == "id" }):
            posts = [read.value].compactMap { $0 }
        case .object? where read.value?["code"] != nil:
            let message = read.value?["message"]?.string ?? read.value?["code"]?.string ?? "error"
            return [
                .failed(
                    ItemFailure(
                        item: context.url, url: context.url, code: "wordpressError",
                        reason: "WordPress answered an error: \(message)"))
            ]
        default:
            let reason = brokenNote ?? "the response is neither a list of posts nor a post"
            return [
                .failed(
                    ItemFailure(
                        item: context.url, url: context.url, offset: read.brokenAt,
                        code: ParseError.Code.invalidJSON.rawValue, reason: reason))
            ]
        }
        let invalidUTF8At = String(validating: bytes, as: UTF8.self) == nil ? UTF8Check.firstInvalidOffset(bytes) : nil
        var starts = read.elementOffsets
        if starts.isEmpty { starts = [0] }
        var results: [ItemResult] = []
        for (n, post) in posts.enumerated() {
            let start = n < starts.count ? starts[n] : 0
            let end = n + 1 < starts.count ? starts[n + 1] : bytes.count
            let rawInPost = read.rawControlOffsets.filter { $0 >= start && $0 < end }
            let brokenHere = read.brokenAt != nil && n == posts.count - 1
            var warnings: [String] = []
            if !rawInPost.isEmpty {
                warnings.append(
                    "invalid JSON: \(rawInPost.count) raw control characters (newlines) inside strings, first at byte \(rawInPost[0]); read as text"
                )
            }
            if brokenHere, let brokenNote { warnings.append(brokenNote) }
            var damaged = brokenHere
            if let bad = invalidUTF8At, bad >= start, bad < end {
                warnings.append("invalid UTF-8 from byte \(bad): replaced by U+FFFD")
                damaged = true
            }
            results.append(
                decodePost(post, index: n, context: context, terms: terms, warnings: warnings, partial: damaged))
        }
        return results
    }

    /// Decodes a `/categories` or `/tags` response: id → name (French text, entities decoded).
    /// An unreadable body gives an empty map (the posts then keep their terms as ids).
    public static func decodeTerms(_ data: Data) -> [Int: String] {
        guard data.count <= maxBytes, let items = LenientJSON.parse([UInt8](data)).value?.array else { return [:] }
        var terms: [Int: String] = [:]
        for item in items {
            guard let id = item["id"]?.int, let name = item["name"]?.string else { continue }
            terms[id] = cleanLine(HTMLEntities.decode(QTranslate.frenchAndEnglish(name).fr))
        }
        return terms
    }

    static func decodePost(
        _ post: JSONValue, index: Int, context: ParseContext, terms: [Int: String], warnings: [String], partial: Bool
    ) -> ItemResult {
        guard let id = post["id"]?.int else {
            let reason = "post #\(index + 1) has no `id`" + (warnings.last.map { "; \($0)" } ?? "")
            return .failed(
                ItemFailure(
                    item: "\(context.url)#\(index + 1)", url: context.url, code: ParseError.Code.missingField.rawValue,
                    reason: reason))
        }
        let link = post["link"]?.string
        let guid = post["guid"]?.rendered
        let remote = WordPressHost.remoteID(postID: id, link: link, guid: guid) ?? "\(id)"
        let title = QTranslate.frenchAndEnglish(post["title"]?.rendered ?? "")
        let content = QTranslate.frenchAndEnglish(post["content"]?.rendered ?? "")
        let excerpt = QTranslate.frenchAndEnglish(post["excerpt"]?.rendered ?? "")
        // WordPress turns single newlines into `<br />` (wpautop): newlines in `content.rendered` are
        // line breaks, and the only structure left when a capture stripped the opening tags.
        let body = HTMLFragmentText.convert(content.fr, keepNewlines: true, baseURL: link)
        var warnings = warnings
        var titleText = cleanLine(HTMLFragmentText.convert(title.fr).text)
        if titleText.isEmpty {
            titleText = post["slug"]?.string ?? "\(id)"
            warnings.append("no title: the slug is used")
        }
        let summary = trimExcerpt(cleanLine(HTMLFragmentText.convert(excerpt.fr).text))
        var translations: [String: Translation] = [:]
        if title.en != nil || content.en != nil {
            translations["en"] = Translation(
                title: title.en.map { cleanLine(HTMLFragmentText.convert($0).text) },
                summary: excerpt.en.map { trimExcerpt(cleanLine(HTMLFragmentText.convert($0).text)) },
                body: content.en.map { HTMLFragmentText.convert($0, keepNewlines: true, baseURL: link).text })
        }
        var extras: [String: String] = [:]
        for key in ["slug", "type", "status", "author", "featured_media"] {
            if let v = post[key] { extras[key] = v.string ?? v.int.map(String.init) }
        }
        let (tags, unknownTags) = names(post["tags"], terms)
        let (themes, unknownCategories) = names(post["categories"], terms)
        if !(unknownTags + unknownCategories).isEmpty {
            extras["unresolvedTerms"] = (unknownCategories + unknownTags).map(String.init).joined(separator: ",")
        }
        let status = post["status"]?.string ?? "publish"
        return .parsed(
            item: "\(id)",
            records: [
                Record(
                    id: RecordID(kind: .publication, namespace: context.source, remoteID: remote), kind: .publication,
                    title: titleText, summary: summary.isEmpty ? nil : summary,
                    body: body.text.isEmpty ? nil : body.text,
                    translations: translations,
                    dates: RecordDates(
                        published: date(post, "date_gmt", "date"), modified: date(post, "modified_gmt", "modified")),
                    tags: tags, themes: themes, url: WordPressHost.publicURL(link: link, guid: guid),
                    draft: status != "publish" && status != "inherit", partial: partial, warnings: warnings,
                    references: body.references, extras: extras,
                    provenance: [
                        context.provenance(item: "\(id)", url: link ?? context.url, parser: parser, version: version)
                    ])
            ])
    }

    /// A `_gmt` date read as UTC (WordPress writes it without an offset), else the local one.
    static func date(_ post: JSONValue, _ gmt: String, _ local: String) -> String? {
        if let g = post[gmt]?.string, let iso = ISODate.normalize(g) { return iso }
        return post[local]?.string.flatMap(ISODate.normalize)
    }

    static func names(_ ids: JSONValue?, _ terms: [Int: String]) -> ([String], [Int]) {
        var found: [String] = []
        var unknown: [Int] = []
        for id in ids?.array?.compactMap(\.int) ?? [] {
            if let name = terms[id] { found.append(name) } else { unknown.append(id) }
        }
        return (found, unknown)
    }

    /// Drops the `[…]` that WordPress appends to automatic excerpts.
    static func trimExcerpt(_ s: String) -> String {
        for suffix in [" […]", "[…]", " [...]"] where s.hasSuffix(suffix) {
            return String(s.dropLast(suffix.count))
        }
        return s
    }

    static func cleanLine(_ s: String) -> String {
        TextFolding.collapseWhitespace(s)
    }
}

/// Host canonicalisation for WordPress sites: a post seen through `preprod.`, `www.` or its
/// `guid` host is one post.
enum WordPressHost {
    static let stagingPrefixes = ["preprod.", "pre-prod.", "staging.", "recette.", "dev.", "www."]

    /// The host of `url`, lowercased, or nil.
    static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let host = rest[..<end].lowercased()
        return host.isEmpty ? nil : host
    }

    /// `preprod.etalab.gouv.fr`, `www.etalab.gouv.fr` → `etalab.gouv.fr`.
    static func canonical(_ host: String) -> String {
        var h = host.lowercased()
        var changed = true
        while changed {
            changed = false
            for p in stagingPrefixes where h.hasPrefix(p) && h.dropFirst(p.count).contains(".") {
                h.removeFirst(p.count)
                changed = true
            }
        }
        return h
    }

    /// The stable remote id of post `id`: `https://<canonical host>/?p=<id>` (a URI, hence a
    /// global record id), from the link's or the guid's host.
    static func remoteID(postID: Int, link: String?, guid: String?) -> String? {
        guard let host = (guid.flatMap(host(of:)) ?? link.flatMap(host(of:))) else { return nil }
        return "https://\(canonical(host))/?p=\(postID)"
    }

    /// The post's public URL: the link with a staging host replaced by the guid's host (or by
    /// the canonical host when the guid has none).
    static func publicURL(link: String?, guid: String?) -> String? {
        guard let link, let linkHost = host(of: link) else { return guid }
        let isStaging = stagingPrefixes.dropLast().contains { linkHost.hasPrefix($0) }
        guard isStaging, let r = link.range(of: linkHost, options: .caseInsensitive) else { return link }
        var replacement = canonical(linkHost)
        if let g = guid.flatMap(host(of:)), canonical(g) == replacement { replacement = g }
        return link.replacingCharacters(in: r, with: replacement)
    }
}
