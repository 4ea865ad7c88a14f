import Foundation
import Testing

@testable import OGPIndex

@Suite struct CrashTests {
    /// The `ogp-search` binary next to the test bundle (built by `swift build --build-tests`).
    static var stressBinary: String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("ogp-search").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ogp-search").path
    }

    /// A writer SIGKILLed at random moments (often mid-commit) leaves the last committed index.
    @Test(.enabled(if: stressBinary.map { FileManager.default.isExecutableFile(atPath: $0) } ?? false))
    func killedWriterLeavesLastCommit() throws {
        let dir = Fixture.tempDir()
        for round in 0..<4 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: try #require(Self.stressBinary))
            p.arguments = ["--stress-writer", dir]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            // The writer prints a line after each commit: wait for the first one (however slow
            // the machine), then kill it a little later, most often in the middle of a commit.
            let first = out.fileHandleForReading.availableData
            usleep(useconds_t(20_000 + round * 70_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let printed = String(decoding: first + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .split(separator: "\n").count
            let r = try IndexReader(directory: dir)
            // Each run restarts at lot 0, overwriting the same ids (upserts).
            let lots = r.liveDocuments / 3
            #expect(r.liveDocuments % 3 == 0)
            #expect(lots >= printed)
            #expect(try r.total("lot") == r.liveDocuments)
            for i in stride(from: 0, to: lots, by: max(1, lots / 5)) {
                #expect(try r.document(id: "doc-\(i)-2") != nil)
            }
        }
        // The lock died with the process: a new writer can commit.
        let w = try IndexWriter(directory: dir)
        try w.add(IndexDocument(id: "after", fields: [TextField("title", "après")]))
        try w.commit()
        #expect(try IndexReader(directory: dir).ids("après") == ["after"])
    }
}
