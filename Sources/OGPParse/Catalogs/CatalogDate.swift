import Foundation
import OGPModel

/// Date forms of catalogue portals: ISO 8601 with or without time zone or fraction
/// (`2025-07-16`, `2025-07-16T08:11:44.531453+00:00`, `2019-09-30 22:00:00`), DKAN's French
/// locale (`jeu, 19/12/2019 - 03:00`, `Date changed  jeu, 19/12/2019 - 03:00`), `dd/mm/yyyy`,
/// and a bare year (`2019`, temporal coverage). A time without an offset is taken as UTC, as
/// for udata. Normal forms are those of ``ISODate``.
enum CatalogDate {
    /// The normal form of `raw`, or nil when not a date form.
    static func normalize(_ raw: String) -> String? {
        let s = TextFolding.trimmed(raw)
        if s.isEmpty { return nil }
        if let n = UdataDate.normalize(s) ?? ISODate.normalize(s) { return n }
        let b = Array(s.utf8)
        if b.count == 4, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return s + "-01-01" }
        // `…dd/mm/yyyy[ - HH:MM]` anywhere in the text (DKAN prefixes a weekday or a label).
        guard let slash = firstDayMonthYear(b) else { return nil }
        let day = String(decoding: b[slash..<(slash + 2)], as: UTF8.self)
        let month = String(decoding: b[(slash + 3)..<(slash + 5)], as: UTF8.self)
        let year = String(decoding: b[(slash + 6)..<(slash + 10)], as: UTF8.self)
        var iso = "\(year)-\(month)-\(day)"
        var i = slash + 10
        while i < b.count, b[i] == 32 || b[i] == 45 || b[i] == 84 { i += 1 }
        if i + 5 <= b.count, digit(b[i]), digit(b[i + 1]), b[i + 2] == 58, digit(b[i + 3]), digit(b[i + 4]) {
            iso += "T" + String(decoding: b[i..<(i + 5)], as: UTF8.self) + ":00"
        }
        return ISODate.normalize(iso)
    }

    /// A source date normalised and checked for plausibility (1900 … now + 1 year); otherwise
    /// nil, with the raw text kept in `extras[key]` and a warning. `day` keeps `YYYY-MM-DD`.
    static func field(
        _ raw: String?, key: String, now: UdataFields.DateBounds, day: Bool = false,
        warnings: inout [String], extras: inout [String: String]
    ) -> String? {
        guard let raw = UdataFields.nonEmpty(raw) else { return nil }
        guard let normal = normalize(raw) else {
            extras[key] = raw
            warnings.append("unparseable date in \(key): \(raw)")
            return nil
        }
        guard now.contains(normal) else {
            extras[key] = raw
            warnings.append("implausible date in \(key): \(raw)")
            return nil
        }
        return day ? String(normal.prefix(10)) : normal
    }

    /// `http(s)://…` or `urn:…`: a global identifier.
    static func isURI(_ s: String) -> Bool {
        let lower = s.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("urn:")
    }

    private static func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func firstDayMonthYear(_ b: [UInt8]) -> Int? {
        guard b.count >= 10 else { return nil }
        for i in 0...(b.count - 10)
        where digit(b[i]) && digit(b[i + 1]) && b[i + 2] == 47 && digit(b[i + 3])
            && digit(b[i + 4]) && b[i + 5] == 47 && digit(b[i + 6]) && digit(b[i + 7]) && digit(b[i + 8])
            && digit(b[i + 9])
        {
            return i
        }
        return nil
    }
}
