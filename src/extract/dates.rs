//! Publication dates from datelines. Ministries write the same day a dozen
//! ways (`Sun, 10/09/2023 - 07:57`, `September 10, 2023`, `10 сентября 2023 г.`);
//! this module reads a single line and says which day it names, or that the
//! line leaves the day/month order open so the folder's other articles must
//! decide.

use std::fmt;

use jiff::civil::{Date, DateTime, Weekday};
use serde::Serialize;

/// A publication date at the precision the dateline gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PublicationDate {
    Year(i16),
    Day(Date),
    Minute(DateTime),
}

impl PublicationDate {
    /// The first instant the date covers, for range filters and sorting.
    pub fn start(&self) -> DateTime {
        match *self {
            PublicationDate::Year(year) => Date::new(year, 1, 1)
                .unwrap_or(Date::MIN)
                .to_datetime(jiff::civil::Time::midnight()),
            PublicationDate::Day(date) => date.to_datetime(jiff::civil::Time::midnight()),
            PublicationDate::Minute(datetime) => datetime,
        }
    }

    pub fn year(&self) -> i16 {
        self.start().year()
    }

    pub fn precision(&self) -> DatePrecision {
        match self {
            PublicationDate::Year(_) => DatePrecision::Year,
            PublicationDate::Day(_) => DatePrecision::Day,
            PublicationDate::Minute(_) => DatePrecision::Minute,
        }
    }

    /// Reads back what [`fmt::Display`] writes: `2019`, `2023-09-10` or
    /// `2023-09-10T07:57:00`.
    pub fn parse_iso(text: &str) -> Option<PublicationDate> {
        if text.len() == 4 {
            return text.parse().ok().map(PublicationDate::Year);
        }
        if text.len() == 10 {
            return text.parse().ok().map(PublicationDate::Day);
        }
        text.parse().ok().map(PublicationDate::Minute)
    }
}

/// ISO 8601 at the precision known.
impl fmt::Display for PublicationDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublicationDate::Year(year) => write!(f, "{year:04}"),
            PublicationDate::Day(date) => write!(f, "{}", date.strftime("%Y-%m-%d")),
            PublicationDate::Minute(dt) => write!(f, "{}", dt.strftime("%Y-%m-%dT%H:%M:%S")),
        }
    }
}

impl Serialize for PublicationDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Year,
    Day,
    Minute,
}

/// Which of two numbers in `10/09/2023` is the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayMonthOrder {
    DayFirst,
    MonthFirst,
}

/// How a dateline's day/month order was settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderEvidence {
    /// The month is a word, or the form is ISO: nothing to decide.
    Unambiguous,
    /// Only one reading falls on the weekday the dateline names.
    Weekday,
    /// One of the numbers is over 12.
    NumberOver12,
}

/// What a dateline says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dateline {
    Known {
        date: PublicationDate,
        evidence: OrderEvidence,
        /// The order this dateline proves, for its folder's ambiguous ones.
        proves: Option<DayMonthOrder>,
    },
    /// `05/09/2023` with no weekday: 5 September or May 9.
    Ambiguous {
        day_first: PublicationDate,
        month_first: PublicationDate,
    },
}

impl Dateline {
    /// The date, with ambiguous numeric forms read in `order`.
    pub fn resolve(&self, order: DayMonthOrder) -> PublicationDate {
        match *self {
            Dateline::Known { date, .. } => date,
            Dateline::Ambiguous {
                day_first,
                month_first,
            } => match order {
                DayMonthOrder::DayFirst => day_first,
                DayMonthOrder::MonthFirst => month_first,
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number { value: u32, digits: usize },
    Word(String),
    Separator(char),
}

fn tokenize(line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let digits = line.get(start..end).unwrap_or_default();
            let value = digits.parse().unwrap_or(u32::MAX);
            tokens.push(Token::Number {
                value,
                digits: digits.len(),
            });
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let word = line.get(start..end).unwrap_or_default();
            tokens.push(Token::Word(word.to_lowercase()));
        } else if c.is_whitespace() {
            continue;
        } else {
            tokens.push(Token::Separator(c));
        }
    }
    tokens
}

/// Reads a line that is a dateline and nothing else (an optional place name
/// before a comma or dash is allowed: `Moscow, 10 September 2023`). A line
/// with a date inside a sentence is not a dateline.
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 80 {
        return None;
    }
    let tokens = tokenize(line);
    if let Some(found) = parse_tokens(&tokens) {
        return Some(found);
    }
    // "Moscow, 10 September 2023" or "WASHINGTON — September 10, 2023".
    let cut = tokens
        .iter()
        .position(|t| matches!(t, Token::Separator(',' | '—' | '–' | '-' | '|')))?;
    let (place, rest) = tokens.split_at(cut);
    let place_is_words = !place.is_empty()
        && place.len() <= 4
        && place
            .iter()
            .all(|t| matches!(t, Token::Word(w) if weekday_named(w).is_none()));
    if !place_is_words {
        return None;
    }
    // A bare year after a dash is more likely a title ("Remarks - 2021").
    parse_tokens(rest.get(1..)?).filter(|found| {
        !matches!(
            found,
            Dateline::Known {
                date: PublicationDate::Year(_),
                ..
            }
        )
    })
}

fn parse_tokens(tokens: &[Token]) -> Option<Dateline> {
    let (weekday, rest) = strip_weekday(tokens);
    let rest = strip_trailing_noise(rest);
    let (date_tokens, time) = split_time(rest);
    let found = parse_numeric(date_tokens, weekday)
        .or_else(|| parse_iso(date_tokens))
        .or_else(|| parse_written(date_tokens))
        .or_else(|| parse_year(date_tokens))?;
    let found = match (found, time) {
        (
            Dateline::Known {
                date: PublicationDate::Day(day),
                evidence,
                proves,
            },
            Some((hour, minute)),
        ) => Dateline::Known {
            date: PublicationDate::Minute(day.at(hour, minute, 0, 0)),
            evidence,
            proves,
        },
        (
            Dateline::Ambiguous {
                day_first: PublicationDate::Day(a),
                month_first: PublicationDate::Day(b),
            },
            Some((hour, minute)),
        ) => Dateline::Ambiguous {
            day_first: PublicationDate::Minute(a.at(hour, minute, 0, 0)),
            month_first: PublicationDate::Minute(b.at(hour, minute, 0, 0)),
        },
        (found, _) => found,
    };
    if let (Some(weekday), Dateline::Known { date, .. }) = (weekday, found) {
        if !matches!(date, PublicationDate::Year(_)) && date.start().weekday() != weekday {
            return None;
        }
    }
    Some(found)
}

fn strip_weekday(tokens: &[Token]) -> (Option<Weekday>, &[Token]) {
    let Some((Token::Word(word), mut rest)) = tokens.split_first() else {
        return (None, tokens);
    };
    let Some(weekday) = weekday_named(word) else {
        return (None, tokens);
    };
    while let Some((Token::Separator(',' | '.'), after)) = rest.split_first() {
        rest = after;
    }
    (Some(weekday), rest)
}

fn strip_trailing_noise(mut tokens: &[Token]) -> &[Token] {
    while let Some((last, before)) = tokens.split_last() {
        let noise = match last {
            Token::Separator('.' | ',' | ')' | '(') => true,
            // "10 сентября 2023 г." and "2023 год".
            Token::Word(w) => w == "г" || w == "года" || w == "год",
            _ => false,
        };
        if !noise {
            break;
        }
        tokens = before;
    }
    tokens
}

/// Splits `... - 07:57`, `... 07:57`, `..., 7:57 pm` off the end.
fn split_time(tokens: &[Token]) -> (&[Token], Option<(i8, i8)>) {
    let (body, meridiem) = match tokens.split_last() {
        Some((Token::Word(w), before)) if w == "am" || w == "pm" => (before, Some(w == "pm")),
        _ => (tokens, None),
    };
    let (body, meridiem) = match body {
        // "p.m." tokenizes as p . m .
        [before @ .., Token::Word(p), Token::Separator('.'), Token::Word(m)] if m == "m" => {
            (before, Some(p == "p"))
        }
        _ => (body, meridiem),
    };
    let [date @ .., Token::Number { value: hour, .. }, Token::Separator(':'), Token::Number {
        value: minute,
        digits: 2,
    }] = body
    else {
        return (tokens, None);
    };
    let mut hour = *hour;
    match meridiem {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    if hour > 23 || *minute > 59 {
        return (tokens, None);
    }
    let mut date = date;
    while let Some((Token::Separator('-' | ',' | '–' | '—' | '|' | '/'), before)) =
        date.split_last()
    {
        date = before;
    }
    if let Some((Token::Word(w), before)) = date.split_last() {
        if w == "at" || w == "в" {
            date = before;
        }
    }
    (date, Some((hour as i8, *minute as i8)))
}

fn day(year: u32, month: u32, day: u32) -> Option<Date> {
    if !(1000..=2999).contains(&year) {
        return None;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// `10/09/2023`, `10.09.2023`, `10-09-2023`, with the weekday deciding.
fn parse_numeric(tokens: &[Token], weekday: Option<Weekday>) -> Option<Dateline> {
    let [Token::Number {
        value: a,
        digits: da,
    }, Token::Separator(s1), Token::Number {
        value: b,
        digits: db,
    }, Token::Separator(s2), Token::Number {
        value: year,
        digits: 4,
    }] = tokens
    else {
        return None;
    };
    if s1 != s2 || !matches!(s1, '/' | '.' | '-') || *da > 2 || *db > 2 {
        return None;
    }
    let day_first = day(*year, *b, *a);
    let month_first = day(*year, *a, *b);
    let known = |date: Date, evidence, order| {
        Some(Dateline::Known {
            date: PublicationDate::Day(date),
            evidence,
            proves: Some(order),
        })
    };
    match (day_first, month_first) {
        (Some(d), None) => known(d, OrderEvidence::NumberOver12, DayMonthOrder::DayFirst),
        (None, Some(m)) => known(m, OrderEvidence::NumberOver12, DayMonthOrder::MonthFirst),
        (Some(d), Some(m)) if d == m => Some(Dateline::Known {
            date: PublicationDate::Day(d),
            evidence: OrderEvidence::Unambiguous,
            proves: None,
        }),
        (Some(d), Some(m)) => match weekday {
            Some(w) if d.weekday() == w && m.weekday() != w => {
                known(d, OrderEvidence::Weekday, DayMonthOrder::DayFirst)
            }
            Some(w) if m.weekday() == w && d.weekday() != w => {
                known(m, OrderEvidence::Weekday, DayMonthOrder::MonthFirst)
            }
            _ => Some(Dateline::Ambiguous {
                day_first: PublicationDate::Day(d),
                month_first: PublicationDate::Day(m),
            }),
        },
        (None, None) => None,
    }
}

/// `2023-09-10`, `2023/09/10`, `2023-09-10T07:57:00Z` (the tail is time).
fn parse_iso(tokens: &[Token]) -> Option<Dateline> {
    let (
        Token::Number {
            value: year,
            digits: 4,
        },
        Token::Separator(s1),
        Token::Number { value: month, .. },
        Token::Separator(s2),
        Token::Number { value: d, .. },
    ) = (
        tokens.first()?,
        tokens.get(1)?,
        tokens.get(2)?,
        tokens.get(3)?,
        tokens.get(4)?,
    )
    else {
        return None;
    };
    if s1 != s2 || !matches!(s1, '-' | '/' | '.') {
        return None;
    }
    let date = day(*year, *month, *d)?;
    let date = match tokens.get(5..).unwrap_or_default() {
        [] => PublicationDate::Day(date),
        // 2023-09-10T07:57[:00][Z|+03:00]: "T" is a word of its own.
        [Token::Word(t), Token::Number { value: h, .. }, Token::Separator(':'), Token::Number { value: m, .. }, ..]
            if t == "t" && *h < 24 && *m < 60 =>
        {
            PublicationDate::Minute(date.at(*h as i8, *m as i8, 0, 0))
        }
        _ => return None,
    };
    Some(Dateline::Known {
        date,
        evidence: OrderEvidence::Unambiguous,
        proves: None,
    })
}

/// `10 September 2023`, `September 10, 2023`, `Sept. 10, 2023`,
/// `10 сентября 2023 г.`, `1er mars 2024`.
fn parse_written(tokens: &[Token]) -> Option<Dateline> {
    let meaningful: Vec<&Token> = tokens
        .iter()
        .filter(|t| !matches!(t, Token::Separator('.' | ',')))
        .filter(|t| !matches!(t, Token::Word(w) if w == "er" || w == "de" || w == "of" || w == "the" || w == "st" || w == "nd" || w == "rd" || w == "th"))
        .collect();
    let (d, month, year) = match meaningful.as_slice() {
        [Token::Number { value: d, .. }, Token::Word(m), Token::Number {
            value: y,
            digits: 4,
        }] => (*d, month_named(m)?, *y),
        [Token::Word(m), Token::Number { value: d, .. }, Token::Number {
            value: y,
            digits: 4,
        }] => (*d, month_named(m)?, *y),
        _ => return None,
    };
    Some(Dateline::Known {
        date: PublicationDate::Day(day(year, month, d)?),
        evidence: OrderEvidence::Unambiguous,
        proves: None,
    })
}

fn parse_year(tokens: &[Token]) -> Option<Dateline> {
    let [Token::Number {
        value: year,
        digits: 4,
    }] = tokens
    else {
        return None;
    };
    if !(1900..=2100).contains(year) {
        return None;
    }
    Some(Dateline::Known {
        date: PublicationDate::Year(*year as i16),
        evidence: OrderEvidence::Unambiguous,
        proves: None,
    })
}

fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &[
            "january",
            "jan",
            "janvier",
            "janv",
            "января",
            "январь",
            "янв",
        ],
        &[
            "february",
            "feb",
            "février",
            "fevrier",
            "févr",
            "fév",
            "февраля",
            "февраль",
            "фев",
        ],
        &["march", "mar", "mars", "марта", "март", "мар"],
        &["april", "apr", "avril", "avr", "апреля", "апрель", "апр"],
        &["may", "mai", "мая", "май"],
        &["june", "jun", "juin", "июня", "июнь", "июн"],
        &["july", "jul", "juillet", "juil", "июля", "июль", "июл"],
        &["august", "aug", "août", "aout", "августа", "август", "авг"],
        &[
            "september",
            "sep",
            "sept",
            "septembre",
            "сентября",
            "сентябрь",
            "сен",
            "сент",
        ],
        &["october", "oct", "octobre", "октября", "октябрь", "окт"],
        &["november", "nov", "novembre", "ноября", "ноябрь", "ноя"],
        &[
            "december",
            "dec",
            "décembre",
            "decembre",
            "déc",
            "декабря",
            "декабрь",
            "дек",
        ],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .map(|i| i as u32 + 1)
}

fn weekday_named(word: &str) -> Option<Weekday> {
    use Weekday::*;
    let weekday = match word {
        "mon" | "monday" | "lundi" | "пн" | "понедельник" => Monday,
        "tue" | "tues" | "tuesday" | "mardi" | "вт" | "вторник" => Tuesday,
        "wed" | "wednesday" | "mercredi" | "ср" | "среда" => Wednesday,
        "thu" | "thur" | "thurs" | "thursday" | "jeudi" | "чт" | "четверг" => Thursday,
        "fri" | "friday" | "vendredi" | "пт" | "пятница" => Friday,
        "sat" | "saturday" | "samedi" | "сб" | "суббота" => Saturday,
        "sun" | "sunday" | "dimanche" | "вс" | "воскресенье" => Sunday,
        _ => return None,
    };
    Some(weekday)
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

    fn day(y: i16, m: i8, d: i8) -> PublicationDate {
        PublicationDate::Day(Date::new(y, m, d).unwrap())
    }

    fn minute(y: i16, m: i8, d: i8, h: i8, min: i8) -> PublicationDate {
        PublicationDate::Minute(Date::new(y, m, d).unwrap().at(h, min, 0, 0))
    }

    fn known(line: &str) -> Option<PublicationDate> {
        match parse_dateline(line)? {
            Dateline::Known { date, .. } => Some(date),
            Dateline::Ambiguous { .. } => None,
        }
    }

    #[test]
    fn dateline_forms() {
        let cases: &[(&str, Option<PublicationDate>)] = &[
            ("Sun, 10/09/2023 - 07:57", Some(minute(2023, 9, 10, 7, 57))),
            ("Mon, 10/09/2023 - 07:57", Some(minute(2023, 10, 9, 7, 57))),
            ("2023-09-10", Some(day(2023, 9, 10))),
            ("2023-09-10T07:57:00Z", Some(minute(2023, 9, 10, 7, 57))),
            ("10 September 2023", Some(day(2023, 9, 10))),
            ("September 10, 2023", Some(day(2023, 9, 10))),
            ("Sept. 10, 2023", Some(day(2023, 9, 10))),
            ("10 Sep 2023", Some(day(2023, 9, 10))),
            ("25.09.2023", Some(day(2023, 9, 25))),
            ("09/25/2023", Some(day(2023, 9, 25))),
            ("10 сентября 2023 г.", Some(day(2023, 9, 10))),
            ("10 septembre 2023", Some(day(2023, 9, 10))),
            ("1er mars 2024", Some(day(2024, 3, 1))),
            ("Sunday, September 10, 2023", Some(day(2023, 9, 10))),
            (
                "September 10, 2023 7:57 pm",
                Some(minute(2023, 9, 10, 19, 57)),
            ),
            ("Moscow, 10 September 2023", Some(day(2023, 9, 10))),
            ("2019", Some(PublicationDate::Year(2019))),
            // Not datelines: a sentence, a wrong weekday, an impossible day.
            (
                "the date September 9, 2008 is among the most significant",
                None,
            ),
            ("Mon, 10 September 2023", None),
            ("31/02/2023", None),
            ("Мой мир", None),
            ("15 years of diplomatic relations", None),
            ("1234567", None),
        ];
        for (line, expected) in cases {
            assert_eq!(known(line), *expected, "dateline {line:?}");
        }
    }

    #[test]
    fn numeric_without_weekday_is_ambiguous_until_the_folder_decides() {
        let dateline = parse_dateline("05/09/2023").unwrap();
        assert_eq!(dateline.resolve(DayMonthOrder::DayFirst), day(2023, 9, 5));
        assert_eq!(dateline.resolve(DayMonthOrder::MonthFirst), day(2023, 5, 9));
    }

    #[test]
    fn a_number_over_12_proves_the_order() {
        let Some(Dateline::Known {
            proves, evidence, ..
        }) = parse_dateline("25/09/2023")
        else {
            panic!("25/09/2023 is a known date");
        };
        assert_eq!(proves, Some(DayMonthOrder::DayFirst));
        assert_eq!(evidence, OrderEvidence::NumberOver12);
    }

    #[test]
    fn display_is_iso_at_known_precision() {
        assert_eq!(
            minute(2023, 9, 10, 7, 57).to_string(),
            "2023-09-10T07:57:00"
        );
        assert_eq!(day(2023, 9, 10).to_string(), "2023-09-10");
        assert_eq!(PublicationDate::Year(2019).to_string(), "2019");
        for date in [
            minute(2023, 9, 10, 7, 57),
            day(2023, 9, 10),
            PublicationDate::Year(2019),
        ] {
            assert_eq!(PublicationDate::parse_iso(&date.to_string()), Some(date));
        }
    }
}
