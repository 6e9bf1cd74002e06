//! Ministers and other officials an article names, with their posts and
//! countries. Ministries name people in a handful of fixed patterns:
//! "Foreign Minister of Jordan Ayman Safadi", "Russian Foreign Minister Sergey
//! Lavrov", "Antony J. Blinken, Secretary of State", and coordinated lists
//! ("Ministers of Foreign Affairs of South Ossetia and Russia Akhsar Dzhioev
//! and Sergei Lavrov"). This module reads those patterns off a token stream;
//! a later mention by surname alone ("Lavrov's congratulations") resolves to
//! the full name met in the same article.

use aho_corasick::{AhoCorasick, Input, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::countries::{Country, CountryMatch, Gazetteer};

/// A named person with what the text says about them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub post: Option<String>,
    pub country: Option<Country>,
}

/// The people an article names, split into those holding a ministerial post
/// and everyone else.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    pub ministers: Vec<Person>,
    pub people: Vec<Person>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenKind {
    Word,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    kind: TokenKind,
}

impl Token<'_> {
    fn is_word(&self, lower: &str) -> bool {
        self.kind == TokenKind::Word && self.text.eq_ignore_ascii_case(lower)
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    fn is_capitalized(&self) -> bool {
        self.kind == TokenKind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// What a byte is to [`tokenize_lines`]; a byte above 127 starts a
/// character to decode.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    Blank,
    Alphanumeric,
    Other,
    NotAscii,
}

fn byte_class(byte: u8) -> ByteClass {
    match byte {
        b' ' | b'\t' => ByteClass::Blank,
        b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => ByteClass::Alphanumeric,
        0..=127 => ByteClass::Other,
        128..=255 => ByteClass::NotAscii,
    }
}

/// [`tokenize_lines`] over the whole text: what the scan read before
/// [`post_lines`], kept as the reference the tests hold it to.
#[cfg(test)]
fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_lines(text, 0..text.len())
}

/// Words (letters and digits, joined by inner hyphens and apostrophes) and
/// single punctuation marks of the lines in `lines`; spaces and tabs are
/// dropped. `lines` starts at the start of a line and ends at the end of
/// one: a line break is a token of its own, so these are the tokens a pass
/// over the whole text gives there, with the same offsets. This sees a
/// fifth of the bytes of an article, so ASCII goes by a table and only
/// other characters are decoded.
fn tokenize_lines(text: &str, lines: Range<usize>) -> Vec<Token<'_>> {
    let Some(text) = text.get(..lines.end) else {
        return Vec::new();
    };
    let bytes = text.as_bytes();
    let char_at = |at: usize| -> Option<char> {
        match bytes.get(at) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => text.get(at..).and_then(|rest| rest.chars().next()),
            None => None,
        }
    };
    let alphanumeric_at = |at: usize| char_at(at).is_some_and(char::is_alphanumeric);
    let mut tokens = Vec::with_capacity(lines.len() / 5);
    let mut at = lines.start;
    while let Some(&byte) = bytes.get(at) {
        let start = at;
        let c = match byte_class(byte) {
            ByteClass::Blank => {
                at += 1;
                continue;
            }
            ByteClass::Alphanumeric => char::from(byte),
            ByteClass::Other => {
                at += 1;
                tokens.push(Token {
                    text: text.get(start..at).unwrap_or_default(),
                    start,
                    end: at,
                    kind: TokenKind::Punct(char::from(byte)),
                });
                continue;
            }
            ByteClass::NotAscii => match char_at(at) {
                Some(c) => c,
                None => break,
            },
        };
        at += c.len_utf8();
        if !c.is_alphanumeric() {
            tokens.push(Token {
                text: text.get(start..at).unwrap_or_default(),
                start,
                end: at,
                kind: TokenKind::Punct(c),
            });
            continue;
        }
        while let Some(&byte) = bytes.get(at) {
            match byte_class(byte) {
                ByteClass::Alphanumeric => at += 1,
                ByteClass::Blank => break,
                ByteClass::Other => {
                    if matches!(byte, b'-' | b'\'') && alphanumeric_at(at + 1) {
                        at += 1;
                    } else {
                        break;
                    }
                }
                ByteClass::NotAscii => match char_at(at) {
                    Some(d) if d.is_alphanumeric() => at += d.len_utf8(),
                    Some('’') if alphanumeric_at(at + '’'.len_utf8()) => at += '’'.len_utf8(),
                    _ => break,
                },
            }
        }
        tokens.push(Token {
            text: text.get(start..at).unwrap_or_default(),
            start,
            end: at,
            kind: TokenKind::Word,
        });
    }
    tokens
}

/// A post found in the text, and where it ends.
#[derive(Clone, Debug)]
struct PostMatch {
    title: String,
    ministerial: bool,
    end: usize,
}

/// Fixed post phrases, longest first within each kind. `true` marks a
/// ministerial post.
const POSTS: &[(&[&str], bool)] = &[
    (
        &["first", "vice", "minister", "of", "foreign", "affairs"],
        true,
    ),
    (&["vice", "minister", "of", "foreign", "affairs"], true),
    (&["first", "vice", "foreign", "minister"], true),
    (&["vice", "foreign", "minister"], true),
    (&["state", "minister", "for", "foreign", "affairs"], true),
    (&["interim", "foreign", "minister"], true),
    (&["acting", "foreign", "minister"], true),
    (&["acting", "secretary", "of", "state"], true),
    (&["alternate", "prime", "minister"], true),
    (&["first", "deputy", "prime", "minister"], true),
    (&["vice", "prime", "minister"], true),
    (&["vice", "premier"], true),
    (&["premier"], true),
    (&["taoiseach"], true),
    (&["cabinet", "secretary"], true),
    (&["general", "secretary"], false),
    (&["principal", "deputy", "press", "secretary"], false),
    (&["deputy", "press", "secretary"], false),
    (&["press", "secretary"], false),
    (&["principal", "deputy", "spokesperson"], false),
    (&["deputy", "spokesperson"], false),
    (&["department", "spokesperson"], false),
    (&["nsc", "spokesperson"], false),
    (&["acting", "assistant", "secretary"], false),
    (&["deputy", "assistant", "secretary"], false),
    (&["assistant", "secretary"], false),
    (&["acting", "under", "secretary"], false),
    (&["under", "secretary"], false),
    (&["state", "councilor"], false),
    (&["state", "councillor"], false),
    (&["permanent", "representative"], false),
    (&["high", "commissioner"], false),
    (&["ambassador-designate"], false),
    (
        &["first", "deputy", "minister", "of", "foreign", "affairs"],
        true,
    ),
    (&["deputy", "minister", "of", "foreign", "affairs"], true),
    (&["deputy", "minister", "for", "foreign", "affairs"], true),
    (&["minister", "of", "foreign", "affairs"], true),
    (&["ministers", "of", "foreign", "affairs"], true),
    (&["minister", "for", "foreign", "affairs"], true),
    (&["ministers", "for", "foreign", "affairs"], true),
    (&["deputy", "secretary", "of", "state"], true),
    (&["secretary", "of", "state"], true),
    (&["deputy", "prime", "minister"], true),
    (&["prime", "minister"], true),
    (&["prime", "ministers"], true),
    (&["first", "deputy", "foreign", "minister"], true),
    (&["deputy", "foreign", "minister"], true),
    (&["foreign", "affairs", "minister"], true),
    (&["foreign", "minister"], true),
    (&["foreign", "ministers"], true),
    (&["foreign", "secretary"], true),
    (&["fm"], true),
    (&["national", "security", "advisor"], false),
    (&["national", "security", "adviser"], false),
    (&["vice", "president"], false),
    (&["vice-president"], false),
    (&["president-elect"], false),
    (&["vice-chancellor"], false),
    (&["governor-elect"], false),
    (&["crown", "prince"], false),
    (&["special", "envoy"], false),
    (&["special", "representative"], false),
    (&["charge", "d'affaires"], false),
    (&["chargé", "d'affaires"], false),
    (&["charge", "d’affaires"], false),
    (&["chargé", "d’affaires"], false),
    (&["secretary-general"], false),
    (&["secretary", "general"], false),
    (&["president"], false),
    (&["presidents"], false),
    (&["king"], false),
    (&["queen"], false),
    (&["emir"], false),
    (&["amir"], false),
    (&["sultan"], false),
    (&["chancellor"], false),
    (&["ambassador"], false),
    (&["ambassadors"], false),
    (&["spokesperson"], false),
    (&["spokesman"], false),
    (&["spokeswoman"], false),
    (&["envoy"], false),
    (&["governor"], false),
    (&["senator"], false),
    (&["senators"], false),
    (&["representatives"], false),
    (&["congressman"], false),
    (&["congresswoman"], false),
    (&["rep"], false),
    (&["sen"], false),
    (&["gov"], false),
    (&["majority", "leader"], false),
    (&["minority", "leader"], false),
    (&["supreme", "leader"], false),
    (&["chairman"], false),
    (&["chairwoman"], false),
    (&["speaker"], false),
    (&["pope"], false),
];

/// Posts written short, with the title each stands for: 190 "Rep.", 67
/// "Sen." and 55 "Gov." before a capitalised word at 17k.
const ABBREVIATED_POSTS: &[(&str, &str)] = &[
    ("rep", "Representative"),
    ("sen", "Senator"),
    ("gov", "Governor"),
];

/// Words that name a portfolio in "Minister of Defence", "Finance Minister",
/// "Secretary of the Treasury".
/// The words of [`PORTFOLIO_WORDS`] that join a portfolio but never name one.
const PORTFOLIO_FUNCTION_WORDS: &[&str] = &["the", "and", "of", "for"];

const PORTFOLIO_WORDS: &[&str] = &[
    "emigrants",
    "worship",
    "defence",
    "defense",
    "finance",
    "finances",
    "economy",
    "economic",
    "economics",
    "development",
    "trade",
    "industry",
    "interior",
    "internal",
    "home",
    "justice",
    "health",
    "education",
    "culture",
    "agriculture",
    "energy",
    "transport",
    "labour",
    "labor",
    "environment",
    "tourism",
    "sport",
    "sports",
    "youth",
    "digital",
    "investment",
    "cooperation",
    "international",
    "european",
    "integration",
    "emergency",
    "situations",
    "science",
    "higher",
    "social",
    "security",
    "commerce",
    "treasury",
    "homeland",
    "veterans",
    "housing",
    "urban",
    "natural",
    "resources",
    "water",
    "communications",
    "information",
    "technology",
    "public",
    "works",
    "infrastructure",
    "planning",
    "mines",
    "mining",
    "petroleum",
    "oil",
    "gas",
    "fisheries",
    "maritime",
    "family",
    "women",
    "children",
    "human",
    "services",
    "rights",
    "religious",
    "diaspora",
    "expatriates",
    "relations",
    "regional",
    "national",
    "budget",
    "revenue",
    "affairs",
    "foreign",
    "state",
    "climate",
    "immigration",
    "citizenship",
    "welfare",
    "protection",
    "innovation",
    "research",
    "enterprise",
    "employment",
    "policy",
    "land",
    "lands",
    "food",
    "rural",
    "trade,",
    "and",
    "of",
    "for",
    "the",
    "transportation",
    "attorney",
    "general",
    "external",
    "cabinet",
    "democracy",
    "population",
    "refugees",
    "migration",
    "arms",
    "control",
    "political",
    "counterterrorism",
    "management",
    "administration",
    "disarmament",
    // "Secretary of the Army Christine Wormuth", "Secretary of the Air Force".
    "army",
    "navy",
    "air",
    "force",
    "marine",
    "corps",
    // "Minister for Ecological Transition", "Minister of Renewable Energy".
    "ecological",
    "transition",
    "renewable",
    // Portfolios of American under and assistant secretaries: "for Economic
    // Growth, Energy, and the Environment", "for Public Diplomacy", "for
    // International Narcotics and Law Enforcement Affairs".
    "growth",
    "diplomacy",
    "environmental",
    "small",
    "business",
    "community",
    "nuclear",
    "safety",
    "agricultural",
    "telecommunication",
    "telecommunications",
    "cyber",
    "cyberspace",
    "civil",
    "strategic",
    "narcotics",
    "law",
    "enforcement",
    "financial",
    "crimes",
    "intelligence",
    "nonproliferation",
    "recovery",
    "equity",
    "racial",
    "girls",
    "emerging",
    "engagement",
    "mobility",
    "industrial",
    // Portfolios of ministers met in lists at 17k: "Minister of Labour and
    // Employment, Environment, Forest and Climate Change", "Secretary of
    // State for Digital, Culture, Media and Sport", "Minister for Higher
    // Education, Adult Education, Scientific Research", "Secretary of War".
    "change",
    "forest",
    "forests",
    "forestry",
    "adult",
    "media",
    "arts",
    "heritage",
    "scientific",
    "universities",
    "vocational",
    "training",
    "skills",
    "legal",
    "nature",
    "conservation",
    "biodiversity",
    "space",
    "gender",
    "equality",
    "solidarity",
    "reconciliation",
    "unification",
    "postal",
    "local",
    "government",
    "war",
];

/// Capitalised words that never start or continue a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "On",
    "In",
    "At",
    "For",
    "And",
    "Of",
    "To",
    "By",
    "With",
    "From",
    "During",
    "After",
    "Before",
    "As",
    "But",
    "Also",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "Minister",
    "Ministers",
    "Ministry",
    "Foreign",
    "Affairs",
    "President",
    "Prime",
    "Secretary",
    "State",
    "Republic",
    "Kingdom",
    "Government",
    "Embassy",
    "Ambassador",
    // "the rank of Minister Counselor": a diplomatic rank, not a minister.
    "Counselor",
    "Counsellor",
    "Deputy",
    "Federation",
    "Council",
    "Union",
    "United",
    "Nations",
    "General",
    "Assembly",
    "Department",
    "Office",
    "Spokesperson",
    "Spokesman",
    "House",
    "White",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Today",
    "Yesterday",
    "Statement",
    "Joint",
    "Readout",
    "Call",
    "Meeting",
    "Press",
    "Release",
    "Excellency",
    "Majesty",
    "Highness",
    "Charge",
    "Chargé",
    "Special",
    "Envoy",
    "Vice",
    "King",
    "Queen",
    "Crown",
    "Prince",
    "Emir",
    "Sultan",
    "Chancellor",
    "Both",
    "Two",
    "Sides",
    "Parties",
    "Party",
    "Delegation",
    "Delegations",
    "Mission",
    "Cabinet",
    "Parliament",
    "Senate",
    "Congress",
    "According",
    "Please",
    "Read",
    "See",
    "Washington",
    "Moscow",
    "Beijing",
    "Following",
    "Under",
    "Within",
    // Function words a title in Title Case capitalises: "Remarks by
    // President Biden While Receiving", "Joe Biden Ahead of".
    "While",
    "Ahead",
    "Amid",
    "About",
    "Against",
    "Among",
    "Between",
    "Into",
    "Over",
    "Regarding",
    "Through",
    "Toward",
    "Towards",
    "Upon",
    "Without",
    "Are",
    "Were",
    "Have",
    "Who",
    "When",
    "Where",
    "Which",
    "Today's",
    "Dear",
    "Your",
    "Jr",
    "Sr",
    "Acting",
    "Assistant",
    "Principal",
    "National",
    "Security",
    "Advisor",
    "Adviser",
    "Press",
    "Councilor",
    "Alternate",
    "Interim",
    "Premier",
    "Taoiseach",
    "First",
    "Permanent",
    "Representative",
    "Commissioner",
    "High",
    "NSC",
    "Northern",
    "Southern",
    "Second",
    "Gentleman",
    "Lady",
    "Madam",
    "Mister",
    "European",
    "Commission",
    "African",
    "Arab",
    "League",
    "Organization",
    "Organisation",
    "Bank",
    "Fund",
    "Forum",
    "Summit",
    "Agency",
    "Committee",
    "Court",
    "Group",
    "Extraordinary",
    "Plenipotentiary",
    "Envoy",
    "Ambassadors",
    "Excellencies",
    // Posts and ranks that run on from a list of names: "President Biden,
    // Senator Manchin, Governor Walz and Speaker Pelosi".
    "Secretary-General",
    "Under-Secretary-General",
    "Senator",
    "Governor",
    "Speaker",
    "Leader",
    "Majority",
    "Minority",
    "Whip",
    "Mayor",
    "Lieutenant",
    "Admiral",
    "Commander",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Director",
    "Administrator",
    "Senior",
    "Chief",
    "Officer",
    "Head",
    "Candidate",
    "Gubernatorial",
    "Emeritus",
    "Emerita",
    "Pro",
    "Tempore",
    "Congressman",
    "Congresswoman",
    "Congressional",
    "Democrats",
    "Republicans",
    // Institutions and honours after a post: "Secretary of Defense Medal
    // for Outstanding Public Service", "the Global Coalition to Defeat ISIS".
    "Medal",
    "Award",
    "Prize",
    "Global",
    "World",
    "Coalition",
    "Institution",
    "Institute",
    "Smithsonian",
    "Foundation",
    "University",
    "Association",
    "Bureau",
    "County",
    "Central",
    "Royal",
    "Technologies",
    "Federal",
    "Islamic",
    "Domestic",
    "Armed",
    "Conflict",
    "Evaluation",
    "Ranking",
    "Member",
    "Inc",
    "Corporation",
    "Academy",
    "Initiative",
    "Initiatives",
    "Act",
    "Bar",
    "Olympic",
    "Nobel",
    "Peace",
    "Engineering",
    "Employees",
    "Capital",
    "Partners",
    "Service",
    "College",
    "Relief",
    "Centre",
    "Center",
    "Strategy",
    "Humanitarian",
    "Aid",
    "Board",
    // "Secretary of War Suite, Eisenhower Executive Office Building",
    // "Chairman of the Air Force Scientific Advisory Board", "President
    // Memorandum on ...", "The President Orders PREP Act Declaration".
    "Suite",
    "Room",
    "Advisory",
    "Memorandum",
    "Orders",
    // "Thanks for the passport, Gov. Appreciate it."
    "Appreciate",
    // "Nominee Jennifer Granholm", "Moderator Uzra Zeya", "Thank you, Mr.
    // President. You Mr Volkan Bozkir ...".
    "Nominee",
    "Moderator",
    "Coordinator",
    "You",
    // Posts too ("Senators Collins and Murkowski"), never a name's first
    // word after another name ("Senator Cantwell, Senators Bennet ...").
    "Senators",
    "Representatives",
    // "the International Seabed Authority", "the Palestinian Authority".
    "Authority",
    "Analysis",
    "Program",
    "Programme",
    "Roundtable",
    "Associate",
    "Staff",
    "Conservation",
    "Alliance",
    "Democratic",
    "Leadership",
    "Markets",
    "Co-Chair",
    "Comrade",
    // "Ladies and Gentlemen, Distinguished Delegates".
    "Ladies",
    "Gentlemen",
    "Distinguished",
    "Delegates",
    // States of the United States, which the country gazetteer does not
    // hold: "Illinois Governor J. B. Pritzker". Those that are also given
    // names (Virginia, Carolina, Georgia, Montana) are not listed.
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Nebraska",
    "Oklahoma",
    "Ohio",
    "Oregon",
    "Pennsylvania",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Wisconsin",
    "Wyoming",
    "Puerto",
    "Rico",
    "New",
    "York",
];

/// Honorifics dropped in front of a name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "mme",
    "madam",
    "sir",
    "sheikh",
    "shaikh",
    "h",
    "e",
    "excellency",
    "his",
    "her",
    "hon",
    "honourable",
    "honorable",
    "lord",
    "lady",
    "prince",
    "princess",
    "sheikha",
    "dato",
    "datuk",
    "dame",
    // Met before names at 17k: "Shri Narendra Modi", "Madame Madeleine
    // Albright", "Reverend Raphael Warnock", "Samdech Hun Sen", "Begum
    // Khaleda Zia", "Comandante Daniel Ortega", "Mwalimu Julius Nyerere".
    "shri",
    "smt",
    "madame",
    "reverend",
    "rev",
    "samdech",
    "begum",
    "comandante",
    "compañera",
    "compañero",
    "mwalimu",
    "shaheed",
    "alhaji",
];

/// Whether a name that starts with `word` is a family name without its
/// given name: "Van Hollen", "Del Toro", "Di Maio", "De Mistura". Not the
/// Arabic particles, which also start given names ("Al Gore", "Ben
/// Cardin"), nor "Le" and "Do", which start Vietnamese names family name
/// first.
pub fn starts_a_family_name(word: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "del", "della", "di", "da", "du", "dos", "das", "der", "den",
    ];
    with_lowercase(word, |lower| PARTICLES.contains(&lower))
}

/// Lower-case particles inside Arabic, Iberian, Dutch and German names.
const NAME_PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "de", "da", "das", "do", "dos", "di", "du", "van", "von",
    "der", "den", "la", "le", "y", "zu", "ben",
];

/// One name in the text with what its context says.
#[derive(Clone, Debug)]
struct Mention {
    words: Vec<String>,
    post: Option<String>,
    ministerial: bool,
    country: Option<Country>,
    /// Read from the title, in Title Case (see [`cut_at_headline_verbs`]).
    headline: bool,
}

/// Finds the ministers and people that `text` names.
pub fn people_in(text: &str, gazetteer: &Gazetteer) -> People {
    people_with_countries(text, gazetteer, &gazetteer.find(text))
}

/// [`people_in`] with the country mentions of `text` already found: the
/// gazetteer scan is a tenth of indexing, so it runs once per article.
pub fn people_with_countries(
    text: &str,
    gazetteer: &Gazetteer,
    country_matches: &[CountryMatch],
) -> People {
    let mut mentions = Vec::new();
    for lines in post_lines(text) {
        let tokens = tokenize_lines(text, lines);
        let scanner = Scanner {
            text,
            last_line: RefCell::default(),
            tokens: &tokens,
            countries: country_matches,
            gazetteer,
        };
        scanner.find_mentions(&mut mentions);
    }
    cut_at_headline_verbs(&mut mentions);
    merge(mentions)
}

/// A name read from a title in Title Case can run on into its verb:
/// "President Biden Names Fifth Round of Judicial Candidates" gives "Biden
/// Names Fifth Round", and no other line writes "names" or "name" for
/// [`Scanner::is_headline_word`] to see. Where another line of the article
/// gives a name that ends with a word ("President Biden", "President Joe
/// Biden"), and in the headline that word is followed by one of five
/// letters or more, ASCII, ending in a single "s" as a verb of the present
/// does, the name ends there: "Biden". Surnames that end so ("Zelaya
/// Rosales", "Chávez Frías") mostly follow a given name, which seldom ends
/// a name; one that follows a surname the body ends a name with
/// ("Rodrigo Chaves Robles", "President Chaves") is cut, leaving the name
/// the article goes by.
fn cut_at_headline_verbs(mentions: &mut [Mention]) {
    let alone: Vec<String> = mentions
        .iter()
        .filter(|m| !m.headline)
        .filter_map(|m| m.words.last().map(|word| name_key(word)))
        .collect();
    if alone.is_empty() {
        return;
    }
    for mention in mentions.iter_mut().filter(|m| m.headline) {
        let cut = (1..mention.words.len()).find(|&end| {
            let is_verb = mention.words.get(end).is_some_and(|w| {
                w.len() >= 5 && w.is_ascii() && w.ends_with('s') && !w.ends_with("ss")
            });
            is_verb
                && mention
                    .words
                    .get(end - 1)
                    .is_some_and(|before| alone.contains(&name_key(before)))
        });
        if let Some(end) = cut {
            mention.words.truncate(end);
        }
    }
}

/// Words one of which every post holds: "Minister", "Secretary",
/// "President", "Ambassador", "chargé d'affaires" and the rest of
/// [`POSTS`], a portfolio post's "Minister" or "Secretary". Posts never
/// reach across a line break, so a line without any of these names no one
/// by post. Four lines in five of the real corpora have none, and they
/// are never tokenized: tokenizing every line was a seventh of indexing.
const POST_HEADS: &[&str] = &[
    "minister",
    "ministers",
    "secretary",
    "premier",
    "taoiseach",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "councilor",
    "councillor",
    "representative",
    "commissioner",
    "ambassador",
    "ambassadors",
    "fm",
    "advisor",
    "adviser",
    "president",
    "presidents",
    "prince",
    "envoy",
    "affaires",
    "king",
    "queen",
    "emir",
    "amir",
    "sultan",
    "chancellor",
    "governor",
    "senator",
    "senators",
    "representatives",
    "congressman",
    "congresswoman",
    "rep",
    "sen",
    "gov",
    "speaker",
    "pope",
    "leader",
    "chairman",
    "chairwoman",
];

/// The stretches of `text` worth tokenizing: each line that holds a word of
/// [`POST_HEADS`], with a line of margin on either side, joined where they
/// meet.
fn post_lines(text: &str) -> Vec<Range<usize>> {
    static HEADS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(POST_HEADS)
            .ok()
    });
    // The words are compiled in and a unit test builds them; were the
    // matcher ever missing, the whole text is read, as before it existed.
    let Some(heads) = heads else {
        return std::iter::once(0..text.len()).collect();
    };
    let bytes = text.as_bytes();
    let line_start = |at: usize| {
        bytes
            .get(..at)
            .and_then(|before| memchr::memrchr(b'\n', before))
            .map_or(0, |newline| newline + 1)
    };
    let line_end = |at: usize| {
        bytes
            .get(at..)
            .and_then(|after| memchr::memchr(b'\n', after))
            .map_or(text.len(), |newline| at + newline + 1)
    };
    let mut stretches: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    while let Some(found) = heads.find(Input::new(text).range(from..)) {
        from = found.end();
        if !is_whole_word(text, found.start(), found.end()) {
            continue;
        }
        let start = line_start(line_start(found.start()).saturating_sub(1));
        let end = line_end(line_end(found.end()));
        match stretches.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => stretches.push(start..end),
        }
        // The rest of this line and the next are in the stretch already.
        from = from.max(line_end(found.end()));
    }
    stretches
}

/// Whether `t` is or holds a post's head word: "Minister",
/// "Vice-Chancellor", "Senator".
fn is_post_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
        && with_lowercase(t.text, |w| {
            w.split('-').any(|part| POST_HEADS.contains(&part))
        })
}

/// Whether `text[start..end]` is not part of a longer word.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

struct Scanner<'t, 'a> {
    text: &'a str,
    /// The line [`Scanner::is_title_case_at`] last looked at.
    last_line: RefCell<TitleCaseLine>,
    tokens: &'t [Token<'a>],
    countries: &'t [CountryMatch],
    gazetteer: &'t Gazetteer,
}

impl Scanner<'_, '_> {
    /// Every post in the tokens, with the people it names.
    fn find_mentions(&self, mentions: &mut Vec<Mention>) {
        let mut i = 0;
        while i < self.tokens.len() {
            match self.post_at(i) {
                Some(post) => {
                    mentions.extend(self.people_around(i, &post));
                    i = post.end.max(i + 1);
                }
                None => i += 1,
            }
        }
    }

    fn post_at(&self, i: usize) -> Option<PostMatch> {
        let tokens = self.tokens;
        // Most words start no post: reject them without trying every pattern.
        if !may_start_post(tokens.get(i)?) {
            return None;
        }
        for (words, ministerial) in POSTS {
            let fits = words
                .iter()
                .enumerate()
                .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.is_word(w)));
            if fits {
                // "President" and "King" need a capital; "foreign minister" need not.
                let first = tokens.get(i)?;
                if !ministerial && !first.is_capitalized() {
                    return None;
                }
                if let [word] = words {
                    if ABBREVIATED_POSTS.iter().any(|(short, _)| short == word) {
                        return self.abbreviated_post_at(i);
                    }
                }
                let mut title = words
                    .iter()
                    .enumerate()
                    .map(|(k, _)| tokens.get(i + k).map_or("", |t| t.text))
                    .collect::<Vec<_>>()
                    .join(" ");
                // "[Vice] President Harris": a transcript's correction of
                // what the speaker said is the post.
                let corrected = i
                    .checked_sub(3)
                    .and_then(|at| tokens.get(at..i))
                    .is_some_and(|before| {
                        matches!(before, [open, vice, close]
                            if open.is_punct('[') && vice.is_word("vice") && close.is_punct(']'))
                    });
                if corrected && words == &["president"] {
                    title = format!("Vice {title}");
                }
                let end = i + words.len();
                return Some(PostMatch {
                    title: post_title(&title),
                    ministerial: *ministerial,
                    end: if *ministerial {
                        self.joined_portfolios_end(end)
                    } else {
                        end
                    },
                });
            }
        }
        self.portfolio_post_at(i)
    }

    /// "Rep. Nikki Budzinski", "Sen. Tammy Duckworth", "Gov. Roy Cooper": the
    /// abbreviation at token `i` must have its full stop and stand after no
    /// name ("Prime Minister Hun Sen. The talks ...").
    fn abbreviated_post_at(&self, i: usize) -> Option<PostMatch> {
        let tokens = self.tokens;
        let short = tokens.get(i)?;
        // Asked of every name's first word: the cheap tests first.
        let (_, title) = ABBREVIATED_POSTS
            .iter()
            .find(|(abbreviation, _)| short.is_word(abbreviation))?;
        let after_name = i
            .checked_sub(1)
            .and_then(|before| tokens.get(before))
            .is_some_and(is_name_word);
        if after_name || !tokens.get(i + 1).is_some_and(|t| t.is_punct('.')) {
            return None;
        }
        Some(PostMatch {
            title: (*title).to_string(),
            ministerial: false,
            end: i + 2,
        })
    }

    /// Where a post ends that goes on with more portfolios: "Minister of
    /// Foreign Affairs and Trade", "... and European Integration", "... and
    /// Diaspora". The post keeps its first title; the name is looked for
    /// after the whole of it.
    fn joined_portfolios_end(&self, mut end: usize) -> usize {
        let tokens = self.tokens;
        // Words that name a portfolio: not "of", which starts "of Hungary".
        let is_portfolio = |t: &Token| {
            t.kind == TokenKind::Word
                && with_lowercase(t.text, is_portfolio_word)
                && !PORTFOLIO_FUNCTION_WORDS.iter().any(|w| t.is_word(w))
        };
        // "Prime Minister and Foreign Minister X": a second post, not a
        // second portfolio.
        let is_head = |t: &Token| {
            ["minister", "ministers", "secretary"]
                .iter()
                .any(|w| t.is_word(w))
        };
        while tokens.get(end).is_some_and(|t| t.is_word("and"))
            && tokens.get(end + 1).is_some_and(is_portfolio)
        {
            let mut next = end + 1;
            while tokens.get(next).is_some_and(is_portfolio) {
                next += 1;
            }
            if tokens.get(next).is_some_and(is_head) {
                break;
            }
            end = next;
        }
        end
    }

    /// "Minister of Economic Development", "Defence Minister", "Secretary of
    /// the Treasury", "Treasury Secretary", and "Minister"/"Secretary" alone
    /// when a name follows at once ("Secretary Blinken").
    fn portfolio_post_at(&self, i: usize) -> Option<PostMatch> {
        let tokens = self.tokens;
        let first = tokens.get(i)?;
        let is_portfolio =
            |t: &Token| t.kind == TokenKind::Word && with_lowercase(t.text, is_portfolio_word);
        let head = |t: &Token| t.is_word("minister") || t.is_word("secretary");
        if head(first) && first.is_capitalized() {
            let mut end = i + 1;
            if tokens
                .get(end)
                .is_some_and(|t| t.is_word("of") || t.is_word("for"))
            {
                let mut k = end + 1;
                while tokens.get(k).is_some_and(&is_portfolio) {
                    k += 1;
                }
                // "Minister of Culture, Heritage, Sport and Youth": a list
                // goes on past a comma to an item that a comma follows or
                // that holds "and"; "Secretary of Defense, Defense Agencies"
                // is no list.
                while tokens.get(k).is_some_and(|t| t.is_punct(',')) {
                    let mut item_end = k + 1;
                    while tokens.get(item_end).is_some_and(&is_portfolio) {
                        item_end += 1;
                    }
                    let item = tokens.get(k + 1..item_end).unwrap_or_default();
                    let is_item = !item.is_empty()
                        && (tokens.get(item_end).is_some_and(|t| t.is_punct(','))
                            || item.iter().any(|t| t.is_word("and")));
                    if !is_item {
                        break;
                    }
                    k = item_end;
                }
                // The portfolio must hold a capitalised word, not just "of the".
                let named = tokens
                    .iter()
                    .take(k)
                    .skip(end + 1)
                    .any(|t| t.is_capitalized());
                if named {
                    end = k;
                    while end > i + 2
                        && tokens.get(end - 1).is_some_and(|t| {
                            t.is_word("and")
                                || t.is_word("of")
                                || t.is_word("the")
                                || t.is_word("for")
                        })
                    {
                        end -= 1;
                    }
                }
            }
            let title = join_tokens(tokens.get(i..end).unwrap_or_default());
            return Some(PostMatch {
                title: post_title(&title),
                ministerial: true,
                end,
            });
        }
        // "Defence Minister", "Treasury Secretary"; not "The Minister".
        let names_portfolio = |t: &Token| {
            is_portfolio(t)
                && t.is_capitalized()
                && !PORTFOLIO_FUNCTION_WORDS.iter().any(|w| t.is_word(w))
        };
        if names_portfolio(first) {
            let mut k = i;
            while tokens.get(k).is_some_and(names_portfolio) {
                k += 1;
            }
            if k > i && tokens.get(k).is_some_and(|t| head(t) && t.is_capitalized()) {
                let title = join_tokens(tokens.get(i..=k).unwrap_or_default());
                return Some(PostMatch {
                    title: post_title(&title),
                    ministerial: true,
                    end: k + 1,
                });
            }
        }
        None
    }

    /// Whether token `i` is a line break inside a name, as speeches
    /// hard-wrapped from a PDF have them: "on behalf of His Excellency Paul
    /// / Kagame, President of the Republic of Rwanda". It must be a single
    /// break, between two name words, at the end of a line of running text
    /// (40 bytes or more), so that names one to a line stay apart.
    fn is_wrapped_name_break(&self, i: usize) -> bool {
        /// Shortest line taken for running text.
        const RUNNING_LINE: usize = 40;
        let tokens = self.tokens;
        let (Some(before), Some(brk), Some(after)) = (
            i.checked_sub(1).and_then(|k| tokens.get(k)),
            tokens.get(i),
            tokens.get(i + 1),
        ) else {
            return false;
        };
        if !brk.is_punct('\n') || !is_name_word(before) || !is_name_word(after) {
            return false;
        }
        let line_start = self
            .text
            .as_bytes()
            .get(..brk.start)
            .and_then(|line| memchr::memrchr(b'\n', line))
            .map_or(0, |newline| newline + 1);
        brk.start - line_start >= RUNNING_LINE
    }

    /// Whether token `t` is part of a country's name ("Zealand" in "New
    /// Zealand").
    fn in_country(&self, t: &Token) -> bool {
        self.countries
            .iter()
            .any(|m| m.start <= t.start && t.start < m.end)
    }

    /// The country match that starts at token `i`, and the token after it.
    fn country_at(&self, i: usize) -> Option<(Country, usize)> {
        let token = self.tokens.get(i)?;
        let m = self.countries.iter().find(|m| m.start == token.start)?;
        let entry = self.gazetteer.entries.get(m.entry)?;
        let mut next = i;
        while self.tokens.get(next).is_some_and(|t| t.start < m.end) {
            next += 1;
        }
        Some((entry.country(), next))
    }

    /// The country match that ends just before token `i` ("Russian Foreign
    /// Minister", "Jordan's Foreign Minister").
    fn country_before(&self, i: usize) -> Option<(Country, usize)> {
        let mut j = i.checked_sub(1)?;
        let token = self.tokens.get(j)?;
        let mut end = token.end;
        if token.text.ends_with("'s") || token.text.ends_with("’s") {
            end -= if token.text.ends_with("'s") { 2 } else { 4 };
        }
        let m = self.countries.iter().find(|m| m.end == end)?;
        let entry = self.gazetteer.entries.get(m.entry)?;
        while j > 0 && self.tokens.get(j).is_some_and(|t| t.start > m.start) {
            j -= 1;
        }
        Some((entry.country(), j))
    }

    /// Countries after a post: "of Jordan", "of South Ossetia and Russia",
    /// "of the Russian Federation in South Ossetia".
    fn countries_after(&self, mut i: usize) -> (Vec<Country>, usize) {
        let mut countries = Vec::new();
        let starts_complement = self.tokens.get(i).is_some_and(|t| t.is_word("of"));
        if !starts_complement {
            return (countries, i);
        }
        i += 1;
        loop {
            if self.tokens.get(i).is_some_and(|t| t.is_word("the")) {
                i += 1;
            }
            match self.country_at(i) {
                Some((country, next)) => {
                    countries.push(country);
                    i = next;
                }
                None => break,
            }
            match self.tokens.get(i) {
                Some(t) if t.is_word("and") || t.is_punct(',') => {
                    if self.country_at(i + 1).is_some()
                        || self.tokens.get(i + 1).is_some_and(|t| t.is_word("the"))
                            && self.country_at(i + 2).is_some()
                    {
                        i += 1;
                        continue;
                    }
                    break;
                }
                _ => break,
            }
        }
        // "... of Russia in South Ossetia", "... of Russia to the United Nations".
        if !countries.is_empty() {
            if let Some(t) = self.tokens.get(i) {
                if t.is_word("in") || t.is_word("to") {
                    let mut k = i + 1;
                    if self.tokens.get(k).is_some_and(|t| t.is_word("the")) {
                        k += 1;
                    }
                    if let Some((_, next)) = self.country_at(k) {
                        i = next;
                    }
                }
            }
        }
        (countries, i)
    }

    fn people_around(&self, post_at: usize, post: &PostMatch) -> Vec<Mention> {
        let (mut countries, mut i) = self.countries_after(post.end);
        if countries.is_empty() {
            // No country after "of": a portfolio may be ("Under Secretary
            // of Defense Colin Kahl").
            i = post.end;
            let chain_start = self.chained_posts_start(post_at);
            if let Some((country, _)) = self.country_before(chain_start) {
                countries.push(country);
            }
        }
        i = self.skip_portfolio(i);
        if self.tokens.get(i).is_some_and(|t| t.is_punct(',')) {
            i += 1;
        }
        let names = self.names_and_end(&mut i);
        if names.is_empty() {
            return self.appositive_name(post_at, post, countries);
        }
        // "Prime Minister Justin Trudeau of Canada".
        if countries.is_empty() && names.len() == 1 {
            let (after, _) = self.countries_after(i);
            countries.extend(after.into_iter().take(1));
        }
        let pair_in_order = names.len() == countries.len() && names.len() > 1;
        let headline = self.is_headline_at(post_at);
        names
            .into_iter()
            .enumerate()
            .map(|(k, words)| Mention {
                words,
                headline,
                post: Some(post.title.clone()),
                ministerial: post.ministerial,
                country: if pair_in_order {
                    countries.get(k).cloned()
                } else if countries.len() == 1 {
                    countries.first().cloned()
                } else {
                    None
                },
            })
            .collect()
    }

    /// Where a chain of posts before `post_at` begins: "Israeli Alternate
    /// Prime Minister and Foreign Minister", "State Councilor and Foreign
    /// Minister", so that the country before the chain is found.
    fn chained_posts_start(&self, post_at: usize) -> usize {
        const CHAIN_WORDS: &[&str] = &[
            "and",
            "Alternate",
            "Vice",
            "First",
            "Deputy",
            "Prime",
            "Minister",
            "President",
            "State",
            "Councilor",
            "Councillor",
            "Interim",
            "Acting",
            "Premier",
            "Foreign",
        ];
        let mut start = post_at;
        if !self
            .tokens
            .get(start.wrapping_sub(1))
            .is_some_and(|t| t.is_word("and"))
        {
            return post_at;
        }
        start -= 1;
        // "Panamanian President Cortizo and Foreign Minister Mouynes": the
        // first holder's name may stand between the posts.
        let mut name_end = start;
        while name_end > 0 && start - name_end < 3 {
            match self.tokens.get(name_end - 1) {
                Some(t) if is_name_word(t) && !CHAIN_WORDS.contains(&t.text) => name_end -= 1,
                _ => break,
            }
        }
        let after_name = name_end;
        let mut chain = after_name;
        while chain > 0 && post_at - chain < 10 {
            match self.tokens.get(chain - 1) {
                Some(t) if t.kind == TokenKind::Word && CHAIN_WORDS.contains(&t.text) => chain -= 1,
                _ => break,
            }
        }
        if chain < after_name {
            chain
        } else {
            start
        }
    }

    /// Skips the portfolios after a post: "Assistant Secretary for Democracy,
    /// Human Rights, and Labor Lisa Peterson", "Under Secretary of Defense
    /// for Policy Colin Kahl".
    fn skip_portfolio(&self, mut i: usize) -> usize {
        while let Some(end) = self.portfolio_end(i) {
            i = end;
        }
        i
    }

    /// Where a portfolio that starts with "of" or "for" at token `i` ends,
    /// if one does: it must name something, not just "of the". A portfolio
    /// may hold a word or two the list does not ("for European and Eurasian
    /// Affairs Karen Donfried", "for Western Hemisphere Affairs"): it then
    /// ends at its last portfolio word, if one follows them at once.
    fn portfolio_end(&self, i: usize) -> Option<usize> {
        /// Unlisted words in a row that a portfolio may hold.
        const MOST_UNLISTED: usize = 2;
        let lead = self.tokens.get(i)?;
        if !(lead.is_word("for") || lead.is_word("of")) {
            return None;
        }
        let is_portfolio =
            |t: &Token| t.kind == TokenKind::Word && with_lowercase(t.text, is_portfolio_word);
        let mut k = i + 1;
        let mut named = false;
        // Where the listed words end, and where the last listed word that
        // names a portfolio ends after unlisted ones.
        let mut listed_end = None;
        let mut last_named_end = None;
        let mut unlisted = 0;
        while let Some(t) = self.tokens.get(k) {
            if is_portfolio(t) {
                let function_word = PORTFOLIO_FUNCTION_WORDS.iter().any(|w| t.is_word(w));
                // "of" and "for" start the next portfolio, not this one; a
                // function word after unlisted words joins a second name.
                if named && (t.is_word("of") || t.is_word("for")) || unlisted > 0 && function_word {
                    break;
                }
                if t.is_capitalized() && !function_word {
                    named = true;
                    // "Population, Refugees, and Migration Marta Youth":
                    // a portfolio word that is also a name ends nothing.
                    let in_names =
                        with_lowercase(t.text, |w| PORTFOLIO_WORDS_IN_NAMES.contains(&w));
                    if unlisted > 0 && !in_names {
                        last_named_end = Some(k + 1);
                    }
                }
                unlisted = 0;
                k += 1;
            } else if unlisted == 0
                && listed_end.is_none()
                && t.is_punct(',')
                && self.tokens.get(k + 1).is_some_and(is_portfolio)
            {
                k += 1;
            } else if let Some(next) = (unlisted == 0 && listed_end.is_none() && t.is_punct(','))
                .then(|| self.unlisted_list_item_end(k + 1))
                .flatten()
            {
                k = next;
            } else if unlisted < MOST_UNLISTED && is_name_word(t) {
                listed_end.get_or_insert(k);
                unlisted += 1;
                k += 1;
            } else {
                break;
            }
        }
        let listed_end = listed_end.unwrap_or(k);
        named.then(|| last_named_end.map_or(listed_end, |end| end.max(listed_end)))
    }

    /// Where a list of portfolios goes on past an item it does not list,
    /// for the item of one or two capitalised words at token `i`, after a
    /// comma: "Environment, Forest and Climate Change", "Culture, Heritage,
    /// Sport". The item must be followed by "and" or a comma and then a
    /// portfolio that no post word ends, else it is a name: "Minister of
    /// Foreign Affairs, Ayman Safadi, and Trade Representative Katherine
    /// Tai". Returns the token after the "and" or comma.
    fn unlisted_list_item_end(&self, i: usize) -> Option<usize> {
        let tokens = self.tokens;
        let names_portfolio = |t: &Token| {
            t.kind == TokenKind::Word
                && t.is_capitalized()
                && with_lowercase(t.text, |w| {
                    is_portfolio_word(w) && !PORTFOLIO_FUNCTION_WORDS.contains(&w)
                })
        };
        let is_item_word = |t: &Token| is_name_word(t) && !names_portfolio(t);
        let words = (0..2)
            .take_while(|&n| tokens.get(i + n).is_some_and(is_item_word))
            .count();
        let separator = i + words;
        let joins = tokens
            .get(separator)
            .is_some_and(|t| t.is_word("and") || t.is_punct(','));
        if words == 0 || !joins || !tokens.get(separator + 1).is_some_and(names_portfolio) {
            return None;
        }
        let mut end = separator + 1;
        while tokens
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Word && with_lowercase(t.text, is_portfolio_word))
        {
            end += 1;
        }
        let post_follows = tokens.get(end).is_some_and(|t| {
            with_lowercase(t.text, |w| {
                w.split('-').any(|part| POST_HEADS.contains(&part))
            })
        });
        (!post_follows).then_some(separator + 1)
    }

    /// "Antony J. Blinken, Secretary of State" and "Sergei Lavrov, the Russian
    /// Foreign Minister": the name comes first.
    fn appositive_name(
        &self,
        post_at: usize,
        post: &PostMatch,
        countries: Vec<Country>,
    ) -> Vec<Mention> {
        let mut i = post_at;
        let mut country = countries.first().cloned();
        if let Some((before, at)) = self.country_before(i) {
            country = country.or(Some(before));
            i = at;
        }
        if i > 0 && self.tokens.get(i - 1).is_some_and(|t| t.is_word("the")) {
            i -= 1;
        }
        if i == 0 || !self.tokens.get(i - 1).is_some_and(|t| t.is_punct(',')) {
            return Vec::new();
        }
        let end = i - 1;
        let mut start = end;
        while let Some(t) = start.checked_sub(1).and_then(|k| self.tokens.get(k)) {
            let initial = t.is_punct('.')
                && start
                    .checked_sub(2)
                    .and_then(|k| self.tokens.get(k))
                    .is_some_and(|letter| {
                        letter.text.chars().count() == 1 && letter.is_capitalized()
                    });
            if initial {
                start -= 2;
            } else if self.is_wrapped_name_break(start - 1) {
                start -= 1;
                continue;
            } else if is_name_word(t) && !self.in_country(t) && !is_post_word(t) {
                start -= 1;
            } else {
                break;
            }
            let words = self
                .tokens
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .filter(|t| !t.is_punct('\n'))
                .count();
            if words > 5 {
                return Vec::new();
            }
        }
        // "Austria Vice-Chancellor Werner Kogler, Minister of Arts": a list
        // of signatories gives the country, and maybe a post, first.
        if country.is_none() {
            let mut before_posts = start;
            while before_posts > 0 && self.tokens.get(before_posts - 1).is_some_and(is_post_word) {
                before_posts -= 1;
            }
            country = self
                .country_before(before_posts)
                .map(|(country, _)| country);
        }
        let span = self.tokens.get(start..end).unwrap_or_default();
        // "In the Executive Order, the President directed", "Through
        // today's Executive Order, the President will": a name follows no
        // article or possessive, but a title of honour may ("the Right
        // Honourable Jane Doe, the Minister").
        let determined = start
            .checked_sub(1)
            .and_then(|k| self.tokens.get(k))
            .is_some_and(|t| {
                with_lowercase(t.text, |w| {
                    let (stem, possessive) = strip_possessive(w);
                    matches!(w, "the" | "a" | "an" | "this" | "its" | "their")
                        || possessive && matches!(stem, "today" | "yesterday")
                })
            });
        let honoured = span
            .iter()
            .any(|t| with_lowercase(t.text, |w| HONORIFICS.contains(&w)));
        if determined && !honoured {
            return Vec::new();
        }
        let words: Vec<String> = span
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word)
            // Honorifics lead a name ("H.E. Mr."); an "E." inside it is an initial.
            .skip_while(|(_, t)| HONORIFICS.contains(&t.text.to_lowercase().as_str()))
            .map(|(k, t)| {
                let initial =
                    t.text.chars().count() == 1 && span.get(k + 1).is_some_and(|n| n.is_punct('.'));
                if initial {
                    format!("{}.", t.text)
                } else {
                    t.text.to_string()
                }
            })
            .collect();
        let last_is_word = words
            .last()
            .is_some_and(|w| !w.ends_with('.') && w.chars().count() > 1);
        if words.len() < 2 || !last_is_word {
            return Vec::new();
        }
        // "Through today's Executive Order, the President will announce": a
        // phrase every word of which the article also writes in lower case
        // names nobody.
        if words
            .iter()
            .all(|word| is_written_in_lower_case(self.text, word))
        {
            return Vec::new();
        }
        vec![Mention {
            words,
            headline: self.is_headline_at(post_at),
            post: Some(post.title.clone()),
            ministerial: post.ministerial,
            country,
        }]
    }

    /// Names starting at token `i`: "Akhsar Dzhioev and Sergei Lavrov",
    /// "Antony J. Blinken", "Ayman Safadi"; `i` is left after the last.
    fn names_and_end(&self, i: &mut usize) -> Vec<Vec<String>> {
        let mut names = Vec::new();
        while let Some((words, next)) = self.name_at(*i) {
            names.push(words);
            *i = self.skip_name_suffix(next);
            let separator = self.tokens.get(*i);
            let continues = separator.is_some_and(|t| t.is_word("and") || t.is_punct(','))
                && self.name_at(*i + 1).is_some();
            if !continues {
                break;
            }
            *i += 1;
        }
        names
    }

    /// Skips ", Jr." and "Sr." after a name.
    fn skip_name_suffix(&self, i: usize) -> usize {
        let mut k = i;
        if self.tokens.get(k).is_some_and(|t| t.is_punct(',')) {
            k += 1;
        }
        let suffix = self
            .tokens
            .get(k)
            .is_some_and(|t| ["Jr", "Sr", "II", "III", "IV"].contains(&t.text));
        if !suffix {
            return i;
        }
        k += 1;
        if self.tokens.get(k).is_some_and(|t| t.is_punct('.')) {
            k += 1;
        }
        k
    }

    fn name_at(&self, mut i: usize) -> Option<(Vec<String>, usize)> {
        let tokens = self.tokens;
        // "Congresswoman Maria Delgado, Sen. Owen Price": a post, not a name.
        if self.abbreviated_post_at(i).is_some() {
            return None;
        }
        // Honorifics: "Mr.", "H.E.", "His Excellency".
        while let Some(t) = tokens.get(i) {
            let lower = t.text.to_lowercase();
            // "Foreign Minister II Erywan": Brunei's second foreign minister.
            let numeral = matches!(t.text, "II" | "III");
            let honorific =
                numeral || t.kind == TokenKind::Word && HONORIFICS.contains(&lower.as_str());
            if honorific && (t.is_capitalized() || lower.len() > 2) {
                i += 1;
                if tokens.get(i).is_some_and(|t| t.is_punct('.')) {
                    i += 1;
                }
            } else {
                break;
            }
        }
        let mut words: Vec<String> = Vec::new();
        while let Some(t) = tokens.get(i) {
            if words.len() >= 5 {
                break;
            }
            if !words.is_empty() && self.is_wrapped_name_break(i) {
                i += 1;
                continue;
            }
            let is_initial = t.is_capitalized()
                && t.text.chars().count() == 1
                && tokens.get(i + 1).is_some_and(|n| n.is_punct('.'));
            if is_initial && !words.is_empty() {
                words.push(format!("{}.", t.text));
                i += 2;
                continue;
            }
            let is_particle = !words.is_empty()
                && NAME_PARTICLES.contains(&t.text)
                && tokens
                    .iter()
                    .skip(i + 1)
                    .find(|n| !NAME_PARTICLES.contains(&n.text))
                    .is_some_and(is_name_word);
            if is_particle {
                words.push(t.text.to_string());
                i += 1;
                continue;
            }
            // "President Jacob Zuma" is not "Vice-President Jacob Zuma".
            let joined_post = t.text.contains('-') && is_post_word(t);
            if !is_name_word(t) || joined_post || self.countries.iter().any(|m| m.start == t.start)
            {
                break;
            }
            if !words.is_empty() && self.is_headline_word(t) {
                break;
            }
            let (word, possessive) = strip_possessive(t.text);
            words.push(word.to_string());
            i += 1;
            if possessive {
                break;
            }
        }
        while words.last().is_some_and(|w| w.ends_with('.')) {
            words.pop();
        }
        (!words.is_empty()).then_some((words, i))
    }
}

impl Scanner<'_, '_> {
    /// Whether `t`, a capitalised word that would lengthen a name, is a
    /// word of a title in Title Case that the article also writes in lower
    /// case: "Marking" in "Statement by President Joe Biden Marking ...",
    /// whose body goes on "marking the anniversary of". Nobody's name is
    /// written in lower case, and [`HEADLINE_WORDS`] cannot list every verb.
    /// Short words are spared: "Al", "Bin" and "Abu" are written both ways.
    fn is_headline_word(&self, t: &Token) -> bool {
        if t.text.chars().count() < 4 {
            return false;
        }
        self.is_title_case_at(t.start) && is_written_in_lower_case(self.text, t.text)
    }

    /// Whether token `i` is on the title, in Title Case.
    fn is_headline_at(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| self.is_title_case_at(t.start))
    }

    /// Whether the line around byte `at` is the title, in Title Case
    /// ([`title_case_line`]). Names come in
    /// order, several to a line: the last line's answer is kept, so that
    /// no line is read twice.
    fn is_title_case_at(&self, at: usize) -> bool {
        let mut line = self.last_line.take();
        if !line.line.contains(&at) {
            line = title_case_line(self.text, at);
        }
        let title_case = line.title_case;
        self.last_line.replace(line);
        title_case
    }
}

/// The line around byte `at`, and whether it is a headline: the text's
/// first line (an article's title), capitalising nearly every word of four
/// bytes or more, as headlines do and sentences do not. Lines further on
/// are never taken for one: a speech's text hard-wrapped from a PDF has
/// short lines that are all names ("Our President, Mr. Álvaro Colom
/// Caballeros,").
fn title_case_line(text: &str, at: usize) -> TitleCaseLine {
    let bytes = text.as_bytes();
    let start = bytes
        .get(..at)
        .and_then(|before| memchr::memrchr(b'\n', before))
        .map_or(0, |newline| newline + 1);
    let end = bytes
        .get(at..)
        .and_then(|after| memchr::memchr(b'\n', after))
        .map_or(text.len(), |newline| at + newline);
    let line = bytes.get(start..end).unwrap_or_default();
    // Bytewise: an ASCII letter, or any byte of another character, makes a
    // word; one of four bytes or more counts.
    let (mut long, mut capitalised) = (0usize, 0usize);
    for word in line.split(|&b| b.is_ascii() && !b.is_ascii_alphabetic()) {
        if word.len() < 4 {
            continue;
        }
        long += 1;
        let first = match word.first() {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => std::str::from_utf8(word)
                .ok()
                .and_then(|w| w.chars().next()),
        };
        if first.is_some_and(char::is_uppercase) {
            capitalised += 1;
        }
    }
    TitleCaseLine {
        line: start..end,
        title_case: start == 0 && long >= 3 && capitalised * 5 >= long * 4,
    }
}

/// A line, and whether [`title_case_line`] found it in Title Case.
#[derive(Clone, Debug, Default)]
struct TitleCaseLine {
    line: Range<usize>,
    title_case: bool,
}

/// Whether `word`, in lower case, stands as a whole word in `text`; for
/// a word ending in "s", whether it does without the "s" ("Names" in
/// "President Biden Names Fifth Round", whose body says "name"); for one
/// of six letters or more ending in "ing", whether its stem does, with or
/// without an "e" ("Honoring" and "honor", "Celebrating" and "celebrate"),
/// or, for a stem of four letters or more, starts a word ("Commemorating"
/// and "commemoration", "Marking" and "marks").
fn is_written_in_lower_case(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower == word {
        return false;
    }
    if stands_alone_in(text, &lower) {
        return true;
    }
    if let Some(stem) = lower.strip_suffix('s').filter(|stem| stem.len() >= 3) {
        return stands_alone_in(text, stem);
    }
    match lower.strip_suffix("ing") {
        Some(stem) if lower.len() >= 6 && lower.is_ascii() => {
            stands_alone_in(text, stem)
                || stands_alone_in(text, &format!("{stem}e"))
                || stem.len() >= 4 && starts_a_word_in(text, stem)
        }
        _ => false,
    }
}

/// Whether some word of `text` starts with `prefix`.
fn starts_a_word_in(text: &str, prefix: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), prefix.as_bytes()).any(|at| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        !before.is_some_and(char::is_alphanumeric)
    })
}

/// Whether `word` occurs in `text` with no letter or digit on either side.
fn stands_alone_in(text: &str, word: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + word.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Calls `f` with `word` in lower case, without allocating for short ASCII
/// words (nearly all of them).
fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 32];
    if word.is_ascii() {
        if let Some(lower) = buffer.get_mut(..word.len()) {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            if let Ok(text) = std::str::from_utf8(lower) {
                return f(text);
            }
        }
    }
    f(&word.to_lowercase())
}

/// True when a post can start at `token`: the first word of a post phrase
/// in any case, or a capitalised "Minister", "Secretary" or portfolio word
/// ("Defence Minister"). This runs on every word of every article, so the
/// function words of portfolios ("of", "the") must not pass it.
fn may_start_post(token: &Token) -> bool {
    static STARTS: OnceLock<[StartWords; 2]> = OnceLock::new();
    let [post_starts, capitalised_starts] = STARTS.get_or_init(|| {
        let post_starts = POSTS.iter().filter_map(|(words, _)| words.first().copied());
        let capitalised_starts = PORTFOLIO_WORDS
            .iter()
            .copied()
            .filter(|w| !PORTFOLIO_FUNCTION_WORDS.contains(w))
            .chain(["minister", "secretary"]);
        [
            StartWords::new(post_starts),
            StartWords::new(capitalised_starts),
        ]
    });
    if token.kind != TokenKind::Word {
        return false;
    }
    let capitalised = token.is_capitalized();
    let may_hold = |words: &StartWords| words.shapes.may_hold(token.text);
    if !(may_hold(post_starts) || capitalised && may_hold(capitalised_starts)) {
        return false;
    }
    with_lowercase(token.text, |w| {
        post_starts.words.contains(w) || capitalised && capitalised_starts.words.contains(w)
    })
}

/// True for a word of [`PORTFOLIO_WORDS`], in lower case: asked of most
/// capitalised words, so a hash lookup rather than a scan of the list.
fn is_portfolio_word(lower: &str) -> bool {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| PORTFOLIO_WORDS.iter().copied().collect())
        .contains(lower)
}

/// A set of lowercase words, with a quick test that most other words fail.
struct StartWords {
    words: FxHashSet<&'static str>,
    shapes: WordShapes,
}

impl StartWords {
    fn new(words: impl Iterator<Item = &'static str>) -> Self {
        let words: FxHashSet<&'static str> = words.collect();
        let shapes = WordShapes::of(words.iter().copied());
        StartWords { words, shapes }
    }
}

/// The (length, first letter) pairs of a set of lowercase ASCII words. Most
/// words of a text have a shape no post word has, and are never copied,
/// lowercased or hashed; `may_start_post` sees every word of every article.
struct WordShapes {
    /// Bit `letter` of `first_letters[length]`.
    first_letters: [u32; WordShapes::MAX_LEN],
}

impl WordShapes {
    const MAX_LEN: usize = 32;

    fn of(words: impl Iterator<Item = &'static str>) -> Self {
        let mut first_letters = [0u32; Self::MAX_LEN];
        for word in words {
            if let (Some(slot), Some(bit)) = (
                first_letters.get_mut(word.len()),
                word.bytes().next().and_then(letter_bit),
            ) {
                *slot |= bit;
            }
        }
        WordShapes { first_letters }
    }

    /// False only when `word`, lowercased, cannot be one of the words. A word
    /// that is not ASCII may lowercase to an ASCII one (the Kelvin sign to
    /// "k"): it passes.
    fn may_hold(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return true;
        }
        let bit = word.bytes().next().and_then(letter_bit);
        match (self.first_letters.get(word.len()), bit) {
            (Some(letters), Some(bit)) => letters & bit != 0,
            _ => false,
        }
    }
}

/// A bit for an ASCII letter, whatever its case.
fn letter_bit(byte: u8) -> Option<u32> {
    byte.is_ascii_alphabetic()
        .then(|| 1 << (byte.to_ascii_lowercase() - b'a'))
}

fn is_name_word(t: &Token) -> bool {
    let (word, _) = strip_possessive(t.text);
    // "I've", "I’d": a pronoun, not a name.
    if word.starts_with("I'") || word.starts_with("I’") {
        return false;
    }
    // "Sen. Bob Casey, D-Scranton, and Rep. ...": a party and a place.
    if ["D-", "R-", "I-"]
        .iter()
        .any(|party| word.starts_with(party))
    {
        return false;
    }
    // "al-Saud", "el-Sisi": a lower-case article joined to a capitalised name.
    let article_prefixed = ["al-", "el-", "ad-", "as-", "ash-", "bin-"]
        .iter()
        .any(|prefix| {
            word.strip_prefix(prefix)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase)
        });
    (t.is_capitalized() || article_prefixed && t.kind == TokenKind::Word)
        && word.chars().count() > 1
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && !is_not_name_word(word)
        && !is_listed_headline_word(word)
        // "NATO", "AFL-CIO": an acronym, not a name.
        && !word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// True for a word of [`HEADLINE_WORDS`]: asked of every candidate name
/// word, so a hash lookup rather than a scan of the list.
fn is_listed_headline_word(word: &str) -> bool {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| HEADLINE_WORDS.iter().copied().collect())
        .contains(word)
}

/// True for a word of [`NOT_NAME_WORDS`], or a word that names a portfolio
/// ("Defense", "Treasury", "Navy"): nobody's name holds one, and without
/// this "Secretary of Defense Medal" named a minister "Medal".
fn is_not_name_word(word: &str) -> bool {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let not_names = WORDS.get_or_init(|| NOT_NAME_WORDS.iter().copied().collect());
    not_names.contains(word)
        || with_lowercase(word, |lower| {
            is_portfolio_word(lower)
                && !PORTFOLIO_FUNCTION_WORDS.contains(&lower)
                && !PORTFOLIO_WORDS_IN_NAMES.contains(&lower)
        })
}

/// Portfolio words that are also names: "Marta Youth, Deputy Assistant
/// Secretary", "Urban Ahlin", "Marine Le Pen".
const PORTFOLIO_WORDS_IN_NAMES: &[&str] = &["youth", "urban", "justice", "land", "marine", "law"];

/// Verbs and nouns of Title Case headlines, which would otherwise run on
/// from a name: "Foreign Minister Hou Zhengming Holds Phone Call with ...".
/// Given names that are also verbs ("Said", "Will") are not listed.
const HEADLINE_WORDS: &[&str] = &[
    "Holds",
    "Held",
    "Meets",
    "Met",
    "Receives",
    "Received",
    "Speaks",
    "Spoke",
    "Talks",
    "Visits",
    "Visited",
    "Calls",
    "Called",
    "Signs",
    "Signed",
    "Hosts",
    "Hosted",
    "Attends",
    "Attended",
    "Discusses",
    "Discussed",
    "Congratulates",
    "Congratulated",
    "Welcomes",
    "Welcomed",
    "Sends",
    "Sent",
    "Pays",
    "Paid",
    "Participates",
    "Addresses",
    "Condemns",
    "Expresses",
    "Announces",
    "Travels",
    "Leads",
    "Delivers",
    "Opens",
    "Chairs",
    "Telephones",
    "Says",
    "Has",
    "Had",
    "Is",
    "Was",
    "Phone",
    "Telephone",
    "Conversation",
    "Conversations",
    "Message",
    "Messages",
    "Letter",
    "Visit",
    "Remarks",
    "Interview",
    "Briefing",
    "Conference",
    "Consultations",
    "Took",
    "Would",
    "Wants",
    "Asks",
    "Speech",
    "Transcript",
    "Op-Ed",
    // Titles at 17k whose name ran on: "Secretary Antony J. Blinken Keynote
    // Address", "Secretary Raimondo Underscores Urgent Need", "Tom Vilsack
    // Previewing", "Becerra Authorized Priority Orders". A rule that ended
    // every title's name at the last word its body writes also cut "Yoon
    // Suk Yeol" and "Kishida Fumio", whose transcripts say "PRESIDENT YOON".
    "Keynote",
    "Virtual",
    "Previewing",
    "Previews",
    "Underscores",
    "Announce",
    "Co-Host",
    "Co-Hosts",
    "Embark",
    "Embarks",
    "Authorized",
    "Authorizes",
    "Urges",
    "Highlights",
    "Launches",
    "Unveils",
    "Touts",
    "Hails",
    "Praises",
    "Outlines",
    "Testifies",
    "Warns",
    // What a statement's title says it does: "Statement from President
    // Joe Biden Marking One Year Since ...", whose body need not use the
    // verb at all.
    "Marking",
    "Commemorating",
    "Celebrating",
    "Honoring",
    "Honouring",
    "Recognizing",
    "Recognising",
    "Remembering",
    "Mourning",
    "Observing",
    "Announcing",
    "Welcoming",
    "Congratulating",
    "Condemning",
    "Thanking",
    "Urging",
    "Highlighting",
    "Reaffirming",
    "Receiving",
    "Withdrawing",
    "Paying",
    "Participating",
    "Providing",
    "Launching",
    "Designating",
    "Proclaiming",
    "Nominating",
    "Appointing",
    "Approving",
    "Signing",
    "Expressing",
    "Extending",
    "Supporting",
    "Hosting",
    "Discussing",
    "Applauding",
    "Addressing",
    "Encouraging",
    "Warning",
    "Including",
    "Opening",
    // Verbs of the present in titles whose body never names the person
    // alone, so that the verb rule cannot see them.
    "Highlights",
    "Issues",
    "Outlines",
    "Implements",
    "Unveils",
    "Launches",
    "Continues",
    "Details",
    "Awards",
    "Ends",
    "Meet",
    "Aboard",
];

fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["'s", "’s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return (stem, true);
        }
    }
    (word, false)
}

fn join_tokens(tokens: &[Token]) -> String {
    tokens.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// "ministers of foreign affairs" -> "Minister of Foreign Affairs".
fn post_title(raw: &str) -> String {
    raw.split(' ')
        .map(|word| {
            let lower = word.to_lowercase();
            let singular = match lower.as_str() {
                "ministers" => "minister".to_string(),
                "presidents" => "president".to_string(),
                "ambassadors" => "ambassador".to_string(),
                "senators" => "senator".to_string(),
                "representatives" => "representative".to_string(),
                _ => lower,
            };
            match singular.as_str() {
                "of" | "for" | "the" | "and" => singular,
                "fm" => "Foreign Minister".to_string(),
                "d'affaires" | "d’affaires" => "d'Affaires".to_string(),
                _ => {
                    let mut chars = singular.chars();
                    match chars.next() {
                        Some(first) => first.to_uppercase().chain(chars).collect(),
                        None => singular,
                    }
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key under which spellings of one name meet: "Sergey" and "Sergei",
/// "Dzhioev" and "DZHIOEV", "Çavuşoğlu" and "Cavusoglu", "Grlić" and
/// "Grlic" (the Latin letters of the names ministries write, by hand: this
/// runs on every candidate name word).
pub fn name_key(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut key = String::with_capacity(lower.len());
    for c in lower.chars() {
        let folded = match c {
            'y' | 'ý' | 'ÿ' => 'i',
            'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ę' | 'ė' | 'ē' => 'e',
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ă' | 'ą' | 'ā' => 'a',
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ű' | 'ů' | 'ū' => 'u',
            'ç' | 'č' | 'ć' => 'c',
            'ñ' | 'ń' | 'ň' => 'n',
            'ş' | 'ș' | 'š' | 'ś' => 's',
            'ţ' | 'ț' | 'ť' => 't',
            'ž' | 'ź' | 'ż' => 'z',
            'ğ' => 'g',
            'ł' => 'l',
            'đ' | 'ď' => 'd',
            'ř' => 'r',
            '’' => '\'',
            c => c,
        };
        key.push(folded);
    }
    key
}

/// "Antony J. Blinken" and "Antony Blinken", "Joe Biden" and "Joseph R.
/// Biden": same given name and last name (keys of [`name_key`]).
fn same_person(a: &[String], b: &[String]) -> bool {
    fn given(words: &[String]) -> Option<&str> {
        words.first().map(|w| formal_given_name(w))
    }
    a.len() > 1 && b.len() > 1 && given(a) == given(b) && a.last() == b.last()
}

/// Short and variant forms of English given names, and the form they stand
/// for: the White House writes "Joe Biden" six times as often as "Joseph R.
/// Biden", the State Department "Antony J. Blinken" and, now and then,
/// "Tony Blinken". Only forms that stand for one name; "Al", "Pat" and
/// "Will" do not.
const GIVEN_NAME_FORMS: &[(&str, &str)] = &[
    ("joe", "joseph"),
    ("joey", "joseph"),
    ("tony", "anthony"),
    ("antony", "anthony"),
    ("bill", "william"),
    ("billy", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("rob", "robert"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("mike", "michael"),
    ("chuck", "charles"),
    ("charlie", "charles"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("ted", "edward"),
    ("ed", "edward"),
    ("eddie", "edward"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("chris", "christopher"),
    ("pete", "peter"),
    ("ben", "benjamin"),
    ("sam", "samuel"),
    ("matt", "matthew"),
    ("nick", "nicholas"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("andy", "andrew"),
    ("alex", "alexander"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betsy", "elizabeth"),
    ("jen", "jennifer"),
    ("jenny", "jennifer"),
    ("deb", "deborah"),
    ("debbie", "deborah"),
    ("sue", "susan"),
    ("marty", "martin"),
    ("don", "donald"),
    ("ron", "ronald"),
    ("tim", "timothy"),
    ("larry", "lawrence"),
    ("steve", "steven"),
    ("kathy", "kathleen"),
    ("vicky", "victoria"),
    ("jake", "jacob"),
];

/// [`GIVEN_NAME_FORMS`] keyed as [`name_key`] folds words, and each form's
/// fellow forms.
struct GivenNames {
    formal: FxHashMap<String, String>,
    forms: FxHashMap<String, Vec<String>>,
}

fn given_names() -> &'static GivenNames {
    static GIVEN: OnceLock<GivenNames> = OnceLock::new();
    GIVEN.get_or_init(|| {
        let mut formal = FxHashMap::default();
        let mut forms: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (short, full) in GIVEN_NAME_FORMS {
            let (short, full) = (name_key(short), name_key(full));
            formal.insert(short.clone(), full.clone());
            let fellows = forms.entry(full.clone()).or_insert_with(|| vec![full]);
            fellows.push(short);
        }
        for (short, full) in &formal {
            if let Some(fellows) = forms.get(full).cloned() {
                forms.insert(short.clone(), fellows);
            }
        }
        GivenNames { formal, forms }
    })
}

/// The given name that `key`, a word folded by [`name_key`], stands for:
/// "joseph" for "joe", `key` itself for most words.
pub fn formal_given_name(key: &str) -> &str {
    given_names().formal.get(key).map_or(key, String::as_str)
}

/// Every folded form of the given name `key` ("joe", "joei", "joseph" for
/// any of them); `key` alone for a word without other forms.
pub fn given_name_forms(key: &str) -> Vec<String> {
    given_names()
        .forms
        .get(key)
        .cloned()
        .unwrap_or_else(|| vec![key.to_string()])
}

/// The words of a name as the index searches them: folded with
/// [`name_key`], so that `--minister "Sergey Lavrov"` finds "Sergei Lavrov".
pub fn name_search_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(name_key)
        .collect()
}

/// Joins mentions of one person: a surname alone becomes the full name met
/// elsewhere in the article, and the richest post and country win.
fn merge(mentions: Vec<Mention>) -> People {
    let mut persons: Vec<Mention> = Vec::new();
    let mut sorted = mentions;
    // Full names first, so that surnames can find them.
    sorted.sort_by_key(|m| std::cmp::Reverse(m.words.len().min(2)));
    for mention in sorted {
        let keys: Vec<String> = mention.words.iter().map(|w| name_key(w)).collect();
        let existing = persons.iter_mut().find(|p| {
            let known: Vec<String> = p.words.iter().map(|w| name_key(w)).collect();
            // "Lavrov" and "Saldaña Ibarra" are the ends of the full names;
            // "Wang" is the start of "Wang Yi" (family name first).
            known.ends_with(&keys)
                || keys.ends_with(&known)
                || same_person(&known, &keys)
                || keys.len() == 1 && known.len() > 1 && known.first() == keys.first()
                || known.len() == 1 && keys.len() > 1 && keys.first() == known.first()
        });
        match existing {
            Some(person) => {
                if person.words.len() < mention.words.len() {
                    person.words = mention.words.clone();
                }
                if mention.ministerial && !person.ministerial {
                    person.ministerial = true;
                    person.post = mention.post.clone();
                }
                if person.post.is_none() {
                    person.post = mention.post.clone();
                }
                if person.country.is_none() {
                    person.country = mention.country.clone();
                }
            }
            None => persons.push(mention),
        }
    }
    let mut people = People::default();
    for mention in persons {
        let person = Person {
            name: mention.words.join(" "),
            post: mention.post,
            country: mention.country,
        };
        if mention.ministerial {
            people.ministers.push(person);
        } else {
            people.people.push(person);
        }
    }
    people
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::expect_used,
    clippy::panic
)]
mod tests {
    use super::*;
    use crate::extract::countries::gazetteer;

    /// The tokenizer as first written, a character at a time: the table
    /// driven one must cut every text the same way.
    fn tokenize_by_chars(text: &str) -> Vec<(usize, usize, TokenKind)> {
        let mut tokens = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            if c.is_alphanumeric() {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = iter.peek() {
                    let joins = matches!(d, '-' | '\'' | '’')
                        && text[i + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric);
                    if d.is_alphanumeric() || joins {
                        end = i + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                tokens.push((start, end, TokenKind::Word));
            } else if c != ' ' && c != '\t' {
                tokens.push((start, start + c.len_utf8(), TokenKind::Punct(c)));
            }
        }
        tokens
    }

    #[test]
    fn tokenize_cuts_as_the_character_by_character_reference() {
        let texts = [
            "Foreign Minister Sergey Lavrov met H.E. Mr. Ahmed Al-Sabah's envoy.",
            "O’Brien’s  talks -- re-elected; 'quoted' -x x- ’y y’ a-’b",
            "Министр иностранных дел Лавров\tи Ким Чен Ын: «переговоры»",
            "Ès-Salam, 2023-09-10, №5, ½ ⅓ x²\u{00a0}y 東京都 ١٢٣ café\u{301}",
            "",
            " ",
            "-",
            "’",
            "a",
            "a-",
            "a’",
            "é",
            "\r\n\n\u{2009}end",
        ];
        for text in texts {
            let ours: Vec<_> = tokenize(text)
                .iter()
                .map(|t| {
                    assert_eq!(t.text, &text[t.start..t.end]);
                    (t.start, t.end, t.kind)
                })
                .collect();
            assert_eq!(ours, tokenize_by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn word_shapes_never_turn_away_a_post_word() {
        let slow = |token: &Token| {
            let lower = token.text.to_lowercase();
            let any_case = POSTS
                .iter()
                .any(|(words, _)| words.first() == Some(&lower.as_str()));
            let capitalised = (PORTFOLIO_WORDS.contains(&lower.as_str())
                && !PORTFOLIO_FUNCTION_WORDS.contains(&lower.as_str()))
                || lower == "minister"
                || lower == "secretary";
            any_case || token.is_capitalized() && capitalised
        };
        let post_words = POSTS.iter().flat_map(|(words, _)| words.iter());
        let words: Vec<String> = post_words
            .chain(PORTFOLIO_WORDS)
            .chain(PORTFOLIO_FUNCTION_WORDS)
            .flat_map(|w| [w.to_string(), w.to_uppercase(), capitalise(w)])
            .chain(["\u{212A}ing", "Ministers", "primer", "x", "Ænergy"].map(String::from))
            .collect();
        for word in &words {
            assert!(word.len() < WordShapes::MAX_LEN, "{word}");
            let token = Token {
                text: word,
                start: 0,
                end: word.len(),
                kind: TokenKind::Word,
            };
            assert_eq!(may_start_post(&token), slow(&token), "{word}");
        }
    }

    /// The scan as it was before [`post_lines`]: every token of the text.
    fn found_in_whole_text(text: &str) -> People {
        let gazetteer = gazetteer();
        let country_matches = gazetteer.find(text);
        let tokens = tokenize(text);
        let scanner = Scanner {
            text,
            last_line: RefCell::default(),
            tokens: &tokens,
            countries: &country_matches,
            gazetteer,
        };
        let mut mentions = Vec::new();
        scanner.find_mentions(&mut mentions);
        merge(mentions)
    }

    #[test]
    fn every_post_holds_a_head_word() {
        let is_head = |word: &str| {
            word.split(['-', '\'', '’'])
                .any(|part| POST_HEADS.contains(&part))
        };
        for (words, _) in POSTS {
            assert!(words.iter().any(|w| is_head(w)), "{words:?}");
        }
        assert!(is_head("minister") && is_head("secretary"));
    }

    #[test]
    fn scanning_only_the_lines_with_posts_finds_what_a_whole_scan_finds() {
        let texts = [
            crate::article::tests::SEED.to_string(),
            "Talks\nForeign Minister of Jordan Ayman Safadi met\nRussian Foreign Minister Sergey Lavrov.".into(),
            "Making progress in the Kingdom.\nKING Abdullah II spoke.\nNothing here.\n\nAntony J. Blinken, Secretary of State".into(),
            "One\r\nThe Vice-President and Secretary-General Guterres\r\nmet chargé d’affaires John Smith,\r\nFM Wang Yi".into(),
            "Sergei Lavrov, the Russian\nForeign Minister\nPrime\nMinister Justin Trudeau of\nCanada".into(),
            "Minister".into(),
            "kingfisher making talking\nsecretaryship presidential\n".into(),
            "A\n\n\nPresident Emmanuel Macron\n\n\nDefence Minister Ben Wallace\nand Treasury Secretary Janet Yellen".into(),
        ];
        for text in &texts {
            assert_eq!(found(text), found_in_whole_text(text), "{text:?}");
        }
        assert!(!found(&texts[1]).ministers.is_empty());
    }

    #[test]
    fn lines_without_a_post_word_are_left_out() {
        let text = "Kingdom talks\nmaking headway\nfoo\nThe President spoke\nbar\nbaz\nqux";
        let stretches: Vec<&str> = post_lines(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(stretches, ["foo\nThe President spoke\nbar\n"]);
    }

    fn capitalise(word: &str) -> String {
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    fn found(text: &str) -> People {
        people_in(text, gazetteer())
    }

    fn summary(persons: &[Person]) -> Vec<(String, Option<String>)> {
        persons
            .iter()
            .map(|p| (p.name.clone(), p.country.as_ref().map(|c| c.name.clone())))
            .collect()
    }

    fn one(name: &str, country: Option<&str>) -> (String, Option<String>) {
        (name.to_string(), country.map(str::to_string))
    }

    #[test]
    fn seed_ministers_and_the_charge_d_affaires() {
        let article = crate::article::parse_article(crate::article::tests::SEED);
        let people = found(&format!("{}\n{}", article.title, article.body));
        assert_eq!(
            summary(&people.ministers),
            [
                one("Akhsar Dzhioev", Some("South Ossetia")),
                one("Sergei Lavrov", Some("Russia"))
            ]
        );
        assert_eq!(
            summary(&people.people),
            [one("Alexander Zhurov", Some("Russia"))]
        );
        assert_eq!(people.people[0].post.as_deref(), Some("Charge d'Affaires"));
    }

    /// A text and the (name, country) pairs expected from it.
    type Case<'a> = (&'a str, &'a [(&'a str, Option<&'a str>)]);

    #[test]
    fn spellings_with_and_without_accents_share_a_key() {
        for (a, b) in [
            ("Çavuşoğlu", "Cavusoglu"),
            ("Grlić", "GRLIC"),
            ("Szijjártó", "Szijjarto"),
            ("Łukasz", "Lukasz"),
            ("Sergey", "Sergei"),
            ("Dačić", "Dacic"),
            ("Aurescu", "Aurescu"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_ne!(name_key("Lavrov"), name_key("Lavrova"));
    }

    #[test]
    fn minister_patterns() {
        let cases: &[Case] = &[
            (
                "H.E. Mr. Omar E. Haddad, Minister of Trade",
                &[("Omar E. Haddad", None)],
            ),
            (
                "The Minister of Foreign Affairs of Jordan Ayman Safadi met officials.",
                &[("Ayman Safadi", Some("Jordan"))],
            ),
            (
                "Russian Foreign Minister Sergey Lavrov said",
                &[("Sergey Lavrov", Some("Russia"))],
            ),
            (
                "Secretary of State Antony J. Blinken met",
                &[("Antony J. Blinken", None)],
            ),
            (
                "Foreign Minister of Jordan Ayman Safadi",
                &[("Ayman Safadi", Some("Jordan"))],
            ),
            (
                "Antony J. Blinken, Secretary of State",
                &[("Antony J. Blinken", None)],
            ),
            (
                "Jordan's Foreign Minister Ayman Safadi",
                &[("Ayman Safadi", Some("Jordan"))],
            ),
            (
                "Call with Ukrainian Foreign Minister Kuleba",
                &[("Kuleba", Some("Ukraine"))],
            ),
            (
                "Minister of Economic Development Maria Lopes spoke",
                &[("Maria Lopes", None)],
            ),
            // "Services" is the end of the department, not a given name.
            (
                "The Secretary of Health and Human Services Xavier Becerra spoke.",
                &[("Xavier Becerra", None)],
            ),
            ("Secretary of Health and Human Services said", &[]),
            ("Mr. Lavrov and the Minister has noted", &[]),
            ("the foreign ministers exchanged messages", &[]),
            (
                "Israeli Alternate Prime Minister and Foreign Minister Yair Lapid",
                &[("Yair Lapid", Some("Israel"))],
            ),
            (
                "Republic of Korea First Vice Foreign Minister Choi Jong Kun",
                &[("Choi Jong Kun", Some("South Korea"))],
            ),
            (
                "Saudi Foreign Minister Prince Faisal bin Farhan Al Saud",
                &[("Faisal bin Farhan Al Saud", Some("Saudi Arabia"))],
            ),
            ("Ned Price, Department Spokesperson", &[]),
            (
                "Bruneian Foreign Minister II Erywan",
                &[("Erywan", Some("Brunei"))],
            ),
            (
                "Minister of Foreign Affairs of the Hashemite Kingdom of Jordan Ayman Safadi",
                &[("Ayman Safadi", Some("Jordan"))],
            ),
            (
                "Panamanian President Cortizo and Foreign Minister Mouynes",
                &[("Mouynes", Some("Panama"))],
            ),
            ("General Secretary Nguyen Phu Trong of Vietnam", &[]),
            ("Press Secretary Jen Psaki said", &[]),
            (
                "Taoiseach Leo Varadkar of Ireland",
                &[("Leo Varadkar", Some("Ireland"))],
            ),
            (
                "Foreign Minister H.E. Sheikh Mohammed bin Abdulrahman Al Thani of Qatar",
                &[("Mohammed bin Abdulrahman Al Thani", Some("Qatar"))],
            ),
            // Foreign affairs joined with another portfolio.
            (
                "Minister of Foreign Affairs and Trade of Hungary Peter Szijjarto spoke",
                &[("Peter Szijjarto", Some("Hungary"))],
            ),
            (
                "Deputy Minister of Foreign Affairs and Diaspora of the Republic of Kosovo Valon Gashi led",
                &[("Valon Gashi", Some("Kosovo"))],
            ),
            (
                "Minister for Foreign Affairs and International Cooperation of Italy Antonio Tajani",
                &[("Antonio Tajani", Some("Italy"))],
            ),
            (
                "Minister of Foreign Affairs and Expatriates Ayman Safadi and the minister",
                &[("Ayman Safadi", None)],
            ),
            // A Title Case headline: the verb ends the name.
            (
                "Chinese Foreign Minister Hou Zhengming Holds Phone Call with Brazilian Foreign Minister Ricardo Antunes Prado",
                &[
                    ("Hou Zhengming", Some("China")),
                    ("Ricardo Antunes Prado", Some("Brazil")),
                ],
            ),
            (
                "Foreign Minister Lavrov Meets Foreign Minister Wang Yi",
                &[("Wang Yi", None), ("Lavrov", None)],
            ),
            (
                "A career diplomat with the rank of Minister Counselor, Ambassador Reeker is chargé.",
                &[],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<_> = expected.iter().map(|(n, c)| one(n, *c)).collect();
            assert_eq!(
                summary(&found(text).ministers),
                expected,
                "ministers in {text:?}"
            );
        }
    }

    #[test]
    fn a_surname_resolves_to_the_full_name_in_the_article() {
        let people = found("Foreign Minister Sergey Lavrov spoke. Later FM Lavrov left.");
        assert_eq!(summary(&people.ministers), [one("Sergey Lavrov", None)]);
    }

    #[test]
    fn officials_named_in_bylines_and_readouts() {
        let cases: &[Case] = &[
            ("Ned Price, Department Spokesperson", &[("Ned Price", None)]),
            (
                "President Joseph R. Biden, Jr. spoke with",
                &[("Joseph R. Biden", None)],
            ),
            (
                "Assistant Secretary for Democracy, Human Rights, and Labor Lisa Peterson",
                &[("Lisa Peterson", None)],
            ),
            (
                "European Commission President Ursula von der Leyen",
                &[("Ursula von der Leyen", None)],
            ),
            (
                "King Salman bin Abdulaziz al-Saud",
                &[("Salman bin Abdulaziz al-Saud", None)],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<_> = expected.iter().map(|(n, c)| one(n, *c)).collect();
            assert_eq!(summary(&found(text).people), expected, "people in {text:?}");
        }
    }

    /// The names of `persons`, in order.
    fn names(persons: &[Person]) -> Vec<&str> {
        persons.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn short_forms_of_a_given_name_stand_for_the_full_one() {
        let key = |word: &str| formal_given_name(&name_key(word)).to_string();
        assert_eq!(key("Joe"), key("Joseph"));
        assert_eq!(key("Tony"), key("Antony"));
        assert_eq!(key("Antony"), key("Anthony"));
        assert_ne!(key("Joe"), key("John"));
        let sorted = |mut forms: Vec<String>| {
            forms.sort();
            forms
        };
        let forms = sorted(given_name_forms(&name_key("Joseph")));
        assert_eq!(forms, sorted(given_name_forms(&name_key("Joe"))));
        assert!(forms.contains(&name_key("Joe")) && forms.contains(&name_key("Joseph")));
        assert_eq!(given_name_forms("lavrov"), ["lavrov"]);
    }

    #[test]
    fn one_article_giving_a_short_and_a_full_given_name_names_one_person() {
        let people = found(
            "President Joe Biden spoke with the Prime Minister. \
             Later, President Joseph R. Biden signed the order.",
        );
        assert_eq!(names(&people.people), ["Joseph R. Biden"]);
    }

    #[test]
    fn a_portfolio_after_of_belongs_to_the_post_not_the_name() {
        // Each named "Army Christine Wormuth", "Defense" and "Navy Carlos
        // Del Toro" before: the armed services were no portfolio, and only
        // "for" led one after a post that is not a minister's.
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "Secretary of the Army Christine Wormuth visited the base.",
                &["Christine Wormuth"],
                &[],
            ),
            (
                "Secretary of the Navy Carlos Del Toro visited the yard.",
                &["Carlos Del Toro"],
                &[],
            ),
            (
                "Under Secretary of Defense for Policy Colin Kahl briefed them.",
                &[],
                &["Colin Kahl"],
            ),
            (
                "Assistant Secretary of the Air Force Ravi Chaudhary spoke.",
                &[],
                &["Ravi Chaudhary"],
            ),
        ];
        for (text, ministers, people) in cases {
            let found = found(text);
            assert_eq!(names(&found.ministers), *ministers, "ministers in {text:?}");
            assert_eq!(names(&found.people), *people, "people in {text:?}");
        }
    }

    #[test]
    fn a_portfolio_may_hold_words_the_list_does_not() {
        let cases: &[(&str, &str)] = &[
            (
                "Assistant Secretary for European and Eurasian Affairs Karen Donfried spoke.",
                "Karen Donfried",
            ),
            (
                "Assistant Secretary for Western Hemisphere Affairs Brian Nichols left.",
                "Brian Nichols",
            ),
            // A portfolio word that is also a surname ends nothing.
            (
                "Deputy Assistant Secretary for Population, Refugees, and Migration \
                 Marta Youth spoke.",
                "Marta Youth",
            ),
        ];
        for (text, name) in cases {
            assert_eq!(names(&found(text).people), [*name], "in {text:?}");
        }
        // A portfolio word that is also a given name still starts one.
        assert_eq!(
            names(&found("Senator Marine Le Pen spoke.").people),
            ["Marine Le Pen"]
        );
        // The name after a portfolio is never taken for more portfolio.
        let found = found(
            "Minister for Foreign Affairs Sergey Lavrov, Defence Minister Sergei Shoigu \
             and Secretary of Energy Jennifer Granholm met.",
        );
        assert_eq!(
            names(&found.ministers),
            ["Sergey Lavrov", "Sergei Shoigu", "Jennifer Granholm"]
        );
    }

    #[test]
    fn a_list_of_portfolios_is_never_taken_for_a_name() {
        // Were the ministers "Forest", "Media", "Adult" and "Heritage".
        let cases: &[(&str, &str)] = &[
            (
                "Cabinet Minister of Labour and Employment, Environment, Forest and \
                 Climate Change Rohan Mehta spoke.",
                "Rohan Mehta",
            ),
            (
                "The Secretary of State for Digital, Culture, Media and Sport, Jane \
                 Holloway, spoke.",
                "Jane Holloway",
            ),
            (
                "Minister of Culture, Heritage, Sport and Youth Tomas Varga spoke.",
                "Tomas Varga",
            ),
            (
                "Special Envoy for Climate Change Lin Haoran arrived.",
                "Lin Haoran",
            ),
        ];
        for (text, name) in cases {
            let found = found(text);
            let all: Vec<&str> = names(&found.ministers)
                .into_iter()
                .chain(names(&found.people))
                .collect();
            assert_eq!(all, [*name], "in {text:?}");
        }
        // A name between two posts is still a name.
        let found =
            found("Minister of Foreign Affairs, Omar Haddad, and Trade Minister Lucia Ferro met.");
        assert_eq!(names(&found.ministers), ["Omar Haddad", "Lucia Ferro"]);
    }

    #[test]
    fn a_signatory_listed_after_a_country_is_named_without_it() {
        let text = "Signed by:\n\nAustria Vice-Chancellor Petra Lindner, Minister of \
                    Arts and Sport\n\nCroatia Dr Ivo Maric, Minister of Tourism and Sport\n\n\
                    New Zealand Hon Grace Tane, Minister for Sport\n";
        assert_eq!(
            summary(&found(text).ministers),
            [
                one("Petra Lindner", Some("Austria")),
                one("Ivo Maric", Some("Croatia")),
                one("Grace Tane", Some("New Zealand")),
            ]
        );
    }

    #[test]
    fn words_titles_use_after_a_name_are_not_the_name() {
        let cases: &[(&str, &str)] = &[
            ("Secretary Alma Ruiz Keynote on Harbor Plans", "Alma Ruiz"),
            ("Secretary Ruiz Underscores Urgent Need for Ports", "Ruiz"),
            ("Secretary Alma Ruiz Previewing Trip to Lisbon", "Alma Ruiz"),
        ];
        for (text, name) in cases {
            assert_eq!(names(&found(text).ministers), [*name], "in {text:?}");
        }
    }

    #[test]
    fn members_of_congress_and_abbreviated_posts_name_people() {
        let congress = found(
            "Rep. Dana Whitfield (IL-13), Congresswoman Maria Delgado, Sen. Owen Price \
             and Gov. Lena Ortiz praised the plan.",
        );
        assert_eq!(
            names(&congress.people),
            [
                "Dana Whitfield",
                "Maria Delgado",
                "Owen Price",
                "Lena Ortiz"
            ]
        );
        let posts: Vec<Option<&str>> = congress.people.iter().map(|p| p.post.as_deref()).collect();
        assert_eq!(
            posts,
            [
                Some("Representative"),
                Some("Congresswoman"),
                Some("Senator"),
                Some("Governor")
            ]
        );
        // "Senators Collins and Murkowski": two senators.
        let senators = found("Q Senators Ferro and Whitfield said they would vote against it.");
        assert_eq!(names(&senators.people), ["Ferro", "Whitfield"]);
        let listed = found("Senator Dana Whitfield, Senators Ferro and Costa spoke.");
        assert_eq!(names(&listed.people), ["Dana Whitfield", "Ferro", "Costa"]);
        // A transcript's correction of the post is the post.
        let corrected = found("Last week, [Vice] President Lena Ortiz and I stood there.");
        let posts: Vec<Option<&str>> = corrected.people.iter().map(|p| p.post.as_deref()).collect();
        assert_eq!(posts, [Some("Vice President")]);
        // Joined posts are posts.
        let elect = found("President-elect Lucia Ferro met Vice-President Omar Haddad.");
        assert_eq!(names(&elect.people), ["Lucia Ferro", "Omar Haddad"]);
        // A party and a state or town after a name is no second name.
        let casey = found("Sen. Owen Price, D-Scranton, and Rep. Dana Whitfield, R-Ohio, came.");
        assert_eq!(names(&casey.people), ["Owen Price", "Dana Whitfield"]);
        // A name that ends a sentence in "Sen" is no senator's post.
        let cambodia = found("Prime Minister Hun Sen. Tep Vanna spoke next.");
        assert_eq!(names(&cambodia.ministers), ["Hun Sen"]);
        assert!(cambodia.people.is_empty());
    }

    #[test]
    fn a_name_wrapped_across_lines_of_a_speech_is_one_name() {
        let speech =
            "I have the honour to deliver this statement on behalf of His Excellency Jean \n\
                      Mbeki Ndayi, President of the Republic of Rwanda, at this session.";
        assert_eq!(
            summary(&found(speech).people),
            [one("Jean Mbeki Ndayi", Some("Rwanda"))]
        );
        // Names one to a short line stay apart.
        let list = "Attending:\nPresident Ana Costa\nMarco Silva, Minister of Finance\n";
        assert_eq!(names(&found(list).people), ["Ana Costa"]);
        assert_eq!(names(&found(list).ministers), ["Marco Silva"]);
    }

    #[test]
    fn titles_of_respect_and_roles_before_a_name_are_not_the_name() {
        let text = "Prime Minister Shri Ravi Kumar met Samdech Prime Minister Hun Sen. \
                    Madame Lucia Ferro, the Foreign Minister, and Nominee Dana Whitfield, \
                    Secretary of Energy, spoke.";
        assert_eq!(
            names(&found(text).ministers),
            ["Ravi Kumar", "Hun Sen", "Lucia Ferro", "Dana Whitfield"]
        );
    }

    #[test]
    fn honours_institutions_and_posts_are_not_names() {
        let cases: &[(&str, &[&str])] = &[
            // Was the minister "Medal".
            (
                "She received the Secretary of Defense Medal for Outstanding Public Service.",
                &[],
            ),
            // Was "Senator Manchin", "Governor Walz" and "Speaker Pelosi",
            // all with the post "President".
            (
                "President Biden, Senator Manchin, Governor Walz and Speaker Pelosi met.",
                &["Biden", "Manchin", "Walz", "Pelosi"],
            ),
            // Was "Secretary-General Staffan de Mistura", the envoy.
            (
                "The Personal Envoy of the Secretary-General Staffan de Mistura arrived.",
                &["Staffan de Mistura"],
            ),
            // Was "Majority Leader Chuck Schumer", with the post "Governor".
            (
                "Minnesota Governor Tim Walz and Majority Leader Chuck Schumer spoke.",
                &["Tim Walz", "Chuck Schumer"],
            ),
            // Was "Ladies" and "Distinguished Delegates".
            (
                "Mr. President, Ladies and Gentlemen, Distinguished Delegates,",
                &[],
            ),
        ];
        for (text, expected) in cases {
            let found = found(text);
            let mut all: Vec<&str> = names(&found.ministers)
                .into_iter()
                .chain(names(&found.people))
                .collect();
            all.sort_unstable();
            let mut expected = expected.to_vec();
            expected.sort_unstable();
            assert_eq!(all, expected, "in {text:?}");
        }
    }

    #[test]
    fn a_headline_word_the_article_writes_in_lower_case_or_a_verb_ends_the_name() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Statement by President Joe Biden Marking One Year Since the Storm\n\n\
                 Today we are marking one year since the storm.",
                &["Joe Biden"],
            ),
            // A title's verb the body never uses.
            (
                "Statement from President Joe Biden Marking Nowruz\n\n\
                 Jill and I send our warmest wishes to all who celebrate.",
                &["Joe Biden"],
            ),
            // A title's verb of the present, when the body never names
            // the person by one word the verb rule could see.
            (
                "President Biden Issues Executive Order on Infrastructure\n\n\
                 The order directs agencies to act.",
                &["Biden"],
            ),
            // Without its "s": the body says "name", not "names".
            (
                "President Biden Names Fifth Round of Judicial Candidates\n\n\
                 The President intends to name five candidates.",
                &["Biden"],
            ),
            // "Honoring" is not in the body, but its stem "honor" is.
            (
                "Statement by President Biden Honoring Those We Lost\n\n\
                 We gather to honor the fallen.",
                &["Biden"],
            ),
            // "Appoints" is nowhere in lower case, but the body names
            // Biden alone, and a verb of the present follows him.
            (
                "President Biden Appoints Members of the Cancer Panel\n\n\
                 President Biden announced the panel today.",
                &["Biden"],
            ),
            // "Commemorating" is not in the body, nor "commemorat(e)", but
            // a word starting with the stem is.
            (
                "Remarks by President Biden Commemorating the Anniversary\n\n\
                 President Biden spoke at the commemoration today.",
                &["Biden"],
            ),
            // The body names him by two words, the last of which the
            // title's verb follows.
            (
                "President Biden Intends to Appoint Members of the Panel\n\n\
                 Today, President Joe Biden announced the panel.",
                &["Joe Biden"],
            ),
            // A function word a title capitalises ends a name.
            (
                "Remarks by President Biden While Receiving a Booster Shot\n\n\
                 The President got his shot.",
                &["Biden"],
            ),
            // Only the title is a headline: a speech's line wrapped short
            // is not.
            (
                "Address to the General Assembly\n\n\
                 Our President, Mr. Álvaro Colom Caballeros,\n\
                 sends greetings, and President Colom spoke of caballeros.",
                &["Álvaro Colom Caballeros", "Colom"],
            ),
            // Not written in lower case anywhere: a name word.
            (
                "President Biden Meets President Yoon Suk Yeol\n\n\
                 The two presidents met today.",
                &["Yoon Suk Yeol", "Biden"],
            ),
            // Short particles are written both ways.
            (
                "Foreign Minister Abdullatif Al Zayani Visits the Region\n\n\
                 He met al Jazeera reporters during the visit to the region.",
                &["Abdullatif Al Zayani"],
            ),
            // An appositive "Name, the post" whose every word the article
            // writes in lower case is no name.
            (
                "Through today's Executive Order, the President will act.\n\
                 The order was signed by executive decision.",
                &[],
            ),
            (
                "Condoleezza Rice, the Secretary of State, spoke of rice.",
                &["Condoleezza Rice"],
            ),
            // Nor one that follows an article, unless a title of honour
            // leads it.
            (
                "In the Executive Order, the President directed the agencies.",
                &[],
            ),
            (
                "Through today’s Executive Order, the President will act.",
                &[],
            ),
            (
                "We welcome the Honourable Jane Doe, the Minister of Health.",
                &["Jane Doe"],
            ),
            // A sentence is not a headline: "Rice" stays a name.
            (
                "Secretary Condoleezza Rice said that the rice harvest had failed.",
                &["Condoleezza Rice"],
            ),
        ];
        for (text, expected) in cases {
            let people = found(text);
            let names: Vec<&str> = people
                .ministers
                .iter()
                .chain(&people.people)
                .map(|p| p.name.as_str())
                .collect();
            assert_eq!(&names, expected, "names in {text:?}");
        }
    }

    #[test]
    fn other_officials_are_people_not_ministers() {
        let people = found("President of Kazakhstan Kassym Tokayev met Ambassador John Smith.");
        assert!(people.ministers.is_empty());
        assert_eq!(
            summary(&people.people),
            [
                one("Kassym Tokayev", Some("Kazakhstan")),
                one("John Smith", None)
            ]
        );
    }
}
