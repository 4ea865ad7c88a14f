import CCurl
import Foundation

/// The state of one attempt while libcurl runs it; touched only on the curl thread.
final class CurlTransfer: @unchecked Sendable {
    let spec: TransferSpec
    /// Body bytes last reported to `spec.onProgress`.
    private var reported: Int64 = 0
    /// The body's announced size, once libcurl knows it.
    private var announced: Int64?
    let continuation: CheckedContinuation<TransferOutcome, Never>
    var outcome = TransferOutcome()
    /// Why a callback aborted the transfer (mapped to the error instead of curl's).
    var abortCode: FetchError.Code?
    var abortMessage = ""
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    private var file: UnsafeMutablePointer<FILE>?
    private var hasher: BodyHasher?
    private var decodedBytes = 0
    private var encoded = false
    private let token: CancelToken

    init(spec: TransferSpec, token: CancelToken, continuation: CheckedContinuation<TransferOutcome, Never>) {
        self.spec = spec
        self.token = token
        self.continuation = continuation
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        if spec.hashBody { hasher = BodyHasher() }
    }

    deinit {
        errorBuffer.deallocate()
        if let headerList { curl_slist_free_all(headerList) }
        if let file { fclose(file) }
    }

    private func abort(_ code: FetchError.Code, _ message: String) {
        if abortCode == nil {
            abortCode = code
            abortMessage = message
        }
    }

    /// Opens `saveToFile` for writing; false (with the abort reason set) when it cannot.
    func openOutputFile() -> Bool {
        guard let path = spec.saveToFile else { return true }
        file = fopen(path, "wb")
        if file == nil {
            abort(.fileError, "cannot write \(path): \(String(cString: strerror(errno)))")
            return false
        }
        outcome.bodyFile = path
        return true
    }

    /// Closes the output file and finishes the hash.
    func finishBody() {
        if let file {
            fclose(file)
            self.file = nil
        }
        if let hasher, abortCode == nil {
            outcome.bodyHash = hasher.hexDigest()
        }
    }

    /// The last progress report of a transfer that has ended (whatever its outcome).
    func reportEnd(received: Int64) {
        guard let onProgress = spec.onProgress else { return }
        onProgress(
            TransferProgress(
                tag: spec.tag, url: spec.url, received: max(received, reported), expected: announced, finished: true))
    }

    // MARK: callbacks

    /// Body bytes, after content decoding. Returning less than `count` aborts.
    func receive(_ pointer: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        decodedBytes += count
        if decodedBytes > spec.policy.maxDecompressedBytes {
            abort(.decompressedTooLarge, "decoded body larger than \(spec.policy.maxDecompressedBytes) bytes")
            return 0
        }
        if !encoded && decodedBytes > spec.policy.maxBodyBytes {
            abort(.bodyTooLarge, "body larger than \(spec.policy.maxBodyBytes) bytes")
            return 0
        }
        let buffer = UnsafeRawBufferPointer(start: pointer, count: count)
        hasher?.update(buffer)
        if let file {
            if fwrite(pointer, 1, count, file) != count {
                abort(.fileError, "cannot write \(spec.saveToFile ?? ""): \(String(cString: strerror(errno)))")
                return 0
            }
        } else {
            outcome.body.append(buffer.bindMemory(to: UInt8.self))
        }
        return count
    }

    /// One raw header line (status line, header, or the empty line ending the block).
    /// Parsed on bytes: this runs for every header of every response.
    func header(_ pointer: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let raw = UnsafeRawBufferPointer(start: pointer, count: count)
        var end = raw.count
        while end > 0, raw[end - 1] == 0x0A || raw[end - 1] == 0x0D { end -= 1 }
        guard end > 0 else { return count }
        if end > 5, raw[0] == 0x48, raw[1] == 0x54, raw[2] == 0x54, raw[3] == 0x50, raw[4] == 0x2F {  // "HTTP/"
            outcome.headers = []
            var index = 5
            while index < end, raw[index] != 0x20 { index += 1 }
            var status = 0
            index += 1
            while index < end, raw[index] >= 0x30, raw[index] <= 0x39 {
                status = status * 10 + Int(raw[index] - 0x30)
                index += 1
            }
            outcome.status = status
            return count
        }
        guard let colon = raw[0..<end].firstIndex(of: 0x3A) else { return count }
        var start = colon + 1
        while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
        var stop = end
        while stop > start, raw[stop - 1] == 0x20 || raw[stop - 1] == 0x09 { stop -= 1 }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<colon]), as: UTF8.self)
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<stop]), as: UTF8.self)
        outcome.headers.append((name: name, value: value))
        switch colon {
        case 16 where name.lowercased() == "content-encoding":
            if value.lowercased() != "identity" { encoded = true }
        case 14 where name.lowercased() == "content-length":
            if let length = Int(value), length > spec.policy.maxBodyBytes {
                abort(.bodyTooLarge, "Content-Length \(length) larger than \(spec.policy.maxBodyBytes) bytes")
                return 0
            }
        default:
            break
        }
        return count
    }

    /// Progress: `received` counts body bytes as sent (before decoding); `total` is the
    /// announced size (0 when unknown).
    func progress(received: Int64, total: Int64 = 0) -> Int32 {
        if total > 0 { announced = total }
        if let onProgress = spec.onProgress, received >= reported + 65_536 {
            reported = received
            onProgress(
                TransferProgress(tag: spec.tag, url: spec.url, received: received, expected: announced, finished: false)
            )
        }
        if token.isCancelled {
            abort(.cancelled, "cancelled")
            return 1
        }
        if received > Int64(spec.policy.maxBodyBytes) {
            abort(.bodyTooLarge, "body larger than \(spec.policy.maxBodyBytes) bytes")
            return 1
        }
        return 0
    }

    /// Why a non-public address was refused, and how to allow it.
    static func refusal(_ address: String) -> String {
        "refused non-public address \(address) (loopback, private, link-local or unique-local); to allow it, set "
            + "`allow_private_network: true` (or list the host in `allow_hosts`) on the source, "
            + "or pass --allow-private-network (--allow-host HOST) to `ogp fetch`"
    }

    /// The address of the connection a request is about to be sent on (new or reused).
    func allowRequest(toAddress address: String) -> Bool {
        if spec.allowPrivateAddresses || !AddressCheck.isNonPublic(address) { return true }
        abort(.forbiddenAddress, Self.refusal(address))
        return false
    }

    /// The resolved address of a new connection: true to connect, false to refuse.
    func allowConnection(to bytes: [UInt8]) -> Bool {
        if spec.allowPrivateAddresses { return true }
        let nonPublic = bytes.count == 4 ? AddressFilter.isNonPublicIPv4(bytes) : AddressFilter.isNonPublicIPv6(bytes)
        if nonPublic {
            abort(.forbiddenAddress, Self.refusal(AddressFilter.text(bytes)))
            return false
        }
        return true
    }
}

/// Set by a cancelled task, read by the transfer's progress callback.
final class CancelToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    /// Asks the transfer to stop at its next progress callback.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
