//! A file's text to an [`Article`]: title, dateline and body, with the
//! scraping debris (share buttons, invisible characters, HTML comments) that
//! would otherwise leak into snippets removed.

use crate::extract::dates::{parse_dateline, Dateline};

/// How many non-empty lines after the title may hold the dateline. Dates
/// further down belong to the body.
const DATELINE_WINDOW: usize = 4;

/// One communiqué as the indexer sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub title: String,
    /// The dateline as written, when there is one.
    pub dateline_text: Option<String>,
    pub dateline: Option<Dateline>,
    pub body: String,
}

/// Splits a decoded file into title, dateline and body.
pub fn parse_article(text: &str) -> Article {
    let text = clean_text(text);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut non_empty = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty());

    let Some((title_at, title)) = non_empty.next() else {
        return Article {
            title: String::new(),
            dateline_text: None,
            dateline: None,
            body: String::new(),
        };
    };
    let mut body_from = title_at + 1;
    let mut dateline = None;
    for (at, line) in non_empty.take(DATELINE_WINDOW) {
        if let Some(found) = parse_dateline(line) {
            dateline = Some((line.trim().to_string(), found));
            body_from = at + 1;
            break;
        }
    }

    let body_lines: Vec<&str> = lines
        .get(body_from..)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|line| !is_share_buttons(line))
        .collect();
    let mut body = body_lines.join("\n");
    // Trimmed in place: the body is most of the article.
    body.truncate(body.trim_end().len());
    let leading = body.len() - body.trim_start().len();
    body.drain(..leading);
    let (dateline_text, dateline) = match dateline {
        Some((text, found)) => (Some(text), Some(found)),
        None => (None, None),
    };
    Article {
        title: title.trim().to_string(),
        dateline_text,
        dateline,
        body,
    }
}

/// Removes characters that are invisible to a reader but split words for a
/// tokenizer (word joiners, zero-width spaces, soft hyphens), turns
/// non-breaking spaces into spaces and drops HTML comments.
fn clean_text(text: &str) -> String {
    let mut cleaned = String::with_capacity(text.len());
    let mut rest = text;
    // memmem, not `str::find`: its two-way search of every article for a
    // comment that is almost never there was a tenth of parsing.
    while let Some((before, comment)) = memchr::memmem::find(rest.as_bytes(), b"<!--")
        .and_then(|start| rest.split_at_checked(start))
    {
        cleaned.push_str(before);
        // An unclosed comment runs to the end of the text.
        rest = memchr::memmem::find(comment.as_bytes(), b"-->")
            .and_then(|end| comment.get(end + 3..))
            .unwrap_or("");
    }
    cleaned.push_str(rest);
    // Each of these characters starts with one of three bytes in UTF-8:
    // look for those bytes, not at every character.
    let char_at = |at: usize| cleaned.get(at..).and_then(|rest| rest.chars().next());
    let is_invisible_or_nbsp = |c: char| {
        matches!(
            c,
            '\u{00A0}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
    };
    if memchr::memchr3_iter(0xC2, 0xE2, 0xEF, cleaned.as_bytes())
        .any(|at| char_at(at).is_some_and(is_invisible_or_nbsp))
    {
        cleaned = cleaned
            .chars()
            .filter(|c| !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
            .map(|c| if c == '\u{00A0}' { ' ' } else { c })
            .collect();
    }
    cleaned
}

/// A line made only of share-button labels ("Мой мир", "Facebook Twitter
/// VK", "Print version"): page furniture, not content.
pub fn is_share_buttons(line: &str) -> bool {
    // Cheap rejections first, since every line of every article comes here:
    // lowercasing shrinks a text at most threefold (the Kelvin sign), so a
    // line over 360 bytes stays over 120; and a line of labels starts with
    // one.
    let trimmed = line.trim();
    if trimmed.len() > 3 * 120 {
        return false;
    }
    if !starts_with_share_label(trimmed.trim_start_matches(is_separator)) {
        return false;
    }
    let lower = trimmed.to_lowercase();
    if lower.is_empty() || lower.len() > 120 {
        return false;
    }
    let mut rest = lower.as_str();
    let mut matched_any = false;
    'outer: while !rest.is_empty() {
        rest = rest.trim_start_matches(is_separator);
        if rest.is_empty() {
            break;
        }
        // Longest label first, so "print version" wins over "print".
        let mut best: Option<(usize, &str)> = None;
        for label in SHARE_LABELS {
            if let Some(after) = rest.strip_prefix(label) {
                let at_boundary = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
                if at_boundary && best.is_none_or(|(len, _)| label.len() > len) {
                    best = Some((label.len(), after));
                }
            }
        }
        match best {
            Some((_, after)) => {
                rest = after;
                matched_any = true;
                continue 'outer;
            }
            None => return false,
        }
    }
    matched_any
}

/// Share-button labels, lower case.
const SHARE_LABELS: &[&str] = &[
    "мой мир",
    "одноклассники",
    "вконтакте",
    "живой журнал",
    "livejournal",
    "facebook",
    "twitter",
    "telegram",
    "whatsapp",
    "linkedin",
    "vk",
    "x",
    "email",
    "e-mail",
    "print",
    "print version",
    "версия для печати",
    "печать",
    "share",
    "share this",
    "share:",
    "поделиться",
    "tweet",
    "copy link",
];

/// The longest share-button label, in characters ("версия для печати"),
/// and the longest in ASCII, in bytes ("print version").
const LONGEST_LABEL_CHARS: usize = 17;
const LONGEST_ASCII_LABEL_BYTES: usize = 13;

/// Whether `text`, lowercased, starts with a label: what the full test
/// below would find first, without lowercasing the line. A head of ASCII
/// lowercases byte for byte; any other head is lowercased character by
/// character, which agrees with `to_lowercase` as no label holds a sigma.
fn starts_with_share_label(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(first) = bytes.first().map(u8::to_ascii_lowercase) else {
        return false;
    };
    // An ASCII letter lowercases to itself and only an ASCII label starts
    // with one: most lines fail here, on their first letter. Comparing
    // whole heads with every label was a third of parsing.
    if first.is_ascii()
        && !SHARE_LABELS
            .iter()
            .any(|label| label.as_bytes().first() == Some(&first))
    {
        return false;
    }
    if bytes
        .iter()
        .take(LONGEST_ASCII_LABEL_BYTES)
        .all(u8::is_ascii)
    {
        // Only an ASCII label can match an ASCII head.
        return SHARE_LABELS.iter().any(|label| {
            label.as_bytes().first() == Some(&first)
                && bytes
                    .get(..label.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(label.as_bytes()))
        });
    }
    let head: String = text
        .chars()
        .take(LONGEST_LABEL_CHARS)
        .flat_map(char::to_lowercase)
        .collect();
    SHARE_LABELS.iter().any(|label| head.starts_with(label))
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | ':' | '/')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::extract::dates::PublicationDate;
    use jiff::civil::date;

    /// The article the project was designed from, as shipped in
    /// ../shared/seeds, cut to the parts the tests need.
    pub(crate) const SEED: &str = "15 years of diplomatic relations: foreign ministers of South Ossetia and Russia exchanged congratulatory messages

Sun, 10/09/2023 - 07:57

Ministers of Foreign Affairs of South Ossetia and Russia Akhsar Dzhioev and Sergei Lavrov exchanged congratulatory messages on the occasion of the 15th anniversary of the establishment of diplomatic relations between the two countries, the press service of the Foreign Ministry of the Republic of South Ossetia reports.

Akhsar Dzhioev noted in his message that \u{201c}the date September 9, 2008 is among the most significant events in the centuries-old history of the South Ossetian-Russian relations.\u{201d}

\u{201c}The exchange of notes on the establishment of diplomatic relations between our countries, which followed the historic decision of the leadership of the Russian Federation to recognize the independence of the Republic of South Ossetia, marked the beginning of official contacts between the two states on the basis of international law and returned to the South Ossetian people faith in justice, hope for peace and a safe life \", said Dzhioev.

On Saturday, Charge d'Affaires of Russia in South Ossetia Alexander Zhurov read out Sergei Lavrov's congratulations to Akhsar Dzhioev.

\u{201c}Russia\u{2019}s recognition of the independence of South Ossetia became the most important historical event.

\u{41c}\u{43e}\u{439} \u{43c}\u{438}\u{440}";

    #[test]
    fn seed_title_date_and_body() {
        let article = parse_article(SEED);
        assert!(article
            .title
            .starts_with("15 years of diplomatic relations"));
        assert_eq!(
            article.dateline_text.as_deref(),
            Some("Sun, 10/09/2023 - 07:57")
        );
        let found = article
            .dateline
            .map(|d| d.resolve(crate::extract::dates::DayMonthOrder::DayFirst));
        assert_eq!(
            found,
            Some(PublicationDate::Minute(date(2023, 9, 10).at(7, 57, 0, 0)))
        );
        assert!(article.body.starts_with("Ministers of Foreign Affairs"));
        assert!(article.body.ends_with("most important historical event."));
        assert!(!article.body.contains("Мой мир"));
    }

    #[test]
    fn the_longest_share_label_fits_the_head_that_is_compared() {
        let longest = SHARE_LABELS.iter().map(|l| l.chars().count()).max();
        assert_eq!(longest, Some(LONGEST_LABEL_CHARS));
        let ascii = SHARE_LABELS.iter().filter(|l| l.is_ascii());
        assert_eq!(
            ascii.map(|l| l.len()).max(),
            Some(LONGEST_ASCII_LABEL_BYTES)
        );
        // A look-alike letter in the head takes the character path.
        assert!(is_share_buttons("Lin\u{212A}edIn"));
    }

    #[test]
    fn share_button_lines() {
        for line in [
            "Мой мир",
            "Share: Facebook Twitter VK Telegram",
            "Print version",
            "  Facebook | Twitter  ",
            "| Print version",
            "МОЙ МИР",
        ] {
            assert!(is_share_buttons(line), "{line:?} is page furniture");
        }
        for line in [
            "Share prices fell",
            "Print media in Russia",
            "The X factor",
            "",
        ] {
            assert!(!is_share_buttons(line), "{line:?} is content");
        }
    }

    #[test]
    fn a_body_date_is_not_the_dateline() {
        let article = parse_article("Title\n\nOn 9 September 2008 the two countries met.\n\nMore.");
        assert_eq!(article.dateline, None);
        assert!(article.body.starts_with("On 9 September 2008"));
    }

    #[test]
    fn invisible_characters_and_html_comments_are_removed() {
        let article =
            parse_article("Biden\u{2060}-Harris\u{a0}plan\n\n2023-01-02\n\nText <!-- x --> here");
        assert_eq!(article.title, "Biden-Harris plan");
        assert_eq!(article.body, "Text  here");
        // Each one alone, after other characters that share its first byte.
        for (invisible, kept) in [
            ('\u{00A0}', " "),
            ('\u{00AD}', ""),
            ('\u{200B}', ""),
            ('\u{2060}', ""),
            ('\u{FEFF}', ""),
        ] {
            let title = format!("Ã “Talks”{invisible}ﬁnal");
            let article = parse_article(&format!("{title}\n\n2023-01-02\n\nText"));
            assert_eq!(
                article.title,
                format!("Ã “Talks”{kept}ﬁnal"),
                "{invisible:?}"
            );
        }
    }
}
