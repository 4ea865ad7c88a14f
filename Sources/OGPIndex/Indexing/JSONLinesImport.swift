import Foundation
import OGPCore

/// Indexes a JSON Lines corpus (`ogp index --jsonl FILE --index DIR`), for measuring the engine
/// on judged sets: each line an object with `id` (string or number), `title` and `body` (or
/// `contents`); other keys are ignored; a document whose id is already indexed is replaced.
/// A bad line (not an object, no id) is skipped and reported with its line number, and the others
/// are indexed; a line longer than ``maxLineBytes`` or a read error stops the import (nothing of
/// the file is committed).
public enum JSONLinesImport {
    /// What an import did.
    public struct Summary: Sendable {
        /// Documents added.
        public var documents = 0
        /// Bytes of title and body text.
        public var textBytes = 0
        /// Lines skipped, with why (the first ``maxReportedSkips``).
        public var skipped: [IndexError] = []
        /// How many lines were skipped in all.
        public var skippedCount = 0
    }

    /// Skipped lines reported one by one; past them, only counted.
    public static let maxReportedSkips = 100

    /// Longest line read, so that a file without newlines cannot take all memory.
    public static let maxLineBytes = 64 << 20

    /// The document of one line, or why it has none.
    static func document(_ bytes: Data, line: Int, file: String) -> Result<IndexDocument, IndexError> {
        guard let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else {
            return .failure(IndexError(.invalidInput, "line \(line): not a JSON object", file: file))
        }
        let id = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue ?? ""
        guard !id.isEmpty else { return .failure(IndexError(.invalidInput, "line \(line): missing \"id\"", file: file)) }
        let title = object["title"] as? String ?? ""
        let body = object["body"] as? String ?? object["contents"] as? String ?? ""
        return .success(IndexDocument(id: id, fields: [TextField("title", title), TextField("body", body)]))
    }

    /// Reads `path` and adds every line's document to the index in `directory`, then commits.
    public static func run(path: String, into directory: String) throws(IndexError) -> Summary {
        guard let file = fopen(path, "r") else {
            throw IndexError(.io, "cannot open the JSON Lines file: \(String(cString: strerror(errno)))", file: path)
        }
        defer { fclose(file) }
        let writer = try IndexWriter(directory: directory)
        defer { writer.close() }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        var summary = Summary()
        var lineNumber = 0
        var batch: [(line: Int, bytes: Data)] = []
        defer { free(line) }
        // Lines are parsed and their documents built on every core, a batch at a time.
        func drain() throws(IndexError) {
            let parsed = ParallelMap.map(batch) { Self.document($0.bytes, line: $0.line, file: path) }
            var docs: [IndexDocument] = []
            docs.reserveCapacity(parsed.count)
            for p in parsed {
                switch p {
                case .success(let doc):
                    summary.textBytes += SegmentBuilder.textBytes(doc)
                    docs.append(doc)
                case .failure(let error):
                    summary.skippedCount += 1
                    if summary.skipped.count < maxReportedSkips { summary.skipped.append(error) }
                }
            }
            summary.documents += docs.count
            do { try writer.add(contentsOf: docs) } catch {
                throw IndexError(error.code, "a line up to \(lineNumber): \(error.message)", file: path)
            }
            batch.removeAll(keepingCapacity: true)
        }
        while true {
            let n = getline(&line, &capacity, file)
            guard n >= 0, let line else { break }
            lineNumber += 1
            guard n > 1 else { continue }
            guard n <= maxLineBytes else {
                throw IndexError(.invalidInput, "line \(lineNumber) is longer than \(maxLineBytes) bytes", file: path)
            }
            batch.append((lineNumber, Data(bytes: line, count: n)))
            if batch.count == 8192 { try drain() }
        }
        try drain()
        if ferror(file) != 0 {
            throw IndexError(.io, "cannot read the JSON Lines file: \(String(cString: strerror(errno)))", file: path)
        }
        try writer.commit()
        return summary
    }
}
