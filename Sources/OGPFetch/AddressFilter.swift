/// Classifies resolved IP addresses: loopback, private, link-local, unique-local and other
/// non-public ranges are refused unless a policy allows them (SSRF protection).
enum AddressFilter {
    /// Whether an IPv4 address (4 bytes, network order) is not a public unicast address.
    static func isNonPublicIPv4(_ a: [UInt8]) -> Bool {
        guard a.count == 4 else { return true }
        switch a[0] {
        case 0, 10, 127: return true  // this network, private, loopback
        case 100 where (a[1] & 0xC0) == 64: return true  // 100.64/10 shared (CGNAT)
        case 169 where a[1] == 254: return true  // link-local
        case 172 where (a[1] & 0xF0) == 16: return true  // 172.16/12
        case 192 where a[1] == 168: return true  // 192.168/16
        case 192 where a[1] == 0 && a[2] == 0: return true  // 192.0.0/24 IETF
        case 198 where (a[1] & 0xFE) == 18: return true  // 198.18/15 benchmarking
        case 224...255: return true  // multicast, reserved, broadcast
        default: return false
        }
    }

    /// Whether an IPv6 address (16 bytes) is not a public unicast address.
    static func isNonPublicIPv6(_ a: [UInt8]) -> Bool {
        guard a.count == 16 else { return true }
        if a[0..<15].allSatisfy({ $0 == 0 }) { return true }  // :: and ::1
        if a[0] == 0xFE && (a[1] & 0xC0) == 0x80 { return true }  // fe80::/10 link-local
        if a[0] == 0xFE && (a[1] & 0xC0) == 0xC0 { return true }  // fec0::/10 site-local
        if (a[0] & 0xFE) == 0xFC { return true }  // fc00::/7 unique-local
        if a[0] == 0xFF { return true }  // multicast
        if a[0..<10].allSatisfy({ $0 == 0 }) && a[10] == 0xFF && a[11] == 0xFF {
            return isNonPublicIPv4(Array(a[12..<16]))  // ::ffff:a.b.c.d
        }
        if a[0..<12] == [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0][...] {
            return isNonPublicIPv4(Array(a[12..<16]))  // 64:ff9b::/96 NAT64
        }
        return false
    }

    /// Dotted or colon text for messages.
    static func text(_ a: [UInt8]) -> String {
        if a.count == 4 { return a.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        var i = 0
        while i + 1 < a.count {
            groups.append(String(UInt16(a[i]) << 8 | UInt16(a[i + 1]), radix: 16))
            i += 2
        }
        return groups.joined(separator: ":")
    }
}
