import Foundation
import OGPModel

/// Whether a publication names a commitment, and how: its OGP id (`FR0001`, also in the OGP's
/// lower-case URLs), its title (or French title) written out, or its number together with its
/// plan (« engagement 4 » in a publication about that plan). Pure, and the same test for both
/// directions, so `ogp show` finds a commitment's news and a publication's commitments alike.
public enum CommitmentMentions {
    public enum Reason: String, Codable, Sendable, Hashable {
        case ogpID = "ogp-id", title, numberInPlan = "number-in-plan"
    }

    /// Titles shorter than this are too common to count as a mention (« Open Data »).
    static let minimumTitleLength = 25

    /// How `publication` names `commitment`, or nil.
    public static func reason(publication: Record, commitment: Record) -> Reason? {
        guard publication.kind == .publication, commitment.kind == .commitment, let info = commitment.commitment else {
            return nil
        }
        let raw = ([publication.title, publication.summary ?? "", publication.body ?? ""] + publication.references)
            .joined(separator: "\n")
        if let ogp = info.ogpID, containsWord(raw.lowercased(), ogp.lowercased()) { return .ogpID }
        let text = TextFolding.fold(raw)
        for title in [commitment.title, commitment.translations["fr"]?.title].compactMap({ $0 }) {
            let t = TextFolding.fold(title)
            if t.count >= minimumTitleLength, text.contains(t) { return .title }
        }
        if let plan = info.plan, let number = info.displayNumber,
            publication.links.contains(where: { $0.target == plan && $0.relation == .reportsOn })
        {
            for prefix in [
                "engagement ", "engagement n° ", "engagement n°", "engagement no ", "engagement numero ", "commitment ",
            ]
            where containsWord(text, prefix + number) {
                return .numberInPlan
            }
        }
        return nil
    }

    /// `needle` in `haystack` not glued to a letter, digit or dot-digit on either side.
    static func containsWord(_ haystack: String, _ needle: String) -> Bool {
        var searchRange = haystack.startIndex..<haystack.endIndex
        while let r = haystack.range(of: needle, range: searchRange) {
            let before = r.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: r.lowerBound)]
            var after = r.upperBound == haystack.endIndex ? nil : haystack[r.upperBound]
            if after == "." {
                // A full stop ends the word; a dot before a digit continues a number (4.1).
                let next = haystack.index(after: r.upperBound)
                if next == haystack.endIndex || !haystack[next].isNumber { after = nil }
            }
            let glued: (Character?) -> Bool = { c in c.map { $0.isLetter || $0.isNumber || $0 == "." } ?? false }
            if !glued(before), !glued(after) { return true }
            searchRange = r.upperBound..<haystack.endIndex
        }
        return false
    }
}
