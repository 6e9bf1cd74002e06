//! Which countries an article names. The gazetteer (`countries.tsv`,
//! generated from CLDR by `scripts/gen-countries.py`) is compiled in; a name
//! is looked for where a word starts, longest first, case-sensitive and on
//! word boundaries, so that "Guinea-Bissau" is not Guinea and "woman" holds
//! no Oman. A few context rules keep out the U.S. state of Georgia, first names
//! such as Chad and Jordan, and language names ("in Russian").

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

const GAZETTEER: &str = include_str!("countries.tsv");
const NOT_COUNTRIES: &str = include_str!("not-countries.txt");

/// A country as stored in the index and shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Country {
    pub name: String,
    pub code: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionForm {
    /// "Russia", "Russian Federation".
    Name,
    /// "Russian", "Russians".
    Adjective,
}

/// One place in the text where a country is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryMatch {
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    pub start: usize,
    pub end: usize,
    pub form: MentionForm,
}

#[derive(Debug)]
pub struct GazetteerEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub names: Vec<&'static str>,
    pub adjectives: Vec<&'static str>,
}

impl GazetteerEntry {
    pub fn country(&self) -> Country {
        Country {
            name: self.name.to_string(),
            code: self.code.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Pattern {
    Country { entry: usize, form: MentionForm },
    NotACountry,
}

/// The compiled country gazetteer.
pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    /// Built on first use: looking up a `--country` needs only `lookup`.
    matcher: OnceLock<FirstWords>,
    /// The strings the matcher finds, and what each one means.
    strings: Vec<&'static str>,
    patterns: Vec<Pattern>,
}

/// The gazetteer's strings by their first word. Every string starts with a
/// capital but one ("former Yugoslav Republic of Macedonia"), so a text is
/// read a byte at a time only to find where such words start, and only
/// those words are looked up. An automaton walked over every byte of every
/// article was a fifth of the time extraction took.
struct FirstWords {
    /// A string's first word (its leading letters and digits) -> the
    /// strings that start with it, by index, longest first.
    by_word: FxHashMap<&'static str, Vec<usize>>,
    /// Whether some string starts with this byte.
    first_bytes: [bool; 256],
}

impl FirstWords {
    fn new(strings: &[&'static str]) -> FirstWords {
        let mut by_word: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        let mut first_bytes = [false; 256];
        for (index, &string) in strings.iter().enumerate() {
            let word = string.get(..word_end(string, 0)).unwrap_or_default();
            if word.is_empty() {
                continue;
            }
            by_word.entry(word).or_default().push(index);
            if let Some(slot) = string
                .as_bytes()
                .first()
                .and_then(|&byte| first_bytes.get_mut(usize::from(byte)))
            {
                *slot = true;
            }
        }
        for indexes in by_word.values_mut() {
            indexes.sort_by_key(|&index| {
                let len = strings.get(index).map_or(0, |string| string.len());
                (std::cmp::Reverse(len), index)
            });
        }
        FirstWords {
            by_word,
            first_bytes,
        }
    }

    /// The first position from `from` on where a word starts with one of
    /// [`FirstWords::first_bytes`].
    fn next_word_start(&self, text: &str, from: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut at = from;
        loop {
            let offset = bytes
                .get(at..)?
                .iter()
                .position(|&byte| self.first_bytes.get(usize::from(byte)) == Some(&true))?;
            at += offset;
            let word_start = match at.checked_sub(1).and_then(|before| bytes.get(before)) {
                None => true,
                Some(byte) if byte.is_ascii() => !byte.is_ascii_alphanumeric(),
                Some(_) => text_before(text, at)
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric()),
            };
            if word_start {
                return Some(at);
            }
            at += 1;
        }
    }
}

/// Where the run of letters and digits that starts at byte `start` ends.
fn word_end(text: &str, start: usize) -> usize {
    let rest = text_after(text, start);
    let bytes = rest.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            if !byte.is_ascii_alphanumeric() {
                break;
            }
            at += 1;
            continue;
        }
        match rest.get(at..).and_then(|r| r.chars().next()) {
            Some(c) if c.is_alphanumeric() => at += c.len_utf8(),
            _ => break,
        }
    }
    start + at
}

/// `text` cut at every `separator`, an ASCII byte. `str::split` looks for
/// each piece with a call to memchr, and the pieces of the gazetteer are a
/// few letters long: building it took twice as long.
fn split_at(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|b| b == separator) {
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// One country's line of the gazetteer table, its columns not yet split.
struct TableRow {
    code: &'static str,
    name: &'static str,
    /// `|`-separated names and adjectives; the name may or may not be
    /// among the names.
    names: &'static str,
    adjectives: &'static str,
}

impl TableRow {
    fn all(table: &'static str) -> impl Iterator<Item = TableRow> {
        split_at(table, b'\n').filter_map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with('#') || line.trim().is_empty() {
                return None;
            }
            let mut columns = split_at(line, b'\t');
            let (Some(code), Some(name)) = (columns.next(), columns.next()) else {
                return None;
            };
            Some(TableRow {
                code,
                name,
                names: columns.next().unwrap_or(""),
                adjectives: columns.next().unwrap_or(""),
            })
        })
    }

    fn names(&self) -> impl Iterator<Item = &'static str> {
        column_items(self.names)
    }

    fn adjectives(&self) -> impl Iterator<Item = &'static str> {
        column_items(self.adjectives)
    }
}

fn column_items(column: &'static str) -> impl Iterator<Item = &'static str> {
    split_at(column, b'|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A country as a user names it on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownCountry {
    pub code: &'static str,
    pub name: &'static str,
}

/// The country a user means by a name, adjective or code, in any case
/// ("Russia", "russian", "RUS", "the Russian Federation"). A code wins over
/// a name; of two countries with the same name, the first in the table.
///
/// Read from the table itself: a search with `--country` looks up one or
/// two countries, and building the whole gazetteer for that, with a map
/// of every lower-cased name, took longer than the rest of the filter.
pub fn lookup_country(given: &str) -> Option<KnownCountry> {
    let key = given.trim().to_lowercase();
    let key = key.strip_prefix("the ").unwrap_or(&key);
    let is_key = |known: &str| {
        if known.is_ascii() {
            known.eq_ignore_ascii_case(key)
        } else {
            known.chars().flat_map(char::to_lowercase).eq(key.chars())
        }
    };
    let known = |row: TableRow| KnownCountry {
        code: row.code,
        name: row.name,
    };
    let by_code = TableRow::all(GAZETTEER).find(|row| is_key(row.code));
    by_code.map(known).or_else(|| {
        TableRow::all(GAZETTEER)
            .find(|row| {
                std::iter::once(row.name)
                    .chain(row.names())
                    .chain(row.adjectives())
                    .any(|known| is_key(known) || known.strip_prefix("the ").is_some_and(is_key))
            })
            .map(known)
    })
}

/// The gazetteer compiled into the binary, built once on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER_CELL: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER_CELL.get_or_init(|| Gazetteer::from_tables(GAZETTEER, NOT_COUNTRIES))
}

impl Gazetteer {
    fn from_tables(countries: &'static str, not_countries: &'static str) -> Gazetteer {
        let mut entries = Vec::new();
        for row in TableRow::all(countries) {
            let mut names: Vec<&'static str> = row.names().collect();
            if !names.contains(&row.name) {
                names.push(row.name);
            }
            entries.push(GazetteerEntry {
                code: row.code,
                name: row.name,
                names,
                adjectives: row.adjectives().collect(),
            });
        }

        let mut strings: Vec<&'static str> = Vec::new();
        let mut patterns = Vec::new();
        for (entry, country) in entries.iter().enumerate() {
            for (form, list) in [
                (MentionForm::Name, &country.names),
                (MentionForm::Adjective, &country.adjectives),
            ] {
                for &string in list {
                    strings.push(string);
                    patterns.push(Pattern::Country { entry, form });
                }
            }
        }
        for line in not_countries.lines() {
            let phrase = line.trim();
            if phrase.is_empty() || phrase.starts_with('#') {
                continue;
            }
            strings.push(phrase);
            patterns.push(Pattern::NotACountry);
        }
        Gazetteer {
            entries,
            matcher: OnceLock::new(),
            strings,
            patterns,
        }
    }

    fn matcher(&self) -> &FirstWords {
        self.matcher.get_or_init(|| FirstWords::new(&self.strings))
    }

    /// The longest string that starts at byte `start`, by index.
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        let word = text.get(start..word_end(text, start))?;
        let rest = text_after(text, start);
        self.matcher()
            .by_word
            .get(word)?
            .iter()
            .filter_map(|&index| Some((index, *self.strings.get(index)?)))
            .find(|(_, string)| rest.starts_with(string))
            .map(|(index, string)| (index, start + string.len()))
    }

    /// Every country mention in `text`, in order. A string found is
    /// passed over whole, kept or not, so that "South China Sea" hides its
    /// "China".
    pub fn find(&self, text: &str) -> Vec<CountryMatch> {
        let matcher = self.matcher();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(start) = matcher.next_word_start(text, from) {
            let Some((index, end)) = self.longest_at(text, start) else {
                from = word_end(text, start).max(start + 1);
                continue;
            };
            from = end.max(start + 1);
            let Some(&Pattern::Country { entry, form }) = self.patterns.get(index) else {
                continue;
            };
            if !at_word_boundary(text, start, end) {
                continue;
            }
            let candidate = CountryMatch {
                entry,
                start,
                end,
                form,
            };
            if self.is_false_friend(text, &candidate) {
                continue;
            }
            found.push(candidate);
        }
        found
    }

    /// The countries `text` names, most mentioned first (ties by first mention).
    pub fn countries_in(&self, text: &str) -> Vec<Country> {
        self.countries_of(&self.find(text))
    }

    /// The countries of mentions found by [`Gazetteer::find`], most
    /// mentioned first (ties by first mention).
    pub fn countries_of(&self, matches: &[CountryMatch]) -> Vec<Country> {
        let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // entry, count, first
        for (order, m) in matches.iter().enumerate() {
            match counts.iter_mut().find(|(entry, _, _)| *entry == m.entry) {
                Some((_, count, _)) => *count += 1,
                None => counts.push((m.entry, 1, order)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts
            .into_iter()
            .filter_map(|(entry, _, _)| self.entries.get(entry).map(GazetteerEntry::country))
            .collect()
    }

    /// The entry of [`lookup_country`]'s answer.
    pub fn lookup(&self, given: &str) -> Option<&GazetteerEntry> {
        let found = lookup_country(given)?;
        self.entries.iter().find(|entry| entry.code == found.code)
    }

    /// The known country name closest to `given`, for "did you mean".
    pub fn closest(&self, given: &str) -> Option<&'static str> {
        let given = given.trim().to_lowercase();
        self.entries
            .iter()
            .flat_map(|e| e.names.iter().map(move |n| (e.name, n)))
            .map(|(canonical, name)| (edit_distance(&given, &name.to_lowercase()), canonical))
            .min_by_key(|(distance, _)| *distance)
            .filter(|(distance, _)| *distance <= given.chars().count().max(3) / 2 + 1)
            .map(|(_, canonical)| canonical)
    }

    fn is_false_friend(&self, text: &str, m: &CountryMatch) -> bool {
        let Some(entry) = self.entries.get(m.entry) else {
            return true;
        };
        let before_match = text_before(text, m.start);
        let before = before_match.trim_end_matches([' ', '\t']);
        let after = text_after(text, m.end);
        let word_before = last_word(before);
        let next_word = first_word(after.trim_start_matches([' ', '\t']));
        let next_is_capitalized_word =
            after.starts_with(' ') && next_word.chars().next().is_some_and(|c| c.is_uppercase());

        match entry.code {
            "GEO" if m.form == MentionForm::Name => {
                const US_CONTEXT_BEFORE: &[&str] = &[
                    "Governor", "governor", "Senator", "senator", "state", "State", "Atlanta,",
                ];
                const US_CONTEXT_AFTER: &[&str] = &["State", "Tech", "Power", "Bulldogs"];
                let before_words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
                if before_words.iter().any(|w| US_CONTEXT_BEFORE.contains(w))
                    || US_CONTEXT_AFTER.contains(&next_word)
                    || after.starts_with(", U.S")
                    || after.starts_with(", USA")
                    || before.ends_with(',')
                        && US_CITIES.contains(&last_word(before.trim_end_matches(',')))
                {
                    return true;
                }
            }
            // First names: "Chad Smith", "Michael Jordan".
            // Only the bare name can be a first name, not "Hashemite Kingdom of Jordan".
            "TCD" | "JOR"
                if m.form == MentionForm::Name
                    && matches!(text.get(m.start..m.end), Some("Chad" | "Jordan")) =>
            {
                const INSTITUTIONAL: &[&str] = &[
                    "Foreign",
                    "Minister",
                    "Ministry",
                    "Government",
                    "King",
                    "Embassy",
                    "Ambassador",
                    "Prime",
                    "President",
                    "Armed",
                    "Valley",
                    "River",
                ];
                let previous_is_name = before_match.ends_with(' ')
                    && word_before.chars().next().is_some_and(|c| c.is_uppercase())
                    && word_before.chars().all(char::is_alphabetic)
                    && !COUNTRY_CONTEXT_WORDS.contains(&word_before)
                    && self.lookup(word_before).is_none();
                // "Minister of Jordan Ayman Safadi": a preposition means the country.
                let after_preposition =
                    matches!(word_before, "of" | "in" | "to" | "from" | "the" | "and");
                if !after_preposition
                    && (previous_is_name
                        || next_is_capitalized_word && !INSTITUTIONAL.contains(&next_word))
                {
                    return true;
                }
            }
            _ => {}
        }
        if m.form == MentionForm::Adjective {
            // Languages: "in Russian", "translated from French", "Russian-language".
            if after.starts_with("-language")
                || after.starts_with(" language")
                || after.starts_with(" speakers")
                || after.starts_with(" translation")
            {
                return true;
            }
            let sentence_ends = after.is_empty()
                || after.starts_with(['.', ',', ';', ':', ')', '"', '”', '\n'])
                || after.starts_with(" and ")
                || after.starts_with(" or ");
            if sentence_ends && matches!(word_before, "in" | "from" | "into" | "speak" | "speaks") {
                return true;
            }
        }
        false
    }
}

/// Words before "Jordan" that still mean the country ("Kingdom of Jordan"
/// is caught by the lowercase "of"; these are the capitalised ones).
const COUNTRY_CONTEXT_WORDS: &[&str] = &[
    "The",
    "In",
    "To",
    "From",
    "With",
    "And",
    "Visit",
    "Hashemite",
    "Kingdom",
    "Embassy",
    "Republic",
    "State",
    "Neighboring",
    "Neighbouring",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Jordan",
    "Chad",
    "Lake",
];

const US_CITIES: &[&str] = &[
    "Atlanta", "Savannah", "Augusta", "Athens", "Columbus", "Macon", "Albany", "Marietta",
];

/// `text` up to byte `at`. Offsets come from matching the same text, but a
/// bad one must never panic: it gives the empty string.
fn text_before(text: &str, at: usize) -> &str {
    text.get(..at).unwrap_or_default()
}

/// `text` from byte `at`; the empty string for a bad offset (see
/// [`text_before`]).
fn text_after(text: &str, at: usize) -> &str {
    text.get(at..).unwrap_or_default()
}

fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text_before(text, start)
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text_after(text, end)
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

fn last_word(text: &str) -> &str {
    text.rsplit(char::is_whitespace).next().unwrap_or("")
}

fn first_word(text: &str) -> &str {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("")
}

/// Levenshtein distance over characters, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // `previous` is the row for the characters of `a` read so far; each new
    // row is built from the cell diagonally up-left, the one above, and the
    // one to the left.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = Vec::with_capacity(b.len() + 1);
    for (i, ca) in a.chars().enumerate() {
        current.clear();
        let mut left = i + 1;
        current.push(left);
        for ((&cb, &diagonal), &above) in b.iter().zip(&previous).zip(previous.iter().skip(1)) {
            let substitution = diagonal + usize::from(ca != cb);
            left = substitution.min(above + 1).min(left + 1);
            current.push(left);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_found_where_an_automaton_over_every_byte_finds_them() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let gazetteer = gazetteer();
        let text = "The Republic of Korea, North Korea and the Democratic Republic of the \
                    Congo; Guinea-Bissau, Papua New Guinea, Guinea. Niger and Nigeria, \
                    Dominica and the Dominican Republic; Sudanese, South Sudanese, the \
                    United States of America, the United Kingdom, Georgia (US state), \
                    the former Yugoslav Republic of Macedonia, Côte d’Ivoire, the \
                    Afghanis and Afghans, Omanis, a woman, the South China Sea, «Iran»,\n\
                    Chile\tPeru—Bolivia; SwedenNorway Finland's.";
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&gazetteer.strings)
            .unwrap();
        let expected: Vec<(usize, usize, usize)> = automaton
            .find_iter(text)
            .filter(|m| at_word_boundary(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(start) = gazetteer.matcher().next_word_start(text, from) {
            match gazetteer.longest_at(text, start) {
                Some((index, end)) => {
                    if at_word_boundary(text, start, end) {
                        found.push((start, end, index));
                    }
                    from = end;
                }
                None => from = word_end(text, start),
            }
        }
        assert!(expected.len() > 20, "{expected:?}");
        assert_eq!(found, expected);
    }

    fn names(text: &str) -> Vec<String> {
        gazetteer()
            .countries_in(text)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    fn codes(text: &str) -> Vec<String> {
        let mut codes: Vec<String> = gazetteer()
            .countries_in(text)
            .into_iter()
            .map(|c| c.code)
            .collect();
        codes.sort();
        codes
    }

    #[test]
    fn seed_names_south_ossetia_and_russia() {
        let article = crate::article::parse_article(crate::article::tests::SEED);
        let text = format!("{}\n{}", article.title, article.body);
        assert_eq!(codes(&text), ["RUS", "XSO"]);
    }

    #[test]
    fn pitfalls() {
        let cases: &[(&str, &[&str])] = &[
            ("talks in Guinea-Bissau", &["GNB"]),
            ("South Sudan and Sudan", &["SDN", "SSD"]),
            ("Dominica welcomed it", &["DMA"]),
            ("the Dominican Republic welcomed it", &["DOM"]),
            ("in North Ossetia", &[]),
            ("a woman spoke", &[]),
            ("the South Ossetian-Russian relations", &["RUS", "XSO"]),
            ("U.S.-Azerbaijani talks", &["AZE", "USA"]),
            ("a conference in Atlanta, Georgia on trade", &[]),
            ("the Governor of Georgia said", &[]),
            ("Georgia and Armenia", &["ARM", "GEO"]),
            ("Chad Miller, a spokesperson", &[]),
            ("the President of Chad", &["TCD"]),
            ("remarks by Jordan Smith", &[]),
            ("King Abdullah of Jordan", &["JOR"]),
            (
                "Minister of the Hashemite Kingdom of Jordan Ayman Safadi",
                &["JOR"],
            ),
            ("Egypt and Jordan Valley farmers", &["EGY", "JOR"]),
            ("roast turkey for dinner", &[]),
            ("the statement was published in Russian.", &[]),
            ("Russian diplomats", &["RUS"]),
            ("Türkiye and Turkey", &["TUR"]),
            ("Myanmar, formerly Burma", &["MMR"]),
            ("the Russian Federation", &["RUS"]),
            ("in Latin America", &[]),
            ("the Organization of American States met", &[]),
            ("a loan from Bank of America", &[]),
            ("Voice of America reported", &[]),
            ("the Kingdom of Saudi Arabia and the KSA", &["SAU"]),
            ("Eswatini, formerly Swaziland", &["SWZ"]),
            ("Côte d'Ivoire and Ivory Coast", &["CIV"]),
            ("the DPRK and the ROK", &["KOR", "PRK"]),
            ("the Holy See", &["VAT"]),
            ("Lake Chad basin", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(codes(text), *expected, "countries in {text:?}");
        }
    }

    #[test]
    fn most_mentioned_first() {
        assert_eq!(names("Chile. Peru. Peru."), ["Peru", "Chile"]);
    }

    #[test]
    fn lookup_accepts_names_adjectives_and_codes() {
        let g = gazetteer();
        for given in [
            "Russia",
            "russian",
            "RUS",
            "Russian Federation",
            "the russian federation",
        ] {
            assert_eq!(g.lookup(given).map(|e| e.code), Some("RUS"), "{given}");
        }
        assert!(g.lookup("Narnia").is_none());
        assert_eq!(g.closest("Rusia"), Some("Russia"));
    }

    #[test]
    fn every_code_name_and_adjective_finds_its_country_in_any_case() {
        let g = gazetteer();
        let shared_name = |known: &str, found: &GazetteerEntry| {
            found
                .names
                .iter()
                .chain(&found.adjectives)
                .any(|n| n.to_lowercase() == known.to_lowercase())
        };
        for entry in &g.entries {
            for given in [entry.code.to_string(), entry.code.to_lowercase()] {
                assert_eq!(g.lookup(&given).map(|e| e.code), Some(entry.code));
            }
            for &known in entry.names.iter().chain(&entry.adjectives) {
                for given in [
                    known.to_string(),
                    known.to_uppercase(),
                    known.to_lowercase(),
                ] {
                    let found = g.lookup(&given);
                    // A name two countries share finds the first of them.
                    assert!(
                        found.is_some_and(|f| f.code == entry.code || shared_name(known, f)),
                        "{given:?} found {:?}, not {}",
                        found.map(|f| f.code),
                        entry.code
                    );
                }
            }
        }
    }
}
