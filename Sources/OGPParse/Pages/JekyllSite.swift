import Foundation
import Yams

/// What a Jekyll site's `_config.yml` says about its public URLs: `url`, `baseurl`, the site-wide
/// `permalink` (for `_posts`) and each collection's `permalink` and `output`.
///
/// A post read from a clone or a folder has no public address of its own; Jekyll computes it
/// from these settings, and so does ogp (``permalink(path:frontMatter:slug:day:categories:)``), so
/// that search results link to the site rather than to files on the harvesting machine.
public struct JekyllSite: Sendable, Hashable {
    /// `https://www.example.fr` (no trailing slash).
    public var url: String
    /// `/blog` or empty.
    public var baseURL: String
    /// The site-wide pattern for posts (a style name or a pattern), Jekyll's `date` when unset.
    public var postPermalink: String
    /// Declared collections by name (without `_`): whether they have pages, and their pattern.
    public var collections: [String: Collection]
    /// `collections_dir`, where collection folders live (empty: the site root).
    public var collectionsDirectory: String

    /// One entry of `collections:`.
    public struct Collection: Sendable, Hashable {
        /// `output: true`: Jekyll writes a page per document.
        public var output: Bool
        /// The collection's `permalink`, when set.
        public var permalink: String?
    }

    /// Largest `_config.yml` read, in bytes (real ones are a few KB).
    public static let maxBytes = 256 * 1024

    /// Reads `_config.yml`. Nil when it names no `url` (then there is no public address to
    /// build, and the caller keeps the file's own URL); an error when its `url` is not absolute.
    public static func decode(_ data: Data) throws(ParseError) -> JekyllSite? {
        guard data.count <= maxBytes else {
            throw ParseError(.tooLarge, "_config.yml is \(data.count) bytes, more than \(maxBytes)")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard FrontMatter.countAliases(text) <= FrontMatter.maxAliases else {
            throw ParseError(.invalidYAML, "_config.yml holds too many YAML aliases: refused as a possible alias bomb")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ParseError(.invalidYAML, "invalid YAML in _config.yml", cause: "\(error)")
        }
        guard case .mapping(let map)? = root else { return nil }
        func string(_ key: String, in m: Node.Mapping) -> String? {
            m[key]?.scalar.map(\.string).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let url = string("url", in: map) else { return nil }
        // A site name without its scheme (`www.site.fr`) is a mistake Jekyll would copy into
        // every link: said, rather than silently leaving the posts with their files' URLs.
        guard let parsed = URL(string: url), parsed.scheme != nil, parsed.host != nil else {
            throw ParseError(.invalidYAML, "_config.yml's url `\(url)` is not an absolute URL (https://…)")
        }
        var site = JekyllSite(
            url: String(url.trimmingSuffix("/")), baseURL: String((string("baseurl", in: map) ?? "").trimmingSuffix("/")),
            postPermalink: string("permalink", in: map) ?? "date", collections: [:],
            collectionsDirectory: String((string("collections_dir", in: map) ?? "").trimmingSuffix("/")))
        if !site.baseURL.isEmpty, !site.baseURL.hasPrefix("/") { site.baseURL = "/" + site.baseURL }
        // `collections:` is a mapping of settings, or a plain list of names (output false).
        switch map["collections"] {
        case .mapping(let declared)?:
            for (key, value) in declared {
                guard let name = key.string else { continue }
                var c = Collection(output: false, permalink: nil)
                if case .mapping(let settings) = value {
                    c.permalink = string("permalink", in: settings)
                    c.output = string("output", in: settings).map { ["true", "yes", "on"].contains($0.lowercased()) } ?? false
                }
                site.collections[name] = c
            }
        case .sequence(let names)?:
            for name in names.compactMap(\.string) { site.collections[name] = Collection(output: false, permalink: nil) }
        default:
            break
        }
        return site
    }

    /// The public URL of the document at `path` (relative to the site root), as Jekyll builds it:
    /// the front matter's `permalink` first, then its collection's, then (for `_posts`) the
    /// site's. Nil for a collection without output (or without a configured pattern, which Jekyll
    /// outputs only when told to), for files outside collections and posts, and for drafts'
    /// folders.
    public func permalink(path: String, frontMatter: String?, slug: String?, day: String?, categories: [String])
        -> String?
    {
        var parts = path.split(separator: "/").map(String.init)
        if !collectionsDirectory.isEmpty {
            let prefix = collectionsDirectory.split(separator: "/").map(String.init)
            guard parts.starts(with: prefix) else { return nil }
            parts.removeFirst(prefix.count)
        }
        guard parts.count >= 2, let folder = parts.first, folder.hasPrefix("_"), folder != "_drafts" else { return nil }
        let collection = String(folder.dropFirst())
        let isPost = collection == "posts"
        let declared = collections[collection]
        // Posts always have pages; other collections only when declared with `output: true`.
        guard isPost || declared?.output == true else { return nil }
        let pattern: String
        if let own = frontMatter, !own.isEmpty {
            pattern = own
        } else if let configured = declared?.permalink {
            pattern = configured
        } else if isPost {
            pattern = postPermalink
        } else {
            pattern = "/:collection/:path:output_ext"
        }
        let file = parts.last ?? ""
        let base = file.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        let withinCollection = parts.dropFirst().joined(separator: "/")
        let relative = withinCollection.split(separator: ".", omittingEmptySubsequences: false).dropLast()
            .joined(separator: ".")
        let title = slug ?? JekyllPostDecoder.slug(of: path)
        var values: [String: String] = [
            "collection": collection, "path": relative, "name": base, "title": title,
            "slug": Self.slugify(title), "output_ext": ".html",
            "categories": categories.map { Self.slugify($0) }.filter { !$0.isEmpty }.joined(separator: "/"),
        ]
        // The day as the post writes it (Jekyll formats the date in the site's time zone, which
        // is the one posts are written in), not converted to UTC.
        let digits = day.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        if digits.count == 3 {
            let (y, m, d) = (digits[0], digits[1], digits[2])
            values["year"] = String(format: "%04d", y)
            values["short_year"] = String(format: "%02d", y % 100)
            values["month"] = String(format: "%02d", m)
            values["i_month"] = String(m)
            values["day"] = String(format: "%02d", d)
            values["i_day"] = String(d)
        }
        let expanded = Self.expand(Self.style(pattern), values)
        let collapsed = expanded.replacingOccurrences(of: "//+", with: "/", options: .regularExpression)
        let escaped = collapsed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? collapsed
        return url + baseURL + (escaped.hasPrefix("/") ? escaped : "/" + escaped)
    }

    /// Jekyll's built-in permalink styles.
    static func style(_ pattern: String) -> String {
        switch pattern {
        case "date": "/:categories/:year/:month/:day/:title:output_ext"
        case "pretty": "/:categories/:year/:month/:day/:title/"
        case "ordinal": "/:categories/:year/:y_day/:title:output_ext"
        case "none": "/:categories/:title:output_ext"
        default: pattern
        }
    }

    /// Replaces `:name` placeholders (longest names first, so `:i_month` is not read as `:i`);
    /// an unknown placeholder is left as it is.
    static func expand(_ pattern: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(pattern)
        let names = values.keys.sorted { $0.count > $1.count }
        while let colon = rest.firstIndex(of: ":") {
            out += rest[..<colon]
            let after = rest[rest.index(after: colon)...]
            if let name = names.first(where: { after.hasPrefix($0) }), let value = values[name] {
                out += value
                rest = after.dropFirst(name.count)
            } else {
                out += ":"
                rest = after
            }
        }
        return out + rest
    }

    /// Jekyll's default slugify: lowercase, runs of characters other than letters and digits
    /// become one `-`, no `-` at either end.
    static func slugify(_ text: String) -> String {
        var out = ""
        var dash = false
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                if dash, !out.isEmpty { out += "-" }
                out.append(ch)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> Substring {
        var s = Substring(self)
        while s.hasSuffix(suffix) { s = s.dropLast(suffix.count) }
        return s
    }
}
