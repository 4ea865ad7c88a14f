import Foundation
import OGPCatalog
import OGPModel

/// The incremental listing of a catalogue source: from the latest modification date seen by
/// the last complete listing (the watermark, kept in ``SourceState``). A full listing is made
/// when asked (`--full`), without a watermark, or every `full_every_days` (default 7), so that
/// deletions at the portal are seen.
enum IncrementalState {
    /// The watermark to list from, or nil for a full listing.
    static func incrementalFrom(_ run: SourceRun, now: Date = Date()) -> String? {
        guard !run.options.full, let watermark = run.previous.watermark, let lastFull = run.previous.lastFullListing,
            let last = ISODate.parse(lastFull)
        else { return nil }
        let days = run.config[.fullEveryDays]
        guard now.timeIntervalSince(last) < Double(days) * 86_400 else { return nil }
        return watermark
    }

    /// Keeps the new watermark (and the full-listing date) for the next run; after an
    /// incomplete listing the previous ones are kept.
    static func keep(_ run: SourceRun, latest: String?, full: Bool, complete: Bool) {
        var watermark = run.previous.watermark
        if complete, let latest, watermark.map({ OffsetListing.isOlder($0, than: latest) }) ?? true {
            watermark = latest
        }
        run.state.watermark = watermark
        run.state.lastFullListing =
            complete && full ? ISODate.string(from: run.startedAt) : run.previous.lastFullListing
    }
}
