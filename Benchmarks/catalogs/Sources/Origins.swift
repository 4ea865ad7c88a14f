import Foundation
import OGPCatalog
import OGPModel
import OGPParse

/// `origins EXPORT.csv`: how many rows of data.gouv.fr's catalogue export carry an origin ogp can
/// match (``DatasetOrigin``), assuming each origin portal is configured with the kind its harvest
/// backend names (CKAN → `ckan`, DCAT → `dcat`, OpenDataSoft → `opendatasoft`).
enum OriginsMeasure {
    static func run(_ path: String) throws {
        let reader = try CSVReader(path: path)
        guard case .row(let header)? = reader.next() else { throw ParseError(.invalidCSV, "no header") }
        let mapper = try UdataCSVMapper(header: header.fields)
        let context = ParseContext(
            source: "dgv", sourceKind: "udata-csv", url: "file://" + path, fetchedAt: "2026-01-16T06:00:00Z")
        var rows = 0, harvested = 0, matchable = 0
        var byBackend: [String: (rows: Int, matchable: Int)] = [:]
        var byRule: [String: Int] = [:]
        var hosts: [String: Int] = [:]
        for element in reader {
            guard case .row(let row) = element else { continue }
            rows += 1
            guard case .parsed(_, let records) = mapper.map(row, context: context), let record = records.first else {
                continue
            }
            let backend = record.extras["harvest.backend"] ?? ""
            guard !backend.isEmpty else { continue }
            harvested += 1
            let kind: SourceKind? =
                switch backend.lowercased() {
                case "ckan": .ckan
                case "dcat": .dcat
                case "opendatasoft": .opendatasoft
                default: nil
                }
            var entry = byBackend[backend] ?? (0, 0)
            entry.rows += 1
            if let kind {
                for claim in DatasetOrigin.claims(record) {
                    let portal = DatasetOrigin.Portal(source: claim.host, kind: kind)
                    // A direct id, or (CKAN) the landing page to look up among the portal's records.
                    let rule: String? =
                        DatasetOrigin.target(claim, at: portal) != nil
                        ? claim.rule.rawValue
                        : (claim.url != nil ? claim.rule.rawValue + " (lookup)" : nil)
                    if let rule {
                        matchable += 1
                        entry.matchable += 1
                        byRule[rule, default: 0] += 1
                        hosts[claim.host, default: 0] += 1
                        break
                    }
                }
            }
            byBackend[backend] = entry
        }
        print(
            "origins rows=\(rows) harvested=\(harvested) matchable=\(matchable)"
                + String(format: " matchable_share=%.1f%%", Double(matchable) * 100 / Double(max(rows, 1))))
        for (b, e) in byBackend.sorted(by: { $0.value.rows > $1.value.rows }) {
            print("origins backend=\(b) rows=\(e.rows) matchable=\(e.matchable)")
        }
        for (r, n) in byRule.sorted(by: { $0.value > $1.value }) { print("origins rule=\(r) rows=\(n)") }
        print(
            "origins portals=\(hosts.count) top="
                + hosts.sorted { $0.value > $1.value }.prefix(8).map { "\($0.key):\($0.value)" }.joined(separator: ","))
    }
}
