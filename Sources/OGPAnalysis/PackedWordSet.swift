/// A small set of short ASCII words (at most 8 bytes), each packed into a `UInt64` and kept in
/// an open-addressing table, so a lookup is a few multiplications and comparisons, no hashing of
/// strings. The French stop words and elision prefixes are two such sets.
struct PackedWordSet: Sendable {
    private var slots: [UInt64]
    private let mask: Int

    /// Builds a set from `words`; a word that is not ASCII or longer than 8 bytes is skipped
    /// (callers fold first).
    init<S: Sequence>(_ words: S) where S.Element == String {
        let keys = words.compactMap { word in
            word.unicodeScalars.map(\.value).withUnsafeBufferPointer { Self.pack($0) }
        }
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for key in keys { insert(key) }
    }

    private mutating func insert(_ key: UInt64) {
        var i = Self.slot(key, mask)
        while slots[i] != 0 {
            if slots[i] == key { return }
            i = (i + 1) & mask
        }
        slots[i] = key
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Packs 1–8 ASCII scalars into a non-zero key, or nil.
    @inline(__always)
    static func pack(_ word: UnsafeBufferPointer<UInt32>) -> UInt64? {
        guard !word.isEmpty, word.count <= 8 else { return nil }
        var key: UInt64 = 0
        for v in word {
            guard v < 0x80, v != 0 else { return nil }
            key = key << 8 | UInt64(v)
        }
        return key
    }

    /// Whether the scalars `word` form a word of the set.
    @inline(__always)
    func contains(_ word: UnsafeBufferPointer<UInt32>) -> Bool {
        guard let key = Self.pack(word) else { return false }
        var i = Self.slot(key, mask)
        while true {
            let s = slots[i]
            if s == key { return true }
            if s == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// Whether `word` (a string) is in the set.
    func contains(_ word: String) -> Bool {
        word.unicodeScalars.map(\.value).withUnsafeBufferPointer { contains($0) }
    }
}

extension PackedWordSet {
    /// The 154 French stop words of Snowball's list as shipped by Lucene (`french_stop.txt`, the
    /// list Elasticsearch calls `_french_`), accent-folded: they are compared with folded words.
    static let frenchStopWords = PackedWordSet(frenchStopList.map(foldASCII))

    /// The list as published (`corpus/snowball-french/stop.txt`, in its order).
    static let frenchStopList: [String] = [
        "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux",
        "il", "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon",
        "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa",
        "se", "ses", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre",
        "vous", "c", "d", "j", "l", "à", "m", "n", "s", "t", "y", "étée", "étées", "étant", "suis",
        "es", "êtes", "sont", "serai", "seras", "sera", "serons", "serez", "seront", "serais",
        "serait", "serions", "seriez", "seraient", "étais", "était", "étions", "étiez", "étaient",
        "fus", "fut", "fûmes", "fûtes", "furent", "sois", "soit", "soyons", "soyez", "soient",
        "fusse", "fusses", "fussions", "fussiez", "fussent", "ayant", "eu", "eue", "eues", "eus",
        "ai", "avons", "avez", "ont", "aurai", "aurons", "aurez", "auront", "aurais", "aurait",
        "aurions", "auriez", "auraient", "avais", "avait", "aviez", "avaient", "eut", "eûmes",
        "eûtes", "eurent", "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse", "eusses", "eût",
        "eussions", "eussiez", "eussent", "ceci", "cela", "celà", "cet", "cette", "ici", "ils",
        "les", "leurs", "quel", "quels", "quelle", "quelles", "sans", "soi",
    ]

    /// Prefixes dropped before an apostrophe: `l' m' t' qu' n' s' j' d' c' jusqu' quoiqu'
    /// lorsqu' puisqu'` (compared lower-case, before folding).
    static let frenchElisions = PackedWordSet([
        "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
    ])

    /// Folds a list word with the shared tables (`même` → `meme`).
    private static func foldASCII(_ word: String) -> String {
        var out: [UInt32] = []
        for s in word.unicodeScalars { CharacterTables.shared.appendFold(s.value, to: &out) }
        var view = String.UnicodeScalarView()
        for v in out { if let s = Unicode.Scalar(v) { view.append(s) } }
        return String(view)
    }
}
