import Foundation
import OGPModel

/// The incremental state of a catalogue source: the latest modification date seen by the last
/// complete listing (the watermark) and when the source was last listed in full. A full listing
/// is made when asked (`--full`), without a watermark, or every `full_every_days` (default 7),
/// so that deletions at the portal are seen.
struct IncrementalState {
    static let defaultFullEveryDays = 7
    let watermark: String?
    let lastFull: String?

    init(_ run: SourceRun) {
        watermark = (try? run.store.state(source: run.name, key: "watermark")) ?? nil
        lastFull = (try? run.store.state(source: run.name, key: "last_full")) ?? nil
    }

    /// The watermark to list from, or nil for a full listing.
    func incrementalFrom(_ run: SourceRun, now: Date = Date()) -> String? {
        guard !run.options.full, let watermark, let lastFull, let last = ISODate.parse(lastFull) else { return nil }
        let days = max(0, run.config["full_every_days"]?.int ?? Self.defaultFullEveryDays)
        guard now.timeIntervalSince(last) < Double(days) * 86_400 else { return nil }
        return watermark
    }

    /// Saves the new watermark (and the full-listing date) after a complete listing.
    func save(_ run: SourceRun, latest: String?, full: Bool) {
        guard !run.options.dryRun else { return }
        if let latest, watermark.map({ OffsetListing.isOlder($0, than: latest) }) ?? true {
            try? run.store.setState(source: run.name, key: "watermark", value: latest)
        }
        if full { try? run.store.setState(source: run.name, key: "last_full", value: ISODate.string(from: run.startedAt)) }
    }
}
