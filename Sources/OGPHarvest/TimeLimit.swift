import Foundation

/// Runs work with a time limit: when the limit passes first, the work is cancelled and its
/// (partial) result still awaited, so that what it did is reported.
enum TimeLimit {
    struct Outcome<T: Sendable>: Sendable {
        var value: T?
        var timedOut: Bool
    }

    private enum Race<T: Sendable>: Sendable {
        case done(T)
        case timeout
    }

    /// Seconds as nanoseconds, saturating: a limit from a command line or a configuration can
    /// be any double (1e300, infinity, NaN) and must never trap the conversion.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        let ns = seconds * 1_000_000_000
        guard ns.isFinite, ns > 0 else { return ns.isNaN || ns <= 0 ? 0 : UInt64.max }
        return ns >= Double(UInt64.max) ? UInt64.max : UInt64(ns)
    }

    static func run<T: Sendable>(seconds: Double?, _ body: @escaping @Sendable () async -> T) async -> Outcome<T> {
        guard let seconds, seconds > 0 else { return Outcome(value: await body(), timedOut: false) }
        return await withTaskGroup(of: Race<T>.self) { group in
            group.addTask { .done(await body()) }
            group.addTask {
                try? await Task.sleep(nanoseconds: nanoseconds(seconds))
                return .timeout
            }
            var timedOut = false
            while let next = await group.next() {
                switch next {
                case .done(let value):
                    group.cancelAll()
                    return Outcome(value: value, timedOut: timedOut)
                case .timeout:
                    if !Task.isCancelled { timedOut = true }
                    group.cancelAll()
                }
            }
            return Outcome(value: nil, timedOut: timedOut)
        }
    }
}
