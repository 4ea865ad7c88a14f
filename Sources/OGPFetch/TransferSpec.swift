import Foundation

/// One HTTP attempt handed to the curl thread: a single hop, no redirect following.
struct TransferSpec: Sendable {
    var url: String
    var method: String
    /// Every request header, User-Agent and conditional headers included.
    var headers: [(String, String)]
    var policy: FetchPolicy
    /// Private/loopback addresses are accepted for this hop.
    var allowPrivateAddresses: Bool
    /// Stream the body to this path.
    var saveToFile: String?
    /// Hash the decoded body (SHA-256) while receiving it.
    var hashBody: Bool
    /// Told how far the body has come (nil: nobody watches).
    var onProgress: (@Sendable (TransferProgress) -> Void)? = nil
    /// The request's tag, for ``onProgress``.
    var tag: String? = nil
}

/// What one attempt produced: a response, or the error that stopped it.
struct TransferOutcome: Sendable {
    var status: Int = 0
    /// "1.0", "1.1", "2" ("" when no response).
    var httpVersion = ""
    var headers: [(name: String, value: String)] = []
    var body = Data()
    var bodyFile: String?
    var bodyHash: String?
    /// Body bytes as received (before content decoding).
    var wireBytes: Int = 0
    /// Absolute target of a redirect (CURLINFO_REDIRECT_URL).
    var redirectURL: String?
    var timings = FetchTimings()
    var error: FetchError?

    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}
