/// The kinds of source ogp can harvest, and the configuration keys each accepts.
public enum SourceKind: String, Sendable, CaseIterable, Hashable {
    /// A Jekyll site's markdown posts: a directory (`file:`) or a git repository.
    case jekyll
    /// The WordPress REST API v2 (`/wp-json/wp/v2/posts`, `pages`).
    case wordpress
    /// HTML pages (libxml2), with optional XPath extraction rules.
    case html
    /// Plain-text captures of pages.
    case text
    /// The udata API v1 (data.gouv.fr `/api/1/datasets/`).
    case udata
    /// data.gouv.fr's catalogue export CSV.
    case udataCSV = "udata-csv"
    /// The CKAN Action API v3 (`package_search`; DKAN's variant recognised).
    case ckan
    /// The OpenDataSoft Explore API v2.1 (v2.0 and the v1 search API recognised).
    case opendatasoft
    /// DCAT catalogues: RDF/XML, Turtle, JSON-LD, DCAT-US `data.json`, hydra paging.
    case dcat
    /// The OGP's commitments database (its spreadsheet exported as CSV), with the IRM's assessments.
    case ogpCommitments = "ogp-commitments"

    /// Keys every source accepts, declared once (see ``OptionSpec``).
    public static let commonOptions: [OptionSpec] = [
        SourceOption<String?>.name.spec, SourceOption<String?>.kind.spec, SourceOption<String?>.url.spec,
        SourceOption<Bool>.enabled.spec, SourceOption<Bool>.allowPrivateNetwork.spec,
        SourceOption<[String]>.allowHosts.spec, SourceOption<Int?>.timeLimit.spec, SourceOption<Int?>.maxItems.spec,
        SourceOption<Int>.graceDays.spec, SourceOption<Int?>.minDelayMs.spec, SourceOption<Int?>.maxBodySize.spec,
        SourceOption<Int?>.timeout.spec, SourceOption<Int?>.concurrency.spec, SourceOption<Int?>.maxRetries.spec,
    ]

    /// Keys specific to this kind.
    public var options: [OptionSpec] {
        switch self {
        case .jekyll:
            [
                SourceOption<[String]>.collections.spec, SourceOption<[String: ConfigValue]>.filter.spec,
                SourceOption<String?>.branch.spec, SourceOption<[String]>.patterns.spec,
                SourceOption<String?>.permalink.spec,
            ]
        case .wordpress:
            [
                SourceOption<[String]>.types.spec, SourceOption<Int>.perPage.spec,
                SourceOption<Int>.wordpressMaxPages.spec,
            ]
        case .html: [SourceOption<[String: ConfigValue]>.rules.spec, SourceOption<[String]>.urls.spec]
        case .text: [SourceOption<[String]>.urls.spec]
        case .udata:
            [
                SourceOption<[String: ConfigValue]>.params.spec, SourceOption<Int>.udataMaxPages.spec,
                SourceOption<Bool>.detail.spec, SourceOption<String?>.namespace.spec,
            ]
        case .udataCSV: [SourceOption<String?>.delimiter.spec, SourceOption<String?>.namespace.spec]
        case .ckan:
            [
                SourceOption<[String: ConfigValue]>.params.spec, SourceOption<Int>.ckanPageSize.spec,
                SourceOption<Int>.catalogMaxPages.spec, SourceOption<Int>.fullEveryDays.spec,
                SourceOption<[String]>.domains.spec,
            ]
        case .opendatasoft:
            [
                SourceOption<[String: ConfigValue]>.params.spec, SourceOption<Int>.odsPageSize.spec,
                SourceOption<Int>.catalogMaxPages.spec, SourceOption<Int>.fullEveryDays.spec,
                SourceOption<[String]>.exports.spec,
                SourceOption<[String]>.domains.spec,
            ]
        case .dcat: [SourceOption<Int>.catalogMaxPages.spec, SourceOption<[String]>.domains.spec]
        case .ogpCommitments:
            [
                SourceOption<[String]>.members.spec, SourceOption<[String]>.planYears.spec,
                SourceOption<String?>.commitmentsDelimiter.spec,
            ]
        }
    }

    /// Every key a source of this kind accepts, by name.
    public var allOptions: [String: OptionSpec] {
        var out: [String: OptionSpec] = [:]
        for spec in Self.commonOptions + options { out[spec.key] = spec }
        return out
    }
}
