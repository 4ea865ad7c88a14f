/// A tolerant, linear converter of HTML fragments (a WordPress `content.rendered`, raw HTML
/// inside Markdown) to text. It never fails: unclosed tags, lone closing tags (opening tags
/// stripped at the source) and stray `<` are read as well as can be.
///
/// The markup goes through the byte scanner of the text core (``HTMLScanner``: one tag table,
/// one entity table, one link policy), the text through ``TextNormalizer``.
public enum HTMLFragmentText {
    /// Converts `html`. With `keepNewlines`, line breaks in the text are kept (Markdown input);
    /// otherwise they are spaces, as in HTML. Relative links are resolved against `baseURL`.
    public static func convert(_ html: String, keepNewlines: Bool = false, baseURL: String? = nil) -> ExtractedText {
        var links = LinkList(base: baseURL)
        let out = HTMLScanner.strip(Array(html.utf8), newlines: keepNewlines ? .keep : .asSpaces, links: &links)
        return ExtractedText(
            text: TextNormalizer.normalize(String(decoding: out, as: UTF8.self)), references: links.items)
    }
}
