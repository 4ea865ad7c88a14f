import Foundation

/// The one JSON form of records, used by the store, the export and the tests:
/// keys sorted, no escaped slashes, so the same record always gives the same bytes.
public enum RecordCoding {
    /// A new encoder configured for the catalogue's canonical JSON.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func decoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// The canonical JSON of a record (the same bytes as `encoder()` gives, written much faster).
    public static func encode(_ record: Record) throws -> Data {
        Data(bytes(record))
    }

    /// The canonical JSON of a record as bytes.
    public static func bytes(_ record: Record) -> [UInt8] {
        var json = CanonicalJSON(capacity: 4096)
        json.record(record)
        return json.out
    }

    public static func decode(_ data: Data) throws -> Record {
        try RecordJSONReader.record([UInt8](data)) ?? decoder().decode(Record.self, from: data)
    }

    /// The record of a stored JSON text (the direct reader first, `JSONDecoder` when it declines).
    public static func decode(_ json: String) throws -> Record {
        let bytes = Array(json.utf8)
        return try RecordJSONReader.record(bytes) ?? decoder().decode(Record.self, from: Data(bytes))
    }

    /// The canonical JSON of a record and its content hash (``contentHash(_:)``) from one
    /// encoding: the bookkeeping members are marked as they are written and left out of the
    /// hashed bytes, and a provenance URL of a local file is read as `file:`, instead of
    /// encoding a stripped copy a second time.
    public static func bytesAndContentHash(_ record: Record) throws -> (bytes: [UInt8], hash: String) {
        var json = CanonicalJSON(capacity: 4096)
        json.excluded = []
        json.record(record)
        return (json.out, XXH64.hex128(json.hashedBytes()))
    }

    /// The content hash of a record: 128 bits of XXH64 (two seeds) over its canonical JSON
    /// without ogp's own bookkeeping (first/last seen, last changed, fetch time, validators,
    /// archival). Two harvests of the same content give the same hash, whatever the day. It only
    /// tells whether one record's content changed, so a fast non-cryptographic hash will do.
    public static func contentHash(_ record: Record) throws -> String {
        var r = record
        r.dates.firstSeen = nil
        r.dates.lastSeen = nil
        r.dates.lastChanged = nil
        r.archived = nil
        r.provenance = r.provenance.map {
            var p = $0
            p.fetchedAt = nil
            p.etag = nil
            p.lastModified = nil
            p.contentHash = nil
            // Where a local file lives is not content: a moved configuration must not update
            // every record read through it.
            if isLocalFile(p.url) { p.url = "file:" }
            return p
        }
        return XXH64.hex128(bytes(r))
    }

    /// Whether a provenance URL names a local file (`file:`, any case): its place is not content.
    static func isLocalFile(_ url: String) -> Bool {
        // Most URLs are told apart by their first byte, without lowercasing a copy.
        guard let first = url.utf8.first, first | 0x20 == UInt8(ascii: "f") || first >= 0x80 else { return false }
        return url.lowercased().hasPrefix("file:")
    }
}
