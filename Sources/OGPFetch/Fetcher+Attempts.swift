import Foundation

extension Fetcher {
    /// Runs hops until a non-redirect answer; each hop is checked (scheme, robots, address).
    func followRedirects(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        var current = WebURL.normalized(request.url)
        var redirects = 0
        var retries = 0
        var bytes = 0
        var waited = 0.0
        while true {
            let hop = try await fetchHop(
                url: current, request: request, retries: &retries, bytes: &bytes, waited: &waited)
            if [301, 302, 303, 307, 308].contains(hop.status), let target = hop.redirectURL {
                redirects += 1
                guard redirects <= request.policy.maxRedirects else {
                    throw FetchError(
                        .tooManyRedirects, "more than \(request.policy.maxRedirects) redirects", url: current)
                }
                let scheme = Self.scheme(of: target)
                guard scheme == "http" || scheme == "https" else {
                    throw FetchError(
                        .forbiddenRedirect, "redirect to \(target) refused (only http and https)", url: current)
                }
                current = WebURL.normalized(target)
                continue
            }
            var timings = hop.timings
            timings.waited = waited
            var validators = Validators(
                etag: hop.header("ETag"), lastModified: hop.header("Last-Modified"), bodyHash: hop.bodyHash)
            let notModified = hop.status == 304
            if notModified, let old = request.validators {
                validators.etag = validators.etag ?? old.etag
                validators.lastModified = validators.lastModified ?? old.lastModified
                validators.bodyHash = old.bodyHash
            }
            var response = FetchResponse(
                status: hop.status, url: request.url, finalURL: current, headers: hop.headers,
                body: hop.body, bodyFile: hop.bodyFile, notModified: notModified, retries: retries,
                redirects: redirects, bytes: bytes, timings: timings, validators: validators)
            response.httpVersion = hop.httpVersion
            return response
        }
    }

    /// One hop with its retries: robots, politeness slot, attempt, backoff / Retry-After.
    private func fetchHop(
        url: String, request: FetchRequest, retries: inout Int, bytes: inout Int, waited: inout Double
    ) async throws(FetchError) -> TransferOutcome {
        guard let web = WebURL(url), !web.host.isEmpty else {
            throw FetchError(.invalidURL, "not a valid http(s) URL", url: url)
        }
        let policy = request.policy
        var crawlDelay: Double?
        if policy.obeyRobots {
            let began = Clock.now
            let rules = await robotsRules(for: web, request: request)
            waited += Clock.now - began
            guard rules.allows(web.pathAndQuery) else {
                throw FetchError(.disallowedByRobots, "robots.txt disallows \(web.pathAndQuery)", url: url)
            }
            crawlDelay = rules.crawlDelay
        }
        let spec = transferSpec(url: url, web: web, request: request)
        while true {
            if Task.isCancelled { throw FetchError(.cancelled, "cancelled", url: url) }
            let politeness = try await scheduler.acquire(
                host: web.hostKey, url: url, policy: policy, crawlDelay: crawlDelay)
            waited += politeness
            if politeness >= 0.001 {
                logger.debug(
                    "politeness wait",
                    metadata: [
                        "url": "\(url)", "host": "\(web.hostKey)", "seconds": "\(String(format: "%.3f", politeness))",
                        "source": "\(request.tag ?? "-")",
                    ])
            }
            let outcome = await engine.perform(spec)
            await scheduler.release(host: web.hostKey)
            var delta = FetchStats()
            delta.requests = 1
            delta.bytes = outcome.wireBytes
            bytes += outcome.wireBytes
            book.add(delta, tag: request.tag)
            if Task.isCancelled {
                throw FetchError(.cancelled, "cancelled", url: url)
            }
            let delay: Double
            if var error = outcome.error {
                guard error.isTransient, retries < policy.maxRetries else {
                    error.retries = retries
                    throw error
                }
                delay = RetryTiming.backoff(retry: retries, policy: policy)
            } else if RetryTiming.isRetryable(status: outcome.status) {
                // Out of retries: the last answer is the result (a value, not an error).
                guard retries < policy.maxRetries else { return outcome }
                var wait = RetryTiming.backoff(retry: retries, policy: policy)
                if outcome.status == 429 || outcome.status == 503,
                    let header = outcome.header("Retry-After"), let asked = RetryTiming.retryAfter(header)
                {
                    guard asked <= policy.maxRetryAfter else {
                        throw FetchError(
                            .retryAfterTooLong,
                            "HTTP \(outcome.status) with Retry-After \(header) (more than \(policy.maxRetryAfter) s)",
                            url: url)
                    }
                    wait = asked
                }
                delay = wait
            } else {
                return outcome
            }
            retries += 1
            var retryDelta = FetchStats()
            retryDelta.retries = 1
            book.add(retryDelta, tag: request.tag)
            logger.info(
                "retrying",
                metadata: [
                    "url": "\(url)", "attempt": "\(retries + 1)", "of": "\(policy.maxRetries + 1)",
                    "delay": "\(String(format: "%.2f", delay))", "source": "\(request.tag ?? "-")",
                    "reason":
                        "\(outcome.error.map { "\($0.code.rawValue): \($0.message)" } ?? "HTTP \(outcome.status)")",
                ])
            // Bounded and finite whatever the policy and the server said (never trap on it).
            try? await Task.sleep(
                nanoseconds: UInt64((delay.isFinite ? min(max(delay, 0), 86_400) : 0) * 1_000_000_000))
            waited += delay
        }
    }

    private func transferSpec(url: String, web: WebURL, request: FetchRequest) -> TransferSpec {
        var headers = request.headers
        if let validators = request.validators {
            if let etag = validators.etag { headers.append(("If-None-Match", etag)) }
            if let lastModified = validators.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        }
        return TransferSpec(
            url: url, method: request.method, headers: headers, policy: request.policy,
            allowPrivateAddresses: request.policy.allowPrivateNetwork || request.policy.allows(host: web.host),
            saveToFile: request.saveToFile, hashBody: true, onProgress: configuration.onProgress, tag: request.tag)
    }

    /// robots.txt of the request's origin, fetched once per fetcher; redirects (up to five,
    /// http and https only, each address checked) are followed as RFC 9309 asks.
    private func robotsRules(for web: WebURL, request: FetchRequest) async -> RobotsRules {
        var robotsPolicy = request.policy
        robotsPolicy.maxBodyBytes = min(robotsPolicy.maxBodyBytes, 512 * 1024)
        let policy = robotsPolicy
        let engine = self.engine
        let book = self.book
        let tag = request.tag
        let first = web.origin + "/robots.txt"
        return await robots.rules(
            origin: web.origin,
            load: {
                var url = first
                var outcome = TransferOutcome()
                for _ in 0...5 {
                    let host = WebURL(url)?.host ?? ""
                    let spec = TransferSpec(
                        url: url, method: "GET", headers: [], policy: policy,
                        allowPrivateAddresses: policy.allowPrivateNetwork || policy.allows(host: host),
                        saveToFile: nil, hashBody: false)
                    outcome = await engine.perform(spec)
                    var delta = FetchStats()
                    delta.requests = 1
                    delta.bytes = outcome.wireBytes
                    book.add(delta, tag: tag)
                    guard [301, 302, 303, 307, 308].contains(outcome.status), let target = outcome.redirectURL,
                        ["http", "https"].contains(Fetcher.scheme(of: target) ?? "")
                    else { break }
                    url = WebURL.normalized(target)
                }
                return outcome
            }, agent: configuration.agentName)
    }
}
