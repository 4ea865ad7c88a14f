import CCrypto
import Foundation

/// Streaming SHA-256 of a body through libcrypto (SHA-NI where the CPU has it): hashing
/// must not cost more than the transfer. Gives the same lowercase hex as `OGPModel.SHA256`.
final class BodyHasher {
    private let context: OpaquePointer?

    init() {
        context = EVP_MD_CTX_new()
        if let context { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds bytes.
    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let context, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// The digest as lowercase hex (nil if libcrypto failed). Call once.
    func hexDigest() -> String? {
        guard let context else { return nil }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else { return nil }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(Int(length) * 2)
        for byte in digest.prefix(Int(length)) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 of a whole body, as lowercase hex.
    static func hex(_ data: Data) -> String? {
        let hasher = BodyHasher()
        data.withUnsafeBytes { hasher.update($0) }
        return hasher.hexDigest()
    }
}
