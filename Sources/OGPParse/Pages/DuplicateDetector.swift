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

    /// Every finding among `records` (one source's), in a stable order.
    public static func findings(in records: [Record]) -> [Finding] {
        var found: [Finding] = []
        var byTitleDate: [String: [Record]] = [:]
        var byBody: [String: [Record]] = [:]
        for r in records {
            if let day = r.dates.published?.prefix(10) {
                byTitleDate[TextFolding.fold(r.title) + "|" + day, default: []].append(r)
            }
            if let f = fingerprint(r) { byBody[f, default: []].append(r) }
        }
        for group in byTitleDate.values {
            let ids = Set(group.map(\.id))
            guard ids.count > 1 else { continue }
            let sorted = group.sorted { ($0.draft ? 1 : 0, $0.id) < ($1.draft ? 1 : 0, $1.id) }
            let keep = sorted[0]
            for r in sorted.dropFirst() where r.id != keep.id && !found.contains(where: { $0.record == r.id && $0.reason == .sameTitleAndDate }) {
                found.append(Finding(record: r.id, other: keep.id, reason: .sameTitleAndDate))
            }
        }
        for group in byBody.values {
            for r in group {
                let title = TextFolding.fold(r.title)
                // The later record carries the earlier one's body (both are flagged when undated).
                let earlier = group.first { o in
                    guard o.id != r.id, TextFolding.fold(o.title) != title else { return false }
                    guard let mine = r.dates.published, let theirs = o.dates.published else { return true }
                    return theirs < mine
                }
                if let other = earlier {
                    let finding = Finding(record: r.id, other: other.id, reason: .sameBody)
                    if !found.contains(finding) { found.append(finding) }
                }
            }
        }
        return found.sorted { ($0.record, $0.other, $0.reason.rawValue) < ($1.record, $1.other, $1.reason.rawValue) }
    }

    /// `records` with the findings applied: `duplicateOf` links and warnings.
    public static func apply(to records: [Record]) -> [Record] {
        let all = findings(in: records)
        return records.map { r in
            var r = r
            for f in all where f.record == r.id {
                switch f.reason {
                case .sameTitleAndDate:
                    let link = RecordLink(.duplicateOf, f.other)
                    if !r.links.contains(link) { r.links.append(link) }
                    addWarning(&r, "likely duplicate of \(f.other): same title and date")
                case .sameBody:
                    if r.title != records.first(where: { $0.id == f.other })?.title {
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
        let clean = revisions.filter { rev in
            guard let f = fingerprint(rev) else { return true }
            let title = TextFolding.fold(rev.title)
            return !others.contains { $0.id != rev.id && fingerprint($0) == f && TextFolding.fold($0.title) != title }
        }
        return clean.last ?? revisions.last
    }

    /// The folded opening of a body, or nil when too short to compare.
    static func fingerprint(_ r: Record) -> String? {
        guard let body = r.body else { return nil }
        let folded = TextFolding.collapseWhitespace(TextFolding.fold(body))
        guard folded.count >= 200 else { return nil }
        return String(folded.prefix(fingerprintLength))
    }

    static func addWarning(_ r: inout Record, _ w: String) {
        if !r.warnings.contains(w) { r.warnings.append(w) }
    }
}
