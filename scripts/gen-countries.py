#!/usr/bin/env python3
"""Generate src/extract/countries.tsv, the country gazetteer compiled into communique.

Inputs
  * Unicode CLDR, English territory names and ISO alpha-2 -> alpha-3 mappings, from the npm
    packages cldr-localenames-full (main/en/territories.json) and cldr-core
    (supplemental/codeMappings.json). Unicode License v3. Pinned version: CLDR_NPM_VERSION.
  * scripts/countries-extra.tsv, hand-maintained by the project: official long forms, former
    names, abbreviations, adjectives/demonyms, and the entries CLDR lacks.

Regenerate (from the repository root):
    npm install --prefix /tmp/cldr --no-audit --no-fund cldr-localenames-full@48.2.0 cldr-core@48.2.0
    python3 scripts/gen-countries.py --cldr /tmp/cldr/node_modules -o src/extract/countries.tsv

The script also validates src/extract/not-countries.txt (hand-written) against the result.
It exits non-zero, writing nothing, if any check fails.

Output: '#' comment header, then one line per entry, ordered by code, 4 TAB-separated columns
    code  canonical  names(|-separated)  adjectives(|-separated)

Entries: exactly the 193 UN member states, the 2 UN observer states (Holy See, Palestine) and the
partially recognised states Kosovo, Western Sahara (Sahrawi Arab Democratic Republic), Taiwan,
Abkhazia, South Ossetia, Northern Cyprus, Transnistria, Somaliland (Palestine is both an observer
and partially recognised, so it is counted once): 193 + 2 + 8 = 203 rows. No dependencies or
other territories.

Canonical-name rule (one rule, stated once):
    canonical = the CLDR English default name of the territory, normalised to running text
    ("&" -> "and", "St." -> "Saint", typographic apostrophe -> ASCII "'"),
    EXCEPT the codes in CANONICAL_OVERRIDES below, where CLDR's default is a disambiguation label
    rather than a name ("Congo - Kinshasa", "Myanmar (Burma)"), names a territory rather than the
    state ("Palestinian Territories", "Vatican City"), or differs from the country's own and the
    UN's current short name ("Cape Verde", "St. Vincent & Grenadines").
    For entries CLDR does not have, canonical comes from countries-extra.tsv.

Strings: every name and adjective is written with the capitalisation it has in running text; the
Rust matcher is case-sensitive, whole-word and longest-match-first. The generator adds, for every
string: the other apostrophe (' <-> U+2019), a diacritic-free twin (Côte -> Cote), and
Saint / St. / St twins. CLDR names containing parentheses are dropped (not running text), and
" - " becomes "-" ("Congo - Kinshasa" -> "Congo-Kinshasa").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

CLDR_NPM_VERSION = "48.2.0"  # the version the committed countries.tsv was generated from

# --- The entry list (explicit, by ISO 3166-1 alpha-3) -------------------------------------------

UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()

UN_OBSERVER_STATES = ["VAT", "PSE"]  # Holy See, State of Palestine

# Partially recognised states other than Palestine (already an observer).
PARTIALLY_RECOGNISED = ["XKX", "ESH", "TWN", "XAB", "XSO", "XNC", "XTR", "XSL"]

EXPECTED_COUNT = 193 + 2 + 8

# Project codes -> CLDR alpha-2, where the alpha-3 is not CLDR's (CLDR maps XK to "XKK").
ALPHA2_OVERRIDES = {"XKX": "XK"}

# Entries CLDR has no territory for: everything comes from countries-extra.tsv.
NOT_IN_CLDR = {"XAB", "XSO", "XNC", "XTR", "XSL"}

CANONICAL_OVERRIDES = {
    "COD": "Democratic Republic of the Congo",  # CLDR: "Congo - Kinshasa" (a label, not a name)
    "COG": "Republic of the Congo",             # CLDR: "Congo - Brazzaville"
    "MMR": "Myanmar",                           # CLDR: "Myanmar (Burma)"; = CLDR alt-short
    "PSE": "Palestine",                         # CLDR: "Palestinian Territories"; = CLDR alt-short
    "VAT": "Holy See",                          # CLDR: "Vatican City" (the territory, not the see)
    "CPV": "Cabo Verde",                        # CLDR: "Cape Verde"; = CLDR alt-variant, UN usage
    "VCT": "Saint Vincent and the Grenadines",  # CLDR: "St. Vincent & Grenadines"
}

# Strings that must never appear (ambiguous between entries, or common non-country usage).
# CLDR-derived strings in this set are dropped silently; extras listing one is an error.
FORBIDDEN = {
    "Congo", "Korea", "Korean", "Koreans", "Congolese", "Dominican", "Dominicans",
    "Central African", "Central Africans", "Ossetia", "Ossetian", "Ossetians",
    "Emirates", "Holland", "ROC", "CAR", "PNG",
}

# The only strings allowed to start with a lowercase letter (UN usage of the former name).
LOWERCASE_OK = {"former Yugoslav Republic of Macedonia"}

APOS = ("'", "\u2019")


# --- Helpers ------------------------------------------------------------------------------------

def fail(msg: str) -> None:
    print(f"gen-countries: error: {msg}", file=sys.stderr)
    sys.exit(1)


def fold_diacritics(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def variants(s: str) -> list[str]:
    """s plus its apostrophe, diacritic and Saint/St. twins (s first, order stable)."""
    out = [s]

    def add_all(f):
        for x in list(out):
            for y in f(x):
                if y not in out:
                    out.append(y)

    # Saint / St. / St
    def saints(x):
        res = []
        if re.search(r"\bSaint ", x):
            res += [re.sub(r"\bSaint ", "St. ", x), re.sub(r"\bSaint ", "St ", x)]
        if re.search(r"\bSt\. ", x):
            res += [re.sub(r"\bSt\. ", "Saint ", x), re.sub(r"\bSt\. ", "St ", x)]
        return res

    add_all(saints)
    add_all(lambda x: [fold_diacritics(x)])
    add_all(lambda x: [x.replace(APOS[0], APOS[1]), x.replace(APOS[1], APOS[0])])
    return out


def normalise_canonical(cldr_name: str) -> str:
    s = cldr_name.replace(" & ", " and ").replace(APOS[1], APOS[0])
    return re.sub(r"\bSt\. ", "Saint ", s)


def cldr_name_forms(name: str) -> list[str]:
    """Running-text forms of one CLDR display name ([] if it is not running text)."""
    if "(" in name:
        return []
    name = name.replace(" - ", "-")
    forms = [name]
    if " & " in name:
        forms.append(name.replace(" & ", " and "))
    return forms


def split_list(field: str) -> list[str]:
    return [x.strip() for x in field.split("|") if x.strip()]


def whole_word_in(needle: str, hay: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay) is not None


# --- Loading ------------------------------------------------------------------------------------

def load_cldr(root: Path):
    names_pkg = root / "cldr-localenames-full"
    core_pkg = root / "cldr-core"
    for p in (names_pkg, core_pkg):
        if not p.is_dir():
            fail(f"{p} not found; run: npm install --prefix /tmp/cldr cldr-localenames-full@{CLDR_NPM_VERSION} "
                 f"cldr-core@{CLDR_NPM_VERSION}  (and pass --cldr /tmp/cldr/node_modules)")
    v_names = json.loads((names_pkg / "package.json").read_text("utf-8"))["version"]
    core_meta = json.loads((core_pkg / "package.json").read_text("utf-8"))
    v_core = core_meta["version"]
    if v_names != v_core:
        fail(f"cldr-localenames-full {v_names} and cldr-core {v_core} differ")
    if v_names != CLDR_NPM_VERSION:
        print(f"gen-countries: note: CLDR npm {v_names}, script pinned to {CLDR_NPM_VERSION}; "
              f"review the diff and bump CLDR_NPM_VERSION", file=sys.stderr)
    cldr_version = core_meta.get("cldrVersion", v_core.split(".")[0])
    copyright_line = next((l.strip() for l in (core_pkg / "LICENSE").read_text("utf-8").splitlines()
                           if l.strip().startswith("Copyright")), "Copyright Unicode, Inc.")

    terr = json.loads((names_pkg / "main/en/territories.json").read_text("utf-8"))
    terr = terr["main"]["en"]["localeDisplayNames"]["territories"]
    cm = json.loads((core_pkg / "supplemental/codeMappings.json").read_text("utf-8"))
    cm = cm["supplemental"]["codeMappings"]
    a3_to_a2 = {v["_alpha3"]: k for k, v in cm.items() if len(k) == 2 and "_alpha3" in v}
    return terr, a3_to_a2, v_names, cldr_version, copyright_line


def load_extras(path: Path):
    rows = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            fail(f"{path}:{n}: expected 4 TAB-separated columns, got {len(cols)}")
        code, canonical, names, adjs = (c.strip() for c in cols)
        if code in rows:
            fail(f"{path}:{n}: duplicate code {code}")
        rows[code] = (canonical, split_list(names), split_list(adjs), n)
    return rows


def load_not_countries(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [l.strip() for l in path.read_text("utf-8").splitlines() if l.strip() and not l.startswith("#")]


# --- Build --------------------------------------------------------------------------------------

def build(terr, a3_to_a2, extras):
    codes = UN_MEMBERS + UN_OBSERVER_STATES + PARTIALLY_RECOGNISED
    if len(codes) != EXPECTED_COUNT or len(set(codes)) != len(codes):
        fail(f"code list has {len(codes)} entries ({len(set(codes))} distinct), expected {EXPECTED_COUNT}")
    if len(UN_MEMBERS) != 193:
        fail(f"UN_MEMBERS has {len(UN_MEMBERS)} codes, expected 193")
    unknown = set(extras) - set(codes)
    if unknown:
        fail(f"countries-extra.tsv has codes outside the entry list: {sorted(unknown)}")

    entries = []
    for code in sorted(codes):
        ex_canon, ex_names, ex_adjs, line = extras.get(code, ("", [], [], 0))
        for s in ex_names + ex_adjs:
            if s in FORBIDDEN:
                fail(f"countries-extra.tsv:{line}: {code} lists forbidden string {s!r}")
        cldr_forms = []
        if code in NOT_IN_CLDR:
            if not ex_canon:
                fail(f"{code} is not in CLDR: countries-extra.tsv must give its canonical name")
            canonical = ex_canon
        else:
            a2 = ALPHA2_OVERRIDES.get(code) or a3_to_a2.get(code)
            if not a2 or a2 not in terr:
                fail(f"{code}: no CLDR territory (alpha-2 {a2!r})")
            canonical = CANONICAL_OVERRIDES.get(code) or normalise_canonical(terr[a2])
            for key in (a2, f"{a2}-alt-short", f"{a2}-alt-variant"):
                if key in terr:
                    cldr_forms += [f for f in cldr_name_forms(terr[key]) if f not in FORBIDDEN]
            if ex_canon and ex_canon != canonical:
                fail(f"countries-extra.tsv:{line}: {code} canonical {ex_canon!r} but the rule gives "
                     f"{canonical!r} (CLDR {terr[a2]!r}); update the extras row or CANONICAL_OVERRIDES")

        def expand(items):
            seen = []
            for item in items:
                for v in variants(item):
                    if v not in seen and v not in FORBIDDEN:
                        seen.append(v)
            return seen

        names = expand([canonical] + cldr_forms + ex_names)
        adjs = expand(ex_adjs)
        entries.append((code, canonical, names, adjs))
    return entries


def check(entries, not_countries) -> list[str]:
    """Hard checks; returns informational notes."""
    if len(entries) != EXPECTED_COUNT:
        fail(f"{len(entries)} entries, expected {EXPECTED_COUNT}")
    owner: dict[str, str] = {}
    problems = []
    for code, canonical, names, adjs in entries:
        if not re.fullmatch(r"[A-Z]{3}", code):
            problems.append(f"{code}: bad code")
        for s in [canonical] + names + adjs:
            if not s or s != s.strip() or "\t" in s or "|" in s or "\n" in s:
                problems.append(f"{code}: bad string {s!r}")
            first = next((c for c in s if c.isalpha()), "")
            if first and not first.isupper() and s not in LOWERCASE_OK:
                problems.append(f"{code}: {s!r} does not start with a capital letter")
        for s in set(names) | set(adjs):
            if s in owner and owner[s] != code:
                problems.append(f"{s!r} listed under both {owner[s]} and {code}")
            owner[s] = code
    notes = []
    seen_nc = set()
    for phrase in not_countries:
        if phrase in seen_nc:
            problems.append(f"not-countries.txt: duplicate {phrase!r}")
        seen_nc.add(phrase)
        if phrase in owner:
            problems.append(f"not-countries.txt: {phrase!r} is also a country string ({owner[phrase]})")
        elif not any(whole_word_in(s, phrase) for s in owner):
            notes.append(f"not-countries.txt: {phrase!r} contains no country string as a whole word")
    if problems:
        fail("checks failed:\n  " + "\n  ".join(problems))
    return notes


def render(entries, npm_version, cldr_version, copyright_line) -> str:
    out = [
        "# countries.tsv -- country gazetteer of communique (compiled in with include_str!).",
        "# GENERATED by scripts/gen-countries.py -- DO NOT EDIT. Edit scripts/countries-extra.tsv",
        "# (or the script) and regenerate:",
        f"#   npm install --prefix /tmp/cldr --no-audit --no-fund cldr-localenames-full@{npm_version} cldr-core@{npm_version}",
        "#   python3 scripts/gen-countries.py --cldr /tmp/cldr/node_modules -o src/extract/countries.tsv",
        "#",
        f"# Sources: Unicode CLDR {cldr_version} (npm cldr-localenames-full {npm_version}: main/en/territories.json;",
        f"#   cldr-core {npm_version}: supplemental/codeMappings.json), Unicode License v3,",
        f"#   {copyright_line} https://www.unicode.org/license.txt",
        "#   + scripts/countries-extra.tsv (project-written).",
        "#",
        f"# {len(entries)} entries: 193 UN member states, 2 UN observer states (VAT, PSE), 8 further partially",
        "# recognised states (XKX ESH TWN XAB XSO XNC XTR XSL). Ordered by code.",
        "# Columns, TAB-separated: code (ISO 3166-1 alpha-3 or project code), canonical name,",
        "# names (|-separated nouns), adjectives (|-separated adjectives and demonyms).",
        "# Strings are case-sensitive, whole-word; match longest first. Never listed (ambiguous):",
        "# " + ", ".join(sorted(FORBIDDEN)) + ".",
        "#code\tcanonical\tnames\tadjectives",
    ]
    for code, canonical, names, adjs in entries:
        out.append("\t".join([code, canonical, "|".join(names), "|".join(adjs)]))
    return "\n".join(out) + "\n"


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cldr", default=os.environ.get("CLDR_NODE_MODULES", "/tmp/cldr/node_modules"),
                    help="folder holding cldr-localenames-full/ and cldr-core/ (default: %(default)s)")
    ap.add_argument("--extras", default=str(here / "countries-extra.tsv"))
    ap.add_argument("--not-countries", default=str(here.parent / "src/extract/not-countries.txt"))
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also list not-countries phrases that contain no country string")
    args = ap.parse_args()

    terr, a3_to_a2, npm_version, cldr_version, copyright_line = load_cldr(Path(args.cldr))
    entries = build(terr, a3_to_a2, load_extras(Path(args.extras)))
    notes = check(entries, load_not_countries(Path(args.not_countries)))
    for note in notes if args.verbose else []:
        print(f"gen-countries: note: {note}", file=sys.stderr)
    text = render(entries, npm_version, cldr_version, copyright_line)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"gen-countries: wrote {len(entries)} entries to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
