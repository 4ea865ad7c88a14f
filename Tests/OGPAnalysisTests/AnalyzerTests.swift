import Foundation
import OGPAnalysis
import Testing

/// One test per step of the French chain.
@Suite("French analysis chain")
struct AnalyzerTests {
    let fr = Analyzer.french

    func terms(_ text: String, _ analyzer: Analyzer = .french) -> [String] {
        analyzer.tokens(text).map(\.term)
    }

    func exacts(_ text: String, _ analyzer: Analyzer = .french) -> [String] {
        analyzer.tokens(text).map(\.exact)
    }

    @Test("apostrophes ’ ‘ ʼ ′ ` ´ read as ' and elided alike")
    func apostrophes() {
        for apostrophe in ["'", "’", "‘", "ʼ", "′", "`", "´"] {
            #expect(exacts("l\(apostrophe)eau") == ["eau"], "\(apostrophe)")
            #expect(exacts("aujourd\(apostrophe)hui") == ["aujourd'hui"], "\(apostrophe)")
        }
        // Outside a word an apostrophe separates.
        #expect(exacts("’quote’ l’") == ["quote"])
    }

    @Test("hyphens, dashes and French punctuation split")
    func separators() {
        #expect(exacts("Île-de-France", Analyzer(stemming: .none, stopWords: false)) == ["ile", "de", "france"])
        #expect(
            exacts("«\u{A0}Paris\u{A0}» – Lyon — Nice… Metz·Brest\u{2003}Caen • Rouen 2021/2023")
                == ["paris", "lyon", "nice", "metz", "brest", "caen", "rouen", "2021", "2023"])
        #expect(exacts("covid19 x2") == ["covid19", "x2"])
        // Soft hyphens and joiners inside a word vanish; at its edge they separate.
        #expect(exacts("environ\u{AD}nement \u{AD}eau\u{200D}") == ["environnement", "eau"])
        #expect(fr.tokens("environ\u{AD}nement").map(\.end) == [15])
    }

    @Test("single letters joined by dots are one word: R.G.P.D. as RGPD, S.N.C.F, l’O.N.U.")
    func dottedAcronyms() {
        #expect(terms("le R.G.P.D. s'applique") == terms("le RGPD s'applique"))
        #expect(exacts("S.N.C.F U.S.A. e.g.") == ["sncf", "usa", "eg"])
        #expect(exacts("l’O.N.U. et l'O.N.U") == ["onu", "onu"])
        // The token spans the letters and their inner dots.
        let text = "voir R.G.P.D. texte"
        let bytes = Array(text.utf8)
        let spans = fr.tokens(text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        #expect(spans == ["voir", "R.G.P.D", "texte"])
        // Not an acronym: an initial before a name, abbreviations of several letters, spaced
        // letters, a letter before a digit.
        #expect(exacts("M. Dupont M.Dupont", Analyzer(stemming: .none)) == ["dupont", "dupont"])
        #expect(exacts("p.ex. J.-C. Decaux", Analyzer(stemming: .none, stopWords: false)) == ["p", "ex", "j", "c", "decaux"])
        #expect(exacts("R. G. P.", Analyzer(stopWords: false)) == ["r", "g", "p"])
        #expect(exacts("a.b.c1 v.2", Analyzer(stopWords: false)) == ["ab", "c1", "v", "2"])
        // Inclusive writing: the endings after a word's dot stay apart.
        #expect(exacts("élu.e.s citoyen.ne.s", Analyzer(stemming: .none, stopWords: false)) == ["elu", "e", "s", "citoyen", "ne", "s"])
    }

    @Test("lower case, with an ASCII fast path and full Unicode")
    func lowercase() {
        #expect(exacts("ÉCOLOGIE", Analyzer(stemming: .none)) == ["ecologie"])
        #expect(terms("ÉCOLOGIE") == terms("écologie"))
        #expect(exacts("ŒUVRE ΣΟΦΙΑ ДАННЫЕ", Analyzer(stemming: .none)) == ["oeuvre", "σοφια", "данные"])
    }

    @Test("elision of l' m' t' qu' n' s' j' d' c' jusqu' quoiqu' lorsqu' puisqu', not aujourd'hui")
    func elision() {
        let plain = Analyzer(stemming: .none, stopWords: false)
        for prefix in ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu", "L", "QU"] {
            #expect(exacts("\(prefix)’ouverture", plain) == ["ouverture"], "\(prefix)")
        }
        #expect(exacts("aujourd’hui presqu’île", plain) == ["aujourd'hui", "presqu'ile"])
        #expect(exacts("qu’aujourd’hui", plain) == ["aujourd'hui"])
    }

    @Test("stop words dropped after folding, their positions kept")
    func stopWords() {
        let tokens = fr.tokens("La transition de l’économie et même MEME du territoire")
        #expect(tokens.map(\.exact) == ["transition", "economie", "territoire"])
        #expect(tokens.map(\.position) == [1, 3, 8])
        #expect(fr.isStopWord("même") && fr.isStopWord("MEME") && fr.isStopWord("à") && !fr.isStopWord("données"))
        #expect(fr.analyzeWord("Les") == nil)
        let kept = Analyzer(stopWords: false).tokens("la transition")
        #expect(kept.map(\.exact) == ["la", "transition"])
        #expect(kept.map(\.position) == [0, 1])
    }

    @Test("the embedded stop list is stop.txt's 154 words")
    func stopList() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/snowball/stop", withExtension: "txt"))
        let words = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(words.count == 154)
        #expect(Analyzer.frenchStopWords == words)
        for word in words { #expect(fr.isStopWord(word), "\(word)") }
    }

    @Test("accent folding: NFD marks dropped, œ → oe, æ → ae, decomposed input")
    func folding() {
        let plain = Analyzer(stemming: .none)
        #expect(
            exacts("Œuvre cœur ex æquo Noël naïf garçon", plain) == [
                "oeuvre", "coeur", "ex", "aequo", "noel", "naif", "garcon",
            ])
        #expect(exacts("Ecologie\u{301} e\u{301}cole", plain) == ["ecologie", "ecole"])
        #expect(terms("e\u{301}cole") == terms("école"))
        #expect(fr.fold("L’Œuvre ÉCOLOGIQUE") == "l’oeuvre ecologique")
    }

    @Test("offsets are byte ranges of the original text")
    func offsets() {
        let text = "Île-de-France : l’environnement, «\u{A0}données\u{A0}»"
        let bytes = Array(text.utf8)
        let tokens = fr.tokens(text)
        let spans = tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        #expect(spans == ["Île", "France", "environnement", "données"])
        #expect(tokens.map(\.position) == [0, 2, 3, 4])
    }

    @Test("l’environnement and environnement give the same term")
    func elidedSameTerm() {
        #expect(terms("l’environnement") == terms("environnement"))
        #expect(terms("L'ENVIRONNEMENT") == terms("environnement"))
    }

    @Test("données, donnees and DONNÉES give the same term")
    func accentsSameTerm() {
        let expected = terms("données")
        #expect(expected.count == 1)
        #expect(terms("donnees") == expected)
        #expect(terms("DONNÉES") == expected)
        #expect(terms("Donnée") == expected)
        #expect(fr.tokens("DONNÉES").first?.exact == "donnees")
    }

    @Test("environnementales and environnemental give the same term")
    func stemmedSameTerm() {
        #expect(terms("environnementales") == terms("environnemental"))
        #expect(terms("Environnementales") == ["environnemental"])
        #expect(fr.tokens("environnementales").first?.exact == "environnementales")
        #expect(fr.analyzeWord("Environnementales") == "environnemental")
    }

    @Test("accented-word stemming is Snowball's, folded afterwards")
    func accentedStemming() {
        let accented = Analyzer(stemming: .accentedWord)
        #expect(terms("données", accented) == ["don"])
        #expect(terms("donnees", accented) == ["donne"])
        #expect(Analyzer.snowballStem("écologie") == "écolog")
    }

    @Test("query tokens keep stop words inside quotes, with the same positions")
    func queryTokens() {
        let query = fr.queryTokens("\"données de l’environnement\" de paris « tour de france »")
        #expect(query.map(\.exact) == ["donnees", "de", "environnement", "paris", "tour", "de", "france"])
        #expect(query.map(\.position) == [0, 1, 2, 4, 5, 6, 7])
        #expect(fr.tokens("\"données de l’environnement\"").map(\.position) == [0, 2])
    }

    @Test("the per-thread term cache gives the same tokens as the uncached chain")
    func cache() {
        let text = "Données ouvertes : les données environnementales, données DONNÉES donnees"
        let first = fr.tokens(text)
        let again = fr.tokens(text)
        #expect(first == again)
        let plainTerms = Analyzer(stemming: .foldedWord, stopWords: false).tokens(text)
            .filter { !fr.isStopWord($0.exact) }.map(\.term)
        #expect(first.map(\.term) == plainTerms)
    }

    @Test("concurrent analysis gives the same tokens as sequential")
    func concurrent() async {
        let texts = (0..<64).map { "Texte \($0) : l’accès aux données publiques environnementales n°\($0)" }
        let expected = texts.map { fr.tokens($0) }
        let results = await withTaskGroup(of: (Int, [Token]).self) { group in
            for (i, text) in texts.enumerated() {
                group.addTask { (i, Analyzer.french.tokens(text)) }
            }
            var out = [[Token]](repeating: [], count: texts.count)
            for await (i, tokens) in group { out[i] = tokens }
            return out
        }
        #expect(results == expected)
    }

    @Test("edge cases: empty text, lone marks, long words, digits")
    func edges() {
        #expect(fr.tokens("").isEmpty)
        #expect(fr.tokens(" \u{301} ’ - ").isEmpty)
        // Words stop at 255 scalars (the rest is the next word); past 64 they are not stemmed.
        let long = String(repeating: "ab", count: 200)
        #expect(terms(long) == [String(long.prefix(255)), String(long.dropFirst(255))])
        let tokens = fr.tokens(long)
        #expect(tokens.map(\.start) == [0, 255] && tokens.map(\.end) == [255, 400])
        #expect(tokens.map(\.position) == [0, 1])
        #expect(terms("2021 1er") == ["2021", "1er"])
    }
}
