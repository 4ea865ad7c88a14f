import Foundation
import OGPCommandLine
import OGPIndex

/// `--batch`: one query per TSV line, a TREC run on stdout, per-query latency on request.
/// Latency protocol (the same as the Tantivy reference in Benchmarks/search): one untimed
/// warm-up pass over every query, then each query's best time of 3 runs, on one thread.
enum Batch {
    static func run(
        reader: IndexReader, queries: String, latency: String?, cpuClock: Bool, depth: Int, pruning: Bool = true,
        exactScores: Bool = false, keywordBoosts: [String: [String: Double]] = [:]
    ) throws {
        let text: String
        do {
            text = try String(contentsOfFile: queries, encoding: .utf8)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: queries)
            throw CommandFailure(missing ? .noInput : .io, "cannot read the queries", path: queries, error: error)
        }
        var run = ""
        var lat = ""
        var queries: [(String, SearchRequest)] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            // Batch queries are complete: no prefix matching of the last word.
            var request = SearchRequest(query: String(parts[1]), limit: depth, snippets: false, prefixLastWord: false)
            request.keywordBoosts = keywordBoosts
            queries.append((String(parts[0]), request))
        }
        if latency != nil { for (_, r) in queries { _ = try searchIDs(reader, r, pruning: pruning) } }
        for (qid, request) in queries {
            var best = UInt64.max
            var hits: [(id: String, score: Double)] = []
            var invalid: IndexError?
            for _ in 0..<(latency != nil ? 3 : 1) {
                let start = now(cpu: cpuClock)
                switch try searchIDs(reader, request, pruning: pruning) {
                case .success(let found): hits = found
                case .failure(let error): invalid = error
                }
                best = min(best, now(cpu: cpuClock) - start)
                if invalid != nil { break }
            }
            if let invalid {
                // One bad query is reported and skipped; the run goes on.
                FileHandle.standardError.write(Data("ogp-search: query \(qid): \(invalid.message)\n".utf8))
                continue
            }
            let micros = best / 1000
            for (rank, h) in hits.enumerated() {
                let score = exactScores ? "\(h.score)" : String(format: "%.4f", h.score)
                run += "\(qid) Q0 \(h.id) \(rank + 1) \(score) ogp\n"
            }
            lat += "\(qid)\t\(micros)\n"
        }
        Console.out(run)
        if let latency {
            do {
                try Data(lat.utf8).write(to: URL(fileURLWithPath: latency))
            } catch {
                throw CommandFailure(.cannotCreate, "cannot write the latencies", path: latency, error: error)
            }
        }
    }
}

/// The ranked ids, an index error turned into its exit status.
/// The hits, or an invalid query's error (`since:2021-13`), which the batch reports and skips.
private func searchIDs(
    _ reader: IndexReader, _ request: SearchRequest, pruning: Bool
) throws(CommandFailure) -> Result<[(id: String, score: Double)], IndexError> {
    do {
        return .success(try reader.searchIDs(request, pruning: pruning))
    } catch {
        if error.code == .invalidInput { return .failure(error) }
        throw SearchCommand.failure(error)
    }
}

/// Nanoseconds of the monotonic clock, or of this thread's CPU time.
private func now(cpu: Bool) -> UInt64 {
    var ts = timespec()
    clock_gettime(cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Hidden `--stress-writer DIR`: commits small batches forever, printing each committed count;
/// the crash-safety test SIGKILLs it at random moments.
enum StressWriter {
    static func run(directory: String) throws -> Never {
        let w = try IndexWriter(directory: directory)
        w.mergeFactor = 3
        var i = 0
        while true {
            for j in 0..<3 {
                try w.add(
                    IndexDocument(
                        id: "doc-\(i)-\(j)",
                        fields: [
                            TextField("title", "lot numéro \(i)"),
                            TextField("body", "texte du document \(j) du lot \(i)"),
                        ]))
            }
            try w.commit()
            i += 1
            Console.out("committed \(i)\n")
        }
    }
}
