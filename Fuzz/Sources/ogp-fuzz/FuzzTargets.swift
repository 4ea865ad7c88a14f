import Foundation
import OGPAnalysis
import OGPConfig
import OGPIndex
import OGPModel
import OGPParse

/// The fuzz targets: each takes the fuzzer's bytes and feeds them to one decoder of outside data.
/// A target never checks results: a crash, a sanitizer report, a hang (`-timeout`) or an
/// out-of-memory (`-rss_limit_mb`) is the finding.
enum FuzzTargets {
    typealias Target = @Sendable (UnsafeBufferPointer<UInt8>) -> Void

    nonisolated(unsafe) static var selected: Target?

    static let all: [String: Target] = [
        "jekyll": jekyll, "wordpress": wordpress, "udata": udata, "csv": csv, "html": html,
        "text": text, "query": query, "analyzer": analyzer, "config": config,
        "ckan": ckan, "ods": ods, "dcat": dcat, "commitments": commitments,
    ]

    /// Builds what the targets build once (lazily) and runs `target` on a few small inputs.
    static func warmUp(_ target: Target) {
        _ = contexts
        _ = htmlRules
        _ = SmallIndex.reader
        _ = BuiltInPlanCatalog.catalog
        for input in ["", "\u{0}a", "\u{1}{\"a\": [1]}", "\u{2}<a>é &amp; b</a>"] {
            Array(input.utf8).withUnsafeBufferPointer { target($0) }
        }
    }

    /// The parse context of one source kind (made once per kind: nothing per input but the input).
    static func context(_ kind: String) -> ParseContext {
        contexts[kind] ?? ParseContext(source: "fuzz", sourceKind: kind, url: "https://example.org/fuzz", options: [:])
    }

    static let contexts: [String: ParseContext] = Dictionary(
        uniqueKeysWithValues: [
            "jekyll", "wordpress", "udata", "udata-csv", "html", "ckan", "opendatasoft", "dcat", "ogp-commitments",
        ].map { ($0, ParseContext(source: "fuzz", sourceKind: $0, url: "https://example.org/fuzz", options: [:])) })

    /// The extraction rules of the `html` target's second pass (built once).
    static let htmlRules = ExtractionRules(options: [
        "item": "//article", "title": ".//h2", "body": ".//div[@class='content']", "date": ".//time/@datetime",
        "link": ".//a/@href",
    ])

    /// Jekyll post: YAML front matter + Markdown body; the same bytes also read as a site's
    /// `_config.yml`, whose permalinks are then applied to a post and to the input itself.
    static let jekyll: Target = { bytes in
        let data = Data(bytes)
        _ = JekyllPostDecoder.decode(data, path: "_posts/2020-01-01-fuzz.md", context: context("jekyll"))
        if let site = try? JekyllSite.decode(data) {
            _ = JekyllPostDecoder.decode(data, path: "_actualites/fuzz.md", context: context("jekyll"), site: site)
            _ = site.permalink(
                path: "_posts/2020-01-01-fuzz.md", frontMatter: String(decoding: bytes.prefix(64), as: UTF8.self),
                slug: nil, day: "2020-01-01", categories: ["A b", "é"])
        }
    }

    /// WordPress REST responses through the lenient JSON reader; the first byte chooses posts or terms.
    static let wordpress: Target = { bytes in
        guard let first = bytes.first else { return }
        let data = Data(bytes.dropFirst())
        if first & 1 == 0 {
            _ = WordPressDecoder.decodePosts(data, context: context("wordpress"), terms: [1: "Actualités"])
        } else {
            _ = WordPressDecoder.decodeTerms(data)
        }
    }

    /// udata API JSON: a page of datasets, one dataset, or an organization.
    static let udata: Target = { bytes in
        guard let first = bytes.first else { return }
        let data = Data(bytes.dropFirst())
        switch first % 3 {
        case 0: _ = UdataDecoder.decodePage(data, context: context("udata"))
        case 1:
            _ = UdataDecoder.decodeDataset(data, context: context("udata"))
            _ = UdataDecoder.isIncomplete(data)
        default: _ = UdataOrganizationMapper.decode(data, context: context("udata"))
        }
    }

    /// data.gouv.fr's export CSV: the reader, then the row mapper with the header it finds.
    static let csv: Target = { bytes in
        let reader = CSVReader(data: Data(bytes))
        var mapper: UdataCSVMapper?
        var rows = 0
        while let element = reader.next(), rows < 10_000 {
            rows += 1
            guard case .row(let row) = element else { continue }
            if let mapper {
                _ = mapper.map(row, context: context("udata-csv"))
            } else {
                mapper = try? UdataCSVMapper(header: row.fields)
            }
        }
    }

    /// HTML pages through libxml2, with and without extraction rules; HTML fragments.
    static let html: Target = { bytes in
        let data = Data(bytes)
        _ = HTMLPageDecoder.decode(data, context: context("html"), rules: nil)
        _ = HTMLPageDecoder.decode(data, context: context("html"), rules: htmlRules)
        _ = HTMLFragmentText.convert(String(decoding: bytes, as: UTF8.self))
    }

    /// qTranslate markers, HTML entities, text normalisation, Markdown.
    static let text: Target = { bytes in
        let s = String(decoding: bytes, as: UTF8.self)
        _ = QTranslate.split(s)
        _ = QTranslate.frenchAndEnglish(s)
        _ = HTMLEntities.decode(s)
        _ = TextNormalizer.normalize(s)
        _ = MarkdownText.convert(s, baseURL: "https://example.org/")
    }

    /// The French analyzer, on documents and on queries.
    static let analyzer: Target = { bytes in
        let s = String(decoding: bytes, as: UTF8.self)
        _ = Analyzer.french.tokens(s)
        _ = Analyzer.french.queryTokens(s)
        _ = Analyzer(stemming: .accentedWord, stopWords: false).tokens(s)
    }

    /// The query parser and search on a small index; the first byte picks sort, limit and offset.
    static let query: Target = { bytes in
        guard let first = bytes.first, let reader = SmallIndex.reader else { return }
        let q = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let limits = [0, 1, 10, 1_000_000_000, Int.max, -1]
        var request = SearchRequest(
            query: q, sort: first & 1 == 0 ? .relevance : .date, limit: limits[Int(first >> 1) % limits.count],
            offset: first & 0x80 == 0 ? 0 : Int.max, facets: ["kind", "year"], includeHidden: first & 0x40 != 0)
        if first & 0x20 != 0 { request.since = q }
        _ = try? reader.search(request)
        _ = try? reader.searchIDs(request)
    }

    /// The configuration loader (YAML), through a file as the command line gives it.
    static let config: Target = { bytes in
        guard ScratchFile.config.write(bytes[...]) else { return }
        _ = try? Configuration.load(path: ScratchFile.config.path)
    }
}

/// A scratch file for targets whose decoder reads a path (one per target and process, removed
/// at exit).
struct ScratchFile: Sendable {
    let path: String

    static let config = ScratchFile(name: "config.yml")
    static let dcat = ScratchFile(name: "catalog.rdf")

    init(name: String) {
        path = "\(ScratchFile.directory)/ogp-fuzz-\(getpid())-\(name)"
        ScratchFile.registered.append(path)
    }

    /// Replaces the file's content with `bytes`; false when it cannot be written.
    func write(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let fd = fopen(path, "w") else { return false }
        defer { fclose(fd) }
        return bytes.isEmpty || fwrite(UnsafeBufferPointer(rebasing: bytes).baseAddress, 1, bytes.count, fd) == bytes.count
    }

    /// `/dev/shm` when there is one (no disk, no fsync wait), else the temporary directory.
    static let directory: String = {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory), isDirectory.boolValue,
            access("/dev/shm", W_OK) == 0
        {
            return "/dev/shm"
        }
        return FileManager.default.temporaryDirectory.path
    }()

    /// Scratch files and directories made by this process (the fuzzer runs one thread).
    nonisolated(unsafe) static var registered: [String] = []

    /// Removes the scratch files and directories made (at exit).
    static func removeAll() {
        for path in registered { try? FileManager.default.removeItem(atPath: path) }
    }
}
