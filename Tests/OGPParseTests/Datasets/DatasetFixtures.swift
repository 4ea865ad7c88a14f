import Foundation
import OGPModel

@testable import OGPParse

/// Paths and helpers shared by the dataset decoder tests.
enum DatasetFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/datasets")

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func context(
        kind: String = "udata-csv", url: String = "file:///export.csv", options: [String: String] = [:]
    ) -> ParseContext {
        ParseContext(
            source: "datagouv", sourceKind: kind, url: url, fetchedAt: "2026-01-16T06:00:00Z", options: options)
    }

    /// Every element of a reader over `text`.
    static func elements(_ text: String, options: CSVOptions = CSVOptions()) -> [CSVElement] {
        Array(CSVReader(data: Data(text.utf8), options: options))
    }

    static func rows(_ elements: [CSVElement]) -> [CSVRow] {
        elements.compactMap { if case .row(let r) = $0 { r } else { nil } }
    }

    static func malformed(_ elements: [CSVElement]) -> [CSVMalformedRow] {
        elements.compactMap { if case .malformed(let m) = $0 { m } else { nil } }
    }

    /// Reads and maps a whole export file: dataset records by id, and failures.
    static func mapFile(
        _ name: String, options: [String: String] = [:]
    ) throws -> (records: [Record], failures: [ItemFailure]) {
        let reader = try CSVReader(path: path(name))
        guard case .row(let header)? = reader.next() else { throw ParseError(.invalidCSV, "no header") }
        let mapper = try UdataCSVMapper(header: header.fields)
        let ctx = context(url: "file://" + path(name), options: options)
        var records: [Record] = []
        var failures: [ItemFailure] = []
        for element in reader {
            switch element {
            case .row(let row):
                switch mapper.map(row, context: ctx) {
                case .parsed(_, let rs): records += rs
                case .failed(let f): failures.append(f)
                }
            case .malformed(let m):
                failures.append(m.failure(item: name))
            }
        }
        return (records, failures)
    }
}
