import Foundation

/// Public access to the SSRF address rules, for diagnostics and tests.
public enum AddressCheck {
    /// Whether a numeric IPv4 or IPv6 address is loopback, private, link-local,
    /// unique-local or otherwise non-public (and so refused unless allowed). Text that is
    /// not a numeric address counts as non-public.
    public static func isNonPublic(_ address: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return AddressFilter.isNonPublicIPv4(withUnsafeBytes(of: &v4) { Array($0) })
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return AddressFilter.isNonPublicIPv6(withUnsafeBytes(of: &v6) { Array($0) })
        }
        return true
    }
}
