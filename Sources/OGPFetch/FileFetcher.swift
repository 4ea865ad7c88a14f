import Foundation

/// `file://` URLs through the same API: a file's bytes, or a directory's listing as JSON
/// (`DirectoryEntry`). A missing path answers 404 and an unreadable one 403, like HTTP;
/// `If-Modified-Since` (validators' `lastModified`) and the body hash give 304.
enum FileFetcher {
    static func fetch(_ request: FetchRequest) throws(FetchError) -> FetchResponse {
        guard let url = URL(string: request.url), url.scheme?.lowercased() == "file",
            (url.host ?? "").isEmpty || url.host == "localhost"
        else { throw FetchError(.invalidURL, "not a local file URL", url: request.url) }
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return FetchResponse(status: 404, url: request.url, finalURL: request.url)
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            return FetchResponse(status: 403, url: request.url, finalURL: request.url)
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = (attributes?[.modificationDate] as? Date).map(HTTPDate.format)
        if isDirectory.boolValue {
            return try listing(path: path, request: request, modified: modified)
        }
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        if size > request.policy.maxBodyBytes {
            throw FetchError(.bodyTooLarge, "file larger than \(request.policy.maxBodyBytes) bytes", url: request.url)
        }
        if isGzip(path) {
            // Not decoded (a file: URL has no Content-Encoding to say so): named instead of
            // handing compressed bytes to a decoder that would report them as garbage.
            throw FetchError(
                .fileError,
                "\(path) is gzip-compressed; ogp reads local files as they are: decompress it (`gunzip -k \((path as NSString).lastPathComponent)`) and point the source at the result",
                url: request.url)
        }
        if let target = request.saveToFile {
            return try copy(path: path, to: target, size: size, modified: modified, request: request)
        }
        let body: Data
        do {
            body = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FetchError(.fileError, "cannot read \(path): \(error)", url: request.url)
        }
        let hash = BodyHasher.hex(body)
        let validators = Validators(etag: nil, lastModified: modified, bodyHash: hash)
        var headers: [(name: String, value: String)] = [("Content-Length", String(body.count))]
        if let modified { headers.append(("Last-Modified", modified)) }
        if let old = request.validators, old.bodyHash == hash, old.lastModified == modified || old.lastModified == nil {
            return FetchResponse(
                status: 304, url: request.url, finalURL: request.url, headers: headers,
                notModified: true, validators: validators)
        }
        var response = FetchResponse(
            status: 200, url: request.url, finalURL: request.url, headers: headers,
            body: body, bytes: body.count, validators: validators)
        if let target = request.saveToFile {
            do {
                try body.write(to: URL(fileURLWithPath: target))
            } catch {
                throw FetchError(.fileError, "cannot write \(target): \(error)", url: request.url)
            }
            response.body = Data()
            response.bodyFile = target
        }
        return response
    }

    /// True when the file starts with gzip's magic bytes (1F 8B).
    static func isGzip(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { read(fd, $0.baseAddress, 2) }
        return n == 2 && magic.0 == 0x1F && magic.1 == 0x8B
    }

    /// Streams a file to `target` (for large bodies), hashing as it goes: memory stays flat
    /// whatever the file's size. An unchanged file (same hash and date) answers 304 and leaves
    /// no copy.
    private static func copy(
        path: String, to target: String, size: Int, modified: String?, request: FetchRequest
    ) throws(FetchError) -> FetchResponse {
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            throw FetchError(.fileError, "cannot read \(path): \(String(cString: strerror(errno)))", url: request.url)
        }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else {
            throw FetchError(
                .fileError, "cannot write \(target): \(String(cString: strerror(errno)))", url: request.url)
        }
        let hasher = BodyHasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        var failure: String?
        while failure == nil {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }; failure = "cannot read \(path): \(String(cString: strerror(errno)))";
                break
            }
            if n == 0 { break }
            total += n
            if total > request.policy.maxBodyBytes {
                failure = "file larger than \(request.policy.maxBodyBytes) bytes"; break
            }
            buffer.withUnsafeBytes { raw in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<n])
                hasher.update(chunk)
                var offset = 0
                while offset < n {
                    let w = write(output, chunk.baseAddress.map { $0 + offset }, n - offset)
                    if w < 0 {
                        if errno == EINTR { continue };
                        failure = "cannot write \(target): \(String(cString: strerror(errno)))"; return
                    }
                    offset += w
                }
            }
        }
        close(output)
        if let failure {
            unlink(target)
            throw FetchError(
                total > request.policy.maxBodyBytes ? .bodyTooLarge : .fileError, failure, url: request.url)
        }
        let hash = hasher.hexDigest()
        let validators = Validators(etag: nil, lastModified: modified, bodyHash: hash)
        var headers: [(name: String, value: String)] = [("Content-Length", String(total))]
        if let modified { headers.append(("Last-Modified", modified)) }
        if let old = request.validators, old.bodyHash == hash, old.lastModified == modified || old.lastModified == nil {
            unlink(target)
            return FetchResponse(
                status: 304, url: request.url, finalURL: request.url, headers: headers,
                notModified: true, validators: validators)
        }
        var response = FetchResponse(
            status: 200, url: request.url, finalURL: request.url, headers: headers,
            bytes: total, validators: validators)
        response.bodyFile = target
        return response
    }

    private static func listing(
        path: String, request: FetchRequest, modified: String?
    ) throws(FetchError) -> FetchResponse {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw FetchError(.fileError, "cannot list \(path): \(error)", url: request.url)
        }
        let base = URL(fileURLWithPath: path, isDirectory: true)
        let entries = names.map { name -> DirectoryEntry in
            let child = base.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory)
            let size =
                isDirectory.boolValue
                ? 0
                : ((try? FileManager.default.attributesOfItem(atPath: child.path)[.size]) as? NSNumber)?.intValue ?? 0
            let childURL = URL(fileURLWithPath: child.path, isDirectory: isDirectory.boolValue).absoluteString
            return DirectoryEntry(name: name, isDirectory: isDirectory.boolValue, size: size, url: childURL)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(entries)) ?? Data("[]".utf8)
        let validators = Validators(etag: nil, lastModified: modified, bodyHash: BodyHasher.hex(body))
        return FetchResponse(
            status: 200, url: request.url, finalURL: request.url,
            headers: [("Content-Type", DirectoryEntry.contentType), ("Content-Length", String(body.count))],
            body: body, bytes: body.count, validators: validators)
    }
}
