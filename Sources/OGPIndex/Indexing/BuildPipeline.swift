import Foundation
import OGPCore

/// Builds a segment's documents in the background, in chunks, on every core, and appends the
/// chunks to the segment's builder in order (``SegmentBuilder/absorb(_:)``).
///
/// Why a pipeline: building a run of documents and returning only when it is built left a core
/// idle at every run's end (the chunks never end together), and while the caller read and
/// decoded the next run (on the export: a tenth of the build's wall time). Here a chunk is
/// submitted and the caller goes on; whichever worker finishes a chunk appends every chunk that
/// is next in order, so appending (serial) overlaps building (parallel) without a barrier.
///
/// The pipeline has its own worker threads, one per core, alive until ``close()``: Dispatch's
/// global queue on Linux added its second thread only after about a second of a build, and the
/// first batches were built on one core.
///
/// At most ``limit`` chunks are submitted and not yet appended: ``submit(_:)`` waits for room,
/// which bounds the memory held by built chunks. ``wait()`` returns when every submitted chunk
/// is appended. The segment is the one of the documents added one by one, whatever the chunks'
/// bounds and the order in which they are built.
final class BuildPipeline: @unchecked Sendable {
    /// The segment's builder. It waits for the pipeline before any other use and before it is
    /// released (its `deinit`), so it outlives every chunk appended to it.
    private unowned(unsafe) let target: SegmentBuilder
    private let schema: IndexSchema
    /// Chunks submitted and not yet appended, at most.
    let limit: Int
    private let condition = NSCondition()
    /// Chunks are numbered in submission order; `appended` is the next to append.
    private var submitted = 0
    private var appended = 0
    /// Built chunks waiting for the ones before them.
    private var built: [Int: SegmentBuilder] = [:]
    /// Whether a worker is appending (only one at a time: appending mutates the target).
    private var appending = false
    /// Chunks submitted and not yet taken by a worker, in order.
    private var queue: [(number: Int, docs: ArraySlice<IndexDocument>)] = []
    private var queueStart = 0
    private var closed = false

    /// A pipeline appending to `target`, with `workers` threads of its own.
    init(target: SegmentBuilder, schema: IndexSchema, workers: Int, limit: Int) {
        self.target = target
        self.schema = schema
        self.limit = max(1, limit)
        for _ in 0..<max(1, workers) {
            let thread = Thread { [self] in work() }
            thread.name = "ogp-index-build"
            thread.start()
        }
    }

    /// A worker's loop: takes the next chunk, builds it, appends what is next in order.
    private func work() {
        while true {
            condition.lock()
            while queueStart == queue.count && !closed { condition.wait() }
            guard queueStart < queue.count else {
                condition.unlock()
                return
            }
            let job = queue[queueStart]
            queue[queueStart].docs = []
            queueStart += 1
            if queueStart == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueStart = 0
            }
            condition.unlock()
            let builder = SegmentBuilder(schema: schema, chunk: true)
            // Validated by the caller: adding cannot fail.
            for doc in job.docs { try? builder.add(doc) }
            finished(job.number, builder)
        }
    }

    /// Ends the workers once the chunks submitted are built (the owner calls it when it is
    /// released).
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Builds `docs` (valid documents, see ``SegmentBuilder/validate(_:schema:)``) as one chunk
    /// in the background, appended after every chunk submitted before. Waits while ``limit``
    /// chunks are pending.
    func submit(_ docs: ArraySlice<IndexDocument>) {
        condition.lock()
        while submitted - appended >= limit { condition.wait() }
        queue.append((submitted, docs))
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Records chunk `number` as built, then, unless another worker is appending, appends every
    /// chunk that comes next in order.
    private func finished(_ number: Int, _ builder: SegmentBuilder) {
        condition.lock()
        built[number] = builder
        guard !appending else {
            condition.unlock()
            return
        }
        appending = true
        while let next = built.removeValue(forKey: appended) {
            condition.unlock()
            target.absorb(next)
            // The chunk's remaining memory is freed here, outside the lock.
            _ = consume next
            condition.lock()
            appended += 1
            condition.broadcast()
        }
        appending = false
        condition.unlock()
    }

    /// Returns when every submitted chunk is appended.
    func wait() {
        condition.lock()
        while appended < submitted { condition.wait() }
        condition.unlock()
    }
}
