/// The page shell: French, one `<main>`, a skip link, the search box in the header, a stylesheet
/// from `/static/` (the Content-Security-Policy allows no inline style or script).
enum Layout {
    /// The path the server is reached under behind a reverse proxy (`/ogp` for
    /// `--base-url https://example.org/ogp/`; empty at a host's root), before every link of a
    /// page. Set for each request by ``BasePathMiddleware``.
    @TaskLocal static var root = ""

    static func page(title: String, query: String = "", body: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) — ogp</title>
        <link rel="stylesheet" href="\(Layout.root)/static/style.css">
        <link rel="icon" href="\(Layout.root)/static/favicon.svg" type="image/svg+xml">
        <script src="\(Layout.root)/static/app.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#contenu">Aller au contenu</a>
        <header class="site">
        <a class="brand" href="\(Layout.root)/">ogp <span>gouvernement ouvert</span></a>
        <form class="search" role="search" action="\(Layout.root)/search" method="get">
        <label for="q-header" class="visually-hidden">Rechercher dans le catalogue</label>
        <input id="q-header" name="q" type="search" value="\(query)" maxlength="\(SearchParameters.maxQueryLength)" placeholder="Rechercher : plans, engagements, données…" autocomplete="off">
        <button type="submit">Rechercher</button>
        </form>
        </header>
        <main id="contenu">
        \(body)
        </main>
        <footer class="site">
        <p>Catalogue moissonné par ogp · <a href="\(Layout.root)/api/plans">API</a> · <a href="\(Layout.root)/openapi.json">OpenAPI</a> · <a href="\(Layout.root)/catalog.jsonld">DCAT</a></p>
        </footer>
        </body>
        </html>
        """
    }

    /// A link to a record's page.
    static func recordLink(id: String, title: String?) -> HTML {
        "<a href=\"\(Layout.root)/records/\(PathSegment.encode(id))\">\(title ?? id)</a>"
    }

    /// An external link, only for http(s) URLs; anything else (`javascript:`, `data:`, `file:`)
    /// is shown as text.
    static func externalLink(_ url: String, text: String? = nil) -> HTML {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else {
            return "<span class=\"url\">\(text ?? url)</span>"
        }
        return "<a href=\"\(url)\" rel=\"noopener noreferrer\">\(text ?? url)</a>"
    }

    /// A status badge.
    static func status(_ raw: String) -> HTML {
        "<span class=\"status status-\(raw)\">\(Labels.status(raw))</span>"
    }

    /// The date part (YYYY-MM-DD) of an ISO date.
    static func day(_ iso: String?) -> String? {
        iso.map { String($0.prefix(10)) }
    }
}

/// The stylesheet and script, served from memory (no file is read from disk).
enum Assets {
    static let css = """
        :root{--fg:#161616;--muted:#3a3a3a;--bg:#fff;--accent:#000091;--mark:#fff3b0;--line:#ddd;--soft:#f5f5fe}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus{outline:3px solid #0a76f6;outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        header.site{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:12px 16px;border-bottom:4px solid var(--accent)}
        .brand{font-weight:700;font-size:1.3rem;text-decoration:none;color:var(--fg)}.brand span{font-weight:400;color:var(--muted);font-size:.9rem}
        form.search{display:flex;flex:1 1 320px;gap:6px}form.search input{flex:1;min-width:0;padding:8px;border:2px solid var(--accent);border-radius:4px;font-size:1rem}
        button{padding:8px 14px;background:var(--accent);color:#fff;border:0;border-radius:4px;font-size:1rem;cursor:pointer}
        main{max-width:72rem;margin:0 auto;padding:16px}
        footer.site{border-top:1px solid var(--line);padding:12px 16px;color:var(--muted);font-size:.9rem}
        .layout{display:grid;grid-template-columns:16rem 1fr;gap:24px}
        @media (max-width:48rem){.layout{grid-template-columns:1fr}.facets{order:2}}
        .facets h2{font-size:1rem;margin:1rem 0 .3rem}.facets ul{list-style:none;margin:0;padding:0}.facets li{margin:.15rem 0}
        .facets a[aria-current]{font-weight:700}
        ol.results{list-style:none;padding:0}ol.results li{padding:12px 0;border-bottom:1px solid var(--line)}
        ol.results h2{font-size:1.1rem;margin:0 0 4px}.meta{color:var(--muted);font-size:.9rem}
        mark{background:var(--mark);color:inherit;padding:0 1px}
        .kind{display:inline-block;font-size:.8rem;border:1px solid var(--muted);border-radius:3px;padding:0 4px;margin-right:6px;color:var(--muted)}
        .status{display:inline-block;font-size:.85rem;border-radius:3px;padding:0 6px;background:#eee;color:#161616}
        .status-complete{background:#b8fec9}.status-substantial{background:#c3fad5}.status-limited{background:#fceeac}.status-notStarted{background:#fddfd8}
        nav.pages ul{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0}nav.pages a,nav.pages span{padding:4px 10px;border:1px solid var(--line);border-radius:4px}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        .plans{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:12px;padding:0;list-style:none}
        .plans li{border:1px solid var(--line);border-radius:6px;padding:12px;background:var(--soft)}
        .body{white-space:pre-line;max-width:48rem}.url{word-break:break-all}
        dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.fields dt{font-weight:600}dl.fields dd{margin:0}
        .notice{padding:8px 12px;background:var(--soft);border-left:4px solid var(--accent)}
        """

    /// A marianne-blue square with « ogp » (browsers ask for an icon; a 404 would be a console error).
    static let favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#000091"/>\
        <text x="16" y="21" font-family="sans-serif" font-size="12" font-weight="700" fill="#fff" text-anchor="middle">ogp</text></svg>
        """

    /// Progressive enhancement only: the page works without it. Filters (checkboxes are links
    /// already) and the search box need nothing; the script focuses the search field on `/`.
    static let js = """
        "use strict";
        document.addEventListener("keydown", function (e) {
          if (e.key === "/" && document.activeElement && document.activeElement.tagName !== "INPUT") {
            var q = document.getElementById("q-header");
            if (q) { e.preventDefault(); q.focus(); }
          }
        });
        """
}
