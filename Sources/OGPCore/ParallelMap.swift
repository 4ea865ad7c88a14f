import Dispatch
import Foundation

/// An order-keeping map over every core, for CPU-bound work on independent items (the index's
/// analysis, the store's record decoding).
public enum ParallelMap {
    /// `transform` applied to every item, results in the items' order. Items are taken in
    /// chunks (one per core and a few more, so a slow chunk does not leave a core idle).
    /// Fewer than `minimum` items are mapped on the calling thread.
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], minimum: Int = 64, _ transform: @Sendable (T) -> R
    ) -> [R] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, items.count >= minimum else { return items.map(transform) }
        let chunks = min(items.count, cores * 4)
        let out = ResultSlots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = items.count * c / chunks
            let hi = items.count * (c + 1) / chunks
            for i in lo..<hi { out.set(i, transform(items[i])) }
        }
        return out.values()
    }
}

/// Slots written once each by distinct threads (disjoint indices), read after all are done.
private final class ResultSlots<R>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<R?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func set(_ i: Int, _ value: R) { slots[i] = value }

    func values() -> [R] { (0..<count).compactMap { slots[$0] } }
}
