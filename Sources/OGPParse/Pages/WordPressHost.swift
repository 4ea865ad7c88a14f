import Foundation

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
