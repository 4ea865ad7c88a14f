import Foundation
import OGPModel
import Testing

@testable import OGPParse

/// The OGP commitments database decoder, on a slice of the real export (always) and on the
/// whole shared export (558 rows; skipped cleanly when ../shared is absent).
@Suite("OGP commitments decoder")
struct OGPCommitmentMapperTests {
    static let context = ParseContext(source: "ogp-commitments", sourceKind: "ogp-commitments", url: "file:///ogp.csv")

    /// The shared export: `$OGP_SHARED`, else `../shared` beside the package (or beside its worktree folder).
    static var sharedExport: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var candidates = [
            root.appendingPathComponent("../shared").path, root.appendingPathComponent("../../shared").path,
        ]
        if let env = ProcessInfo.processInfo.environment["OGP_SHARED"] { candidates.insert(env, at: 0) }
        return candidates.map { "\($0)/corpus/ogp-commitments-data/g0v--open_parliament_0703.csv" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    static func plans() throws -> PlanCatalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try PlanCatalog.load(
            yaml: String(contentsOfFile: root.appendingPathComponent("config/plans.yml").path, encoding: .utf8))
    }

    static func sliceData() throws -> Data {
        guard
            let url = Bundle.module.url(forResource: "Fixtures/commitments/ogp-commitments-slice", withExtension: "csv")
        else {
            throw FixtureError.missing("ogp-commitments-slice.csv")
        }
        return try Data(contentsOf: url)
    }

    /// Every outcome of a CSV, in order.
    static func decode(
        _ reader: CSVReader, filter: OGPCommitmentFilter = OGPCommitmentFilter()
    ) throws -> [OGPCommitmentMapper.Outcome] {
        guard case .row(let header)? = reader.next() else { throw FixtureError.notParsed("no header") }
        let mapper = try OGPCommitmentMapper(header: header.fields, plans: try plans(), filter: filter)
        var out: [OGPCommitmentMapper.Outcome] = []
        while let element = reader.next() {
            switch element {
            case .row(let row): out.append(mapper.map(row, context: context))
            case .malformed(let bad): out.append(.failed(bad.failure(item: "x")))
            }
        }
        return out
    }

    static func records(_ outcomes: [OGPCommitmentMapper.Outcome]) -> [Record] {
        outcomes.flatMap { if case .parsed(_, let r) = $0 { r } else { [Record]() } }
    }

    static func commitment(_ records: [Record], _ ogpID: String) -> Record? {
        records.first { $0.kind == .commitment && $0.commitment?.ogpID == ogpID }
    }

    static var comma: CSVOptions { CSVOptions(separator: UInt8(ascii: ",")) }

    @Test func frenchCommitmentLandsInItsPlanWithItsStatuses() throws {
        let records = Self.records(try Self.decode(CSVReader(data: try Self.sliceData(), options: Self.comma)))
        let fr1 = try #require(Self.commitment(records, "FR0001"))
        #expect(fr1.id.rawValue == "commitment:ogp:FR0001")
        #expect(fr1.title == "Open Regional and Local Authorities' Data")
        #expect(fr1.language == "en")
        let info = try #require(fr1.commitment)
        #expect(info.plan?.rawValue == "actionPlan:ogp-fr:plan-2015-2017-gov")
        #expect(fr1.links.contains(RecordLink(.partOf, RecordID(rawValue: "actionPlan:ogp-fr:plan-2015-2017-gov"))))
        #expect(info.numberLabel == "1.1")
        #expect(info.number == nil)
        #expect(info.status == .substantial)
        #expect(info.assessments.map(\.assessor) == [.irmProgress, .irmEndOfTerm])
        #expect(info.assessments.last?.date == "2018")
        #expect(
            info.leadInstitutions == [
                "Ministry of the Interior", "Ministry for Decentralization and the Civil Service",
            ])
        #expect(info.supportingInstitutions.isEmpty)
        #expect(fr1.extras["noData.Supporting Institution(s)"] == "not-applicable")
        #expect(fr1.extras["noData.Start Date"] == "not-applicable")
        #expect(fr1.extras["startDate"] == nil)
        #expect(info.irm?.specificity == AssessedValue(label: "High", score: "3"))
        #expect(info.irm?.potentialForResults == AssessedValue(noData: .noData))
        #expect(info.irm?.relevance == ["access-to-information"])
        #expect(fr1.themes.contains("Open Data") && fr1.themes.contains("Fiscal Openness"))
        #expect(!fr1.themes.contains("Digital Participation"))  // ND is not a flag
        #expect(fr1.url == "https://opengovpartnership.org/members/france/commitments/fr0001")
        #expect(fr1.body?.hasPrefix("STAKES\nTo meet the citizens") == true)
        #expect(fr1.extras["yearOfSubmission"] == "2015")
        // Columns the mapper does not know are kept.
        #expect(fr1.extras["id"] == "1175")
        #expect(fr1.extras["Binding constraint"] == "PotImp")
        let fr15 = try #require(Self.commitment(records, "FR0015"))
        #expect(fr15.commitment?.number == 12 && fr15.commitment?.numberLabel == "12")
    }

    @Test func otherMembersGetAPlanMadeFromTheRow() throws {
        let records = Self.records(try Self.decode(CSVReader(data: try Self.sliceData(), options: Self.comma)))
        let cr = try #require(Self.commitment(records, "CR0016"))
        #expect(cr.commitment?.numberLabel == "3.2.5")
        #expect(cr.commitment?.plan?.rawValue == "actionPlan:ogp:AP_CRI01")
        let plan = try #require(records.first { $0.id.rawValue == "actionPlan:ogp:AP_CRI01" })
        #expect(plan.kind == .actionPlan)
        #expect(plan.title.hasPrefix("Costa Rica action plan 1 ("))
        #expect(plan.actionPlan?.startYear != nil)
        let withdrawn = try #require(Self.commitment(records, "SK0013"))
        #expect(withdrawn.commitment?.assessments.first?.status == .withdrawn)
        let unclear = try #require(Self.commitment(records, "PY0052"))
        #expect(unclear.commitment?.irm?.completionEndOfTerm == AssessedValue(noData: .unclear))
        #expect(!(unclear.commitment?.assessments.contains { $0.assessor == .irmEndOfTerm } ?? true))
    }

    @Test func filtersByMemberAndPlanYears() throws {
        let outcomes = try Self.decode(
            CSVReader(data: try Self.sliceData(), options: Self.comma),
            filter: OGPCommitmentFilter(members: ["FRANCE"], planYears: ["2015-2017"]))
        #expect(
            Self.records(outcomes).map(\.id.rawValue).sorted() == [
                "commitment:ogp:FR0001", "commitment:ogp:FR0015", "commitment:ogp:FR0026",
            ])
        #expect(outcomes.filter { if case .skipped = $0 { true } else { false } }.count == 5)
        let none = try Self.decode(
            CSVReader(data: try Self.sliceData(), options: Self.comma),
            filter: OGPCommitmentFilter(members: ["France"], planYears: ["2018-2020"]))
        #expect(Self.records(none).isEmpty)
    }

    @Test func reorderedColumnsAndAMissingKeyColumn() throws {
        let csv =
            "Commitment Title,Extra Column,commitment unique identifier,Commitment Number\nA title,x,ZZ0001,2.2999999999999998\n"
        let records = Self.records(try Self.decode(CSVReader(data: Data(csv.utf8), options: Self.comma)))
        #expect(records.count == 1)
        #expect(records.first?.commitment?.numberLabel == "2.3")
        #expect(records.first?.extras["Extra Column"] == "x")
        #expect(records.first?.commitment?.plan == nil)
        #expect(throws: ParseError.self) {
            _ = try OGPCommitmentMapper(header: ["Commitment Title", "Commitment Number"], plans: nil)
        }
        do {
            _ = try OGPCommitmentMapper(header: ["Commitment Title"], plans: nil)
        } catch {
            #expect(error.description.contains("Commitment Unique Identifier"))
        }
    }

    @Test func builtInPlansAreTheShippedConfigAndLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(contentsOfFile: root.appendingPathComponent("config/plans.yml").path, encoding: .utf8)
        #expect(PlanCatalog.builtInYAML + "\n" == file, "run scripts/embed-plans.sh after editing config/plans.yml")
        let catalog = try PlanCatalog.load(yaml: PlanCatalog.builtInYAML)
        #expect(catalog.member == "France")
        #expect(
            catalog.plan(ogpActionPlanID: "ap_fra01", member: nil, start: nil, end: nil)?.id == "plan-2015-2017-gov")
        #expect(
            catalog.plan(ogpActionPlanID: nil, member: "france", start: 2018, end: 2020)?.id == "plan-2018-2020-gov")
        #expect(catalog.plan(ogpActionPlanID: "AP_XXX01", member: "Albania", start: 2018, end: 2020) == nil)
    }

    @Test func frenchTitleFromThePlansReference() throws {
        var catalog = try Self.plans()
        let i = try #require(catalog.plans.firstIndex { $0.actionPlanID == "AP_FRA01" })
        catalog.plans[i].commitmentTitles = (1...26).map { "Engagement \($0)" }
        let reader = CSVReader(data: try Self.sliceData(), options: Self.comma)
        guard case .row(let header)? = reader.next() else { throw FixtureError.notParsed("no header") }
        let mapper = try OGPCommitmentMapper(header: header.fields, plans: catalog)
        var records: [Record] = []
        while case .row(let row)? = reader.next() {
            if case .parsed(_, let r) = mapper.map(row, context: Self.context) { records += r }
        }
        #expect(Self.commitment(records, "FR0015")?.translations["fr"]?.title == "Engagement 12")
        // 1.1 is not a whole number: no title is guessed.
        #expect(Self.commitment(records, "FR0001")?.translations.isEmpty == true)
    }

    @Test func numbersAndTexts() {
        #expect(OGPCommitmentMapper.number("1.1000000000000001") == "1.1")
        #expect(OGPCommitmentMapper.number("4.0999999999999996") == "4.1")
        #expect(OGPCommitmentMapper.number("4.0") == "4")
        #expect(OGPCommitmentMapper.number("3.2.5") == "3.2.5")
        #expect(OGPCommitmentMapper.number("12") == "12")
        #expect(OGPCommitmentMapper.number("1e400") == "1e400")
        #expect(OGPCommitmentMapper.number("99999999999999999999.5") == "99999999999999999999.5")
        #expect(OGPCommitmentMapper.institutions("A; B;A ; NA") == ["A", "B"])
        #expect(OGPCommitmentMapper.paragraphs("STAKES \r\n To meet\n\n\n  more \n") == "STAKES\nTo meet\n\nmore")
    }

    @Test(.enabled(if: sharedExport != nil, "the shared corpus (../shared) is absent"))
    func wholeSharedExport() throws {
        let path = try #require(Self.sharedExport)
        let outcomes = try Self.decode(try CSVReader(path: path, options: Self.comma))
        #expect(outcomes.count == 558)
        let failed = outcomes.filter { if case .failed = $0 { true } else { false } }
        #expect(failed.isEmpty, "\(failed.prefix(3))")
        let records = Self.records(outcomes)
        let commitments = records.filter { $0.kind == .commitment }
        #expect(commitments.count == 558)
        #expect(Set(commitments.map(\.id)).count == 558)
        // Every placeholder is a reason, never a value.
        let placeholders: Set<String> = ["ND", "NR", "NA", "Unclear", "N/A"]
        for r in commitments {
            let c = try #require(r.commitment)
            for a in c.assessments { #expect(!placeholders.contains(a.label)) }
            for i in c.leadInstitutions + c.supportingInstitutions { #expect(!placeholders.contains(i)) }
            #expect(!placeholders.contains(r.title))
            #expect(!(c.numberLabel ?? "").contains("0000000"), "\(c.numberLabel ?? "")")
        }
        let notWhole = commitments.filter { $0.commitment?.number == nil }.count
        #expect(notWhole == 88)
        #expect(commitments.contains { ($0.body ?? "").contains("\n") })
        #expect(commitments.contains { ($0.commitment?.leadInstitutions.count ?? 0) > 1 })
        // The end-of-term completions of the SOURCES.md count.
        var endOfTerm: [String: Int] = [:]
        for r in commitments {
            if let v = r.commitment?.irm?.completionEndOfTerm {
                endOfTerm[v.label ?? v.noData?.rawValue ?? "?", default: 0] += 1
            }
        }
        #expect(
            endOfTerm["not-reviewed"] == 153 && endOfTerm["Substantial"] == 122 && endOfTerm["no-data"] == 62
                && endOfTerm["unclear"] == 2)
        #expect(commitments.contains { $0.commitment?.assessments.contains { $0.status == .withdrawn } == true })
        let fr1 = try #require(Self.commitment(records, "FR0001"))
        #expect(fr1.commitment?.plan?.rawValue == "actionPlan:ogp-fr:plan-2015-2017-gov")
        #expect(fr1.commitment?.assessments.last { $0.assessor == .irmEndOfTerm }?.status == .substantial)
        #expect(fr1.commitment?.status == .substantial)
    }
}
