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
    /// The OGP's commitments database (its spreadsheet exported as CSV), with the IRM's assessments.
    case ogpCommitments = "ogp-commitments"

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
        case .ogpCommitments: ["members": .strings, "plan_years": .strings, "delimiter": .string]
        }
    }
}
