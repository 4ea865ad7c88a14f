/// The forward routines of the French stemmer: elisions, the prelude that marks vowels used as
/// consonants, the regions RV, R1 and R2, and the postlude that unmarks. Each mirrors the routine
/// of the same name in the generated Snowball code (`r_elisions`, `r_prelude`, ...).
extension FrenchStemmer {
    /// Drops a leading `c' d' j' l' m' n' s' t' qu'` (ASCII apostrophe) if something follows.
    mutating func elisions() -> Bool {
        bra = cursor
        if let c = at(), FrenchStemmer.isElisionLetter(c) {
            cursor += 1
        } else if cursor + 2 <= limit, w[cursor] == 0x71, w[cursor + 1] == 0x75 {
            cursor += 2
        } else {
            return false
        }
        guard at() == 0x27 else { return false }
        cursor += 1
        ket = cursor
        guard cursor < limit else { return false }
        sliceDel()
        return true
    }

    /// `g_elision_char`: `c d j l m n s t`.
    static func isElisionLetter(_ c: UInt32) -> Bool {
        switch c {
        case 0x63, 0x64, 0x6A, 0x6C, 0x6D, 0x6E, 0x73, 0x74: return true
        default: return false
        }
    }

    /// Marks `u`/`i` between vowels, `y` next to a vowel, `u` after `q`, and diaereses.
    mutating func prelude() {
        while true {
            let v2 = cursor
            var found = false
            while true {
                if preludeAlternative() {
                    found = true
                    break
                }
                guard cursor < limit else { break }
                cursor += 1
            }
            if !found { cursor = v2; return }
        }
    }

    /// One attempt of the prelude's `goto (...)` at the cursor; on success the cursor is back
    /// where the attempt started (Snowball's `goto`).
    private mutating func preludeAlternative() -> Bool {
        let v3 = cursor
        let isV = FrenchStemmer.isVowel
        // Fast rejection: every alternative starts with a vowel or `q`, and after a vowel other
        // than `y ë ï` only `u`, `i` or `y` can follow a match.
        guard cursor < limit else { return false }
        let c0 = w[cursor]
        if c0 == 0x71 {
            // `q`: only the last alternative.
        } else if !isV(c0) {
            return false
        } else if c0 != 0x79, c0 != 0xEB, c0 != 0xEF {
            guard cursor + 1 < limit else { return false }
            let n = w[cursor + 1]
            if n != 0x75, n != 0x69, n != 0x79 { return false }
        }
        let upU = Lit(0x55), upI = Lit(0x49), upY = Lit(0x59)
        if let c = at(), isV(c) {
            cursor += 1
            bra = cursor
            let v4 = cursor
            if at() == 0x75 {
                cursor += 1; ket = cursor
                if let n = at(), isV(n) { cursor += 1; sliceFrom(upU); cursor = v3; return true }
            }
            cursor = v4
            if at() == 0x69 {
                cursor += 1; ket = cursor
                if let n = at(), isV(n) { cursor += 1; sliceFrom(upI); cursor = v3; return true }
            }
            cursor = v4
            if at() == 0x79 {
                cursor += 1; ket = cursor
                sliceFrom(upY); cursor = v3; return true
            }
        }
        cursor = v3
        bra = cursor
        if at() == 0xEB { cursor += 1; ket = cursor; sliceFrom(Lit(0x48, 0x65)); cursor = v3; return true }
        cursor = v3
        bra = cursor
        if at() == 0xEF { cursor += 1; ket = cursor; sliceFrom(Lit(0x48, 0x69)); cursor = v3; return true }
        cursor = v3
        bra = cursor
        if at() == 0x79 {
            cursor += 1; ket = cursor
            if let n = at(), isV(n) { cursor += 1; sliceFrom(upY); cursor = v3; return true }
        }
        cursor = v3
        if at() == 0x71 {
            cursor += 1
            bra = cursor
            if at() == 0x75 { cursor += 1; ket = cursor; sliceFrom(upU); cursor = v3; return true }
        }
        cursor = v3
        return false
    }

    /// Sets RV (`pV`), R1 (`p1`) and R2 (`p2`).
    mutating func markRegions() {
        let isV = FrenchStemmer.isVowel
        pV = limit; p1 = limit; p2 = limit
        let v1 = cursor
        rv: do {
            if cursor + 2 < limit, isV(w[cursor]), isV(w[cursor + 1]) {
                cursor += 3
                pV = cursor
                break rv
            }
            if let r = prefixAmongRV() {
                cursor += r
                pV = cursor
                break rv
            }
            guard cursor < limit else { break rv }
            cursor += 1
            while cursor < limit, !isV(w[cursor]) { cursor += 1 }
            guard cursor < limit else { break rv }
            cursor += 1
            pV = cursor
        }
        cursor = v1
        regions: do {
            while cursor < limit, !isV(w[cursor]) { cursor += 1 }
            guard cursor < limit else { break regions }
            cursor += 1
            while cursor < limit, isV(w[cursor]) { cursor += 1 }
            guard cursor < limit else { break regions }
            cursor += 1
            p1 = cursor
            while cursor < limit, !isV(w[cursor]) { cursor += 1 }
            guard cursor < limit else { break regions }
            cursor += 1
            while cursor < limit, isV(w[cursor]) { cursor += 1 }
            guard cursor < limit else { break regions }
            cursor += 1
            p2 = cursor
        }
        cursor = v1
    }

    /// `a_0` at the cursor: `col`, `par`, `tap`, or `ni` before a vowel; the matched length.
    private func prefixAmongRV() -> Int? {
        guard cursor + 2 <= limit else { return nil }
        let a = w[cursor], b = w[cursor + 1]
        if cursor + 3 <= limit {
            let c = w[cursor + 2]
            if (a == 0x63 && b == 0x6F && c == 0x6C) || (a == 0x70 && b == 0x61 && c == 0x72)
                || (a == 0x74 && b == 0x61 && c == 0x70)
            {
                return 3
            }
            if a == 0x6E, b == 0x69, FrenchStemmer.isVowel(c) { return 3 }
        }
        return nil
    }

    /// Turns the prelude's markers back: `I U Y` → `i u y`, `He` → `ë`, `Hi` → `ï`, `H` dropped.
    mutating func postlude() {
        while cursor < limit {
            bra = cursor
            let c = w[cursor]
            switch c {
            case 0x48:
                if cursor + 1 < limit, w[cursor + 1] == 0x65 {
                    ket = cursor + 2; cursor = ket; sliceFrom(Lit(0xEB))
                } else if cursor + 1 < limit, w[cursor + 1] == 0x69 {
                    ket = cursor + 2; cursor = ket; sliceFrom(Lit(0xEF))
                } else {
                    ket = cursor + 1; cursor = ket; sliceDel()
                }
            case 0x49: ket = cursor + 1; cursor = ket; sliceFrom(Lit(0x69))
            case 0x55: ket = cursor + 1; cursor = ket; sliceFrom(Lit(0x75))
            case 0x59: ket = cursor + 1; cursor = ket; sliceFrom(Lit(0x79))
            default: cursor += 1
            }
        }
    }
}
