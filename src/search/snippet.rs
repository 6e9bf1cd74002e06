//! Snippets: the passages of an article that best show why it matched,
//! with the matched words marked. Passages follow sentence boundaries where
//! they can and are otherwise cut between words, with an ellipsis; a word is
//! never cut in half.

use std::collections::HashSet;
use std::ops::Range;
use std::slice::SliceIndex;

use memchr::memmem::Finder;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

/// One passage, with highlight ranges in characters (Unicode scalar values)
/// from the start of `text`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

/// Finds matched words in text: the query's terms after the field's analysis
/// (so "relations" in the text matches the query's "relation").
pub struct Highlighter {
    analyzer: TextAnalyzer,
    terms: HashSet<String>,
    /// The lower-case start every word that can stem to a term has.
    prefixes: Vec<String>,
    /// Find those starts in a text lower-cased byte by byte, without
    /// walking it word by word, when they are ASCII (so that lower-casing
    /// ASCII alone finds every spelling) and there are any.
    finders: Option<Vec<Finder<'static>>>,
}

impl Highlighter {
    pub fn new(analyzer: TextAnalyzer, terms: HashSet<String>) -> Highlighter {
        let prefixes: Vec<String> = terms.iter().map(|term| stem_prefix(term)).collect();
        let finders = prefixes
            .iter()
            .all(|prefix| prefix.is_ascii() && !prefix.is_empty())
            .then(|| {
                prefixes
                    .iter()
                    .map(|prefix| Finder::new(prefix.as_bytes()).into_owned())
                    .collect()
            });
        Highlighter {
            analyzer,
            terms,
            prefixes,
            finders,
        }
    }

    /// The words of `text` that start like a term, with their offsets.
    fn candidates<'a>(&'a self, text: &'a str) -> Box<dyn Iterator<Item = (usize, &'a str)> + 'a> {
        let Some(finders) = &self.finders else {
            return Box::new(
                words(text).filter(|(_, word)| self.prefixes.iter().any(|p| starts_like(word, p))),
            );
        };
        // One vectorised search per prefix over a lower-cased copy: an
        // automaton over every byte of each hit's body, ignoring case, was
        // a seventh of a search's instructions. Lower-casing ASCII moves no
        // byte, so the offsets are the text's.
        let lower = text.as_bytes().to_ascii_lowercase();
        let mut starts: Vec<usize> = finders
            .iter()
            .flat_map(|finder| finder.find_iter(&lower))
            // A prefix found inside a word ("relat" in "unrelated") is not
            // a word's start; one found at a word's start is, whatever
            // follows.
            .filter(|&start| {
                !slice(text, ..start)
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
            .collect();
        starts.sort_unstable();
        starts.dedup();
        Box::new(starts.into_iter().filter_map(move |start| {
            words(slice(text, start..))
                .next()
                .map(|(_, word)| (start, word))
        }))
    }

    /// Byte ranges of the words of `text` that match a query term.
    ///
    /// Stemming every word of every hit's body was most of a search's time;
    /// only the words that start like a term go through the field's analyzer.
    pub fn matches(&self, text: &str) -> Vec<Range<usize>> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let mut analyzer = self.analyzer.clone();
        let mut found = Vec::new();
        // Articles repeat their words: each distinct one is analysed once.
        let mut verdicts: FxHashMap<&str, bool> = FxHashMap::default();
        let mut candidates: Vec<(usize, &str)> = self.candidates(text).collect();
        if !text.is_ascii() {
            // The analyzer folds accents ("López" is "lopez"), which the
            // ASCII prefixes cannot see: every word with a letter beyond
            // ASCII is a candidate too.
            candidates.extend(words_beyond_ascii(text));
            candidates.sort_unstable_by_key(|(start, _)| *start);
            candidates.dedup_by_key(|(start, _)| *start);
        }
        for (start, word) in candidates {
            let matches = *verdicts.entry(word).or_insert_with(|| {
                let mut stream = analyzer.token_stream(word);
                stream
                    .next()
                    .is_some_and(|token| self.terms.contains(&token.text))
            });
            if matches {
                found.push(start..start + word.len());
            }
        }
        found
    }

    /// `text` whole, with its matches as character ranges (for titles).
    pub fn highlight_whole(&self, text: &str) -> Snippet {
        let highlights = self
            .matches(text)
            .into_iter()
            .map(|r| [char_offset(text, r.start), char_offset(text, r.end)])
            .collect();
        Snippet {
            text: text.to_string(),
            highlights,
        }
    }

    /// Up to `count` passages of about `max_chars`, best first, never the
    /// same sentence twice. With no match in `text` the opening is returned.
    pub fn snippets(&self, text: &str, max_chars: usize, count: usize) -> Vec<Snippet> {
        let matches = self.matches(text);
        let sentences = sentence_spans(text);
        if matches.is_empty() {
            return sentences
                .first()
                .map(|s| vec![self.passage(text, s.start..text.len(), &[], max_chars)])
                .unwrap_or_default();
        }
        // Matches and sentences both run in text order: each sentence's
        // matches are the next run of them.
        let mut scored: Vec<(f32, usize)> = Vec::new();
        let mut rest = matches.as_slice();
        for (i, span) in sentences.iter().enumerate() {
            let before = rest.partition_point(|m| m.start < span.start);
            rest = rest.get(before..).unwrap_or_default();
            let inside = rest.partition_point(|m| m.start < span.end);
            let score = sentence_score(text, span, rest.get(..inside).unwrap_or_default());
            if score > 0.0 {
                scored.push((score, i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut used: Vec<Range<usize>> = Vec::new();
        let mut snippets = Vec::new();
        for (_, i) in scored {
            if snippets.len() >= count {
                break;
            }
            let Some(span) = sentences.get(i) else {
                continue;
            };
            if used
                .iter()
                .any(|u| u.start < span.end && span.start < u.end)
            {
                continue;
            }
            // Grow a short sentence with the ones after it.
            let mut end = span.end;
            for next in sentences.iter().skip(i + 1) {
                if next.end - span.start > max_chars
                    || used
                        .iter()
                        .any(|u| u.start < next.end && next.start < u.end)
                {
                    break;
                }
                end = next.end;
            }
            let passage_span = span.start..end;
            let snippet = self.passage(text, passage_span.clone(), &matches, max_chars);
            used.push(passage_span);
            snippets.push(snippet);
        }
        snippets
    }

    /// Cuts `span` to about `max_chars` around its densest matches.
    fn passage(
        &self,
        text: &str,
        span: Range<usize>,
        matches: &[Range<usize>],
        max_chars: usize,
    ) -> Snippet {
        let inside: Vec<Range<usize>> = matches
            .iter()
            .filter(|m| m.start >= span.start && m.end <= span.end)
            .cloned()
            .collect();
        let mut start = span.start;
        let mut end = span.end;
        if slice(text, start..end).chars().count() > max_chars {
            let focus = densest_window(&inside, max_chars).unwrap_or(start);
            // Begin a little before the first match, for context.
            let lead = max_chars / 5;
            start = back_chars(text, focus, lead).max(span.start);
            end = forward_chars(text, start, max_chars).min(span.end);
            start = word_start(text, start, span.start);
            end = word_end(text, end, span.end);
        }
        let cut_before = start > span.start || !at_sentence_start(text, start);
        let cut_after = end < span.end && end < text.len() || !at_sentence_end(text, end);
        let mut out = String::new();
        let mut highlights = Vec::new();
        if cut_before && start > 0 {
            out.push('…');
        }
        let mut chars_written = out.chars().count();
        let mut last = start;
        for m in inside.iter().filter(|m| m.start >= start && m.end <= end) {
            chars_written += push_collapsed(&mut out, slice(text, last..m.start));
            let from = chars_written;
            chars_written += push_collapsed(&mut out, slice(text, m.start..m.end));
            highlights.push([from, chars_written]);
            last = m.end;
        }
        push_collapsed(&mut out, slice(text, last..end));
        let trimmed_len = out.trim_end().len();
        out.truncate(trimmed_len);
        if cut_after && end < text.len() {
            out.push('…');
        }
        Snippet {
            text: out,
            highlights,
        }
    }
}

/// The words of `text` as tantivy's simple tokenizer splits them (runs of
/// alphanumeric characters), with their byte offsets. This walks every byte
/// of every hit, so ASCII is classified by byte and only other characters
/// are decoded.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    // The length in bytes of the character at `at` when it is alphanumeric.
    let word_char = move |at: usize| -> Option<usize> {
        let byte = *bytes.get(at)?;
        if byte.is_ascii() {
            return byte.is_ascii_alphanumeric().then_some(1);
        }
        let c = slice(text, at..).chars().next()?;
        c.is_alphanumeric().then(|| c.len_utf8())
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            if word_char(at).is_some() {
                break;
            }
            at += utf8_len(bytes, at);
        }
        let start = at;
        while let Some(len) = word_char(at) {
            at += len;
        }
        (at > start).then(|| (start, slice(text, start..at)))
    })
}

/// The length of the character starting at byte `at` (1 past the end or on a
/// continuation byte, so that a walk always moves on).
fn utf8_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(b) if *b >= 0xC0 => 2,
        _ => 1,
    }
}

/// A prefix that every word stemming to `term` starts with. English
/// (Porter 2) stems keep the word's letters but for their last one or two
/// ("relat" from "relations", "abl" from "ability", "happi" from "happy");
/// a few short stems keep only the first ("die" from "dying"). The longer
/// the prefix, the fewer words of a hit go through the stemmer.
/// The words of `text` holding a character beyond ASCII, in text order.
/// Only those characters are looked at, so an English text with a few
/// accents or curly quotes costs little more than a scan of its bytes.
/// The first byte beyond ASCII at or after `from`. Runs of ASCII are
/// skipped 32 bytes at a time with the word-at-a-time `is_ascii`: a hit's
/// body is mostly ASCII, and a byte-by-byte search went through all of it.
fn next_beyond_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 32) {
        if !chunk.is_ascii() {
            break;
        }
        at += 32;
    }
    let offset = bytes.get(at..)?.iter().position(|b| !b.is_ascii())?;
    Some(at + offset)
}

fn words_beyond_ascii(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(here) = next_beyond_ascii(bytes, at) {
        // `at` is a character boundary, so the first byte beyond ASCII
        // after it starts a character.
        let Some(c) = slice(text, here..).chars().next() else {
            break;
        };
        if !c.is_alphanumeric() {
            at = here + c.len_utf8();
            continue;
        }
        let start = slice(text, ..here)
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map_or(here, |(i, _)| i);
        let Some((_, word)) = words(slice(text, start..)).next() else {
            break;
        };
        found.push((start, word));
        at = start + word.len();
    }
    found
}

fn stem_prefix(term: &str) -> String {
    let chars = term.chars().count();
    let keep = if chars > 3 { chars - 2 } else { 1 };
    term.chars().take(keep).collect()
}

/// Whether `word` lower-cased starts with `prefix` (lower case). This runs
/// on every word of every hit, so ASCII is compared in place and only other
/// words are lower-cased, and only as far as the prefix goes.
fn starts_like(word: &str, prefix: &str) -> bool {
    if let Some(head) = word.as_bytes().get(..prefix.len()) {
        if head.is_ascii() {
            return head.eq_ignore_ascii_case(prefix.as_bytes());
        }
    }
    let head = word.chars().flat_map(char::to_lowercase);
    head.take(prefix.chars().count()).eq(prefix.chars())
}

/// Appends `piece` with runs of whitespace as one space; returns the number
/// of characters written.
fn push_collapsed(out: &mut String, piece: &str) -> usize {
    let mut written = 0;
    let mut in_space = out.ends_with(' ');
    for c in piece.chars() {
        if c.is_whitespace() {
            if !in_space && !out.is_empty() {
                out.push(' ');
                written += 1;
            }
            in_space = true;
        } else {
            out.push(c);
            written += 1;
            in_space = false;
        }
    }
    written
}

fn sentence_score(text: &str, span: &Range<usize>, matches: &[Range<usize>]) -> f32 {
    let inside: Vec<&Range<usize>> = matches
        .iter()
        .filter(|m| m.start >= span.start && m.end <= span.end)
        .collect();
    if inside.is_empty() {
        return 0.0;
    }
    let distinct: HashSet<String> = inside
        .iter()
        .map(|m| slice(text, m.start..m.end).to_lowercase())
        .collect();
    // Matches next to each other (a phrase) are worth more than scattered ones.
    let adjacent = inside
        .iter()
        .zip(inside.iter().skip(1))
        .filter(|(a, b)| slice(text, a.end..b.start).trim().is_empty())
        .count();
    distinct.len() as f32 * 10.0 + inside.len() as f32 + adjacent as f32 * 5.0
}

/// The start of the window of `width` bytes holding the most matches.
fn densest_window(matches: &[Range<usize>], width: usize) -> Option<usize> {
    let mut best = (0, matches.first()?.start);
    for (i, m) in matches.iter().enumerate() {
        let count = matches
            .iter()
            .skip(i)
            .take_while(|n| n.end <= m.start + width)
            .count();
        if count > best.0 {
            best = (count, m.start);
        }
    }
    Some(best.1)
}

/// Sentence spans: a sentence ends at `.`, `!` or `?` followed by a space and
/// a capital or quote, or at a line break. A quote right after the stop
/// closes the sentence and ends with it.
fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Every hit's whole text is cut into sentences: jump from one possible
    // end to the next instead of matching every byte.
    let mut stops = memchr::memchr3_iter(b'.', b'!', b'?', bytes).peekable();
    let mut breaks = memchr::memchr_iter(b'\n', bytes).peekable();
    let candidates = std::iter::from_fn(|| match (stops.peek(), breaks.peek()) {
        (Some(&stop), Some(&line)) if line < stop => breaks.next(),
        (Some(_), _) => stops.next(),
        (None, _) => breaks.next(),
    });
    for i in candidates {
        let Some(&c) = bytes.get(i) else { continue };
        let boundary = match c {
            b'\n' => Some(i + 1),
            b'.' | b'!' | b'?' => {
                let rest = slice(text, i + 1..);
                let next = rest.chars().next();
                let following = rest.trim_start_matches([' ', '"', '\u{201d}']);
                let after = following.chars().next();
                let follows_space = next.is_some_and(|n| n == ' ' || n == '"' || n == '\u{201d}');
                // A list flattened onto one line: "... climate change. - HUD is ...".
                let bullet = ["- ", "\u{2013} ", "\u{2022} "]
                    .iter()
                    .any(|b| following.starts_with(b));
                if follows_space
                    && (bullet
                        || after.is_some_and(|a| a.is_uppercase() || a == '\u{201c}' || a == '"'))
                    && !is_abbreviation(text, i)
                {
                    let closing_quotes =
                        rest.len() - rest.trim_start_matches(['"', '\u{201d}']).len();
                    Some(i + 1 + closing_quotes)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(end) = boundary {
            push_span(text, &mut spans, start, end);
            start = end;
        }
    }
    push_span(text, &mut spans, start, text.len());
    spans
}

fn push_span(text: &str, spans: &mut Vec<Range<usize>>, start: usize, end: usize) {
    let piece = slice(text, start..end);
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() || is_paragraph_number(piece.trim()) {
        return;
    }
    spans.push(start + lead..end - trail);
}

/// "7." before a numbered paragraph of a joint statement: cut off as a
/// sentence of its own, it was added to the end of the passage before it
/// ("… exchanges of youth delegations. 7.").
fn is_paragraph_number(piece: &str) -> bool {
    piece.strip_suffix('.').is_some_and(|number| {
        (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
    })
}

/// "Mr. Lavrov", "U.S. officials", "Antony J. Blinken": a period that does
/// not end a sentence.
fn is_abbreviation(text: &str, period: usize) -> bool {
    let word: String = slice(text, ..period)
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect();
    let len = word.chars().count();
    len == 1
        || word.contains('.')
        || matches!(
            word.chars().rev().collect::<String>().as_str(),
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Prof"
                | "Gen"
                | "Sen"
                | "Rep"
                | "Amb"
                | "No"
                | "Sept"
                | "Jan"
                | "Feb"
                | "Aug"
                | "Oct"
                | "Nov"
                | "Dec"
        )
}

fn at_sentence_start(text: &str, at: usize) -> bool {
    let before = slice(text, ..at);
    at == 0
        || before
            .trim_end()
            .ends_with(['.', '!', '?', '\n', ':', '"', '\u{201d}'])
        || before.ends_with('\n')
}

fn at_sentence_end(text: &str, at: usize) -> bool {
    at >= text.len()
        || slice(text, ..at)
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}', ':'])
}

/// `text[range]`, or the empty string if `range` is out of bounds or not on
/// character boundaries. Offsets come from the same text, but a bad one must
/// never panic.
fn slice<R: SliceIndex<str, Output = str>>(text: &str, range: R) -> &str {
    text.get(range).unwrap_or_default()
}

fn char_offset(text: &str, byte: usize) -> usize {
    slice(text, ..byte).chars().count()
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    slice(text, ..from)
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    slice(text, from..)
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Moves `at` forward to the start of a word, never before `floor`.
fn word_start(text: &str, at: usize, floor: usize) -> usize {
    if at <= floor || !is_word_char_before(text, at) {
        return at.max(floor);
    }
    match slice(text, at..).find(char::is_whitespace) {
        Some(space) => {
            let after = at + space;
            let rest = slice(text, after..);
            after + (rest.len() - rest.trim_start().len())
        }
        None => at,
    }
}

/// Moves `at` back to the end of a word, never after `ceiling`.
fn word_end(text: &str, at: usize, ceiling: usize) -> usize {
    if at >= ceiling || !is_word_char_after(text, at) {
        return at.min(ceiling);
    }
    match slice(text, ..at).rfind(char::is_whitespace) {
        Some(space) => slice(text, ..space).trim_end().len(),
        None => at,
    }
}

fn is_word_char_before(text: &str, at: usize) -> bool {
    slice(text, ..at)
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
        && slice(text, at..)
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace())
}

fn is_word_char_after(text: &str, at: usize) -> bool {
    is_word_char_before(text, at)
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
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TokenStream, Tokenizer};

    fn highlighter(terms: &[&str]) -> Highlighter {
        let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build();
        Highlighter::new(analyzer, terms.iter().map(|t| t.to_string()).collect())
    }

    fn marked(snippet: &Snippet) -> String {
        let chars: Vec<char> = snippet.text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for [from, to] in &snippet.highlights {
            out.extend(&chars[at..*from]);
            out.push('[');
            out.extend(&chars[*from..*to]);
            out.push(']');
            at = *to;
        }
        out.extend(&chars[at..]);
        out
    }

    #[test]
    fn prefixes_match_whatever_the_case_or_script() {
        assert!(starts_like("Relations", "re"));
        assert!(starts_like("RELATIONS", "re"));
        assert!(!starts_like("Rights", "re"));
        assert!(!starts_like("r", "re"));
        assert!(starts_like("Ökonomie", "ök"));
        assert!(starts_like("ÉTATS", "ét"));
        assert!(!starts_like("état", "ok"));
        assert!(starts_like("Лавров", "ла"));
        assert!(!starts_like("Lavrov", "ла"));
    }

    #[test]
    fn stemmed_terms_are_highlighted_in_the_best_sentence() {
        let text = "The weather was fine. Both ministers praised the diplomatic relations between the countries. Nothing else.";
        let snippets = highlighter(&["diplomat", "relat"]).snippets(text, 200, 1);
        assert_eq!(
            marked(&snippets[0]),
            "Both ministers praised the [diplomatic] [relations] between the countries. Nothing else."
        );
    }

    #[test]
    fn long_passages_are_cut_between_words_with_an_ellipsis() {
        let filler = "word ".repeat(80);
        let text = format!("{filler}the diplomatic relations were praised {filler}");
        let snippet = &highlighter(&["diplomat"]).snippets(&text, 60, 1)[0];
        assert!(
            snippet.text.starts_with('…') && snippet.text.ends_with('…'),
            "{}",
            snippet.text
        );
        let inner = snippet.text.trim_matches('…');
        assert!(
            inner.split(' ').all(
                |w| ["word", "the", "diplomatic", "relations", "were", "praised"].contains(&w)
            ),
            "{inner}"
        );
        assert_eq!(marked(snippet).matches('[').count(), 1);
    }

    #[test]
    fn irregular_stems_are_still_highlighted() {
        let h = highlighter(&["die", "sky", "studi", "relat"]);
        let text = "Dying. Skies. Studies. Relations. Unrelated.";
        let found: Vec<&str> = h.matches(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Dying", "Skies", "Studies", "Relations"]);
    }

    #[test]
    fn words_are_found_in_any_case_only_where_they_start() {
        let h = highlighter(&["diplomat", "relat"]);
        let text = "relations, Relations, RELATIONS, rElAtIoNs; unrelated, \
                    Unrelated-relations, DIPLOMATIC, diplomat’s, “Diplomacy”.";
        let found: Vec<&str> = h.matches(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "relations",
                "Relations",
                "RELATIONS",
                "rElAtIoNs",
                "relations",
                "DIPLOMATIC",
                "diplomat"
            ]
        );
    }

    #[test]
    fn every_word_is_found_by_the_prefix_of_its_own_stem() {
        let words = [
            "ability",
            "possibility",
            "sensitivity",
            "generously",
            "happily",
            "happy",
            "organization",
            "organizations",
            "relational",
            "relations",
            "hopeful",
            "hoping",
            "hopping",
            "studies",
            "studied",
            "cries",
            "ties",
            "dying",
            "lying",
            "tying",
            "skies",
            "skis",
            "idly",
            "gently",
            "ugly",
            "early",
            "only",
            "singly",
            "news",
            "valency",
            "conditional",
            "rational",
            "analogies",
            "capably",
            "formally",
            "agreed",
            "feed",
            "proceedings",
            "succeeded",
            "exceeding",
            "united",
            "nations",
            "ministers",
            "saying",
            "enjoyed",
            "emergency",
            "argues",
            "arguing",
            "realize",
            "realization",
            "electricity",
            "electrical",
            "operator",
            "hesitancy",
            "generalization",
            "fulness",
            "hopefulness",
            "Yemen",
            "yearly",
            "Ukraine's",
            "Côte",
            "Ökonomie",
            "выборы",
        ];
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build();
        for word in words {
            let mut stream = analyzer.token_stream(word);
            let stem = stream.next().unwrap().text.clone();
            let found = highlighter(&[&stem]).matches(word);
            assert_eq!(
                found.first(),
                Some(&(0..word.find('\'').unwrap_or(word.len()))),
                "{word} -> {stem}"
            );
        }
    }

    #[test]
    fn words_split_like_the_simple_tokenizer() {
        let text = "Côte d'Ivoire, U.S.–Japan 2023: выборы\u{a0}ok";
        let mut tokenizer = SimpleTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut expected = Vec::new();
        while let Some(token) = stream.next() {
            expected.push((token.offset_from, token.text.clone()));
        }
        let found: Vec<(usize, String)> = words(text).map(|(at, w)| (at, w.to_string())).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn accented_words_match_their_folded_terms() {
        let analyzer = crate::index::stemming::english_analyzer();
        let terms = ["lopez", "cote"].iter().map(|t| t.to_string()).collect();
        let highlighter = Highlighter::new(analyzer, terms);
        let text = "“López” met Lopez in Côte d’Ivoire; LÓPEZ agreed. Coté, ÇA.";
        let found: Vec<&str> = highlighter
            .matches(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["López", "Lopez", "Côte", "LÓPEZ", "Coté"]);
    }

    #[test]
    fn the_first_byte_beyond_ascii_is_found_at_every_distance() {
        for len in [0, 1, 31, 32, 33, 64, 65, 100] {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = 0xC3;
                for from in 0..len {
                    let expected = (from <= at).then_some(at);
                    assert_eq!(
                        next_beyond_ascii(&bytes, from),
                        expected,
                        "{len} {at} {from}"
                    );
                }
            }
            assert_eq!(next_beyond_ascii(&vec![b'a'; len], 0), None);
        }
    }

    #[test]
    fn words_beyond_ascii_are_found_whole_and_in_order() {
        let text = "plain “quoted” naïve café, Zürich-based 東京 x²";
        let found: Vec<(usize, &str)> = words_beyond_ascii(text);
        let words: Vec<&str> = found.iter().map(|(_, w)| *w).collect();
        assert_eq!(words, ["naïve", "café", "Zürich", "東京", "x²"]);
        for (start, word) in found {
            assert_eq!(&text[start..start + word.len()], word);
        }
    }

    #[test]
    fn a_closing_quote_ends_its_sentence_not_the_next_one() {
        let text = "He called it \"an act of courage.\" He noted the treaties. \
                    She said \u{201c}we agree.\u{201d} \"Our countries are close,\" he wrote.";
        let sentences: Vec<&str> = sentence_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            sentences,
            [
                "He called it \"an act of courage.\"",
                "He noted the treaties.",
                "She said \u{201c}we agree.\u{201d}",
                "\"Our countries are close,\" he wrote.",
            ]
        );
    }

    #[test]
    fn a_bullet_after_a_stop_starts_a_sentence() {
        let text = "Communities impacted by climate change. - HUD is working to meet \
                    the need. \u{2022} Treasury will report. A - B test.";
        let sentences: Vec<&str> = sentence_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            sentences,
            [
                "Communities impacted by climate change.",
                "- HUD is working to meet the need.",
                "\u{2022} Treasury will report.",
                "A - B test.",
            ]
        );
    }

    #[test]
    fn a_paragraph_number_is_not_added_to_the_passage_before_it() {
        let text = "6. The Ministers agreed to celebrate the anniversary of diplomatic \
                    relations.\n\n7. Minister Thang thanked Minister Ratna for the warm \
                    hospitality extended to the delegation.";
        let snippet = &highlighter(&["diplomat"]).snippets(text, 90, 1)[0];
        assert_eq!(
            marked(snippet),
            "The Ministers agreed to celebrate the anniversary of [diplomatic] relations."
        );
    }

    #[test]
    fn never_the_same_passage_twice() {
        let text = "Relations grew. Unrelated text here. Relations deepened again.";
        let snippets = highlighter(&["relat"]).snippets(text, 20, 3);
        assert_eq!(snippets.len(), 2);
        assert_ne!(snippets[0].text, snippets[1].text);
    }

    #[test]
    fn without_a_match_the_opening_is_shown() {
        let snippet = &highlighter(&["absent"]).snippets("First sentence. Second one.", 200, 1)[0];
        assert_eq!(snippet.text, "First sentence. Second one.");
        assert!(snippet.highlights.is_empty());
    }
}
