import ArgumentParser
import Foundation
import OGPIndex

/// `ogp index --jsonl FILE --index DIR`: indexes any JSON Lines corpus with the search engine,
/// so it can be measured on judged sets (`ogp-search --index DIR --batch …`).
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build a search index from a JSON Lines file (id, title, body or contents).",
        discussion: """
            Each line is an object with "id" (string or number), "title" and "body" (or
            "contents"); other keys are ignored. Documents whose id is already in the index are
            replaced. Statistics go to standard error.

            Example:
              ogp index --jsonl corpus.jsonl --index /tmp/idx
              ogp-search --index /tmp/idx --batch queries.tsv > run.trec
            """
    )

    @Option(help: "The JSON Lines file to index.")
    var jsonl: String?

    @Option(help: "The index directory (created if missing).")
    var index: String?

    @Flag(help: "Rebuild the catalogue's index (in the data directory) from the catalogue store.")
    var rebuild = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if rebuild { return }
        guard jsonl != nil, index != nil else {
            throw ValidationError("give --jsonl FILE --index DIR, or --rebuild")
        }
    }

    func run() async throws {
        if rebuild {
            try await runReportingErrors { try CatalogRebuild.run(common) }
            return
        }
        guard let jsonl, let index else { return }
        try await runReportingErrors {
            guard let file = fopen(jsonl, "r") else {
                throw CLIError(code: .noInput, message: "cannot open \(jsonl)")
            }
            defer { fclose(file) }
            let start = Date()
            let writer: IndexWriter
            do { writer = try IndexWriter(directory: index) } catch let error as IndexError {
                throw CLIError(code: error.code == .locked ? .cannotCreate : .io, message: error.description)
            }
            var line: UnsafeMutablePointer<CChar>?
            var capacity = 0
            var count = 0
            var lineNumber = 0
            var bytes = 0
            var batch: [IndexDocument] = []
            defer { free(line) }
            while true {
                let n = getline(&line, &capacity, file)
                guard n >= 0, let line else { break }
                lineNumber += 1
                guard n > 1 else { continue }
                let data = Data(bytesNoCopy: line, count: n, deallocator: .none)
                guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                    throw CLIError(code: .dataError, message: "\(jsonl):\(lineNumber): not a JSON object")
                }
                let id = (obj["id"] as? String) ?? (obj["id"] as? NSNumber)?.stringValue ?? ""
                guard !id.isEmpty else { throw CLIError(code: .dataError, message: "\(jsonl):\(lineNumber): missing \"id\"") }
                let title = obj["title"] as? String ?? ""
                let body = obj["body"] as? String ?? obj["contents"] as? String ?? ""
                bytes += title.utf8.count + body.utf8.count
                batch.append(IndexDocument(id: id, fields: [TextField("title", title), TextField("body", body)]))
                count += 1
                // Batches are analysed in parallel on every core.
                if batch.count == 4096 {
                    do { try writer.add(contentsOf: batch) } catch { throw CLIError(code: .dataError, message: "\(jsonl): before line \(lineNumber + 1): \(error)") }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            do { try writer.add(contentsOf: batch) } catch { throw CLIError(code: .dataError, message: "\(jsonl): \(error)") }
            do { try writer.commit() } catch let error as IndexError { throw CLIError(code: .io, message: error.description) }
            let secs = Date().timeIntervalSince(start)
            let stats = String(
                format: "indexed %d documents (%.1f MB of text) in %.2f s: %.0f docs/s, %.2f MB/s\n",
                count, Double(bytes) / 1e6, secs, Double(count) / max(secs, 1e-9), Double(bytes) / 1e6 / max(secs, 1e-9))
            FileHandle.standardError.write(Data(stats.utf8))
        }
    }
}
