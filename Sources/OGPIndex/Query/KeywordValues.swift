import OGPAnalysis

/// Keyword filters as people type them. Some keyword values are indexed as written (an
/// organisation's name: « Institut national de la statistique et des études économiques (Insee) »),
/// others folded (tags, plan keys); a person types `org:insee`, `--org "REGION GRAND EST"` or
/// `tag:Données-Ouvertes`. A typed value designates the index's values equal to it without regard
/// to case and accents (every spelling: portals write the same publisher several ways), else those
/// that contain it as whole words (`insee`, `metz`, `grand est`).
extension IndexReader {
    /// Terms read per segment at most when resolving one value (a kind has a few thousand values;
    /// the bound keeps a pathological index from making one filter a full dictionary scan).
    static let keywordScanLimit = 200_000

    /// The index's values of keyword `kind` that `typed` designates (one of `aliases`, typed name
    /// → value, first); `[typed]` when none does (it then matches nothing, as an unknown value should).
    func keywordValues(_ kind: String, _ typed: String, aliases: [String: String]? = nil) throws(IndexError) -> [String] {
        let analyzer = Analyzer.french
        let wanted = analyzer.fold(typed)
        if let aliases {
            let name = String(wanted.map { $0 == " " || $0 == "_" ? "-" : $0 })
            if let value = aliases[name] ?? aliases[wanted] { return [value] }
        }
        if wanted == typed {
            // Already in folded form (kinds, years, tags and plan keys as the commands pass them).
            let key = TermKey.keyword(kind, typed)
            for s in segments where try s.lookup(key) != nil { return [typed] }
        }
        let wantedWords = Self.words(wanted)
        guard !wantedWords.isEmpty else { return [typed] }
        let prefix = TermKey.keyword(kind, "")
        let prefixLength = prefix.utf8.count
        var equal = Set<String>()
        var containing = Set<String>()
        for s in segments {
            let range = try s.prefixRange(prefix)
            try s.forEachTerm(in: range.prefix(Self.keywordScanLimit)) { bytes, _ in
                let value = String(decoding: bytes[prefixLength...], as: UTF8.self)
                let folded = analyzer.fold(value)
                if folded == wanted {
                    equal.insert(value)
                } else if equal.isEmpty, Self.words(folded).containsSequence(wantedWords) {
                    containing.insert(value)
                }
            }
        }
        let found = equal.isEmpty ? containing : equal
        return found.isEmpty ? [typed] : found.sorted()
    }

    /// Letters and digits runs of a folded value.
    static func words(_ folded: String) -> [Substring] {
        folded.split { !($0.isLetter || $0.isNumber) }
    }
}

extension Array where Element == Substring {
    /// Whether `words` occur here one after the other.
    fileprivate func containsSequence(_ words: [Substring]) -> Bool {
        guard !words.isEmpty, words.count <= count else { return false }
        for start in 0...(count - words.count) where self[start] == words[0] {
            if self[start..<(start + words.count)].elementsEqual(words) { return true }
        }
        return false
    }
}
