import Foundation

/// Indexes a JSON Lines corpus (`ogp index --jsonl FILE --index DIR`), for measuring the engine
/// on judged sets: each line an object with `id` (string or number), `title` and `body` (or
/// `contents`); other keys are ignored; a document whose id is already indexed is replaced.
/// A bad line stops the import with its line number (nothing of the file is committed).
public enum JSONLinesImport {
    /// What an import did.
    public struct Summary: Sendable, Hashable {
        /// Documents added.
        public var documents = 0
        /// Bytes of title and body text.
        public var textBytes = 0
    }

    /// Longest line read, so that a file without newlines cannot take all memory.
    public static let maxLineBytes = 64 << 20

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
        var batch: [IndexDocument] = []
        defer { free(line) }
        while true {
            let n = getline(&line, &capacity, file)
            guard n >= 0, let line else { break }
            lineNumber += 1
            guard n > 1 else { continue }
            guard n <= maxLineBytes else {
                throw IndexError(.invalidInput, "line \(lineNumber) is longer than \(maxLineBytes) bytes", file: path)
            }
            let data = Data(bytesNoCopy: line, count: n, deallocator: .none)
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw IndexError(.invalidInput, "line \(lineNumber): not a JSON object", file: path)
            }
            let id = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue ?? ""
            guard !id.isEmpty else { throw IndexError(.invalidInput, "line \(lineNumber): missing \"id\"", file: path) }
            let title = object["title"] as? String ?? ""
            let body = object["body"] as? String ?? object["contents"] as? String ?? ""
            summary.textBytes += title.utf8.count + body.utf8.count
            batch.append(IndexDocument(id: id, fields: [TextField("title", title), TextField("body", body)]))
            summary.documents += 1
            // Batches are analysed in parallel on every core.
            if batch.count == 4096 {
                do { try writer.add(contentsOf: batch) } catch {
                    throw IndexError(error.code, "a line up to \(lineNumber): \(error.message)", file: path)
                }
                batch.removeAll(keepingCapacity: true)
            }
        }
        do { try writer.add(contentsOf: batch) } catch {
            throw IndexError(error.code, "last lines: \(error.message)", file: path)
        }
        if ferror(file) != 0 {
            throw IndexError(.io, "cannot read the JSON Lines file: \(String(cString: strerror(errno)))", file: path)
        }
        try writer.commit()
        return summary
    }
}
