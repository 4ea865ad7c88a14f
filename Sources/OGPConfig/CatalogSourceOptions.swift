/// The keys of the catalogue-portal kinds (`ckan`, `opendatasoft`, `dcat`), declared once with
/// their ranges (see ``OptionSpec``).
extension SourceOption where Value == Int {
    /// `page_size` (ckan): packages per `package_search` request (CKAN allows 1000).
    public static var ckanPageSize: Self {
        .int("page_size", default: 100, range: 1...1_000, help: "packages per request")
    }
    /// `page_size` (opendatasoft): datasets per request (the Explore API allows 100).
    public static var odsPageSize: Self {
        .int("page_size", default: 100, range: 1...100, help: "datasets per request")
    }
    /// `max_pages` (ckan, opendatasoft, dcat): pages read at most.
    public static var catalogMaxPages: Self {
        .int("max_pages", default: 10_000, range: 1...100_000, help: "pages read at most")
    }
    /// `full_every_days` (ckan, opendatasoft): days between two full listings (deletions are only seen by those).
    public static var fullEveryDays: Self {
        .int("full_every_days", default: 7, range: 0...3_650, help: "days between two full listings")
    }
}

extension SourceOption where Value == [String] {
    /// `exports` (opendatasoft): export formats offered as distributions.
    public static var exports: Self {
        .strings(
            "exports", default: [],
            help: "export formats as distributions (default: csv, json, xlsx, parquet, + geo formats)")
    }
    /// `domains` (ckan, opendatasoft, dcat): other hosts under which harvesters name the portal.
    public static var domains: Self {
        .strings("domains", default: [], help: "other hosts of the portal, for matching copies")
    }
}
