// ogp-bench-analysis: throughput of the French analysis chain (OGPAnalysis).
//
// Usage: ogp-bench-analysis TEXTS [PASSES]
// TEXTS holds documents separated by NUL bytes (Benchmarks/analysis/run.sh writes the
// data.gouv.fr export's title + description that way). Each pass analyses every document with
// `Analyzer.french.forEachToken`; the figures are those of the fastest pass, in wall time and in
// CPU time (the machine may be shared), MB being 10^6 bytes
// of UTF-8 input. A second configuration without stemming and stop words shows the tokenizer
// and folding alone.
import Foundation
import OGPAnalysis

/// Documents of the input file, split on NUL.
func loadDocuments(_ path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.withUnsafeBytes { raw in
        let bytes = raw.bindMemory(to: UInt8.self)
        var documents: [String] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0 {
            documents.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count {
            documents.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        }
        return documents
    }
}

/// CPU time of this process, in seconds (the machine may be shared: wall time then overstates).
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// One pass over `documents`: tokens emitted and a checksum of term lengths (so the work is kept).
func pass(_ analyzer: Analyzer, _ documents: [String]) -> (tokens: Int, checksum: Int) {
    var tokens = 0
    var checksum = 0
    for document in documents {
        analyzer.forEachToken(document) { token in
            tokens += 1
            checksum &+= token.term.utf8.count &+ token.exact.utf8.count &+ token.end
        }
    }
    return (tokens, checksum)
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func measure(_ name: String, _ analyzer: Analyzer, _ documents: [String], bytes: Int, passes: Int) {
    var best = Double.infinity
    var bestCPU = Double.infinity
    var tokens = 0
    var checksum = 0
    for _ in 0..<passes {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = cpuSeconds()
        let r = pass(analyzer, documents)
        bestCPU = min(bestCPU, cpuSeconds() - cpuStart)
        best = min(best, seconds(clock.now - start))
        tokens = r.tokens
        checksum = r.checksum
    }
    let mb = Double(bytes) / 1e6
    print("\(name):")
    print(String(format: "  wall: %.3f s = %.1f MB/s, %.2f M tokens/s", best, mb / best, Double(tokens) / best / 1e6))
    print(
        String(
            format: "  CPU:  %.3f s = %.1f MB/s, %.2f M tokens/s", bestCPU, mb / bestCPU, Double(tokens) / bestCPU / 1e6
        ))
    print("  \(tokens) tokens (checksum \(checksum))")
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ogp-bench-analysis TEXTS [PASSES]\n".utf8))
    exit(2)
}
let passes = arguments.count >= 3 ? max(1, Int(arguments[2]) ?? 3) : 3
do {
    let documents = try loadDocuments(arguments[1])
    let bytes = documents.reduce(0) { $0 + $1.utf8.count }
    print("\(documents.count) documents, \(bytes) bytes of UTF-8, best of \(passes) passes")
    measure(
        "french chain (scan, lower, elision, fold, stop words, stem)", .french, documents,
        bytes: bytes, passes: passes)
    measure(
        "scan, lower, elision, fold only", Analyzer(stemming: .none, stopWords: false), documents,
        bytes: bytes, passes: passes)
} catch {
    FileHandle.standardError.write(Data("ogp-bench-analysis: \(error)\n".utf8))
    exit(1)
}
