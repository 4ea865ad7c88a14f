import Foundation
import OGPModel
import OGPParse

/// Reads and maps a `udata-csv` file on a thread of its own, a batch ahead of the caller who
/// records the outcomes: the next rows are parsed and mapped while the last batch is written to
/// the store. Outcomes come out in file order, as a serial read would give them, and at most
/// ``capacity`` mapped batches wait (memory stays bounded whatever the file's size).
///
/// The caller takes ``next()`` until nil, and calls ``stop()`` when it stops early (a limit, an
/// error, a cancellation): the thread then ends at its next row, and ``stop()`` waits for it.
final class UdataCSVPipeline: @unchecked Sendable {
    /// What the reading thread hands over, in file order.
    enum Element {
        /// The outcomes of consecutive rows.
        case mapped([ItemResult])
        /// A record the reader could not read (the reader goes on after it).
        case malformed(CSVMalformedRow)
    }

    /// Mapped batches waiting at most (each of ``UdataCSVAdapter/batchSize`` rows).
    static let capacity = 2

    private let condition = NSCondition()
    private var queue: [Element] = []
    private var finished = false
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `reader` (past its header) on a new thread, mapping rows in batches of
    /// `batchSize` with `mapper` on `parallelism` cores.
    init(
        reader: CSVReader, mapper: UdataCSVMapper, context: ParseContext, batchSize: Int, parallelism: Int
    ) {
        // The reader is used by this thread alone from here on.
        let work = ReaderBox(reader: reader)
        let thread = Thread { [self] in
            defer {
                condition.lock()
                finished = true
                condition.broadcast()
                condition.unlock()
                done.signal()
            }
            var batch: [CSVRow] = []
            batch.reserveCapacity(batchSize)
            func drain() -> Bool {
                guard !batch.isEmpty else { return true }
                let results = mapper.map(batch, context: context, parallelism: parallelism)
                batch.removeAll(keepingCapacity: true)
                return put(.mapped(results))
            }
            while let element = work.reader.next() {
                switch element {
                case .row(let row):
                    batch.append(row)
                    if batch.count >= batchSize, !drain() { return }
                case .malformed(let bad):
                    guard drain(), put(.malformed(bad)) else { return }
                }
                if batch.count & 63 == 0, isStopped { return }
            }
            _ = drain()
        }
        thread.name = "ogp.udata-csv"
        thread.start()
    }

    /// The next element in file order, waiting for the thread; nil once the file is read.
    func next() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let element = queue.removeFirst()
        condition.broadcast()
        return element
    }

    /// Stops the reading thread and waits for it to end (idempotent).
    func stop() {
        condition.lock()
        let first = !stopped
        stopped = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
        if first { done.wait() }
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Queues an element, waiting while ``capacity`` batches wait; false once stopped.
    private func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        queue.append(element)
        condition.broadcast()
        return true
    }
}

/// The reader handed to the reading thread (used there alone once the pipeline starts).
private struct ReaderBox: @unchecked Sendable {
    let reader: CSVReader
}
