import Foundation

/// Which outcomes are retried, the backoff between attempts, and `Retry-After` parsing.
enum RetryTiming {
    /// 408, 429, 500, 502, 503, 504.
    static func isRetryable(status: Int) -> Bool {
        [408, 429, 500, 502, 503, 504].contains(status)
    }

    /// Exponential backoff with jitter: base × 2^retry, capped, times a random 0.5–1.
    static func backoff(retry: Int, policy: FetchPolicy) -> Double {
        let raw = policy.retryBaseDelay * pow(2, Double(min(retry, 30)))
        let capped = min(raw, policy.retryMaxDelay)
        return capped * Double.random(in: 0.5...1)
    }

    /// Seconds to wait from a `Retry-After` value: delta-seconds or an HTTP date
    /// (IMF-fixdate, RFC 850 or asctime). Nil when unparseable; never negative.
    static func retryAfter(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        // delta-seconds is digits only (RFC 9110 §10.2.3): no sign, exponent, `nan` or `inf`.
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Double(trimmed).map { min($0, 1e12) }
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return max(date.timeIntervalSince(now), 0)
    }
}

/// HTTP dates (RFC 9110 §5.6.7).
public enum HTTPDate {
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz",
        "EEEE, dd-MMM-yy HH:mm:ss zzz",
        "EEE MMM d HH:mm:ss yyyy",
    ]

    /// Parses any of the three HTTP date formats.
    public static func parse(_ text: String) -> Date? {
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// Formats as IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    public static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
