//! In-process benchmarks of communique's hot paths (issue 6), with Criterion:
//!
//! - `extract/*`: decode, `parse_article` and `extract::mentions` per article
//!   over the sample articles of `corpus/`;
//! - `index/batch`: `index_folders` of a fresh index over copies of `corpus/`;
//! - `search/*`: `search::search` (top 10 with snippets) for a few queries and
//!   filters, on one opened index that keeps its searcher, as a library
//!   user would; `search/open_and_words` opens the index for each search,
//!   as the command does;
//! - `snippets/*`: snippet generation alone;
//! - `facets/*`: `--facets` and `--timeline` counts over every match.
//!
//! ```text
//! cargo bench --bench pipeline                 # everything, about 2 minutes
//! cargo bench --bench pipeline -- search/      # one group
//! COMMUNIQUE_BENCH_INDEX=DIR cargo bench --bench pipeline -- 'search/|facets/'
//! ```
//!
//! The search, snippet and facet benches run on an index of
//! `COPIES` copies of `corpus/` built once in a temporary folder, or on an
//! existing index given in `COMMUNIQUE_BENCH_INDEX` (for example the one
//! `benches/compare.sh` built at 1M articles). Each bench is kept short
//! (10 samples, a few seconds); whole-process figures and the comparison with
//! other engines are in `benches/compare.sh` and BENCHMARKS.md.

use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use tantivy::tokenizer::TokenStream;

use communique::article::parse_article;
use communique::decode::decode;
use communique::extract::mentions;
use communique::index::ingest::{index_folders, IndexOptions, NoProgress};
use communique::index::ArticleIndex;
use communique::search::facets::TimelineInterval;
use communique::search::snippet::Highlighter;
use communique::search::{search, Filters, SearchOptions};

/// Copies of the sample corpus in the index batch.
const BATCH_COPIES: usize = 10;
/// Copies of the sample corpus in the index the searches run on.
const COPIES: usize = 50;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The sample articles: (file name, bytes).
fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus_dir())
        .expect("corpus/ is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).expect("corpus file is readable");
            (name, bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .txt files in corpus/");
    files
}

/// A folder holding `copies` copies of the sample articles, each copy in its
/// own subfolder so that every file is a distinct article.
fn corpus_copies(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for copy in 0..copies {
        let sub = dir.path().join(format!("{copy:04}"));
        std::fs::create_dir_all(&sub).unwrap();
        for (name, bytes) in corpus_files() {
            std::fs::write(sub.join(name), bytes).unwrap();
        }
    }
    dir
}

fn build_index(folder: &Path, index_dir: &Path) {
    let options = IndexOptions::new(index_dir.to_path_buf(), vec![folder.to_path_buf()]);
    let summary = index_folders(&options, &NoProgress, &AtomicBool::new(false))
        .expect("indexing the benchmark corpus");
    black_box(summary);
}

// ---------------------------------------------------------------- extraction

fn bench_extract(c: &mut Criterion) {
    let files = corpus_files();
    let bytes: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let texts: Vec<String> = files
        .iter()
        .map(|(_, b)| decode(b).expect("sample articles decode").text)
        .collect();
    let articles: Vec<_> = texts.iter().map(|t| parse_article(t)).collect();

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("decode", |b| {
        b.iter(|| {
            for (_, raw) in &files {
                black_box(decode(black_box(raw)).ok());
            }
        })
    });
    group.bench_function("parse_article", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(parse_article(black_box(text)));
            }
        })
    });
    group.bench_function("mentions", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(mentions(black_box(article)));
            }
        })
    });
    group.bench_function("decode+parse+mentions", |b| {
        b.iter(|| {
            for (_, raw) in &files {
                let text = decode(black_box(raw)).expect("decodes").text;
                let article = parse_article(&text);
                black_box(mentions(&article));
            }
        })
    });
    group.finish();
}

// ---------------------------------------------------------------- indexing

fn bench_index(c: &mut Criterion) {
    let folder = corpus_copies(BATCH_COPIES);
    let articles = (corpus_files().len() * BATCH_COPIES) as u64;
    let mut group = c.benchmark_group("index");
    group.throughput(Throughput::Elements(articles));
    group.bench_function(format!("batch_{articles}_articles"), |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temporary index folder"),
            |index_dir| {
                build_index(folder.path(), &index_dir.path().join("index"));
                index_dir
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function(format!("unchanged_{articles}_articles"), |b| {
        let index_dir = tempfile::tempdir().expect("temporary index folder");
        let index_path = index_dir.path().join("index");
        build_index(folder.path(), &index_path);
        b.iter(|| build_index(folder.path(), &index_path))
    });
    group.finish();
}

// ---------------------------------------------------------------- queries

/// The index the query benches run on, and what keeps its folders alive.
struct QueryIndex {
    index: ArticleIndex,
    path: PathBuf,
    _folders: Option<(tempfile::TempDir, tempfile::TempDir)>,
    label: String,
}

fn query_index() -> QueryIndex {
    if let Some(dir) = std::env::var_os("COMMUNIQUE_BENCH_INDEX") {
        let dir = PathBuf::from(dir);
        let index = ArticleIndex::open(&dir).expect("COMMUNIQUE_BENCH_INDEX is an index");
        return QueryIndex {
            index,
            path: dir.clone(),
            _folders: None,
            label: dir.display().to_string(),
        };
    }
    let folder = corpus_copies(COPIES);
    let index_dir = tempfile::tempdir().expect("temporary index folder");
    let path = index_dir.path().join("index");
    build_index(folder.path(), &path);
    QueryIndex {
        index: ArticleIndex::open(&path).expect("the benchmark index opens"),
        path,
        _folders: Some((folder, index_dir)),
        label: format!("{COPIES} copies of corpus/"),
    }
}

fn options(query: &str) -> SearchOptions {
    SearchOptions {
        query: query.to_string(),
        ..SearchOptions::default()
    }
}

fn bench_queries(c: &mut Criterion) {
    let qi = query_index();
    eprintln!("search, snippet and facet benches on {}", qi.label);
    let index = &qi.index;

    let cases: Vec<(&str, SearchOptions)> = vec![
        ("words", options("diplomatic relations")),
        ("phrase", options("\"strategic partnership\"")),
        ("rare_word", options("humanitarian")),
        (
            "country_filter",
            SearchOptions {
                filters: Filters {
                    countries: vec!["Russia".into()],
                    ..Filters::default()
                },
                ..options("cooperation")
            },
        ),
        (
            "date_filter",
            SearchOptions {
                filters: Filters {
                    from: Some("2023-01".into()),
                    to: Some("2023-12".into()),
                    ..Filters::default()
                },
                ..options("cooperation")
            },
        ),
        (
            "all_by_date",
            SearchOptions {
                sort: communique::search::SortOrder::Date,
                ..options("")
            },
        ),
    ];
    let mut group = c.benchmark_group("search");
    for (name, opts) in &cases {
        search(index, opts).expect("benchmark query runs");
        group.bench_function(*name, |b| {
            b.iter(|| black_box(search(index, opts).unwrap()))
        });
    }
    // `ArticleIndex` keeps the searcher it opens, so the cases above reuse
    // one; a command opens the index and its segments for every search.
    let words = options("diplomatic relations");
    group.bench_function("open_and_words", |b| {
        b.iter(|| {
            let index = ArticleIndex::open(&qi.path).unwrap();
            black_box(search(&index, &words).unwrap())
        })
    });
    group.finish();

    let mut group = c.benchmark_group("facets");
    let facet_cases: Vec<(&str, SearchOptions)> = vec![
        (
            "facets_cooperation",
            SearchOptions {
                facets: true,
                ..options("cooperation")
            },
        ),
        (
            "facets_all_articles",
            SearchOptions {
                facets: true,
                ..options("")
            },
        ),
        (
            "timeline_month_all_articles",
            SearchOptions {
                timeline: Some(TimelineInterval::Month),
                ..options("")
            },
        ),
    ];
    for (name, opts) in &facet_cases {
        search(index, opts).expect("benchmark facet query runs");
        group.bench_function(*name, |b| {
            b.iter(|| black_box(search(index, opts).unwrap()))
        });
    }
    group.finish();

    // Snippets alone: the analyser of the body field over every sample body.
    let analyzer = index
        .index
        .tokenizer_for_field(index.fields.body)
        .expect("the body field has a tokenizer");
    let mut terms = HashSet::new();
    {
        let mut analyzer = analyzer.clone();
        let mut stream = analyzer.token_stream("diplomatic relations");
        while let Some(token) = stream.next() {
            terms.insert(token.text.clone());
        }
    }
    let highlighter = Highlighter::new(analyzer, terms);
    let bodies: Vec<String> = corpus_files()
        .iter()
        .map(|(_, b)| parse_article(&decode(b).unwrap().text).body)
        .collect();
    let bytes: u64 = bodies.iter().map(|b| b.len() as u64).sum();
    let mut group = c.benchmark_group("snippets");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("two_220_char_passages_per_body", |b| {
        b.iter(|| {
            for body in &bodies {
                black_box(highlighter.snippets(black_box(body), 220, 2));
            }
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_extract, bench_index, bench_queries
}
criterion_main!(benches);
