import Foundation
import OGPModel

/// Field normalisation shared by ``UdataDecoder`` (API) and ``UdataCSVMapper`` (export), so that
/// one dataset seen through both maps to the same values: ids, licence, dates, page URL, flags.
enum UdataFields {
    static let defaultNamespace = "data.gouv.fr"
    static let parserVersion = "1"

    /// udata licence ids and the labels the export writes for them.
    static let licenses: [(id: String, label: String)] = [
        ("lov2", "Licence Ouverte / Open Licence version 2.0"),
        ("fr-lo", "Licence Ouverte / Open Licence"),
        ("odc-odbl", "Open Data Commons Open Database License (ODbL)"),
        ("odc-by", "Open Data Commons Attribution License"),
        ("odc-pddl", "Open Data Commons Public Domain Dedication and Licence (PDDL)"),
        ("cc-by", "Creative Commons Attribution"),
        ("cc-by-sa", "Creative Commons Attribution Share-Alike"),
        ("cc-zero", "Creative Commons CCZero"),
        ("notspecified", "License Not Specified"),
        ("other-at", "Other (Attribution)"),
        ("other-pd", "Other (Public Domain)"),
        ("other-open", "Other (Open)"),
    ]
    private static let labelByID = Dictionary(licenses.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
    private static let idByExactLabel = Dictionary(licenses.map { ($0.label, $0.id) }, uniquingKeysWith: { a, _ in a })
    private static let idByLabel = Dictionary(
        licenses.map { (TextFolding.fold($0.label), $0.id) }, uniquingKeysWith: { a, _ in a })

    /// The id namespace: `options["namespace"]`, else data.gouv.fr.
    static func namespace(_ context: ParseContext) -> String {
        context.options["namespace"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace
    }

    /// Date plausibility bounds from "now": the fetch time when known, so a decode is reproducible.
    static func now(_ context: ParseContext) -> DateBounds {
        if let fetched = context.fetchedAt, let normal = UdataDate.normalize(fetched), normal.utf8.count == 20,
            let year = Int(normal.prefix(4)), year < 9999
        {
            // The same instant next year, as comparable text.
            let next = String(year + 1)
            return DateBounds(
                latest: String(repeating: "0", count: Swift.max(0, 4 - next.count)) + next + normal.dropFirst(4))
        }
        return DateBounds(latest: UdataDate.latest(context.fetchedAt.flatMap(ISODate.parse) ?? Date()))
    }

    /// The record id of `remoteID` in `namespace`: the same value as
    /// `RecordID(kind:namespace:remoteID:)`, built directly for the common clean ids.
    static func recordID(_ kind: RecordKind, _ namespace: String, _ remoteID: String) -> RecordID {
        if isObjectID(remoteID) { return RecordID(rawValue: "\(kind.rawValue):\(namespace):\(remoteID)") }
        return RecordID(kind: kind, namespace: namespace, remoteID: remoteID)
    }

    /// The latest plausible date (now + 1 year) in ``ISODate``'s normal form: normal forms
    /// compare as text, so plausibility is `"1900-01-01" <= date <= latest`.
    struct DateBounds {
        let latest: String

        func contains(_ normal: String) -> Bool {
            normal >= "1900-01-01" && normal <= latest
        }
    }

    /// Normalised licence id and label from an id (API) or a label (export).
    static func license(id: String?, label: String?) -> (id: String?, label: String?) {
        if let id = nonEmpty(id) {
            let lower = id.lowercased()
            return (lower, nonEmpty(label) ?? labelByID[lower])
        }
        guard let label = nonEmpty(label) else { return (nil, nil) }
        return (idByExactLabel[label] ?? idByLabel[TextFolding.fold(label)], label)
    }

    /// A source date, normalised (``ISODate/normalize(_:)``) when parseable and within
    /// 1900 … now + 1 year; otherwise nil, with the raw text kept in `extras[key]` and a warning.
    /// `day` keeps only `YYYY-MM-DD` (temporal coverage).
    static func date(
        _ raw: String?, key: String, now bounds: DateBounds, day: Bool = false,
        warnings: inout [String], extras: inout [String: String]
    ) -> String? {
        guard let raw = nonEmpty(raw) else { return nil }
        guard let normal = UdataDate.normalize(raw) ?? ISODate.normalize(raw) else {
            extras[key] = raw
            warnings.append("unparseable date in \(key): \(raw)")
            return nil
        }
        guard bounds.contains(normal) else {
            extras[key] = raw
            warnings.append("implausible date in \(key): \(raw)")
            return nil
        }
        return day ? String(raw.prefix(10)) : normal
    }

    /// The dataset page URL without the language segment and trailing slash:
    /// `https://www.data.gouv.fr/fr/datasets/x/` → `https://www.data.gouv.fr/datasets/x`.
    static func pageURL(_ raw: String?) -> String? {
        guard let s = nonEmpty(raw) else { return nil }
        var b = Array(s.utf8)
        if let scheme = firstIndex(of: [58, 47, 47], in: b) {  // "://"
            var slash = scheme + 3
            while slash < b.count, b[slash] != 47 { slash += 1 }
            if slash + 3 < b.count, b[slash + 3] == 47 {
                let lang = (b[slash + 1], b[slash + 2])
                if lang == (102, 114) || lang == (101, 110) || lang == (101, 115) || lang == (100, 101) {  // fr en es de
                    b.removeSubrange(slash..<(slash + 3))
                }
            }
            while b.count > scheme + 3, b.last == 47 { b.removeLast() }
        } else {
            while b.count > 1, b.last == 47 { b.removeLast() }
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// The dataset's human page: `page` when it is one; else derived from an API URL (`uri`, then
    /// the listing URL with the slug or id): `https://host/api/1/datasets/x/` → `https://host/datasets/x`.
    /// People follow the record's link, so it must never be the API's JSON.
    static func humanPage(page: String?, uri: String?, slug: String?, id: String, apiURL: String) -> String? {
        if let page = nonEmpty(page), !isAPIURL(page) { return page }
        for candidate in [page, uri] {
            guard let api = nonEmpty(candidate), let r = apiRange(api) else { continue }
            let rest = api[r.upperBound...]
            if rest.hasPrefix("datasets/"), !rest.dropFirst(9).hasPrefix("?"), rest.count > 9 {
                return String(api[..<r.lowerBound]) + "/" + rest
            }
        }
        guard let r = apiRange(apiURL) else { return nil }
        return String(apiURL[..<r.lowerBound]) + "/datasets/" + (nonEmpty(slug) ?? id)
    }

    private static func isAPIURL(_ s: String) -> Bool { apiRange(s) != nil }

    /// The range of `/api/N/` in `s` (N a digit).
    private static func apiRange(_ s: String) -> Range<String.Index>? {
        guard let r = s.range(of: "/api/") else { return nil }
        let rest = s[r.upperBound...]
        guard let first = rest.first, first.isNumber, let slash = rest.firstIndex(of: "/") else { return nil }
        guard rest[..<slash].allSatisfy(\.isNumber) else { return nil }
        return r.lowerBound..<rest.index(after: slash)
    }

    private static func firstIndex(of needle: [UInt8], in b: [UInt8]) -> Int? {
        guard b.count >= needle.count else { return nil }
        for i in 0...(b.count - needle.count) where b[i] == needle[0] {
            var match = true
            for k in 1..<needle.count where b[i + k] != needle[k] { match = false; break }
            if match { return i }
        }
        return nil
    }

    /// `True`/`False` (Python), `true`/`false`, `1`/`0`.
    static func bool(_ raw: String?) -> Bool? {
        guard let raw else { return nil }
        switch raw {
        case "True", "true": return true
        case "False", "false": return false
        default: break
        }
        switch nonEmpty(raw)?.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: return nil
        }
    }

    /// Comma-separated list, trimmed, empties dropped.
    static func list(_ raw: String?) -> [String] {
        guard let raw = nonEmpty(raw) else { return [] }
        var out: [String] = []
        var start = raw.utf8.startIndex
        let u = raw.utf8
        var i = start
        while true {
            if i == u.endIndex || u[i] == 44 {
                if let item = nonEmpty(String(raw[start..<i])) { out.append(item) }
                if i == u.endIndex { break }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        return out
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        let u = s.utf8
        func space(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        guard let first = u.firstIndex(where: { !space($0) }) else { return nil }
        guard let last = u.lastIndex(where: { !space($0) }) else { return nil }
        let end = u.index(after: last)  // the first trailing space (ASCII), or the end: a scalar boundary
        if first == u.startIndex, end == u.endIndex { return s }
        return String(s[first..<end])
    }

    /// Plain text of a description, nil when empty.
    static func text(_ raw: String?) -> ExtractedText? {
        guard let raw, !raw.isEmpty else { return nil }
        let cleaned = DescriptionText.clean(raw)
        return cleaned.text.isEmpty ? nil : cleaned
    }

    /// Whether `s` is a 24-hex udata object id.
    static func isObjectID(_ s: String) -> Bool {
        s.utf8.count == 24
            && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }
}
