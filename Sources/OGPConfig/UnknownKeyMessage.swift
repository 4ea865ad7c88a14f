/// The message for a key the configuration does not know: the closest known key first (a
/// misspelling, `pagesize` for `page_size`, is the usual cause), then every known key.
enum UnknownKeyMessage {
    /// « unknown key `key`[ for a KIND source]; did you mean `k`? known keys: … ».
    static func make(_ key: String, known: some Collection<String>, context: String = "") -> String {
        let sorted = known.sorted()
        var out = "unknown key `\(key)`\(context);"
        if let near = closest(to: key, in: sorted) { out += " did you mean `\(near)`?" }
        return out + " known keys: " + sorted.joined(separator: ", ")
    }

    /// The known key nearest to `key` when it is near enough to be a misspelling: the same
    /// letters once case, `_` and `-` are ignored, or at most two edits away (one for keys of
    /// five letters or fewer), the first in sorted order on ties.
    static func closest(to key: String, in known: [String]) -> String? {
        // Keys longer than this are not misspellings of a known key (and would cost the
        // distance's quadratic table for nothing).
        guard key.count <= 64 else { return nil }
        let k = normalised(key)
        var best: (key: String, distance: Int)?
        for candidate in known {
            let d = distance(k, normalised(candidate))
            if d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        guard let best else { return nil }
        let limit = k.count <= 5 ? 1 : 2
        return best.distance <= limit ? best.key : nil
    }

    static func normalised(_ s: String) -> [Character] {
        Array(s.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// Levenshtein distance (insertions, deletions, substitutions).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
