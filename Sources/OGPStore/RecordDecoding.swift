import Dispatch
import Foundation
import OGPCore
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
        try ParallelMap.map(jsons, minimum: parallelMinimum) { json in Result { try one(json) } }.map { try $0.get() }
    }
}
