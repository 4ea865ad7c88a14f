extension DatasetOrigin {
    /// The lowercased host of a plain absolute URL, the one `URLComponents` gives, or nil when
    /// the URL is not plain and must go through it: ASCII `scheme://host/rest` whose host is
    /// letters, digits, dots and hyphens (no user, port, brackets nor percent-escape) and whose
    /// rest holds only characters RFC 3986 allows unescaped, with at most one `#`.
    static func plainHost(_ url: String) -> String? {
        var url = url
        return url.withUTF8 { b -> String? in
            let n = b.count
            var i = 0
            guard n > 0, isAlpha(b[0]) else { return nil }
            while i < n, isAlpha(b[i]) || isDigit(b[i]) || b[i] == 0x2B || b[i] == 0x2D || b[i] == 0x2E { i += 1 }
            // "://"
            guard i + 3 <= n, b[i] == 0x3A, b[i + 1] == 0x2F, b[i + 2] == 0x2F else { return nil }
            i += 3
            let hostStart = i
            while i < n, isAlpha(b[i]) || isDigit(b[i]) || b[i] == 0x2E || b[i] == 0x2D { i += 1 }
            let hostEnd = i
            guard hostEnd > hostStart else { return nil }
            if i < n, b[i] != 0x2F, b[i] != 0x3F, b[i] != 0x23 { return nil }
            var fragment = false
            while i < n {
                let c = b[i]
                if c == 0x23 {
                    if fragment { return nil }
                    fragment = true
                } else if !isPlainRest(c) {
                    return nil
                }
                i += 1
            }
            var host = [UInt8](UnsafeBufferPointer(rebasing: b[hostStart..<hostEnd]))
            for k in host.indices where host[k] >= 0x41 && host[k] <= 0x5A { host[k] |= 0x20 }
            return String(decoding: host, as: UTF8.self)
        }
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Unreserved, sub-delims, `:`, `@`, `/` and `?` (RFC 3986's pchar, query and fragment, without `%`).
    private static func isPlainRest(_ c: UInt8) -> Bool {
        if isAlpha(c) || isDigit(c) { return true }
        switch c {
        case 0x2D, 0x2E, 0x5F, 0x7E: return true  // - . _ ~
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: return true  // ! $ & ' ( ) * + , ; =
        case 0x3A, 0x40, 0x2F, 0x3F: return true  // : @ / ?
        default: return false
        }
    }
}
