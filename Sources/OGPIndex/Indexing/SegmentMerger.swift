import Foundation
import OGPCore

/// Merges segments into one without re-analysing their documents, as Lucene's `SegmentMerger`:
/// the term dictionaries are walked together in byte order, each term's postings decoded from
/// every segment holding it, its documents renumbered (deleted ones dropped) and re-encoded in
/// blocks (skip table, block maxima, positions) by the encoder a segment's builder uses; field
/// lengths, dates, flags and ids are carried over, keyword ordinals renumbered, and the stored
/// documents copied as their encodings into new blocks compressed with a dictionary trained on
/// the merged segment.
///
/// The merged segment's files are those a builder given the live documents in the same order
/// would write, byte for byte (`SegmentMergerTests`): search results are a one-segment build's.
/// Its memory is the output's dictionary, its compressed stored blocks and a few arrays per
/// document (the postings are written as they are merged); the sources are read through their
/// mappings.
struct SegmentMerger {
    /// A segment to merge and its deletion bitmap (bit set: deleted; empty: none).
    struct Source {
        let segment: Segment
        let deleted: [UInt8]

        func isDeleted(_ d: Int) -> Bool {
            d >> 3 < deleted.count && deleted[d >> 3] & (1 << UInt8(d & 7)) != 0
        }
    }

    let sources: [Source]
    let fields: Int
    /// Per source, each document's number in the merged segment (-1: deleted).
    private(set) var docMaps: [[Int32]] = []
    private var ids: [String] = []
    private var dateKeys: [Int32] = []
    private var hidden: [Bool] = []
    private(set) var fieldLengths: [UInt32] = []

    init(sources: [Source], fields: Int) {
        self.sources = sources
        self.fields = fields
    }

    /// Writes the merged segment's files under `dir` with base `name`, fsync'ed; returns its
    /// document count.
    /// - Throws: ``IndexError`` `.corrupt` when a source fails its checksums, `.cancelled` when
    ///   the task is cancelled, `.io` when a file cannot be written.
    mutating func write(dir: String, name: String) throws(IndexError) -> Int {
        for s in sources {
            guard s.segment.fieldCount == fields else {
                throw .corrupt(
                    "segment has \(s.segment.fieldCount) fields, schema \(fields)", file: s.segment.name + ".doc",
                    offset: 12)
            }
            // Read whole below: checked whole now (the stored blocks as they are read).
            for f in [s.segment.tim, s.segment.pst, s.segment.doc] { try f.checksums.verifyAll() }
        }
        try mapDocuments()
        let storedFile = Self.writeStored(sources: sources, docs: ids.count, path: "\(dir)/\(name).sto", name: name)
        var storedResult: Result<Void, IndexError>?
        func waitStored() throws(IndexError) {
            if storedResult == nil {
                storedResult = storedFile.wait() ?? .failure(.io("the file was not written", file: "\(dir)/\(name).sto"))
            }
            try storedResult?.get()
        }
        do {
            // The postings are written as they are merged (the largest file, never held whole).
            let postings = try ChecksummedFileWriter(path: "\(dir)/\(name).pst")
            let (dictionary, ordinals) = try mergeTerms(into: postings)
            try postings.finish()
            try DurableFile.write(try dictionary.bytes(file: "\(dir)/\(name).tim"), to: "\(dir)/\(name).tim")
            try DurableFile.write(try docValues(ordinals: ordinals), to: "\(dir)/\(name).doc")
        } catch {
            // The stored file's thread reads the sources: it finishes before they may be closed.
            _ = try? waitStored()
            throw error
        }
        try waitStored()
        return ids.count
    }

    /// Numbers the live documents in order and copies their doc values.
    private mutating func mapDocuments() throws(IndexError) {
        for s in sources {
            let seg = s.segment
            var map = [Int32](repeating: -1, count: seg.docCount)
            for d in 0..<seg.docCount where !s.isDeleted(d) {
                map[d] = Int32(ids.count)
                ids.append(try seg.id(d))
                dateKeys.append(seg.date(d))
                hidden.append(seg.hidden(d))
                for f in 0..<fields { fieldLengths.append(UInt32(seg.fieldLength(d, f))) }
            }
            docMaps.append(map)
        }
        guard ids.count <= Int(Int32.max) else { throw IndexError(.invalidInput, "merged segment too large") }
    }

    /// The stored-fields file of the live documents (``StoredMerge``), made and written on a
    /// thread of its own while the postings are merged.
    private static func writeStored(
        sources: [Source], docs: Int, path: String, name: String
    ) -> BackgroundWork<Result<Void, IndexError>> {
        let work = StoredSources(sources)
        return BackgroundWork { () -> Result<Void, IndexError> in
            do throws(IndexError) {
                try StoredMerge(sources: work.sources).write(to: path, name: "\(name).sto")
                return .success(())
            } catch {
                return .failure(error)
            }
        }
    }

    /// The sources, handed to the stored file's thread (segments are read-only and thread-safe).
    private final class StoredSources: @unchecked Sendable {
        let sources: [Source]
        init(_ sources: [Source]) { self.sources = sources }
    }

    /// The doc values file; `ordinals[s][o]` is the merged ordinal of source s's term o (for
    /// its keyword terms).
    private func docValues(ordinals: [[UInt32]]) throws(IndexError) -> [UInt8] {
        var keywordOrdinals: [UInt32] = []
        var keywordEnds: [Int] = []
        keywordEnds.reserveCapacity(ids.count)
        var one: [UInt32] = []
        for (i, s) in sources.enumerated() {
            let map = ordinals[i]
            for d in 0..<s.segment.docCount where !s.isDeleted(d) {
                one.removeAll(keepingCapacity: true)
                var bad = false
                try s.segment.forEachKeywordOrdinal(d) { o in
                    if o < map.count, map[o] != UInt32.max { one.append(map[o]) } else { bad = true }
                }
                guard !bad else {
                    throw .corrupt("keyword ordinal of document \(d)", file: s.segment.name + ".doc", offset: 0)
                }
                one.sort()
                keywordOrdinals.append(contentsOf: one)
                keywordEnds.append(keywordOrdinals.count)
            }
        }
        return SegmentBuilder.docValues(
            fields: fields, fieldLengths: fieldLengths, dateKeys: dateKeys, hidden: hidden,
            keywordOrdinals: keywordOrdinals, keywordEnds: keywordEnds, ids: ids)
    }
}
