/// One named piece of searchable text of a document (`title`, `summary`, `body`…).
public struct TextField: Sendable, Hashable, Codable {
    /// The field name; must be declared in the index's ``IndexSchema``.
    public var name: String
    /// The text, HTML already stripped.
    public var text: String

    /// Creates a text field.
    public init(_ name: String, _ text: String) {
        self.name = name
        self.text = text
    }
}

/// A document as the index sees it: an id, text fields, exact-match keywords, a date, and what to
/// show in results. The index knows nothing of records; the catalogue maps its records to these.
public struct IndexDocument: Sendable, Hashable, Codable {
    /// Unique id. Adding a document whose id is already indexed replaces it (upsert).
    public var id: String
    /// Searchable text, scored with the per-field boosts of the schema.
    public var fields: [TextField]
    /// Exact-match values by kind (`kind`, `org`, `tag`, `plan`, `year`, `source`…), used by
    /// `kind:value` filters and facets. `year` is derived from `date` when absent.
    public var keywords: [String: [String]]
    /// ISO 8601 date (`YYYY-MM-DD…`), for sorting by date and `since:`.
    public var date: String?
    /// Drafts and archived documents: excluded from results unless the query includes hidden ones.
    public var hidden: Bool
    /// Display values (`kind`, `title`, `url`, `date`, `source`…), returned with each hit.
    public var stored: [String: String]

    /// Creates a document.
    public init(
        id: String,
        fields: [TextField],
        keywords: [String: [String]] = [:],
        date: String? = nil,
        hidden: Bool = false,
        stored: [String: String] = [:]
    ) {
        self.id = id
        self.fields = fields
        self.keywords = keywords
        self.date = date
        self.hidden = hidden
        self.stored = stored
    }

    /// The date as `yyyymmdd` (0 when absent or malformed), as ``SinceDate/key`` gives it for a
    /// valid date; otherwise the first 4 to 8 digits of `date`, a missing month or day as 00
    /// (`2021` → 20210000). Works on any text without trapping: at most 8 digits are read, so
    /// the value is below 10⁸ and fits an `Int32`.
    var dateKey: Int32 {
        guard let date else { return 0 }
        if let since = try? SinceDate.parse(date) { return since.key }
        var value = 0
        var count = 0
        for c in date.utf8 where c >= 0x30 && c <= 0x39 {
            value = value * 10 + Int(c - 0x30)
            count += 1
            if count == 8 { break }
        }
        switch count {
        case 8: return Int32(value)
        case 6, 7: return Int32((count == 7 ? value / 10 : value) * 100)
        case 4, 5: return Int32((count == 5 ? value / 10 : value) * 10_000)
        default: return 0
        }
    }

    /// Keywords with `year` derived from the date when not given.
    var effectiveKeywords: [String: [String]] {
        var k = keywords
        if k["year"] == nil, let date, date.utf8.count >= 4 {
            k["year"] = [String(date.prefix(4))]
        }
        return k
    }
}

/// One searchable field and its BM25F boost.
public struct FieldSpec: Sendable, Hashable, Codable {
    /// Field name.
    public var name: String
    /// Weight of a match in this field relative to the others.
    public var boost: Double

    /// Creates a field spec.
    public init(_ name: String, boost: Double) {
        self.name = name
        self.boost = boost
    }
}

/// The searchable fields of an index and their boosts (title ≫ summary ≫ body).
public struct IndexSchema: Sendable, Hashable, Codable {
    /// Fields in id order (at most 255).
    public var fields: [FieldSpec]

    /// Creates a schema.
    public init(fields: [FieldSpec]) {
        self.fields = fields
    }

    /// The catalogue's schema: `title` (×5), `summary` (×2), `body` (×1).
    public static let standard = IndexSchema(fields: [
        FieldSpec("title", boost: 5), FieldSpec("summary", boost: 2), FieldSpec("body", boost: 1),
    ])

    /// The id of a field name.
    public func fieldID(_ name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }
}
