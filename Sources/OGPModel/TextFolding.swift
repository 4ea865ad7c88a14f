import Foundation

/// Small, dependency-free text helpers shared by the model's normalisers.
public enum TextFolding {
    /// Lowercases and removes diacritics (`Élaboration` → `elaboration`), `œ`→`oe`, `æ`→`ae`.
    public static func fold(_ s: String) -> String {
        s.lowercased()
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
