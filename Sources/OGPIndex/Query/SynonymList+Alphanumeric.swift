import OGPAnalysis

extension SynonymList {
    /// The matches of ``matches(in:)``, and for each query word of letters then digits
    /// (`covid19`, `pm10`, `ps5`) its two parts as a phrase (`covid 19`): the analysis splits at
    /// hyphens, so documents writing `COVID-19` or `covid 19` hold `covid` and `19`, and the word
    /// as typed found only those writing `COVID19` (64 of the export's 400-odd documents about
    /// it). Applied with the list (never with `--synonyms none`); a split whose words are in no
    /// document is dropped by the plan like any synonym. A split is `separate`: a clause of its
    /// own, so that the word's clause stays one word (its proximity to the next word and its
    /// exact form still count: `SDE04 - Bornes de recharge` keeps its title first).
    func matchesWithSplits(in terms: [String?]) -> [(start: Int, count: Int, others: [Expression], separate: Bool)] {
        var out = matches(in: terms).map { ($0.start, $0.count, $0.others, false) }
        for (i, term) in terms.enumerated() {
            guard let term, let split = Self.letterDigitSplit(term) else { continue }
            let tokens = Analyzer.french.tokens(split)
            guard tokens.count == 2, tokens[1].position == tokens[0].position + 1 else { continue }
            out.append((i, 1, [Expression(terms: tokens.map(\.term), offsets: [0, 1])], true))
        }
        return out
    }

    /// `covid19` → `covid 19`: ASCII letters (two or more) then ASCII digits (one to four), else
    /// nil (`2e`, `a4b`, `75001`, `covid`).
    static func letterDigitSplit(_ term: String) -> String? {
        let bytes = Array(term.utf8)
        var letters = 0
        while letters < bytes.count, bytes[letters] >= 0x61, bytes[letters] <= 0x7A { letters += 1 }
        let digits = bytes.count - letters
        guard letters >= 2, (1...4).contains(digits),
            bytes[letters...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        return String(decoding: bytes[..<letters], as: UTF8.self) + " " + String(decoding: bytes[letters...], as: UTF8.self)
    }
}
