import Foundation
import OGPFetch
import OGPTestServer
import Testing

/// The fetcher tells a watcher how far a download has come (the live progress line of
/// `ogp harvest` and `ogp fetch`): bytes so far, the announced size when there is one, the end.
@Suite struct TransferProgressTests {
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [TransferProgress] = []
        func add(_ report: TransferProgress) { lock.lock(); items.append(report); lock.unlock() }
        var all: [TransferProgress] { lock.lock(); defer { lock.unlock() }; return items }
    }

    @Test(arguments: [true, false])
    func progressReportsBytesAndTheKnownSize(sized: Bool) async throws {
        let server = try TestServer()
        defer { server.stop() }
        let size = 1_000_000
        server.route("/big", sized ? .huge(size) : .chunked(size))
        let reports = Reports()
        var configuration = FetcherConfiguration(contactURL: "https://example.org/ogp-contact")
        configuration.onProgress = { reports.add($0) }
        let fetcher = try Fetcher(configuration: configuration)
        defer { fetcher.shutdown() }
        let response = try await fetcher.fetch(FetchRequest(url: server.url("/big"), policy: testPolicy(), tag: "src"))
        #expect(response.body.count == size)
        let all = reports.all
        #expect(all.count >= 2, "several reports for a 1 MB body")
        #expect(all.allSatisfy { $0.tag == "src" && $0.url == server.url("/big") })
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.received <= $1.received })
        #expect(all.last?.received == Int64(size))
        #expect(all.last?.finished == true)
        #expect(all.dropLast().allSatisfy { !$0.finished })
        if sized {
            #expect(all.last?.expected == Int64(size))
            #expect(all.allSatisfy { $0.expected == nil || $0.expected == Int64(size) })
        } else {
            #expect(all.allSatisfy { $0.expected == nil })
        }
    }
}
