import Foundation

/// ISO 8601 date helpers. The catalogue keeps dates as strings: `YYYY-MM-DD` for a day,
/// `YYYY-MM-DDTHH:MM:SSZ` (UTC) for an instant; dates outside a plausible range are kept raw
/// by callers and flagged, never turned into wrong dates.
public enum ISODate {
    /// Formats an instant as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func string(from date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Parses the date forms found at the sources: `2016-07-25`, `2016-07-25 16:06:00 +02:00`,
    /// `2016-07-25T16:06:00+0200`, `2021-05-05T10:00:00.123456`, `…Z`. A time without an offset is
    /// taken as UTC. Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let b = Array(trimmed(text))
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0, 4), b.count >= 10, b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
            (1...12).contains(mo), (1...31).contains(d)
        else { return nil }
        var h = 0, mi = 0, se = 0, offset = 0
        var i = 10
        if i < b.count, b[i] == 84 || b[i] == 32 {
            guard let hh = num(i + 1, 2), b.count > i + 5, b[i + 3] == 58, let mm = num(i + 4, 2) else { return nil }
            h = hh; mi = mm; i += 6
            if i < b.count, b[i] == 58, let ss = num(i + 1, 2) { se = ss; i += 3 }
            if i < b.count, b[i] == 46 { i += 1; while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 } }
            while i < b.count, b[i] == 32 { i += 1 }
            if i < b.count {
                if b[i] == 90 {
                    i += 1
                } else if b[i] == 43 || b[i] == 45 {
                    let sign = b[i] == 45 ? -1 : 1
                    guard let oh = num(i + 1, 2) else { return nil }
                    var j = i + 3
                    if j < b.count, b[j] == 58 { j += 1 }
                    let om = num(j, 2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                    i = j + (num(j, 2) == nil ? 0 : 2)
                } else {
                    return nil
                }
            }
            guard i == b.count, h < 24, mi < 60, se < 61 else { return nil }
        } else if i != b.count {
            return nil
        }
        var parts = tm()
        parts.tm_year = Int32(y - 1900); parts.tm_mon = Int32(mo - 1); parts.tm_mday = Int32(d)
        parts.tm_hour = Int32(h); parts.tm_min = Int32(mi); parts.tm_sec = Int32(se)
        let t = timegm(&parts)
        return Date(timeIntervalSince1970: TimeInterval(t - offset))
    }

    /// Normalises a source date: a day stays `YYYY-MM-DD`, an instant becomes UTC
    /// `YYYY-MM-DDTHH:MM:SSZ`. Nil when unparseable.
    public static func normalize(_ text: String) -> String? {
        guard let date = parse(text) else { return nil }
        let b = Array(trimmed(text))
        if b.count == 10 { return String(decoding: b, as: UTF8.self) }
        return string(from: date)
    }

    /// The text's UTF-8 bytes without leading and trailing spaces and tabs.
    private static func trimmed(_ text: String) -> ArraySlice<UInt8> {
        let all = Array(text.utf8)
        var start = 0, end = all.count
        while start < end, all[start] == 0x20 || all[start] == 0x09 { start += 1 }
        while end > start, all[end - 1] == 0x20 || all[end - 1] == 0x09 { end -= 1 }
        return all[start..<end]
    }

    /// True when the date lies within 1900-01-01 … now + 1 year: anything else (`0003-02-05`)
    /// is a typo at the source, to be kept raw and flagged.
    public static func isPlausible(_ date: Date, now: Date = Date()) -> Bool {
        date >= Date(timeIntervalSince1970: -2_208_988_800) && date <= now.addingTimeInterval(366 * 86_400)
    }
}
