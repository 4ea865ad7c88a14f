import Foundation
import OGPModel

/// An on-disk, content-addressed response cache: bodies are stored once under their
/// SHA-256 (`objects/ab/abcd…`), and each URL has a small JSON entry (`urls/<sha of url>.json`)
/// pointing to its last body with status, headers and validators. Writes are atomic
/// (temporary file + rename), so a killed process leaves no half-written entry.
final class ResponseCache: Sendable {
    struct Entry: Codable {
        var url: String
        var finalURL: String
        var status: Int
        var headers: [[String]]
        var validators: Validators
        var bodyHash: String
        var storedAt: Date
    }

    let directory: URL

    init(directory: String) throws(FetchError) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
        do {
            for sub in ["objects", "urls", "tmp"] {
                try FileManager.default.createDirectory(
                    at: self.directory.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
        } catch {
            throw FetchError(.fileError, "cannot create cache directory: \(error)", url: directory)
        }
    }

    private func entryURL(for url: String) -> URL {
        directory.appendingPathComponent("urls").appendingPathComponent(SHA256.hex(Array(url.utf8)) + ".json")
    }

    private func objectURL(for hash: String) -> URL {
        directory.appendingPathComponent("objects").appendingPathComponent(String(hash.prefix(2)))
            .appendingPathComponent(hash)
    }

    /// Stores a response's in-memory body and its entry; errors are ignored (a cache).
    func store(_ response: FetchResponse) {
        guard let hash = response.validators.bodyHash, response.bodyFile == nil else { return }
        let object = objectURL(for: hash)
        let entry = Entry(
            url: response.url, finalURL: response.finalURL, status: response.status,
            headers: response.headers.map { [$0.name, $0.value] }, validators: response.validators,
            bodyHash: hash, storedAt: Date())
        do {
            if !FileManager.default.fileExists(atPath: object.path) {
                try FileManager.default.createDirectory(
                    at: object.deletingLastPathComponent(), withIntermediateDirectories: true)
                try atomicWrite(response.body, to: object)
            }
            try atomicWrite(JSONEncoder().encode(entry), to: entryURL(for: response.url))
        } catch {
            return
        }
    }

    /// The last stored response for `url`, marked `fromCache`.
    func load(url: String) -> FetchResponse? {
        guard let data = try? Data(contentsOf: entryURL(for: url)),
            let entry = try? JSONDecoder().decode(Entry.self, from: data),
            let body = try? Data(contentsOf: objectURL(for: entry.bodyHash)),
            BodyHasher.hex(body) == entry.bodyHash
        else { return nil }
        return FetchResponse(
            status: entry.status, url: entry.url, finalURL: entry.finalURL,
            headers: entry.headers.compactMap { $0.count == 2 ? (name: $0[0], value: $0[1]) : nil },
            body: body, fromCache: true, validators: entry.validators)
    }

    private func atomicWrite(_ data: Data, to target: URL) throws {
        let temporary = directory.appendingPathComponent("tmp").appendingPathComponent(UUID().uuidString)
        try data.write(to: temporary)
        if rename(temporary.path, target.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
