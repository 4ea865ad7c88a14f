// ogp-bench-serve: the search ogp-serve's `/api/search` makes, taken apart in-process on one index
// (release build; not a test). From the call `Benchmarks/search/run.sh speed` times with
// ogp-search (ids only, 10 hits, no priors, no synonyms, the last word not a prefix) to the one
// the server makes (20 hits, kind priors, synonyms, the last word a prefix, a total, stored
// fields and snippets), one difference at a time, so that each one's CPU cost shows.
// Usage: ogp-bench-serve INDEX_DIR QUERIES.tsv [passes]
import Foundation
import OGPCommandLine
import OGPIndex
import OGPModel

let args = CommandLine.arguments
// `ogp-bench-serve --merge DIR`: merges DIR's segments into one (an experiment on a copy).
if args.count == 3, args[1] == "--merge" {
    let writer = try IndexWriter(directory: args[2])
    try writer.forceMerge()
    exit(0)
}
guard args.count >= 3 else {
    FileHandle.standardError.write(Data("usage: ogp-bench-serve INDEX_DIR QUERIES.tsv [passes]\n".utf8))
    exit(64)
}
// `ogp-bench-serve --dump INDEX_DIR QUERIES.tsv`: every query's hits (ids, full-precision scores)
// and total as the server asks, and as ogp-search's batch asks (pruned and exhaustive), one line
// each, to compare two builds (or the pruned and exhaustive paths) exactly.
if args.count == 4, args[1] == "--dump" {
    let qs = try String(contentsOfFile: args[3], encoding: .utf8).split(separator: "\n").compactMap { line in
        line.split(separator: "\t", maxSplits: 1).count == 2 ? String(line.split(separator: "\t", maxSplits: 1)[1]) : nil
    }
    let (list, _) = try SynonymsChoice.load(option: nil, configPath: nil)
    let syn = try IndexReader(directory: args[2], synonyms: list)
    let none = try IndexReader(directory: args[2])
    var out = ""
    for q in qs {
        for (page, snippets) in [(0, true), (1, false)] {
            var r = SearchRequest(query: q, limit: 20, offset: page * 20, snippets: snippets)
            r.keywordBoosts = SearchPriors.keywordBoosts
            var res = try syn.search(r)
            out += "server\tp\(page)\t\(q)\t\(res.total)\t" + res.hits.map { "\($0.id) \($0.score)" }.joined(separator: ",")
            out += "\t" + res.hits.map { $0.snippet.map { "\($0.field):\($0.text):\($0.highlights)" } ?? "-" }.joined(separator: "|") + "\n"
            // With a threshold: the same hits; the total exact below it, at least it above.
            let exact = res.total
            r.totalHitsThreshold = 1000
            res = try syn.search(r)
            out += "threshold\tp\(page)\t\(q)\t\(res.totalIsLowerBound ? (res.total >= 1000 && res.total <= exact ? "ok" : "BAD \(res.total)") : (res.total == exact ? "exact" : "BAD"))\t"
                + res.hits.map { "\($0.id) \($0.score)" }.joined(separator: ",") + "\n"
        }
        for (name, reader, depth, priors) in [("ids10", none, 10, false), ("ids100syn", syn, 100, true)] {
            var r = SearchRequest(query: q, limit: depth, snippets: false, prefixLastWord: false)
            if priors { r.keywordBoosts = SearchPriors.keywordBoosts }
            for pruning in [true, false] {
                let hits = try reader.searchIDs(r, pruning: pruning)
                out += "\(name)\t\(pruning ? "pruned" : "exhaustive")\t\(q)\t" + hits.map { "\($0.id) \($0.score)" }.joined(separator: ",") + "\n"
            }
        }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    exit(0)
}
let passes = args.count > 3 ? Int(args[3]) ?? 3 : 3
let queries = try String(contentsOfFile: args[2], encoding: .utf8).split(separator: "\n").compactMap { line in
    let parts = line.split(separator: "\t", maxSplits: 1)
    return parts.count == 2 ? String(parts[1]) : nil
}
let (synonyms, _) = try SynonymsChoice.load(option: nil, configPath: nil)
// The stored-field block cache, as ogp-serve's --stored-cache-mb (default: ogp-serve's, 128 MB).
let cacheBytes = ProcessInfo.processInfo.environment["STORED_CACHE_MB"].flatMap { Int($0) }.map { $0 << 20 }
    ?? 128 << 20
let plain = try IndexReader(directory: args[1], storedCacheBytes: cacheBytes)
let withSynonyms = try IndexReader(directory: args[1], synonyms: synonyms, storedCacheBytes: cacheBytes)

func cpuNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

struct Step {
    var name: String
    var reader: IndexReader
    var limit = 10
    var priors = false
    var prefix = false
    /// nil: `searchIDs` (no total, no stored fields); else `search` with or without snippets.
    var full: Bool? = nil
    var exactTotal = true
    var facets = false
    /// ``SearchRequest/totalHitsThreshold``.
    var threshold: Int? = nil
}

func request(_ q: String, _ s: Step) -> SearchRequest {
    var r = SearchRequest(query: q, limit: s.limit, snippets: s.full ?? false, prefixLastWord: s.prefix)
    if s.priors { r.keywordBoosts = SearchPriors.keywordBoosts }
    if s.facets { r.facets = ["kind", "plan", "org", "tag", "year"] }
    r.totalHitsThreshold = s.threshold
    return r
}

func run(_ s: Step) throws -> [UInt64] {
    var times = [UInt64](repeating: .max, count: queries.count)
    for pass in 0...passes {
        for (i, q) in queries.enumerated() {
            let r = request(q, s)
            let t0 = cpuNanos()
            if s.full == nil { _ = try s.reader.searchIDs(r) } else { _ = try s.reader.search(r) }
            let t = cpuNanos() - t0
            // Pass 0 warms up; then the mean of the passes per query.
            if pass == 1 { times[i] = t } else if pass > 1 { times[i] += t }
        }
    }
    return times.map { $0 / UInt64(max(1, passes)) }
}

var steps: [Step] = []
var s = Step(name: "ogp-search speed call (ids, 10 hits)", reader: plain)
steps.append(s)
s.limit = 20; s.name = "+ 20 hits"; steps.append(s)
s.priors = true; s.name = "+ kind priors"; steps.append(s)
s.prefix = true; s.name = "+ last word as prefix"; steps.append(s)
s.reader = withSynonyms; s.name = "+ synonyms (= the server's query)"; steps.append(s)
s.full = false; s.name = "+ exact total, stored fields"; steps.append(s)
s.full = true; s.name = "+ snippets (= /api/search before)"; steps.append(s)
s.threshold = 1000; s.name = "+ total counted up to 1,000 (= /api/search)"; steps.append(s)
// Apart: what stored fields and hits cost without any count, and the count up to 1,000 alone.
s.full = false; s.threshold = 0; s.name = "(5 without counting: stored fields only)"; steps.append(s)
s.threshold = 1000; s.name = "(5 with the count up to 1,000)"; steps.append(s)
// `PARTS=1`: what comes after the ranked hit list, per query, three calls interleaved so that
// they run under the same load: the server's query as ids only (`searchIDs`), as hits with their
// stored fields (no count), and with snippets.
if ProcessInfo.processInfo.environment["PARTS"] != nil {
    var ids = s
    ids.full = nil
    ids.threshold = 0
    var stored = s
    stored.full = false
    stored.threshold = 0
    var snippets = stored
    snippets.full = true
    var sums = [UInt64](repeating: 0, count: 3)
    for pass in 0...passes {
        for q in queries {
            for (i, step) in [ids, stored, snippets].enumerated() {
                let r = request(q, step)
                let t0 = cpuNanos()
                if step.full == nil { _ = try step.reader.searchIDs(r) } else { _ = try step.reader.search(r) }
                if pass > 0 { sums[i] += cpuNanos() - t0 }
            }
        }
    }
    let n = UInt64(queries.count * max(1, passes))
    let m = sums.map { $0 / n / 1000 }
    // searchIDs is no exact baseline for search (it plans and collects its own way): read the
    // three means side by side, and compare builds on the same columns.
    print("mean µs per search (\(passes) passes, interleaved): ids \(m[0]), hits with stored fields \(m[1]), "
        + "with snippets \(m[2]) (snippets +\(Int(m[2]) - Int(m[1])))")
    exit(0)
}
let only = ProcessInfo.processInfo.environment["STEPS"].map { Set($0.split(separator: ",").compactMap { Int($0) }) }
print("step\tmean µs\tp50 µs\tp90 µs\tp99 µs\tmax µs")
for (i, step) in steps.enumerated() where only?.contains(i) ?? true {
    let raw = try run(step)
    if let dir = ProcessInfo.processInfo.environment["PER_QUERY"] {
        let lines = zip(queries, raw).map { "\($0.0)\t\($0.1 / 1000)" }.joined(separator: "\n")
        try Data((lines + "\n").utf8).write(to: URL(fileURLWithPath: "\(dir)/step\(i).tsv"))
    }
    let t = raw.sorted()
    let mean = t.reduce(0, +) / UInt64(t.count)
    func pct(_ p: Double) -> UInt64 { t[min(t.count - 1, Int(Double(t.count) * p))] / 1000 }
    print("\(i) \(step.name)\t\(mean / 1000)\t\(pct(0.5))\t\(pct(0.9))\t\(pct(0.99))\t\((t.last ?? 0) / 1000)")
}
