import Foundation

/// Work run on a thread of its own, its result taken by ``wait()``: for a serial step that can
/// overlap another (a segment's stored-fields file while its postings are encoded), and for
/// freeing large structures off the writing thread.
final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` now.
    init(_ work: @escaping @Sendable () -> T) {
        // `result` is written by the thread before it signals, read only after `wait()`.
        Thread { [self] in
            result = work()
            done.signal()
        }.start()
    }

    /// The work's result, once it is done (set before the thread signals: never nil).
    func wait() -> T? {
        done.wait()
        return result
    }
}
