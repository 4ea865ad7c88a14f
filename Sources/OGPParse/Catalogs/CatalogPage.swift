import OGPModel

/// One decoded page of a catalogue portal's dataset listing (CKAN `package_search`, an
/// OpenDataSoft catalogue page, a DCAT document or hydra page).
public struct CatalogPage: Sendable, Hashable {
    /// One result per dataset entry: its dataset record, then its publisher's organisation
    /// record when named; or a failure for that entry alone.
    public var items: [ItemResult]
    /// The total number of datasets over all pages, as announced (`count`, `total_count`,
    /// `nhits`, `hydra:totalItems`).
    public var total: Int?
    /// The next page's URL when the document names one (hydra `next`/`nextPage`).
    public var nextPage: String?
    /// Set when the whole page is unreadable (not the expected format, an error payload).
    public var failure: ItemFailure?

    public init(items: [ItemResult] = [], total: Int? = nil, nextPage: String? = nil, failure: ItemFailure? = nil) {
        self.items = items
        self.total = total
        self.nextPage = nextPage
        self.failure = failure
    }

    /// Dataset records of the page (organisations left out).
    public var datasets: [Record] {
        items.flatMap { item -> [Record] in
            guard case .parsed(_, let records) = item else { return [] }
            return records.filter { $0.kind == .dataset }
        }
    }

    /// Failed entries of the page.
    public var failures: [ItemFailure] {
        items.compactMap { item in
            if case .failed(let f) = item { return f }
            return nil
        }
    }

    /// A page that is unreadable as a whole.
    static func failed(_ context: ParseContext, code: String, _ reason: String) -> CatalogPage {
        CatalogPage(failure: ItemFailure(item: context.url, url: context.url, code: code, reason: reason))
    }

    /// Why bytes that should be JSON are not: HTML, empty, or the parser's message.
    static func notJSON(_ bytes: [UInt8], error: ParseError, context: ParseContext) -> CatalogPage {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype") {
            return failed(context, code: "unexpected-html", "the response is an HTML page, not JSON")
        }
        if bytes.isEmpty { return failed(context, code: "empty-response", "the response is empty") }
        return CatalogPage(failure: error.failure(item: context.url, url: context.url))
    }
}
