import Foundation

/// Small, dependency-free text helpers shared by the model's normalisers.
public enum TextFolding {
    /// Lowercases and removes diacritics (`Élaboration` → `elaboration`), `œ`→`oe`, `æ`→`ae`.
    public static func fold(_ s: String) -> String {
        // ASCII (most tags, ids, license labels): lowercasing is the whole fold, and Foundation's
        // folding costs microseconds a call (a tenth of a catalogue harvest's CPU went there).
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            return s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? s.lowercased() : s
        }
        return s.lowercased()
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
            .folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// `s.trimmingCharacters(in: .whitespacesAndNewlines)` (or `.whitespaces` with
    /// `newlines: false`), without going through `NSString` when nothing needs trimming, the
    /// common case (Foundation's call converts and copies every string: a third of the CPU of a
    /// DCAT harvest was spent there).
    public static func trimmed(_ s: String, newlines: Bool = true) -> String {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
        if !mayTrim(first), !mayTrim(last) { return s }
        return s.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// Whether Foundation's whitespace sets may hold `c` (a superset: tab, line breaks, spaces).
    private static func mayTrim(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        case 0..<0x80: return false
        default:
            let category = c.properties.generalCategory
            return category == .spaceSeparator || category == .lineSeparator || category == .paragraphSeparator
                || c.properties.isWhitespace
        }
    }

    /// Collapses runs of whitespace to one space and trims both ends.
    public static func collapseWhitespace(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for ch in s {
            if ch.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(ch)
            }
        }
        return out
    }
}
