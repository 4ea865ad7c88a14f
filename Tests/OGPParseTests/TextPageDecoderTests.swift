import Foundation
import OGPModel
import OGPParse
import Testing

/// The plain-text decoder on captures of other formats: a Markdown file saved as text names its
/// title and date in its front matter (ogp-documents' 000 and 001 are such captures).
@Suite struct TextPageDecoderTests {
    static let context = ParseContext(source: "docs", sourceKind: "text", url: "file:///captures/001.txt")

    @Test func aFrontMatterGivesTheTitleAndDate() throws {
        let text = """
            ---
            title: '[Vidéo] Partenariat pour un Gouvernement ouvert : le plan d’action français évalué'
            date: 2016-07-25 16:06:00 +02:00
            ---
            La France a publié son premier plan d’action national en juillet 2015.
            """
        guard case .parsed(_, let records) = TextPageDecoder.decode(Data(text.utf8), context: Self.context),
            let r = records.first
        else { Issue.record("not parsed"); return }
        #expect(r.title == "[Vidéo] Partenariat pour un Gouvernement ouvert : le plan d’action français évalué")
        #expect(r.dates.published?.hasPrefix("2016-07-25") == true)
        #expect(r.body?.hasPrefix("La France a publié") == true)
        #expect(r.body?.contains("---") == false)
    }

    @Test func withoutFrontMatterTheFirstLineIsTheTitle() throws {
        let text = "Partenariat pour un gouvernement ouvert\n\nLe plan 2021-2023 compte six engagements.\n"
        guard case .parsed(_, let records) = TextPageDecoder.decode(Data(text.utf8), context: Self.context),
            let r = records.first
        else { Issue.record("not parsed"); return }
        #expect(r.title == "Partenariat pour un gouvernement ouvert")
        #expect(r.body == "Le plan 2021-2023 compte six engagements.")
    }
}
