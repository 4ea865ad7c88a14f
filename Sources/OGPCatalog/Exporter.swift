import Foundation
import OGPModel
import OGPStore

/// Writes the catalogue as one JSON document or as JSON Lines, streamed (memory does not grow
/// with the catalogue) and deterministic (records sorted by kind then id, keys sorted).
public struct Exporter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case json, jsonl
    }

    public struct Options: Sendable {
        public var format: Format
        public var kinds: Set<RecordKind>?
        /// Only records changed at or after this ISO date.
        public var since: String?
        /// Leave out ogp's own timestamps (generated at, first/last seen, fetch times), so that
        /// two catalogues with the same content export to the same bytes.
        public var reproducible: Bool
        public var includeArchived: Bool

        public init(
            format: Format = .json, kinds: Set<RecordKind>? = nil, since: String? = nil,
            reproducible: Bool = false, includeArchived: Bool = true
        ) {
            self.format = format
            self.kinds = kinds
            self.since = since
            self.reproducible = reproducible
            self.includeArchived = includeArchived
        }
    }

    /// Catalogue-level metadata written before the records.
    public struct Metadata: Sendable, Codable {
        public var title: String
        public var description: String
        public var publisher: String

        public init(
            title: String = "ogp — catalogue du gouvernement ouvert",
            description: String =
                "Plans d'action, engagements, publications et jeux de données du Partenariat pour un gouvernement ouvert (France), moissonnés par ogp.",
            publisher: String = "ogp"
        ) {
            self.title = title
            self.description = description
            self.publisher = publisher
        }
    }

    let store: any CatalogStore
    let metadata: Metadata

    public init(store: any CatalogStore, metadata: Metadata = Metadata()) {
        self.store = store
        self.metadata = metadata
    }

    /// Exports to `path` atomically, or to standard output when `path` is nil. Returns the
    /// number of records written.
    @discardableResult
    public func export(_ options: Options, to path: String?, now: Date = Date()) throws(ExportError) -> Int {
        let filter = RecordFilter(
            kinds: options.kinds, changedSince: options.since, includeArchived: options.includeArchived)
        return try OutputFile.write(to: path) { out in
            var count = 0
            if options.format == .json {
                try out.write(try header(filter: filter, options: options, now: now))
                try out.write("\"records\":[")
            }
            try store.forEachRecord(filter) { record in
                let data = try RecordCoding.encode(options.reproducible ? Self.withoutBookkeeping(record) : record)
                if options.format == .json { try out.write(count == 0 ? "\n" : ",\n") }
                try out.write(data)
                if options.format == .jsonl { try out.write("\n") }
                count += 1
            }
            if options.format == .json { try out.write("\n]}\n") }
            return count
        }
    }

    private func header(filter: RecordFilter, options: Options, now: Date) throws -> String {
        let counts = Dictionary(uniqueKeysWithValues: try store.counts(filter).map { ($0.key.rawValue, $0.value) })
        struct Catalog: Encodable {
            let title: String, description: String, publisher: String
            let generated_at: String?
            let counts: [String: Int]
            let filter: [String: String]
        }
        var filterDescription: [String: String] = [:]
        if let kinds = options.kinds {
            filterDescription["kind"] = kinds.map(\.rawValue).sorted().joined(separator: ",")
        }
        if let since = options.since { filterDescription["changed_since"] = since }
        let catalog = Catalog(
            title: metadata.title, description: metadata.description, publisher: metadata.publisher,
            generated_at: options.reproducible ? nil : ISODate.string(from: now), counts: counts,
            filter: filterDescription)
        let json = String(decoding: try RecordCoding.encoder().encode(catalog), as: UTF8.self)
        return "{\"catalog\":\(json),\n"
    }

    /// The record without ogp's timestamps.
    public static func withoutBookkeeping(_ record: Record) -> Record {
        var r = record
        r.dates.firstSeen = nil
        r.dates.lastSeen = nil
        r.dates.lastChanged = nil
        r.provenance = r.provenance.map {
            var p = $0; p.fetchedAt = nil; return p
        }
        // When ogp archived it is ogp's timestamp too (the reason stays): a copy merged into
        // another source's record is archived at whichever run saw both.
        r.archived?.at = ""
        return r
    }
}
