import Foundation
import OGPCore
import Testing

/// `--help` on an 80-column terminal reads as written. ArgumentParser wraps each source line on
/// its own, so a paragraph hard-wrapped at 100 columns in the source came out as a long line and
/// a short one, alternating, and a list line longer than 80 columns went on at the left margin.
@Suite(.enabled(if: Binaries.built, "ogp and ogp-search are not built"))
struct HelpTextTests {
    static let commands: [(String?, [String])] = [
        (Binaries.ogp, []), (Binaries.ogp, ["harvest"]), (Binaries.ogp, ["show"]), (Binaries.ogp, ["export"]),
        (Binaries.ogp, ["status"]), (Binaries.ogp, ["schedule"]), (Binaries.ogp, ["fetch"]),
        (Binaries.ogp, ["index"]), (Binaries.search, []), (Binaries.serve, []),
    ]

    @Test func paragraphsWrapGreedilyAndListsFitIn80Columns() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for (binary, arguments) in Self.commands where binary != nil {
            let name = ([binary.map { URL(fileURLWithPath: $0).lastPathComponent } ?? ""] + arguments)
                .joined(separator: " ")
            let narrow = try Self.discussion(binary, arguments, columns: 80, in: scratch.root)
            for (index, line) in narrow.enumerated() {
                #expect(line.count <= 80, "\(name): line \(index + 1) is \(line.count) columns: \(line)")
                guard index + 1 < narrow.count else { continue }
                let next = narrow[index + 1]
                // Two lines of one paragraph: the next line's first word must not have fitted on this one.
                // A line may end on purpose after a sentence or before a list.
                guard !line.isEmpty, !next.isEmpty, !line.hasPrefix(" "), !next.hasPrefix(" "),
                    let last = line.last, !".:)".contains(last)
                else { continue }
                let firstWord = next.split(separator: " ").first.map(String.init) ?? next
                // ArgumentParser fills a line to one column less than the terminal's width.
                #expect(
                    line.count + 1 + firstWord.count > 79,
                    "\(name): ragged break after line \(index + 1): \(line) / \(next)")
            }
            // List lines (examples, exit codes) are laid out by hand: each fits as written.
            for line in try Self.discussion(binary, arguments, columns: 300, in: scratch.root)
            where line.hasPrefix(" ") {
                #expect(line.count <= 80, "\(name): list line of \(line.count) columns: \(line)")
            }
        }
    }

    @Test func exitCodeMeaningsGoOnUnderThemselves() {
        let table = ExitStatus.helpTable.split(separator: "\n").map(String.init)
        #expect(table.allSatisfy { $0.count <= 80 }, "\(table)")
        let continued = table.filter { !$0.isEmpty && $0.first == " " && $0.dropFirst(2).first == " " }
        #expect(!continued.isEmpty, "the meaning of 1 is longer than one line: \(table)")
        #expect(continued.allSatisfy { $0.hasPrefix("       ") && !$0.hasPrefix("        ") }, "\(continued)")
    }

    /// The help's lines before `USAGE:` (the abstract and the discussion).
    static func discussion(_ binary: String?, _ arguments: [String], columns: Int, in directory: URL) throws
        -> [String]
    {
        let help = try Binaries.run(
            binary, arguments + ["--help"], in: directory, environment: ["COLUMNS": "\(columns)"])
        #expect(help.status == 0, "\(arguments): \(help.stderr)")
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array(lines.prefix { !$0.hasPrefix("USAGE:") })
    }
}
