import ArgumentParser
import Foundation
import OGPCatalog
import OGPCommandLine
import OGPIndex
import OGPStore

/// `ogp index`: the catalogue's index rebuilt, or any JSON Lines corpus indexed for evaluation.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Rebuild the catalogue's search index, or index a JSON Lines file (id, title, body or contents).",
        discussion: """
            --rebuild indexes the catalogue of the data directory again. When the data directory cannot be written (a backup, a read-only mount), add --index DIR to build the index elsewhere: the catalogue is only read.

            --follow keeps this machine's index (<data-dir>/index, or --index DIR) up to date with the catalogue: a shared PostgreSQL one (--store, or store: in the configuration) on each search host, or a SQLite one harvested with --no-index. Every --interval seconds it indexes what changed since its own cursor in the store, so several hosts follow one catalogue each at its pace; a pass that fails (database unreachable, index locked by a harvest) is retried at the next one. SIGINT or SIGTERM stop it with exit 130, the index at its last commit. --update makes one pass (for cron). `ogp status` lists the followers; --forget NAME removes the cursor of an index that is gone.

            With --jsonl, each line is an object with "id" (string or number), "title" and "body" (or "contents"); other keys are ignored. Documents whose id is already in the index are replaced. A line that is not an object with an id is skipped and named (exit 1, the other lines indexed). Statistics go to standard error.

            Examples:
              ogp index --rebuild --data-dir demo-data
              ogp index --rebuild --data-dir /mnt/backup/ogp --index /tmp/ogp-index
              ogp index --follow --store postgres://ogp@db/ogp --data-dir /var/lib/ogp \\
                  --interval 60
              ogp index --jsonl corpus.jsonl --index /tmp/idx
              ogp index --merge --data-dir /var/lib/ogp
              ogp-search --index /tmp/idx --batch queries.tsv > run.trec
            """
    )

    @Option(help: "The JSON Lines file to index.", completion: .file(extensions: ["jsonl"]))
    var jsonl: String?

    @Option(
        help: "The index directory (created if missing; with --rebuild, instead of <data-dir>/index).",
        completion: .directory)
    var index: String?

    @Flag(help: "Rebuild the catalogue's index from the catalogue store.")
    var rebuild = false

    @Flag(help: "Keep the index up to date with the catalogue until SIGINT/SIGTERM (exit 130).")
    var follow = false

    @Flag(help: "Index what changed in the catalogue since this index's last update, once.")
    var update = false

    @Option(help: "With --follow: seconds between updates (0.1 to 86400).")
    var interval: Double = 30

    @Option(help: "Remove the cursor of an index that no longer follows the catalogue (a name from `ogp status`).")
    var forget: String?

    @Flag(
        help:
            "Merge the index's segments into one (<data-dir>/index, or --index DIR): after a full harvest, for the searches of a server."
    )
    var merge = false

    @OptionGroup var common: DataOptions

    @OptionGroup var stores: StoreOptions

    func validate() throws {
        let modes = [rebuild, follow, update, forget != nil, jsonl != nil, merge].filter { $0 }.count
        guard modes <= 1 else {
            throw ValidationError("give one of --rebuild, --follow, --update, --forget, --jsonl, --merge")
        }
        guard (0.1...86_400).contains(interval) else { throw ValidationError("--interval takes 0.1 to 86400 seconds") }
        if rebuild || follow || update || forget != nil || merge { return }
        guard jsonl != nil, index != nil else {
            throw ValidationError("give --jsonl FILE --index DIR, or --rebuild")
        }
    }

    func run() async throws {
        try await reportingFailures {
            if rebuild {
                try rebuildCatalogIndex()
                return
            }
            if merge { return try mergeIndex() }
            if follow { return try await IndexFollowing(command: self).follow(every: interval) }
            if update { return try IndexFollowing(command: self).updateOnce() }
            if let forget { return try IndexFollowing(command: self).forget(forget) }
            guard let jsonl, let index else { return }
            guard FileManager.default.fileExists(atPath: jsonl) else {
                throw CommandFailure(.noInput, "\(jsonl): no such file")
            }
            let start = Date()
            let summary: JSONLinesImport.Summary
            do {
                summary = try JSONLinesImport.run(path: jsonl, into: index)
            } catch let error as IndexError {
                throw CommandFailure(Self.status(error), error.description)
            }
            let secs = Date().timeIntervalSince(start)
            for error in summary.skipped { Console.error("ogp: \(jsonl): \(error.message) (skipped)") }
            if summary.skippedCount > summary.skipped.count {
                Console.error("ogp: … and \(summary.skippedCount - summary.skipped.count) more lines skipped")
            }
            Console.error(
                String(
                    format: "indexed %d documents (%.1f MB of text) in %.2f s: %.0f docs/s, %.2f MB/s",
                    summary.documents, Double(summary.textBytes) / 1e6, secs,
                    Double(summary.documents) / max(secs, 1e-9),
                    Double(summary.textBytes) / 1e6 / max(secs, 1e-9)))
            if summary.skippedCount > 0 {
                // As a harvest with failed items: the rest is indexed, the exit says some was not.
                Console.error("ogp: \(summary.skippedCount) lines skipped")
                throw ExitCode(1)
            }
        }
    }

    /// `ogp index --merge`: every segment into one. A build from nothing leaves one already; later
    /// harvests add a segment per 20,000 records and the size-tiered policy merges a tier only
    /// once it holds eight, and each search walks every segment's term dictionary and postings.
    /// The merge copies postings and stored documents (``IndexWriter/forceMerge()``: 3–5 s of
    /// CPU on the whole export, as Elasticsearch's force merge); a harvest running meanwhile
    /// holds the lock, and this exits 73 saying so.
    private func mergeIndex() throws {
        let config = try common.loadConfiguration(required: false)
        let target = index ?? common.dataDirectory(config).indexPath
        guard FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent("manifest.json")) else {
            throw CommandFailure(.noInput, "no index in \(target): run `ogp harvest` or `ogp index` first")
        }
        let start = Date()
        let before: Int
        do { before = try Self.forceMerge(target) } catch {
            throw CommandFailure(Self.status(error), error.description)
        }
        Console.error(
            String(format: "merged %d segments into %d in %.2f s", before, min(before, 1), Date().timeIntervalSince(start)))
    }

    /// Merges the index in `directory` into one segment; the number of segments before.
    static func forceMerge(_ directory: String) throws(IndexError) -> Int {
        let writer = try IndexWriter(directory: directory)
        defer { writer.close() }
        let before = writer.segmentCount
        try writer.forceMerge()
        return before
    }

    /// `ogp index --rebuild`: in place (the store records what is indexed), or into `--index DIR`
    /// from a catalogue that is only read.
    private func rebuildCatalogIndex() throws {
        let config = try common.loadConfiguration(required: false)
        let dir = common.dataDirectory(config)
        let start = Date()
        let result: CatalogIndexer.Result
        let target: String
        if let index {
            target = index
            let store = try stores.openForReading(dir, config: config, common: common)
            do { result = try CatalogIndexer(directory: index).snapshot(from: store) } catch {
                throw CommandFailure(.cannotCreate, "cannot build the index in \(index): \(error)")
            }
        } else if let shared = try stores.openShared(dir, config: config) {
            // A shared catalogue: this machine's own index, rebuilt in the data directory.
            try common.prepare(dir)
            target = dir.indexPath
            let indexer = CatalogIndexer(directory: dir.indexPath, follower: .host(indexDirectory: dir.indexPath))
            do { result = try indexer.update(from: shared, rebuild: true) } catch {
                throw CommandFailure(.io, "cannot rebuild the index: \(error)")
            }
        } else {
            guard FileManager.default.fileExists(atPath: dir.catalogPath) else {
                throw CommandFailure(
                    .noInput, "no catalogue in \(dir.path): run `ogp harvest` first, or pass --data-dir")
            }
            guard DataOptions.isWritable(dir) else {
                throw CommandFailure(
                    .cannotCreate,
                    "the data directory \(dir.path) is read-only: add --index DIR to build the index elsewhere from the catalogue"
                )
            }
            target = dir.indexPath
            let store = try common.openStore(dir)
            do { result = try CatalogIndexer(directory: dir.indexPath).update(from: store, rebuild: true) } catch {
                throw CommandFailure(.io, "cannot rebuild the index: \(error)")
            }
        }
        let secs = Date().timeIntervalSince(start)
        Console.line(
            String(
                format: "indexed %d records in %.2f s (%.0f records/s)", result.indexed, secs,
                Double(result.indexed) / max(secs, 1e-9)) + " into \(target)")
    }

    static func status(_ error: IndexError) -> ExitStatus {
        switch error.code {
        case .invalidInput: .dataError
        case .locked: .cannotCreate
        case .corrupt, .formatVersion: .dataError
        case .notAnIndex: .noInput
        default: .io
        }
    }
}
