//! Extraction-quality evaluation of communique against the real-world corpora
//! in `../shared/corpora` (State Department press releases, White House
//! briefing room, UN General Debate). Unit tests check rules on strings; this
//! example checks what the rules get right on 17k real documents with known
//! dates, speakers and counterparts, and compares it with the targets of the
//! issue (dates 100%, White House counterpart country >= 99%, counterpart name
//! >= 97%, State Department "Foreign Minister" titles 100%).
//!
//! Run it with
//!
//! ```text
//! cargo run --release --example evaluate [-- --verbose]
//! ```
//!
//! Flags: `--shared DIR` (default `../shared` beside Cargo.toml), `--verbose`
//! (up to 30 misses per measure: file, expected, extracted; every miss of the
//! "Foreign Minister" titles), `--misses N` (show up to N misses instead of
//! 30), `--json` (the figures as JSON; with `--verbose` the misses too).
//! Without the shared folder it prints "skipped: ../shared not found" and
//! exits 0.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use communique::article::parse_article;
use communique::decode::decode;
use communique::extract::countries::gazetteer;
use communique::extract::dates::{DayMonthOrder, PublicationDate};
use communique::extract::mentions;
use communique::extract::people::{name_key, Person};

const STATE: &str = "state-dept-press-releases-2021-2022";
const WHITE_HOUSE: &str = "us-whitehouse-briefing-room-2021-2026";
const UNGDC: &str = "ungdc-1994-2024";
const THREADS: usize = 2;
const DEFAULT_MISSES: usize = 30;

// ---------------------------------------------------------------- arguments

struct Args {
    shared: PathBuf,
    verbose: bool,
    json: bool,
    misses: usize,
}

const USAGE: &str = "usage: evaluate [--shared DIR] [--verbose] [--misses N] [--json]";

/// The command line, or a message saying what is wrong with it.
fn parse_args() -> std::result::Result<Args, String> {
    let mut args = Args {
        shared: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")),
        verbose: false,
        json: false,
        misses: DEFAULT_MISSES,
    };
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        match arg.as_str() {
            "--verbose" | "-v" => args.verbose = true,
            "--json" => args.json = true,
            "--shared" => args.shared = given.next().ok_or("--shared needs a folder")?.into(),
            "--misses" => {
                let n = given.next().ok_or("--misses needs a number")?;
                args.misses = n.parse().map_err(|_| "--misses needs a number")?;
                args.verbose = true;
            }
            other => match other.strip_prefix("--shared=") {
                Some(dir) => args.shared = dir.into(),
                None => return Err(format!("unknown argument {other:?}")),
            },
        }
    }
    Ok(args)
}

// ---------------------------------------------------------------- extraction

/// What the library extracts from one file, kept small.
struct Found {
    dateline: Option<String>,
    date: Option<PublicationDate>,
    countries: Vec<String>,
    ministers: Vec<Person>,
    people: Vec<Person>,
    /// Keys of the capitalised words of the text, when asked for: tells
    /// whether a name is in the text at all.
    words: HashSet<String>,
}

type Extraction = std::result::Result<Found, String>;

fn extract(path: &Path, keep_words: bool) -> Extraction {
    let bytes = std::fs::read(path).map_err(|err| format!("unreadable: {err}"))?;
    let decoded = decode(&bytes).map_err(|reason| format!("skipped: {reason}"))?;
    let article = parse_article(&decoded.text);
    let found = mentions(&article);
    let words = if keep_words {
        capitalised_words(&decoded.text)
    } else {
        HashSet::new()
    };
    Ok(Found {
        dateline: article.dateline_text.clone(),
        date: article.dateline.map(|d| d.resolve(DayMonthOrder::DayFirst)),
        countries: found.countries.into_iter().map(|c| c.code).collect(),
        ministers: found.ministers,
        people: found.people,
        words,
    })
}

fn capitalised_words(text: &str) -> HashSet<String> {
    text.split_whitespace()
        .map(clean_word)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(word_key)
        .collect()
}

/// Extracts every file (paths relative to `root`) on [`THREADS`] threads,
/// keyed by the relative path.
fn extract_all(root: &Path, files: &[&str], keep_words: bool) -> HashMap<String, Extraction> {
    let mut unique: Vec<&str> = files.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let results: Vec<Vec<(String, Extraction)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|worker| {
                let share: Vec<&str> = unique
                    .iter()
                    .copied()
                    .skip(worker)
                    .step_by(THREADS)
                    .collect();
                scope.spawn(move || {
                    share
                        .into_iter()
                        .map(|file| (file.to_string(), extract(&root.join(file), keep_words)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    results.into_iter().flatten().collect()
}

/// The document's extraction, or a miss naming why there is none.
fn lookup_found<'a>(
    docs: &'a HashMap<String, Extraction>,
    file: &str,
) -> std::result::Result<&'a Found, String> {
    match docs.get(file) {
        Some(Ok(found)) => Ok(found),
        Some(Err(why)) => Err(why.clone()),
        None => Err("not extracted".to_string()),
    }
}

// ---------------------------------------------------------------- measures

#[derive(Clone, Debug, Serialize)]
struct Miss {
    file: String,
    expected: String,
    extracted: String,
}

/// One row of the table: n cases, how many the extractor got right, and how
/// many it made a prediction for (when precision means something).
struct Measure {
    corpus: &'static str,
    field: &'static str,
    n: usize,
    hits: usize,
    predicted: Option<usize>,
    target: Option<f64>,
    /// A tally only (e.g. ground-truth rows the gazetteer cannot map).
    count_only: bool,
    /// List every miss under --verbose, not only the first N.
    show_all: bool,
    misses: Vec<Miss>,
}

impl Measure {
    fn new(corpus: &'static str, field: &'static str, target: Option<f64>) -> Measure {
        Measure {
            corpus,
            field,
            n: 0,
            hits: 0,
            predicted: None,
            target,
            count_only: false,
            show_all: false,
            misses: Vec::new(),
        }
    }

    fn with_precision(mut self) -> Measure {
        self.predicted = Some(0);
        self
    }

    fn tally(corpus: &'static str, field: &'static str) -> Measure {
        Measure {
            count_only: true,
            ..Measure::new(corpus, field, None)
        }
    }

    fn record(&mut self, hit: bool, miss: impl FnOnce() -> Miss) {
        self.n += 1;
        if hit {
            self.hits += 1;
        } else {
            self.misses.push(miss());
        }
    }

    fn predicted_one(&mut self) {
        if let Some(p) = self.predicted.as_mut() {
            *p += 1;
        }
    }

    fn precision(&self) -> Option<f64> {
        let predicted = self.predicted?;
        (predicted > 0 && !self.count_only).then(|| self.hits as f64 / predicted as f64)
    }

    fn recall(&self) -> Option<f64> {
        (self.n > 0 && !self.count_only).then(|| self.hits as f64 / self.n as f64)
    }

    fn status(&self) -> &'static str {
        let Some(target) = self.target else {
            return "-";
        };
        let meets = |x: Option<f64>| x.is_none_or(|x| x + 1e-12 >= target);
        if self.recall().is_some() && meets(self.recall()) && meets(self.precision()) {
            "PASS"
        } else {
            "MISS"
        }
    }
}

fn miss(file: &str, expected: impl Into<String>, extracted: impl Into<String>) -> Miss {
    Miss {
        file: file.to_string(),
        expected: expected.into(),
        extracted: extracted.into(),
    }
}

// ---------------------------------------------------------------- names

/// Words after a surname that are not the surname ("Jr.", "Felipe VI").
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix",
];

/// Name particles that may sit inside a name written in a title.
const PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "de", "da", "das", "do", "dos", "di", "du", "van", "von",
    "der", "den", "la", "le", "y", "zu", "ben",
];

/// A word without surrounding punctuation or a possessive ending.
fn clean_word(word: &str) -> &str {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// The comparison key of one name word: [`name_key`], with an Arabic article
/// dropped so that "al-Sudani" meets "Sudani".
fn word_key(word: &str) -> String {
    let key = name_key(clean_word(word));
    match key.strip_prefix("al-").or_else(|| key.strip_prefix("el-")) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => key,
    }
}

/// The comparison key of a name's last word, suffixes such as "Jr." skipped.
fn surname_key(name: &str) -> Option<String> {
    name.split_whitespace()
        .map(clean_word)
        .rfind(|w| !w.is_empty() && !SUFFIXES.contains(&w.to_lowercase().as_str()))
        .map(word_key)
}

/// True when a person's last word, or first word for names written family
/// name first ("Motegi Toshimitsu", "Choi Jong Kun"), is the surname `key`.
fn has_surname(persons: &[Person], key: &str) -> bool {
    persons.iter().any(|p| {
        let family_first = p.name.split_whitespace().next().map(word_key);
        surname_key(&p.name).as_deref() == Some(key) || family_first.as_deref() == Some(key)
    })
}

fn show_people(persons: &[Person]) -> String {
    if persons.is_empty() {
        return "none".to_string();
    }
    let shown: Vec<String> = persons
        .iter()
        .take(8)
        .map(|p| {
            let country = p.country.as_ref().map(|c| c.code.as_str()).unwrap_or("-");
            format!(
                "{} ({}, {})",
                p.name,
                p.post.as_deref().unwrap_or("-"),
                country
            )
        })
        .collect();
    let more = persons.len().saturating_sub(8);
    if more > 0 {
        format!("{} … +{more}", shown.join("; "))
    } else {
        shown.join("; ")
    }
}

fn show_both(found: &Found) -> String {
    format!(
        "ministers: {} | people: {}",
        show_people(&found.ministers),
        show_people(&found.people)
    )
}

fn show_countries(found: &Found) -> String {
    if found.countries.is_empty() {
        "none".to_string()
    } else {
        found.countries.join(" ")
    }
}

/// The code of a country string from ground truth: the whole string, or
/// else the longest run of words in it, starting with a capital, that the
/// gazetteer knows as a name or adjective ("Republic of Korea First Vice" ->
/// KOR, "Government of Spain" -> ESP, "Ukraine's" -> UKR). A run that only
/// matches as a code ("and" is Andorra's) does not count.
fn country_code(given: &str) -> Option<&'static str> {
    let given = given.replace('’', "'");
    if let Some(entry) = gazetteer().lookup(&given) {
        return Some(entry.code);
    }
    // Possessives are kept first ("People's Republic of China"), then dropped
    // ("Ukraine's").
    let trimmed =
        |w: &'_ str| -> String { w.trim_matches(|c: char| !c.is_alphanumeric()).to_string() };
    let raw: Vec<String> = given
        .split_whitespace()
        .map(trimmed)
        .filter(|w| !w.is_empty())
        .collect();
    let cleaned: Vec<String> = raw.iter().map(|w| clean_word(w).to_string()).collect();
    for words in [raw, cleaned] {
        if let Some(code) = longest_known_run(&words) {
            return Some(code);
        }
    }
    None
}

fn longest_known_run(words: &[String]) -> Option<&'static str> {
    for len in (1..=words.len()).rev() {
        for run in words.windows(len) {
            if !run[0].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let phrase = run.join(" ");
            match gazetteer().lookup(&phrase) {
                Some(entry) if !phrase.eq_ignore_ascii_case(entry.code) => return Some(entry.code),
                _ => {}
            }
        }
    }
    None
}

// ---------------------------------------------------------------- dates

fn day_of(date: &PublicationDate) -> Option<Date> {
    match date {
        PublicationDate::Day(day) => Some(*day),
        PublicationDate::Minute(at) => Some(at.date()),
        PublicationDate::Year(_) => None,
    }
}

fn show_date(found: &Found) -> String {
    match (&found.date, &found.dateline) {
        (Some(date), _) => date.to_string(),
        (None, Some(line)) => format!("none (dateline {line:?})"),
        (None, None) => "none (no dateline)".to_string(),
    }
}

/// Day-level date check: precision over documents with a date, recall over all.
fn check_day(
    measure: &mut Measure,
    docs: &HashMap<String, Extraction>,
    file: &str,
    expected: Date,
) {
    let found = match lookup_found(docs, file) {
        Ok(found) => found,
        Err(why) => return measure.record(false, || miss(file, expected.to_string(), why)),
    };
    if found.date.is_some() {
        measure.predicted_one();
    }
    let hit = found.date.as_ref().and_then(day_of) == Some(expected);
    measure.record(hit, || miss(file, expected.to_string(), show_date(found)));
}

// ---------------------------------------------------------------- metadata

/// Reads a JSON-lines file into rows of type `T`, counting bad lines.
fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &Path, bad: &mut usize) -> Result<Vec<T>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str(line) {
            Ok(row) => rows.push(row),
            Err(_) => *bad += 1,
        }
    }
    Ok(rows)
}

/// RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Rows of a header-first table as maps from column name to value; rows
/// with the wrong number of fields are counted as bad.
fn table_rows(rows: Vec<Vec<String>>, bad: &mut usize) -> Vec<HashMap<String, String>> {
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Vec::new();
    };
    rows.filter(|r| !(r.len() == 1 && r[0].trim().is_empty()))
        .filter_map(|r| {
            if r.len() != header.len() {
                *bad += 1;
                return None;
            }
            Some(header.iter().cloned().zip(r).collect())
        })
        .collect()
}

fn read_tsv(path: &Path, bad: &mut usize) -> Result<Vec<HashMap<String, String>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let rows = text
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    Ok(table_rows(rows, bad))
}

fn read_csv(path: &Path, bad: &mut usize) -> Result<Vec<HashMap<String, String>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(table_rows(parse_csv(&text), bad))
}

fn field<'a>(row: &'a HashMap<String, String>, name: &str) -> &'a str {
    row.get(name).map(String::as_str).unwrap_or("").trim()
}

// ---------------------------------------------------------------- State Department

#[derive(Deserialize)]
struct StateRow {
    file: String,
    date: String,
    #[serde(default)]
    creator: String,
    #[serde(default)]
    title: String,
}

/// "Antony J. Blinken, Secretary of State": the first name/post pair of a
/// creator, when the part before the comma looks like a name.
fn issuing_official(creator: &str) -> Option<(&str, &str)> {
    let (name, rest) = creator.split_once(", ")?;
    let post = rest.split(", ").next().unwrap_or(rest).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let looks_like_name = !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || PARTICLES.contains(&w.to_lowercase().as_str())
        });
    (looks_like_name && !post.is_empty()).then_some((name.trim(), post))
}

/// "Secretary of State", "Deputy Secretary of State ..." are ministerial;
/// spokespeople and Under/Assistant Secretaries are not.
fn is_state_ministerial(post: &str) -> bool {
    post.starts_with("Secretary") || post.starts_with("Deputy Secretary")
}

/// A title of the shape "... (Call|Meeting|Meets|Meet) with <Adjective>
/// Foreign Minister <Name>".
struct ForeignMinisterTitle {
    adjective: String,
    name: String,
}

fn foreign_minister_title(title: &str) -> Option<ForeignMinisterTitle> {
    const MARK: &str = " Foreign Minister ";
    const VERBS: &[&str] = &["call", "calls", "meeting", "meetings", "meets", "meet"];
    let title = title.replace('\u{a0}', " ");
    let at = title.find(MARK)?;
    let before = &title[..at];
    let with_at = before.rfind(" with ")?;
    let verb = before[..with_at].split_whitespace().next_back()?;
    if !VERBS.contains(&verb.to_lowercase().as_str()) {
        return None;
    }
    let adjective = before[with_at + " with ".len()..].trim().to_string();
    let mut name = Vec::new();
    for word in title[at + MARK.len()..].split_whitespace() {
        let clean = clean_word(word);
        let capitalized = clean.chars().next().is_some_and(char::is_uppercase);
        if clean.is_empty() || !(capitalized || PARTICLES.contains(&clean.to_lowercase().as_str()))
        {
            break;
        }
        name.push(clean.to_string());
        if word.ends_with([',', ';', ':']) {
            break;
        }
    }
    (!name.is_empty()).then(|| ForeignMinisterTitle {
        adjective,
        name: name.join(" "),
    })
}

fn evaluate_state(dir: &Path, notes: &mut Vec<String>) -> Result<(Vec<Measure>, usize)> {
    let mut bad = 0;
    let rows: Vec<StateRow> = read_jsonl(&dir.join("metadata.jsonl"), &mut bad)?;
    let files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    let docs = extract_all(dir, &files, false);

    let mut date = Measure::new("state-dept", "date (day)", Some(1.0)).with_precision();
    let mut official = Measure::new("state-dept", "issuing official (post-matched)", None);
    let mut official_any = Measure::new("state-dept", "issuing official (any list)", None);
    let mut titles = Measure::new("state-dept", "Foreign Minister titles", Some(1.0));
    titles.show_all = true;
    let mut unmapped = Measure::tally("state-dept", "FM titles: adjective unmapped");
    unmapped.show_all = true;

    for row in &rows {
        match row.date.parse::<Date>() {
            Ok(expected) => check_day(&mut date, &docs, &row.file, expected),
            Err(_) => bad += 1,
        }
        if let Some((name, post)) = issuing_official(&row.creator) {
            check_official(
                &mut official,
                &mut official_any,
                &docs,
                &row.file,
                name,
                post,
            );
        }
        if let Some(fm) = foreign_minister_title(&row.title) {
            check_fm_title(&mut titles, &mut unmapped, &docs, row, &fm);
        }
    }
    if bad > 0 {
        notes.push(format!("state-dept: {bad} bad metadata rows skipped"));
    }
    Ok((
        vec![date, official, official_any, titles, unmapped],
        docs.len(),
    ))
}

fn check_official(
    strict: &mut Measure,
    loose: &mut Measure,
    docs: &HashMap<String, Extraction>,
    file: &str,
    name: &str,
    post: &str,
) {
    let ministerial = is_state_ministerial(post);
    let expected = format!(
        "{name} ({post}; {})",
        if ministerial { "minister" } else { "person" }
    );
    let (found, key) = match (lookup_found(docs, file), surname_key(name)) {
        (Ok(found), Some(key)) => (found, key),
        (Err(why), _) => {
            strict.record(false, || miss(file, &expected, &why));
            return loose.record(false, || miss(file, &expected, why));
        }
        (_, None) => return,
    };
    let list = if ministerial {
        &found.ministers
    } else {
        &found.people
    };
    strict.record(has_surname(list, &key), || {
        miss(file, &expected, show_both(found))
    });
    let any = has_surname(&found.ministers, &key) || has_surname(&found.people, &key);
    loose.record(any, || miss(file, &expected, show_both(found)));
}

fn check_fm_title(
    titles: &mut Measure,
    unmapped: &mut Measure,
    docs: &HashMap<String, Extraction>,
    row: &StateRow,
    fm: &ForeignMinisterTitle,
) {
    let (Some(code), Some(key)) = (country_code(&fm.adjective), surname_key(&fm.name)) else {
        return unmapped.record(false, || miss(&row.file, &fm.adjective, &row.title));
    };
    let expected = format!("{} ({code}) in {:?}", fm.name, row.title);
    let found = match lookup_found(docs, &row.file) {
        Ok(found) => found,
        Err(why) => return titles.record(false, || miss(&row.file, expected, why)),
    };
    let hit = found.ministers.iter().any(|p| {
        has_surname(std::slice::from_ref(p), &key)
            && p.country.as_ref().is_some_and(|c| c.code == code)
    });
    titles.record(hit, || {
        miss(
            &row.file,
            &expected,
            format!("ministers: {}", show_people(&found.ministers)),
        )
    });
}

// ---------------------------------------------------------------- White House

#[derive(Deserialize)]
struct DatedRow {
    file: String,
    date: String,
}

/// Prime Minister, Foreign Minister, Minister of X, Secretary of State,
/// Foreign Secretary, Deputy Prime Minister, Taoiseach (Ireland's prime
/// minister): ministerial. President, King, Chancellor, Amir,
/// Secretary-General ...: person.
fn is_ministerial_role(role: &str) -> bool {
    role.contains("Minister")
        || role.contains("Secretary of State")
        || role.contains("Foreign Secretary")
        || role.contains("Taoiseach")
}

fn evaluate_white_house(dir: &Path, notes: &mut Vec<String>) -> Result<(Vec<Measure>, usize)> {
    let mut bad = 0;
    let meta: Vec<DatedRow> = read_jsonl(&dir.join("metadata.jsonl"), &mut bad)?;
    let silver = read_tsv(&dir.join("title_mentions_silver.tsv"), &mut bad)?;
    let files: Vec<&str> = meta
        .iter()
        .map(|r| r.file.as_str())
        .chain(silver.iter().map(|r| field(r, "file")))
        .collect();
    let docs = extract_all(dir, &files, false);

    let mut date = Measure::new("white-house", "date (day)", Some(1.0)).with_precision();
    for row in &meta {
        match row.date.parse::<Date>() {
            Ok(expected) => check_day(&mut date, &docs, &row.file, expected),
            Err(_) => bad += 1,
        }
    }

    let mut country = Measure::new("white-house", "counterpart country", Some(0.99));
    let mut unmapped = Measure::tally("white-house", "counterpart country unmapped");
    let mut name = Measure::new("white-house", "counterpart name (role-matched)", Some(0.97));
    let mut name_any = Measure::new("white-house", "counterpart name (any list)", None);
    for row in &silver {
        let file = field(row, "file");
        let found = lookup_found(&docs, file);
        let given_country = field(row, "counterpart_country");
        match country_code(given_country) {
            None => unmapped.record(false, || miss(file, given_country, field(row, "title"))),
            Some(code) => {
                let expected = format!("{given_country} ({code})");
                match &found {
                    Ok(f) => country.record(f.countries.iter().any(|c| c == code), || {
                        miss(file, &expected, show_countries(f))
                    }),
                    Err(why) => country.record(false, || miss(file, &expected, why)),
                }
            }
        }
        check_counterpart(&mut name, &mut name_any, row, file, &found);
    }
    if bad > 0 {
        notes.push(format!("white-house: {bad} bad metadata rows skipped"));
    }
    Ok((vec![date, country, unmapped, name, name_any], docs.len()))
}

fn check_counterpart(
    strict: &mut Measure,
    loose: &mut Measure,
    row: &HashMap<String, String>,
    file: &str,
    found: &std::result::Result<&Found, String>,
) {
    let (role, given) = (
        field(row, "counterpart_role"),
        field(row, "counterpart_name"),
    );
    let Some(key) = surname_key(given) else {
        return;
    };
    let ministerial = is_ministerial_role(role);
    let expected = format!(
        "{given} ({role}; {})",
        if ministerial { "minister" } else { "person" }
    );
    let found = match found {
        Ok(found) => found,
        Err(why) => {
            strict.record(false, || miss(file, &expected, why));
            return loose.record(false, || miss(file, &expected, why));
        }
    };
    let list = if ministerial {
        &found.ministers
    } else {
        &found.people
    };
    strict.record(has_surname(list, &key), || {
        miss(file, &expected, show_both(found))
    });
    let any = has_surname(&found.ministers, &key) || has_surname(&found.people, &key);
    loose.record(any, || miss(file, &expected, show_both(found)));
}

// ---------------------------------------------------------------- UN General Debate

fn evaluate_ungdc(dir: &Path, notes: &mut Vec<String>) -> Result<(Vec<Measure>, usize)> {
    let mut bad = 0;
    let rows = read_csv(&dir.join("metadata.csv"), &mut bad)?;
    let files: Vec<&str> = rows.iter().map(|r| field(r, "file")).collect();
    let docs = extract_all(dir, &files, true);

    let mut year = Measure::new("ungdc", "date (year)", Some(1.0)).with_precision();
    let mut country = Measure::new("ungdc", "speaking country", None);
    let mut unmapped = Measure::tally("ungdc", "speaking country unmapped");
    let mut speaker = Measure::new("ungdc", "speaker (any list)", None);
    let mut speaker_named = Measure::new("ungdc", "speaker (named in text)", None);
    for row in &rows {
        let file = field(row, "file");
        let found = lookup_found(&docs, file);
        match field(row, "year").parse::<i16>() {
            Ok(expected) => check_year(&mut year, file, expected, &found),
            Err(_) => bad += 1,
        }
        let iso3 = field(row, "iso3");
        if iso3 != "EU" {
            if gazetteer().lookup(iso3).is_none() {
                unmapped.record(false, || miss(file, iso3, field(row, "country")));
            } else {
                match &found {
                    Ok(f) => country.record(f.countries.iter().any(|c| c == iso3), || {
                        miss(file, iso3, show_countries(f))
                    }),
                    Err(why) => country.record(false, || miss(file, iso3, why)),
                }
            }
        }
        let name = field(row, "speaker");
        if let Some(key) = surname_key(name) {
            let expected = format!("{name} ({})", field(row, "post"));
            match &found {
                Ok(f) => {
                    let hit = has_surname(&f.ministers, &key) || has_surname(&f.people, &key);
                    speaker.record(hit, || miss(file, &expected, show_both(f)));
                    if f.words.contains(&key) {
                        speaker_named.record(hit, || miss(file, &expected, show_both(f)));
                    }
                }
                Err(why) => speaker.record(false, || miss(file, &expected, why)),
            }
        }
    }
    if bad > 0 {
        notes.push(format!("ungdc: {bad} bad metadata rows skipped"));
    }
    Ok((
        vec![year, country, unmapped, speaker, speaker_named],
        docs.len(),
    ))
}

fn check_year(
    measure: &mut Measure,
    file: &str,
    expected: i16,
    found: &std::result::Result<&Found, String>,
) {
    let found = match found {
        Ok(found) => found,
        Err(why) => return measure.record(false, || miss(file, expected.to_string(), why)),
    };
    if found.date.is_some() {
        measure.predicted_one();
    }
    let hit = found.date.is_some_and(|d| d.year() == expected);
    measure.record(hit, || miss(file, expected.to_string(), show_date(found)));
}

// ---------------------------------------------------------------- output

fn percent(x: Option<f64>) -> String {
    x.map(|x| format!("{:.2}%", x * 100.0))
        .unwrap_or_else(|| "-".to_string())
}

fn print_table(measures: &[Measure]) {
    let field_width = measures
        .iter()
        .map(|m| m.field.chars().count())
        .max()
        .unwrap_or(5);
    println!(
        "{:<12} {:<field_width$} {:>6} {:>6} {:>10} {:>8} {:>8} {:>6}",
        "corpus", "field", "n", "hits", "precision", "recall", "target", "status"
    );
    for m in measures {
        let target = m
            .target
            .map(|t| format!(">={:.0}%", t * 100.0))
            .unwrap_or_else(|| "-".to_string());
        let hits = if m.count_only {
            "-".to_string()
        } else {
            m.hits.to_string()
        };
        println!(
            "{:<12} {:<field_width$} {:>6} {:>6} {:>10} {:>8} {:>8} {:>6}",
            m.corpus,
            m.field,
            m.n,
            hits,
            percent(m.precision()),
            percent(m.recall()),
            target,
            m.status()
        );
    }
}

fn shown_misses(m: &Measure, limit: usize) -> &[Miss] {
    let limit = if m.show_all {
        m.misses.len()
    } else {
        limit.min(m.misses.len())
    };
    &m.misses[..limit]
}

fn print_misses(measures: &[Measure], limit: usize) {
    for m in measures.iter().filter(|m| !m.misses.is_empty()) {
        let shown = shown_misses(m, limit);
        println!(
            "\n== {} / {}: {} misses, showing {}",
            m.corpus,
            m.field,
            m.misses.len(),
            shown.len()
        );
        for x in shown {
            println!(
                "  {}\n    expected:  {}\n    extracted: {}",
                x.file, x.expected, x.extracted
            );
        }
    }
}

#[derive(Serialize)]
struct JsonRow<'a> {
    corpus: &'a str,
    field: &'a str,
    n: usize,
    hits: Option<usize>,
    predicted: Option<usize>,
    precision: Option<f64>,
    recall: Option<f64>,
    target: Option<f64>,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    misses: Option<&'a [Miss]>,
}

fn print_json(measures: &[Measure], args: &Args, docs: usize, seconds: f64) -> Result<()> {
    let rows: Vec<JsonRow> = measures
        .iter()
        .map(|m| JsonRow {
            corpus: m.corpus,
            field: m.field,
            n: m.n,
            hits: (!m.count_only).then_some(m.hits),
            predicted: m.predicted,
            precision: m.precision(),
            recall: m.recall(),
            target: m.target,
            status: m.status(),
            misses: args.verbose.then(|| shown_misses(m, args.misses)),
        })
        .collect();
    let report = serde_json::json!({ "documents": docs, "seconds": seconds, "measures": rows });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

// ---------------------------------------------------------------- main

type Evaluation = fn(&Path, &mut Vec<String>) -> Result<(Vec<Measure>, usize)>;

fn main() -> Result<()> {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("evaluate: {message}\n{USAGE}");
            std::process::exit(2);
        }
    };
    if !args.shared.is_dir() {
        println!("skipped: ../shared not found");
        return Ok(());
    }
    let started = Instant::now();
    let corpora = args.shared.join("corpora");
    let evaluations: [(&str, Evaluation); 3] = [
        (STATE, evaluate_state),
        (WHITE_HOUSE, evaluate_white_house),
        (UNGDC, evaluate_ungdc),
    ];
    let mut measures = Vec::new();
    let mut notes = Vec::new();
    let mut docs = 0;
    for (folder, evaluate) in evaluations {
        let dir = corpora.join(folder);
        if !dir.is_dir() {
            notes.push(format!("{folder}: not found, skipped"));
            continue;
        }
        let (found, count) =
            evaluate(&dir, &mut notes).with_context(|| format!("evaluating {folder}"))?;
        measures.extend(found);
        docs += count;
    }
    let seconds = started.elapsed().as_secs_f64();

    if args.json {
        return print_json(&measures, &args, docs, seconds);
    }
    print_table(&measures);
    for note in &notes {
        println!("note: {note}");
    }
    println!("{docs} documents in {seconds:.1} s ({THREADS} threads)");
    if args.verbose {
        print_misses(&measures, args.misses);
    }
    Ok(())
}
