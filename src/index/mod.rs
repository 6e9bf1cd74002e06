//! The index: its schema, opened through typed field handles, and the
//! conversion between articles and index documents. Writing and incremental
//! updates live in [`ingest`]; reading is for [`crate::search`].

mod found;
pub mod ingest;
pub mod location;
pub mod merge;
mod queue;
pub mod stemming;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{DateTime, Index, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::extract::countries::Country;
use crate::extract::dates::{DatePrecision, PublicationDate};
use crate::extract::people::{name_search_words, People, Person};

/// Written beside tantivy's files; a folder without it is not ours, and a
/// different number means an index written by an incompatible version.
const MARKER_FILE: &str = "communique.json";
/// 5: title and body are ASCII-folded ("López" is indexed as "lopez").
const FORMAT_VERSION: u32 = 5;

#[derive(Serialize, Deserialize)]
struct Marker {
    format: u32,
    writer: String,
}

/// Typed handles on every field of the schema.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Stable short id derived from the path; `show` and `similar` take it,
    /// and the indexer finds an article's old version by it.
    pub id: Field,
    /// Stored and a fast field, not searched: an article is found by its
    /// id, the hash of its path, and a unique path per article was a long
    /// term in the term dictionary for nothing.
    pub path: Field,
    /// The folder given to `index` when this article was added.
    pub root: Field,
    pub title: Field,
    pub body: Field,
    /// The start of the publication date (a year-only date is 1 January).
    pub date: Field,
    /// The date as ISO 8601 at its known precision.
    pub date_text: Field,
    pub year: Field,
    /// 1 for a year-only date, 2 for a day, 3 for a day and time.
    pub date_precision: Field,
    pub country: Field,
    pub country_code: Field,
    /// Every pair of countries named together, "A | B" with A < B, for
    /// who-with-whom counts.
    pub country_pair: Field,
    pub minister: Field,
    /// Folded words of minister names, for `--minister lavrov`.
    pub minister_words: Field,
    pub person: Field,
    pub person_words: Field,
    /// Ministers and people with posts and countries, as JSON.
    pub people_json: Field,
    /// The first 64 bits of the file's BLAKE3 hash, a fast field only: the
    /// index need not search it, and as a string each article's unique
    /// fingerprint cost a term in the term dictionary and the fast field's.
    pub fingerprint: Field,
    pub size: Field,
    pub modified: Field,
    pub encoding: Field,
}

impl Fields {
    fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let stemmed = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(stemming::ANALYZER_NAME)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let words = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let keyword = STRING | STORED | FAST;
        let fields = Fields {
            id: builder.add_text_field("id", STRING | STORED),
            path: builder.add_text_field("path", STORED | FAST),
            root: builder.add_text_field("root", keyword.clone()),
            title: builder.add_text_field("title", stemmed.clone()),
            body: builder.add_text_field("body", stemmed),
            date: builder.add_date_field(
                "date",
                DateOptions::default()
                    .set_indexed()
                    .set_stored()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            date_text: builder.add_text_field("date_text", STORED),
            year: builder.add_u64_field(
                "year",
                NumericOptions::default()
                    .set_indexed()
                    .set_fast()
                    .set_stored(),
            ),
            date_precision: builder.add_u64_field("date_precision", FAST | STORED),
            country: builder.add_text_field("country", keyword.clone()),
            country_code: builder.add_text_field("country_code", keyword.clone()),
            country_pair: builder.add_text_field("country_pair", STRING | FAST),
            minister: builder.add_text_field("minister", keyword.clone()),
            minister_words: builder.add_text_field("minister_words", words.clone()),
            person: builder.add_text_field("person", keyword.clone()),
            person_words: builder.add_text_field("person_words", words),
            people_json: builder.add_text_field("people_json", STORED),
            fingerprint: builder.add_u64_field("fingerprint", FAST),
            size: builder.add_u64_field("size", FAST | STORED),
            modified: builder.add_i64_field("modified", FAST | STORED),
            encoding: builder.add_text_field("encoding", STRING | STORED),
        };
        (builder.build(), fields)
    }

    /// Looks the handles up in an existing index's schema.
    fn from_schema(schema: &Schema) -> std::result::Result<Fields, String> {
        let (expected, fields) = Fields::build();
        for (field, entry) in expected.fields() {
            match schema.get_field(entry.name()) {
                Ok(found) if found == field => {}
                _ => return Err(format!("its schema lacks the field '{}'", entry.name())),
            }
        }
        Ok(fields)
    }
}

/// An open index and its field handles.
pub struct ArticleIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    /// Opened by the first search and kept while the index is: its
    /// segments' files stay mapped for as long (see [`ArticleIndex::searcher`]).
    searcher: OnceLock<Searcher>,
}

impl ArticleIndex {
    /// Opens an existing index for reading.
    pub fn open(dir: &Path) -> Result<ArticleIndex> {
        let marker = dir.join(MARKER_FILE);
        if !dir.join("meta.json").exists() && !marker.exists() {
            if dir.is_dir() && !holds_only_index_files(dir) {
                return Err(Error::ForeignFolder(dir.to_path_buf()));
            }
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        // Our marker alone: a first run was stopped before tantivy wrote
        // anything; the next 'index' completes it.
        if is_unfinished_creation(dir) {
            return Err(Error::NoIndex(dir.to_path_buf()));
        }
        let text = std::fs::read_to_string(&marker).map_err(|_| Error::NotAnIndex {
            path: dir.to_path_buf(),
            reason: format!("{MARKER_FILE} is missing"),
        })?;
        let found: Marker = serde_json::from_str(&text).map_err(|err| Error::NotAnIndex {
            path: dir.to_path_buf(),
            reason: format!("{MARKER_FILE} is damaged: {err}"),
        })?;
        if found.format != FORMAT_VERSION {
            return Err(Error::NotAnIndex {
                path: dir.to_path_buf(),
                reason: format!(
                    "it was written by {} in format {}, this is format {FORMAT_VERSION}",
                    found.writer, found.format
                ),
            });
        }
        let mut index = Index::open_in_dir(dir).map_err(|source| Error::Index {
            path: dir.to_path_buf(),
            source,
        })?;
        let fields = Fields::from_schema(&index.schema()).map_err(|reason| Error::NotAnIndex {
            path: dir.to_path_buf(),
            reason,
        })?;
        configure(&mut index);
        Ok(ArticleIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            searcher: OnceLock::new(),
        })
    }

    /// Opens the index for writing, creating it (or starting over when
    /// `rebuild`) as needed.
    pub fn open_or_create(dir: &Path, rebuild: bool) -> Result<ArticleIndex> {
        let io_error = |action, source| Error::Io {
            action,
            path: dir.to_path_buf(),
            source,
        };
        if rebuild && dir.exists() {
            // Only ever delete a folder that is ours: it has our marker, or
            // holds nothing but an index's files (a run killed while
            // creating or removing the index leaves those without it).
            let ours = dir.join(MARKER_FILE).exists() || holds_only_index_files(dir);
            if !ours {
                return Err(Error::ForeignFolder(dir.to_path_buf()));
            }
            // Never pull the index from under a run that is writing it.
            let lock = lock_writer(dir)?;
            std::fs::remove_dir_all(dir).map_err(|e| io_error("remove", e))?;
            drop(lock);
        }
        let unfinished = is_unfinished_creation(dir);
        if dir.join(MARKER_FILE).exists() && !unfinished {
            return ArticleIndex::open(dir);
        }
        // A marker alone is a creation that was killed before tantivy wrote
        // its first commit: finish it.
        if !unfinished && dir.exists() && !is_empty_dir(dir) {
            if !holds_only_index_files(dir) {
                return Err(Error::ForeignFolder(dir.to_path_buf()));
            }
            return Err(Error::NotAnIndex {
                path: dir.to_path_buf(),
                reason: format!("{MARKER_FILE} is missing"),
            });
        }
        std::fs::create_dir_all(dir).map_err(|e| io_error("create", e))?;
        // The marker first: a run killed between the two leaves a folder
        // that the next run recognises as ours and completes.
        let marker = Marker {
            format: FORMAT_VERSION,
            writer: format!("communique {}", env!("CARGO_PKG_VERSION")),
        };
        let text = serde_json::to_string_pretty(&marker).unwrap_or_default();
        std::fs::write(dir.join(MARKER_FILE), text).map_err(|e| io_error("write to", e))?;
        let (schema, fields) = Fields::build();
        let mut index = Index::create_in_dir(dir, schema).map_err(|source| Error::Index {
            path: dir.to_path_buf(),
            source,
        })?;
        configure(&mut index);
        Ok(ArticleIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            searcher: OnceLock::new(),
        })
    }

    /// A reader that reloads only when asked: commands are short-lived, and
    /// the default policy starts a thread that watches the folder. It keeps
    /// no decompressed doc-store blocks: a command reads each block once,
    /// and a block freed at once lends its memory to the next one instead
    /// of each touching fresh pages (a page fault each; 321 → 276 faults
    /// in a 17k-article search).
    pub fn reader(&self) -> Result<tantivy::IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(0)
            .try_into()
            .map_err(|e| self.index_error(e))
    }

    /// The searcher of the index as it was first asked for: every query
    /// of a command reads the same commit. It holds the segments' files
    /// mapped until the index is dropped; a command that ends the process
    /// right after its searches can skip that drop (`std::mem::forget`),
    /// since unmapping the files one by one took 0.06-0.08 ms of a 3 ms
    /// search and the process's exit releases them all at once.
    pub fn searcher(&self) -> Result<Searcher> {
        if let Some(searcher) = self.searcher.get() {
            return Ok(searcher.clone());
        }
        let searcher = self.reader()?.searcher();
        Ok(self.searcher.get_or_init(|| searcher).clone())
    }

    pub fn index_error(&self, source: tantivy::TantivyError) -> Error {
        // A full disk or a folder that cannot be written to is not a damaged
        // index: say what the system said, and never advise a rebuild.
        if let Some(source) = write_failure(&source) {
            return Error::Io {
                action: "write to",
                path: self.dir.clone(),
                source,
            };
        }
        Error::Index {
            path: self.dir.clone(),
            source,
        }
    }
}

/// The operating system's error when tantivy could not write for want of
/// space or permission.
fn write_failure(error: &tantivy::TantivyError) -> Option<std::io::Error> {
    use std::io::ErrorKind;
    use tantivy::directory::error::{LockError, OpenWriteError};
    use tantivy::TantivyError;
    let io = match error {
        TantivyError::IoError(io) => io.as_ref(),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => io_error.as_ref(),
        TantivyError::LockFailure(LockError::IoError(io), _) => io.as_ref(),
        _ => return None,
    };
    if !matches!(
        io.kind(),
        ErrorKind::PermissionDenied
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::StorageFull
            | ErrorKind::QuotaExceeded
    ) {
        return None;
    }
    // Tantivy wraps the error of the temporary file it was writing, which
    // only shows the system's error number in its text.
    let text = io.to_string();
    let os_code = io.raw_os_error().or_else(|| {
        let (_, rest) = text.split_once("(os error ")?;
        rest.split_once(')')?.0.parse().ok()
    });
    Some(match os_code {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::from(io.kind()),
    })
}

/// Takes the index writer's lock, as a writing run holds it.
fn lock_writer(dir: &Path) -> Result<tantivy::directory::DirectoryLock> {
    use tantivy::directory::error::LockError;
    use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
    let io_error = |source| Error::Io {
        action: "lock",
        path: dir.to_path_buf(),
        source,
    };
    let directory =
        MmapDirectory::open(dir).map_err(|err| io_error(std::io::Error::other(err.to_string())))?;
    directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|err| match err {
            LockError::LockBusy => Error::Locked(dir.to_path_buf()),
            LockError::IoError(io) => io_error(std::io::Error::new(io.kind(), io.to_string())),
        })
}

/// Our marker and nothing of tantivy's but its lock files: what a run killed
/// between writing the marker and creating the index leaves.
fn is_unfinished_creation(dir: &Path) -> bool {
    if !dir.join(MARKER_FILE).exists() || dir.join("meta.json").exists() {
        return false;
    }
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(|e| e.ok()).all(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name == MARKER_FILE || name.starts_with('.')
        })
    })
}

/// Replaces tantivy's `en_stem` with the same analyzer, memoised.
/// What every opening of an index needs before it is used.
fn configure(index: &mut Index) {
    index
        .tokenizers()
        .register(stemming::ANALYZER_NAME, stemming::english_analyzer());
    // Each segment writer compresses its doc-store blocks itself, not on a
    // thread of its own: both cores are busy extracting and indexing, and
    // handing every 16 KB block to one more thread costs system time (a 17k
    // build: 0.66 -> 0.46 s, mean of four alternating; BENCHMARKS.md).
    index.settings_mut().docstore_compress_dedicated_thread = false;
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// True when every entry of `dir` is a file an index of ours writes:
/// tantivy's meta files, locks, temporary files and segment files
/// (`<32 hex digits>.<ext>`), our marker and the names file. True for an
/// empty folder.
fn holds_only_index_files(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.into_iter().all(|entry| {
        entry.is_ok_and(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let index_file = matches!(
                name.as_ref(),
                "meta.json"
                    | ".managed.json"
                    | ".tantivy-writer.lock"
                    | ".tantivy-meta.lock"
                    | MARKER_FILE
                    | "names.json"
                    | "names.json.tmp"
            ) || name.starts_with(".tmp")
                || name.split_once('.').is_some_and(|(id, _)| {
                    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
                });
            index_file && entry.file_type().is_ok_and(|t| t.is_file())
        })
    })
}

/// An article's stored values, as search hits and `show` present them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<PublicationDate>,
    pub countries: Vec<Country>,
    pub ministers: Vec<Person>,
    pub people: Vec<Person>,
    #[serde(skip)]
    pub body: String,
}

impl StoredArticle {
    pub fn from_document(doc: &TantivyDocument, fields: &Fields) -> StoredArticle {
        let text = |field: Field| -> String {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let all = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let countries = all(fields.country)
            .into_iter()
            .zip(all(fields.country_code))
            .map(|(name, code)| Country { name, code })
            .collect();
        let people: People = serde_json::from_str(&text(fields.people_json)).unwrap_or_default();
        StoredArticle {
            id: text(fields.id),
            path: text(fields.path),
            title: text(fields.title),
            date: PublicationDate::parse_iso(&text(fields.date_text)),
            countries,
            ministers: people.ministers,
            people: people.people,
            body: text(fields.body),
        }
    }
}

/// Everything the indexer writes for one file.
pub struct ArticleRecord<'a> {
    pub path: &'a str,
    pub root: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub date: Option<PublicationDate>,
    pub countries: &'a [Country],
    pub people: &'a People,
    pub fingerprint: u64,
    pub size: u64,
    pub modified: i64,
    pub encoding: &'a str,
}

impl ArticleRecord<'_> {
    pub fn to_document(&self, fields: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.id, article_id(self.path));
        doc.add_text(fields.path, self.path);
        doc.add_text(fields.root, self.root);
        doc.add_text(fields.title, self.title);
        doc.add_text(fields.body, self.body);
        if let Some(date) = self.date {
            doc.add_date(fields.date, to_tantivy_date(date.start()));
            doc.add_text(fields.date_text, date.to_string());
            doc.add_u64(fields.year, date.year().max(0) as u64);
            doc.add_u64(fields.date_precision, precision_code(date.precision()));
        }
        for country in self.countries {
            doc.add_text(fields.country, &country.name);
            doc.add_text(fields.country_code, &country.code);
        }
        for pair in country_pairs(self.countries) {
            doc.add_text(fields.country_pair, pair);
        }
        for minister in &self.people.ministers {
            doc.add_text(fields.minister, &minister.name);
            doc.add_text(
                fields.minister_words,
                name_search_words(&minister.name).join(" "),
            );
        }
        for person in &self.people.people {
            doc.add_text(fields.person, &person.name);
            doc.add_text(
                fields.person_words,
                name_search_words(&person.name).join(" "),
            );
        }
        doc.add_text(
            fields.people_json,
            serde_json::to_string(self.people).unwrap_or_default(),
        );
        doc.add_u64(fields.fingerprint, self.fingerprint);
        doc.add_u64(fields.size, self.size);
        doc.add_i64(fields.modified, self.modified);
        doc.add_text(fields.encoding, self.encoding);
        doc
    }
}

/// How a date's precision is stored in the `date_precision` fast field.
pub fn precision_code(precision: DatePrecision) -> u64 {
    match precision {
        DatePrecision::Year => 1,
        DatePrecision::Day => 2,
        DatePrecision::Minute => 3,
    }
}

/// The separator inside a stored country pair.
pub const PAIR_SEPARATOR: &str = " | ";

/// Every unordered pair of distinct countries, names sorted within a pair.
pub fn country_pairs(countries: &[Country]) -> Vec<String> {
    let mut pairs = Vec::new();
    for (i, a) in countries.iter().enumerate() {
        for b in countries.iter().skip(i + 1) {
            if a.name == b.name {
                continue;
            }
            let (first, second) = if a.name < b.name { (a, b) } else { (b, a) };
            pairs.push(format!("{}{PAIR_SEPARATOR}{}", first.name, second.name));
        }
    }
    pairs
}

/// A short, stable id for an article: the first 64 bits of the BLAKE3 hash
/// of its path, in hex. Stable across re-indexing.
pub fn article_id(path: &str) -> String {
    let hash = blake3::hash(path.as_bytes());
    hash.to_hex().chars().take(16).collect()
}

/// Publication dates are local to the ministry; they are stored as if UTC so
/// that the calendar day never shifts.
///
/// tantivy counts nanoseconds in an i64, from 1677-09-21 to 2262-04-11.
/// Dates outside saturate to its first or last instant (multiplying
/// overflowed: `--to 2700` matched nothing and `--from 2300` everything), so
/// order is kept: a bound of 2300 still lies after every article.
pub fn to_tantivy_date(datetime: jiff::civil::DateTime) -> DateTime {
    let seconds = datetime
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0);
    match seconds.checked_mul(1_000_000_000) {
        Some(nanos) => DateTime::from_timestamp_nanos(nanos),
        None if seconds < 0 => DateTime::MIN,
        None => DateTime::MAX,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn new_and_reopened_indexes_compress_the_doc_store_on_the_writing_thread() {
        let dir = tempfile::tempdir().unwrap();
        let created = ArticleIndex::open_or_create(dir.path(), false).unwrap();
        assert!(!created.index.settings().docstore_compress_dedicated_thread);
        drop(created);
        let reopened = ArticleIndex::open_or_create(dir.path(), false).unwrap();
        assert!(!reopened.index.settings().docstore_compress_dedicated_thread);
    }

    #[test]
    fn dates_beyond_tantivys_range_saturate_in_order() {
        let day = |y| to_tantivy_date(date(y, 1, 1).at(0, 0, 0, 0));
        assert_eq!(day(2700), DateTime::MAX);
        assert_eq!(day(1000), DateTime::MIN);
        assert!(day(1700) < day(2023) && day(2023) < day(2262));
        assert_eq!(day(1970), DateTime::from_timestamp_secs(0));
    }
}
