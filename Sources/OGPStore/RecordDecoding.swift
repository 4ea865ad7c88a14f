import Dispatch
import Foundation
import OGPModel

/// Decodes stored records' JSON on every core. JSON decoding is most of the cost of reading the
/// catalogue back (the indexer's pending records, the passes over every dataset), and each
/// record decodes on its own, so batches are split across the cores; the order is kept.
enum RecordDecoding {
    /// Batches smaller than this are decoded on the calling thread.
    static let parallelMinimum = 64

    /// The records of `jsons`, in order; the first undecodable one throws (as a serial decode would).
    static func decode(
        _ jsons: [String], _ one: @Sendable (String) throws -> OGPModel.Record
    ) throws -> [OGPModel.Record] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, jsons.count >= parallelMinimum else { return try jsons.map(one) }
        let slots = Slots(count: jsons.count)
        let chunks = min(jsons.count, cores * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (jsons.count * c / chunks)..<(jsons.count * (c + 1) / chunks) {
                slots.set(i, Result { try one(jsons[i]) })
            }
        }
        return try slots.values()
    }

    /// Result slots written once each by distinct threads (disjoint indices), read after all are done.
    private final class Slots: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<Result<OGPModel.Record, any Error>?>
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

        func set(_ i: Int, _ value: Result<OGPModel.Record, any Error>) { slots[i] = value }

        func values() throws -> [OGPModel.Record] {
            try (0..<count).map { i in
                guard let slot = slots[i] else { throw CancellationError() }
                return try slot.get()
            }
        }
    }
}
