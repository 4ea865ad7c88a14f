import OGPModel

/// The tag filter of ``RecordFilter/tags``, applied to a record's stored `tags` (the JSON array
/// the store's SQL extracts from its record JSON, SQLite's `json_extract` or PostgreSQL's `->`),
/// so that records are decoded only when one of their tags matches.
enum TagMatch {
    /// Whether the JSON array `tags` (nil when the record has none) holds a tag whose fold is one
    /// of `wanted`. An array this reader cannot read counts as a match: the caller then decodes
    /// the record and checks its tags, so nothing is ever left out.
    static func matches(_ tags: String?, _ wanted: Set<String>) -> Bool {
        guard let tags else { return false }
        guard let list = strings(tags) else { return true }
        return list.contains { wanted.contains(TextFolding.fold($0)) }
    }

    /// The strings of a JSON array of strings, nil when it is anything else.
    static func strings(_ json: String) -> [String]? {
        var json = json
        return json.withUTF8 { b -> [String]? in
            var i = 0
            func skipSpace() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
            skipSpace()
            guard i < b.count, b[i] == 0x5B else { return nil }
            i += 1
            var out: [String] = []
            skipSpace()
            if i < b.count, b[i] == 0x5D { return out }
            while i < b.count {
                skipSpace()
                guard i < b.count, b[i] == 0x22 else { return nil }
                i += 1
                let start = i
                var escaped = false
                while i < b.count, b[i] != 0x22 {
                    if b[i] == 0x5C {
                        escaped = true
                        i += 1
                    }
                    i += 1
                }
                guard i < b.count else { return nil }
                // Escapes (rare in tags) are left to a full decode by the caller.
                if escaped { return nil }
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                i += 1
                skipSpace()
                guard i < b.count else { return nil }
                if b[i] == 0x5D { return out }
                guard b[i] == 0x2C else { return nil }
                i += 1
            }
            return nil
        }
    }
}
