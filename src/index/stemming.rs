//! The `en_stem` analyzer, in one pass and with a memory. tantivy's English
//! analyzer is four stages (split on non-alphanumerics, drop words of 40
//! bytes or more, lower-case, Snowball stem), each copying the word along;
//! ministry prose repeats its words, and splitting and stemming were a
//! fifth of indexing time. This tokenizer gives the same tokens, positions
//! and offsets as those stages with tantivy's ASCII folding before the
//! stemmer (it is registered under the same name, so indexes and queries
//! agree) in one scan, and analyses each distinct word once per indexing
//! thread.
//!
//! Folding makes "Lopez" find "López" and "Cote d'Ivoire" find "Côte
//! d’Ivoire": names reach English prose with and without their accents
//! (26 and 80 articles at 17k for the two spellings of López Obrador).
//! Scripts other than Latin are left as they are.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{
    AsciiFoldingFilter, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The analyzer name the schema uses for title and body.
pub const ANALYZER_NAME: &str = "en_stem";

/// Distinct words remembered before the memory starts over.
const MEMORY_LIMIT: usize = 200_000;

/// Words this long or longer are dropped, as tantivy's `en_stem` does.
const LONGEST_WORD: usize = 40;

/// Simple tokenizer, long words removed, lower case, ASCII folding, English
/// stems: tantivy's `en_stem` with folding, fused and memoised.
pub fn english_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(EnglishStemTokenizer::default()).build()
}

#[derive(Clone)]
struct EnglishStemTokenizer {
    token: Token,
    stems: StemMemory,
    /// tantivy's folding, for the words that are not ASCII.
    folding: TextAnalyzer,
}

impl Default for EnglishStemTokenizer {
    fn default() -> EnglishStemTokenizer {
        EnglishStemTokenizer {
            token: Token::default(),
            stems: StemMemory::default(),
            folding: TextAnalyzer::builder(RawTokenizer::default())
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Tokenizer for EnglishStemTokenizer {
    type TokenStream<'a> = EnglishStemStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EnglishStemStream<'a> {
        if self.stems.len() > MEMORY_LIMIT {
            self.stems.clear();
        }
        self.token.reset();
        EnglishStemStream {
            text,
            at: 0,
            token: &mut self.token,
            stems: &mut self.stems,
            folding: &mut self.folding,
            stemmer: Stemmer::new(Algorithm::English),
        }
    }
}

struct EnglishStemStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    stems: &'a mut StemMemory,
    folding: &'a mut TextAnalyzer,
    stemmer: Stemmer,
}

impl EnglishStemStream<'_> {
    /// The next run of alphanumeric characters at or after `self.at`, as
    /// tantivy's `SimpleTokenizer` cuts it; ASCII is tested bytewise.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let is_alphanumeric_at = |at: usize| -> Option<(bool, usize)> {
            let byte = *bytes.get(at)?;
            if byte.is_ascii() {
                return Some((byte.is_ascii_alphanumeric(), 1));
            }
            let c = text.get(at..)?.chars().next()?;
            Some((c.is_alphanumeric(), c.len_utf8()))
        };
        let mut at = self.at;
        let start = loop {
            let (alphanumeric, len) = is_alphanumeric_at(at)?;
            if alphanumeric {
                break at;
            }
            at += len;
        };
        let mut end = start;
        while let Some((true, len)) = is_alphanumeric_at(end) {
            end += len;
        }
        self.at = end;
        Some((start, end))
    }
}

impl TokenStream for EnglishStemStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // Every word takes a position, dropped ones too.
            self.token.position = self.token.position.wrapping_add(1);
            let Some((start, end)) = self.next_word() else {
                return false;
            };
            let Some(word) = self.text.get(start..end) else {
                return false;
            };
            if word.len() >= LONGEST_WORD {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            let text = &mut self.token.text;
            text.clear();
            // Porter 2 leaves words of one or two letters as they are: a
            // third of running text ("of", "to", "a", "in") needs no lookup.
            if word.len() <= 2 && word.is_ascii() {
                text.push_str(word);
                text.make_ascii_lowercase();
                return true;
            }
            if let Some(stem) = self.stems.get(word) {
                text.push_str(stem);
                return true;
            }
            lowercase_into(word, text);
            if !text.is_ascii() {
                let folded = self
                    .folding
                    .token_stream(text)
                    .next()
                    .map(|token| token.text.clone());
                if let Some(folded) = folded {
                    *text = folded;
                }
            }
            let stem = if text.len() <= 2 {
                text.clone()
            } else {
                match self.stemmer.stem(text) {
                    Cow::Borrowed(stem) => stem.to_string(),
                    Cow::Owned(stem) => stem,
                }
            };
            text.clone_from(&stem);
            self.stems.insert(word, stem);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Word as written -> its token text. A word of up to 16 bytes (nearly
/// every word) is keyed by its bytes read as integers, so that finding it
/// compares two integers instead of calling `memcmp`: those calls were a
/// twentieth of indexing. Its stem is kept in the table's own slot.
#[derive(Clone, Default)]
struct StemMemory {
    short: FxHashMap<ShortWord, Stem>,
    long: FxHashMap<String, String>,
}

impl StemMemory {
    fn get(&self, word: &str) -> Option<&str> {
        match ShortWord::of(word) {
            Some(key) => self.short.get(&key).and_then(Stem::as_str),
            None => self.long.get(word).map(String::as_str),
        }
    }

    fn insert(&mut self, word: &str, stem: String) {
        match ShortWord::of(word) {
            Some(key) => {
                self.short.insert(key, Stem::new(stem));
            }
            None => {
                self.long.insert(word.to_string(), stem);
            }
        }
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// Bytes a stem may have and still be kept inline: the most that leaves
/// [`Stem`] as small as the boxed string it otherwise is plus its tag.
const INLINE_STEM: usize = 22;

/// A remembered stem. Nearly every stem is short and lives inside the
/// memory's table, so that serving it reads no second cache line: when
/// each was boxed, copying it out was a twentieth of indexing.
#[derive(Clone)]
enum Stem {
    Inline { bytes: [u8; INLINE_STEM], len: u8 },
    Boxed(Box<str>),
}

impl Stem {
    fn new(stem: String) -> Stem {
        let mut bytes = [0; INLINE_STEM];
        match (bytes.get_mut(..stem.len()), u8::try_from(stem.len())) {
            (Some(inline), Ok(len)) => {
                inline.copy_from_slice(stem.as_bytes());
                Stem::Inline { bytes, len }
            }
            _ => Stem::Boxed(stem.into_boxed_str()),
        }
    }

    /// Always some: the inline bytes were a whole `String`.
    fn as_str(&self) -> Option<&str> {
        match self {
            Stem::Inline { bytes, len } => {
                let bytes = bytes.get(..usize::from(*len))?;
                // SAFETY: `Stem::new` copied these bytes from a whole
                // `String`, and nothing changes them after; checking them
                // again at every word was a hundredth of indexing.
                Some(unsafe { std::str::from_utf8_unchecked(bytes) })
            }
            Stem::Boxed(stem) => Some(stem),
        }
    }
}

/// The bytes of a word of 1 to 16 bytes, all of them: its first and last
/// eight (or four, below eight bytes), which overlap in most words, and
/// its length, which tells where they overlap.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortWord {
    head: u64,
    tail: u64,
    len: u8,
}

impl ShortWord {
    fn of(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        let len = bytes.len();
        let eight = |at: usize| {
            let chunk: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
            Some(u64::from_le_bytes(chunk))
        };
        let four = |at: usize| {
            let chunk: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
            Some(u64::from(u32::from_le_bytes(chunk)))
        };
        let (head, tail) = match len {
            8..=16 => (eight(0)?, eight(len - 8)?),
            4..=7 => (four(0)?, four(len - 4)?),
            1..=3 => {
                let head = bytes
                    .iter()
                    .rev()
                    .fold(0u64, |head, &byte| head << 8 | u64::from(byte));
                (head, 0)
            }
            _ => return None,
        };
        Some(ShortWord {
            head,
            tail,
            len: u8::try_from(len).ok()?,
        })
    }
}

/// tantivy's `LowerCaser`: ASCII in place, otherwise character by character
/// (final sigma is not special).
fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((
                token.text.clone(),
                token.position,
                token.offset_from,
                token.offset_to,
            ));
        }
        out
    }

    #[test]
    fn same_tokens_as_tantivys_en_stem_with_folding() {
        let text = "Ministers of Foreign Affairs exchanged congratulatory messages on \
                    relations; the relations, RELATIONS and dying skies studies. \
                    A US-EU ok by Ms. Ng: is it as it was? Ès, ÉU, яв, 2x. \
                    Pneumonoultramicroscopicsilicovolcanoconiosis and \
                    ОЧЕНЬДЛИННОЕСЛОВОИЗКИРИЛЛИЦЫ ΣΊΣΥΦΟΣ İstanbul ǅemal \
                    東京都 x²½ O’Brien's café\u{301} \u{212A}ing";
        use tantivy::tokenizer::{
            Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer as TantivyStemmer,
        };
        let mut tantivy_en_stem = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(TantivyStemmer::new(Language::English))
            .build();
        let mut ours = english_analyzer();
        let expected = tokens(&mut tantivy_en_stem, text);
        // Twice: the second pass is served from memory.
        assert_eq!(tokens(&mut ours, text), expected);
        assert_eq!(tokens(&mut ours, text), expected);
        let folded = tokens(&mut ours, "López Côte Zürich Ærø Łódź выборы");
        let texts: Vec<&str> = folded.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(texts, ["lopez", "cote", "zurich", "aero", "lodz", "выборы"]);
    }

    #[test]
    fn words_of_every_length_keep_their_own_stems() {
        // Words that share their first and last bytes but not their length
        // or middle must not meet under one key.
        let words = [
            "a",
            "ab",
            "abc",
            "abca",
            "abcab",
            "abcabc",
            "abcabca",
            "abcabcab",
            "abcabcabc",
            "abcXbcab",
            "abcabcabcabcabca",
            "abcabcabcabcabcab",
            "abcabcaXcabcabca",
            "Ministries",
            "ministries",
            "é",
            "ée",
            "été",
        ];
        let mut memory = StemMemory::default();
        for (i, word) in words.iter().enumerate() {
            assert_eq!(memory.get(word), None, "{word}");
            memory.insert(word, i.to_string());
        }
        for (i, word) in words.iter().enumerate() {
            assert_eq!(memory.get(word), Some(i.to_string().as_str()), "{word}");
        }
        assert_eq!(memory.len(), words.len());
    }

    #[test]
    fn stems_too_long_to_keep_inline_are_kept_whole() {
        let mut memory = StemMemory::default();
        for len in [1, INLINE_STEM - 1, INLINE_STEM, INLINE_STEM + 1, 40] {
            let word = format!("w{len}");
            let stem = "ü".repeat(len / 2) + &"s".repeat(len % 2);
            memory.insert(&word, stem.clone());
            assert_eq!(memory.get(&word), Some(stem.as_str()), "{len} bytes");
        }
        assert_eq!(std::mem::size_of::<Stem>(), 24);
    }
}
