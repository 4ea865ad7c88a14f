// ogp-bench-suggestions: the precision and recall of the datasets suggested for commitments,
// measured against a judged set (see Tests/OGPCatalogTests/Fixtures/suggestions/README.md).
//
//   ogp-bench-suggestions pool DATA_DIR [DEPTH]      candidates to judge (TSV), from several queries
//   ogp-bench-suggestions eval DATA_DIR JUDGED.tsv [--list] [--no-grid]
//                  baseline vs current on the tune and test halves (--list: each suggestion), and
//                  the grid of methods ranked on the tune half
import Foundation
import OGPCatalog
import OGPIndex
import OGPModel
import OGPStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ogp-bench-suggestions: \(message)\n".utf8))
    exit(64)
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: pool DATA_DIR [DEPTH] | eval DATA_DIR JUDGED.tsv") }
let dataDir = args[2]
let store: SQLiteStore
let reader: IndexReader
do {
    store = try SQLiteStore(path: dataDir + "/catalog.sqlite")
    reader = try IndexReader(directory: dataDir + "/index")
} catch {
    fail("cannot open \(dataDir): \(error)")
}

var commitments: [Record] = []
try store.forEachRecord(RecordFilter(kinds: [.commitment], includeArchived: false)) { r in
    if r.language == "fr" { commitments.append(r) }
}

switch args[1] {
case "pool":
    let depth = args.count > 3 ? Int(args[3]) ?? 15 : 15
    print("commitment\tdataset\tgrade\tfound_by\ttitle\torganization\ttags")
    for c in commitments {
        var queries: [(String, String)] = [("title", c.title)]
        let milestones = c.commitment?.milestones ?? []
        queries.append(("title+milestones", ([c.title] + milestones).joined(separator: " ")))
        queries.append(("whole", ([c.title, c.summary ?? ""] + milestones).joined(separator: " ")))
        for (i, m) in milestones.enumerated() { queries.append(("milestone\(i + 1)", m)) }
        var found: [String: [String]] = [:]
        var order: [String] = []
        for (name, q) in queries {
            let words = q.map { $0.isLetter || $0.isNumber ? $0 : " " }
            let request = SearchRequest(
                query: String(words), filters: ["kind": ["dataset"]], limit: depth, snippets: false,
                typoTolerance: false, prefixLastWord: false)
            for (rank, hit) in try reader.searchIDs(request).enumerated() {
                if found[hit.id] == nil { order.append(hit.id) }
                found[hit.id, default: []].append("\(name)#\(rank + 1)")
            }
        }
        for id in order {
            guard let d = try store.record(RecordID(rawValue: id)) else { continue }
            let org = d.extras["organization"] ?? d.dataset?.owner ?? ""
            let tags = d.tags.prefix(8).joined(separator: ",")
            print("\(c.id)\t\(id)\t?\t\((found[id] ?? []).joined(separator: " "))\t\(d.title)\t\(org)\t\(tags)")
        }
    }
case "eval":
    guard args.count > 3 else { fail("eval needs JUDGED.tsv") }
    let judged = try Judgments(path: args[3])
    let byID = Dictionary(uniqueKeysWithValues: commitments.map { ($0.id, $0) })
    let frequencies = DocumentFrequencies()
    frequencies.count(commitments: commitments)
    func run(_ method: SuggestionMethod) throws -> [RecordID: [SuggestedDataset]] {
        var out: [RecordID: [SuggestedDataset]] = [:]
        for id in judged.commitments {
            guard let c = byID[id] else { continue }
            out[id] = try DatasetSuggestions.suggest(
                for: c, reader: reader, store: store, method: method, frequencies: frequencies)
        }
        return out
    }
    let halves: [(String, Set<RecordID>)] = [("tune", judged.tune), ("test", judged.test), ("all", judged.all)]
    print("judged: \(judged.commitments.count) commitments, \(judged.relevantCount) relevant and "
          + "\(judged.borderlineCount) borderline datasets (tune: \(judged.tune.count) commitments, test: \(judged.test.count))")
    for (name, method) in [
        ("baseline", SuggestionMethod.baseline), ("current", SuggestionMethod.current),
        ("demo-tuned", SuggestionMethod.demoTuned),
    ] {
        let result = try run(method)
        print("\n\(name): \(method)")
        for (half, ids) in halves { print("  " + judged.score(result, on: ids).line(half)) }
        if name != "baseline" || args.contains("--list") {
            for id in judged.commitments {
                for s in result[id] ?? [] {
                    let title = (try store.record(s.dataset))?.title ?? "?"
                    print("    \(id.rawValue.split(separator: "-").last ?? "")  \(judged.grade(id, s.dataset).map(String.init) ?? "unjudged")  \(String(format: "%.1f", s.score))  \(title)  [\((s.matched ?? []).joined(separator: ", "))]  \(s.dataset.rawValue)")
                }
            }
        }
    }
    if args.contains("--variants") {
        // A few methods around the current one, each with its list (for judging a larger pool).
        var variants: [(String, SuggestionMethod)] = []
        var v = SuggestionMethod.demoTuned
        v.maxDocumentShare = 1
        variants.append(("demo-tuned, no catalogue-share rule", v))
        v.maxDocumentShare = 0.1
        variants.append(("demo-tuned, catalogue share 10 %", v))
        v = SuggestionMethod.demoTuned
        v.maxCommitmentShare = 1
        v.maxDocumentShare = 1
        variants.append(("demo-tuned, neither share rule", v))
        v = SuggestionMethod.baseline
        v.maxCommitmentShare = 0.34
        variants.append(("first, words common to 3 commitments left out", v))
        v = SuggestionMethod.baseline
        v.relativeFloor = 0.7
        variants.append(("first, floor 0.7 of the best", v))
        for (name, method) in variants {
            let result = try run(method)
            print("\n\(name): \(method)")
            for (half, ids) in halves { print("  " + judged.score(result, on: ids).line(half)) }
            for id in judged.commitments {
                for s in result[id] ?? [] {
                    let title = (try store.record(s.dataset))?.title ?? "?"
                    print("    \(id.rawValue.split(separator: "-").last ?? "")  \(judged.grade(id, s.dataset).map(String.init) ?? "unjudged")  \(String(format: "%.1f", s.score))  \(title)  [\((s.matched ?? []).joined(separator: ", "))]  \(s.dataset.rawValue)")
                }
            }
        }
    }
    if args.contains("--no-grid") { break }
    // The grid: every method ranked by F1 (strict) on the tune half, shown with its test figures.
    var grid: [(SuggestionMethod, Score, Score)] = []
    for query in SuggestionMethod.QueryText.allCases {
        for evidence in SuggestionMethod.Evidence.allCases {
            for share in [1.0, 0.02] {
                for floor in [0.3, 0.5] {
                    for commitmentShare in [1.0, 0.34] {
                        for phrases in [false, true] {
                            var m = SuggestionMethod(
                                query: query, evidence: evidence, minimumScore: 8, relativeFloor: floor,
                                minimumShared: 2, sharedFromTitleOnly: false, maxDocumentShare: share,
                                distinctiveWords: query == .titleMilestonesAndDistinctive ? 5 : 0,
                                ignoreMilestoneVerbs: true)
                            m.maxCommitmentShare = commitmentShare
                            m.phrases = phrases
                            let r = try run(m)
                            grid.append((m, judged.score(r, on: judged.tune), judged.score(r, on: judged.test)))
                        }
                    }
                }
            }
        }
    }
    grid.sort { ($0.1.f1, $0.1.precision, $1.0.description) > ($1.1.f1, $1.1.precision, $0.0.description) }
    print("\ngrid: \(grid.count) methods, best 15 by F1 on the tune half (strict: relevant only)")
    for (m, tune, test) in grid.prefix(15) {
        print("  tune P \(pct(tune.precision)) R \(pct(tune.recall)) F1 \(pct(tune.f1)) | test P \(pct(test.precision)) R \(pct(test.recall)) F1 \(pct(test.f1)) | \(m)")
    }
default:
    fail("unknown mode \(args[1])")
}

func pct(_ x: Double) -> String { String(format: "%.2f", x) }

/// Precision and recall of one run over some commitments.
struct Score {
    var suggested = 0, relevant = 0, borderline = 0, unjudged = 0, judgedRelevant = 0
    var precision: Double { suggested == 0 ? 0 : Double(relevant) / Double(suggested) }
    var lenientPrecision: Double { suggested == 0 ? 0 : Double(relevant + borderline) / Double(suggested) }
    var recall: Double { judgedRelevant == 0 ? 0 : Double(relevant) / Double(judgedRelevant) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    func line(_ half: String) -> String {
        "\(half): \(suggested) suggested, \(relevant) relevant, \(borderline) borderline, \(unjudged) unjudged; "
            + "P \(pct(precision)) (with borderline \(pct(lenientPrecision))) R \(pct(recall)) "
            + "(\(relevant)/\(judgedRelevant)) F1 \(pct(f1))"
    }
}

/// The judged set: `commitment<TAB>dataset<TAB>grade<TAB>…` (2 relevant, 1 borderline, 0 not),
/// `#` comments; `# split: tune c1 c3 c5` names the tune half by the commitment ids' last part.
struct Judgments {
    var grades: [RecordID: [RecordID: Int]] = [:]
    var commitments: [RecordID] = []
    var tune = Set<RecordID>()
    var test: Set<RecordID> { all.subtracting(tune) }
    var all: Set<RecordID> { Set(commitments) }

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var tuneSuffixes: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# split: tune ") {
                tuneSuffixes = Set(line.dropFirst("# split: tune ".count).split(separator: " ").map(String.init))
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix("commitment\t") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3, let g = Int(f[2]) else { continue }
            let c = RecordID(rawValue: f[0])
            if grades[c] == nil { commitments.append(c) }
            grades[c, default: [:]][RecordID(rawValue: f[1])] = g
        }
        for c in commitments where tuneSuffixes.contains(String(c.rawValue.split(separator: "-").last ?? "")) {
            tune.insert(c)
        }
    }

    func grade(_ c: RecordID, _ d: RecordID) -> Int? { grades[c]?[d] }
    var relevantCount: Int { grades.values.reduce(0) { $0 + $1.values.filter { $0 == 2 }.count } }
    var borderlineCount: Int { grades.values.reduce(0) { $0 + $1.values.filter { $0 == 1 }.count } }

    func score(_ run: [RecordID: [SuggestedDataset]], on ids: Set<RecordID>) -> Score {
        var s = Score()
        for c in ids {
            s.judgedRelevant += (grades[c] ?? [:]).values.filter { $0 == 2 }.count
            for d in run[c] ?? [] {
                s.suggested += 1
                switch grade(c, d.dataset) {
                case 2: s.relevant += 1
                case 1: s.borderline += 1
                case 0: break
                default: s.unjudged += 1
                }
            }
        }
        return s
    }
}
