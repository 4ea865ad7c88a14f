/// Resolves link targets found in a page against the page's URL.
enum URLResolver {
    /// `target` made absolute: absolute URLs, `mailto:` and the like are kept; `//host/x`,
    /// `/x`, `x`, `?q` and `#f` are resolved against `base`.
    static func resolve(_ target: String, against base: String) -> String {
        let t = target.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, let schemeEnd = base.range(of: "://") else { return t }
        if let colon = t.firstIndex(of: ":"), t[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "." || $0 == "-" }) {
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
