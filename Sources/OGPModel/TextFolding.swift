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
        // ASCII (most tags, ids, licence labels) without an upper-case letter is its own fold.
        if s.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }) { return s }
        return fastFold(s) ?? foundationFold(s)
    }

    /// Foundation's folding: the reference the table was generated from, the path for text the
    /// table does not cover, and the duplicates benchmark's "before".
    public static func foundationFold(_ s: String) -> String {
        s.lowercased()
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

    /// General punctuation (spaces, dashes, quotes, `…`, `‰`) and the euro sign: unchanged by
    /// folding. Not the format characters among them (zero-width joiners, direction marks):
    /// Foundation drops U+200C after a letter, so those take the Foundation path.
    static func isUnchangedPunctuation(_ v: UInt32) -> Bool {
        (0x2000...0x200A).contains(v) || (0x2010...0x2029).contains(v) || (0x202F...0x205F).contains(v)
            || v == 0x20AC
    }

    /// True for scalars that always make a character of their own (nothing extends them, they
    /// extend nothing: below the combining marks at U+0300, and the punctuation above), so that in
    /// text made only of them characters and scalars coincide (CR LF aside, two whitespace
    /// scalars forming one whitespace character). Text checks on such text need no grapheme
    /// breaking nor Unicode property look-ups.
    public static func isSimple(_ v: UInt32) -> Bool {
        v < 0x300 || isUnchangedPunctuation(v)
    }

    /// `Character.isWhitespace` for a simple scalar (see ``isSimple(_:)``), without the property look-up.
    public static func isSimpleWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F: true
        default: false
        }
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
        simpleCollapseWhitespace(s) ?? characterCollapseWhitespace(s)
    }

    /// ``collapseWhitespace(_:)`` scalar by scalar, for text made of simple scalars; nil otherwise.
    static func simpleCollapseWhitespace(_ s: String) -> String? {
        // UTF-8 bytes appended to an array (appending scalars to a string one by one costs more
        // than the whole check).
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            guard isSimple(v) else { return nil }
            if isSimpleWhitespace(v) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                if v < 0x80 { out.append(UInt8(v)) } else { UTF8.encode(scalar) { out.append($0) } }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ``collapseWhitespace(_:)`` character by character (any text).
    static func characterCollapseWhitespace(_ s: String) -> String {
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
