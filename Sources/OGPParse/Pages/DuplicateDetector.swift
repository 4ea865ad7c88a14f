import OGPModel

/// Finds likely duplicates among the records of one source.
///
/// - Same title and same publication day, different ids (two files of one source): the later one
///   (a draft rather than a published post; else the larger id) gets a `duplicateOf` link to the
///   other and a warning.
/// - Same body opening under a different title: a warning only (`carries the body of …`) on the
///   later record, the mark of an editor's copy-paste mistake.
///
/// Records with the same id are revisions of one record, never duplicates of each other: the
/// store keeps their history (see ``preferredRevision(of:among:)``).
///
/// **The `000_…`/`001_…` decision.** Both are revisions of
/// `_actualites/video-partenariat-…-evalue-a-mi-parcours.markdown`, hence one record. `000` (dated
/// 2019-03-29, the import from the old site) carries the body of *Gouvernement ouvert : la France
/// publie son plan d'action national* by mistake; `001` (dated 2016-07-25, `published: false`) has
/// the post's own body (the mid-term report video, status 1/10/15). ogp shows `001`'s content,
/// flagged as a draft (so hidden from default search); `000` stays in the record's history with
/// its `carries the body of` warning and is never preferred while a revision without it exists.
public enum DuplicateDetector {
    /// Number of folded body characters compared.
    static let fingerprintLength = 400

    /// One finding.
    public struct Finding: Sendable, Hashable {
        /// Why two records look like duplicates.
        public enum Reason: String, Sendable, Hashable {
            case sameTitleAndDate, sameBody
        }

        /// The record to flag, and the one it duplicates.
        public var record: RecordID
        /// The record it duplicates (or whose body it carries).
        public var other: RecordID
        /// The kind of finding.
        public var reason: Reason

        /// A finding on `record`, duplicating `other`.
        public init(record: RecordID, other: RecordID, reason: Reason) {
            self.record = record
            self.other = other
            self.reason = reason
        }
    }

    /// What a scan found.
    public struct Scan: Sendable, Hashable {
        /// The findings, in a stable order (at most the scan's `limit`).
        public var findings: [Finding]
        /// Findings left out because of the limit.
        public var truncated: Int
        /// True when the scan stopped early because it was cancelled (findings are partial).
        public var cancelled: Bool
    }

    /// Every finding among `records` (one source's), in a stable order.
    public static func findings(in records: [Record]) -> [Finding] {
        scan(records, limit: .max, isCancelled: { false }).findings
    }

    /// Findings among `records` (one source's current records, one per id).
    ///
    /// Linear in the number of records: records are grouped by folded title and day, and by
    /// body fingerprint, each record's keys computed once; within a group, each record is
    /// compared with the group's earliest records only (see below), not with every other one.
    ///
    /// - Parameters:
    ///   - changed: when given, only groups holding a changed record are examined and only
    ///     findings on or against a changed record reported (a harvest that changed nothing
    ///     reports nothing and compares nothing).
    ///   - limit: the most findings returned; the others are counted in `truncated`.
    ///   - isCancelled: polled every few hundred records; when it returns true the scan stops
    ///     and returns what it has, marked `cancelled`.
    ///   - folding: how titles and bodies are folded into keys (``TextFolding/fold(_:)``; the
    ///     duplicates benchmark passes ``TextFolding/foundationFold(_:)`` to compare).
    public static func scan(
        _ records: [Record], changed: Set<RecordID>? = nil, limit: Int = 1_000,
        isCancelled: () -> Bool = { Task.isCancelled }, folding: (String) -> String = TextFolding.fold
    ) -> Scan {
        var out = Scan(findings: [], truncated: 0, cancelled: false)
        var titles: [String] = []
        titles.reserveCapacity(records.count)
        var byTitleDate: [String: [Int]] = [:]
        var byBody: [String: [Int]] = [:]
        for (i, r) in records.enumerated() {
            if i & 255 == 0, isCancelled() {
                out.cancelled = true
                return out
            }
            let title = folding(r.title)
            titles.append(title)
            if let day = r.dates.published?.prefix(10) {
                byTitleDate[title + "|" + day, default: []].append(i)
            }
            if let f = fingerprint(r, folding: folding) { byBody[f, default: []].append(i) }
        }
        func relevant(_ group: [Int]) -> Bool {
            guard let changed else { return true }
            return group.contains { changed.contains(records[$0].id) }
        }
        func report(_ f: Finding) -> Bool {
            guard let changed else { return true }
            return changed.contains(f.record) || changed.contains(f.other)
        }
        var found = Set<Finding>()
        var examined = 0
        for group in byTitleDate.values where group.count > 1 && relevant(group) {
            examined += group.count
            if examined > 256, isCancelled() { out.cancelled = true; break }
            let sorted = group.map { records[$0] }.sorted { ($0.draft ? 1 : 0, $0.id) < ($1.draft ? 1 : 0, $1.id) }
            let keep = sorted[0]
            for r in sorted.dropFirst() where r.id != keep.id {
                let f = Finding(record: r.id, other: keep.id, reason: .sameTitleAndDate)
                if report(f) { found.insert(f) }
            }
        }
        for group in byBody.values where !out.cancelled && group.count > 1 && relevant(group) {
            examined += group.count
            if examined > 256, isCancelled() { out.cancelled = true; break }
            for f in bodyFindings(group, records: records, titles: titles) where report(f) { found.insert(f) }
        }
        let all = found.sorted { ($0.record, $0.other, $0.reason.rawValue) < ($1.record, $1.other, $1.reason.rawValue) }
        out.findings = Array(all.prefix(max(0, limit)))
        out.truncated = all.count - out.findings.count
        return out
    }

    /// Same-body findings in one group of records sharing a fingerprint: a record carries the
    /// body of the earliest record (by date, then id; undated records first) that has another
    /// title and is earlier than it (or either is undated). Sorting the group once makes
    /// "the earliest with another title" one of two records: the group's first, or the first
    /// whose title differs from the first's.
    static func bodyFindings(_ group: [Int], records: [Record], titles: [String]) -> [Finding] {
        // One record per id (the first given): revisions of one record are not duplicates.
        var seen = Set<RecordID>()
        let members = group.filter { seen.insert(records[$0].id).inserted }
        guard members.count > 1 else { return [] }
        let sorted = members.sorted { a, b in
            let (da, db) = (records[a].dates.published ?? "", records[b].dates.published ?? "")
            return da != db ? da < db : records[a].id < records[b].id
        }
        let first = sorted[0]
        let second = sorted.first { titles[$0] != titles[first] }
        var out: [Finding] = []
        for i in members {
            guard let o = titles[i] != titles[first] ? first : second else { continue }
            let mine = records[i].dates.published
            let theirs = records[o].dates.published
            if let mine, let theirs, !(theirs < mine) { continue }
            out.append(Finding(record: records[i].id, other: records[o].id, reason: .sameBody))
        }
        return out
    }

    /// `records` with the findings applied: `duplicateOf` links and warnings.
    public static func apply(to records: [Record]) -> [Record] {
        var byRecord: [RecordID: [Finding]] = [:]
        for f in findings(in: records) { byRecord[f.record, default: []].append(f) }
        var titleOf: [RecordID: String] = [:]
        for r in records where titleOf[r.id] == nil { titleOf[r.id] = r.title }
        return records.map { r in
            var r = r
            for f in byRecord[r.id] ?? [] {
                switch f.reason {
                case .sameTitleAndDate:
                    let link = RecordLink(.duplicateOf, f.other)
                    if !r.links.contains(link) { r.links.append(link) }
                    addWarning(&r, "likely duplicate of \(f.other): same title and date")
                case .sameBody:
                    if r.title != titleOf[f.other] {
                        addWarning(&r, "carries the body of \(f.other) under another title (editor's mistake?)")
                    }
                }
            }
            return r
        }
    }

    /// The revision of one record to show: the latest (last in `revisions`) among those whose body
    /// is not another record's (checked against `others`), else the latest.
    public static func preferredRevision(of revisions: [Record], among others: [Record]) -> Record? {
        // Each other record's fingerprint and title folded once (not once per revision).
        var othersByFingerprint: [String: [(id: RecordID, title: String)]] = [:]
        for o in others {
            if let f = fingerprint(o) { othersByFingerprint[f, default: []].append((o.id, TextFolding.fold(o.title))) }
        }
        let clean = revisions.filter { rev in
            guard let f = fingerprint(rev), let same = othersByFingerprint[f] else { return true }
            let title = TextFolding.fold(rev.title)
            return !same.contains { $0.id != rev.id && $0.title != title }
        }
        return clean.last ?? revisions.last
    }

    /// The folded opening of a body, or nil when too short to compare.
    static func fingerprint(_ r: Record, folding: (String) -> String = TextFolding.fold) -> String? {
        guard let body = r.body else { return nil }
        // Only the opening counts: fold twice the fingerprint's length of visible characters,
        // not the whole body (folding is the costly part, and bodies run to megabytes).
        guard let opening = simpleOpening(body, visible: 2 * fingerprintLength) else {
            return characterFingerprint(body, folding: folding)
        }
        let folded = TextFolding.collapseWhitespace(folding(String(opening)))
        let scalars = folded.unicodeScalars
        // Characters are scalars in simple text (after collapsing, no CR LF is left).
        guard scalars.allSatisfy({ TextFolding.isSimple($0.value) }) else {
            return folded.count >= 200 ? String(folded.prefix(fingerprintLength)) : nil
        }
        guard scalars.count >= 200 else { return nil }
        return String(scalars.prefix(fingerprintLength))
    }

    /// The opening of `body` up to its `limit`-th visible character, scanned scalar by scalar
    /// (no grapheme breaking, no property look-ups: most of the detector's time before), or nil
    /// when it meets a scalar that is not simple (``TextFolding/isSimple(_:)``), for which
    /// characters must be told apart the slow way.
    static func simpleOpening(_ body: String, visible limit: Int) -> Substring.UnicodeScalarView? {
        let scalars = body.unicodeScalars
        var visible = 0
        var end = scalars.startIndex
        while end < scalars.endIndex, visible < limit {
            let v = scalars[end].value
            guard TextFolding.isSimple(v) else { return nil }
            if !TextFolding.isSimpleWhitespace(v) { visible += 1 }
            end = scalars.index(after: end)
        }
        // The next scalar must not extend the last character taken.
        if end < scalars.endIndex, !TextFolding.isSimple(scalars[end].value) { return nil }
        return scalars[..<end]
    }

    /// ``fingerprint(_:folding:)`` character by character (any text).
    static func characterFingerprint(_ body: String, folding: (String) -> String) -> String? {
        var visible = 0
        var end = body.startIndex
        while end < body.endIndex, visible < 2 * fingerprintLength {
            if !body[end].isWhitespace { visible += 1 }
            end = body.index(after: end)
        }
        let folded = TextFolding.collapseWhitespace(folding(String(body[..<end])))
        guard folded.count >= 200 else { return nil }
        return String(folded.prefix(fingerprintLength))
    }

    static func addWarning(_ r: inout Record, _ w: String) {
        if !r.warnings.contains(w) { r.warnings.append(w) }
    }
}
