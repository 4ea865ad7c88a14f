import Foundation
import Testing

@testable import OGPIndex

@Suite struct ConcurrencyTests {
    /// Readers opened while a writer commits batches of 4 documents always see whole batches.
    @Test func readersSeeWholeCommitsWhileWriting() async throws {
        let dir = Fixture.tempDir()
        let w = try IndexWriter(directory: dir)
        w.mergeFactor = 3
        try w.add(IndexDocument(id: "seed", fields: [TextField("title", "graine")]))
        try w.commit()
        let rounds = 25
        let writer = Task.detached {
            for i in 0..<rounds {
                for j in 0..<4 {
                    try w.add(IndexDocument(id: "d\(i)-\(j)", fields: [TextField("body", "lot de documents \(i)")]))
                }
                try w.commit()
            }
        }
        let readers = (0..<3).map { _ in
            Task.detached { () throws -> Int in
                var checks = 0
                for _ in 0..<60 {
                    let r = try IndexReader(directory: dir)
                    let n = try r.search(SearchRequest(query: "documents", limit: 5)).total
                    #expect(n % 4 == 0)
                    #expect(n == r.liveDocuments - 1)
                    checks += 1
                }
                return checks
            }
        }
        try await writer.value
        for r in readers { #expect(try await r.value == 60) }
        #expect(try IndexReader(directory: dir).total("documents") == rounds * 4)
    }
}
