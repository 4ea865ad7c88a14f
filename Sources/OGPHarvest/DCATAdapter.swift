import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `dcat`: a DCAT catalogue (RDF/XML, Turtle, JSON-LD or DCAT-US `data.json`, by Content-Type
/// then content) followed through its hydra pages (`hydra:next`/`nextPage`) — never looping (a URL
/// or a page body seen before stops it) and stopping at `max_pages`. Each page is fetched to disk
/// and RDF/XML is read as a stream from there, so a catalogue of hundreds of megabytes never sits
/// in memory; datasets are recorded as soon as they are complete. Unchanged pages (304, same
/// bytes) are not parsed again.
struct DCATAdapter: SourceAdapter {
    static let defaultMaxPages = 10_000

    func harvest(_ run: SourceRun) async throws(HarvestError) {
        run.origins.register(run.config)
        let downloads = (run.dataDirectory.path as NSString).appendingPathComponent("downloads")
        try? FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
        var url: String? = run.config.url
        var seenURLs = Set<String>()
        var seenBodies = Set<String>()
        let maxPages = run.config[.catalogMaxPages]
        while let pageURL = url {
            if run.shouldStop() { break }
            guard seenURLs.insert(pageURL).inserted else {
                run.stopListing(reason: "hydra:next loops back to a page already read; stopped", url: pageURL)
                break
            }
            guard seenURLs.count <= maxPages else {
                run.stopListing(reason: "stopped at max_pages (\(maxPages))", url: pageURL)
                break
            }
            let target = (downloads as NSString).appendingPathComponent(
                "\(run.name)-\(run.runID)-\(seenURLs.count).dcat")
            defer { try? FileManager.default.removeItem(atPath: target) }
            let response: FetchResponse
            do {
                switch try await run.fetch(pageURL, saveToFile: target) {
                case .changed(let r):
                    response = r
                case .unchanged(let r):
                    // Known from the last run: counted unchanged, its next page followed unread.
                    if let kept = run.previousPage(pageURL) {
                        run.unchanged(item: pageURL, recordIDs: kept.records)
                        run.state.nextPages[pageURL] = kept.next ?? ""
                        url = kept.next
                        continue
                    }
                    guard
                        case .changed(let fresh) = try await run.fetch(pageURL, conditional: false, saveToFile: target)
                    else {
                        response = r
                        break
                    }
                    response = fresh
                }
            } catch {
                if seenURLs.count == 1 { throw error }
                run.stopListing(reason: "page unreadable: \(error.description); the listing stops here", url: pageURL)
                break
            }
            if let hash = response.validators.bodyHash, !seenBodies.insert(hash).inserted {
                run.stopListing(reason: "page has the same content as an earlier page; stopped", url: pageURL)
                break
            }
            url = try harvestPage(run, url: pageURL, response: response, file: response.bodyFile ?? target)
        }
    }

    /// Decodes one page, records its datasets as they come and returns the next page's URL.
    private func harvestPage(
        _ run: SourceRun, url: String, response: FetchResponse, file: String
    ) throws(HarvestError) -> String? {
        let context = run.context(url: url, response: response)
        var ids: [String] = []
        let emit: (ItemResult) throws -> Void = { result in
            try run.emit(result, url: url)
            if case .parsed(_, let records) = result { ids += records.map(\.id.rawValue) }
        }
        let page: CatalogPage
        let onDisk = response.bodyFile != nil
        let head =
            onDisk
            ? (FileHandle(forReadingAtPath: file).map { h in
                defer { try? h.close() }; return (try? h.read(upToCount: 8192)) ?? Data()
            } ?? Data())
            : response.body.prefix(8192)
        do {
            let format = DCATDecoder.detect(contentType: response.header("Content-Type"), url: url, head: head)
            if format == .rdfXML, onDisk {
                page = try DCATDecoder.decodeFile(path: file, context: context, emit: emit)
            } else {
                let data =
                    onDisk
                    ? ((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()) : try run.body(of: response)
                page = try DCATDecoder.decode(
                    data, contentType: response.header("Content-Type"), context: context, emit: emit)
            }
        } catch let error as HarvestError {
            throw error
        } catch {
            throw HarvestError(.store, "cannot record datasets", place: url, underlying: error)
        }
        // What the response looks like, should it hold no DCAT (a small body whole: the udata
        // API says it is one by keys at its end).
        let sniffed = onDisk ? head + Self.tail(of: file) : response.body
        if let failure = page.failure {
            if run.itemsSeen == 0 { throw HarvestError(.parse, failure.reason + run.shapeHint(sniffed), place: url) }
            run.stopListing(reason: nil)
            try run.emit(.failed(failure), url: url)
            return nil
        }
        if ids.isEmpty, run.itemsSeen == 0, let shape = ResponseShape.sniff(sniffed), shape != .dcat {
            // Not an empty catalogue: another kind of source's answer (a udata or CKAN API URL
            // under `kind: dcat`).
            throw HarvestError(.parse, "no DCAT dataset in the response" + run.shapeHint(sniffed), place: url)
        }
        let next = page.nextPage.map { SourceRun.resolve($0, against: url) }
        run.rememberPage(url, records: ids, next: next)
        run.keepValidators(response.validators, for: url)
        return next
    }

    /// The last 2 KB of a file (where a udata API page names its paging keys).
    static func tail(of file: String) -> Data {
        guard let h = FileHandle(forReadingAtPath: file) else { return Data() }
        defer { try? h.close() }
        guard let end = try? h.seekToEnd(), end > 8_192 else { return Data() }
        try? h.seek(toOffset: end - 2_048)
        return (try? h.readToEnd()) ?? Data()
    }
}
