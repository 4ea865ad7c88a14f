import OGPModel

/// Reads a web server needs beyond ``CatalogStore``: a page of records of one kind (the DCAT
/// pages), the latest changes (the home page), and the records linking to one record (a record's
/// page). Both stores answer them, so `ogp-serve` serves a shared PostgreSQL catalogue as it
/// serves the data directory's SQLite file. Every read is bounded by its caller's limit.
public protocol CatalogBrowsing: CatalogStore {
    /// Current records of `kind` (and archived ones when asked), sorted by id, `limit` of them
    /// from `offset`.
    func records(kind: RecordKind, offset: Int, limit: Int, includeArchived: Bool) throws(StoreError) -> [Record]

    /// The `limit` most recently changed current records (newest first, then by id), of the
    /// given kinds.
    func recentlyChanged(kinds: Set<RecordKind>, limit: Int) throws(StoreError) -> [Record]

    /// Current records of the given kinds with a link (or a commitment's plan) to `target`,
    /// sorted by kind then id, at most `limit` of them. Meant for the small kinds (plans,
    /// commitments, publications).
    func records(linkingTo target: RecordID, kinds: Set<RecordKind>, limit: Int) throws(StoreError) -> [Record]
}

extension CatalogBrowsing {
    /// Current records of `kind`, sorted by id, `limit` of them from `offset`.
    public func records(kind: RecordKind, offset: Int, limit: Int) throws(StoreError) -> [Record] {
        try records(kind: kind, offset: offset, limit: limit, includeArchived: false)
    }

    /// At most 1,000 current records of `kinds` linking to `target`.
    public func records(linkingTo target: RecordID, kinds: Set<RecordKind>) throws(StoreError) -> [Record] {
        try records(linkingTo: target, kinds: kinds, limit: 1000)
    }

    /// Whether `record` links to `target` (or, a commitment, belongs to that plan): the exact
    /// test after the stores' text pre-filter.
    static func links(_ record: Record, to target: RecordID) -> Bool {
        record.links.contains(where: { $0.target == target }) || record.commitment?.plan == target
    }
}
