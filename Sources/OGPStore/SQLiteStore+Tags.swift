import Foundation
import GRDB
import OGPModel

/// ``RecordFilter/tags``: the records' tags are cut out of their JSON bytes alone (no parse), and
/// only the records with a matching tag are read in full and decoded, in one snapshot.
extension SQLiteStore {
    /// The ids (in kind then id order) and kinds of the records of `filter` with a matching tag.
    private func taggedIDs(_ filter: RecordFilter, db: Database) throws -> [(id: String, kind: String)] {
        let (sql, arguments) = condition(filter)
        let wanted = filter.tags ?? []
        // The tags array cut out of the JSON bytes, from `"tags":[` to the first `]` after it:
        // no JSON parse of the whole record (`json_extract` parsed 400 MB for 100,000 datasets),
        // and the member found with `memmem` on the row's bytes where SQLite gives them (its
        // `instr` compared byte by byte: most of a 120,000-dataset plan pass). The member is
        // found exactly (a quote inside a JSON string is escaped, and `tags` is an array nowhere
        // else in a record); a `]` inside a tag cuts the array short, which ``TagMatch`` cannot
        // read and so counts as a match, checked on the decoded record.
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, kind, json FROM record WHERE \(sql) ORDER BY kind_rank, id", arguments: arguments)
        var out: [(id: String, kind: String)] = []
        while let row = try rows.next() {
            let tags = try row.withUnsafeData(atIndex: 2) { data in data.flatMap(Self.tagsArray) }
            if TagMatch.matches(tags, wanted) { out.append((row[0], row[1])) }
        }
        return out
    }

    private static let tagsMember: [UInt8] = Array(#""tags":"#.utf8)

    /// The bytes of a record's JSON from the `[` of its `"tags":[` member to the first `]`
    /// after it (empty when there is none), as text; nil without the member.
    static func tagsArray(_ json: Data) -> String? {
        json.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            guard let base = raw.baseAddress else { return nil }
            let member = Self.tagsMember
            // Each `[` in turn (rare in a record's JSON, found with memchr), until one ends
            // `"tags":[`: the first such member, as a search for the whole needle finds it.
            var from = 0
            var open = -1
            while from < raw.count, let hit = memchr(base + from, 0x5B, raw.count - from) {
                let at = UnsafeRawPointer(hit) - base
                if at >= member.count, raw[(at - member.count)..<at].elementsEqual(member) {
                    open = at
                    break
                }
                from = at + 1
            }
            guard open >= 0 else { return nil }
            guard let close = memchr(base + open, 0x5D, raw.count - open) else { return "" }
            let end = UnsafeRawPointer(close) - base + 1
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[open..<end]), as: UTF8.self)
        }
    }

    /// ``forEachRecord(_:_:)`` for a filter with tags.
    func forEachTagged(_ filter: RecordFilter, _ body: (OGPModel.Record) throws -> Void) throws(StoreError) {
        let wanted = filter.tags ?? []
        try guarded("cannot read records") {
            try pool.read { db in
                let ids = try taggedIDs(filter, db: db)
                var start = 0
                while start < ids.count {
                    let chunk = ids[start..<min(ids.count, start + Self.readBatch)].map(\.id)
                    start += chunk.count
                    let jsons = try String.fetchAll(
                        db,
                        sql: """
                            SELECT json FROM record WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                            ORDER BY kind_rank, id
                            """,
                        arguments: StatementArguments(chunk))
                    // The SQL read the tags; the decoded record is what counts (an escaped tag
                    // the quick reader declined is checked here).
                    for record in try decodeRecords(jsons)
                    where record.tags.contains(where: { wanted.contains(TextFolding.fold($0)) }) {
                        try body(record)
                    }
                }
            }
        }
    }

    /// ``counts(_:)`` for a filter with tags.
    func countTagged(_ filter: RecordFilter) throws(StoreError) -> [RecordKind: Int] {
        var out: [RecordKind: Int] = [:]
        try forEachTagged(filter) { out[$0.kind, default: 0] += 1 }
        return out
    }
}
