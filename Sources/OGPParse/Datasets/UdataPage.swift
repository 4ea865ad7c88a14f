import OGPModel

/// One decoded page of the udata API's dataset list (`/api/1/datasets/?…`).
public struct UdataPage: Sendable, Hashable {
    /// One result per dataset entry: its dataset record, followed by its organisation's
    /// record when the entry embeds one; or a failure for that entry alone.
    public var items: [ItemResult]
    /// The `next_page` URL; nil on the last page.
    public var nextPage: String?
    /// `total` as announced by the API (the number of datasets over all pages).
    public var total: Int?
    /// `page_size` as announced by the API.
    public var pageSize: Int?
    /// The page number (`page`).
    public var page: Int?
    /// Remote ids of entries that lack fields worth a detail fetch (see
    /// ``UdataDecoder/isIncomplete(_:)``), in page order.
    public var incomplete: [String]
    /// Set when the whole page is unreadable (not JSON, an error payload, no `data` list).
    public var failure: ItemFailure?

    public init(
        items: [ItemResult] = [], nextPage: String? = nil, total: Int? = nil, pageSize: Int? = nil,
        page: Int? = nil, incomplete: [String] = [], failure: ItemFailure? = nil
    ) {
        self.items = items
        self.nextPage = nextPage
        self.total = total
        self.pageSize = pageSize
        self.page = page
        self.incomplete = incomplete
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
}
