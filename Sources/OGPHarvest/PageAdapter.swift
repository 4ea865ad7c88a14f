import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `html` and `text`: single pages (the source's `url` and its `urls` list; a `file:` folder stands
/// for the pages of its kind it holds). HTML goes through
/// libxml2 with the source's XPath `rules` (or main-content extraction); text captures through
/// the plain-text decoder.
struct PageAdapter: SourceAdapter {
    func harvest(_ run: SourceRun) async throws(HarvestError) {
        var urls = [run.config.url] + run.config[.urls]
        let r = run.config[.rules]
        let rules = ExtractionRules(typed: { r[$0]?.string })
        var failures = 0
        var lastError: HarvestError?
        var next = 0
        while next < urls.count {
            let url = urls[next]
            next += 1
            if run.shouldStop() { break }
            if Self.isLocalDirectory(url) {
                // A folder of captures: its pages of this kind, read like a `urls` list (never
                // the listing itself as a page).
                urls += try await files(run, in: url)
                continue
            }
            let fetched: Fresh<[String]>
            do {
                fetched = try await run.fetchFresh(url, previous: run.previous.items[url])
            } catch {
                failures += 1
                lastError = error
                run.stopListing(reason: nil)
                try run.emit(
                    .failed(ItemFailure(item: url, url: url, code: "fetch", reason: error.description(at: url))), url: url)
                continue
            }
            let response: FetchResponse
            switch fetched {
            case .unchanged(let ids):
                run.unchanged(item: url, recordIDs: ids)
                continue
            case .fetched(let r):
                response = r
            }
            let data = try run.body(of: response)
            let context = run.context(url: url, response: response)
            let results: [ItemResult]
            if run.config.kind == .text || Self.isPlainText(response) {
                results = [TextPageDecoder.decode(data, context: context)]
            } else {
                let (utf8, warnings) = Self.utf8HTML(data, contentType: response.header("Content-Type"))
                results = HTMLPageDecoder.decode(utf8, context: context, rules: rules).map {
                    Self.adding(warnings, to: $0)
                }
            }
            var ids: [String] = []
            for result in results {
                try run.emit(result, url: url)
                if case .parsed(_, let records) = result { ids += records.map(\.id.rawValue) }
            }
            run.state.items[url] = ids
            run.keepValidators(response.validators, for: url)
        }
        if failures == urls.count {
            throw HarvestError(.fetch, "no page could be fetched", place: run.config.url, underlying: lastError)
        }
    }

    /// The page files directly in a `file:` folder, by name: `.txt`/`.text` for `text`,
    /// `.html`/`.htm`/`.xhtml` for `html`; hidden files and other files (a README) are left out.
    private func files(_ run: SourceRun, in folder: String) async throws(HarvestError) -> [String] {
        let fetched = try await run.fetch(folder, conditional: false)
        guard case .changed(let response) = fetched, let entries = response.directoryListing() else {
            throw HarvestError(.fetch, "not a directory", place: folder)
        }
        let extensions = run.config.kind == .text ? ["txt", "text"] : ["html", "htm", "xhtml"]
        let pages = entries.filter { entry in
            !entry.isDirectory && !entry.name.hasPrefix(".")
                && extensions.contains((entry.name as NSString).pathExtension.lowercased())
        }
        if pages.isEmpty { run.warn("no .\(extensions.joined(separator: "/.")) file in \(folder)") }
        return pages.map(\.url)
    }

    /// Whether `url` is a `file:` location that is a folder on this machine.
    static func isLocalDirectory(_ url: String) -> Bool {
        guard url.lowercased().hasPrefix("file:"), let path = URL(string: url)?.path, !path.isEmpty else {
            return false
        }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The page as UTF-8 for libxml2, which is told UTF-8. Many older French ministry and
    /// agency pages are in ISO-8859-1 or Windows-1252, said by `Content-Type` or by
    /// `<meta charset>`: they were read as UTF-8, every accented letter a U+FFFD. Bytes that are
    /// valid UTF-8 stay as they are whatever the declaration says (a declaration that does not
    /// match the bytes is the commoner mistake, and Latin-1 text with accents is never valid
    /// UTF-8); other bytes are decoded by the declared charset, else as Windows-1252.
    static func utf8HTML(_ data: Data, contentType: String?) -> (Data, [String]) {
        if String(validating: data, as: UTF8.self) != nil { return (data, []) }
        let decoded = TextDecoding.decode(data, contentType: contentType)
        return (Data(decoded.text.utf8), decoded.warnings)
    }

    static func adding(_ warnings: [String], to result: ItemResult) -> ItemResult {
        guard !warnings.isEmpty, case .parsed(let item, var records) = result else { return result }
        for i in records.indices { records[i].warnings = warnings + records[i].warnings }
        return .parsed(item: item, records: records)
    }

    static func isPlainText(_ response: FetchResponse) -> Bool {
        (response.header("Content-Type") ?? "").lowercased().hasPrefix("text/plain")
    }
}
