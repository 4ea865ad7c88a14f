/// Text and links extracted from markup: the one result type of the text core (pages,
/// dataset descriptions, libxml2 documents).
public struct ExtractedText: Sendable, Hashable {
    /// Plain text: paragraphs separated by one blank line, list items as `- item`.
    public var text: String
    /// Links cited (`href` of links, `src` of iframes, Markdown links, bare URLs in
    /// descriptions), in document order, without duplicates, under ``LinkList``'s URL policy.
    public var references: [String]

    /// Text and references as given.
    public init(text: String, references: [String]) {
        self.text = text
        self.references = references
    }
}
