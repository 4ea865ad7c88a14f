import CCurl
import Foundation

/// One dedicated thread driving a `curl_multi` handle. Callers hand attempts over with
/// `perform(_:)` (queued under a lock, then `curl_multi_wakeup`) and await their outcome.
final class CurlEngine: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var queue: [CurlTransfer] = []
    private var stopping = false
    private var thread: Thread?
    private let stopped = DispatchSemaphore(value: 0)
    /// Touched only on the curl thread.
    private var active: [Int: (UnsafeMutableRawPointer, CurlTransfer)] = [:]
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private let settings: CurlSetup.Settings

    init(settings: CurlSetup.Settings, maxConnections: Int) throws(FetchError) {
        guard curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK, let multi = curl_multi_init() else {
            throw FetchError(.transport, "libcurl initialisation failed", url: "")
        }
        self.multi = multi
        self.settings = settings
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(maxConnections, 16))
        _ = ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "ogp-curl"
        self.thread = thread
        thread.start()
    }

    /// Runs one attempt; never throws (failures are in `TransferOutcome.error`).
    func perform(_ spec: TransferSpec) async -> TransferOutcome {
        let token = CancelToken()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<TransferOutcome, Never>) in
                let transfer = CurlTransfer(spec: spec, token: token, continuation: continuation)
                lock.lock()
                if stopping {
                    lock.unlock()
                    var outcome = TransferOutcome()
                    outcome.error = FetchError(.cancelled, "fetcher was shut down", url: spec.url)
                    continuation.resume(returning: outcome)
                    return
                }
                queue.append(transfer)
                lock.unlock()
                curl_multi_wakeup(multi)
            }
        } onCancel: {
            token.cancel()
        }
    }

    /// Stops the thread; attempts in flight end with `.cancelled`. Idempotent.
    func shutdown() {
        lock.lock()
        let alreadyStopping = stopping
        stopping = true
        lock.unlock()
        guard !alreadyStopping else { return }
        curl_multi_wakeup(multi)
        stopped.wait()
        curl_multi_cleanup(multi)
    }

    // MARK: curl thread

    private func run() {
        var running: Int32 = 0
        while true {
            lock.lock()
            let incoming = queue
            queue.removeAll()
            let stop = stopping
            lock.unlock()
            for transfer in incoming { start(transfer) }
            if stop { break }
            curl_multi_perform(multi, &running)
            collectFinished()
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for (_, entry) in active {
            entry.1.abortCode = .cancelled
            entry.1.abortMessage = "fetcher was shut down"
            finish(entry.0, entry.1, code: CURLE_ABORTED_BY_CALLBACK)
        }
        for handle in idleHandles { curl_easy_cleanup(handle) }
        idleHandles.removeAll()
        stopped.signal()
    }

    private func start(_ transfer: CurlTransfer) {
        guard let easy = idleHandles.popLast() ?? curl_easy_init() else {
            var outcome = TransferOutcome()
            outcome.error = FetchError(.transport, "curl_easy_init failed", url: transfer.spec.url)
            transfer.continuation.resume(returning: outcome)
            return
        }
        let key = Int(bitPattern: easy)
        active[key] = (easy, transfer)
        guard transfer.openOutputFile(), CurlSetup.configure(easy, transfer, settings: settings) else {
            finish(easy, transfer, code: CURLE_FAILED_INIT)
            return
        }
        if curl_multi_add_handle(multi, easy) != CURLM_OK {
            finish(easy, transfer, code: CURLE_FAILED_INIT)
        }
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let entry = active[Int(bitPattern: easy)]
            else { continue }
            let code = ccurl_msg_result(message)
            curl_multi_remove_handle(multi, easy)
            finish(entry.0, entry.1, code: code)
        }
    }

    private func finish(_ easy: UnsafeMutableRawPointer, _ transfer: CurlTransfer, code: CURLcode) {
        active[Int(bitPattern: easy)] = nil
        curl_multi_remove_handle(multi, easy)
        transfer.finishBody()
        var outcome = transfer.outcome
        CurlSetup.readInfo(easy, into: &outcome)
        transfer.reportEnd(received: Int64(outcome.wireBytes))
        if code != CURLE_OK || transfer.abortCode != nil {
            outcome.error = CurlErrors.error(code: code, transfer: transfer)
        }
        curl_easy_reset(easy)
        if idleHandles.count < 64 { idleHandles.append(easy) } else { curl_easy_cleanup(easy) }
        transfer.continuation.resume(returning: outcome)
    }
}
