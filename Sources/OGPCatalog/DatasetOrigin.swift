import Foundation
import OGPModel

/// One dataset, many portals: where a harvested copy of a dataset comes from, and the record id
/// its origin portal gives it. A city's dataset on its OpenDataSoft portal, harvested by
/// data.gouv.fr (whose records say `harvest.domain`, `harvest.remote_id`, `harvest.remote_url`)
/// and by a regional CKAN, is kept as one record: the copy is written under the origin's id,
/// with `sameAs` (its own id) and the rule in its provenance entry. Pure; the portal directory
/// (host → configured source) is given by the caller.
public enum DatasetOrigin {
    /// What a record says of its origin: a portal host, and the dataset's id or page there.
    public struct Claim: Sendable, Hashable {
        public var host: String
        public var remoteID: String?
        public var url: String?
        public var rule: MatchRule
    }

    /// A configured portal: its source name and kind.
    public struct Portal: Sendable, Hashable {
        public var source: String
        public var kind: SourceKind

        public init(source: String, kind: SourceKind) {
            self.source = source
            self.kind = kind
        }
    }

    /// The origin claims of a dataset record, strongest first: its DCAT identifier (a URI on
    /// another host), the origin's host and remote id, the origin's landing page.
    public static func claims(_ record: Record) -> [Claim] {
        guard record.kind == .dataset else { return [] }
        var out: [Claim] = []
        let e = record.extras
        for id in [e["identifier"], e["harvest.remote_id"]].compactMap({ $0 }) where isURI(id) {
            if let host = host(of: id) { out.append(Claim(host: host, remoteID: id, url: id, rule: .identifier)) }
        }
        if let remote = nonEmpty(e["harvest.remote_id"]), !isURI(remote) {
            let domain =
                nonEmpty(e["harvest.domain"]).flatMap { host(of: $0.contains("://") ? $0 : "https://" + $0) }
                ?? nonEmpty(e["harvest.remote_url"]).flatMap(host(of:))
            if let domain { out.append(Claim(host: domain, remoteID: remote, url: nil, rule: .originRemoteID)) }
        }
        if let url = nonEmpty(e["harvest.remote_url"]), let host = host(of: url) {
            out.append(Claim(host: host, remoteID: nil, url: url, rule: .originLandingPage))
        }
        return out
    }

    /// The record id of the claimed dataset at `portal`, when the claim names it precisely.
    public static func target(_ claim: Claim, at portal: Portal) -> RecordID? {
        switch portal.kind {
        case .ckan:
            if let id = claim.remoteID, !isURI(id) {
                return RecordID(kind: .dataset, namespace: portal.source, remoteID: id)
            }
            // `…/dataset/{id}`: only a package id (a UUID) is the record's; a name is not.
            if let url = claim.url, let last = segment(after: "/dataset/", in: url), isUUID(last) {
                return RecordID(kind: .dataset, namespace: portal.source, remoteID: last)
            }
            return nil
        case .opendatasoft:
            if let id = claim.remoteID, !isURI(id) {
                return RecordID(kind: .dataset, namespace: portal.source, remoteID: id)
            }
            if let url = claim.url,
                let id = segment(after: "/explore/dataset/", in: url) ?? segment(after: "/catalog/datasets/", in: url)
            {
                return RecordID(kind: .dataset, namespace: portal.source, remoteID: id)
            }
            return nil
        case .dcat:
            guard let id = claim.remoteID ?? claim.url else { return nil }
            return RecordID(kind: .dataset, namespace: portal.source, remoteID: id)
        case .udata, .udataCSV:
            guard let id = claim.remoteID, !isURI(id) else { return nil }
            return RecordID(kind: .dataset, namespace: "data.gouv.fr", remoteID: id)
        default:
            return nil
        }
    }

    /// A host as the directory keys it: lowercased, without `www.` and port.
    public static func host(of url: String) -> String? {
        // Most URLs are plain (`https://host/path`): read without Foundation's parser, which
        // was most of resolving a 120,000-dataset export's origins. Anything else goes to it.
        let h: String
        if let plain = plainHost(url) {
            h = plain
        } else {
            guard let parsed = URLComponents(string: url.trimmingCharacters(in: .whitespaces))?.host?.lowercased(),
                !parsed.isEmpty
            else { return nil }
            h = parsed
        }
        return h.hasPrefix("www.") ? String(h.dropFirst(4)) : h
    }

    static func segment(after marker: String, in url: String) -> String? {
        guard let r = url.range(of: marker) else { return nil }
        let rest = url[r.upperBound...]
        let seg = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return seg.isEmpty ? nil : String(seg).removingPercentEncoding ?? String(seg)
    }

    static func isUUID(_ s: String) -> Bool {
        s.utf8.count == 36
            && s.utf8.enumerated().allSatisfy { i, c in
                [8, 13, 18, 23].contains(i)
                    ? c == 45 : ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))
            }
    }

    static func isURI(_ s: String) -> Bool {
        let l = s.prefix(8).lowercased()
        return l.hasPrefix("http://") || l.hasPrefix("https://")
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
        return s
    }
}
