//! communique indexes folders of diplomatic communiqués (press releases,
//! call readouts, joint statements, congratulatory messages) and searches
//! them, with the publication date, countries, ministers and people of each
//! article extracted and filterable.
//!
//! The data flows one way: a file's bytes are decoded ([`decode`]) and split
//! into an [`article::Article`]; [`extract`] reads values off its text;
//! [`index`] stores them; [`search`] turns a query into hits; [`output`]
//! prints hits and summaries. The binary only parses arguments (`cli`).

// Nothing derived from input may panic: no unwrap, expect, panic, or
// indexing and slicing that can go out of bounds (issue 5).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

pub mod article;
pub mod decode;
pub mod error;
pub mod extract;
pub mod index;
pub mod output;
pub mod search;

use std::path::Path;

use serde::Serialize;

pub use error::{Error, Result};
use extract::countries::Country;
use extract::dates::{DayMonthOrder, PublicationDate};
use extract::people::Person;

/// What the indexer would store for one file, as `communique extract` shows.
#[derive(Clone, Debug, Serialize)]
pub struct Extracted {
    pub path: String,
    pub title: String,
    pub date: Option<PublicationDate>,
    /// True when the dateline's day/month order could not be told from the
    /// line alone and was read day-first.
    pub date_ambiguous: bool,
    pub countries: Vec<Country>,
    pub ministers: Vec<Person>,
    pub people: Vec<Person>,
}

/// Reads and extracts one file without touching the index. Lone surnames
/// are resolved with `names`, the full names the index has met (see
/// [`index::ingest::load_name_registry`]).
pub fn extract_file(path: &Path, names: &extract::names::NameRegistry) -> Result<Extracted> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    let decoded = decode::decode(&bytes).map_err(|reason| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source: std::io::Error::other(reason.to_string()),
    })?;
    let article = article::parse_article(&decoded.text);
    let found = extract::mentions(&article);
    let mut people = extract::people::People {
        ministers: found.ministers,
        people: found.people,
    };
    names.resolve(&mut people);
    let date_ambiguous = matches!(
        article.dateline,
        Some(extract::dates::Dateline::Ambiguous { .. })
    );
    Ok(Extracted {
        path: index::ingest::path_key(path),
        title: article.title,
        date: article.dateline.map(|d| d.resolve(DayMonthOrder::DayFirst)),
        date_ambiguous,
        countries: found.countries,
        ministers: people.ministers,
        people: people.people,
    })
}
