#!/usr/bin/env python3
"""Rebuilds the derived fixtures of OGPHarvestTests from the repository's config/demo/ sample
(itself copied from ../shared/corpus/, see config/demo/SOURCES.md). Run from this directory:
    python3 derive.py
Byte-for-byte copies (jekyll/, wordpress/003_*.txt) are made by cp, see SOURCES.md."""
import json, re, pathlib
import yaml  # PyYAML

here = pathlib.Path(__file__).resolve().parent
demo = here.parents[2] / "config" / "demo"

# csv/export-slice.csv: the header and the first 20 records of the demo slice, bytes unchanged.
raw = (demo / "datagouv-export" / "export-dataset-20260116-slice.csv").read_bytes()
records = re.split(rb'\r\n(?="[0-9a-f]{24}";)', raw)
(here / "csv" / "export-slice.csv").write_bytes(b"\r\n".join(records[:21]) + b"\r\n")

# udata/datasets.json: the 8 dataset entries of the demo's page-2.json (real API v1 list
# entries); the tests cut them into pages and write the envelope (page, next_page…).
page = json.loads((demo / "datagouv-api" / "page-2.json").read_text())
(here / "udata" / "datasets.json").write_text(json.dumps(page["data"], ensure_ascii=False, indent=1) + "\n")

# wordpress/posts.json, categories.json, tags.json: WordPress REST API v2 posts in the shape of
# the real 003_… response (id, date, date_gmt, guid, modified, slug, status, type, link, title,
# content, excerpt, categories, tags), with the titles, dates, leads and tags of the four
# numerique.gouv.fr Jekyll posts of jekyll/. One title carries qTranslate-X markers, contents
# carry entities (&#8217;) as WordPress renders them.
posts, tags, cats = [], {}, {"Article": 3, "Vidéo": 7, "Communiqué": 9}
for n, path in enumerate(sorted((here / "jekyll").glob("*.markdown"))):
    front = yaml.safe_load(path.read_text().split("---")[1])
    title = re.sub(r"\s+", " ", front["title"]).strip()
    date = str(front["date"])[:10]
    lead = re.sub(r"\{:[^}]*\}", "", re.sub(r"\s+", " ", front["chapeau-text"])).strip()
    lead = lead.replace("**", "").replace("\u2019", "&#8217;")
    ids = []
    for t in front.get("tags") or []:
        tags.setdefault(t, 20 + len(tags))
        ids.append(tags[t])
    pid = 4100 + n
    slug = path.stem[:60]
    fr_title = title.replace("\u2019", "&#8217;")
    rendered_title = f"[:fr]{fr_title}[:en]Open government news[:]" if n == 0 else fr_title
    category = cats["Vidéo" if "Vidéo" in title else ("Communiqué" if path.stem.startswith("ouverture") else "Article")]
    posts.append({
        "id": pid, "date": f"{date}T10:00:00", "date_gmt": f"{date}T09:00:00",
        "guid": {"rendered": f"https://www.etalab.gouv.fr/?p={pid}"},
        "modified": f"{date}T12:00:00", "modified_gmt": f"{date}T11:00:00",
        "slug": slug, "status": "publish", "type": "post",
        "link": f"https://www.etalab.gouv.fr/{slug}",
        "title": {"rendered": rendered_title},
        "content": {"rendered": f"<p>{lead}</p>\n", "protected": False},
        "excerpt": {"rendered": f"<p>{lead[:120]}&hellip;</p>\n", "protected": False},
        "author": 2, "featured_media": 0, "categories": [category], "tags": ids,
    })
posts.sort(key=lambda p: p["modified_gmt"])
(here / "wordpress" / "posts.json").write_text(json.dumps(posts, ensure_ascii=False, indent=1) + "\n")
(here / "wordpress" / "categories.json").write_text(json.dumps(
    [{"id": i, "count": 1, "name": name, "slug": name.lower(), "taxonomy": "category"} for name, i in cats.items()],
    ensure_ascii=False) + "\n")
(here / "wordpress" / "tags.json").write_text(json.dumps(
    [{"id": i, "count": 1, "name": name, "slug": name.lower().replace(" ", "-"), "taxonomy": "post_tag"} for name, i in tags.items()],
    ensure_ascii=False) + "\n")

# csv/export-api-datasets.csv: the header and the records of the 8 datasets of udata/datasets.json
# in the full catalogue export of 2026-01-16, rebuilt from the shared corpus's chunks as its
# SOURCES.md says (chunk 1 whole, then LF + each next chunk minus its header line). Bytes unchanged.
corpus = here.parents[3] / "shared" / "corpus" / "datagouv-catalogue-export"
tarball = corpus / "export-dataset-20260116-055249--282-chunks.tar.gz"
if tarball.exists():
    import tarfile
    with tarfile.open(tarball) as tar:
        chunks = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    name = "export-dataset-20260116-055249-{} -by MaxAI.csv"
    full = chunks[name.format(1)] + b"".join(b"\n" + chunks[name.format(n)].split(b"\r\n", 1)[1] for n in range(2, 283))
    wanted = {d["id"] for d in page["data"]}
    records = re.split(rb'\r\n(?="[0-9a-f]{24}";)', full)
    chosen = [r for r in records[1:] if r[1:25].decode() in wanted]
    (here / "csv" / "export-api-datasets.csv").write_bytes(b"\r\n".join([records[0]] + chosen) + b"\r\n")
