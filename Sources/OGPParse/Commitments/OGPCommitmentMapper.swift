import Foundation
import OGPModel

/// Maps rows of the OGP's commitments database (its spreadsheet exported as CSV) to commitment
/// records, columns found by name (see ``OGPCommitmentColumns``; unknown ones kept in `extras`).
///
/// One commitment per row, id `commitment:ogp:<OGP id>` (`FR0001`): English title and full text
/// (paragraphs kept), the French title as a translation when `plans.yml` lists the plan's
/// `commitment_titles` (by whole number), the number as text (`1.1000000000000001` → `1.1`, `3.2.5` kept), lead and
/// supporting institutions split on `;`, policy areas flagged `1` as themes, the plan's theme as
/// axis, the IRM's fields as ``IRMAssessment``, its two completion levels as dated status
/// assessments (the current status is the latest), the OGP page as URL. Placeholders (`ND`, `NR`,
/// `NA`, `Unclear`) are never values: an IRM field keeps the reason, another field is left out
/// and its reason goes to `extras["noData.<column>"]`.
///
/// The commitment is attached to its plan in the ``PlanCatalog`` (by `action_plan_id`, else by
/// member and years); a row whose plan is not there brings a plan record made from the row
/// (`actionPlan:ogp:<Action Plan ID>`), so that no commitment is left without a plan.
public struct OGPCommitmentMapper: Sendable {
    public static let parser = "ogp-commitments"
    public static let version = "1"
    /// The id namespace of the OGP's own ids.
    public static let namespace = "ogp"

    let columns: OGPCommitmentColumns
    let plans: PlanCatalog?
    let filter: OGPCommitmentFilter

    /// What one row gives.
    public enum Outcome: Sendable, Hashable {
        /// The commitment (and, when its plan is not in the catalogue, a plan made from the row).
        case parsed(item: String, records: [Record])
        /// Left out by the member or plan-years filter.
        case skipped(item: String)
        case failed(ItemFailure)
    }

    /// A mapper for a file whose header is `header`. Throws when a key column is missing.
    public init(
        header: [String], plans: PlanCatalog?, filter: OGPCommitmentFilter = OGPCommitmentFilter()
    ) throws(ParseError) {
        self.columns = try OGPCommitmentColumns(header: header)
        self.plans = plans
        self.filter = filter
    }

    public func map(_ row: CSVRow, context: ParseContext) -> Outcome {
        let f = row.fields
        guard let ogpID = value("Commitment Unique Identifier", f) else {
            return .failed(
                ItemFailure(
                    item: "\(context.url):\(row.line)", url: context.url, line: row.line, offset: row.offset,
                    code: "missing-id", reason: "the row has no Commitment Unique Identifier"))
        }
        let member = value("Country/Locality", f)
        let start = value("Year Of Submission", f).flatMap(Self.year)
        let end = value("Action Plan End Year", f).flatMap(Self.year)
        guard filter.accepts(member: member, start: start, end: end) else { return .skipped(item: ogpID) }
        guard let title = value("Commitment Title", f) ?? value("Short Title", f) else {
            return .failed(
                ItemFailure(
                    item: ogpID, url: context.url, line: row.line, offset: row.offset, code: "missing-title",
                    reason: "commitment \(ogpID) has no title"))
        }
        var extras: [String: String] = [:]
        for (i, name) in columns.extras where i < f.count {
            let v = f[i].trimmingCharacters(in: .whitespacesAndNewlines)
            if !v.isEmpty { extras[name] = v }
        }
        for name in [
            "Start Date", "End Date", "Lead Institution", "Supporting Institution(s)", "Full Text", "Theme", "URL",
        ] {
            if let raw = columns.raw(name, f), let reason = NoDataReason.placeholder(raw) {
                extras["noData.\(name)"] = reason.rawValue
            }
        }
        if let s = value("Start Date", f) { extras["startDate"] = s }
        if let e = value("End Date", f) { extras["endDate"] = e }
        if let code = value("Code", f) { extras["memberCode"] = code }
        if let m = member { extras["member"] = m }
        // The plan's years, not a date of the commitment (`dates` stay empty: the sheet has none).
        if let start { extras["yearOfSubmission"] = String(start) }

        let actionPlanID = value("Action Plan ID", f)
        let planNumber = value("Action Plan Number", f)
        var records: [Record] = []
        let planID: RecordID?
        var planEntry: PlanEntry?
        if let entry = plans?.plan(ogpActionPlanID: actionPlanID, member: member, start: start, end: end), let plans {
            planID = plans.planID(entry)
            planEntry = entry
        } else if actionPlanID != nil || (member != nil && start != nil) {
            let plan = planRecord(
                actionPlanID: actionPlanID, member: member, number: planNumber, start: start, end: end, f: f, row: row,
                context: context)
            planID = plan.id
            records.append(plan)
        } else {
            planID = nil
        }

        let numberText = value("Commitment Number", f).map(Self.number)
        let url = value("URL", f)
        var info = CommitmentInfo(
            plan: planID, number: numberText.flatMap { Int($0) }, numberLabel: numberText, ogpID: ogpID,
            axis: value("Theme", f),
            leadInstitutions: Self.institutions(value("Lead Institution", f)),
            supportingInstitutions: Self.institutions(value("Supporting Institution(s)", f)),
            assessments: assessments(f, url: url), irm: irm(f))
        info.applyLatestAssessment()
        let short = value("Short Title", f)
        // The French title, when the plans reference lists the plan's titles in order.
        var translations: [String: Translation] = [:]
        if let n = info.number, let titles = planEntry?.commitmentTitles, n >= 1, n <= titles.count {
            translations["fr"] = Translation(title: titles[n - 1])
        }
        let provenance = context.provenance(item: ogpID, url: context.url, parser: Self.parser, version: Self.version)
        var links: [RecordLink] = []
        if let planID { links.append(RecordLink(.partOf, planID)) }
        let commitment = Record(
            id: RecordID(kind: .commitment, namespace: Self.namespace, remoteID: ogpID), kind: .commitment,
            title: title,
            summary: short == title ? nil : short, body: value("Full Text", f).map(Self.paragraphs), language: "en",
            translations: translations,
            themes: columns.areas.filter { $0.0 < f.count && f[$0.0].trimmingCharacters(in: .whitespaces) == "1" }.map(
                \.1),
            url: url, links: links, references: url.map { [$0] } ?? [], extras: extras, provenance: [provenance],
            commitment: info)
        return .parsed(item: ogpID, records: [commitment] + records)
    }

    /// A column's value, nil when absent, empty or a placeholder.
    func value(_ name: String, _ f: [String]) -> String? {
        guard let raw = columns.raw(name, f), NoDataReason.placeholder(raw) == nil else { return nil }
        return raw
    }

    /// An IRM field: label and numeric twin, or the placeholder's reason.
    func assessed(_ name: String, score: String? = nil, _ f: [String]) -> AssessedValue? {
        guard let raw = columns.raw(name, f) else { return nil }
        if let reason = NoDataReason.placeholder(raw) { return AssessedValue(noData: reason) }
        let s = score.flatMap { value($0, f) }
        return AssessedValue(label: raw, score: s.map(Self.number))
    }

    func irm(_ f: [String]) -> IRMAssessment? {
        let a = IRMAssessment(
            specificity: assessed("Specificity", score: "_Specificity", f),
            verifiable: assessed("Verifiable", f),
            relevance: OGPCommitmentColumns.values.filter { value($0.column, f) == "1" }.map(\.name).sorted(),
            potentialImpact: assessed("Potential Impact", score: "_Potential Impact", f),
            completionProgress: assessed("Completion (Progress Report)", score: "_CompletionProgress", f),
            completionEndOfTerm: assessed("Completion (End Of Term)", score: "_CompletionEndTerm", f),
            starred: assessed("Starred (2015 Only)", f),
            potentialForResults: assessed("Potential for Results", score: "_Potential for Results", f),
            didItOpenGovernment: assessed("Did It Open Government (Overall)", score: "_OpenGovernment", f),
            earlyResults: assessed("Early Results", score: "_Early Results", f),
            progressReportYear: value("Report Publication Year (Progress Report)", f).map(Self.number),
            endOfTermReportYear: value("Report Publication Year (End Of Term)", f).map(Self.number),
            latestReportYear: value("Latest IRM Report", f).map(Self.number))
        return a == IRMAssessment() ? nil : a
    }

    /// The IRM's completion levels as status assessments, progress report first.
    func assessments(_ f: [String], url: String?) -> [StatusAssessment] {
        var out: [StatusAssessment] = []
        for (column, year, assessor) in [
            ("Completion (Progress Report)", "Report Publication Year (Progress Report)", Assessor.irmProgress),
            ("Completion (End Of Term)", "Report Publication Year (End Of Term)", Assessor.irmEndOfTerm),
        ] {
            guard let label = value(column, f) else { continue }
            out.append(
                StatusAssessment(
                    status: CommitmentStatus.fromLabel(label), label: label, assessor: assessor,
                    date: value(year, f).map(Self.number), url: url))
        }
        return out
    }

    /// A plan record made from the row, for a plan the catalogue does not hold.
    func planRecord(
        actionPlanID: String?, member: String?, number: String?, start: Int?, end: Int?, f: [String], row: CSVRow,
        context: ParseContext
    ) -> Record {
        let remote = actionPlanID ?? "\(member ?? "unknown")-\(number ?? "?")-\(start.map(String.init) ?? "?")"
        let years = [start, end].compactMap { $0 }.map(String.init).joined(separator: "-")
        var title = "\(member ?? "OGP member") action plan"
        if let number { title += " \(Self.number(number))" }
        if !years.isEmpty { title += " (\(years))" }
        var extras: [String: String] = [:]
        if let actionPlanID { extras["ogpActionPlanID"] = actionPlanID }
        if let number { extras["ordinal"] = Self.number(number) }
        if let m = member { extras["member"] = m }
        let local = value("National Or Local", f).map { $0.lowercased() == "local" } ?? false
        return Record(
            id: RecordID(kind: .actionPlan, namespace: Self.namespace, remoteID: remote), kind: .actionPlan,
            title: title,
            language: "en", extras: extras,
            provenance: [
                context.provenance(
                    item: actionPlanID ?? remote, url: context.url, parser: Self.parser, version: Self.version)
            ],
            actionPlan: ActionPlanInfo(
                country: value("Code", f) ?? "", institution: local ? "local" : "government", startYear: start,
                endYear: end))
    }

    // MARK: field cleaning

    /// A number as text: spreadsheet floats back to what was typed (`1.1000000000000001` → `1.1`,
    /// `4.0` → `4`), dotted numbers (`3.2.5`) and other text unchanged.
    static func number(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            t.utf8.count <= 24, let d = Double(t), d.isFinite
        else { return t }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return parts[1].count > 6 ? String(d) : t
    }

    /// A year (`2015`, `2015.0`), nil when not one.
    static func year(_ text: String) -> Int? {
        guard let y = Int(number(text)), (1900...2200).contains(y) else { return nil }
        return y
    }

    /// Institutions separated by `;` (placeholders and duplicates dropped).
    static func institutions(_ text: String?) -> [String] {
        guard let text else { return [] }
        var seen = Set<String>()
        return text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && NoDataReason.placeholder($0) == nil && seen.insert($0).inserted }
    }

    /// Multi-line text: lines trimmed, CRLF undone, runs of blank lines to one.
    static func paragraphs(_ text: String) -> String {
        var out: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(t)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }
}

/// Which rows of the OGP's database to keep: by member (`France`; all when empty) and by plan
/// years (`2015-2017`, or a start year `2015`; all when empty). Compared without case or accents.
public struct OGPCommitmentFilter: Sendable, Hashable {
    public var members: [String]
    public var planYears: [String]

    public init(members: [String] = [], planYears: [String] = []) {
        self.members = members
        self.planYears = planYears
    }

    public func accepts(member: String?, start: Int?, end: Int?) -> Bool {
        if !members.isEmpty {
            guard let member, members.contains(where: { TextFolding.fold($0) == TextFolding.fold(member) }) else {
                return false
            }
        }
        if !planYears.isEmpty {
            let period = "\(start.map(String.init) ?? "?")-\(end.map(String.init) ?? "?")"
            let first = start.map(String.init) ?? "?"
            guard planYears.contains(where: { $0 == period || $0 == first }) else { return false }
        }
        return true
    }
}
