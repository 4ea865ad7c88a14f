import CCurl

/// Maps libcurl result codes (and our own abort reasons) to `FetchError`.
enum CurlErrors {
    static func error(code: CURLcode, transfer: CurlTransfer) -> FetchError {
        let url = transfer.spec.url
        let detail = String(cString: transfer.errorBuffer)
        let curlText = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        if let abort = transfer.abortCode {
            return FetchError(abort, transfer.abortMessage, url: url, underlying: curlText)
        }
        let kind: FetchError.Code
        let message: String
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
            message = "timed out"
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .dnsFailure
            message = "host not found"
        case CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING,
            CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            kind = .connectionFailed
            message = "connection failed"
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            kind = .tlsFailure
            message = "TLS failure"
        case CURLE_UNSUPPORTED_PROTOCOL:
            kind = .forbiddenScheme
            message = "scheme not allowed"
        case CURLE_URL_MALFORMAT:
            kind = .invalidURL
            message = "malformed URL"
        case CURLE_FILESIZE_EXCEEDED:
            kind = .bodyTooLarge
            message = "body larger than \(transfer.spec.policy.maxBodyBytes) bytes"
        case CURLE_TOO_MANY_REDIRECTS:
            kind = .tooManyRedirects
            message = "too many redirects"
        default:
            kind = .transport
            message = "transfer failed (curl code \(code.rawValue))"
        }
        return FetchError(kind, message, url: url, underlying: curlText)
    }
}
