import Foundation
import OGPModel
import OGPParse
import Testing

@testable import OGPHarvest

/// The udata-csv rows read and mapped on their own thread come out as a serial read gives them:
/// every row's outcome in file order, broken records at their place with their line, and an
/// early stop ends the thread without waiting for the rest of the file.
@Suite struct UdataCSVPipelineTests {
    /// `rows` data rows, a stray quote in every 97th (a failed item that the reader skips).
    static func csv(rows: Int) -> Data {
        var text = "id;title;description\r\n"
        for i in 1...rows {
            if i % 97 == 0 {
                text += "bad\(i)\"x;Titre \(i);texte\r\n"
            } else {
                text += "\"d\(i)\";\"Titre \(i)\";\"Une description\nsur deux lignes, n° \(i)\"\r\n"
            }
        }
        return Data(text.utf8)
    }

    static let context = ParseContext(source: "csv", sourceKind: "udata-csv", url: "file:///x.csv")

    /// What a serial read gives: each row mapped alone, each broken record as its failure.
    static func serial(_ data: Data, mapper: UdataCSVMapper) -> [ItemResult] {
        let reader = CSVReader(data: data)
        _ = reader.next()
        var out: [ItemResult] = []
        while let element = reader.next() {
            switch element {
            case .row(let row): out.append(mapper.map(row, context: context))
            case .malformed(let bad): out.append(.failed(bad.failure(item: "file:///x.csv", url: "file:///x.csv")))
            }
        }
        return out
    }

    static func start(_ data: Data, batchSize: Int) throws -> (UdataCSVPipeline, UdataCSVMapper) {
        let reader = CSVReader(data: data)
        guard case .row(let header)? = reader.next() else {
            throw CSVMalformedRow(code: "x", reason: "no header", line: 0, offset: 0)
        }
        let mapper = try UdataCSVMapper(header: header.fields)
        let pipeline = UdataCSVPipeline(
            reader: reader, mapper: mapper, context: context, batchSize: batchSize, parallelism: 2)
        return (pipeline, mapper)
    }

    @Test(arguments: [1, 16, 512])
    func outcomesComeInFileOrder(_ batchSize: Int) throws {
        let data = Self.csv(rows: 1_000)
        let (pipeline, mapper) = try Self.start(data, batchSize: batchSize)
        defer { pipeline.stop() }
        var got: [ItemResult] = []
        while let element = pipeline.next() {
            switch element {
            case .mapped(let results): got += results
            case .malformed(let bad): got.append(.failed(bad.failure(item: "file:///x.csv", url: "file:///x.csv")))
            }
        }
        let expected = Self.serial(data, mapper: mapper)
        #expect(got.count == 1_000)
        #expect(got == expected)
        let failures = got.compactMap { if case .failed(let f) = $0 { f } else { nil } }
        #expect(failures.count == 10)
        // Each failure names its line (two physical lines per good row before it).
        #expect(failures.first?.line == 1 + 96 * 2 + 1)
        #expect(failures.allSatisfy { $0.code == "stray-quote" })
    }

    @Test func anEarlyStopEndsTheThread() throws {
        let (pipeline, _) = try Self.start(Self.csv(rows: 20_000), batchSize: 8)
        var seen = 0
        while let element = pipeline.next(), seen < 40 {
            if case .mapped(let results) = element { seen += results.count }
        }
        // Returns once the thread has ended (it stops at its next row), and again at once.
        pipeline.stop()
        pipeline.stop()
        if pipeline.next() != nil { Issue.record("an element after stop()") }
    }
}
