import Foundation
import OGPHarvest

/// What `ogp harvest` prints at the end of a run: one table row per source when it fits the
/// width (100 columns when standard output is not a terminal), else one block per source; and
/// the problems that always go to standard error.
enum Summary {
    /// The summary for `width` columns.
    static func lines(_ report: HarvestReport, width: Int) -> [String] {
        let nameWidth = max(6, report.sources.map(\.name.count).max() ?? 0) + 1
        let rows = report.sources.map { row($0, nameWidth: nameWidth) }
        let head = header(nameWidth: nameWidth)
        let table = ([head] + rows).allSatisfy { $0.count <= width }
        var out: [String] = table && !rows.isEmpty ? [head] : []
        for (s, line) in zip(report.sources, rows) {
            if table {
                out.append(line)
            } else {
                out += block(s)
            }
            if let message = s.message { out.append("    \(message)") }
            out += s.warnings.map { "    warning: \($0)" }
        }
        if let index = report.index {
            out.append(
                "index: \(index.indexed) indexed, \(index.deleted) deleted"
                    + (index.error.map { " — error: \($0)" } ?? "")
                    + (index.rebuilt.map { " (rebuilt from the catalogue: \($0))" } ?? ""))
        }
        out.append("run \(report.runID): \(report.status)\(report.dryRun ? " (dry run: nothing written)" : "")")
        return out
    }

    /// The columns after the name: a title and a width.
    static let columns: [(title: String, width: Int)] = [
        ("status", 12), ("added", 7), ("updated", 8), ("unchanged", 10), ("skipped", 8), ("failed", 7),
        ("archived", 9), ("time", 8), ("req", 6),
    ]

    /// The table's header line.
    static func header(nameWidth: Int) -> String {
        pad("source", nameWidth)
            + columns.enumerated().map { i, c in i == 0 ? pad(c.title, c.width) : left(c.title, c.width) }
            .joined()
    }

    /// One row of the table: 75 columns plus the name column (wider than the longest name).
    static func row(_ s: SourceReport, nameWidth: Int) -> String {
        let i = s.items
        let cells = [
            String(i.added), String(i.updated), String(i.unchanged), String(i.skipped), String(i.failed),
            String(i.archived),
            String(format: "%.1fs", s.seconds), String(s.http.requests),
        ]
        var line = pad(s.name, nameWidth) + pad(s.status.rawValue, columns[0].width)
        for (cell, column) in zip(cells, columns.dropFirst()) { line += left(cell, column.width) }
        return line
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }

    /// One block: the name and status, then the counts and HTTP activity on lines of their own.
    static func block(_ s: SourceReport) -> [String] {
        let i = s.items
        var out = ["\(s.name): \(s.status) (\(String(format: "%.1f", s.seconds)) s)"]
        out.append("    \(i.added) added, \(i.updated) updated, \(i.unchanged) unchanged")
        out.append("    \(i.skipped) skipped, \(i.failed) failed, \(i.archived) archived")
        if s.http.requests > 0 { out.append("    \(s.http.requests) requests, \(s.http.notModified) not modified") }
        return out
    }

    /// The lines that go to standard error whatever `--quiet` says: each source that is not ok,
    /// and each failed item with its reason (at most 20 per source; the report has them all).
    static func problems(_ report: HarvestReport, perSource: Int = 20) -> [String] {
        var out: [String] = []
        for s in report.sources where s.status != .ok {
            out.append("\(s.name): \(s.status)" + (s.message.map { ": \($0)" } ?? ""))
            for error in s.errors.prefix(perSource) {
                // The source's own failure is already on the line above.
                if error.message == s.message { continue }
                let place = [error.item, error.url].compactMap { $0 }.first.map { "\($0): " } ?? ""
                let named = place.isEmpty || error.message.hasPrefix(place)
                out.append("  \(named ? "" : place)\(error.message)")
            }
            if s.errors.count > perSource {
                out.append("  … and \(s.errors.count - perSource) more (see --report or `ogp status`)")
            }
        }
        return out
    }
}
