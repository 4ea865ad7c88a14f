import Foundation
import OGPAnalysis

/// Groups of equivalent expressions (acronyms, translations, spelled-out names), applied when
/// searching: a query containing one expression of a group also matches the others, with the
/// ranking's `synonym` weight. Nothing changes in the index, so an edited list applies at once.
///
/// Text form (`config/synonyms.txt`): one group per line, expressions separated by `|`,
/// `#` starts a comment:
/// ```
/// PAN | plan d'action national
/// données ouvertes | open data
/// ```
/// Expressions are compared after analysis (case, accents, elision, stop words, stems), so
/// `plans d'actions nationaux` matches the second expression of the first group.
public struct SynonymList: Sendable {
    /// An expression as analysed: its terms and their positions relative to the first.
    struct Expression: Sendable, Hashable {
        var terms: [String]
        var offsets: [Int]
    }

    /// Each group's expressions.
    let groups: [[Expression]]

    /// Whether the list has no group.
    public var isEmpty: Bool { groups.isEmpty }

    /// No synonyms.
    public static let empty = SynonymList(analysed: [])

    /// Limits on a list read from a file.
    static let maxGroups = 10_000
    static let maxTerms = 16

    init(analysed: [[Expression]]) {
        groups = analysed
    }

    /// A list from groups of expressions; expressions without any searchable word are left out,
    /// and groups left with fewer than two expressions too.
    public init(groups: [[String]]) {
        self.init(tokenGroups: groups.map { $0.map { Analyzer.french.tokens($0) } })
    }

    /// A list from groups of analysed expressions (each analysed once, also when parsed).
    private init(tokenGroups: [[[Token]]]) {
        var out: [[Expression]] = []
        for g in tokenGroups {
            var seen = Set<[String]>()
            let exprs = g.map { tokens -> Expression in
                let first = tokens.first?.position ?? 0
                return Expression(terms: tokens.map(\.term), offsets: tokens.map { $0.position - first })
            }.filter { !$0.terms.isEmpty && seen.insert($0.terms).inserted }
            if exprs.count >= 2 { out.append(exprs) }
        }
        self.init(analysed: out)
    }

    /// Parses the text form. Throws `.invalidInput` naming the line of a group with fewer than two
    /// expressions, an expression of more than 16 words or more than 10,000 groups.
    public static func parse(_ text: String, file: String = "synonyms") throws(IndexError) -> SynonymList {
        var groups: [[[Token]]] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let exprs = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            guard exprs.count >= 2 else {
                throw IndexError(
                    .invalidInput, "\(file):\(i + 1): a group needs at least two expressions separated by |")
            }
            let analysed = exprs.map { Analyzer.french.tokens($0) }
            for (e, tokens) in zip(exprs, analysed) where tokens.count > maxTerms {
                throw IndexError(.invalidInput, "\(file):\(i + 1): `\(e)` has more than \(maxTerms) words")
            }
            groups.append(analysed)
            guard groups.count <= maxGroups else {
                throw IndexError(.invalidInput, "\(file): more than \(maxGroups) groups")
            }
        }
        return SynonymList(tokenGroups: groups)
    }

    /// Every match of an expression in `terms` (the query's analysed words, nil where a word
    /// cannot take part: phrase, field, OR): its start, length and the group's other expressions.
    func matches(in terms: [String?]) -> [(start: Int, count: Int, others: [Expression])] {
        var out: [(Int, Int, [Expression])] = []
        for g in groups {
            for (ei, e) in g.enumerated() where e.terms.count <= terms.count {
                for start in 0...(terms.count - e.terms.count) {
                    var ok = true
                    for (j, t) in e.terms.enumerated() where terms[start + j] != t {
                        ok = false
                        break
                    }
                    if ok {
                        out.append((start, e.terms.count, g.enumerated().filter { $0.offset != ei }.map(\.element)))
                    }
                }
            }
        }
        return out
    }
}
