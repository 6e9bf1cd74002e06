//! Bytes on disk to text. Ministry pages are scraped in many encodings; this
//! module decides whether a file is text at all and decodes it losslessly,
//! so that extraction only ever sees clean UTF-8.

use std::fmt;

/// Why a file was left out of the index. A skipped file is a line in the
/// summary, never an error of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    Empty,
    Binary,
    TooLarge { size: u64, limit: u64 },
    Unreadable(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::Binary => write!(f, "not text (binary content)"),
            SkipReason::TooLarge { size, limit } => write!(
                f,
                "too large ({} MB, limit {} MB; raise it with --max-size)",
                size / 1_000_000,
                limit / 1_000_000
            ),
            SkipReason::Unreadable(why) => write!(f, "unreadable: {why}"),
        }
    }
}

/// A file's text and the encoding it was written in.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes a file's bytes, or says why it is not an article.
///
/// UTF-8 (with or without BOM) and UTF-16 with a BOM are taken at their word;
/// anything else that is not valid UTF-8 is guessed by chardetng, which knows
/// the legacy Cyrillic and Western code pages ministries still publish in.
pub fn decode(bytes: &[u8]) -> Result<Decoded, SkipReason> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) =
            encoding.decode_without_bom_handling(bytes.get(bom_len..).unwrap_or_default());
        return finish(text.into_owned(), encoding.name());
    }
    if looks_binary(bytes) {
        return Err(SkipReason::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => finish(text.to_string(), "UTF-8"),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let encoding = koi8_variant(detector.guess(None, true), bytes);
            let (text, _, _) = encoding.decode(bytes);
            finish(text.into_owned(), encoding.name())
        }
    }
}

/// chardetng names the whole KOI8 family KOI8-U, the Ukrainian superset.
/// The two differ only in eight bytes, Ukrainian letters in KOI8-U and
/// box-drawing characters in KOI8-R: without any of them the text decodes
/// the same either way, and is Russian, so it is reported as KOI8-R.
fn koi8_variant(
    guess: &'static encoding_rs::Encoding,
    bytes: &[u8],
) -> &'static encoding_rs::Encoding {
    const UKRAINIAN_ONLY: [u8; 8] = [0xA4, 0xA6, 0xA7, 0xAD, 0xB4, 0xB6, 0xB7, 0xBD];
    if guess == encoding_rs::KOI8_U && !bytes.iter().any(|b| UKRAINIAN_ONLY.contains(b)) {
        encoding_rs::KOI8_R
    } else {
        guess
    }
}

fn finish(mut text: String, encoding: &'static str) -> Result<Decoded, SkipReason> {
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    if text.contains('\0') {
        return Err(SkipReason::Binary);
    }
    Ok(Decoded { text, encoding })
}

/// A NUL byte or a known binary signature in the first block means the file
/// is not a text article (PDF, image, archive, office document).
fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"%PDF",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"PK\x03\x04",
        b"\x1F\x8B",
        b"7z\xBC\xAF",
        b"Rar!",
        b"\xD0\xCF\x11\xE0",
    ];
    if SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return true;
    }
    let head = bytes.get(..8192).unwrap_or(bytes);
    head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf_is_clean_text() {
        let decoded = decode(b"\xEF\xBB\xBFTitle\r\n\r\nBody").unwrap();
        assert_eq!(decoded.text, "Title\n\nBody");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Лавров".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "Лавров");
        assert_eq!(decoded.encoding, "UTF-16LE");
    }

    #[test]
    fn windows_1251_is_detected() {
        let text = "Министр иностранных дел России Сергей Лавров провёл переговоры с коллегой.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn koi8_is_named_for_the_letters_it_holds() {
        let russian = "Министр иностранных дел России Сергей Лавров провёл переговоры с коллегой.";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(russian);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, russian);
        assert_eq!(decoded.encoding, "KOI8-R");
        let ukrainian =
            "Міністр закордонних справ України провів переговори з колегою. Її їжак ґанок є.";
        let (bytes, _, _) = encoding_rs::KOI8_U.encode(ukrainian);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, ukrainian);
        assert_eq!(decoded.encoding, "KOI8-U");
    }

    #[test]
    fn pdf_and_nul_bytes_are_binary() {
        assert_eq!(decode(b"%PDF-1.7 ...").unwrap_err(), SkipReason::Binary);
        assert_eq!(decode(b"abc\0def").unwrap_err(), SkipReason::Binary);
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(decode(b" \n\t\r\n").unwrap_err(), SkipReason::Empty);
        assert_eq!(decode(b"").unwrap_err(), SkipReason::Empty);
    }
}
