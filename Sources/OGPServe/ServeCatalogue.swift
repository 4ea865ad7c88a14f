import Foundation
import OGPCatalog
import OGPIndex
import OGPModel
import OGPStore

/// The server's read-only view of a data directory: the SQLite catalogue (WAL readers see each
/// committed harvest) or a shared PostgreSQL one, and the search index, reopened when its manifest changes on disk, so a cron
/// harvest shows without a restart. Never writes; opens nothing outside the data directory.
public final class ServeCatalogue: Sendable {
    /// The data directory served.
    public let dataDirectory: DataDirectory
    private let state = Locked(State())
    /// How often (seconds) the index manifest is looked at; a `stat`, cheap, but not per request.
    private let recheckInterval: Double
    private let storedCacheBytes: Int
    private let synonyms: SynonymList
    /// `/api/search` (without facets) counts matches up to this number, then says `gte`.
    public let totalHitsThreshold: Int
    /// The default bound of the stored-field block cache: 128 MB, four times
    /// ``IndexReader/defaultStoredCacheBytes`` (a one-shot `ogp-search`'s). A block missed costs
    /// about 30 µs of zstd, and a page of 20 hits reads up to 20 blocks: 0.45 ms of a 2.4 ms search
    /// on the data.gouv.fr export, whose 10,018 blocks decompress to 175 MB; 32 MB held too few
    /// of them to help (no better than no cache), 128 MB (+50 MB of RSS) took 16 % off a
    /// search's CPU (Benchmarks/serve/README.md).
    public static let defaultStoredCacheBytes = 128 << 20
    /// How long (seconds) record counts are reused: counting scans the record table (170 ms of
    /// CPU on the 121,000 datasets of data.gouv.fr), and the home page, `/healthz` and every DCAT
    /// page show them.
    private let countsMaxAge: Double

    private struct State {
        var store: (any CatalogBrowsing)?
        var reader: IndexReader?
        var manifestStamp: FileStamp?
        var checkedAt: Double = -.infinity
        var counts: (value: [RecordKind: Int], at: Double)?
    }

    /// Serves `dataDirectory`. Nothing is opened yet: a data directory without a first harvest is
    /// served (pages say the catalogue is empty, `/healthz` says not ready) until one appears.
    /// The index reader keeps up to `storedCacheBytes` of decompressed stored-field blocks
    /// (hits shown again are not decompressed again; 0: none). Queries are expanded with
    /// `synonyms` (`ogp-serve` passes the list `ogp-search` would use). `/api/search` counts
    /// matches exactly up to `totalHitsThreshold`, then gives a lower bound. `sharedStore` is a
    /// catalogue shared by several machines (PostgreSQL), read instead of the data directory's
    /// SQLite file; the data directory then holds the index that follows it.
    public init(
        dataDirectory: DataDirectory, recheckInterval: Double = 0.5, countsMaxAge: Double = 5,
        storedCacheBytes: Int = ServeCatalogue.defaultStoredCacheBytes, synonyms: SynonymList = .empty,
        totalHitsThreshold: Int = SearchParameters.defaultTotalHitsThreshold, sharedStore: (any CatalogBrowsing)? = nil
    ) {
        self.dataDirectory = dataDirectory
        state.withLock { $0.store = sharedStore }
        self.totalHitsThreshold = max(0, totalHitsThreshold)
        self.synonyms = synonyms
        self.storedCacheBytes = storedCacheBytes
        self.recheckInterval = recheckInterval
        self.countsMaxAge = countsMaxAge
    }

    /// The catalogue: the shared store given at creation, else the data directory's SQLite file,
    /// opened read-only on first use.
    public func store() throws(ServeError) -> any CatalogBrowsing {
        if let s = state.withLock({ $0.store }) { return s }
        let opened: any CatalogBrowsing
        do { opened = try SQLiteStore(path: dataDirectory.catalogPath, readOnly: true, followsWriters: true) } catch {
            throw ServeError.unavailable("catalogue: \(error)")
        }
        return state.withLock { s in
            if let existing = s.store { return existing }
            s.store = opened
            return opened
        }
    }

    /// The number of records by kind, at most `countsMaxAge` seconds old.
    public func counts() throws(ServeError) -> [RecordKind: Int] {
        let now = Self.monotonicSeconds()
        if let c = state.withLock({ $0.counts }), now - c.at < countsMaxAge { return c.value }
        let fresh: [RecordKind: Int]
        let store = try store()
        do { fresh = try store.counts() } catch { throw ServeError.unavailable("catalogue: \(error)") }
        state.withLock { $0.counts = (fresh, now) }
        return fresh
    }

    /// The index reader on the latest committed index (reopened when the manifest changed).
    public func reader() throws(ServeError) -> IndexReader {
        let now = Self.monotonicSeconds()
        let (current, due) = state.withLock { s -> (IndexReader?, Bool) in
            let due = now - s.checkedAt >= recheckInterval
            if due { s.checkedAt = now }
            return (s.reader, due)
        }
        if let current, !due { return current }
        let stamp = FileStamp(path: (dataDirectory.indexPath as NSString).appendingPathComponent("manifest.json"))
        if let current, stamp == state.withLock({ $0.manifestStamp }) { return current }
        let fresh: IndexReader
        do {
            fresh =
                try current?.reopen()
                ?? IndexReader(
                    directory: dataDirectory.indexPath, synonyms: synonyms, storedCacheBytes: storedCacheBytes)
        } catch {
            // A reader that worked keeps serving when the new commit cannot be read (yet).
            if let current { return current }
            throw ServeError.unavailable("index: \(error)")
        }
        state.withLock { s in
            // Keep the newest generation if two requests reopened at once.
            if (s.reader?.generation ?? Int.min) <= fresh.generation {
                s.reader = fresh
                s.manifestStamp = stamp
            }
        }
        return fresh
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// What identifies one version of a file without reading it: inode, size and modification time.
struct FileStamp: Equatable, Sendable {
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        #if canImport(Darwin)
        seconds = Int(st.st_mtimespec.tv_sec)
        nanoseconds = Int(st.st_mtimespec.tv_nsec)
        #else
        seconds = Int(st.st_mtim.tv_sec)
        nanoseconds = Int(st.st_mtim.tv_nsec)
        #endif
    }
}

/// A value behind a lock (Foundation's NSLock: Mutex needs macOS 15).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
