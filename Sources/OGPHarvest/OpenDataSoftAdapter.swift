import Foundation
import OGPCatalog
import OGPModel
import OGPParse

/// `opendatasoft`: the Explore API v2.1 catalogue (`/api/explore/v2.1/catalog/datasets`) from the
/// portal root or any catalogue URL (v2.0 and the v1 `/api/datasets/1.0/search/` recognised),
/// paged with `limit` (`page_size`, at most 100) and `offset` until `total_count`, with the
/// config's `params` (`where`, `refine`, …). Incremental runs ask only for what changed since the
/// last run's watermark (`where=metas.default.modified > date'…'`, v2); a full listing happens
/// with `--full`, without a watermark, or every `full_every_days`.
///
/// The Explore API refuses `offset + limit` above 10,000 (HTTP 400 `InvalidRESTParameterError`),
/// and its documentation sends larger reads to the exports: a listing longer than that (v2.x) is
/// read from the catalogue export `…/catalog/exports/json` with the same filters, one document
/// decoded as it is read.
struct OpenDataSoftAdapter: SourceAdapter {
    enum API { case v21, v20, v1 }

    /// The most `offset + limit` the Explore API v2.x accepts (its `limit` parameter's documentation).
    static let offsetCap = 10_000

    func harvest(_ run: SourceRun) async throws(HarvestError) {
        run.origins.register(run.config)
        let (base, api) = Self.catalogURL(run.config.url)
        // v1 has no modification filter: always a full listing.
        let watermark = api == .v1 ? nil : IncrementalState.incrementalFrom(run)
        let size = run.config[.odsPageSize]
        var params = OffsetListing.params(run)
        if !params.contains(where: { $0.0 == "where" || $0.0 == "refine" }) {
            params += Self.explorePageFilters(run.config.url)
        }
        if let watermark {
            let field = api == .v21 ? "metas.default.modified" : "modified"
            let clause = "\(field) > date'\(watermark)'"
            if let i = params.firstIndex(where: { $0.0 == "where" }) {
                params[i].1 = "(\(params[i].1)) AND \(clause)"
            } else {
                params.append(("where", clause))
            }
            run.listIncrementally()
        }
        let offsetName = api == .v1 ? "start" : "offset"
        let sizeName = api == .v1 ? "rows" : "limit"
        var listing = OffsetListing(
            pageURL: {
                OffsetListing.url(base, setting: params + [(sizeName, String(size)), (offsetName, String($0))])
            },
            offsetParameter: offsetName, decode: { OpenDataSoftDecoder.decodePage($0, context: $1) })
        listing.maxPages = run.config[.catalogMaxPages]
        listing.singlePage = CKANDecoder.isSavedResponse(run.config.url)
        if api != .v1, !listing.singlePage {
            listing.offsetCap = Self.offsetCap
            listing.pageSize = size
            listing.export = OffsetListing.Export(
                url: params.isEmpty ? Self.exportURL(base) : OffsetListing.url(Self.exportURL(base), setting: params),
                decode: { try OpenDataSoftDecoder.decodeExport($0, context: $1, emit: $2) })
        }
        let outcome = try await listing.run(run)
        IncrementalState.keep(run, latest: outcome.latestModified, full: watermark == nil, complete: outcome.complete)
    }

    /// The filters of a catalogue page copied from the portal (`/explore/?q=vélo&refine.theme=Transports`)
    /// as Explore API v2.1 parameters: `q` → a full-text `where` (an ODSQL string literal),
    /// each `refine.FACET=VALUE` → `refine=FACET:"VALUE"`. The page's sort and paging are left
    /// out: ogp pages and sorts itself. Used only when the source sets no `where` or `refine`.
    ///
    /// A dataset's page (`/explore/dataset/ID/table/?q=…`) names that dataset: `where=dataset_id="ID"`,
    /// its own `q` and `refine.*` filtering the dataset's rows, not the catalogue. Before, such a
    /// URL harvested the whole portal.
    static func explorePageFilters(_ url: String) -> [(String, String)] {
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        guard !url.contains("/api/"), url.contains("/explore"), let components = URLComponents(string: url) else {
            return []
        }
        let parts = components.path.split(separator: "/").map(String.init)
        if let at = parts.firstIndex(of: "dataset"), at > 0, parts[..<at].contains("explore"), at + 1 < parts.count,
            !parts[at + 1].isEmpty
        {
            return [("where", "dataset_id=" + quoted(parts[at + 1]))]
        }
        guard let items = components.queryItems else { return [] }
        var out: [(String, String)] = []
        for item in items {
            guard let value = item.value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            if item.name == "q" {
                out.append(("where", quoted(value)))
            } else if item.name.hasPrefix("refine."), item.name.count > "refine.".count {
                out.append(("refine", "\(item.name.dropFirst("refine.".count)):\(quoted(value))"))
            }
        }
        return out
    }

    /// The catalogue export (JSON) next to a catalogue URL: `…/catalog/datasets` →
    /// `…/catalog/exports/json`, its query kept.
    static func exportURL(_ catalog: String) -> String {
        catalog.replacingOccurrences(of: "/catalog/datasets", with: "/catalog/exports/json")
    }

    /// The catalogue URL and API version of a portal root or catalogue URL.
    static func catalogURL(_ url: String) -> (String, API) {
        if url.contains("/api/explore/v2.1/catalog/datasets") { return (url, .v21) }
        if url.contains("/api/explore/v2.0/catalog/datasets") || url.contains("/api/v2/catalog/datasets") {
            return (url, .v20)
        }
        if url.contains("/api/datasets/1.0/search") { return (url, .v1) }
        return (OpenDataSoftDecoder.portalRoot(url) + "/api/explore/v2.1/catalog/datasets", .v21)
    }
}
