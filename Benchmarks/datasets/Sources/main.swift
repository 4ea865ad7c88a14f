// ogp-bench-csv: parses and maps data.gouv.fr's whole catalogue export with OGPParse's
// streaming CSV reader and UdataCSVMapper, and prints rows/s, seconds and max RSS.
// Usage: ogp-bench-csv FILE [--buffer BYTES] [--encode]
//   --encode   also encode every record to canonical JSON (a first step towards storing).
import Foundation
import OGPModel
import OGPParse
#if canImport(Glibc)
import Glibc
#endif

func maxRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024 // kilobytes on Linux
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: ogp-bench-csv FILE [--buffer BYTES] [--encode]\n".utf8))
    exit(2)
}
var bufferSize = 1 << 20
if let i = arguments.firstIndex(of: "--buffer"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { bufferSize = n }
let encode = arguments.contains("--encode")

let clock = ContinuousClock()
let start = clock.now
var rows = 0, records = 0, failed = 0, withWarnings = 0, distributions = 0, encodedBytes = 0
var failures: [String] = []
do {
    let reader = try CSVReader(path: path, options: CSVOptions(bufferSize: bufferSize))
    guard case .row(let header)? = reader.next() else {
        print("no header")
        exit(1)
    }
    let mapper = try UdataCSVMapper(header: header.fields)
    let context = ParseContext(
        source: "datagouv-export", sourceKind: "udata-csv", url: "file://" + path, fetchedAt: "2026-01-16T06:00:00Z")
    let encoder = RecordCoding.encoder()
    for element in reader {
        rows += 1
        switch element {
        case .row(let row):
            switch mapper.map(row, context: context) {
            case .parsed(_, let rs):
                records += rs.count
                for r in rs {
                    if !r.warnings.isEmpty { withWarnings += 1 }
                    distributions += r.dataset?.distributions.count ?? 0
                    if encode { encodedBytes += (try? encoder.encode(r).count) ?? 0 }
                }
            case .failed(let f):
                failed += 1
                if failures.count < 5 { failures.append(f.description) }
            }
        case .malformed(let m):
            failed += 1
            if failures.count < 5 { failures.append(m.description) }
        }
    }
} catch {
    print("error: \(error)")
    exit(1)
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("swift  rows=\(rows) records=\(records) failed=\(failed) with_warnings=\(withWarnings)"
    + (encode ? " json_bytes=\(encodedBytes)" : ""))
print(String(format: "swift  seconds=%.2f rows_per_s=%.0f max_rss_mb=%.1f", seconds, Double(rows) / seconds, maxRSSMegabytes()))
for f in failures { print("swift  failure: \(f)") }
