/// Which words a highlight analyses: those that may have one of the searched terms as their term
/// or exact form. A folded word's stem keeps the word's first scalar, and its first two when it
/// has two or more (Snowball's French suffixes lie in regions starting at the third scalar; only
/// the residual `s` goes anywhere: `es` → `e`; checked on every word of Snowball's `voc.txt`).
/// So a word is analysed when its folded form starts with the first two scalars of a term of
/// two scalars or more, or with the scalar of a one-scalar term; with the first scalar alone
/// about a quarter of a text's words were stemmed for nothing.
public struct HighlightPrefixes: Sendable {
    /// Pairs of ASCII scalars, one bit each (128 × 128 bits).
    private var asciiPairs = [UInt64](repeating: 0, count: 128 * 128 / 64)
    /// Pairs with a scalar beyond ASCII, as `first << 32 | second`.
    private var otherPairs: [UInt64] = []
    /// The scalars of one-scalar terms.
    private var singles: [UInt32] = []
    /// An empty term: every word is analysed.
    private var all = false

    /// The prefixes of `terms` (analysed terms and exact forms, as ``Token/term`` and
    /// ``Token/exact`` give them).
    public init<S: Sequence>(_ terms: S) where S.Element == String {
        for t in terms {
            var scalars = t.unicodeScalars.makeIterator()
            guard let a = scalars.next()?.value else {
                all = true
                continue
            }
            guard let b = scalars.next()?.value else {
                if !singles.contains(a) { singles.append(a) }
                continue
            }
            if a < 128, b < 128 {
                let bit = Int(a) << 7 | Int(b)
                asciiPairs[bit >> 6] |= 1 << UInt64(bit & 63)
            } else if !otherPairs.contains(UInt64(a) << 32 | UInt64(b)) {
                otherPairs.append(UInt64(a) << 32 | UInt64(b))
            }
        }
    }

    /// Whether the folded word `f` may have a term or exact form among the terms (an empty word
    /// always may).
    @inline(__always)
    func mayMatch(_ f: UnsafeBufferPointer<UInt32>) -> Bool {
        guard !all, let a = f.first else { return true }
        if !singles.isEmpty, singles.contains(a) { return true }
        guard f.count >= 2 else { return false }
        let b = f[1]
        if a < 128, b < 128 {
            let bit = Int(a) << 7 | Int(b)
            return asciiPairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }
        return !otherPairs.isEmpty && otherPairs.contains(UInt64(a) << 32 | UInt64(b))
    }
}
