import Foundation
import OGPIndex

// ogp-bench-ranking: cross-validation of the ranking parameters on a judged set.
//
//   ogp-bench-ranking INDEX QUERIES.tsv QRELS [--folds 5] [--also NAME INDEX QUERIES QRELS]...
//
// The queries are split into folds (query i in fold i mod n). For each fold, every parameter is
// tuned by coordinate descent (two passes over the grids below, starting from the literature
// defaults) on the other folds, then MRR@10 is measured on the held-out fold, with the defaults
// and with the tuned values. Per-query reciprocal ranks are cached per parameter set, so each
// set is run once. The `--also` sets are measured with the defaults and with each fold's tuned
// parameters in the first table (tuned on SPF only) and tuned on with SPF in the second (the mean
// of every set's training folds); `--measure` sets are never tuned on.

struct JudgedSet {
    let name: String
    let index: String
    let queries: [(id: String, text: String)]
    let relevant: [String: Set<String>]
}

func readSet(name: String, index: String, queries: String, qrels: String) -> JudgedSet {
    guard let q = try? String(contentsOfFile: queries, encoding: .utf8),
        let r = try? String(contentsOfFile: qrels, encoding: .utf8)
    else {
        FileHandle.standardError.write(Data("cannot read \(queries) or \(qrels)\n".utf8))
        exit(66)
    }
    var rel: [String: Set<String>] = [:]
    for line in r.split(whereSeparator: \.isNewline) {
        let p = line.split(separator: " ")
        if p.count == 4, let g = Int(p[3]), g > 0 { rel[String(p[0]), default: []].insert(String(p[2])) }
    }
    var qs: [(String, String)] = []
    for line in q.split(whereSeparator: \.isNewline) {
        let p = line.split(separator: "\t", maxSplits: 1)
        if p.count == 2, rel[String(p[0])] != nil { qs.append((String(p[0]), String(p[1]))) }
    }
    return JudgedSet(name: name, index: index, queries: qs, relevant: rel)
}

/// One point of the search space (field weight: the title's, body stays 1; `titleB`, `bodyB` < 0:
/// that field's length normalisation is `b`; `exactTitle` 1: the exact-form bonus counted in the
/// title only; `family`: the weight of a word's derivational family; `proxWin`: the proximity
/// window; `synonym`: the synonyms' weight; `delta`: BM25+'s δ).
struct Point: Hashable, CustomStringConvertible {
    var values: [Double]
    static let names = [
        "k1", "b", "title", "titleB", "exact", "prox", "allTerms", "question", "longCoord", "titleOwn", "perField",
        "family", "bodyB", "exactTitle", "proxWin", "synonym", "delta", "summary", "proxRev", "bodyCap", "titleCap", "kwTitleOwn", "kwOwnMax", "kwCoord",
    ]
    static let grids: [[Double]] = [
        [0.9, 1.2, 1.5, 1.8, 2.4],
        [0.5, 0.65, 0.75, 0.85, 0.95],
        [2, 3, 5, 8, 12],
        [-1, 0, 0.25, 0.5, 1],
        [0, 0.1, 0.3, 0.5],
        [0, 0.1, 0.25, 0.5],
        [1, 1.5, 2, 3],
        [0, 0.25, 0.5, 1],
        [0, 0.25, 0.5],
        [0, 0.5, 1, 2],
        [0],
        [0, 0.15, 0.3, 0.5, 0.9],
        [-1, 0.5, 0.65, 0.85, 0.95],
        [0, 1],
        [2, 3, 4, 5, 8],
        [0.5, 0.65, 0.8, 1],
        [0, 0.25, 0.5, 1],
        [0.25, 0.5, 1, 2],
        [0, 0.25, 0.5, 1],
        [0, 1, 2, 3, 5],
        [0, 1, 2],
        [0, 0.5, 1, 2, 3],
        [3, 4],
        [0, 0.25, 0.5, 0.75, 1],
    ]
    static let standard: Point = {
        let r = RankingParameters.standard
        return Point(values: [
            r.k1, r.b, r.fieldBoosts["title"] ?? 5, r.fieldB["title"] ?? -1, r.exactForm, r.proximity, r.allTerms,
            r.questionWords, r.longCoordination, r.fieldOwn["title"] ?? 0, r.perFieldSaturation ? 1 : 0,
            r.family, r.fieldB["body"] ?? -1, r.exactFormField == "title" ? 1 : 0, Double(r.proximityWindow),
            r.synonym, r.delta, r.fieldBoosts["summary"] ?? 2, r.proximityReversed,
            r.frequencyCap["body"] ?? 0, r.frequencyCap["title"] ?? 0, r.keywordFieldOwn["title"] ?? 0,
            Double(r.keywordFieldOwnClauses), r.keywordCoordination,
        ])
    }()
    var ranking: RankingParameters {
        var fieldB: [String: Double] = [:]
        if values[3] >= 0 { fieldB["title"] = values[3] }
        if values[12] >= 0 { fieldB["body"] = values[12] }
        return RankingParameters(
            k1: values[0], b: values[1], fieldBoosts: ["title": values[2], "summary": values[17]], exactForm: values[4],
            proximity: values[5], proximityWindow: Int(values[14]), allTerms: values[6], synonym: values[15],
            perFieldSaturation: values[10] > 0, fieldB: fieldB,
            questionWords: values[7], longCoordination: values[8],
            fieldOwn: values[9] > 0 ? ["title": values[9]] : [:], family: values[11],
            exactFormField: values[13] > 0 ? "title" : nil, delta: values[16],
            proximityReversed: values[18],
            frequencyCap: [("body", values[19]), ("title", values[20])].reduce(into: [:]) { d, kv in
                if kv.1 > 0 { d[kv.0] = kv.1 }
            }, keywordFieldOwn: values[21] > 0 ? ["title": values[21]] : [:],
            keywordFieldOwnClauses: Int(values[22]), keywordCoordination: values[23])
    }
    var description: String {
        zip(Self.names, values).map { "\($0)=\($1 == $1.rounded() ? String(Int($1)) : String($1))" }.joined(
            separator: " ")
    }
}

/// `--per-fold`: with `--points`, each point's figures per fold (the cross-validation's folds).
nonisolated(unsafe) var perFold = false
/// `--tune a,b`: only these parameters are tuned (the others stay at their defaults).
nonisolated(unsafe) var tunable: Set<Int>?

/// Synonyms applied to every query (`--synonyms FILE`).
nonisolated(unsafe) var synonymList = SynonymList.empty

final class Evaluator {
    let set: JudgedSet
    var cache: [Point: [Double]] = [:]
    /// The ranked ids of every query, kept when `keepRuns` is set.
    var runs: [[String]] = []
    var keepRuns = false
    init(_ set: JudgedSet) { self.set = set }

    /// Reciprocal rank (@10) of every query with the parameters of `p`.
    func rr(_ p: Point) -> [Double] {
        if let c = cache[p] { return c }
        let reader: IndexReader
        do { reader = try IndexReader(directory: set.index, ranking: p.ranking, synonyms: synonymList) } catch {
            FileHandle.standardError.write(Data("cannot open \(set.index): \(error)\n".utf8))
            exit(66)
        }
        var out: [Double] = []
        for q in set.queries {
            let req = SearchRequest(query: q.text, limit: 10, snippets: false, prefixLastWord: false)
            let hits = (try? reader.searchIDs(req)) ?? []
            if keepRuns { runs.append(hits.map(\.id)) }
            let rel = set.relevant[q.id] ?? []
            out.append(hits.firstIndex { rel.contains($0.id) }.map { 1 / Double($0 + 1) } ?? 0)
        }
        cache[p] = out
        return out
    }

    func mrr(_ p: Point, _ queries: [Int]) -> Double {
        let r = rr(p)
        return queries.isEmpty ? 0 : queries.reduce(0) { $0 + r[$1] } / Double(queries.count)
    }

    /// Coordinate descent from the defaults on the mean MRR of the given sets' queries (ties
    /// keep the current value: no gain, no change).
    static func tune(_ sets: [(Evaluator, [Int])]) -> Point {
        func score(_ p: Point) -> Double { sets.reduce(0) { $0 + $1.0.mrr(p, $1.1) } / Double(sets.count) }
        var best = Point.standard
        var bestScore = score(best)
        for _ in 0..<2 {
            for (i, grid) in Point.grids.enumerated() where tunable?.contains(i) ?? true {
                for v in grid where v != best.values[i] {
                    var p = best
                    p.values[i] = v
                    let s = score(p)
                    if s > bestScore + 1e-9 { (best, bestScore) = (p, s) }
                }
            }
        }
        return best
    }
}

/// `index JSONL DIR`: the same documents as `ogp index --jsonl` (title, body).
func buildIndex(_ jsonl: String, _ dir: String) throws {
    let writer = try IndexWriter(directory: dir)
    let data = try Data(contentsOf: URL(fileURLWithPath: jsonl))
    var batch: [IndexDocument] = []
    // Lines end at "\n" only: U+2028 and the like may sit unescaped inside JSON strings.
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
        guard let obj = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
        let id = (obj["id"] as? String) ?? (obj["id"] as? NSNumber)?.stringValue ?? ""
        let body = obj["body"] as? String ?? obj["contents"] as? String ?? ""
        var fields = [TextField("title", obj["title"] as? String ?? ""), TextField("body", body)]
        // `summary`: a second body field of its own weight (e.g. text shared by many documents).
        if let summary = obj["summary"] as? String, !summary.isEmpty { fields.append(TextField("summary", summary)) }
        batch.append(IndexDocument(id: id, fields: fields))
        if batch.count == 4096 || serial {
            if serial { for d in batch { try writer.add(d) } } else { try writer.add(contentsOf: batch) }
            batch.removeAll(keepingCapacity: true)
        }
    }
    try writer.add(contentsOf: batch)
    try writer.commit()
}

var args = Array(CommandLine.arguments.dropFirst())
/// `index --serial`: one document at a time (the path before parallel analysis), to compare.
nonisolated(unsafe) var serial = false
if args.first == "index", args.count >= 3 {
    serial = args.count == 4 && args[3] == "--serial"
    let start = Date()
    do { try buildIndex(args[1], args[2]) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    print(String(format: "indexed in %.2f s", Date().timeIntervalSince(start)))
    exit(0)
}
guard args.count >= 3 else {
    print(
        "usage: ogp-bench-ranking INDEX QUERIES.tsv QRELS [--folds N] [--synonyms FILE] [--also NAME INDEX QUERIES QRELS]... [--measure NAME INDEX QUERIES QRELS]... [--points SPEC [--runs DIR]] [--tune NAME,NAME] [--per-fold]"
    )
    exit(64)
}
let main = readSet(name: "spf", index: args[0], queries: args[1], qrels: args[2])
args.removeFirst(3)
var folds = 5
var others: [JudgedSet] = []
/// `--measure` sets: measured with the defaults and each fold's tuned parameters, never tuned on
/// (and left out of the one-parameter table, so no choice is made looking at them).
var measured: [JudgedSet] = []
var pointSpec: String?
/// `--runs DIR`: with `--points`, the first point's TREC runs (top 10) per set, for diagnosis.
var runsDir: String?
while let a = args.first {
    args.removeFirst()
    if a == "--folds", let n = args.first.flatMap({ Int($0) }) {
        folds = max(2, n)
        args.removeFirst()
    } else if a == "--runs", let d = args.first {
        args.removeFirst()
        runsDir = d
    } else if a == "--points", let f = args.first {
        args.removeFirst()
        pointSpec = f
    } else if a == "--per-fold" {
        perFold = true
    } else if a == "--tune", let f = args.first {
        args.removeFirst()
        tunable = Set(f.split(separator: ",").compactMap { Point.names.firstIndex(of: String($0)) })
    } else if a == "--synonyms", let f = args.first {
        args.removeFirst()
        do { synonymList = try SynonymList.parse(try String(contentsOfFile: f, encoding: .utf8), file: f) } catch {
            print("\(error)")
            exit(65)
        }
    } else if a == "--also", args.count >= 4 {
        others.append(readSet(name: args[0], index: args[1], queries: args[2], qrels: args[3]))
        args.removeFirst(4)
    } else if a == "--measure", args.count >= 4 {
        measured.append(readSet(name: args[0], index: args[1], queries: args[2], qrels: args[3]))
        args.removeFirst(4)
    }
}

let ev = Evaluator(main)
let otherEvs = others.map(Evaluator.init)
let measuredEvs = measured.map(Evaluator.init)
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
@MainActor func folded(_ e: Evaluator, _ f: Int) -> (train: [Int], test: [Int]) {
    let all = Array(e.set.queries.indices)
    return (all.filter { $0 % folds != f }, all.filter { $0 % folds == f })
}

/// Cross-validation tuned on `tuned` (the mean of their training folds' MRR), measured on the
/// held-out folds of every set.
@MainActor func crossValidate(tunedOn tuned: [Evaluator], title: String) -> [Point] {
    let sets = [ev] + otherEvs + measuredEvs
    print("\n### \(title)\n")
    print(
        "| fold | " + sets.map { "\($0.set.name) held-out, defaults | tuned" }.joined(separator: " | ")
            + " | tuned parameters |")
    print("|---|" + String(repeating: "---|---|", count: sets.count) + "---|")
    var sums = [(Double, Double)](repeating: (0, 0), count: sets.count)
    var points: [Point] = []
    for f in 0..<folds {
        let p = Evaluator.tune(tuned.map { ($0, folded($0, f).train) })
        points.append(p)
        var row: [String] = []
        for (i, e) in sets.enumerated() {
            let test = folded(e, f).test
            let (d, t) = (e.mrr(.standard, test), e.mrr(p, test))
            sums[i].0 += d * Double(test.count)
            sums[i].1 += t * Double(test.count)
            row.append("\(f3(d)) | \(f3(t))")
        }
        print("| \(f + 1) | " + row.joined(separator: " | ") + " | \(p) |")
    }
    let pooled = sets.enumerated().map { i, e in
        "**\(f3(sums[i].0 / Double(e.set.queries.count)))** | **\(f3(sums[i].1 / Double(e.set.queries.count)))**"
    }
    print("| pooled | " + pooled.joined(separator: " | ") + " | |")
    let full = Evaluator.tune(tuned.map { ($0, Array($0.set.queries.indices)) })
    print(
        "\ntuned on all of " + tuned.map(\.set.name).joined(separator: " + ") + ": \(full) -> "
            + sets.map { "\($0.set.name) \(f3($0.mrr(full, Array($0.set.queries.indices))))" }.joined(separator: ", "))
    return points
}

// `--points "k1=2 b=0.75 …;k1=…"`: only these points (others at their defaults), no tuning.
if let spec = pointSpec {
    for (n, one) in spec.split(separator: ";").enumerated() {
        var p = Point.standard
        for kv in one.split(separator: " ") {
            let parts = kv.split(separator: "=")
            if parts.count == 2, let i = Point.names.firstIndex(of: String(parts[0])), let v = Double(parts[1]) {
                p.values[i] = v
            }
        }
        let sets = [ev] + otherEvs + measuredEvs
        for e in sets { e.keepRuns = n == 0 && runsDir != nil }
        print(
            "\(p) -> "
                + sets.map { "\($0.set.name) \(f3($0.mrr(p, Array($0.set.queries.indices))))" }.joined(
                    separator: ", "))
        if perFold {
            // The same folds as the cross-validation: each fold's queries, defaults → this point.
            for f in 0..<folds {
                print(
                    "  fold \(f + 1): "
                        + sets.map { e in
                            let test = folded(e, f).test
                            return "\(e.set.name) \(f3(e.mrr(.standard, test))) → \(f3(e.mrr(p, test)))"
                        }.joined(separator: ", "))
            }
        }
        if n == 0, let dir = runsDir {
            for e in sets {
                var out = ""
                for (q, ids) in zip(e.set.queries, e.runs) {
                    for (r, id) in ids.enumerated() { out += "\(q.id) Q0 \(id) \(r + 1) \(10 - r) ogp\n" }
                }
                try? out.write(toFile: dir + "/" + e.set.name + ".run", atomically: true, encoding: .utf8)
            }
        }
    }
    exit(0)
}
print(
    "defaults: \(Point.standard) -> "
        + ([ev] + otherEvs + measuredEvs).map { "\($0.set.name) MRR@10 \(f3($0.mrr(.standard, Array($0.set.queries.indices))))" }
        .joined(separator: ", "))
_ = crossValidate(tunedOn: [ev], title: "tuned on \(main.name) only (\(folds) folds, query i in fold i mod \(folds))")
if !otherEvs.isEmpty {
    _ = crossValidate(tunedOn: [ev] + otherEvs, title: "tuned on the mean of " + ([ev] + otherEvs).map(\.set.name).joined(separator: ", ") + " (same folds)")
}
// One parameter at a time from the defaults, on each whole set: what each one is worth alone.
for e in [ev] + otherEvs {
    let all = Array(e.set.queries.indices)
    print("\none parameter changed from the defaults (whole \(e.set.name) set, MRR@10):")
    for (i, grid) in Point.grids.enumerated() {
        let row = grid.map { v -> String in
            var p = Point.standard
            p.values[i] = v
            return "\(v == v.rounded() ? String(Int(v)) : String(v)): \(f3(e.mrr(p, all)))"
        }
        print("  \(Point.names[i]): " + row.joined(separator: "  "))
    }
}
