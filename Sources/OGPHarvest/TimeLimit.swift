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

    static func run<T: Sendable>(seconds: Double?, _ body: @escaping @Sendable () async -> T) async -> Outcome<T> {
        guard let seconds, seconds > 0 else { return Outcome(value: await body(), timedOut: false) }
        return await withTaskGroup(of: Race<T>.self) { group in
            group.addTask { .done(await body()) }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
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
