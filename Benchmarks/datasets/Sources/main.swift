// ogp-bench-csv: parses and maps data.gouv.fr's whole catalogue export with OGPParse's
// streaming CSV reader and UdataCSVMapper, and prints rows/s, seconds and max RSS.
// Usage: ogp-bench-csv FILE [--buffer BYTES] [--parallel N] [--encode] [--read-only | --text-only]
//   --parallel N  map batches of 4,096 rows on N threads (UdataCSVMapper.map(_:context:parallelism:))
//   --encode      also encode every record to canonical JSON (a first step towards storing)
//   --read-only   the CSV reader alone; --text-only: reader + description cleanup (to split the cost)
//   --dump ID     print the record of dataset ID as canonical JSON (to eyeball the mapping)
//   --text-dump FILE  with --text-only: every cleaned description as a JSON line (to diff two builds)
import Foundation
import OGPModel
import OGPParse

#if canImport(Glibc)
import Glibc
#endif

struct Tally {
    var rows = 0, records = 0, failed = 0, withWarnings = 0, encodedBytes = 0, fields = 0, fieldBytes = 0
    /// FNV-1a of every cleaned description (`--text-only`), to check that a change keeps the output.
    var textDigest: UInt64 = 0xcbf2_9ce4_8422_2325
    var failures: [String] = []
    let encoder = RecordCoding.encoder()
    let encode: Bool
    var dump: String?

    mutating func add(_ result: ItemResult) {
        switch result {
        case .parsed(_, let records):
            self.records += records.count
            for r in records {
                if !r.warnings.isEmpty { withWarnings += 1 }
                if r.dataset?.remoteID == dump, let json = try? RecordCoding.encoder(pretty: true).encode(r) {
                    print(String(decoding: json, as: UTF8.self))
                }
                if encode { encodedBytes += (try? encoder.encode(r).count) ?? 0 }
            }
        case .failed(let f):
            fail(f.description)
        }
    }

    mutating func fail(_ description: String) {
        failed += 1
        if failures.count < 5 { failures.append(description) }
    }
}

func maxRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

func option(_ name: String, in arguments: [String]) -> Int? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return Int(arguments[i + 1])
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: ogp-bench-csv FILE [--buffer BYTES] [--parallel N] [--encode]\n".utf8))
    exit(2)
}
let bufferSize = option("--buffer", in: arguments) ?? 1 << 20
let parallelism = option("--parallel", in: arguments) ?? 1
let readOnly = arguments.contains("--read-only")
let textOnly = arguments.contains("--text-only")
var tally = Tally(encode: arguments.contains("--encode"))
if let i = arguments.firstIndex(of: "--dump"), i + 1 < arguments.count { tally.dump = arguments[i + 1] }
// --text-dump FILE: every cleaned description (with --text-only), one JSON line per row, to diff two builds.
var textDump: FileHandle?
if let i = arguments.firstIndex(of: "--text-dump"), i + 1 < arguments.count {
    _ = FileManager.default.createFile(atPath: arguments[i + 1], contents: nil)
    textDump = FileHandle(forWritingAtPath: arguments[i + 1])
}

let clock = ContinuousClock()
let start = clock.now
do {
    let reader = try CSVReader(path: path, options: CSVOptions(bufferSize: bufferSize))
    guard case .row(let header)? = reader.next() else {
        print("no header")
        exit(1)
    }
    let mapper = try UdataCSVMapper(header: header.fields)
    let context = ParseContext(
        source: "datagouv-export", sourceKind: "udata-csv", url: "file://" + path, fetchedAt: "2026-01-16T06:00:00Z")
    var batch: [CSVRow] = []
    func flush() {
        if parallelism > 1 {
            for result in mapper.map(batch, context: context, parallelism: parallelism) { tally.add(result) }
        } else {
            for row in batch { tally.add(mapper.map(row, context: context)) }
        }
        batch.removeAll(keepingCapacity: true)
    }
    for element in reader {
        tally.rows += 1
        switch element {
        case .row(let row):
            if readOnly {
                tally.fields += row.fields.count
                for f in row.fields { tally.fieldBytes += f.utf8.count }
                continue
            }
            if textOnly {
                if row.fields.count > 9 {
                    let cleaned = DescriptionText.clean(row.fields[9])
                    if let textDump,
                        let line = try? JSONSerialization.data(withJSONObject: [
                            row.fields[0], cleaned.text, cleaned.references,
                        ])
                    {
                        textDump.write(line + Data("\n".utf8))
                    }
                    if !cleaned.text.isEmpty { tally.records += 1 }
                    for byte in cleaned.text.utf8 {
                        tally.textDigest = (tally.textDigest ^ UInt64(byte)) &* 0x100_0000_01b3
                    }
                    for link in cleaned.references {
                        for byte in link.utf8 {
                            tally.textDigest = (tally.textDigest ^ UInt64(byte)) &* 0x100_0000_01b3
                        }
                    }
                }
                continue
            }
            batch.append(row)
            if batch.count == 4096 { flush() }
        case .malformed(let m):
            tally.fail(m.description)
        }
    }
    flush()
} catch {
    print("error: \(error)")
    exit(1)
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(
    "swift  rows=\(tally.rows) records=\(tally.records) failed=\(tally.failed) with_warnings=\(tally.withWarnings)"
        + (tally.encode ? " json_bytes=\(tally.encodedBytes)" : "") + " parallelism=\(parallelism)"
        + (readOnly ? " fields=\(tally.fields) field_bytes=\(tally.fieldBytes)" : "")
        + (textOnly ? " text_digest=\(String(tally.textDigest, radix: 16))" : ""))
print(
    String(
        format: "swift  seconds=%.2f rows_per_s=%.0f max_rss_mb=%.1f", seconds, Double(tally.rows) / seconds,
        maxRSSMegabytes()))
for f in tally.failures { print("swift  failure: \(f)") }
