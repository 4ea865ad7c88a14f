/// What an HTML element does to the text around it: the one tag table of the text core, read
/// by the byte scanner (``HTMLScanner``) and by the libxml2 tree walk (``HTMLDocument``).
enum HTMLTagRole: Sendable {
    /// A block: its start and end are paragraph breaks.
    case block
    /// A line break (`<br>`), or an element on lines of its own (table rows, definition terms).
    case line
    /// `<li>`: a `- ` item on a new line (its end adds nothing: items are consecutive lines,
    /// as in Markdown).
    case listItem
    /// A table cell: a space.
    case cell
    /// `<script>`, `<style>`, `<noscript>`: dropped with their content.
    case hidden
    /// `<a>`: its `href` is a link.
    case anchor
    /// `<iframe>`, `<embed>`: their `src` is a link.
    case embedded
    /// `<img>`: its `alt` is text.
    case image
}

enum HTMLTags {
    static let roles: [String: HTMLTagRole] = {
        var roles: [String: HTMLTagRole] = [:]
        for name in [
            "p", "div", "section", "article", "header", "footer", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "figure", "figcaption", "table", "ul", "ol", "dl", "pre", "hr",
        ] { roles[name] = .block }
        for name in ["br", "tr", "dt", "dd"] { roles[name] = .line }
        for name in ["td", "th"] { roles[name] = .cell }
        for name in ["script", "style", "noscript"] { roles[name] = .hidden }
        for name in ["iframe", "embed"] { roles[name] = .embedded }
        roles["li"] = .listItem
        roles["a"] = .anchor
        roles["img"] = .image
        return roles
    }()

    /// The text an element's start (or end, when `closing`) adds: paragraph and line breaks,
    /// list bullets, cell spaces; empty for inline elements.
    static func layout(_ role: HTMLTagRole?, closing: Bool) -> [UInt8] {
        switch role {
        case .block?: [10, 10]
        case .line?: [10]
        case .listItem?: closing ? [] : [10, 45, 32]
        case .cell?: [32]
        default: []
        }
    }
}
