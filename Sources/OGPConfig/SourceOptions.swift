/// Every source key, declared once with its range and default (see ``OptionSpec``).
/// Ranges exist so that no value from a configuration can overflow a computation downstream
/// (seconds → nanoseconds, days → seconds, bytes × 4) and so that values that make no sense
/// (a negative delay, zero concurrency) are refused with the key named, not silently used.
extension SourceOption where Value == Int? {
    /// `time_limit`: seconds this source may run (at most a week).
    public static var timeLimit: Self { .int("time_limit", range: 1...604_800, help: "seconds this source may run") }
    /// `max_items`: stop the source after this many items.
    public static var maxItems: Self { .int("max_items", range: 1...1_000_000_000, help: "items read at most") }
    /// `min_delay_ms`: milliseconds between two requests to one host.
    public static var minDelayMs: Self {
        .int(
            "min_delay_ms", range: 0...600_000, defaultText: "1000",
            help: "milliseconds between two requests to one host")
    }
    /// `max_body_size`: bytes a response may have (at most 16 GiB).
    public static var maxBodySize: Self {
        .int(
            "max_body_size", range: 1...17_179_869_184, defaultText: "52428800; udata-csv 4294967296",
            help: "bytes a response may have")
    }
    /// `timeout`: seconds a request may take.
    public static var timeout: Self {
        .int("timeout", range: 1...86_400, defaultText: "120", help: "seconds a request may take")
    }
    /// `concurrency`: requests at once to one host.
    public static var concurrency: Self {
        .int("concurrency", range: 1...64, defaultText: "2", help: "requests at once to one host")
    }
    /// `max_retries`: retries of a failed request.
    public static var maxRetries: Self {
        .int("max_retries", range: 0...20, defaultText: "3", help: "retries of a failed request")
    }
}

extension SourceOption where Value == Int {
    /// `grace_days`: days a record may be missing from its source before it is archived.
    public static var graceDays: Self {
        .int("grace_days", default: 7, range: 0...3_650, help: "days a record may be missing before it is archived")
    }
    /// `per_page` (wordpress): posts per request.
    public static var perPage: Self { .int("per_page", default: 100, range: 1...100, help: "posts per request") }
    /// `max_pages` (wordpress): pages read at most per post type.
    public static var wordpressMaxPages: Self {
        .int("max_pages", default: 500, range: 1...100_000, help: "pages read at most")
    }
    /// `max_pages` (udata): pages read at most.
    public static var udataMaxPages: Self {
        .int("max_pages", default: 1_000, range: 1...100_000, help: "pages read at most")
    }
}

extension SourceOption where Value == Bool {
    /// `enabled`: harvested by a run without `--source`.
    public static var enabled: Self { .bool("enabled", default: true, help: "harvested by default") }
    /// `allow_private_network`: may reach loopback and private addresses.
    public static var allowPrivateNetwork: Self {
        .bool("allow_private_network", default: false, help: "may reach loopback and private addresses")
    }
    /// `detail` (udata): complete list entries from `/datasets/{id}/`.
    public static var detail: Self {
        .bool("detail", default: false, help: "complete entries from the dataset's own page")
    }
}

extension SourceOption where Value == String? {
    /// `name`: the source's name, unique in the file.
    public static var name: Self { .string("name", help: "the source's name, unique in the file") }
    /// `kind`: one of the source kinds.
    public static var kind: Self { .string("kind", help: "the source kind") }
    /// `url`: `http(s)://…` or `file:` (relative to the configuration file).
    public static var url: Self { .string("url", help: "where the source is") }
    /// `branch` (jekyll): the git branch to read.
    public static var branch: Self { .string("branch", defaultText: "the remote's default", help: "git branch") }
    /// `permalink` (jekyll): the posts' public URL pattern (`https://site/:collection/:slug/`),
    /// which wins over what the site's `_config.yml` gives.
    public static var permalink: Self {
        .string("permalink", defaultText: "from the site's _config.yml", help: "public URL pattern of the posts")
    }
    /// `namespace` (udata, udata-csv): the portal's namespace in record ids.
    public static var namespace: Self {
        .string("namespace", defaultText: "datagouv", help: "portal namespace in record ids")
    }
    /// `delimiter` (udata-csv): the field separator.
    public static var delimiter: Self { .string("delimiter", defaultText: ";", help: "field separator") }
}

extension SourceOption where Value == [String] {
    /// `allow_hosts`: hosts reachable even when private.
    public static var allowHosts: Self {
        .strings("allow_hosts", default: [], help: "hosts reachable even when private")
    }
    /// `collections` (jekyll): folders to read (default: the whole tree).
    public static var collections: Self { .strings("collections", default: [], help: "folders to read") }
    /// `patterns` (jekyll): file name patterns.
    public static var patterns: Self {
        .strings("patterns", default: ["*.md", "*.markdown"], help: "file name patterns")
    }
    /// `types` (wordpress): post types to read.
    public static var types: Self { .strings("types", default: ["posts"], help: "post types") }
    /// `urls` (html, text): more pages.
    public static var urls: Self { .strings("urls", default: [], help: "more pages") }
}

extension SourceOption where Value == [String: ConfigValue] {
    /// `filter` (jekyll): `tags` and `words` a post must carry.
    public static var filter: Self { .map("filter", help: "tags and words a post must carry") }
    /// `rules` (html): XPath extraction rules.
    public static var rules: Self { .map("rules", help: "XPath extraction rules") }
    /// `params` (udata): query parameters of the first page.
    public static var params: Self { .map("params", help: "query parameters") }
}
