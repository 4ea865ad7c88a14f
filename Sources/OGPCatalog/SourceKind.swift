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

    /// Keys every source accepts.
    public static let commonKeys: [String: ConfigValueType] = [
        "name": .string, "kind": .string, "url": .string, "enabled": .bool,
        "allow_private_network": .bool, "allow_hosts": .strings,
        "time_limit": .int, "max_items": .int, "grace_days": .int,
        "min_delay_ms": .int, "max_body_size": .int, "timeout": .int, "concurrency": .int, "max_retries": .int,
    ]

    /// Keys specific to this kind.
    public var keys: [String: ConfigValueType] {
        switch self {
        case .jekyll: ["collections": .strings, "filter": .map, "branch": .string, "patterns": .strings]
        case .wordpress: ["types": .strings, "per_page": .int, "max_pages": .int]
        case .html: ["rules": .map, "urls": .strings]
        case .text: ["urls": .strings]
        case .udata: ["params": .map, "max_pages": .int, "detail": .bool, "namespace": .string]
        case .udataCSV: ["delimiter": .string, "namespace": .string]
        // `domains`: other hosts under which harvesters (data.gouv.fr) know the portal.
        case .ckan: ["params": .map, "page_size": .int, "max_pages": .int, "full_every_days": .int, "domains": .strings]
        case .opendatasoft:
            ["params": .map, "page_size": .int, "max_pages": .int, "full_every_days": .int, "exports": .strings, "domains": .strings]
        case .dcat: ["max_pages": .int, "domains": .strings]
        }
    }
}
