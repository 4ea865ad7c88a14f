import Foundation

/// Politeness: per-host and overall concurrency, a minimum delay (with jitter) between one
/// request's end and the next one's start on a host, and a per-host request budget per time
/// window.
///
/// With a delay (the policy's `minDelay` or robots.txt's `Crawl-delay`), requests to a host go one
/// at a time and the delay runs from the end of the previous response, like `wget --wait`: the
/// server sees at least the delay between two requests however slow the network or this machine.
/// Without a delay, up to `maxConcurrentPerHost` run at once.
/// `acquire` reserves a slot and sleeps until the host's next start; `release` frees the slot,
/// sets the next start and wakes the next waiter that can run.
actor HostScheduler {
    private struct Host {
        var active = 0
        var nextStart: Double = 0
        /// Delay (with its jitter) to keep after the running request ends.
        var pendingDelay: Double = 0
        var recentStarts: [Double] = []
    }

    private var hosts: [String: Host] = [:]
    private var activeTotal = 0
    private let maxTotal: Int
    private var waiters: [(host: String, limit: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(maxTotal: Int) {
        self.maxTotal = max(maxTotal, 1)
    }

    /// Waits for a slot on `host` and for its turn; returns the seconds waited. Throws
    /// `.budgetExhausted` (for `url`) when the budget would make it wait over `maxRetryAfter`.
    /// `crawlDelay` (from robots.txt) raises the policy's minimum delay.
    func acquire(host: String, url: String, policy: FetchPolicy, crawlDelay: Double?) async throws(FetchError) -> Double
    {
        let began = Clock.now
        let delay = max(policy.minDelay, min(crawlDelay ?? 0, policy.maxCrawlDelay))
        let limit = delay > 0 ? 1 : max(policy.maxConcurrentPerHost, 1)
        while (hosts[host]?.active ?? 0) >= limit || activeTotal >= maxTotal {
            await withCheckedContinuation { continuation in
                waiters.append((host, limit, continuation))
            }
        }
        var state = hosts[host] ?? Host()
        let now = Clock.now
        var start = max(now, state.nextStart)
        if let budget = policy.budgetRequests, budget > 0 {
            state.recentStarts.removeAll { $0 <= now - policy.budgetWindow }
            if state.recentStarts.count >= budget {
                let freeAt = state.recentStarts[state.recentStarts.count - budget] + policy.budgetWindow
                if freeAt - now > policy.maxRetryAfter {
                    wakeWaiters()  // this waiter may have been woken in place of another
                    throw FetchError(
                        .budgetExhausted,
                        "request budget of \(budget) per \(policy.budgetWindow) s exhausted on \(host)", url: url)
                }
                start = max(start, freeAt)
            }
            state.recentStarts.append(start)
        }
        let jitter = delay > 0 && policy.delayJitter > 0 ? Double.random(in: 0...(delay * policy.delayJitter)) : 0
        state.pendingDelay = delay + jitter
        state.active += 1
        hosts[host] = state
        activeTotal += 1
        if start > now {
            // At most a day: the delay comes from configuration and robots.txt (never trap on it).
            try? await Task.sleep(nanoseconds: UInt64(min(start - now, 86_400) * 1_000_000_000))
        }
        return Clock.now - began
    }

    /// Frees the slot taken by `acquire` and wakes waiters that can now run.
    func release(host: String) {
        if var state = hosts[host] {
            state.active = max(state.active - 1, 0)
            state.nextStart = max(state.nextStart, Clock.now + state.pendingDelay)
            hosts[host] = state
        }
        activeTotal = max(activeTotal - 1, 0)
        wakeWaiters()
    }

    /// Resumes, in order, the waiters whose host and the total now have room.
    private func wakeWaiters() {
        var index = 0
        var total = activeTotal
        var woken: [String: Int] = [:]
        while index < waiters.count && total < maxTotal {
            let waiter = waiters[index]
            if (hosts[waiter.host]?.active ?? 0) + woken[waiter.host, default: 0] < waiter.limit {
                waiters.remove(at: index)
                waiter.continuation.resume()
                total += 1
                woken[waiter.host, default: 0] += 1
            } else {
                index += 1
            }
        }
    }
}

/// Monotonic seconds.
enum Clock {
    static var now: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
