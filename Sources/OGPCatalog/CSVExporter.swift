import Foundation
import OGPModel
import OGPStore

/// The catalogue as one CSV table, for a spreadsheet: one row per record, the same columns for
/// every kind (empty where they do not apply), as data.gouv.fr's own catalogue exports are read.
///
/// - Semicolons between fields and UTF-8, as data.gouv.fr's exports (a French spreadsheet opens
///   them as they are); fields quoted as RFC 4180 says, rows ended by CRLF.
/// - Every field comes from outside: a field that a spreadsheet would take for a formula
///   (`=`, `+`, `-`, `@`, tab or carriage return first) gets a leading apostrophe, as OWASP
///   advises against CSV injection.
/// - Streamed and sorted like the other exports: records by kind then id.
public struct CSVExporter: Sendable {
    /// The header, in order.
    public static let columns = [
        "id", "kind", "title", "url", "published", "modified", "source", "plan", "number", "ogp_id", "status",
        "lead_institutions", "organization", "license", "formats", "distributions", "tags", "themes", "summary",
        "draft", "archived",
    ]

    /// The summary column's limit, in characters: a body cut there with an ellipsis.
    static let summaryLimit = 500

    let store: any CatalogStore

    public init(store: any CatalogStore) {
        self.store = store
    }

    /// Exports to `path` atomically, or to standard output when `path` is nil; returns the
    /// number of records written.
    @discardableResult
    public func export(kinds: Set<RecordKind>?, since: String?, includeArchived: Bool, to path: String?)
        throws(ExportError) -> Int
    {
        let filter = RecordFilter(kinds: kinds, changedSince: since, includeArchived: includeArchived)
        return try OutputFile.write(to: path) { out in
            try out.write(Self.row(Self.columns))
            var count = 0
            try store.forEachRecord(filter) { record in
                try out.write(Self.row(Self.fields(record)))
                count += 1
            }
            return count
        }
    }

    /// The fields of `record`, in the order of ``columns``.
    public static func fields(_ r: Record) -> [String] {
        let c = r.commitment
        let d = r.dataset
        var sources: [String] = []
        for p in r.provenance where !sources.contains(p.source) { sources.append(p.source) }
        var formats: [String] = []
        for f in (d?.distributions ?? []).compactMap(\.format) where !formats.contains(f.lowercased()) {
            formats.append(f.lowercased())
        }
        let plan = c?.plan.map { id -> String in
            let remote = String(id.rawValue.split(separator: ":", maxSplits: 2).last ?? "")
            return remote.hasPrefix("plan-") ? String(remote.dropFirst(5)) : remote
        }
        let summary = r.summary ?? r.body.map { body in
            // Only the first characters are walked (a body may be long).
            body.index(body.startIndex, offsetBy: summaryLimit, limitedBy: body.endIndex).map {
                $0 == body.endIndex ? body : String(body[..<$0]) + "…"
            } ?? body
        }
        return [
            r.id.rawValue, r.kind.rawValue, r.title, r.url ?? "", r.dates.published ?? "", r.dates.modified ?? "",
            sources.joined(separator: ", "), plan ?? "", c.flatMap { $0.numberLabel ?? $0.number.map(String.init) } ?? "",
            c?.ogpID ?? "", c.map(\.status.rawValue) ?? "", c?.leadInstitutions.joined(separator: " | ") ?? "",
            r.extras["organization"] ?? d?.organization?.rawValue ?? "", d.flatMap { $0.licenseLabel ?? $0.license } ?? "",
            formats.joined(separator: ", "), d.map { String($0.distributions.count) } ?? "",
            r.tags.joined(separator: ", "), r.themes.joined(separator: ", "), summary ?? "", r.draft ? "true" : "",
            r.archived.map(\.reason) ?? "",
        ]
    }

    /// One CSV row, CRLF-terminated.
    static func row(_ fields: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(fields.reduce(2) { $0 + $1.utf8.count + 3 })
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            append(f, to: &out)
        }
        out.append(0x0D)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// A field quoted when it holds a separator, a quote or a line break; defused when a
    /// spreadsheet would read it as a formula.
    static func quoted(_ field: String) -> String {
        var out: [UInt8] = []
        append(field, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``quoted(_:)`` appended to `out`, byte by byte (the characters that matter are ASCII:
    /// walking the field by grapheme was most of the export's time).
    private static func append(_ field: String, to out: inout [UInt8]) {
        let bytes = field.utf8
        let defuse: Bool
        switch bytes.first {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: defuse = true  // = + - @ tab CR
        default: defuse = false
        }
        let quote = bytes.contains { (b: UInt8) -> Bool in
            switch b {
            case 0x3B, 0x22, 0x0A, 0x0D: return true  // ; " LF CR
            default: return false
            }
        }
        if quote { out.append(0x22) }
        if defuse { out.append(0x27) }
        if quote {
            for b in bytes {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: bytes)
        }
    }
}
