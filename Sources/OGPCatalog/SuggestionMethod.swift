import Foundation
import OGPAnalysis
import OGPIndex
import OGPModel
import OGPStore

/// How the datasets suggested for a commitment are chosen: the query sent to the index, the
/// evidence a dataset must show, and the score thresholds. ``current`` is what ogp uses;
/// ``baseline`` is the first method (kept to measure against: `Benchmarks/suggestions`).
///
/// Tuned on half of a judged set (`Tests/OGPCatalogTests/Fixtures/suggestions/`), measured on
/// the other half; the figures are in that folder's README.
public struct SuggestionMethod: Sendable, Hashable, CustomStringConvertible {
    /// What the index is asked.
    public enum QueryText: String, Sendable, Hashable, CaseIterable {
        /// Title, summary and milestones, every word (the first method).
        case wholeText
        /// Title and milestones only: the commitment's subject, without the summary's context.
        case titleAndMilestones
        /// Title and milestones, plus the summary's few most distinctive words.
        case titleMilestonesAndDistinctive
    }

    /// Which of a dataset's fields must share the commitment's subject words.
    public enum Evidence: String, Sendable, Hashable, CaseIterable {
        /// Title and short description (the first method).
        case titleAndSummary
        /// Title and tags: what the dataset is about, not what its description mentions.
        case titleAndTags
    }

    public var query: QueryText
    public var evidence: Evidence
    /// Scores below this are noise: one common word matched.
    public var minimumScore: Double
    /// A suggestion must score at least this fraction of the commitment's best suggestion.
    public var relativeFloor: Double
    /// Subject words a dataset must share with the commitment (in its evidence fields).
    public var minimumShared: Int
    /// Whether one of the shared words must come from the commitment's title (else from its
    /// title or milestones).
    public var sharedFromTitleOnly: Bool
    /// A word found in more than this share of the catalogue's datasets says nothing of a
    /// subject (`données`, `public`): it is not a subject word (1: no such rule).
    public var maxDocumentShare: Double
    /// Distinctive summary words added to the query (``QueryText/titleMilestonesAndDistinctive``).
    public var distinctiveWords: Int
    /// A word in at least 3 of the catalogue's commitments and more than this share of them is
    /// the plans' common vocabulary (« action publique », « citoyens »), not one commitment's
    /// subject (1: no such rule).
    public var maxCommitmentShare: Double = 1
    /// Whether two adjacent words of the commitment found adjacent in the dataset's title
    /// (« données environnementales ») count as two shared words, one of them generic.
    public var phrases = false
    /// Whether the milestones' verbs (« associer », « faciliter »…) are left out of the subject
    /// words too, besides the titles' verbs.
    public var ignoreMilestoneVerbs: Bool

    public init(
        query: QueryText, evidence: Evidence, minimumScore: Double, relativeFloor: Double, minimumShared: Int,
        sharedFromTitleOnly: Bool, maxDocumentShare: Double, distinctiveWords: Int = 0, ignoreMilestoneVerbs: Bool = false
    ) {
        self.query = query
        self.evidence = evidence
        self.minimumScore = minimumScore
        self.relativeFloor = relativeFloor
        self.minimumShared = minimumShared
        self.sharedFromTitleOnly = sharedFromTitleOnly
        self.maxDocumentShare = maxDocumentShare
        self.distinctiveWords = distinctiveWords
        self.ignoreMilestoneVerbs = ignoreMilestoneVerbs
    }

    var ignoredWords: Set<String> {
        ignoreMilestoneVerbs ? CommitmentText.generic.union(CommitmentText.milestoneVerbs) : CommitmentText.generic
    }

    /// The first method: the whole text as the query, two shared words in the dataset's title or
    /// short description (one from the commitment's title), at least 8 and half the best score.
    public static let baseline = SuggestionMethod(
        query: .wholeText, evidence: .titleAndSummary, minimumScore: 8, relativeFloor: 0.5, minimumShared: 2,
        sharedFromTitleOnly: true, maxDocumentShare: 1)

    /// The method ogp uses: still ``baseline``. The variants (title and milestones as the query,
    /// evidence in title and tags, rarity rules) were tuned on the demo's 1,332 datasets and did
    /// better there on the tune half only; on the full data.gouv.fr export (121,074 datasets) the
    /// first method is the most precise and finds the most (strict P 0.48 against 0.10 to 0.40,
    /// pooled recall 0.75 against 0.03 to 0.72): see the judged sets' README.
    public static let current = baseline

    /// The variant tuned on the demo (kept to measure against, see ``current``).
    public static let demoTuned: SuggestionMethod = {
        var m = SuggestionMethod(
            query: .titleAndMilestones, evidence: .titleAndTags, minimumScore: 8, relativeFloor: 0.5, minimumShared: 2,
            sharedFromTitleOnly: false, maxDocumentShare: 0.02, ignoreMilestoneVerbs: true)
        m.maxCommitmentShare = 0.34
        return m
    }()

    public var description: String {
        "query=\(query.rawValue) evidence=\(evidence.rawValue) min=\(minimumScore) floor=\(relativeFloor) "
            + "shared=\(minimumShared)\(sharedFromTitleOnly ? "(title)" : "(title|milestones)") "
            + "maxShare=\(maxDocumentShare)" + (distinctiveWords > 0 ? " distinctive=\(distinctiveWords)" : "")
            + (ignoreMilestoneVerbs ? " no-milestone-verbs" : "")
            + (maxCommitmentShare < 1 ? " maxCommitmentShare=\(maxCommitmentShare)" : "") + (phrases ? " phrases" : "")
    }

    /// How many candidates the index is asked for, before the evidence filter.
    static let candidates = 40

    /// The suggestions of one commitment, best first, at most `limit`, each with the subject
    /// words it shares with the commitment (the reason it is suggested).
    public func suggest(
        for commitment: Record, reader: IndexReader, store: any CatalogStore,
        frequencies: DocumentFrequencies, limit: Int
    ) throws -> [SuggestedDataset] {
        guard let text = CommitmentText(commitment) else { return [] }
        let subject = text.subject(ignoring: ignoredWords) { term, word in
            if maxCommitmentShare < 1, frequencies.isCommon(term, maxShare: maxCommitmentShare) { return false }
            return maxDocumentShare >= 1 || frequencies.share(of: term, word: word, reader: reader) <= maxDocumentShare
        }
        let pairs = phrases ? text.phrases(subject: subject.all) : [:]
        let words = queryWords(text, subject: subject, frequencies: frequencies, reader: reader)
        guard !words.isEmpty else { return [] }
        let request = SearchRequest(
            query: words.joined(separator: " "), filters: ["kind": [RecordKind.dataset.rawValue]],
            limit: Self.candidates, snippets: false, typoTolerance: false, prefixLastWord: false)
        var out: [SuggestedDataset] = []
        var best: Double?
        for hit in try reader.searchIDs(request) where hit.score >= minimumScore && out.count < limit {
            let id = RecordID(rawValue: hit.id)
            guard let dataset = try store.record(id) else { continue }
            var shared = subject.all.intersection(CommitmentText.terms(evidenceText(dataset)))
            let anchor = sharedFromTitleOnly ? subject.title : subject.title.union(subject.milestones)
            var phrase: String?
            if shared.count < minimumShared, !pairs.isEmpty {
                phrase = CommitmentText.phrases(of: dataset.title).lazy.compactMap { pairs[$0] }.first
            }
            if let phrase {
                shared.formUnion(CommitmentText.terms(phrase))
            } else {
                guard shared.count >= minimumShared, !shared.isDisjoint(with: anchor) else { continue }
            }
            if best == nil { best = hit.score }
            guard hit.score >= (best ?? 0) * relativeFloor else { break }
            let matched = phrase.map { [$0] } ?? shared.compactMap { subject.words[$0] }.sorted()
            out.append(SuggestedDataset(dataset: id, score: (hit.score * 1000).rounded() / 1000, matched: matched))
        }
        return out
    }

    /// The dataset's text that must carry the shared words.
    func evidenceText(_ dataset: Record) -> String {
        switch evidence {
        case .titleAndSummary: dataset.title + " " + (dataset.summary ?? "")
        case .titleAndTags: dataset.title + " " + dataset.tags.joined(separator: " ")
        }
    }

    /// The query's words (the query syntax must not apply to a title: words only).
    func queryWords(
        _ text: CommitmentText, subject: CommitmentText.Subject, frequencies: DocumentFrequencies, reader: IndexReader
    ) -> [String] {
        let source: String
        switch query {
        case .wholeText: source = text.title + " " + text.summary + " " + text.milestones.joined(separator: " ")
        case .titleAndMilestones: source = text.title + " " + text.milestones.joined(separator: " ")
        case .titleMilestonesAndDistinctive:
            let present = subject.title.union(subject.milestones)
            let extra = subject.summary.subtracting(present).compactMap { term in
                subject.words[term].map { (term, $0) }
            }
            .sorted { a, b in
                let fa = frequencies.share(of: a.0, word: a.1, reader: reader)
                let fb = frequencies.share(of: b.0, word: b.1, reader: reader)
                return fa != fb ? fa < fb : a.0 < b.0
            }
            .prefix(distinctiveWords).map(\.1)
            source = text.title + " " + text.milestones.joined(separator: " ") + " " + extra.joined(separator: " ")
        }
        return CommitmentText.words(source)
    }
}

/// The share of the catalogue's datasets holding a term, asked of the index once per term.
public final class DocumentFrequencies: @unchecked Sendable {
    // Used by one suggestion pass at a time (not shared between threads).
    private var shares: [String: Double] = [:]
    private var datasets: Int?

    /// How many of the catalogue's commitments hold each term (see ``SuggestionMethod/maxCommitmentShare``).
    private var commitmentCounts: [String: Int] = [:]
    private var commitmentTotal = 0

    public init() {}

    /// Counts the terms of the catalogue's commitments (their French text).
    public func count(commitments: [Record]) {
        commitmentCounts = [:]
        commitmentTotal = 0
        for c in commitments {
            guard let text = CommitmentText(c) else { continue }
            commitmentTotal += 1
            let all = [text.title, text.summary] + text.milestones
            for term in CommitmentText.terms(all.joined(separator: " ")) { commitmentCounts[term, default: 0] += 1 }
        }
    }

    /// Whether `term` is in at least 3 commitments and more than `maxShare` of them.
    func isCommon(_ term: String, maxShare: Double) -> Bool {
        let n = commitmentCounts[term] ?? 0
        return n >= 3 && Double(n) > maxShare * Double(max(1, commitmentTotal))
    }

    /// The share of datasets holding `term` (an analysed term, met as `word`) in any field;
    /// 1 when unknown.
    func share(of term: String, word: String, reader: IndexReader) -> Double {
        if let known = shares[term] { return known }
        var value = 1.0
        if datasets == nil {
            datasets = (try? reader.search(Self.request(""))).map(\.total) ?? 0
        }
        // The word is searched as people type it: the index analyses it to `term`.
        if let total = datasets, total > 0, let n = try? reader.search(Self.request(word)).total {
            value = Double(n) / Double(total)
        }
        shares[term] = value
        return value
    }

    static func request(_ query: String) -> SearchRequest {
        SearchRequest(
            query: query, filters: ["kind": [RecordKind.dataset.rawValue]], limit: 0, includeHidden: true,
            snippets: false, typoTolerance: false, prefixLastWord: false)
    }
}
