/// Update frequencies of catalogue portals mapped to udata's vocabulary (`daily`, `weekly`,
/// `monthly`, `annual`, …): EU frequency IRIs (`…/frequency/ANNUAL`), Dublin Core
/// (`http://purl.org/cld/freq/annual`), ISO 19115 codes and French or English words.
/// Unknown values are kept as the portal wrote them.
enum CatalogFrequency {
    static let words: [String: String] = [
        "continuous": "continuous", "cont": "continuous", "continual": "continuous", "en continu": "continuous",
        "daily": "daily", "quotidien": "daily", "quotidienne": "daily", "weekly": "weekly", "hebdomadaire": "weekly",
        "biweekly": "biweekly", "fortnightly": "biweekly", "monthly": "monthly", "mensuel": "monthly",
        "mensuelle": "monthly",
        "bimonthly": "bimonthly", "quarterly": "quarterly", "trimestriel": "quarterly", "trimestrielle": "quarterly",
        "semiannual": "semiannual", "biannually": "semiannual", "annual": "annual", "annually": "annual",
        "annuel": "annual",
        "annuelle": "annual", "yearly": "annual", "biennial": "biennial", "irregular": "irregular",
        "irreg": "irregular",
        "irrégulier": "irregular", "asneeded": "irregular", "notplanned": "punctual", "never": "punctual",
        "punctual": "punctual", "ponctuel": "punctual", "ponctuelle": "punctual", "unknown": "unknown",
        "other": "unknown",
        "update_cont": "continuous", "hourly": "hourly", "semestriel": "semiannual", "semestrielle": "semiannual",
        "r/p1d": "daily", "r/p1w": "weekly", "r/p2w": "biweekly", "r/p1m": "monthly", "r/p2m": "bimonthly",
        "r/p3m": "quarterly", "r/p6m": "semiannual", "r/p1y": "annual", "r/p2y": "biennial", "r/pt1h": "hourly",
        "r/p3y": "triennial", "r/p5y": "quinquennial",
        "triennial": "triennial", "quinquennial": "quinquennial", "bidaily": "bidaily",
        "threetimesaday": "fourTimesADay",
    ]

    static func normalize(_ raw: String?) -> String? {
        guard let raw = UdataFields.nonEmpty(raw) else { return nil }
        var key = raw
        if let slash = raw.lastIndex(where: { $0 == "/" || $0 == "#" }), CatalogDate.isURI(raw) {
            key = String(raw[raw.index(after: slash)...])
        }
        let lower = key.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        return words[lower] ?? words[key.lowercased()] ?? words[raw.lowercased()] ?? raw
    }
}
