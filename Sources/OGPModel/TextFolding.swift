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
