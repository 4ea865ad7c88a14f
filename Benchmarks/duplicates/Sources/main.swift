// Duplicate detection benchmark (release): N WordPress-like posts whose bodies share their first
// 400 characters (the shape that made the former detector quadratic), distinct titles and dates.
// Prints our time for each N beside two references from the same run: the same detector with
// Foundation's folding (before the folding table), and the former pairwise algorithm, kept below
// verbatim, run on the same records up to N = 4,000 (beyond, it takes minutes to hours). Both
// detectors' findings must be identical.
//
//   swift run -c release ogp-bench-duplicates [N…]     (default: 1000 2000 4000 100000)
import Foundation
import OGPModel
import OGPParse

func lookAlikes(_ n: Int) -> [Record] {
    let opening = String(repeating: "Le gouvernement ouvert publie son plan d’action national. ", count: 10)
    return (0..<n).map { i in
        let day = String(format: "20%02d-%02d-%02d", 10 + i % 15, 1 + i % 12, 1 + i % 28)
        return Record(
            id: RecordID(kind: .publication, namespace: "wp", remoteID: "post-\(i)"), kind: .publication,
            title: "Article numéro \(i)", body: opening + "Suite propre à l’article \(i).",
            dates: RecordDates(published: day + "T10:00:00Z"))
    }
}

/// The detector before issue 11 (same-body part, which dominated): each record compared with
/// every other of its group, titles folded again for each pair, `found` scanned linearly.
func referenceFindings(_ records: [Record]) -> Int {
    var found: [DuplicateDetector.Finding] = []
    var byBody: [String: [Record]] = [:]
    for r in records {
        guard let body = r.body else { continue }
        let folded = TextFolding.collapseWhitespace(TextFolding.fold(body))
        guard folded.count >= 200 else { continue }
        byBody[String(folded.prefix(400)), default: []].append(r)
    }
    for group in byBody.values {
        for r in group {
            let title = TextFolding.fold(r.title)
            let earlier = group.first { o in
                guard o.id != r.id, TextFolding.fold(o.title) != title else { return false }
                guard let mine = r.dates.published, let theirs = o.dates.published else { return true }
                return theirs < mine
            }
            if let other = earlier {
                let finding = DuplicateDetector.Finding(record: r.id, other: other.id, reason: .sameBody)
                if !found.contains(finding) { found.append(finding) }
            }
        }
    }
    return found.count
}

func seconds(_ body: () -> Int) -> (Double, Int) {
    let start = DispatchTime.now().uptimeNanoseconds
    let n = body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, n)
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
print("posts      ogp (s)   findings   Foundation folding (s)   pairwise reference (s)   findings")
for n in sizes.isEmpty ? [1_000, 2_000, 4_000, 100_000] : Array(sizes) {
    let records = lookAlikes(n)
    var findings: [DuplicateDetector.Finding] = []
    var before: [DuplicateDetector.Finding] = []
    let (ours, found) = seconds {
        findings = DuplicateDetector.scan(records, limit: .max, isCancelled: { false }).findings
        return findings.count
    }
    let (foundation, _) = seconds {
        before = DuplicateDetector.scan(
            records, limit: .max, isCancelled: { false }, folding: TextFolding.foundationFold
        ).findings
        return before.count
    }
    let ref = n <= 4_000 ? seconds { referenceFindings(records) } : nil
    let refText = ref.map { String(format: "%22.2f   %8d", $0.0, $0.1) } ?? "  (skipped: quadratic)"
    print(String(format: "%7d   %9.3f   %8d   %22.3f", n, ours, found, foundation) + "   " + refText)
    if findings != before { print("!! findings differ from the Foundation-folding detector's") }
    if let ref, ref.1 != found { print("!! findings differ: \(found) vs \(ref.1)") }
}
