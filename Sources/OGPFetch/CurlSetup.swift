import CCurl

/// Sets an easy handle up for one attempt, and reads its results back.
enum CurlSetup {
    /// What every attempt of one fetcher shares.
    struct Settings: Sendable {
        var userAgent: String
        var caBundlePath: String?
    }

    /// Applies the attempt's URL, headers, limits, callbacks and safety options.
    /// Returns false (abort reason set) when an option is refused.
    static func configure(_ easy: UnsafeMutableRawPointer, _ transfer: CurlTransfer, settings: Settings) -> Bool {
        let spec = transfer.spec
        let policy = spec.policy
        let user = Unmanaged.passUnretained(transfer).toOpaque()
        var ok = true
        func check(_ code: CURLcode) { if code != CURLE_OK { ok = false } }

        check(ccurl_easy_setopt_string(easy, CURLOPT_URL, spec.url))
        check(ccurl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        check(ccurl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        check(ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        check(ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        if spec.url.lowercased().hasPrefix("https:") {
            // Wait for ALPN to learn whether a connection can be multiplexed (HTTP/2);
            // over cleartext HTTP/1.1 this would serialise the first requests.
            check(ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1))
        }
        check(ccurl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""))
        // No proxy from the environment: the SSRF checks must see the real server's address.
        check(ccurl_easy_setopt_string(easy, CURLOPT_PROXY, ""))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_PRIVATE, user))
        if spec.method == "HEAD" {
            check(ccurl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else if spec.method != "GET" {
            check(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, spec.method))
        }

        // Limits.
        check(ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(policy.connectTimeout)))
        check(ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, milliseconds(policy.totalTimeout)))
        check(ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, max(policy.lowSpeedBytesPerSecond, 1)))
        check(ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(Int(policy.lowSpeedTime.rounded(.up)), 1)))
        check(ccurl_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(policy.maxBodyBytes)))

        // Headers.
        var list: UnsafeMutablePointer<curl_slist>?
        var hasUserAgent = false
        for (name, value) in spec.headers {
            if name.lowercased() == "user-agent" { hasUserAgent = true }
            list = curl_slist_append(list, "\(name): \(value)")
        }
        transfer.headerList = list
        if let list { check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)) }
        if !hasUserAgent { check(ccurl_easy_setopt_string(easy, CURLOPT_USERAGENT, settings.userAgent)) }
        if let caBundle = settings.caBundlePath { check(ccurl_easy_setopt_string(easy, CURLOPT_CAINFO, caBundle)) }

        // Callbacks.
        check(ccurl_easy_setopt_write_fn(easy, CURLOPT_WRITEFUNCTION, CurlCallbacks.write))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, user))
        check(ccurl_easy_setopt_write_fn(easy, CURLOPT_HEADERFUNCTION, CurlCallbacks.header))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, user))
        check(ccurl_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0))
        check(ccurl_easy_setopt_xferinfo_fn(easy, CurlCallbacks.progress))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_XFERINFODATA, user))
        check(ccurl_easy_setopt_opensocket_fn(easy, CurlCallbacks.openSocket))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, user))
        check(ccurl_easy_setopt_prereq_fn(easy, CurlCallbacks.beforeRequest))
        check(ccurl_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, user))
        if !ok && transfer.abortCode == nil {
            transfer.abortCode = .transport
            transfer.abortMessage = "libcurl refused an option"
        }
        return ok
    }

    /// Status, redirect target, sizes and timings of a finished attempt.
    static func readInfo(_ easy: UnsafeMutableRawPointer, into outcome: inout TransferOutcome) {
        var status = 0
        if ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK, status > 0 {
            outcome.status = status
        }
        var redirect: UnsafeMutablePointer<CChar>?
        if ccurl_easy_getinfo_string(easy, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK, let redirect {
            outcome.redirectURL = String(cString: redirect)
        }
        var version = 0
        if ccurl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version) == CURLE_OK {
            switch version {
            case Int(CURL_HTTP_VERSION_1_0): outcome.httpVersion = "1.0"
            case Int(CURL_HTTP_VERSION_1_1): outcome.httpVersion = "1.1"
            case Int(CURL_HTTP_VERSION_2_0): outcome.httpVersion = "2"
            case Int(CURL_HTTP_VERSION_3): outcome.httpVersion = "3"
            default: outcome.httpVersion = ""
            }
        }
        var downloaded: curl_off_t = 0
        if ccurl_easy_getinfo_off(easy, CURLINFO_SIZE_DOWNLOAD_T, &downloaded) == CURLE_OK {
            outcome.wireBytes = Int(downloaded)
        }
        outcome.timings.nameLookup = seconds(easy, CURLINFO_NAMELOOKUP_TIME_T)
        outcome.timings.connect = seconds(easy, CURLINFO_CONNECT_TIME_T)
        outcome.timings.tls = seconds(easy, CURLINFO_APPCONNECT_TIME_T)
        outcome.timings.firstByte = seconds(easy, CURLINFO_STARTTRANSFER_TIME_T)
        outcome.timings.total = seconds(easy, CURLINFO_TOTAL_TIME_T)
    }

    private static func seconds(_ easy: UnsafeMutableRawPointer, _ info: CURLINFO) -> Double {
        var value: curl_off_t = 0
        guard ccurl_easy_getinfo_off(easy, info, &value) == CURLE_OK else { return 0 }
        return Double(value) / 1_000_000
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(Int((seconds * 1000).rounded()), 1)
    }
}
