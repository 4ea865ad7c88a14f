import OGPCatalog

/// How one kind of source is harvested: what to fetch, in which order, and which decoder reads it.
/// Adapters call ``SourceRun`` to fetch and to record items; they never write to the store directly.
protocol SourceAdapter: Sendable {
    func harvest(_ run: SourceRun) async throws(HarvestError)
}

enum SourceAdapters {
    static func adapter(for kind: SourceKind) -> any SourceAdapter {
        switch kind {
        case .jekyll: JekyllAdapter()
        case .wordpress: WordPressAdapter()
        case .html, .text: PageAdapter()
        case .udata: UdataAdapter()
        case .udataCSV: UdataCSVAdapter()
        case .ckan: CKANAdapter()
        case .opendatasoft: OpenDataSoftAdapter()
        case .dcat: DCATAdapter()
        }
    }
}
