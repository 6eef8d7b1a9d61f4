#!/usr/bin/env python3
"""Writes the GeoNames towns lexicons of the places stage (run at build time by CMake).

Source: Debian's libgeonames0 (package libgeonames-dev), which carries GeoNames' cities of 15,000
people or more (kept: --min, 50,000 by default, to keep loading the rules cheap; --arabic-min, 20,000, in
countries of Arabic names, whose news name small towns) (name, first-level region, country code, population) inside the library; it is
read through its C API with ctypes. Guards, applied here so that loading the rules stays cheap:
  - a name the gazetteer already has (places.tsv, us_states.tsv) is left to it;
  - a name that is an English word (a lowercase entry of /usr/share/dict/words: "Mobile",
    "Reading", "Bath", "Hope", "Union") and a common US first name or surname (Debian's Faker
    en_US lists: "Jackson", "Madison") is left out: such towns are found by their region only
    ("Mobile, Alabama": places.town_region, places.city_in_region);
  - a name of common words only ("Palm Bay", "Sugar Land"), led by a title ("General Pico") or by a
    river's, lake's or mountain's word ("Rio Grande"), a
    small town (under --alone-min people), a one-word name in a country whose towns are often named
    after people or English words (US, GB, CA, AU...) and there a name with a person's name in it
    ("Lincoln Park") go to the cued lexicon: a GPE only after a cue ("in", "near", "city of": rule
    places.geonames_city_cued);
  - short names (under 4 letters), names with digits or brackets and lowercase words other than
    particles ("al", "de") are left out.
Each town becomes: value (ASCII spelling), aliases (the GeoNames spelling with its Latin-1 diacritics, its
"Al-" spelling and, for Arabic names, the spellings without a final "h", a doubled "y", the article or
the ayn's mark: "Az Zabadani" -> "Zabadani", "Dar'a" -> "Daraa"), iso2 (country), kind (city), region (the first-level region GeoNames names).

Usage: geonames_cities.py --places P.tsv --states S.tsv --words WORDS --alone OUT1 --cued OUT2
"""
import argparse
import ctypes
import ctypes.util
import re
import sys
import unicodedata

PARTICLES = {"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ath", "adh", "de", "del", "la", "le",
             "les", "di", "da", "do", "dos", "das", "du", "of", "on", "upon", "am", "im", "en", "sur", "y",
             "bin", "ibn", "bani", "abu", "von", "van", "der", "den"}
# countries whose towns are often named after people or English words
ENGLISH_NAMING = {"US", "GB", "CA", "AU", "NZ", "IE", "ZA", "JM", "TT", "BS", "BB"}
# a title first makes a name read as a person's ("General Pico", "Presidente Prudente")
TITLES = {"General", "President", "Presidente", "Governor", "Governador", "Gobernador", "Doctor", "Coronel",
          "Colonel", "Captain", "Capitan", "Mayor", "Marshal", "Mariscal", "Senator", "Senador", "King", "Queen",
          "Prince", "Saint", "Sir", "Lord", "Lady"}
# countries whose town names are transliterated from Arabic, where texts drop a final "h" and a
# doubled "y" or "w" ("Baqubah" / "Baquba", "Darayya" / "Daraya", "Jablah" / "Jabla")
ARABIC_NAMING = {"IQ", "SY", "JO", "LB", "SA", "YE", "OM", "AE", "QA", "BH", "KW", "EG", "LY", "TN", "DZ", "MA",
                 "SD", "PS", "MR", "SO", "DJ", "KM"}
# a first word that names a river, a lake or a mountain: such a name is often the feature's ("the Rio
# Grande", "Lake Charles", "Sierra Vista")
FEATURES = {"Rio", "Lake", "Lago", "Laguna", "Mount", "Monte", "Cerro", "Sierra", "Cape", "Isla", "Bahia", "Playa"}
HEADER = "value\taliases\tiso2\tkind\tregion\n"


def load_geonames():
    """Yields (name, region, iso2, population) for every city in libgeonames."""
    path = ctypes.util.find_library("geonames") or "libgeonames.so.0"
    lib = ctypes.CDLL(path)
    lib.geonames_get_city.restype = ctypes.c_void_p
    for f in ("name", "state", "country_code"):
        fn = getattr(lib, "geonames_city_get_" + f)
        fn.restype, fn.argtypes = ctypes.c_char_p, [ctypes.c_void_p]
    lib.geonames_city_get_population.restype = ctypes.c_uint
    lib.geonames_city_get_population.argtypes = [ctypes.c_void_p]
    lib.geonames_city_free.argtypes = [ctypes.c_void_p]
    for i in range(lib.geonames_get_n_cities()):
        c = lib.geonames_get_city(i)
        if not c:
            continue
        get = lambda f: (getattr(lib, "geonames_city_get_" + f)(c) or b"").decode("utf-8", "replace")
        yield get("name"), get("state"), get("country_code"), int(lib.geonames_city_get_population(c))
        lib.geonames_city_free(c)


def fold(s):
    """'Ḩadīthah' -> 'Hadithah', 'Dar‘ā' -> "Dar'a": ASCII letters, typographic marks as "'"."""
    s = re.sub("[‘’ʼʻʿʾ`´]", "'", s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def latin1(s):
    """Whether a spelling is one texts write: its letters of Latin-1 ("Zürich", "São Paulo"), not
    of transliteration schemes ("Ḩadīthah", "Dar‘ā")."""
    return all(ord(ch) <= 0xFF for ch in s)


def gazetteer_forms(paths):
    forms = set()
    for p in paths:
        with open(p, encoding="utf-8") as f:
            header = None
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if header is None:
                    header = cols
                    continue
                forms.add(cols[0])
                if len(cols) > 1:
                    forms.update(a for a in cols[1].split("|") if a)
    return forms


def english_words(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return {w.strip() for w in f if w.strip() and w[0].islower()}


def person_names():
    """Common US first names and surnames (Debian's python3-fake-factory), or none without it."""
    try:
        from faker.providers.person.en_US import Provider
    except ImportError:
        sys.exit("geonames_cities.py: needs python3-fake-factory (scripts/setup installs it)")
    return set(Provider.first_names) | set(Provider.last_names)


def well_formed(name):
    """A name of capitalized words (and lowercase particles), of letters, "-", "'" and spaces."""
    if len(name.replace(" ", "")) < 4 or not re.fullmatch(r"[A-Za-z][A-Za-z' .-]*[A-Za-z]", name):
        return False
    words = name.split(" ")
    if re.match(r"(City|Town|Village|Borough|Municipality|District) of ", name):
        return False  # an official name ("City of Westminster"): the town is named without it
    if not words[0][0].isupper():
        return False
    for w in words:
        if not w or (w[0].islower() and w.lower() not in PARTICLES):
            return False
    return not name.isupper()


def arabic_variants(name):
    """Spellings of Arabic names in news texts: 'Baqubah' -> 'Baquba', 'Darayya' -> 'Daraya'; without
    the article ('Az Zabadani' -> 'Zabadani'); without the ayn or hamza mark, or with its vowel written
    twice ("Dar'a" -> 'Dara', 'Daraa')."""
    bases = [name]
    bare = re.sub(r"^A[lnrsdtz]h?[ -](?=[A-Z])", "", name)
    if bare != name and " " not in bare:
        bases.append(bare)
    out = []
    for base in bases:
        short = re.sub(r"(?<=[aeiu])h\b", "", base)
        single = re.sub(r"([yw])\1", r"\1", base)
        forms = [base, short, single, re.sub(r"([yw])\1", r"\1", short)]
        if "'" in base:
            forms += [base.replace("'", ""), re.sub(r"'([aeiou])", r"\1\1", base).replace("'", "")]
        for form in forms:
            if form != name and form not in out and "'" not in form and len(form.replace(" ", "")) >= 4:
                out.append(form)
    return out


def is_word(w, words):
    return w.lower() in words or w.lower().rstrip("s") in words


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--places", required=True)
    ap.add_argument("--states", required=True)
    ap.add_argument("--words", required=True)
    ap.add_argument("--alone", required=True, help="output: towns that are places by their name alone")
    ap.add_argument("--cued", required=True, help="output: towns that are places after a cue")
    ap.add_argument("--alone-min", type=int, default=50000, help="population of a one-word town found alone")
    ap.add_argument("--min", type=int, default=50000, help="population of a town kept at all")
    ap.add_argument("--arabic-min", type=int, default=20000,
                    help="population of a town kept in a country of Arabic names (news of the region names small towns)")
    a = ap.parse_args()

    taken = gazetteer_forms([a.places, a.states])
    words = english_words(a.words)
    people = person_names()
    rows = {"alone": [], "cued": []}
    seen = set(taken)
    for name, region, iso2, pop in sorted(load_geonames(), key=lambda r: -r[3]):
        if pop < min(a.min, a.arabic_min):
            break  # sorted by population
        if pop < a.min and iso2 not in ARABIC_NAMING:
            continue
        ascii_name = fold(name).strip()
        if not well_formed(ascii_name) or ascii_name in seen or name in seen:
            continue
        tokens = re.split(r"[ -]", ascii_name)
        if len(tokens) == 1 and (is_word(ascii_name, words) or ascii_name in people):
            continue
        content = [t for t in tokens if t.lower() not in PARTICLES]
        common = all(is_word(t, words) for t in content)
        alone = not common and tokens[0] not in TITLES and tokens[0] not in FEATURES and (
            (len(tokens) > 1 and (iso2 not in ENGLISH_NAMING or pop >= a.alone_min)) or
            (pop >= a.alone_min and iso2 not in ENGLISH_NAMING))
        if iso2 in ENGLISH_NAMING and any(t in people for t in content):
            alone = False  # "Jackson Heights", "Lincoln Park"
        aliases = []
        forms = [name if latin1(name) else ascii_name, re.sub(r"^(A[lnrsdtz]h?) ", r"\1-", ascii_name)]
        if iso2 in ARABIC_NAMING:
            forms += arabic_variants(ascii_name)
        for form in forms:
            if form != ascii_name and form not in seen and form not in aliases and not is_word(form, words):
                aliases.append(form)
        seen.update([ascii_name, *aliases])
        rows["alone" if alone else "cued"].append(
            "\t".join([ascii_name, "|".join(aliases), iso2, "city", fold(region)]) + "\n")
    for key, path in (("alone", a.alone), ("cued", a.cued)):
        with open(path, "w", encoding="utf-8") as out:
            out.write("# Generated at build time by stages/places/geonames_cities.py from Debian's libgeonames\n"
                      "# (GeoNames cities of 15,000 people or more). Do not edit.\n")
            out.write(HEADER)
            out.writelines(sorted(rows[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
