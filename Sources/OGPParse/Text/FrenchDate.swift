import OGPModel

/// Dates as French pages write them: `17 décembre 2021`, `1er avril 2022`, `17/12/2021`.
enum FrenchDate {
    static let months = [
        "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
        "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    ]

    /// `YYYY-MM-DD`, or nil.
    static func parse(_ text: String) -> String? {
        let f = TextFolding.fold(text)
        if let m = f.firstMatch(of: #/(\d{1,2})/(\d{1,2})/(\d{4})/#), let d = Int(m.output.1), let mo = Int(m.output.2), let y = Int(m.output.3) {
            return format(y, mo, d)
        }
        if let m = f.firstMatch(of: #/(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})/#), let d = Int(m.output.1),
           let mo = months[String(m.output.2)], let y = Int(m.output.3) {
            return format(y, mo, d)
        }
        return nil
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1...12).contains(m), (1...31).contains(d), (1900...2200).contains(y) else { return nil }
        let s = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        return ISODate.parse(s) == nil ? nil : s
    }
}
