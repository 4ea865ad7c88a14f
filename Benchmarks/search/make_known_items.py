#!/usr/bin/env python3
"""A second judged set, of another kind than SPF: known-item queries on the data.gouv.fr
export, each a dataset's title reworded the way people misremember it (deterministic, seeded).

  make_known_items.py DATAGOUV.jsonl OUT_DIR   -> OUT_DIR/known-queries.tsv, known-qrels.txt

Only titles that are unique (after folding case, accents and punctuation), have at least three
content words and a description of 100+ characters are drawn, so exactly one dataset is right.
Each query applies two or three of these rewordings to the title (the kinds are counted in the
output, and the kind of each query is in its id: q0001-order-plural-synonym):
  drop     one or two content words left out (at least two stay)
  order    the content words in another order
  plural   a noun or adjective switched between singular and plural (commune/communes,
           national/nationaux, établissement/établissements)
  synonym  a word replaced by a synonym or a word of the same family (commune -> municipalité,
           communal -> commune, liste -> répertoire, ...: the table below)
  question the words wrapped in a question people type ("où trouver les ... ?")
Stop words and digits are not content words; years are kept as they are.
"""
import json, os, random, re, sys, unicodedata

SEED = 20261130
COUNT = 500

STOP = set("""a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me
même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l à m n s t y été être avoir d' l' sans sous entre selon vers""".split())

# Synonyms and words of the same family, both ways (the reworded query uses the other one).
SYNONYMS = [
    ("commune", "municipalité"), ("communes", "municipalités"), ("communal", "commune"),
    ("communale", "commune"), ("communales", "communes"), ("communaux", "communes"),
    ("liste", "répertoire"), ("données", "informations"), ("nombre", "effectif"),
    ("localisation", "emplacement"), ("emplacements", "localisations"), ("carte", "plan"),
    ("bâtiments", "immeubles"), ("bâtiment", "immeuble"), ("véhicules", "voitures"),
    ("élèves", "écoliers"), ("établissements", "structures"), ("subventions", "aides"),
    ("subvention", "aide"), ("budget", "finances"), ("budgétaire", "budget"),
    ("départemental", "département"), ("départementale", "département"), ("régional", "région"),
    ("régionale", "région"), ("national", "nation"), ("nationale", "nation"), ("urbain", "ville"),
    ("urbanisme", "aménagement"), ("habitants", "population"), ("population", "habitants"),
    ("enfants", "mineurs"), ("logements", "habitations"), ("logement", "habitation"),
    ("déchets", "ordures"), ("eau", "hydrique"), ("électrique", "électricité"),
    ("électricité", "électrique"), ("énergétique", "énergie"), ("consommation", "dépense"),
    ("stationnement", "parking"), ("parkings", "stationnements"), ("vélo", "cyclable"),
    ("cyclables", "vélo"), ("piste", "voie"), ("pistes", "voies"), ("arrêts", "stations"),
    ("horaires", "heures"), ("résultats", "scores"), ("élections", "scrutins"),
    ("élection", "scrutin"), ("annuaire", "liste"), ("inventaire", "recensement"),
    ("recensement", "dénombrement"), ("santé", "sanitaire"), ("sanitaire", "santé"),
    ("scolaire", "école"), ("scolaires", "écoles"), ("école", "scolaire"), ("écoles", "scolaires"),
    ("routes", "voirie"), ("routier", "route"), ("routière", "route"), ("transport", "mobilité"),
    ("transports", "mobilités"), ("arbres", "végétation"), ("espaces", "zones"),
    ("zones", "secteurs"), ("zone", "secteur"), ("associations", "organismes"),
    ("marchés", "contrats"), ("public", "collectif"), ("publics", "collectifs"),
    ("publique", "collective"), ("publiques", "collectives"), ("ouverture", "ouvrir"),
    ("accidents", "sinistres"), ("qualité", "niveau"), ("air", "atmosphère"),
    ("délibérations", "décisions"), ("conseil", "assemblée"), ("agricole", "agriculture"),
    ("agricoles", "agriculture"), ("forêt", "bois"), ("forestier", "forêt"),
    ("risques", "dangers"), ("prévention", "protection"), ("tourisme", "touristique"),
    ("touristique", "tourisme"), ("culturels", "culture"), ("culturel", "culture"),
    ("sportifs", "sport"), ("sportif", "sport"), ("équipements", "installations"),
]
SYN = {}
for a, b in SYNONYMS:
    SYN.setdefault(a, b)
    SYN.setdefault(b, a)

QUESTIONS = ["où trouver les {} ?", "je cherche {}", "quelles sont les données sur {} ?",
             "{} téléchargement", "comment obtenir {} ?"]


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in s if not unicodedata.combining(c))).strip()


def content(words):
    return [w for w in words if w.lower() not in STOP and not w.isdigit() and len(w) > 1]


def plural(w):
    lw = w.lower()
    if lw.endswith("aux") and len(lw) > 4:
        return w[:-3] + "al"
    if lw.endswith("al"):
        return w[:-2] + "aux"
    if lw.endswith("eaux"):
        return w[:-1]
    if lw.endswith("eau"):
        return w + "x"
    if lw.endswith("s") and len(lw) > 3:
        return w[:-1]
    if lw[-1:].isalpha() and not lw.endswith(("x", "z")):
        return w + "s"
    return None


def reword(title, rng, kinds):
    words = re.findall(r"[\w'’-]+", title)
    words = [re.sub(r"^[dlj][’']", "", w, flags=re.I) for w in words]
    words = [w for w in words if w]
    for kind in kinds:
        c = [i for i, w in enumerate(words) if w in content(words)]
        if kind == "drop":
            n = 1 if len(c) <= 4 else 2
            for i in sorted(rng.sample(c, min(n, max(0, len(c) - 2))), reverse=True):
                del words[i]
        elif kind == "order":
            kept = content(words)
            for _ in range(5):
                rng.shuffle(kept)
                if kept != content(words):
                    break
            words = kept
        elif kind == "plural":
            cands = [i for i in c if not words[i][0].isupper() and plural(words[i]) and not words[i].isdigit()]
            if cands:
                i = rng.choice(cands)
                words[i] = plural(words[i])
        elif kind == "synonym":
            cands = [i for i in c if words[i].lower() in SYN]
            if cands:
                i = rng.choice(cands)
                words[i] = SYN[words[i].lower()]
    text = " ".join(words)
    if "question" in kinds:
        text = rng.choice(QUESTIONS).format(text.lower())
    return text


COMBOS = [("drop", "order"), ("plural", "synonym"), ("drop", "synonym"), ("order", "plural"),
          ("synonym", "order"), ("drop", "plural", "synonym"), ("question", "synonym"),
          ("question", "drop", "plural")]


def write_set(picked, rng, out, name, prefix):
    """Rewords each picked dataset's title (the rewordings cycling through COMBOS) and writes
    OUT/NAME-queries.tsv and NAME-qrels.txt (query ids PREFIX0000-kinds)."""
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, f"{name}-queries.tsv"), "w", encoding="utf-8") as q, \
            open(os.path.join(out, f"{name}-qrels.txt"), "w", encoding="utf-8") as r:
        for i, d in enumerate(picked):
            kinds = COMBOS[i % len(COMBOS)]
            text = reword(d["title"], rng, kinds).replace("\t", " ")
            qid = f"{prefix}{i:04d}-" + "-".join(kinds)
            q.write(f"{qid}\t{text}\n")
            r.write(f"{qid} 0 {d['id']} 1\n")


def main():
    src, out = sys.argv[1], sys.argv[2]
    docs = [json.loads(l) for l in open(src, encoding="utf-8")]
    seen = {}
    for d in docs:
        seen[fold(d["title"])] = seen.get(fold(d["title"]), 0) + 1
    pool = [d for d in docs if seen[fold(d["title"])] == 1 and len(d.get("body") or "") >= 100
            and len(content(re.findall(r"[\w'’-]+", d["title"]))) >= 3]
    pool.sort(key=lambda d: d["id"])
    rng = random.Random(SEED)
    picked = rng.sample(pool, COUNT)
    write_set(picked, rng, out, "known", "k")
    print(f"{COUNT} known-item queries from {len(pool)} unique titles")


if __name__ == "__main__":
    main()
