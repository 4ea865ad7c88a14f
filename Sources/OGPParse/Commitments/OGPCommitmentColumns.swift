import Foundation
import OGPModel

/// The columns of the OGP's commitments database that ``OGPCommitmentMapper`` maps, found by
/// name in the header (order and case free), and the policy-area flags read as themes.
struct OGPCommitmentColumns: Sendable {
    /// Columns without which a row is not a commitment: their absence is a source error.
    static let required = ["Commitment Unique Identifier", "Commitment Title"]

    /// Mapped columns (besides the policy areas), by the name the sheet gives them.
    static let mapped: [String] = [
        "Commitment Unique Identifier", "Country/Locality", "Action Plan Number", "Commitment Number", "Code",
        "National Or Local", "Year Of Submission", "Action Plan End Year", "Theme", "Commitment Title", "Short Title",
        "Full Text", "Start Date", "End Date", "Lead Institution", "Supporting Institution(s)",
        "Report Publication Year (Progress Report)", "Specificity", "_Specificity", "Verifiable",
        "OGP Value Access To Information", "OGP Value Civic Participation", "OGP Value Public Accountability",
        "OGP Value Technology", "Potential Impact", "_Potential Impact", "Completion (Progress Report)",
        "_CompletionProgress", "Starred (2015 Only)", "Potential for Results", "_Potential for Results",
        "Report Publication Year (End Of Term)", "Completion (End Of Term)", "_CompletionEndTerm",
        "Early Results", "_Early Results", "Did It Open Government (Overall)", "_OpenGovernment", "URL",
        "Latest IRM Report", "Action Plan ID",
    ]

    /// The policy-area flags (`1` when the commitment is in the area), as the 2024 sheet names them.
    static let policyAreas: [String] = [
        "Anti-Corruption and Integrity", "Anti-corruption Institutions", "Anti-Corruption Strategies",
        "Asset Disclosure",
        "Audits", "Beneficial Ownership", "Conflicts Of Interest", "Elections", "Political Finance", "Lobbying",
        "Open Contracting", "Public Procurement", "Right To Information", "Whistleblower Protections",
        "Civic Space and Enabling Environment", "Freedom of Assembly", "Freedom of Association",
        "Freedom of Expression",
        "Democratizing Decision-Making", "Digital Participation", "Mainstreaming Participation",
        "Regulatory Governance",
        "Social Accountability", "Digital Governance", "Automated Decision-making", "Data Stewardship and Privacy",
        "Digital Inclusion", "Disinformation/Misinformation", "Online Civic Space", "Environment & Climate",
        "Climate Finance", "Climate Mitigation and Adaptation", "Environmental Regulation",
        "International Environmental Agreements", "Fiscal Openness", "Publication Of Budget/Fiscal Information",
        "Public Participation In Budget/Fiscal Policy", "Oversight Of Budget/Fiscal Policies",
        "Stimulus and Economic Recovery", "Tax", "Debt", "Inclusion", "Gender", "Gender-Based Violence",
        "Economic Inclusion", "LGBTQIA+", "People with Disabilities", "Youth", "Justice", "Access to Justice",
        "Open Justice", "Policing & Corrections", "Judiciary", "Open Parliaments", "Public Service Delivery",
        "Citizenship & Immigration", "Education", "Health & Nutrition", "Infrastructure & Transport",
        "Water & Sanitation", "Capacity Building", "Digital Transformation", "Legislation", "Regulation",
        "Legislative Oversight", "Open Data", "Public Participation", "Aid", "Energy", "Extractive Industries",
        "Land and Spatial Planning", "Media & Telecommunications", "Science & Technology", "Security & Public Safety",
        "Labor", "Private Sector", "Subnational", "Human Rights", "Open Parliament Plan",
        "Sustainable Development Goals", "Open Data (Water/Sanitation)", "Open Data (Health)",
        "Open Data (Education)", "Participation in Lawmaking", "Access to information", "Money in Politics",
    ]

    /// OGP values → the names kept in ``IRMAssessment/relevance``.
    static let values: [(column: String, name: String)] = [
        ("OGP Value Access To Information", "access-to-information"),
        ("OGP Value Civic Participation", "civic-participation"),
        ("OGP Value Public Accountability", "public-accountability"),
        ("OGP Value Technology", "technology"),
    ]

    /// Column name (case-folded) → index in the header.
    let index: [String: Int]
    /// Policy-area columns present: (index, name).
    let areas: [(Int, String)]
    /// Columns neither mapped nor policy areas, kept in extras: (index, name).
    let extras: [(Int, String)]
    let count: Int

    init(header: [String]) throws(ParseError) {
        var index: [String: Int] = [:]
        for (i, raw) in header.enumerated() {
            let name = Self.key(raw)
            if index[name] == nil { index[name] = i }
        }
        for name in Self.required where index[Self.key(name)] == nil {
            throw ParseError(
                .missingField,
                "the OGP commitments CSV has no `\(name)` column (header: \(header.prefix(8).joined(separator: ", "))…)"
            )
        }
        let mappedKeys = Set(Self.mapped.map(Self.key))
        let areaKeys = Set(Self.policyAreas.map(Self.key))
        var areas: [(Int, String)] = []
        var extras: [(Int, String)] = []
        for (i, raw) in header.enumerated() where index[Self.key(raw)] == i {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if areaKeys.contains(Self.key(raw)) {
                areas.append((i, name))
            } else if !mappedKeys.contains(Self.key(raw)) {
                extras.append((i, name))
            }
        }
        self.index = index
        self.areas = areas
        self.extras = extras
        self.count = header.count
    }

    static func key(_ name: String) -> String {
        // Column names are looked up once per field of every row: plain ASCII names without
        // surrounding blanks (all of the sheet's) are folded byte by byte, the rest by Foundation.
        let bytes = name.utf8
        if let f = bytes.first, let l = bytes.last, f > 0x20, l > 0x20, bytes.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The raw value of column `name` in `fields`, trimmed; nil when the column is absent or empty.
    func raw(_ name: String, _ fields: [String]) -> String? {
        guard let i = index[Self.key(name)], i < fields.count else { return nil }
        let v = fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty ? nil : v
    }
}
