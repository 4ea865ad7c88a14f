import Foundation
import OGPIndex
import OGPStore

extension CatalogIndexer {
    /// What one pass of ``follow(_:every:pass:)`` did.
    public enum FollowPass: Sendable {
        /// The index was brought up to date (counts are zero when nothing had changed).
        case updated(Result)
        /// The pass failed (the database unreachable, the index locked by a harvest on this
        /// machine…); the next pass tries again from the same cursor.
        case failed(any Error)
    }

    /// Keeps the index up to date with the catalogue: one ``update(from:rebuild:)`` every
    /// `interval`, until the task is cancelled (SIGINT/SIGTERM), which throws
    /// `CancellationError` with the index at its last commit and the unfinished records pending
    /// for the next start. A failed pass is reported to `pass` and retried at the next interval,
    /// so that a follower outlives a database restart or a network cut.
    public func follow(
        _ store: any CatalogStore, every interval: Duration, pass: @Sendable (FollowPass) -> Void
    ) async throws {
        while true {
            try Task.checkCancellation()
            do {
                pass(.updated(try update(from: store, rebuild: false)))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                pass(.failed(error))
            }
            try await Task.sleep(for: interval)
        }
    }
}
