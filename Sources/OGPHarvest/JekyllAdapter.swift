import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `jekyll`: the Markdown posts of a Jekyll site, from a directory (`file:`) or a git
/// repository (cloned, then pulled; only files changed since the last harvested commit are
/// parsed again). `collections` name the folders to read (default: the whole tree),
/// `patterns` the file names (default `*.md`, `*.markdown`), `filter` the posts to keep.
/// A configured collection folder that does not exist is reported and the others are read.
/// Post URLs are the site's public ones when its `_config.yml` gives a `url` (``JekyllSite``).
struct JekyllAdapter: SourceAdapter {
    static let maxDepth = 4

    func harvest(_ run: SourceRun) async throws(HarvestError) {
        var changed: Set<String>?
        var baseURL = run.config.url
        var commit: String?
        if !run.config.isFile {
            let repo = GitRepository(
                url: run.config.url,
                directory: (run.dataDirectory.reposPath as NSString).appendingPathComponent(run.name),
                branch: run.config[.branch])
            let sync = try await repo.syncOffPool(lastCommit: run.previous.commit)
            changed = sync.changed
            commit = sync.current
            baseURL = URL(fileURLWithPath: repo.directory, isDirectory: true).absoluteString
        }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        let (site, siteChanged) = try await readSite(run, base: baseURL)
        // New permalinks change every post's URL: read them all again.
        if siteChanged { changed = nil }
        let patterns = run.config[.patterns]
        let collections = run.config[.collections].isEmpty ? [""] : run.config[.collections]
        let filterKeys = run.config[.filter]
        let filter = JekyllFilter(tags: filterKeys["tags"]?.strings ?? [], words: filterKeys["words"]?.strings ?? [])
        var missing: [String] = []
        for collection in collections {
            let folder = collection.isEmpty ? "" : (collection.hasSuffix("/") ? collection : collection + "/")
            var files: [String] = []
            do {
                try await list(run, base: baseURL, folder: folder, depth: 0, patterns: patterns, into: &files)
            } catch  where !folder.isEmpty && error.code == .fetch {
                missing.append(collection)
                run.stopListing(reason: nil)
                run.warn(
                    "collection folder `\(collection)` does not exist or cannot be read (\(baseURL + folder)); the other folders were harvested, nothing was archived"
                )
                continue
            }
            for path in files {
                if run.shouldStop() { break }
                if let changed, !changed.contains(path), let ids = run.previous.items[path] {
                    run.unchanged(item: path, recordIDs: ids)
                    continue
                }
                try await harvestFile(
                    run, url: baseURL + path, path: path, filter: filter, site: site, force: siteChanged)
            }
        }
        if !missing.isEmpty, missing.count == collections.count {
            throw HarvestError(
                .fetch, "no collection folder could be read: \(missing.joined(separator: ", "))", place: baseURL)
        }
        if let commit, run.listingComplete { run.state.commit = commit } else { run.state.commit = run.previous.commit }
    }

    private func harvestFile(
        _ run: SourceRun, url: String, path: String, filter: JekyllFilter, site: JekyllSite?, force: Bool
    ) async throws(HarvestError) {
        let response: FetchResponse
        do {
            switch try await run.fetchFresh(url, previous: force ? nil : run.previous.items[path]) {
            case .unchanged(let ids):
                run.unchanged(item: path, recordIDs: ids)
                return
            case .fetched(let r):
                response = r
            }
        } catch {
            try run.emit(.failed(ItemFailure(item: path, url: url, code: "fetch", reason: error.description(at: url))), url: url)
            return
        }
        let data = try run.body(of: response)
        let result = JekyllPostDecoder.decode(
            data, path: path, context: run.context(url: url, response: response), site: site)
        if case .parsed(_, let records) = result, !filter.isEmpty, !records.contains(where: filter.accepts) {
            run.skipped(item: path)
        } else if case .failed = result, !Self.opensFrontMatter(data) {
            // Jekyll itself copies a file without front matter as it is (a README, a licence):
            // not a post, so not a failure.
            run.skipped(item: path)
        } else {
            try run.emit(result, url: url)
        }
        run.keepValidators(response.validators, for: url)
    }

    /// The site's `_config.yml` (its public URL and permalinks), and whether it changed since the
    /// last run. A site without one, or without an absolute `url`, keeps file URLs; an unreadable
    /// one is a warning, not a failure (the posts are still worth harvesting).
    private func readSite(_ run: SourceRun, base: String) async throws(HarvestError) -> (JekyllSite?, Bool) {
        let url = base + "_config.yml"
        let before = try run.storedValidators(for: url)?.bodyHash
        let response: FetchResponse
        do {
            guard case .changed(let r) = try await run.fetch(url, conditional: false) else { return (nil, false) }
            response = r
        } catch where error.code == .fetch {
            return (nil, before != nil)
        }
        run.keepValidators(response.validators, for: url)
        let changed = before != nil && before != response.validators.bodyHash
        do {
            return (try JekyllSite.decode(try run.body(of: response)), changed)
        } catch let error as ParseError {
            run.warn("\(url): \(error.message); post URLs are the files' own")
        } catch {
            run.warn("\(url): \(error); post URLs are the files' own")
        }
        return (nil, changed)
    }

    /// Whether a file starts with a `---` line (after a byte-order mark), as Jekyll's own test does.
    static func opensFrontMatter(_ data: Data) -> Bool {
        var bytes = data.prefix(6)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.starts(with: Array("---".utf8))
    }

    /// Lists matching files below `folder`, depth-first, sorted, through the fetcher's file listing.
    private func list(
        _ run: SourceRun, base: String, folder: String, depth: Int, patterns: [String], into files: inout [String]
    ) async throws(HarvestError) {
        let fetched = try await run.fetch(base + folder, conditional: false)
        guard case .changed(let response) = fetched, let entries = response.directoryListing() else {
            throw HarvestError(.fetch, "not a directory", place: base + folder)
        }
        for entry in entries where !entry.name.hasPrefix(".") {
            if entry.isDirectory {
                if depth < Self.maxDepth, folder.isEmpty ? !entry.name.hasPrefix("_site") : true {
                    try await list(
                        run, base: base, folder: folder + entry.name + "/", depth: depth + 1, patterns: patterns,
                        into: &files)
                }
            } else if patterns.contains(where: { fnmatch($0, entry.name, 0) == 0 }) {
                files.append(folder + entry.name)
            }
        }
    }
}
