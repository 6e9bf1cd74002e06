//! Synthetic corpus generator for the benchmarks of issue 6: writes N
//! invented communiqués (call readouts, meetings, congratulatory messages,
//! joint statements, consultations, U.S.-style readouts and UN speeches) in
//! the layouts of the sample corpus (title, blank line, dateline, blank line,
//! body paragraphs; now and then a share-button trailer), with the known
//! date, countries and ministers of each file in `DIR/truth.jsonl`.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --docs 1000000 --out DIR [--seed S] [--threads T]
//! ```
//!
//! Files go to `DIR/0000/0000000.txt`, `DIR/0000/0000001.txt`, ... with at
//! most 1000 files a folder. The output depends only on `--docs` and
//! `--seed` (not on `--threads`): every article draws from its own PRNG
//! seeded from the seed and its number, and the ministers of a country in a
//! given term are drawn from the seed, the country and the term, so the same
//! invented minister recurs across thousands of articles. Countries are the
//! real ones of the compiled-in gazetteer; every person, city and event is
//! invented. Nothing is held in memory but one folder per worker.
//!
//! Datelines: `Sun, 10/09/2023 - 07:57` (day first, with the correct
//! weekday), `2023-09-10`, `10 September 2023`, `September 10, 2023`,
//! `Sept. 10, 2023`, `10.09.2023` (day first) and a bare year for speeches.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use communique::extract::countries::gazetteer;

const FILES_PER_FOLDER: usize = 1000;
const MIN_WORDS: usize = 150;
const MAX_WORDS: usize = 600;
const FIRST_YEAR: i32 = 1994;
const LAST_YEAR: i32 = 2025;
const USAGE: &str = "usage: gen_corpus --docs N --out DIR [--seed S] [--threads T]";

// ---------------------------------------------------------------- arguments

struct Args {
    docs: usize,
    out: PathBuf,
    seed: u64,
    threads: usize,
}

fn parse_args() -> std::result::Result<Args, String> {
    let mut docs = None;
    let mut out = None;
    let mut seed = 1;
    let mut threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut given = std::env::args().skip(1);
    while let Some(arg) = given.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| given.next())
                .ok_or(format!("{flag} needs a value"))
        };
        let number = |text: String| -> std::result::Result<u64, String> {
            text.replace('_', "")
                .parse()
                .map_err(|_| format!("{flag} needs a number, not {text:?}"))
        };
        match flag.as_str() {
            "--docs" | "-n" => docs = Some(number(value()?)? as usize),
            "--out" | "-o" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = number(value()?)?,
            "--threads" => threads = (number(value()?)? as usize).max(1),
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Args {
        docs: docs.ok_or("--docs is required")?,
        out: out.ok_or("--out is required")?,
        seed,
        threads,
    })
}

// ---------------------------------------------------------------- randomness

/// SplitMix64: one `u64` of state, good enough statistics for text, and
/// cheap to seed per article.
#[derive(Clone)]
struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator for one purpose, derived from the seed and some keys.
    fn derive(seed: u64, keys: &[u64]) -> Rng {
        let mut state = mix(seed ^ 0x5851_f42d_4c95_7f2d);
        for &key in keys {
            state = mix(state ^ key.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        Rng(state)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    fn range(&mut self, low: usize, high_inclusive: usize) -> usize {
        low + self.below(high_inclusive - low + 1)
    }

    /// True with probability `percent`/100.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

fn hash_str(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

// ---------------------------------------------------------------- calendar

const MONTHS: [&str; 12] = [
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
];
const MONTHS_SHORT: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
/// Weekday abbreviations from Monday.
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year } as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 = Monday.
fn weekday(year: i32, month: u32, day: u32) -> usize {
    // 1970-01-01 was a Thursday.
    (days_from_civil(year, month, day) + 3).rem_euclid(7) as usize
}

#[derive(Clone, Copy)]
struct Day {
    year: i32,
    month: u32,
    day: u32,
}

fn random_day(rng: &mut Rng) -> Day {
    let year = FIRST_YEAR + rng.below((LAST_YEAR - FIRST_YEAR + 1) as usize) as i32;
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(days_in_month(year, month) as usize) as u32;
    Day { year, month, day }
}

/// The dateline as written, and the date `communique` should read off it
/// (ISO 8601 at the precision the line gives).
fn dateline(rng: &mut Rng, day: Day, bare_year: bool) -> (String, String) {
    let Day { year, month, day } = day;
    let iso_day = format!("{year:04}-{month:02}-{day:02}");
    if bare_year {
        return (format!("{year}"), format!("{year:04}"));
    }
    let name = MONTHS[month as usize - 1];
    match rng.below(100) {
        0..=24 => {
            let (hour, minute) = (rng.range(7, 21), rng.below(60));
            let wd = WEEKDAYS[weekday(year, month, day)];
            (
                format!("{wd}, {day:02}/{month:02}/{year} - {hour:02}:{minute:02}"),
                format!("{iso_day}T{hour:02}:{minute:02}:00"),
            )
        }
        25..=44 => (iso_day.clone(), iso_day),
        45..=64 => (format!("{day} {name} {year}"), iso_day),
        65..=84 => (format!("{name} {day}, {year}"), iso_day),
        85..=89 => (
            format!("{} {day}, {year}", MONTHS_SHORT[month as usize - 1]),
            iso_day,
        ),
        _ => (format!("{day:02}.{month:02}.{year}"), iso_day),
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

// ---------------------------------------------------------------- names

/// Syllable tables of one naming style: male and female first-name heads and
/// tails, surname heads and tails.
struct Style {
    male: (&'static [&'static str], &'static [&'static str]),
    female: (&'static [&'static str], &'static [&'static str]),
    surname: (&'static [&'static str], &'static [&'static str]),
    /// Syllables that may join a surname's head and tail.
    infix: &'static [&'static str],
}

const STYLES: [Style; 7] = [
    // 0: Slavic
    Style {
        male: (
            &[
                "Ser", "Dmi", "Vla", "Ni", "Bo", "Yu", "Ar", "Ti", "Ole", "Sta", "Mi", "Ve",
            ],
            &[
                "gei", "trii", "dimir", "kolai", "ris", "rii", "tem", "mofei", "g", "nislav",
                "roslav", "niamin",
            ],
        ),
        female: (
            &[
                "Ma", "Ole", "Svet", "Ka", "Ta", "Na", "Ire", "Lud", "Ve", "Zo",
            ],
            &[
                "rina", "sya", "lana", "terina", "tiana", "dezhda", "na", "mila", "ra", "ya",
            ],
        ),
        surname: (
            &[
                "Kras", "Bel", "Vor", "Dub", "Mar", "Sok", "Zhur", "Kov", "Lesh", "Tol", "Gor",
                "Pav", "Rud", "Chern",
            ],
            &[
                "ov", "enko", "insky", "ovich", "avin", "etsky", "ukov", "chuk", "anov", "ygin",
            ],
        ),
        infix: &["", "", "al", "in", "ob", "ev"],
    },
    // 1: Caucasus and Central Asia
    Style {
        male: (
            &[
                "Ta", "Gio", "Na", "Ba", "Ru", "Er", "Nur", "Da", "Zu", "Ak", "Ti", "Va",
            ],
            &[
                "mur", "rgi", "rek", "khtiyar", "stam", "lan", "lan", "vit", "rab", "mal", "gran",
                "hram",
            ],
        ),
        female: (
            &["Ni", "Ai", "Ma", "Gul", "La", "Ta", "Zar", "Ana"],
            &["no", "gerim", "ka", "nara", "ila", "mara", "ina", "hit"],
        ),
        surname: (
            &[
                "Gasim", "Lomt", "Aveti", "Tok", "Zhak", "Kvar", "Sary", "Mamed", "Beri", "Nazar",
                "Abdu", "Kur",
            ],
            &[
                "zade", "adze", "syan", "ayev", "ov", "chelia", "bekov", "shvili", "yan", "aliev",
                "muradov", "ali",
            ],
        ),
        infix: &["", "", "ar", "ul", "am", "er"],
    },
    // 2: Arabic and Persian
    Style {
        male: (
            &[
                "Ah", "Mo", "Kha", "Fai", "Sa", "Ab", "Na", "Yu", "Ha", "Ka", "Ta", "Za",
            ],
            &[
                "med", "hammed", "lid", "sal", "mir", "dullah", "sser", "suf", "san", "rim", "riq",
                "yed",
            ],
        ),
        female: (
            &["Fa", "Ay", "Le", "Ma", "Nou", "Hu", "Ra", "Sal"],
            &["tima", "sha", "yla", "ryam", "ra", "da", "nia", "ma"],
        ),
        surname: (
            &[
                "Al-Ra", "Al-Ha", "Ben", "Qa", "Mans", "Sha", "Bar", "Al-Mu", "Kha", "Naj", "Ta",
                "Sul",
            ],
            &[
                "shidi", "shimi", "nnani", "ssimi", "ouri", "rif", "ghouti", "barak", "ldun",
                "jar", "habi", "tani",
            ],
        ),
        infix: &["", "", "ra", "il", "ab", "ou"],
    },
    // 3: Iberian, Latin American, French and Italian
    Style {
        male: (
            &[
                "Ju", "Car", "Lu", "Fer", "Ga", "Ro", "Pe", "Al", "Ma", "Ed", "Joa", "Gui",
            ],
            &[
                "lio", "los", "is", "nando", "briel", "drigo", "dro", "varo", "rcelo", "uardo",
                "quim", "llermo",
            ],
        ),
        female: (
            &["Ma", "Ana", "Lu", "Ga", "Isa", "Ca", "Pa", "Ro"],
            &[
                "ría", "bela", "cía", "briela", "bel", "rolina", "tricia", "sa",
            ],
        ),
        surname: (
            &[
                "Gar", "Mo", "Her", "Alta", "Ro", "Cas", "Var", "Men", "Fon", "Quin", "Sal", "Ben",
            ],
            &[
                "cía", "rales", "nández", "mirano", "dríguez", "tillo", "gas", "doza", "seca",
                "tana", "azar", "avides",
            ],
        ),
        infix: &["", "", "al", "er", "ol", "in"],
    },
    // 4: East and South-East Asian
    Style {
        male: (
            &[
                "Ka", "Ta", "Hi", "Jun", "Wei", "Min", "Tuan", "Som", "Hyun", "Ken", "Jae", "Bao",
            ],
            &[
                "zuo", "keshi", "roshi", "ho", "ming", "jun", " Anh", "chai", "woo", "ji", "sung",
                " Long",
            ],
        ),
        female: (
            &["Yu", "Mi", "Ha", "Li", "Su", "Thi", "Na", "Ai"],
            &["ko", "na", "ruka", "ping", "jin", " Lan", "ree", "ko"],
        ),
        surname: (
            &[
                "Ta", "Wa", "Yama", "Naka", "Ko", "Ha", "Ki", "Pra", "Ngu", "Cho", "Su", "Li",
            ],
            &[
                "naka", "tanabe", "moto", "mura", "bayashi", "segawa", "m", "sert", "yen", "i",
                "wanto", "ang",
            ],
        ),
        infix: &["", "", "ka", "no", "ma", "ri"],
    },
    // 5: African
    Style {
        male: (
            &[
                "Ade", "Olu", "Kwa", "Ama", "Chi", "Nko", "Tha", "Se", "Ki", "Mu", "Ba", "Ja",
            ],
            &[
                "mi", "wale", "me", "du", "nedu", "si", "bo", "ko", "prono", "sa", "kari", "bari",
            ],
        ),
        female: (
            &["Ama", "Nka", "Tha", "Fu", "Ze", "Wa", "Ado", "Cha"],
            &["ra", "chi", "ndi", "mi", "nani", "njiru", "ma", "rity"],
        ),
        surname: (
            &[
                "Oke", "Mba", "Ndu", "Ase", "Ki", "Ma", "Ole", "Tshi", "Ba", "Wa", "Dia", "Nya",
            ],
            &[
                "ke", "nda", "mo", "fo", "rono", "thebe", "kwe", "sekedi", "nkole", "njiru", "llo",
                "ndoro",
            ],
        ),
        infix: &["", "", "ba", "nu", "ko", "ye"],
    },
    // 6: Northern European and English-speaking
    Style {
        male: (
            &[
                "Er", "Ing", "Lars", "Sig", "Hen", "Kar", "Ol", "An", "Dan", "Tho", "Ma", "Ru",
            ],
            &[
                "ik", "var", "", "urd", "rik", "l", "af", "ders", "iel", "mas", "tthias", "pert",
            ],
        ),
        female: (
            &["In", "Hel", "Kar", "An", "Sa", "Ma", "Eli", "Lin"],
            &["grid", "ga", "in", "na", "rah", "rgit", "sabeth", "nea"],
        ),
        surname: (
            &[
                "Berg", "Lund", "Dahl", "Holm", "Strand", "Nord", "Whit", "Hart", "Ash", "Fair",
                "Brom", "Kel",
            ],
            &[
                "ström", "quist", "berg", "sen", "gren", "mann", "comb", "well", "ford", "ley",
                "wick", "by",
            ],
        ),
        infix: &["", "", "en", "er", "ing", "s"],
    },
];

/// Which style a country's names follow; countries not listed get one
/// by hash.
fn style_of(code: &str) -> usize {
    const BY_STYLE: [&str; 7] = [
        "RUS UKR BLR POL CZE SVK SRB HRV BIH MNE MKD BGR SVN MDA XTR",
        "GEO ARM AZE TUR XNC KAZ KGZ UZB TJK TKM MNG XAB XSO",
        "SAU ARE QAT KWT BHR OMN YEM JOR LBN SYR IRQ EGY LBY TUN DZA MAR MRT SDN PSE SOM DJI COM ESH XSL IRN AFG PAK",
        "ESP PRT MEX GTM HND SLV NIC CRI PAN CUB DOM COL VEN ECU PER BOL CHL ARG URY PRY BRA ITA AND SMR MCO FRA BEL LUX CPV GNB STP AGO MOZ TLS ROU VAT MLT GNQ",
        "CHN TWN JPN KOR PRK VNM LAO KHM THA MMR MYS SGP IDN BRN PHL",
        "NGA GHA KEN ETH TZA UGA RWA BDI ZAF ZWE ZMB MWI BWA NAM LSO SWZ CMR SEN CIV MLI BFA NER TCD BEN TGO LBR SLE GIN GMB GAB COG COD CAF SSD ERI MDG MUS SYC",
        "DEU AUT CHE NLD DNK NOR SWE FIN ISL EST LVA LTU GBR IRL USA CAN AUS NZL LIE GRC CYP HUN",
    ];
    BY_STYLE
        .iter()
        .position(|codes| codes.split(' ').any(|c| c == code))
        .unwrap_or_else(|| (hash_str(code) % STYLES.len() as u64) as usize)
}

/// Capitalised words that would be read as something other than a name.
fn is_reserved_word(word: &str) -> bool {
    const RESERVED: &[&str] = &[
        "A", "An", "The", "And", "Of", "In", "On", "At", "As", "It", "He", "She", "We", "By", "To",
        "For", "But", "Two", "Both", "Dear", "Your", "His", "Her", "Our", "Its", "This", "That",
        "First", "Second", "Press", "Special", "Vice", "Prime", "High", "Lady", "May", "March",
        "June", "July", "August", "Sun", "Mon", "Sat", "Ben", "Mr", "Ms", "Minister", "Ali", "Al",
        "Dr", "State", "Union", "Sir", "Prince", "King", "Queen", "Crown", "Emir", "Sultan",
    ];
    RESERVED.contains(&word)
        || gazetteer().lookup(word).is_some()
        || word
            .split(['-', ' '])
            .any(|part| gazetteer().lookup(part).is_some())
}

/// True when two names have a word in common ("Fairby" and "Linrah Fairby").
fn shares_a_word(a: &str, b: &str) -> bool {
    a.split(' ')
        .filter(|w| !w.ends_with('.'))
        .any(|w| b.split(' ').any(|v| v == w))
}

fn syllables(rng: &mut Rng, table: (&[&str], &[&str])) -> String {
    format!("{}{}", rng.pick(table.0), rng.pick(table.1))
}

fn surname_of(rng: &mut Rng, style: &Style) -> String {
    let (heads, tails) = style.surname;
    let (head, infix, tail) = (rng.pick(heads), rng.pick(style.infix), rng.pick(tails));
    // "Al-Ra" + "il" + "shidi": keep the infix off a hyphenated head.
    if head.contains('-') && !infix.is_empty() {
        format!("{head}{tail}")
    } else {
        format!("{head}{infix}{tail}")
    }
}

/// An invented person of a country's naming style.
#[derive(Clone, Debug, Serialize)]
struct Person {
    name: String,
    #[serde(skip)]
    surname: String,
    #[serde(skip)]
    female: bool,
    country: &'static str,
}

impl Person {
    fn honorific(&self) -> &'static str {
        if self.female {
            "Ms."
        } else {
            "Mr."
        }
    }
}

fn invent_person(seed: u64, code: &'static str, keys: &[u64]) -> Person {
    let mut all_keys = vec![hash_str(code)];
    all_keys.extend_from_slice(keys);
    let mut rng = Rng::derive(seed, &all_keys);
    let style = &STYLES[style_of(code)];
    loop {
        let female = rng.percent(30);
        let first = syllables(&mut rng, if female { style.female } else { style.male });
        let mut surname = surname_of(&mut rng, style);
        if rng.percent(12) {
            // A second surname or a compound one.
            let second = surname_of(&mut rng, style);
            surname = format!("{surname} {second}");
        }
        let middle = if rng.percent(10) {
            format!(" {}.", (b'A' + rng.below(26) as u8) as char)
        } else {
            String::new()
        };
        let words = first.split(' ').chain(surname.split(' '));
        let clash = words.clone().any(|w| w.len() < 2 || is_reserved_word(w));
        if clash || first.split(' ').any(|w| surname.contains(w)) {
            continue;
        }
        return Person {
            name: format!("{first}{middle} {surname}"),
            surname,
            female,
            country: code,
        };
    }
}

/// An invented city name (capital = index 0), not clashing with a country.
fn invent_city(seed: u64, code: &str, which: u64) -> String {
    const HEADS: &[&str] = &[
        "Kar", "Val", "Mon", "Ber", "Sol", "Tam", "Nor", "Ala", "Vel", "Dor", "Lis", "Ost", "Pra",
        "Zan", "Ama", "Kes", "Riv", "Tor", "Bel", "Cas",
    ];
    const MIDS: &[&str] = &["", "a", "e", "o", "i", "an", "er", "os"];
    const TAILS: &[&str] = &[
        "vessa", "grad", "mora", "port", "ville", "ana", "holm", "ara", "ica", "bury", "dar",
        "esti", "abad", "polis", "ulu", "ena",
    ];
    let mut rng = Rng::derive(seed, &[hash_str(code), 0xC17, which]);
    loop {
        let city = format!("{}{}{}", rng.pick(HEADS), rng.pick(MIDS), rng.pick(TAILS));
        if !is_reserved_word(&city) {
            return city;
        }
    }
}

// ---------------------------------------------------------------- countries

struct Nation {
    code: &'static str,
    /// "Kenya", "the Netherlands": what follows "of" or "in".
    short: String,
    /// Formal names ("the Republic of Kenya") for posts, when the gazetteer has any.
    formal: Vec<String>,
    adjective: Option<&'static str>,
}

fn needs_article(name: &str) -> bool {
    const PLURAL_OR_FORMAL: &[&str] = &[
        "Bahamas",
        "Gambia",
        "Netherlands",
        "Philippines",
        "Maldives",
        "Comoros",
        "Marshall Islands",
        "Solomon Islands",
        "Seychelles",
        "Holy See",
        "Central African Republic",
        "Dominican Republic",
    ];
    let first = name.split(' ').next().unwrap_or("");
    PLURAL_OR_FORMAL.contains(&name)
        || matches!(
            first,
            "United"
                | "Republic"
                | "Democratic"
                | "Kingdom"
                | "Federal"
                | "State"
                | "Commonwealth"
                | "Union"
                | "Islamic"
                | "Socialist"
                | "Independent"
                | "Bolivarian"
                | "Oriental"
                | "Eastern"
                | "Plurinational"
                | "Principality"
                | "Grand"
                | "Turkish"
                | "Hashemite"
                | "Sultanate"
                | "Argentine"
                | "Slovak"
                | "Togolese"
                | "Tunisian"
                | "Syrian"
                | "Lao"
                | "Co-operative"
                | "Cooperative"
                | "Federated"
                | "People's"
                | "Pridnestrovian"
        )
}

fn with_article(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("The ") {
        format!("the {rest}")
    } else if needs_article(name) {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

fn nations() -> Vec<Nation> {
    gazetteer()
        .entries
        .iter()
        .map(|entry| {
            let formal = entry
                .names
                .iter()
                .filter(|n| {
                    n.contains(" of ")
                        && !n.contains('&')
                        && !n.contains("Emirate")
                        && !n.contains("Vatican")
                })
                .map(|n| with_article(n))
                .collect();
            Nation {
                code: entry.code,
                short: with_article(entry.name),
                formal,
                adjective: entry.adjectives.first().copied(),
            }
        })
        .collect()
}

/// "The Netherlands" at the start of a sentence.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- templates

/// Values a template may name as `{KEY}`; `[a|b|c]` picks one at random.
#[derive(Default)]
struct Slots {
    values: Vec<(&'static str, String)>,
}

impl Slots {
    fn set(&mut self, key: &'static str, value: impl Into<String>) {
        let value = value.into();
        match self.values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((key, value)),
        }
    }

    fn get(&self, key: &str) -> &str {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("template names unknown slot {{{key}}}"))
    }
}

fn fill(template: &str, slots: &Slots, rng: &mut Rng, out: &mut String) {
    let mut rest = template;
    while let Some(at) = rest.find(['{', '[']) {
        out.push_str(&rest[..at]);
        let open = rest.as_bytes()[at];
        let close = if open == b'{' { '}' } else { ']' };
        let end = at + rest[at..].find(close).expect("unclosed template bracket");
        let inner = &rest[at + 1..end];
        if open == b'{' {
            out.push_str(slots.get(inner));
        } else {
            let choices: Vec<&str> = inner.split('|').collect();
            fill(rng.pick(&choices), slots, rng, out);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
}

/// Groups of body sentences; a paragraph takes two to four of one group.
const BODY_GROUPS: &[&[&str]] = &[
    // relations
    &[
        "The ministers [discussed|reviewed|took stock of] the [current state and prospects|whole range|key issues] of [bilateral|political, economic and humanitarian] relations between {A} and {B}.",
        "{SA} [noted|stressed|underlined] that relations between the two countries are [developing dynamically|based on mutual respect and trust|traditionally friendly], and [expressed confidence|voiced hope] that the [current|coming] year would bring new [joint projects|results].",
        "Both sides [reaffirmed|confirmed] their [commitment|readiness] to [deepen|strengthen|expand] the [strategic partnership|comprehensive partnership|political dialogue] [at all levels|in every field].",
        "{SB} [thanked|expressed gratitude to] {APEOPLE} for [the constructive spirit of the talks|the substantive exchange of views|the invitation to continue the dialogue].",
        "The [sides|ministers] agreed to [maintain|intensify] regular [contacts|consultations] between the foreign ministries, including [at the level of deputy ministers|through annual political consultations|on the margins of multilateral events].",
        "[It was noted|The ministers noted] that [the high-level visits of recent years|the road map adopted in {PREVYEAR}] had [given a new impetus to|opened a new chapter in] cooperation.",
    ],
    // economy
    &[
        "Bilateral trade [reached|amounted to] {AMOUNT} in {PREVYEAR}, [an increase of|up] {PCT} percent [compared with|on] the previous year.",
        "The ministers agreed to [convene|hold] the [next|{ORD2}] meeting of the intergovernmental commission on [trade and economic cooperation|economic, scientific and technical cooperation] in {CAPB} [later this year|in the first half of next year|in the autumn].",
        "[Particular attention was paid to|The sides focused on|Special emphasis was placed on] [joint projects|cooperation|investment] in {TOPIC1} and {TOPIC2}.",
        "{SA} [invited|encouraged] companies from {B} to take part in the [international|annual] {TOPIC1} [forum|exhibition|fair] in {CITYA}.",
        "The ministers welcomed the [launch|opening] of [a direct air link|a regular freight service|direct flights] between {CAPA} and {CAPB}, [which should boost|expected to boost] [tourism and trade|business contacts].",
        "[Both sides|The ministers] [expressed interest in|discussed] [the modernisation of|joint investment in] the {CITYA}–{CITYB} [railway|highway|pipeline|power line] and [the port of|the industrial park in] {CITYB}.",
        "{SB} [said|noted] that more than {NUM} companies with {BCAPITAL} capital [operate|are registered] in {A}.",
    ],
    // people and culture
    &[
        "The [ministers|sides] [welcomed|noted] the [growing|steady] [number|flow] of [tourists|students|young people] travelling between the two countries.",
        "[An agreement|A protocol] on [visa facilitation|mutual visa exemption|the readmission of persons] [was signed|was initialled|will be finalised] [during the visit|by the end of the year].",
        "The [sides|ministers] [agreed|decided] to [hold|organise] Days of Culture of {B} in {CITYA} [next spring|in {NEXTYEAR}|later this year].",
        "{SA} [announced|noted] that {NUM3} [government scholarships|university places] [would be offered|are offered] to students from {B} [each year|for the {NEXTYEAR} academic year].",
        "Cooperation between [universities|research institutes|archives|museums] of the two countries [was also discussed|received special attention].",
    ],
    // multilateral
    &[
        "The ministers exchanged views on [cooperation within|the agenda of] {ORG}.",
        "{A} [thanked|expressed gratitude to] {B} for [its support of|supporting] the candidacy of {A} for a non-permanent seat on the Security Council for {TERM}.",
        "The sides [underlined|stressed] [the central coordinating role of the United Nations|the importance of multilateralism] [in international affairs|in addressing global challenges].",
        "[Both ministers|The sides] [agreed|pledged] to [coordinate|align] their positions [on climate change|on food security|on the reform of international financial institutions|on counter-terrorism].",
    ],
    // legal framework
    &[
        "The ministers reviewed the [treaty-legal framework|legal basis] of bilateral relations, which [includes|comprises] more than {NUM2} [agreements|documents|instruments].",
        "[Following the talks|At the end of the meeting], the [ministers|sides] signed a memorandum of understanding on {TOPIC1} and a [programme|plan] of consultations for {TERM}.",
        "[Work is under way on|The sides agreed to speed up work on] agreements on [the avoidance of double taxation|the mutual protection of investments|legal assistance in civil matters|cooperation in {TOPIC2}].",
    ],
    // quote
    &[
        "\"[Our countries share|We share] [a long history of friendship|common values|a commitment to dialogue], and [today we have confirmed it once again|we intend to build on it],\" {SA} said [at a press conference|after the talks|in remarks to the media].",
        "\"[{B} is|We regard {B} as] [a reliable partner|a close friend|an important partner] [in the region|for {A}],\" {SA} [told reporters|said].",
        "\"[We are grateful|I am grateful] for [the constructive dialogue|the support of {A}],\" {SB} [said|noted], adding that [much remains to be done|the potential of cooperation is far from exhausted].",
    ],
    // anniversary
    &[
        "[This year marks|The sides noted that {YEAR} marks] the {ORD} anniversary of the establishment of diplomatic relations between {A} and {B}.",
        "[A series of events|An exhibition of archival documents|A joint conference] [will mark|is planned to mark] the anniversary [in {CAPA} and {CAPB}|in both capitals].",
    ],
];

/// The regional paragraph, which names the extra countries {X} (and {Y}).
const REGIONAL_ONE: &[&str] = &[
    "[Views were also exchanged on|The ministers also discussed|Attention was also paid to] the situation in {X}, [with both sides stressing|and both sides stressed] the need for [a political settlement|dialogue and de-escalation|full respect for international law].",
    "{SA} [briefed|informed] {SB} about [recent contacts with|the latest talks with|the dialogue with] {X} [on regional security|on energy transit|on border issues].",
    "The [sides|ministers] [expressed concern over|discussed] the humanitarian situation in {X} and [called for|welcomed efforts towards] [unhindered humanitarian access|a lasting ceasefire|the resumption of negotiations].",
];
const REGIONAL_TWO: &[&str] = &[
    "[Views were also exchanged on|The ministers also discussed] relations [with|between] {X} and {Y}, and the [security situation|prospects for regional cooperation] [in the wider region|along their borders].",
    "{SA} and {SB} [welcomed|noted] the [recent|upcoming] [trilateral meeting|summit] [with|of] {X} and {Y} [and agreed to coordinate positions|as an opportunity for dialogue].",
];

/// Paragraphs of a General Debate speech: only the speaker's country {A}
/// and, in the regional ones, the extra countries are named.
const SPEECH_GROUPS: &[&[&str]] = &[
    &[
        "[Mr. President|Distinguished delegates], the world [faces|is facing] [unprecedented challenges|a crisis of trust|multiple overlapping crises].",
        "[Climate change|Food insecurity|Rising inequality|The erosion of arms control] [threatens|undermines] [the gains of past decades|the Sustainable Development Goals|the security of us all].",
        "No country can [meet these challenges|overcome these crises] alone, and [the answer|our response] must be [collective|multilateral|grounded in solidarity].",
    ],
    &[
        "{A} [remains committed|reaffirms its commitment] to [the purposes and principles of the Charter|multilateralism|the peaceful settlement of disputes].",
        "[My country|{A}] has [contributed|deployed] [{NUM} peacekeepers|troops and police officers] to [United Nations missions|peace operations] [since {PREVYEAR}|over the past decade].",
        "[We call for|My delegation supports] [the reform of the Security Council|a more representative Security Council|a fair international financial architecture], so that [the voice of small states|every region] is heard.",
    ],
    &[
        "[Last year|In {PREVYEAR}] {A} [adopted|launched] a national [strategy|programme] on {TOPIC1}, and [we are ready to share|we will share] our experience [with all partners|with developing countries].",
        "{A} [will host|hosted] the [international|regional] conference on {TOPIC2} in {CAPA} [in {NEXTYEAR}|last year], and [I invite|we invite] all Member States to [take part|contribute].",
        "Our economy grew by {PCT} percent [last year|in {PREVYEAR}], [yet|but] [the burden of debt|the cost of climate adaptation] [weighs heavily|remains heavy] on [our budget|our people].",
    ],
];
const SPEECH_REGIONAL_ONE: &[&str] = &[
    "[We remain deeply concerned about|My delegation follows closely] the situation in {X} and [call for|support] [a negotiated settlement|an immediate ceasefire|an inclusive political process].",
];
const SPEECH_REGIONAL_TWO: &[&str] = &[
    "[We welcome|My country welcomes] the [agreement|dialogue] between {X} and {Y} and [urge|encourage] both [sides|parties] to [implement it in good faith|continue on this path].",
];

/// The sentence tables of one genre.
struct Genre {
    groups: &'static [&'static [&'static str]],
    regional_one: &'static [&'static str],
    regional_two: &'static [&'static str],
    closings: &'static [&'static str],
}

const COMMUNIQUE: Genre = Genre {
    groups: BODY_GROUPS,
    regional_one: REGIONAL_ONE,
    regional_two: REGIONAL_TWO,
    closings: CLOSINGS,
};

const SPEECH: Genre = Genre {
    groups: SPEECH_GROUPS,
    regional_one: SPEECH_REGIONAL_ONE,
    regional_two: SPEECH_REGIONAL_TWO,
    closings: &[
        "[Mr. President|In conclusion], {A} [stands ready|is ready] to [work with|cooperate with] all Member States [to build a more just and peaceful world|in the spirit of this Organization]. [I thank you|Thank you], and [I wish this session every success|I wish the Assembly fruitful deliberations].",
    ],
};

const CLOSINGS: &[&str] = &[
    "{SA} invited {SB} to [pay an official visit to|visit] {A} at a mutually convenient time. The invitation was [accepted with gratitude|gratefully accepted].",
    "[The conversation was|The talks were|The meeting was] held in a [friendly|constructive|warm] and [trust-based|businesslike|open] atmosphere.",
    "The [sides|ministers] agreed to [maintain|continue] [regular contacts|political dialogue] [at all levels|at the highest level|in the near future].",
    "[The dates of the next round|The agenda of the next meeting] will be agreed through diplomatic channels.",
];

const TOPICS: &[&str] = &[
    "trade",
    "investment",
    "energy",
    "renewable energy",
    "agriculture",
    "food security",
    "education",
    "tourism",
    "the digital economy",
    "healthcare",
    "transport and logistics",
    "culture",
    "science and technology",
    "climate action",
    "water management",
    "mining",
    "fisheries",
    "space research",
    "customs",
    "pharmaceuticals",
    "information security",
    "emergency response",
    "sport",
    "youth exchanges",
];

const ORGS: &[&str] = &[
    "the United Nations",
    "the G20",
    "BRICS",
    "the Organization for Security and Co-operation in Europe",
    "the Non-Aligned Movement",
    "the African Union",
    "the Association of Southeast Asian Nations",
    "the Shanghai Cooperation Organisation",
    "the Organisation of Islamic Cooperation",
    "the Commonwealth",
    "the World Trade Organization",
    "the Council of Europe",
    "the Community of Latin American and Caribbean States",
    "the Pacific Islands Forum",
];

// ---------------------------------------------------------------- articles

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Call,
    Meeting,
    Congratulations,
    Joint,
    Consultations,
    Readout,
    Speech,
}

#[derive(Serialize)]
struct Truth<'a> {
    path: &'a str,
    kind: Kind,
    dateline: &'a str,
    date: &'a str,
    /// ISO codes of every country the text names.
    countries: Vec<&'static str>,
    /// Everyone named with a ministerial post.
    ministers: Vec<Person>,
    /// Officials named with another post (ambassadors, spokespeople).
    people: Vec<Person>,
    words: usize,
}

struct Generator {
    seed: u64,
    nations: Vec<Nation>,
    usa: usize,
}

/// One generated article: its text and what is true of it.
struct Written {
    text: String,
    kind: Kind,
    dateline: String,
    date: String,
    countries: Vec<&'static str>,
    ministers: Vec<Person>,
    people: Vec<Person>,
    words: usize,
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

impl Generator {
    fn new(seed: u64) -> Generator {
        let nations = nations();
        let usa = nations
            .iter()
            .position(|n| n.code == "USA")
            .expect("the gazetteer has the United States");
        Generator { seed, nations, usa }
    }

    /// The foreign minister (rank 0) or a deputy (rank 1..) of a country in
    /// the four-year term holding `year`; terms start at a year that depends
    /// on the country.
    fn official(&self, code: &'static str, year: i32, rank: u64) -> Person {
        let offset = (hash_str(code) % 4) as i32;
        let term = (year + offset).div_euclid(4) as u64;
        invent_person(self.seed, code, &[term, rank])
    }

    fn pick_nation(&self, rng: &mut Rng, not: &[usize]) -> usize {
        loop {
            let n = rng.below(self.nations.len());
            if !not.contains(&n) {
                return n;
            }
        }
    }

    /// "Minister of Foreign Affairs of the Republic of Kenya Amani Okeke",
    /// "Kenyan Foreign Minister Amani Okeke", ... for a first mention.
    fn minister_phrase(&self, rng: &mut Rng, nation: &Nation, person: &Person) -> String {
        let of = match nation.formal.first() {
            Some(formal) if rng.percent(30) => formal.clone(),
            _ => nation.short.clone(),
        };
        let name = &person.name;
        match (rng.below(5), nation.adjective) {
            (0, Some(adj)) | (1, Some(adj)) => format!("{adj} Foreign Minister {name}"),
            (2, _) => format!("Foreign Minister of {of} {name}"),
            _ => format!("Minister of Foreign Affairs of {of} {name}"),
        }
    }

    fn generate(&self, number: u64) -> Written {
        let mut rng = Rng::derive(self.seed, &[number]);
        let kind = match rng.below(100) {
            0..=21 => Kind::Call,
            22..=43 => Kind::Meeting,
            44..=59 => Kind::Congratulations,
            60..=71 => Kind::Joint,
            72..=83 => Kind::Consultations,
            84..=93 => Kind::Readout,
            _ => Kind::Speech,
        };
        let a = if matches!(kind, Kind::Readout) {
            self.usa
        } else {
            self.pick_nation(&mut rng, &[])
        };
        let day = random_day(&mut rng);
        let deputies = matches!(kind, Kind::Consultations);
        let rank = if deputies { 1 + rng.below(3) as u64 } else { 0 };
        let ma = self.official(self.nations[a].code, day.year, rank);
        // Two ministers of one article never share a name word.
        let (b, mb) = loop {
            let b = self.pick_nation(&mut rng, &[a]);
            let mb = self.official(self.nations[b].code, day.year, rank);
            if !shares_a_word(&ma.name, &mb.name) {
                break (b, mb);
            }
        };
        let (dateline, date) = dateline(&mut rng, day, matches!(kind, Kind::Speech));
        let extras: Vec<usize> = match rng.below(100) {
            0..=39 => vec![],
            40..=84 => vec![self.pick_nation(&mut rng, &[a, b])],
            _ => {
                let x = self.pick_nation(&mut rng, &[a, b]);
                vec![x, self.pick_nation(&mut rng, &[a, b, x])]
            }
        };
        let (na, nb) = (&self.nations[a], &self.nations[b]);

        let mut slots = Slots::default();
        slots.set("A", na.short.clone());
        slots.set("B", nb.short.clone());
        slots.set("SA", ma.surname.clone());
        slots.set("SB", mb.surname.clone());
        slots.set("FA", ma.name.clone());
        slots.set("FB", mb.name.clone());
        slots.set("HA", ma.honorific());
        slots.set("HB", mb.honorific());
        slots.set(
            "APEOPLE",
            match na.adjective {
                Some(adj) => format!("the {adj} side"),
                None => format!("the side of {}", na.short),
            },
        );
        slots.set(
            "BCAPITAL",
            match nb.adjective {
                Some(adj) => adj.to_string(),
                None => format!("{}'s", nb.short),
            },
        );
        slots.set("CAPA", invent_city(self.seed, na.code, 0));
        slots.set("CAPB", invent_city(self.seed, nb.code, 0));
        slots.set(
            "CITYA",
            invent_city(self.seed, na.code, rng.below(4) as u64),
        );
        slots.set(
            "CITYB",
            invent_city(self.seed, nb.code, rng.below(4) as u64),
        );
        slots.set("PREVYEAR", (day.year - 1).to_string());
        slots.set("YEAR", day.year.to_string());
        slots.set("NEXTYEAR", (day.year + 1).to_string());
        slots.set("TERM", format!("{}-{}", day.year + 2, day.year + 3));
        slots.set("ORD", ordinal(rng.range(2, 75)));
        slots.set("ORD2", ordinal(rng.range(2, 30)));
        slots.set("PCT", rng.range(2, 48).to_string());
        for key in ["NUM", "NUM2", "NUM3"] {
            let scale = if rng.percent(40) { 10 } else { 1 };
            slots.set(key, (rng.range(1, 60) * scale).to_string());
        }
        slots.set(
            "AMOUNT",
            if rng.percent(50) {
                format!("USD {}.{} billion", rng.range(1, 40), rng.below(10))
            } else {
                format!("{} million euros", rng.range(12, 950))
            },
        );
        let topic1 = rng.pick(TOPICS);
        let mut topic2 = rng.pick(TOPICS);
        while topic2 == topic1 {
            topic2 = rng.pick(TOPICS);
        }
        slots.set("TOPIC1", topic1);
        slots.set("TOPIC2", topic2);
        slots.set("ORG", rng.pick(ORGS));
        slots.set(
            "DAYMONTH",
            format!("{} {}", day.day, MONTHS[day.month as usize - 1]),
        );
        if let Some(&x) = extras.first() {
            slots.set("X", self.nations[x].short.clone());
        }
        if let Some(&y) = extras.get(1) {
            slots.set("Y", self.nations[y].short.clone());
        }

        let mut ministers = vec![ma.clone()];
        let mut people = Vec::new();
        let (title, opening) = match kind {
            Kind::Speech => self.speech(&mut rng, &mut slots, na, &ma),
            _ => {
                ministers.push(mb.clone());
                self.opening(&mut rng, kind, &mut slots, na, nb, &ma, &mb, &mut people)
            }
        };

        let genre = if matches!(kind, Kind::Speech) {
            &SPEECH
        } else {
            &COMMUNIQUE
        };
        let regional = if extras.len() == 2 {
            genre.regional_two
        } else {
            genre.regional_one
        };
        // Aim inside the range, leaving room for the last paragraph.
        let target = rng.range(MIN_WORDS + 20, MAX_WORDS - 20);
        let mut body = opening;
        let mut words = word_count(&title) + word_count(&body) + 1;
        // Closings run 10 to 35 words.
        let (closing_least, closing_most) = (12, 40);
        let mut groups: Vec<usize> = (0..genre.groups.len()).collect();
        // Shuffle the groups, then let each be used at most twice.
        for i in (1..groups.len()).rev() {
            groups.swap(i, rng.below(i + 1));
        }
        let second_round = groups.clone();
        groups.extend(second_round);
        let mut used: Vec<(usize, usize)> = Vec::new();
        let mut regional_done = extras.is_empty();
        let mut paragraph = String::new();
        let mut group_iter = groups.into_iter();
        while words + closing_least < target {
            paragraph.clear();
            if !regional_done && (rng.percent(35) || words > target / 2) {
                fill(rng.pick(regional), &slots, &mut rng, &mut paragraph);
                regional_done = true;
            } else if let Some(group) = group_iter.next() {
                let sentences = genre.groups[group];
                let wanted = rng.range(2, 4).min(sentences.len());
                let mut taken = 0;
                for _ in 0..sentences.len() * 3 {
                    if taken == wanted {
                        break;
                    }
                    let s = rng.below(sentences.len());
                    if used.contains(&(group, s)) {
                        continue;
                    }
                    used.push((group, s));
                    if !paragraph.is_empty() {
                        paragraph.push(' ');
                    }
                    fill(sentences[s], &slots, &mut rng, &mut paragraph);
                    taken += 1;
                }
                if paragraph.is_empty() {
                    continue;
                }
            } else {
                break;
            }
            let more = word_count(&paragraph);
            if words + more + closing_most > MAX_WORDS {
                break;
            }
            body.push_str("\n\n");
            body.push_str(&paragraph);
            words += more;
        }
        if !regional_done {
            paragraph.clear();
            fill(rng.pick(regional), &slots, &mut rng, &mut paragraph);
            body.push_str("\n\n");
            body.push_str(&paragraph);
            words += word_count(&paragraph);
        }
        if !genre.closings.is_empty() {
            paragraph.clear();
            fill(rng.pick(genre.closings), &slots, &mut rng, &mut paragraph);
            body.push_str("\n\n");
            body.push_str(&paragraph);
            words += word_count(&paragraph);
        }

        let mut text = String::with_capacity(title.len() + body.len() + 64);
        text.push_str(&title);
        text.push_str("\n\n");
        text.push_str(&dateline);
        text.push_str("\n\n");
        text.push_str(&body);
        text.push('\n');
        if rng.percent(10) {
            text.push('\n');
            text.push_str(rng.pick(&["Мой мир", "Share: Facebook Twitter", "Print version"]));
            text.push('\n');
        }

        let mut countries = vec![na.code];
        if !matches!(kind, Kind::Speech) {
            countries.push(nb.code);
        }
        countries.extend(extras.iter().map(|&x| self.nations[x].code));
        countries.sort_unstable();
        countries.dedup();
        Written {
            text,
            kind,
            dateline,
            date,
            countries,
            ministers,
            people,
            words,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn opening(
        &self,
        rng: &mut Rng,
        kind: Kind,
        slots: &mut Slots,
        na: &Nation,
        nb: &Nation,
        ma: &Person,
        mb: &Person,
        people: &mut Vec<Person>,
    ) -> (String, String) {
        let phrase_a = self.minister_phrase(rng, na, ma);
        let phrase_b = self.minister_phrase(rng, nb, mb);
        slots.set("MA", phrase_a);
        slots.set("MB", phrase_b);
        let adj_b = nb.adjective;
        let (title, opening): (String, &str) = match kind {
            Kind::Call => {
                let title = match (rng.below(3), adj_b) {
                    (0, Some(adj)) => format!(
                        "{} holds phone call with {adj} Foreign Minister {}",
                        ma.name, mb.name
                    ),
                    (1, _) => format!(
                        "Phone call of Minister {} with the Foreign Minister of {}",
                        ma.surname, nb.short
                    ),
                    _ => format!(
                        "Telephone conversation between the Foreign Ministers of {} and {}",
                        na.short, nb.short
                    ),
                };
                (
                    title,
                    "[On {DAYMONTH}|Today|Yesterday], {MA} [held a telephone conversation|had a phone call|spoke by telephone] with {MB}.",
                )
            }
            Kind::Meeting => {
                let title = match (rng.below(3), adj_b) {
                    (0, Some(adj)) => {
                        format!("{} meets {adj} Foreign Minister {}", ma.name, mb.name)
                    }
                    (1, _) => format!(
                        "Talks between the Foreign Ministers of {} and {} in {}",
                        na.short,
                        nb.short,
                        slots.get("CAPA")
                    ),
                    _ => format!("Foreign Minister {} receives {}", ma.surname, mb.name),
                };
                (
                    title,
                    "{MA} [met|held talks] in {CAPA} [on {DAYMONTH}|today] with {MB}, who [is on an official visit to|is visiting|arrived in] {A}.",
                )
            }
            Kind::Congratulations => {
                let title = if rng.percent(50) {
                    format!(
                        "Congratulatory message from the Minister of Foreign Affairs of {} on the National Day of {}",
                        na.short, nb.short
                    )
                } else {
                    format!(
                        "Minister {} congratulates {} on the anniversary of diplomatic relations",
                        ma.surname, mb.name
                    )
                };
                (
                    title,
                    "{MA} sent a [congratulatory message|message of greetings] to {MB} [on the occasion of the National Day of {B}|on the {ORD} anniversary of diplomatic relations between {A} and {B}].\n\n\"On behalf of the Government of {A} and on my own behalf, I [extend|convey] to you and to the [friendly|brotherly] people of {B} [sincere|warm] congratulations,\" the message reads.",
                )
            }
            Kind::Joint => {
                let title = if rng.percent(50) {
                    format!(
                        "Joint Statement of the Ministers of Foreign Affairs of {} and {}",
                        na.short, nb.short
                    )
                } else {
                    format!(
                        "Joint statement on the {} anniversary of diplomatic relations between {} and {}",
                        slots.get("ORD"),
                        na.short,
                        nb.short
                    )
                };
                (
                    title,
                    "The Ministers of Foreign Affairs of {A} and {B} {FA} and {FB} [adopted|issued] a joint statement [following their talks in {CAPB}|at the end of their meeting in {CAPA}].",
                )
            }
            Kind::Consultations => {
                let title = format!(
                    "Political consultations between the Foreign Ministries of {} and {}",
                    na.short, nb.short
                );
                let deputy_b = match adj_b {
                    Some(adj) if rng.percent(50) => {
                        format!("{adj} Deputy Foreign Minister {}", mb.name)
                    }
                    _ => format!(
                        "Deputy Minister of Foreign Affairs of {} {}",
                        nb.short, mb.name
                    ),
                };
                slots.set("MB", deputy_b);
                (
                    title,
                    "Political consultations between the Ministries of Foreign Affairs of {A} and {B} were held in {CAPA} [on {DAYMONTH}|this week]. Deputy Minister of Foreign Affairs of {A} {FA} [held talks|met] with {MB}.",
                )
            }
            Kind::Readout => {
                let mut key = rng.below(6) as u64;
                let spokesperson = loop {
                    let person = invent_person(self.seed, na.code, &[0x5B0C, key]);
                    if !shares_a_word(&person.name, &ma.name)
                        && !shares_a_word(&person.name, &mb.name)
                    {
                        break person;
                    }
                    key += 6;
                };
                slots.set("SPOK", spokesperson.name.clone());
                people.push(spokesperson);
                slots.set("SA", format!("Secretary {}", ma.surname));
                let title = match adj_b {
                    Some(adj) if rng.percent(50) => format!(
                        "Secretary {}'s Call with {adj} Foreign Minister {}",
                        ma.surname, mb.surname
                    ),
                    _ => format!(
                        "Secretary {}'s Meeting with Foreign Minister of {} {}",
                        ma.surname, nb.short, mb.name
                    ),
                };
                (
                    title,
                    "The following is attributable to Spokesperson {SPOK}:\n\nSecretary of State {FA} [spoke today with|met today with|held a call with] {MB}. The Secretary [reaffirmed|underscored] the [strong|enduring|close] partnership between {A} and {B}.",
                )
            }
            Kind::Speech => unreachable!("speeches have their own opening"),
        };
        let mut text = String::new();
        fill(opening, slots, rng, &mut text);
        if rng.percent(25) && !matches!(kind, Kind::Readout) {
            let mut key = rng.below(3) as u64;
            let ambassador = loop {
                let person = invent_person(self.seed, nb.code, &[0xA3B, key]);
                if !shares_a_word(&person.name, &ma.name) && !shares_a_word(&person.name, &mb.name)
                {
                    break person;
                }
                key += 3;
            };
            let phrase = match nb.adjective {
                Some(adj) if rng.percent(50) => format!("{adj} Ambassador {}", ambassador.name),
                _ => format!("Ambassador of {} {}", nb.short, ambassador.name),
            };
            slots.set("AMB", phrase);
            fill(
                " {AMB} also took part in the [meeting|conversation|talks].",
                slots,
                rng,
                &mut text,
            );
            people.push(ambassador);
        }
        (title, text)
    }

    fn speech(
        &self,
        rng: &mut Rng,
        slots: &mut Slots,
        na: &Nation,
        ma: &Person,
    ) -> (String, String) {
        let session = rng.range(49, 79);
        let title = format!(
            "Statement by H.E. {} {}, Minister of Foreign Affairs of {}, at the General Debate of the {} session of the General Assembly",
            ma.honorific(),
            ma.name,
            na.short,
            ordinal(session)
        );
        // In a speech only the speaker's country and the extras are named.
        slots.set("B", na.short.clone());
        slots.set("SB", ma.surname.clone());
        let mut text = String::new();
        fill(
            "Mr. President,\n\n[It is an honour|It is a privilege] to [address|speak before] this Assembly on behalf of {A}. [Allow me to congratulate you on your election and to assure you|Let me congratulate you on assuming the presidency and assure you] of the full support of my delegation.",
            slots,
            rng,
            &mut text,
        );
        (title, capitalise(&text))
    }
}

// ---------------------------------------------------------------- output

fn write_folder(
    generator: &Generator,
    out: &Path,
    folder: usize,
    docs: usize,
) -> Result<(String, u64)> {
    let dir_name = format!("{folder:04}");
    let dir = out.join(&dir_name);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let first = folder * FILES_PER_FOLDER;
    let last = (first + FILES_PER_FOLDER).min(docs);
    let mut truth = String::with_capacity((last - first) * 400);
    let mut bytes = 0;
    for number in first..last {
        let written = generator.generate(number as u64);
        let name = format!("{number:07}.txt");
        std::fs::write(dir.join(&name), &written.text)
            .with_context(|| format!("writing {}", dir.join(&name).display()))?;
        bytes += written.text.len() as u64;
        let path = format!("{dir_name}/{name}");
        let record = Truth {
            path: &path,
            kind: written.kind,
            dateline: &written.dateline,
            date: &written.date,
            countries: written.countries,
            ministers: written.ministers,
            people: written.people,
            words: written.words,
        };
        truth.push_str(&serde_json::to_string(&record)?);
        truth.push('\n');
    }
    Ok((truth, bytes))
}

fn main() -> Result<()> {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("gen_corpus: {message}\n{USAGE}");
            std::process::exit(2);
        }
    };
    if args.docs == 0 {
        bail!("--docs must be at least 1");
    }
    let started = Instant::now();
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let generator = Generator::new(args.seed);
    let folders = args.docs.div_ceil(FILES_PER_FOLDER);
    let next = AtomicUsize::new(0);
    let truth_path = args.out.join("truth.jsonl");
    let mut truth_file = BufWriter::new(
        std::fs::File::create(&truth_path)
            .with_context(|| format!("creating {}", truth_path.display()))?,
    );
    let (sender, receiver) = mpsc::sync_channel::<Result<(usize, String, u64)>>(args.threads * 2);
    let mut total_bytes = 0u64;
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..args.threads.min(folders) {
            let sender = sender.clone();
            let (generator, next, out) = (&generator, &next, &args.out);
            scope.spawn(move || loop {
                let folder = next.fetch_add(1, Ordering::Relaxed);
                if folder >= folders {
                    break;
                }
                let result = write_folder(generator, out, folder, args.docs)
                    .map(|(truth, bytes)| (folder, truth, bytes));
                let failed = result.is_err();
                if sender.send(result).is_err() || failed {
                    break;
                }
            });
        }
        drop(sender);
        // Folders finish out of order; the truth file is written in order.
        let mut pending = BTreeMap::new();
        let mut written = 0;
        for result in receiver {
            let (folder, truth, bytes) = result?;
            total_bytes += bytes;
            pending.insert(folder, truth);
            while let Some(truth) = pending.remove(&written) {
                truth_file.write_all(truth.as_bytes())?;
                written += 1;
            }
        }
        if written != folders {
            bail!("only {written} of {folders} folders were written");
        }
        Ok(())
    })?;
    truth_file.flush()?;
    eprintln!(
        "gen_corpus: {} articles ({:.1} MB) in {} folders under {} in {:.1}s (seed {})",
        args.docs,
        total_bytes as f64 / 1e6,
        folders,
        args.out.display(),
        started.elapsed().as_secs_f64(),
        args.seed
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_right() {
        assert_eq!(WEEKDAYS[weekday(2023, 9, 10)], "Sun");
        assert_eq!(WEEKDAYS[weekday(2024, 9, 10)], "Tue");
        assert_eq!(WEEKDAYS[weekday(2000, 2, 29)], "Tue");
        assert_eq!(WEEKDAYS[weekday(1970, 1, 1)], "Thu");
    }

    #[test]
    fn deterministic() {
        let generator = Generator::new(7);
        assert_eq!(
            generator.generate(5).text,
            Generator::new(7).generate(5).text
        );
        assert_ne!(generator.generate(5).text, generator.generate(6).text);
    }

    #[test]
    fn lengths_in_range() {
        let generator = Generator::new(3);
        for n in 0..2000 {
            let written = generator.generate(n);
            let words = word_count(&written.text);
            assert!(
                (MIN_WORDS - 20..=MAX_WORDS + 60).contains(&words),
                "{words} words in {n}"
            );
        }
    }
}
