import Foundation
import Testing

@testable import OGPParse

@Suite("CSVReader")
struct CSVReaderTests {
    @Test func quotedFieldsKeepSeparatorsNewlinesAndDoubledQuotes() {
        let text = "id;text;n\r\n\"a\";\"un;deux\r\ntrois\nquatre \"\"cinq\"\"\";1\r\nb;plain;2\r\n"
        let rows = DatasetFixtures.rows(DatasetFixtures.elements(text))
        #expect(rows.count == 3)
        #expect(rows[1].fields == ["a", "un;deux\r\ntrois\nquatre \"cinq\"", "1"])
        #expect(rows[1].line == 2)
        #expect(rows[1].offset == 11)
        #expect(rows[2].fields == ["b", "plain", "2"])
        #expect(rows[2].line == 5)
    }

    @Test func emptyFieldsLastRowWithoutNewlineAndBOM() {
        let text = "\u{FEFF}a;b;c\r\n;;\r\n\r\n\"\";x;\r\nlast;row;end"
        let rows = DatasetFixtures.rows(DatasetFixtures.elements(text))
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["", "x", ""], ["last", "row", "end"]])
        #expect(rows[3].line == 5)
    }

    @Test func separatorIsConfigurable() {
        let rows = DatasetFixtures.rows(
            DatasetFixtures.elements(
                "a,\"b,c;d\"\n", options: CSVOptions(separator: UInt8(ascii: ","))))
        #expect(rows.first?.fields == ["a", "b,c;d"])
    }

    @Test func strayQuoteIsReportedAndReaderResyncs() {
        let text = "id;t\r\n1;ok\r\n2;\"bad \"quote\" here\nstill bad\"\r\n3;\"fine\nmulti\"\r\n4;x\"y\r\n5;end\r\n"
        let elements = DatasetFixtures.elements(text)
        let bad = DatasetFixtures.malformed(elements)
        #expect(bad.map(\.code) == ["stray-quote", "stray-quote"])
        #expect(bad.map(\.line) == [3, 7])
        #expect(DatasetFixtures.rows(elements).map { $0.fields[0] } == ["id", "1", "3", "5"])
        #expect(DatasetFixtures.rows(elements).last?.line == 8)
    }

    @Test func unterminatedQuoteInTheMiddleDoesNotSwallowTheRest() {
        let text = "id;t\r\n1;\"ok\"\r\n2;\"never closed\r\n3;fine\r\n4;fine too\r\n"
        let elements = DatasetFixtures.elements(text)
        let bad = DatasetFixtures.malformed(elements)
        #expect(bad.count == 1)
        #expect(bad.first?.code == "unterminated-quote")
        #expect(bad.first?.line == 3)
        #expect(bad.first?.offset == 14)
        let rows = DatasetFixtures.rows(elements)
        #expect(rows.map { $0.fields[0] } == ["id", "1", "3", "4"])
        #expect(rows.last?.line == 5)
    }

    @Test func unclosedQuoteFollowedByQuotedFieldsIsAStrayQuote() {
        let text = "id;t\r\n1;\"ok\"\r\n2;\"never closed\r\n3;\"fine\"\r\n4;\"fine too\"\r\n"
        let elements = DatasetFixtures.elements(text)
        #expect(DatasetFixtures.malformed(elements).map(\.code) == ["stray-quote"])
        #expect(DatasetFixtures.rows(elements).map { $0.fields[1] } == ["t", "ok", "fine", "fine too"])
    }

    @Test func unterminatedQuoteAtEndOfInput() {
        let elements = DatasetFixtures.elements("a;b\r\n1;\"open")
        #expect(DatasetFixtures.rows(elements).count == 1)
        #expect(DatasetFixtures.malformed(elements).map(\.code) == ["unterminated-quote"])
    }

    @Test func fieldBeyondTheLimitFailsItsRowOnly() {
        let big = String(repeating: "x", count: 5000)
        let text = "a;b\n1;\"\(big)\"\n2;ok\n"
        let reader = CSVReader(data: Data(text.utf8), options: CSVOptions(bufferSize: 64, maxFieldSize: 1000))
        let elements = Array(reader)
        #expect(DatasetFixtures.malformed(elements).map(\.code) == ["field-too-large"])
        #expect(DatasetFixtures.rows(elements).map { $0.fields[0] } == ["a", "2"])
        #expect(reader.fieldCapacity < 4096)
    }

    @Test(arguments: [16, 17, 31, 64, 1000, 1 << 16])
    func resultsDoNotDependOnBufferSize(bufferSize: Int) {
        let text = "id;text\r\n\"1\";\"a \"\"b\"\"\r\nc;d\"\r\n2;\"é;à\n\"\r\n3;\"x\"y\r\n4;z\r\n5;\"\"\"\"\r\n"
        let reference = DatasetFixtures.elements(text, options: CSVOptions(bufferSize: 1 << 20))
        let small = DatasetFixtures.elements(text, options: CSVOptions(bufferSize: bufferSize))
        #expect(small == reference)
        #expect(DatasetFixtures.rows(reference).count == 5)
    }

    @Test func streamsAMultiMegabyteFileThroughASmallBuffer() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ogp-csv-stream-\(UUID().uuidString).csv"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rowCount = 20_000
        var text = "id;description;n\r\n"
        for i in 0..<rowCount {
            text +=
                "\"\(i)\";\"ligne \(i); avec \"\"guillemets\"\"\net un saut\r\n\(String(repeating: "é", count: i % 200))\";\(i % 7)\r\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(text.utf8.count > 3_000_000)
        let reader = try CSVReader(path: path, options: CSVOptions(bufferSize: 4096, maxFieldSize: 64 * 1024))
        var count = 0
        var lastLine = 0
        for element in reader {
            guard case .row(let row) = element else {
                Issue.record("unexpected \(element)")
                continue
            }
            if count > 0 {
                let i = count - 1
                #expect(row.fields[0] == String(i))
                #expect(row.fields[1].hasSuffix(String(repeating: "é", count: i % 200)))
                #expect(row.fields[1].contains("\"guillemets\"\net un saut\r\n"))
            }
            lastLine = row.line
            count += 1
        }
        #expect(count == rowCount + 1)
        #expect(lastLine == 2 + 3 * (rowCount - 1))
        #expect(reader.fieldCapacity <= 64 * 1024)
    }

    /// Random tables written the RFC 4180 way (quoted when needed) read back the same, whatever
    /// the buffer size.
    @Test(arguments: [1, 2, 3, 4])
    func randomTablesRoundTrip(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let alphabet: [String] = ["a", "é", ";", "\"", "\r", "\n", "\r\n", " ", "x", "’", "1"]
        var table: [[String]] = []
        for _ in 0..<200 {
            let width = 3
            table.append(
                (0..<width).map { _ in
                    (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
                })
        }
        table[0][0] = "id"  // a first field never empty, so no row is an empty line
        for i in table.indices where table[i][0].isEmpty || table[i][0].hasPrefix("\r") || table[i][0].hasPrefix("\n") {
            table[i][0] = "r\(i)" + table[i][0]
        }
        let text =
            table.map { row in
                row.map { f in
                    f.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
                        ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
                }.joined(separator: ";")
            }.joined(separator: "\r\n") + "\r\n"
        for size in [16, 97, 4096] {
            let elements = DatasetFixtures.elements(text, options: CSVOptions(bufferSize: size))
            #expect(DatasetFixtures.malformed(elements).isEmpty)
            #expect(DatasetFixtures.rows(elements).map(\.fields) == table)
        }
    }

    @Test func missingFileThrows() {
        #expect(throws: CSVMalformedRow.self) { try CSVReader(path: "/nonexistent/ogp.csv") }
    }
}

/// A small seeded generator (SplitMix64) for reproducible random tables.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
