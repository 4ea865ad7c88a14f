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
// parameters (never tuned on).

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

/// One point of the search space (field weight: the title's, body stays 1).
struct Point: Hashable, CustomStringConvertible {
    var values: [Double]
    static let names = ["k1", "b", "title", "exact", "prox", "allTerms"]
    static let grids: [[Double]] = [
        [0.6, 0.9, 1.2, 1.5, 1.8, 2.4],
        [0.3, 0.5, 0.65, 0.75, 0.85, 0.95],
        [1, 2, 3, 5, 8],
        [0, 0.1, 0.2, 0.3, 0.5],
        [0, 0.1, 0.25, 0.5],
        [1, 1.5, 2, 3],
    ]
    static let standard = Point(values: [
        RankingParameters.standard.k1, RankingParameters.standard.b, 5, RankingParameters.standard.exactForm,
        RankingParameters.standard.proximity, RankingParameters.standard.allTerms,
    ])
    var ranking: RankingParameters {
        RankingParameters(
            k1: values[0], b: values[1], fieldBoosts: ["title": values[2]], exactForm: values[3],
            proximity: values[4], allTerms: values[5])
    }
    var description: String {
        zip(Self.names, values).map { "\($0)=\($1 == $1.rounded() ? String(Int($1)) : String($1))" }.joined(separator: " ")
    }
}

final class Evaluator {
    let set: JudgedSet
    var cache: [Point: [Double]] = [:]
    init(_ set: JudgedSet) { self.set = set }

    /// Reciprocal rank (@10) of every query with the parameters of `p`.
    func rr(_ p: Point) -> [Double] {
        if let c = cache[p] { return c }
        let reader: IndexReader
        do { reader = try IndexReader(directory: set.index, ranking: p.ranking) } catch {
            FileHandle.standardError.write(Data("cannot open \(set.index): \(error)\n".utf8))
            exit(66)
        }
        var out: [Double] = []
        for q in set.queries {
            let req = SearchRequest(query: q.text, limit: 10, snippets: false, prefixLastWord: false)
            let hits = (try? reader.searchIDs(req)) ?? []
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

    /// Coordinate descent from the defaults (ties keep the current value: no gain, no change).
    func tune(_ train: [Int]) -> Point {
        var best = Point.standard
        var bestScore = mrr(best, train)
        for _ in 0..<2 {
            for (i, grid) in Point.grids.enumerated() {
                for v in grid where v != best.values[i] {
                    var p = best
                    p.values[i] = v
                    let s = mrr(p, train)
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
    // Lines end at "\n" only: U+2028 and the like may sit unescaped inside JSON strings.
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
        guard let obj = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
        let id = (obj["id"] as? String) ?? (obj["id"] as? NSNumber)?.stringValue ?? ""
        let body = obj["body"] as? String ?? obj["contents"] as? String ?? ""
        try writer.add(IndexDocument(id: id, fields: [TextField("title", obj["title"] as? String ?? ""), TextField("body", body)]))
    }
    try writer.commit()
}

var args = Array(CommandLine.arguments.dropFirst())
if args.first == "index", args.count == 3 {
    do { try buildIndex(args[1], args[2]) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
guard args.count >= 3 else {
    print("usage: ogp-bench-ranking INDEX QUERIES.tsv QRELS [--folds N] [--also NAME INDEX QUERIES QRELS]...")
    exit(64)
}
let main = readSet(name: "spf", index: args[0], queries: args[1], qrels: args[2])
args.removeFirst(3)
var folds = 5
var others: [JudgedSet] = []
while let a = args.first {
    args.removeFirst()
    if a == "--folds", let n = args.first.flatMap({ Int($0) }) {
        folds = max(2, n)
        args.removeFirst()
    } else if a == "--also", args.count >= 4 {
        others.append(readSet(name: args[0], index: args[1], queries: args[2], qrels: args[3]))
        args.removeFirst(4)
    }
}

let ev = Evaluator(main)
let all = Array(main.queries.indices)
let otherEvs = others.map(Evaluator.init)
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
print("cross-validation on \(main.name) (\(main.queries.count) queries, \(folds) folds; MRR@10)")
print("| fold | train, defaults | train, tuned | held-out, defaults | held-out, tuned | tuned parameters |")
print("|---|---|---|---|---|---|")
var heldDefault = 0.0
var heldTuned = 0.0
var tunedPoints: [Point] = []
for f in 0..<folds {
    let test = all.filter { $0 % folds == f }
    let train = all.filter { $0 % folds != f }
    let p = ev.tune(train)
    tunedPoints.append(p)
    let (a, b, c, d) = (ev.mrr(.standard, train), ev.mrr(p, train), ev.mrr(.standard, test), ev.mrr(p, test))
    heldDefault += c * Double(test.count)
    heldTuned += d * Double(test.count)
    print("| \(f + 1) | \(f3(a)) | \(f3(b)) | \(f3(c)) | \(f3(d)) | \(p) |")
}
let n = Double(main.queries.count)
print("| all (held-out, pooled) | | | \(f3(heldDefault / n)) | \(f3(heldTuned / n)) | |")
let full = ev.tune(all)
print("\ndefaults: \(Point.standard) -> \(main.name) MRR@10 \(f3(ev.mrr(.standard, all)))")
print("tuned on all of \(main.name): \(full) -> \(f3(ev.mrr(full, all))) (in-sample)")
// One parameter at a time from the defaults, on the whole set: what each one is worth alone.
print("\none parameter changed from the defaults (whole \(main.name) set):")
for (i, grid) in Point.grids.enumerated() {
    let row = grid.map { v -> String in
        var p = Point.standard
        p.values[i] = v
        return "\(v == v.rounded() ? String(Int(v)) : String(v)): \(f3(ev.mrr(p, all)))"
    }
    print("  \(Point.names[i]): " + row.joined(separator: "  "))
}
for o in otherEvs {
    let qs = Array(o.set.queries.indices)
    let tuned = tunedPoints.map { f3(o.mrr($0, qs)) }.joined(separator: " / ")
    print("\n\(o.set.name) (\(qs.count) queries, never tuned on): defaults \(f3(o.mrr(.standard, qs))); "
        + "each fold's tuned parameters \(tuned); tuned on all of \(main.name) \(f3(o.mrr(full, qs)))")
}
