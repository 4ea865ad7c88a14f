import Foundation

/// One search index that follows the catalogue: the data directory's own index next to a SQLite
/// catalogue (``local``), or the index of one search host over a shared catalogue (named for the
/// host and the index's path). The store keeps, per follower, the change sequence its index has
/// applied, so that several hosts index one PostgreSQL catalogue each at its own pace: one host
/// committing its index never hides a change from another.
///
/// Every write that changes a record (added, updated, archived) gives it the next number of the
/// store's change sequence, in commit order; a follower's pending records are those numbered
/// above its cursor.
public struct IndexFollower: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The follower's name in the store (at most 500 characters).
    public let rawValue: String

    /// A follower named `rawValue` (trimmed to 500 characters).
    public init(rawValue: String) {
        self.rawValue = String(rawValue.prefix(500))
    }

    /// The index in the data directory of a SQLite catalogue (they move together, so the host
    /// does not matter).
    public static let local = IndexFollower(rawValue: "local")

    /// The index in `directory` on this host: `host:/absolute/path`.
    public static func host(indexDirectory directory: String) -> IndexFollower {
        let path = URL(fileURLWithPath: directory).standardizedFileURL.path
        return IndexFollower(rawValue: "\(ProcessInfo.processInfo.hostName):\(path)")
    }

    public var description: String { rawValue }
}

/// Where one follower stands (`ogp status`).
public struct IndexFollowerState: Sendable, Hashable, Codable {
    /// The follower.
    public var follower: IndexFollower
    /// The last change it applied (0: none yet, a full index is due).
    public var appliedSequence: Int
    /// When it last committed (ISO 8601, UTC).
    public var updatedAt: String
    /// Records changed since its cursor.
    public var pending: Int

    /// Creates the value.
    public init(follower: IndexFollower, appliedSequence: Int, updatedAt: String, pending: Int) {
        self.follower = follower
        self.appliedSequence = appliedSequence
        self.updatedAt = updatedAt
        self.pending = pending
    }
}

extension CatalogStore {
    /// Records changed after `follower`'s cursor, in change order, at most `limit`.
    public func pendingIndex(for follower: IndexFollower, limit: Int) throws(StoreError) -> [PendingRecord] {
        try pendingIndex(for: follower, after: nil, limit: limit)
    }

    /// The pending records of the ``IndexFollower/local`` index.
    public func pendingIndex(limit: Int) throws(StoreError) -> [PendingRecord] {
        try pendingIndex(for: .local, limit: limit)
    }

    /// Advances the ``IndexFollower/local`` index's cursor.
    public func markIndexed(_ records: [PendingRecord]) throws(StoreError) {
        try markIndexed(records, for: .local)
    }

    /// Puts the ``IndexFollower/local`` index's cursor back to the start.
    public func resetIndexState() throws(StoreError) {
        try resetIndexState(for: .local)
    }
}
