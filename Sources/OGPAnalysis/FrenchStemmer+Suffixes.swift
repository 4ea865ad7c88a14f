/// The backward routines of the French stemmer: standard, verb and residual suffixes,
/// undoubling and the final `é`/`è` → `e`. Each mirrors the routine of the same name in the
/// generated Snowball code (`r_standard_suffix`, `r_i_verb_suffix`, ...).
extension FrenchStemmer {
    /// Replacement strings.
    private enum L {
        static var ic: Lit { Lit(0x69, 0x63) }
        static var iqU: Lit { Lit(0x69, 0x71, 0x55) }
        static var log: Lit { Lit(0x6C, 0x6F, 0x67) }
        static var u: Lit { Lit(0x75) }
        static var ent: Lit { Lit(0x65, 0x6E, 0x74) }
        static var at: Lit { Lit(0x61, 0x74) }
        static var eux: Lit { Lit(0x65, 0x75, 0x78) }
        static var abl: Lit { Lit(0x61, 0x62, 0x6C) }
        static var eau: Lit { Lit(0x65, 0x61, 0x75) }
        static var al: Lit { Lit(0x61, 0x6C) }
        static var ou: Lit { Lit(0x6F, 0x75) }
        static var ant: Lit { Lit(0x61, 0x6E, 0x74) }
        static var i: Lit { Lit(0x69) }
        static var e: Lit { Lit(0x65) }
        static var c: Lit { Lit(0x63) }
        static var hi: Lit { Lit(0x48, 0x69) }
    }

    /// The main suffix step of `stem`: standard, `-i-` verb or other verb suffix, then `Y` →
    /// `i` and `ç` → `c`; or, if none applied, the residual suffixes.
    mutating func suffixes() {
        let v3 = limit - cursor
        let v4 = limit - cursor
        let v6 = limit - cursor
        var done = standardSuffix()
        if !done { cursor = limit - v6; done = iVerbSuffix() }
        if !done { cursor = limit - v6; done = verbSuffix() }
        if done {
            cursor = limit - v4
            let v7 = limit - cursor
            ket = cursor
            if before() == 0x59 {
                cursor -= 1; bra = cursor; sliceFrom(L.i)
            } else if before() == 0xE7 {
                cursor -= 1; bra = cursor; sliceFrom(L.c)
            } else {
                cursor = limit - v7
            }
        } else {
            cursor = limit - v4
            _ = residualSuffix()
        }
        cursor = limit - v3
    }

    /// `g_oux_ending`: `b h j l n p`.
    static func isOuxEnding(_ c: UInt32) -> Bool {
        switch c {
        case 0x62, 0x68, 0x6A, 0x6C, 0x6E, 0x70: return true
        default: return false
        }
    }

    /// `g_keep_with_s`: `a i o s u è`.
    static func isKeptWithS(_ c: UInt32) -> Bool {
        switch c {
        case 0x61, 0x69, 0x6F, 0x73, 0x75, 0xE8: return true
        default: return false
        }
    }

    /// Deletes the slice if in R2, else replaces it with `alternative`.
    private mutating func deleteInR2(else alternative: Lit) {
        if inR2 { sliceDel() } else { sliceFrom(alternative) }
    }

    mutating func standardSuffix() -> Bool {
        ket = cursor
        let among = findAmongB(tables.standard)
        if among == 0 { return false }
        bra = cursor
        switch among {
        case 1: guard inR2 else { return false }; sliceDel()
        case 2:
            guard inR2 else { return false }
            sliceDel()
            let v1 = limit - cursor
            ket = cursor
            if eqB(L.ic) { bra = cursor; deleteInR2(else: L.iqU) } else { cursor = limit - v1 }
        case 3: guard inR2 else { return false }; sliceFrom(L.log)
        case 4: guard inR2 else { return false }; sliceFrom(L.u)
        case 5: guard inR2 else { return false }; sliceFrom(L.ent)
        case 6:
            guard inRV else { return false }
            sliceDel()
            afterEment()
        case 7:
            guard inR2 else { return false }
            sliceDel()
            let v5 = limit - cursor
            ket = cursor
            let sub = findAmongB(tables.afterIte)
            if sub == 0 { cursor = limit - v5; break }
            bra = cursor
            switch sub {
            case 1: deleteInR2(else: L.abl)
            case 2: deleteInR2(else: L.iqU)
            default: if inR2 { sliceDel() } else { cursor = limit - v5 }
            }
        case 8:
            guard inR2 else { return false }
            sliceDel()
            let v8 = limit - cursor
            ket = cursor
            guard eqB(L.at) else { cursor = limit - v8; break }
            bra = cursor
            guard inR2 else { cursor = limit - v8; break }
            sliceDel()
            ket = cursor
            guard eqB(L.ic) else { cursor = limit - v8; break }
            bra = cursor
            deleteInR2(else: L.iqU)
        case 9: sliceFrom(L.eau)
        case 10: guard inR1 else { return false }; sliceFrom(L.al)
        case 11:
            guard inGroupingB(FrenchStemmer.isOuxEnding) else { return false }
            sliceFrom(L.ou)
        case 12:
            if inR2 {
                sliceDel()
            } else {
                guard inR1 else { return false }
                sliceFrom(L.eux)
            }
        case 13:
            guard inR1, outGroupingB(FrenchStemmer.isVowel) else { return false }
            sliceDel()
        case 14:
            guard inRV else { return false }
            sliceFrom(L.ant)
            return false
        case 15:
            guard inRV else { return false }
            sliceFrom(L.ent)
            return false
        default:
            let v11 = limit - cursor
            guard inGroupingB(FrenchStemmer.isVowel), inRV else { return false }
            cursor = limit - v11
            sliceDel()
            return false
        }
        return true
    }

    /// The optional step after deleting `-ement(s)` (result 6 of the standard suffixes).
    private mutating func afterEment() {
        let v3 = limit - cursor
        ket = cursor
        let sub = findAmongB(tables.afterEment)
        if sub == 0 { cursor = limit - v3; return }
        bra = cursor
        switch sub {
        case 1:
            guard inR2 else { cursor = limit - v3; return }
            sliceDel()
            ket = cursor
            guard eqB(L.at) else { cursor = limit - v3; return }
            bra = cursor
            guard inR2 else { cursor = limit - v3; return }
            sliceDel()
        case 2:
            if inR2 { sliceDel() } else if inR1 { sliceFrom(L.eux) } else { cursor = limit - v3 }
        case 3:
            guard inR2 else { cursor = limit - v3; return }
            sliceDel()
        default:
            guard inRV else { cursor = limit - v3; return }
            sliceFrom(L.i)
        }
    }

    mutating func iVerbSuffix() -> Bool {
        guard cursor >= pV else { return false }
        let v2 = limitBackward
        limitBackward = pV
        defer { limitBackward = v2 }
        ket = cursor
        if findAmongB(tables.iVerb) == 0 { return false }
        bra = cursor
        if before() == 0x48 { cursor -= 1; return false }
        guard outGroupingB(FrenchStemmer.isVowel) else { return false }
        sliceDel()
        return true
    }

    mutating func verbSuffix() -> Bool {
        guard cursor >= pV else { return false }
        let v2 = limitBackward
        limitBackward = pV
        ket = cursor
        let among = findAmongB(tables.verb)
        if among == 0 { limitBackward = v2; return false }
        bra = cursor
        limitBackward = v2
        switch among {
        case 1: guard inR2 else { return false }; sliceDel()
        case 2: sliceDel()
        case 3:
            let v3 = limit - cursor
            if before() == 0x65 {
                cursor -= 1
                if inRV { bra = cursor } else { cursor = limit - v3 }
            }
            sliceDel()
        default:
            let v4 = limit - cursor
            let keep = findAmongB(tables.keepAis)
            if keep != 0 {
                if keep != 1 { return false }
                if cursor > limitBackward {
                    cursor -= 1
                    if cursor <= limitBackward { return false }
                }
            }
            cursor = limit - v4
            sliceDel()
        }
        return true
    }

    mutating func residualSuffix() -> Bool {
        let v1 = limit - cursor
        ket = cursor
        if before() == 0x73 {
            cursor -= 1
            bra = cursor
            let v2 = limit - cursor
            if eqB(L.hi) || outGroupingB(FrenchStemmer.isKeptWithS) {
                cursor = limit - v2
                sliceDel()
            } else {
                cursor = limit - v1
            }
        } else {
            cursor = limit - v1
        }
        guard cursor >= pV else { return false }
        let v4 = limitBackward
        limitBackward = pV
        defer { limitBackward = v4 }
        ket = cursor
        let among = findAmongB(tables.residual)
        if among == 0 { return false }
        bra = cursor
        switch among {
        case 1:
            guard inR2 else { return false }
            guard let c = before(), c == 0x73 || c == 0x74 else { return false }
            cursor -= 1
            sliceDel()
        case 2: sliceFrom(L.i)
        default: sliceDel()
        }
        return true
    }

    mutating func unDouble() -> Bool {
        let v1 = limit - cursor
        if findAmongB(tables.double) == 0 { return false }
        cursor = limit - v1
        ket = cursor
        guard cursor > limitBackward else { return false }
        cursor -= 1
        bra = cursor
        sliceDel()
        return true
    }

    mutating func unAccent() -> Bool {
        var count = 1
        while outGroupingB(FrenchStemmer.isVowel) { count -= 1 }
        if count > 0 { return false }
        ket = cursor
        guard let c = before(), c == 0xE9 || c == 0xE8 else { return false }
        cursor -= 1
        bra = cursor
        sliceFrom(L.e)
        return true
    }
}
