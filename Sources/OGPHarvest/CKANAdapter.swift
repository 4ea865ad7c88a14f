import Foundation
import OGPCatalog
import OGPModel
import OGPParse

/// `ckan`: the CKAN Action API v3 `package_search`, from the portal root or any API URL, paged
/// with `rows` (`page_size`, default 100, at most 1000) and `start` until `count`, with the
/// config's `params` (`q`, `fq`, …). Sorted by `metadata_modified desc`: an incremental run stops
/// at the first package older than the last run's watermark; a full listing (and archival of
/// what disappeared) happens with `--full`, without a watermark, or every `full_every_days`.
struct CKANAdapter: SourceAdapter {
    func harvest(_ run: SourceRun) async throws(HarvestError) {
        run.origins.register(run.config)
        let watermark = IncrementalState.incrementalFrom(run)
        let size = run.config[.ckanPageSize]
        let base = Self.searchURL(run.config.url)
        let params = Self.params(run)
        var listing = OffsetListing(
            pageURL: { offset in
                OffsetListing.url(
                    base,
                    setting: params + [
                        ("sort", "metadata_modified desc"), ("rows", String(size)), ("start", String(offset)),
                    ])
            },
            offsetParameter: "start", decode: { CKANDecoder.decodePage($0, context: $1) })
        listing.watermark = watermark
        listing.maxPages = run.config[.catalogMaxPages]
        listing.singlePage = CKANDecoder.isSavedResponse(run.config.url)
        // Only what changed is listed: nothing can be archived, and no item means nothing changed.
        if watermark != nil { run.listIncrementally() }
        let outcome = try await listing.run(run)
        IncrementalState.keep(run, latest: outcome.latestModified, full: watermark == nil, complete: outcome.complete)
    }

    /// The search's parameters: the config's `params`, after those of a browser page pasted as
    /// `url` (`…/dataset/?q=gap` → `q=gap`; see ``CKANDecoder/browserPage(_:)``); the config's
    /// win when both name one.
    static func params(_ run: SourceRun) -> [(String, String)] {
        let configured = OffsetListing.params(run)
        let page = (CKANDecoder.browserPage(run.config.url)?.params ?? []).filter { p in
            !configured.contains { $0.0 == p.0 }
        }
        return (page + configured).sorted { $0.0 < $1.0 }
    }

    /// `package_search` of a portal root (`https://trouver.datasud.fr/`) or an API URL.
    static func searchURL(_ url: String) -> String {
        if url.contains("/action/package_search") { return url }
        return CKANDecoder.portalRoot(url) + "/api/3/action/package_search"
    }
}
