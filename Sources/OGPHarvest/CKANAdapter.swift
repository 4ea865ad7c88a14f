import Foundation
import OGPModel
import OGPParse

/// `ckan`: the CKAN Action API v3 `package_search`, from the portal root or any API URL, paged
/// with `rows` (`page_size`, default 100, at most 1000) and `start` until `count`, with the
/// config's `params` (`q`, `fq`, …). Sorted by `metadata_modified desc`: an incremental run stops
/// at the first package older than the last run's watermark; a full listing (and archival of
/// what disappeared) happens with `--full`, without a watermark, or every `full_every_days`.
struct CKANAdapter: SourceAdapter {
    static let defaultPageSize = 100
    static let maxPageSize = 1000

    func harvest(_ run: SourceRun) async throws(HarvestError) {
        OriginResolver.register(run)
        let previous = run.loadItemRecords()
        let state = IncrementalState(run)
        let watermark = state.incrementalFrom(run)
        let size = min(Self.maxPageSize, max(1, run.config["page_size"]?.int ?? Self.defaultPageSize))
        let base = Self.searchURL(run.config.url)
        let params = OffsetListing.params(run)
        var listing = OffsetListing(
            pageURL: { offset in
                OffsetListing.url(base, setting: params + [("sort", "metadata_modified desc"), ("rows", String(size)), ("start", String(offset))])
            },
            decode: { CKANDecoder.decodePage($0, context: $1) })
        listing.watermark = watermark
        if let max = run.config["max_pages"]?.int { listing.maxPages = max }
        if watermark != nil {
            run.incremental = true
            run.listingComplete = false // only what changed is listed: nothing can be archived
        }
        let outcome = try await listing.run(run, previous: previous)
        if !outcome.complete { run.listingComplete = false }
        try run.flush()
        if outcome.complete { state.save(run, latest: outcome.latestModified, full: watermark == nil) }
        try run.saveItemRecords(previous: previous)
    }

    /// `package_search` of a portal root (`https://trouver.datasud.fr/`) or an API URL.
    static func searchURL(_ url: String) -> String {
        if url.contains("/action/package_search") { return url }
        return CKANDecoder.portalRoot(url) + "/api/3/action/package_search"
    }
}
