//! Arbitrary queries and filters against a small real index: a bad query
//! must be an error, never a panic.
#![no_main]

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use communique::index::ingest::{index_folders, IndexOptions, NoProgress};
use communique::index::ArticleIndex;
use communique::search::{search, Filters, SearchOptions, SortOrder};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static ArticleIndex {
    static INDEX: OnceLock<ArticleIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("communique-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let corpus = root.join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        for entry in std::fs::read_dir(samples).unwrap().flatten() {
            let _ = std::fs::copy(entry.path(), corpus.join(entry.file_name()));
        }
        let options = IndexOptions::new(root.join("index"), vec![corpus]);
        index_folders(&options, &NoProgress, &AtomicBool::new(false)).unwrap();
        ArticleIndex::open(&root.join("index")).unwrap()
    })
}

fuzz_target!(|input: &str| {
    // Fields separated by NUL: query, country, minister, person, from, to.
    let mut parts = input.split('\0');
    let mut next = || parts.next().map(str::to_string);
    let query = next().unwrap_or_default();
    let mut filters = Filters::default();
    filters.countries.extend(next().filter(|s| !s.is_empty()));
    filters.ministers.extend(next().filter(|s| !s.is_empty()));
    filters.people.extend(next().filter(|s| !s.is_empty()));
    filters.from = next().filter(|s| !s.is_empty());
    filters.to = next().filter(|s| !s.is_empty());
    let sort = if query.len() % 2 == 0 {
        SortOrder::Relevance
    } else {
        SortOrder::Date
    };
    let options = SearchOptions {
        query,
        filters,
        limit: 3,
        sort,
        fragments: 2,
        ..SearchOptions::default()
    };
    let _ = search(index(), &options);
});
