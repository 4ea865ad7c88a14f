import Foundation
import OGPCore

/// Size-tiered merging, run at commit: segments are grouped in tiers by live size (powers of
/// `mergeFactor`); a tier holding `mergeFactor` segments or more is merged into one segment by
/// copying their live documents' postings and stored fields (``SegmentMerger``).
extension IndexWriter {
    func mergeTiers() throws(IndexError) {
        while true {
            var tiers: [Int: [Int]] = [:]
            for (i, s) in segments.enumerated() {
                let live = s.info.docs - s.deleted.reduce(0) { $0 + $1.nonzeroBitCount }
                let tier = live <= 1 ? 0 : Int(log(Double(live)) / log(Double(max(2, mergeFactor))))
                tiers[tier, default: []].append(i)
            }
            guard let (_, group) = tiers.filter({ $0.value.count >= max(2, mergeFactor) }).min(by: { $0.key < $1.key })
            else {
                return
            }
            try merge(group)
        }
    }

    /// Merges every segment (used to optimise a freshly built index).
    public func forceMerge() throws(IndexError) {
        guard segments.count > 1 else { return }
        try merge(Array(segments.indices))
        try commit()
    }

    /// Whether ``commit(mergingAll:)`` would merge anything: several segments, or an interim
    /// one (``interimFlushes``), flushed or committed.
    public var hasSegmentsToMerge: Bool {
        segments.count > 1 || segments.contains { interimSegments.contains($0.info.name) }
    }

    /// Merges every segment into one, unless there is one or none (an interim one alone is
    /// merged: its stored fields compressed as they should be).
    func mergeAll() throws(IndexError) {
        guard hasSegmentsToMerge else { return }
        try merge(Array(segments.indices))
    }

    /// Merges the segments at `indices` into one (``SegmentMerger``: their postings and stored
    /// documents copied, nothing re-analysed), placed where the first of them was.
    private func merge(_ indices: [Int]) throws(IndexError) {
        let name = String(format: "s%06d", manifest.nextSegment)
        manifest.nextSegment += 1
        var merger = SegmentMerger(
            sources: indices.map { SegmentMerger.Source(segment: segments[$0].segment, deleted: segments[$0].deleted) },
            fields: manifest.schema.fields.count)
        let docs = try merger.write(dir: directory, name: name)
        let info = SegmentInfo(name: name, docs: docs, delGen: nil)
        let seg = try Segment(dir: directory, info: info, fieldCount: manifest.schema.fields.count)
        let first = indices.min() ?? 0
        let drop = Set(indices)
        var kept = segments.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        kept.insert((info, seg, [UInt8](repeating: 0, count: (docs + 7) / 8), false), at: min(first, kept.count))
        segments = kept
    }
}
