import Foundation
import OGPModel

/// Finds, line by line in a publication's text, the statements about action plans: periods
/// ("2015-2017", "2015 - 2017"), ordinals ("3e plan d'action", "premier plan d'action"),
/// announced counts ("26 engagements", "six engagements"), status counts ("1 est complet,
/// 10 sont partiels et 15 sont substantiels") and lists of axes introduced by a line ending with `:`.
struct PlanMentions {
    /// One line of text, as written and folded (lowercase, no diacritics).
    struct Line {
        var text: String
        var folded: String
        /// Plan periods, plan ordinals and commitment counts the line states.
        var periods: [(Int, Int)]
        var ordinals: [Int]
        var counts: [Int]

        init(_ text: String) {
            self.text = text
            folded = TextFolding.fold(text)
            periods = PlanMentions.periods(folded)
            ordinals = PlanMentions.ordinalsOfPlans(folded)
            counts = PlanMentions.commitmentCounts(folded)
        }
    }

    var lines: [Line]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(String($0)) }
    }

    static let numberWords: [String: Int] = [
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
        "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
        "vingt": 20, "trente": 30,
    ]

    static let ordinals: [String: Int] = [
        "premier": 1, "1er": 1, "deuxieme": 2, "second": 2, "2e": 2, "2eme": 2, "troisieme": 3, "3e": 3, "3eme": 3,
        "quatrieme": 4, "4e": 4, "4eme": 4, "cinquieme": 5, "5e": 5, "5eme": 5,
    ]

    /// Periods written in a folded line: `(2015, 2017)`.
    static func periods(_ folded: String) -> [(Int, Int)] {
        guard folded.contains("20") else { return [] }
        return folded.matches(of: #/(20\d\d)\s*[-–]\s*(20\d\d)/#).compactMap { m in
            guard let a = Int(m.output.1), let b = Int(m.output.2), b > a, b - a <= 4 else { return nil }
            return (a, b)
        }
    }

    /// Ordinals of "N-th plan d'action" in a folded line.
    static func ordinalsOfPlans(_ folded: String) -> [Int] {
        guard folded.contains("plan") else { return [] }
        return folded.matches(of: #/([0-9a-z]+)\s+plans?\s+d.action/#).compactMap { ordinals[String($0.output.1)] }
    }

    /// Counts of "N engagements" in a folded line (digits or French number words).
    static func commitmentCounts(_ folded: String) -> [Int] {
        guard folded.contains("engagements") else { return [] }
        return folded.matches(of: #/([0-9]+|[a-z]+)\s+engagements/#).compactMap { m in
            let w = String(m.output.1)
            return Int(w) ?? numberWords[w]
        }
    }

    /// Status counts in a folded line, on the OGP scale.
    static func statusCounts(_ folded: String) -> [CommitmentStatus: Int] {
        var counts: [CommitmentStatus: Int] = [:]
        guard folded.contains(" est ") || folded.contains(" sont ") else { return counts }
        let pattern =
            #/([0-9]+)\s+(?:est|sont)\s+(complets?|partiels?|substantiels?|limites?|non commences?|pas commences?|termines?)/#
        for m in folded.matches(of: pattern) {
            guard let n = Int(m.output.1) else { continue }
            let status = CommitmentStatus.fromLabel(String(m.output.2))
            guard status != .unknown else { continue }
            counts[status, default: 0] += n
        }
        return counts
    }

    /// Lists introduced by a line ending with `:` that speaks of axes, themes, initiatives or
    /// commitments: the introducing line's index and the labels of the top-level items.
    func axisLists() -> [(line: Int, labels: [String])] {
        var found: [(Int, [String])] = []
        for (n, line) in lines.enumerated() {
            let f = line.folded.trimmingCharacters(in: .whitespaces)
            guard f.hasSuffix(":"), !f.hasPrefix("- ") else { continue }
            let words = Set(f.split { !$0.isLetter }.map(String.init))
            guard !words.isDisjoint(with: ["axes", "themes", "initiatives", "engagements", "priorites", "chantiers"])
            else { continue }
            var labels: [String] = []
            var k = n + 1
            while k < lines.count {
                let t = lines[k].text
                if t.isEmpty { k += 1; continue }
                if t.hasPrefix("  - ") { k += 1; continue }
                guard t.hasPrefix("- ") else { break }
                labels.append(Self.label(String(t.dropFirst(2))))
                k += 1
            }
            if labels.count >= 2 { found.append((n, labels)) }
        }
        return found
    }

    /// An axis label: the item's text up to its first ` :` or ` «`, without trailing punctuation.
    static func label(_ item: String) -> String {
        var s = Substring(item)
        for sep in [" :", " «", " ("] {
            if let r = s.range(of: sep), s.distance(from: s.startIndex, to: r.lowerBound) >= 8 {
                s = s[..<r.lowerBound]
            }
        }
        var out = s.trimmingCharacters(in: .whitespaces)
        while let last = out.last, ";.,:".contains(last) {
            out.removeLast(); out = out.trimmingCharacters(in: .whitespaces)
        }
        return out
    }
}

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
            guard f.hasPrefix("les ambitions") || f.hasPrefix("les jalons") || f.hasPrefix("ambitions"),
                f.hasSuffix(":")
            else { continue }
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
                warnings.append(
                    "the publication lists \(blocks.count) commitments, the catalogue has \(titles.count) titles: titles matched by order"
                )
            }
            return Record(
                id: catalog.commitmentID(plan, number: number), kind: .commitment, title: title,
                body: block.text.isEmpty ? nil : block.text, url: publication.url, warnings: warnings,
                links: [RecordLink(.partOf, planID)], provenance: [provenance],
                commitment: CommitmentInfo(plan: planID, number: number, milestones: block.ambitions))
        }
    }
}
