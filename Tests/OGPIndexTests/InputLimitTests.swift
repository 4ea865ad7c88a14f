import Foundation
import Testing

@testable import OGPIndex

/// Queries and documents from outside never trap: `word:NNNN` tokens, partial and absurd dates,
/// huge limits and offsets (issue 11).
@Suite struct InputLimitTests {
    /// Tokens that trapped in `dateKey` (Int32 overflow) before: any `name:` followed by 4 to 6
    /// digits, `since:` with a year alone or a year and month.
    @Test(arguments: [
        "since:2021", "plan 2018:2020", "note:12345", "x:999999", "since:2150-01", "a:214749", "since:2021-06",
        "title:2021", "year:2021", "x:0000", "x:99999999999999999999", "2018:2020:2022",
    ])
    func numericTokensDoNotTrap(query: String) throws {
        let (_, reader) = try Fixture.index()
        do {
            _ = try reader.search(SearchRequest(query: query))
        } catch {
            #expect(error.code == .invalidInput)
        }
    }

    @Test func sinceInQueryFiltersByYearAndMonth() throws {
        let (_, reader) = try Fixture.index()
        let all = try reader.search(SearchRequest(query: "gouvernement", limit: 50))
        let since2021 = try reader.search(SearchRequest(query: "gouvernement since:2021", limit: 50))
        #expect(since2021.total > 0 && since2021.total < all.total)
        #expect(since2021.hits.allSatisfy { ($0.date ?? "") >= "2021" })
        let sinceDecember = try reader.search(SearchRequest(query: "gouvernement since:2021-12", limit: 50))
        #expect(sinceDecember.hits.allSatisfy { ($0.date ?? "") >= "2021-12" })
        #expect(sinceDecember.total <= since2021.total)
        let option = try reader.search(SearchRequest(query: "gouvernement", since: "2021", limit: 50))
        #expect(option.hits.map(\.id) == since2021.hits.map(\.id))
    }

    @Test func invalidSinceIsAnErrorListingTheForms() throws {
        let (_, reader) = try Fixture.index()
        for bad in ["since:2021-13", "since:hier", "since:2021-02-30"] {
            #expect {
                try reader.search(SearchRequest(query: "gouvernement \(bad)"))
            } throws: { error in
                guard let e = error as? IndexError else { return false }
                return e.code == .invalidInput && e.message.contains("YYYY-MM-DD")
            }
        }
        #expect(throws: IndexError.self) { try reader.search(SearchRequest(query: "x", since: "demain")) }
    }

    @Test func sinceDateParser() throws {
        #expect(try SinceDate.parse("2021").key == 2021_00_00)
        #expect(try SinceDate.parse("2021-06").key == 2021_06_00)
        #expect(try SinceDate.parse(" 2021-06-15 ").key == 2021_06_15)
        #expect(try SinceDate.parse("2021-06-15T10:20:30Z").key == 2021_06_15)
        #expect(try SinceDate.parse("2021-06-15T10:20:30.123+02:00").key == 2021_06_15)
        #expect(try SinceDate.parse("2024-02-29").description == "2024-02-29")
        #expect(try SinceDate.parse("2021-06").description == "2021-06")
        for bad in [
            "", "21", "2021-6", "2021-00", "2021-13", "2023-02-29", "2021-06-31", "0000", "2021/06/15",
            "2021-06-15T25:00", "2021-06-15Tfoo", "99999999999", "２０２１", String(repeating: "9", count: 20_000),
        ] {
            #expect(throws: SinceDateError.self, "\(bad.prefix(30))") { try SinceDate.parse(bad) }
        }
        let message = "\(SinceDateError(text: String(repeating: "x", count: 20_000) + "\u{1B}[31m"))"
        #expect(message.count < 200)
        #expect(!message.contains("\u{1B}"))
        #expect(message.contains("YYYY, YYYY-MM, YYYY-MM-DD"))
    }

    /// Document dates of any shape index without trapping (the same getter ran at indexing).
    @Test func documentDatesOfAnyShape() throws {
        let dates = [
            "2021", "2021-06", "20210615", "2150-01", "99999", "1234567", "x", "", "2021-06-15T00:00:00Z",
            String(repeating: "9", count: 50),
        ]
        for d in dates { _ = IndexDocument(id: "d", fields: [], date: d).dateKey }
        #expect(IndexDocument(id: "d", fields: [], date: "2021").dateKey == 2021_00_00)
        #expect(IndexDocument(id: "d", fields: [], date: "2021-06").dateKey == 2021_06_00)
        #expect(IndexDocument(id: "d", fields: [], date: "2021-06-15T08:00:00+02:00").dateKey == 2021_06_15)
        let docs = dates.enumerated().map { i, d in
            IndexDocument(id: "d\(i)", fields: [TextField("title", "budget")], date: d)
        }
        let (_, reader) = try Fixture.index(docs)
        #expect(try reader.search(SearchRequest(query: "budget", sort: .date, limit: 50)).total == dates.count)
    }

    /// `--limit 1000000000` aborted (TopK reserved limit × 32 bytes); `offset + limit` overflowed.
    @Test(arguments: [(1_000_000_000, 0), (Int.max, 0), (Int.max, Int.max), (10, Int.max), (-5, -5), (0, 3)])
    func hugeLimitsAndOffsets(limit: Int, offset: Int) throws {
        let (_, reader) = try Fixture.index()
        for sort in [SortOrder.relevance, .date] {
            let r = try reader.search(SearchRequest(query: "gouvernement", sort: sort, limit: limit, offset: offset))
            #expect(r.hits.count <= max(0, limit))
            _ = try reader.searchIDs(SearchRequest(query: "gouvernement", sort: sort, limit: limit, offset: offset))
        }
        let all = try reader.search(SearchRequest(query: "gouvernement", limit: 1_000_000_000))
        #expect(all.hits.count == all.total)
    }
}

/// `ogp-search --batch`: a line with an invalid `since:` is reported and skipped; the other
/// queries are answered (one bad line lost the whole run).
@Suite struct BatchInputTests {
    @Test(.enabled(if: CrashTests.stressBinary.map { FileManager.default.isExecutableFile(atPath: $0) } ?? false))
    func aBadLineDoesNotLoseTheRun() throws {
        let (dir, _) = try Fixture.index()
        let queries = dir + "/queries.tsv"
        try Data("q1\tgouvernement ouvert\nq2\tplan since:2021-13\nq3\tparticipation since:2018 note:12345\n".utf8)
            .write(to: URL(fileURLWithPath: queries))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(CrashTests.stressBinary))
        p.arguments = ["--index", dir, "--batch", queries]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(stderr)")
        #expect(stdout.contains("q1 Q0") && stdout.contains("q3 Q0"), "\(stdout)")
        #expect(!stdout.contains("q2 Q0"))
        #expect(stderr.contains("q2") && stderr.contains("YYYY-MM-DD"), "\(stderr)")
    }
}
