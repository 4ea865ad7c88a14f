import Foundation

/// The links of a text, in document order, without duplicates, under one URL policy for every
/// decoder: a link is an absolute `http://`, `https://`, `ftp://` or `mailto:` URL, after relative
/// references are resolved against the base URL when the caller has one (a page's address).
/// Anything else — a relative reference with no base, a fragment, `javascript:`, `data:`,
/// `tel:` — is not a link. Surrounding whitespace is trimmed.
public struct LinkList: Sendable {
    /// The links kept, in the order first added.
    public private(set) var items: [String] = []
    private var seen: Set<String> = []
    /// The URL relative references are resolved against.
    public let base: String?

    /// An empty list; relative references are resolved against `base` when given, dropped otherwise.
    public init(base: String? = nil) {
        self.base = base
    }

    /// Adds `link` when the policy keeps it.
    public mutating func add(_ link: String) {
        guard let url = accepted(link), seen.insert(url).inserted else { return }
        items.append(url)
    }

    /// Adds each of `links` in order.
    public mutating func add(contentsOf links: [String]) {
        for link in links { add(link) }
    }

    /// Adds `b[from..<to]` (UTF-8).
    mutating func add(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        guard to > from else { return }
        add(String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self))
    }

    /// The absolute URL `link` stands for, or nil when it is not a link.
    func accepted(_ link: String) -> String? {
        let trimmed = Self.trim(link)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
        let scheme = Self.scheme(of: trimmed)
        let url = scheme == nil ? base.map { URLResolver.resolve(trimmed, against: $0) } : trimmed
        guard let url, let kept = Self.scheme(of: url), Self.schemes.contains(kept) else { return nil }
        // `http:`, `https:` and `ftp:` need their `//host` (`https:/../x`, seen in descriptions, is not a link).
        guard kept == "mailto" || url.utf8.dropFirst(kept.utf8.count + 1).starts(with: [47, 47]) else { return nil }
        return url
    }

    static let schemes: Set<String> = ["http", "https", "ftp", "mailto"]

    /// The lowercased scheme of an absolute URL, nil for a relative reference.
    static func scheme(of url: String) -> String? {
        var scheme: [UInt8] = []
        for c in url.utf8 {
            if c == 58 { return scheme.isEmpty ? nil : String(decoding: scheme, as: UTF8.self) }
            let lower = c | 0x20
            let letter = lower >= 97 && lower <= 122
            guard letter || (!scheme.isEmpty && ((c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46)) else {
                return nil
            }
            scheme.append(letter ? lower : c)
        }
        return nil
    }

    /// `s` without leading and trailing ASCII whitespace (the common case returns `s` itself).
    static func trim(_ s: String) -> String {
        let u = s.utf8
        func space(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        guard let first = u.firstIndex(where: { !space($0) }), let last = u.lastIndex(where: { !space($0) }) else {
            return ""
        }
        let end = u.index(after: last)
        if first == u.startIndex, end == u.endIndex { return s }
        return String(s[first..<end])
    }
}

/// Resolves link targets found in a page against the page's URL.
enum URLResolver {
    /// `target` made absolute: absolute URLs, `mailto:` and the like are kept; `//host/x`,
    /// `/x`, `x`, `?q` and `#f` are resolved against `base`.
    static func resolve(_ target: String, against base: String) -> String {
        let t = target.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, let schemeEnd = base.range(of: "://") else { return t }
        if let colon = t.firstIndex(of: ":"),
            t[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "." || $0 == "-" })
        {
            return t
        }
        let scheme = base[..<schemeEnd.lowerBound]
        if t.hasPrefix("//") { return "\(scheme):\(t)" }
        let afterScheme = base[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        let origin = base[..<hostEnd]
        if t.hasPrefix("/") { return origin + t }
        var path = String(base[hostEnd...])
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            if t.hasPrefix("?") || t.hasPrefix("#") { return origin + path[..<cut] + t }
            path = String(path[..<cut])
        } else if t.hasPrefix("?") || t.hasPrefix("#") {
            return origin + path + t
        }
        let dir = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
        return origin + dir + t
    }
}
