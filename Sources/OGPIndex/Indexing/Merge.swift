import Foundation
import OGPCore

/// Size-tiered merging, run at commit: segments are grouped in tiers by live size (powers of
/// `mergeFactor`); a tier holding `mergeFactor` segments or more is merged into one segment by
/// re-indexing its live stored documents.
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

    private func merge(_ indices: [Int]) throws(IndexError) {
        let builder = SegmentBuilder(schema: manifest.schema)
        let schema = manifest.schema
        var batch: [IndexDocument] = []
        // Documents are built in parallel chunks, a batch at a time, and appended in order.
        func drain() throws(IndexError) {
            for doc in batch { try SegmentBuilder.validate(doc, schema: schema) }
            builder.add(contentsOf: batch[...], parallelism: parallelism)
            batch.removeAll(keepingCapacity: true)
        }
        for i in indices {
            let s = segments[i]
            for d in 0..<s.info.docs where s.deleted[d >> 3] & (1 << UInt8(d & 7)) == 0 {
                // A merge of large segments takes seconds: stop when the task is cancelled.
                if d & 1023 == 0, Task.isCancelled { throw IndexError(.cancelled, "merge cancelled") }
                batch.append(try s.segment.document(d))
                if batch.count == 8192 { try drain() }
            }
        }
        try drain()
        let name = String(format: "s%06d", manifest.nextSegment)
        manifest.nextSegment += 1
        try builder.write(dir: directory, name: name)
        let info = SegmentInfo(name: name, docs: builder.docCount, delGen: nil)
        let seg = try Segment(dir: directory, info: info, fieldCount: manifest.schema.fields.count)
        let first = indices.min() ?? 0
        let drop = Set(indices)
        var kept = segments.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
        kept.insert(
            (info, seg, [UInt8](repeating: 0, count: (builder.docCount + 7) / 8), false), at: min(first, kept.count))
        segments = kept
    }
}
