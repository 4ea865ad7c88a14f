import Foundation
import OGPModel

/// Reads the commitments a page lists as "paragraph, then `Les ambitions :` and a list", as the
/// DITP page of the 2021-2023 plan does. The page's headings were lost in the scrape (lone `-`
/// lines), so titles come from the catalogue's `commitment_titles`, by order.
enum CommitmentListExtractor {
    struct Block: Hashable {
        var text: String
        var ambitions: [String]
    }

    /// The blocks, in order.
    static func blocks(in body: String) -> [Block] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [Block] = []
        for (n, line) in lines.enumerated() {
            let f = TextFolding.fold(line).trimmingCharacters(in: .whitespaces)
            guard f.hasPrefix("les ambitions") || f.hasPrefix("les jalons") || f.hasPrefix("ambitions"), f.hasSuffix(":") else { continue }
            var paragraph: [String] = []
            var k = n - 1
            while k >= 0, !lines[k].isEmpty, !lines[k].hasPrefix("- "), !lines[k].hasPrefix("  - ") {
                paragraph.insert(lines[k], at: 0)
                k -= 1
            }
            var ambitions: [String] = []
            k = n + 1
            while k < lines.count, lines[k].hasPrefix("- ") {
                ambitions.append(String(lines[k].dropFirst(2)))
                k += 1
            }
            guard !ambitions.isEmpty else { continue }
            found.append(Block(text: paragraph.joined(separator: "\n"), ambitions: ambitions))
        }
        return found
    }

    /// Commitment records of `plan` for `blocks`, numbered from 1.
    static func records(
        _ blocks: [Block], plan: PlanEntry, catalog: PlanCatalog, publication: Record, provenance: Provenance
    ) -> [Record] {
        let titles = plan.commitmentTitles ?? []
        let planID = catalog.planID(plan)
        return blocks.enumerated().map { i, block in
            let number = i + 1
            var warnings: [String] = []
            let title: String
            if i < titles.count {
                title = titles[i]
            } else {
                title = "Engagement \(number)"
                warnings.append("no title for commitment \(number) in the catalogue")
            }
            if titles.count != blocks.count, !titles.isEmpty {
                warnings.append("the publication lists \(blocks.count) commitments, the catalogue has \(titles.count) titles: titles matched by order")
            }
            return Record(
                id: catalog.commitmentID(plan, number: number), kind: .commitment, title: title,
                body: block.text.isEmpty ? nil : block.text, url: publication.url, warnings: warnings,
                links: [RecordLink(.partOf, planID)], provenance: [provenance],
                commitment: CommitmentInfo(plan: planID, number: number, milestones: block.ambitions))
        }
    }
}
