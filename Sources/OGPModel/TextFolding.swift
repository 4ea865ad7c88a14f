import Foundation

/// Small, dependency-free text helpers shared by the model's normalisers.
public enum TextFolding {
    /// Lowercases and removes diacritics (`Élaboration` → `elaboration`), `œ`→`oe`, `æ`→`ae`.
    ///
    /// Text made of ASCII, Latin-1 and Latin Extended-A/-B letters and general punctuation (`’`,
    /// `«`, `–`, `…`: nearly all French text) is folded one scalar at a time from a table
    /// (``latinTable``), giving exactly what Foundation gives; anything else (combining marks,
    /// other scripts) goes through Foundation, whose folding costs about 2 µs per character on
    /// Linux — the bulk of duplicate detection's time before the table (issue 11).
    public static func fold(_ s: String) -> String {
        fastFold(s) ?? foundationFold(s)
    }

    /// Foundation's folding: the reference the table was generated from, the path for text the
    /// table does not cover, and the duplicates benchmark's "before".
    public static func foundationFold(_ s: String) -> String {
        s.lowercased()
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
            .folding(options: [.diacriticInsensitive], locale: nil)
    }

    /// General punctuation (spaces, dashes, quotes, `…`, `‰`) and the euro sign: unchanged by
    /// folding. Not the format characters among them (zero-width joiners, direction marks):
    /// Foundation drops U+200C after a letter, so those take the Foundation path.
    static func isUnchangedPunctuation(_ v: UInt32) -> Bool {
        (0x2000...0x200A).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
            || v == 0x20AC
    }

    /// The folded text when every scalar is covered by the table, else nil.
    static func fastFold(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(UInt8(v) | (v >= 0x41 && v <= 0x5A ? 0x20 : 0))
            } else if v < latinTableEnd {
                out.append(contentsOf: latinUTF8[Int(v - latinTableStart)])
            } else if isUnchangedPunctuation(v) {
                UTF8.encode(scalar) { out.append($0) }
            } else {
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``latinTable`` as UTF-8 bytes.
    static let latinUTF8: [[UInt8]] = latinTable.map { Array($0.utf8) }

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
