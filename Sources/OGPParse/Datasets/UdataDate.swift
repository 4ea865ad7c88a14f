import Foundation
import OGPModel

#if canImport(Glibc)
import Glibc
#endif

/// Byte-level fast path for the dates udata writes (`2019-06-26`, `2019-06-26T19:17:42`,
/// `…T19:17:42.238000`, `…+00:00`, `…Z`): the same result as ``ISODate/normalize(_:)``
/// without going through a calendar; nil for any other form (callers then use ``ISODate``).
enum UdataDate {
    /// A UTC date or instant in ``ISODate``'s normal form, or nil when not a fast-path form.
    static func normalize(_ s: String) -> String? {
        var text = s
        return text.withUTF8 { normalize(bytes: $0, original: s) }
    }

    private static func normalize(bytes b: UnsafeBufferPointer<UInt8>, original s: String) -> String? {
        guard b.count >= 10, digits(b, 0, 4), b[4] == 45, digits(b, 5, 2), b[7] == 45, digits(b, 8, 2) else {
            return nil
        }
        let month = Int(b[5] - 48) * 10 + Int(b[6] - 48)
        let day = Int(b[8] - 48) * 10 + Int(b[9] - 48)
        let year = Int(b[0] - 48) * 1000 + Int(b[1] - 48) * 100 + Int(b[2] - 48) * 10 + Int(b[3] - 48)
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        if b.count == 10 { return s }
        guard b.count >= 19, b[10] == 84 || b[10] == 32, digits(b, 11, 2), b[13] == 58, digits(b, 14, 2), b[16] == 58,
            digits(b, 17, 2)
        else { return nil }
        guard Int(b[11] - 48) * 10 + Int(b[12] - 48) < 24, b[14] < 54, b[17] < 54 else { return nil }
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
        }
        let tail = b[i...]
        guard
            tail.isEmpty || tail.elementsEqual([90]) || tail.elementsEqual(Array("+00:00".utf8))
                || tail.elementsEqual(Array("+0000".utf8))
        else { return nil }
        var out = Array(b[0..<19])
        out[10] = 84
        out.append(90)
        return String(decoding: out, as: UTF8.self)
    }

    /// The latest plausible date (now + 1 year) as a comparable normal-form string.
    static func latest(_ now: Date) -> String {
        format(now.addingTimeInterval(366 * 86_400))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` without Foundation's formatter (the same text as
    /// ``ISODate/string(from:)`` for years 0…9999).
    static func format(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var p = tm()
        gmtime_r(&t, &p)
        var out: [UInt8] = []
        out.reserveCapacity(20)
        func put(_ v: Int, _ width: Int) {
            var d = [UInt8](repeating: 48, count: width)
            var x = Swift.max(0, v)
            for k in stride(from: width - 1, through: 0, by: -1) {
                d[k] = UInt8(48 + x % 10)
                x /= 10
            }
            out += d
        }
        put(Int(p.tm_year) + 1900, 4); out.append(45); put(Int(p.tm_mon) + 1, 2); out.append(45); put(Int(p.tm_mday), 2)
        out.append(84); put(Int(p.tm_hour), 2); out.append(58); put(Int(p.tm_min), 2); out.append(58);
        put(Int(p.tm_sec), 2)
        out.append(90)
        return String(decoding: out, as: UTF8.self)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Bool {
        for k in from..<(from + count) where b[k] < 48 || b[k] > 57 { return false }
        return true
    }
}
