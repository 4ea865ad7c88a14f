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

    /// "Now" for date plausibility: the fetch time when known, so a decode is reproducible.
    static func now(_ context: ParseContext) -> Date {
        context.fetchedAt.flatMap(ISODate.parse) ?? Date()
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
        _ raw: String?, key: String, now: Date, day: Bool = false,
        warnings: inout [String], extras: inout [String: String]
    ) -> String? {
        guard let raw = nonEmpty(raw) else { return nil }
        guard let parsed = ISODate.parse(raw), let normal = ISODate.normalize(raw) else {
            extras[key] = raw
            warnings.append("unparseable date in \(key): \(raw)")
            return nil
        }
        guard ISODate.isPlausible(parsed, now: now) else {
            extras[key] = raw
            warnings.append("implausible date in \(key): \(raw)")
            return nil
        }
        return day ? String(raw.prefix(10)) : normal
    }

    /// The dataset page URL without the language segment and trailing slash:
    /// `https://www.data.gouv.fr/fr/datasets/x/` → `https://www.data.gouv.fr/datasets/x`.
    static func pageURL(_ raw: String?) -> String? {
        guard var s = nonEmpty(raw) else { return nil }
        if let scheme = s.range(of: "://") {
            let rest = s[scheme.upperBound...]
            if let slash = rest.firstIndex(of: "/") {
                let path = rest[slash...]
                for lang in ["/fr/", "/en/", "/es/", "/de/"] where path.hasPrefix(lang) {
                    s = String(s[..<slash]) + String(path.dropFirst(3))
                    break
                }
            }
        }
        while s.hasSuffix("/"), !s.hasSuffix("://") { s.removeLast() }
        return s
    }

    /// `True`/`False` (Python), `true`/`false`, `1`/`0`.
    static func bool(_ raw: String?) -> Bool? {
        switch raw?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }

    /// Comma-separated list, trimmed, empties dropped.
    static func list(_ raw: String?) -> [String] {
        guard let raw = nonEmpty(raw) else { return [] }
        return raw.split(separator: ",").compactMap { nonEmpty(String($0)) }
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// Plain text of a description, nil when empty.
    static func text(_ raw: String?) -> DescriptionText.Cleaned? {
        guard let raw, !raw.isEmpty else { return nil }
        let cleaned = DescriptionText.clean(raw)
        return cleaned.text.isEmpty ? nil : cleaned
    }

    /// Whether `s` is a 24-hex udata object id.
    static func isObjectID(_ s: String) -> Bool {
        s.utf8.count == 24 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }
}
