import Foundation
import OGPFetch
import OGPModel
import OGPParse

/// `jekyll`: the Markdown posts of a Jekyll site, from a directory (`file:`) or a git
/// repository (cloned, then pulled; only files changed since the last harvested commit are
/// parsed again). `collections` name the folders to read (default: the whole tree),
/// `patterns` the file names (default `*.md`, `*.markdown`), `filter` the posts to keep.
struct JekyllAdapter: SourceAdapter {
    static let maxDepth = 4

    func harvest(_ run: SourceRun) async throws(HarvestError) {
        let previous = run.loadItemRecords()
        var changed: Set<String>?
        var baseURL = run.config.url
        var commit: String?
        if !run.config.isFile {
            let repo = GitRepository(
                url: run.config.url, directory: (run.dataDirectory.reposPath as NSString).appendingPathComponent(run.name),
                branch: run.config["branch"]?.string)
            let last = run.options.full ? nil : (try? run.store.state(source: run.name, key: "commit")) ?? nil
            let sync = try await repo.syncOffPool(lastCommit: last)
            changed = sync.changed
            commit = sync.current
            baseURL = URL(fileURLWithPath: repo.directory, isDirectory: true).absoluteString
        }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        let patterns = run.config["patterns"]?.strings ?? ["*.md", "*.markdown"]
        let collections = run.config["collections"]?.strings ?? [""]
        let filter = JekyllFilter(options: run.context(url: baseURL, response: nil).options)
        for collection in collections {
            let folder = collection.isEmpty ? "" : (collection.hasSuffix("/") ? collection : collection + "/")
            var files: [String] = []
            try await list(run, base: baseURL, folder: folder, depth: 0, patterns: patterns, into: &files)
            for path in files {
                if Task.isCancelled || run.reachedItemLimit { run.listingComplete = false; break }
                if let changed, !changed.contains(path), let ids = previous[path] {
                    run.unchanged(item: path, recordIDs: ids)
                    continue
                }
                try await harvestFile(run, url: baseURL + path, path: path, filter: filter, previous: previous)
            }
        }
        try run.flush()
        try run.saveItemRecords(previous: previous)
        if let commit, !run.options.dryRun, run.listingComplete {
            try? run.store.setState(source: run.name, key: "commit", value: commit)
        }
    }

    private func harvestFile(
        _ run: SourceRun, url: String, path: String, filter: JekyllFilter, previous: [String: [String]]
    ) async throws(HarvestError) {
        var fetched: Fetched
        do {
            fetched = try await run.fetch(url)
            if case .unchanged = fetched {
                if let ids = previous[path] {
                    run.unchanged(item: path, recordIDs: ids)
                    return
                }
                // Known bytes but no record ids (state lost): read them again.
                fetched = try await run.fetch(url, conditional: false)
            }
        } catch {
            try run.emit(.failed(ItemFailure(item: path, url: url, code: "fetch", reason: error.description)), url: url)
            return
        }
        guard case .changed(let response) = fetched else { return }
        let data = try run.body(of: response)
        let result = JekyllPostDecoder.decode(data, path: path, context: run.context(url: url, response: response))
        if case .parsed(_, let records) = result, !filter.isEmpty, !records.contains(where: filter.accepts) {
            run.skipped(item: path)
        } else {
            try run.emit(result, url: url)
        }
        run.keepValidators(response.validators, for: url)
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
                    try await list(run, base: base, folder: folder + entry.name + "/", depth: depth + 1, patterns: patterns, into: &files)
                }
            } else if patterns.contains(where: { fnmatch($0, entry.name, 0) == 0 }) {
                files.append(folder + entry.name)
            }
        }
    }
}
