import Foundation
import Testing

@testable import OGPServe

/// The byte-level percent-decoding of query strings and path segments gives what Foundation's
/// `removingPercentEncoding` gave (the server's former decoder), on awkward input too.
@Suite("Percent decoding")
struct PercentDecodingTests {
    static let inputs: [String] = [
        "", "abc", "a+b", "a%20b", "%C3%A9t%C3%A9", "%c3%a9", "été", "l%E2%80%99eau", "%F0%9F%98%80", "50%",
        "%", "%4", "%4G", "%zz", "a%2", "%25", "%2B+%2b", "%00", "%FF", "%C3", "%C3%28", "%E2%82", "%ED%A0%80",
        "%F4%90%80%80", "100%25 s%C3%BBr", "q=%22donn%C3%A9es%22", "+++", "%%41", "%41%", "a b", "\u{1F600}%41",
    ]

    @Test("query-string values: + is a space, as Foundation after replacing + with a space")
    func queryValues() {
        for s in Self.inputs {
            let reference = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            #expect(QueryString.decode(s[...]) == reference, "\(s)")
        }
    }

    @Test("path segments: + stays a plus, as Foundation")
    func pathSegments() {
        for s in Self.inputs {
            #expect(PathSegment.decode(s[...]) == s.removingPercentEncoding, "\(s)")
        }
    }

    @Test("a decoded query string keeps its pairs, repeated names and empty values")
    func pairs() throws {
        let qs = try QueryString("q=qualit%C3%A9+de+l%27air&tag=a&tag=&tag=b%2Bc&page=2&x")
        #expect(qs.first("q") == "qualité de l'air")
        #expect(qs.all("tag") == ["a", "b+c"])
        #expect(qs.first("page") == "2")
        #expect(qs.first("x") == nil)
        #expect(throws: ServeError.self) { try QueryString("q=%E9") }
    }
}
