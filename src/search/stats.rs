//! The index at a glance (`communique stats`) and who-with-whom
//! (`communique pairs`), both counted over fast fields like search facets.

use std::path::Path;

use serde::Serialize;
use tantivy::query::{AllQuery, Query};

use super::facets::{
    count_in_parallel, BreakdownCollector, FacetCount, PairCount, TimelineInterval,
};
use super::{lookup_country, parse_text_query, searcher, with_filters, Filters};
use crate::error::Result;
use crate::index::ArticleIndex;

/// What `communique stats` reports.
#[derive(Clone, Debug, Serialize)]
pub struct IndexStats {
    pub index: String,
    pub articles: u64,
    pub size_bytes: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Oldest year first.
    pub per_year: Vec<FacetCount>,
    pub without_date: u64,
    pub top_countries: Vec<FacetCount>,
    pub top_ministers: Vec<FacetCount>,
    pub top_people: Vec<FacetCount>,
    pub folders: Vec<FacetCount>,
}

/// Counts over the whole index.
pub fn stats(article_index: &ArticleIndex, top: usize) -> Result<IndexStats> {
    let searcher = searcher(article_index)?;
    let collector = BreakdownCollector {
        terms: true,
        timeline: Some(TimelineInterval::Year),
    };
    let breakdown = count_in_parallel(&searcher, &AllQuery, &collector)
        .map_err(|e| article_index.index_error(e))?;
    let facets = breakdown.facets(top);
    let mut per_year = breakdown.facets(usize::MAX).years;
    per_year.reverse();
    let range = breakdown.date_range();
    Ok(IndexStats {
        index: article_index.dir.display().to_string(),
        articles: searcher.num_docs(),
        size_bytes: folder_size(&article_index.dir),
        first_date: range.as_ref().map(|r| r.0.clone()),
        last_date: range.map(|r| r.1),
        per_year,
        without_date: breakdown.timeline(TimelineInterval::Year).undated,
        top_countries: facets.countries,
        top_ministers: facets.ministers,
        top_people: facets.people,
        folders: breakdown.folder_counts(),
    })
}

fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.metadata().ok())
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len())
        .sum()
}

/// What `communique pairs` reports.
#[derive(Clone, Debug, Serialize)]
pub struct PairsReport {
    pub query: String,
    /// The country every pair includes, when one was given.
    pub country: Option<String>,
    /// Matching articles.
    pub total: usize,
    pub pairs: Vec<PairCount>,
}

/// The most frequent pairs of countries named together in the articles
/// matching `query` and `filters`; with `country`, only its pairs.
pub fn pairs(
    article_index: &ArticleIndex,
    query: &str,
    filters: &Filters,
    country: Option<&str>,
    top: usize,
) -> Result<PairsReport> {
    let searcher = searcher(article_index)?;
    let mut filters = filters.clone();
    let focus = match country {
        Some(given) => {
            let entry = lookup_country(given)?;
            filters.with.push(entry.code.to_string());
            Some(entry.name)
        }
        None => None,
    };
    let text_query = parse_text_query(article_index, query)?;
    let filtered = with_filters(&article_index.fields, text_query, &filters)?;
    let collector = BreakdownCollector {
        terms: true,
        timeline: None,
    };
    let (breakdown, total) = count_in_parallel(
        &searcher,
        &filtered as &dyn Query,
        &(collector, tantivy::collector::Count),
    )
    .map_err(|e| article_index.index_error(e))?;
    let pairs = match focus {
        Some(name) => breakdown
            .country_counts()
            .into_iter()
            .filter(|c| c.value != name)
            .take(top)
            .map(|c| PairCount {
                countries: [name.to_string(), c.value],
                count: c.count,
            })
            .collect(),
        None => breakdown.facets(top).pairs,
    };
    Ok(PairsReport {
        query: query.to_string(),
        country: focus.map(str::to_string),
        total,
        pairs,
    })
}
