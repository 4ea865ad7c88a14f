import CCurl

/// The C callbacks given to libcurl; each forwards to the `CurlTransfer` in its user data.
enum CurlCallbacks {
    static func transfer(_ pointer: UnsafeMutableRawPointer?) -> CurlTransfer? {
        guard let pointer else { return nil }
        return Unmanaged<CurlTransfer>.fromOpaque(pointer).takeUnretainedValue()
    }

    static let write: ccurl_write_fn = { data, size, count, user in
        guard let data, let transfer = CurlCallbacks.transfer(user) else { return 0 }
        return transfer.receive(data, size * count)
    }

    static let header: ccurl_write_fn = { data, size, count, user in
        guard let data, let transfer = CurlCallbacks.transfer(user) else { return 0 }
        return transfer.header(data, size * count)
    }

    static let progress: ccurl_xferinfo_fn = { user, total, received, _, _ in
        guard let transfer = CurlCallbacks.transfer(user) else { return 1 }
        return transfer.progress(received: Int64(received), total: Int64(total))
    }

    static let openSocket: ccurl_opensocket_fn = { user, _, address in
        guard let address, let transfer = CurlCallbacks.transfer(user) else { return CURL_SOCKET_BAD }
        var raw = [UInt8](repeating: 0, count: 16)
        let family = ccurl_sockaddr_bytes(address, &raw)
        guard family == 4 || family == 6 else { return CURL_SOCKET_BAD }
        let bytes = family == 4 ? Array(raw[0..<4]) : raw
        guard transfer.allowConnection(to: bytes) else { return CURL_SOCKET_BAD }
        return ccurl_open_socket(address)
    }

    /// Before each request is sent, on new *and reused* connections: the connected address
    /// is checked again (a pooled connection may have been opened under a looser policy).
    static let beforeRequest: ccurl_prereq_fn = { user, primaryIP, _, _, _ in
        guard let primaryIP, let transfer = CurlCallbacks.transfer(user) else { return Int32(CURL_PREREQFUNC_ABORT) }
        return transfer.allowRequest(toAddress: String(cString: primaryIP))
            ? Int32(CURL_PREREQFUNC_OK) : Int32(CURL_PREREQFUNC_ABORT)
    }
}
