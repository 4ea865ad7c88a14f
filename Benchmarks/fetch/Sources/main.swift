// ogp-bench-fetch: fetches every URL of a list at a given concurrency, politeness off,
// and prints requests/s and CPU seconds per 1,000 requests (one JSON line).
//
// Usage: ogp-bench-fetch URL_LIST_FILE [CONCURRENCY]
import Foundation
import OGPFetch

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

func wallSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let list = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write(Data("usage: ogp-bench-fetch URL_LIST_FILE [CONCURRENCY]\n".utf8))
    exit(64)
}
let urls = list.split(whereSeparator: \.isNewline).map(String.init)
let concurrency = arguments.count > 2 ? Int(arguments[2]) ?? 16 : 16

var policy = FetchPolicy.impolite
policy.allowPrivateNetwork = true
policy.maxRetries = 0
let fetcher: Fetcher
do {
    fetcher = try Fetcher(configuration: FetcherConfiguration(maxConcurrentRequests: concurrency))
} catch {
    FileHandle.standardError.write(Data("ogp-bench-fetch: \(error)\n".utf8))
    exit(1)
}

let cpuStart = cpuSeconds()
let wallStart = wallSeconds()
let (ok, failed, bytes) = await withTaskGroup(of: (Bool, Int).self) { group -> (Int, Int, Int) in
    var next = 0
    var ok = 0
    var failed = 0
    var bytes = 0
    func add(_ group: inout TaskGroup<(Bool, Int)>) {
        let url = urls[next]
        next += 1
        group.addTask {
            do {
                let response = try await fetcher.fetch(FetchRequest(url: url, policy: policy))
                return (response.status == 200, response.body.count)
            } catch {
                return (false, 0)
            }
        }
    }
    while next < min(concurrency, urls.count) { add(&group) }
    for await (success, size) in group {
        if success { ok += 1 } else { failed += 1 }
        bytes += size
        if next < urls.count { add(&group) }
    }
    return (ok, failed, bytes)
}
let wall = wallSeconds() - wallStart
let cpu = cpuSeconds() - cpuStart
fetcher.shutdown()

let requests = Double(ok + failed)
print(
    String(
        format:
            #"{"tool":"ogp","requests":%d,"failed":%d,"bytes":%d,"concurrency":%d,"seconds":%.3f,"requests_per_second":%.1f,"cpu_seconds":%.3f,"cpu_seconds_per_1000":%.4f}"#,
        Int(requests), failed, bytes, concurrency, wall, requests / wall, cpu, cpu / requests * 1000))
