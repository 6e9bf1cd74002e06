//! A query and filters to ranked hits: plain structs that the output module
//! prints and tests inspect. Ranking is tantivy's BM25 over title and body,
//! with title matches weighted up and an exact phrase of the query's words
//! ranked above the same words apart.

mod exclusion;
pub mod facets;
mod order;
mod phrase;
pub mod snippet;
pub mod stats;

use std::collections::HashSet;
use std::ops::Bound;

use jiff::civil::Date;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{
    AllQuery, Bm25Weight, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring,
    MoreLikeThisQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue};
use tantivy::{
    DocAddress, DocSet, Searcher, SeekDangerResult, SegmentReader, TantivyDocument, Term,
};

use crate::error::{Error, Result};
use crate::extract::countries::{self, gazetteer, KnownCountry};
use crate::extract::people::{given_name_forms, name_search_words};
use crate::index::{article_id, to_tantivy_date, ArticleIndex, Fields, StoredArticle};
use facets::{BreakdownCollector, Facets, Timeline, TimelineInterval};
use snippet::{Highlighter, Snippet};

/// How hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// Restrictions on which articles may match.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Any of these countries (names, adjectives or codes).
    pub countries: Vec<String>,
    /// All of these countries together.
    pub with: Vec<String>,
    /// Each of these ministers ("lavrov", "Sergei Lavrov").
    pub ministers: Vec<String>,
    /// Each of these people.
    pub people: Vec<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// What `communique search` was asked for.
#[derive(Clone, Debug)]
pub struct SearchOptions {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
    /// Longest snippet, in characters.
    pub snippet_chars: usize,
    pub fragments: usize,
    /// Cut snippets and mark title matches; a list of ids or paths needs
    /// neither, and the snippets are most of the time a page of hits takes.
    pub snippets: bool,
    /// Count countries, ministers, people, years and pairs over all matches.
    pub facets: bool,
    /// How many values of each facet to report.
    pub facet_size: usize,
    pub timeline: Option<TimelineInterval>,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            query: String::new(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            sort: SortOrder::Relevance,
            snippet_chars: 220,
            fragments: 2,
            snippets: true,
            facets: false,
            facet_size: 10,
            timeline: None,
        }
    }
}

/// One matching article.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub rank: usize,
    /// BM25 score; absent when sorted by date.
    pub score: Option<f32>,
    #[serde(flatten)]
    pub article: StoredArticle,
    /// Where the query's words fall in the title.
    pub title_highlights: Vec<[usize; 2]>,
    /// The best passages, best first.
    pub snippets: Vec<Snippet>,
}

/// The page of hits asked for and how many articles match in all.
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// For `similar`: the id of the article the hits read like. Its total
    /// counts every article sharing a word with it, not close matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similar_to: Option<String>,
    pub total: usize,
    pub offset: usize,
    pub hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
}

/// Runs a search.
pub fn search(article_index: &ArticleIndex, options: &SearchOptions) -> Result<SearchResults> {
    let searcher = searcher(article_index)?;
    let text_query = parse_text_query(article_index, &options.query)?;
    let phrases = exact_phrase_queries(article_index, &options.query);
    let query = with_filters(
        &article_index.fields,
        text_query.box_clone(),
        &options.filters,
    )?;
    collect_hits(
        article_index,
        &searcher,
        &query,
        text_query.as_ref(),
        &phrases,
        options,
        None,
    )
}

/// The articles that read most like `target` (tantivy's more-like-this over
/// title and body), with the same filters, page and output as a search.
pub fn similar(
    article_index: &ArticleIndex,
    target: &str,
    options: &SearchOptions,
) -> Result<SearchResults> {
    let fields = &article_index.fields;
    let searcher = searcher(article_index)?;
    let (address, article) = find_article(article_index, &searcher, target)?;
    let like_this = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(2)
        .with_max_doc_frequency(searcher.num_docs().max(4) / 4)
        .with_min_term_frequency(1)
        .with_max_query_terms(40)
        .with_min_word_length(3)
        .with_stop_words(STOP_WORDS.iter().map(|w| w.to_string()).collect())
        .with_document_fields(vec![
            (fields.title, vec![OwnedValue::Str(article.title.clone())]),
            (fields.body, vec![OwnedValue::Str(article.body.clone())]),
        ]);
    let not_itself = BooleanQuery::new(vec![
        (Occur::Must, Box::new(like_this) as Box<dyn Query>),
        (Occur::MustNot, term_query(fields.id, &article.id)),
    ]);
    let query = with_filters(fields, Box::new(not_itself), &options.filters)?;
    let mut results = collect_hits(
        article_index,
        &searcher,
        &query,
        &query,
        &[],
        options,
        Some(address),
    )?;
    results.query = format!("like {}", article.id);
    results.similar_to = Some(article.id);
    Ok(results)
}

fn searcher(article_index: &ArticleIndex) -> Result<Searcher> {
    article_index.searcher()
}

/// The text query made stricter by the filters.
fn with_filters(fields: &Fields, query: Box<dyn Query>, filters: &Filters) -> Result<BooleanQuery> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    // A filter says which articles may match, never how well: scored, a
    // country or minister term added its own BM25, which favoured articles
    // naming few countries or people and reordered the hits.
    clauses.extend(filter_clauses(fields, filters)?.into_iter().map(
        |(occur, filter)| -> (Occur, Box<dyn Query>) {
            (occur, Box::new(ConstScoreQuery::new(filter, 0.0)))
        },
    ));
    Ok(BooleanQuery::new(clauses))
}

/// Ranks, pages and loads the hits of `query`; snippets mark the terms of
/// `highlight`. By relevance, the best matches also score `phrases`, if any
/// (see [`PHRASE_RERANK_DEPTH`]). `exclude` is never returned (the article
/// `similar` started from).
fn collect_hits(
    article_index: &ArticleIndex,
    searcher: &Searcher,
    query: &dyn Query,
    highlight: &dyn Query,
    phrases: &[RerankPhrase],
    options: &SearchOptions,
    exclude: Option<DocAddress>,
) -> Result<SearchResults> {
    let fields = &article_index.fields;
    check_page(options)?;
    // An error the query itself causes (a field:* on a field that cannot
    // answer it) is the query's fault, not the index's.
    let index_error = |e| match e {
        tantivy::TantivyError::SchemaError(reason) => Error::QuerySyntax {
            query: options.query.clone(),
            reason,
        },
        other => article_index.index_error(other),
    };
    let top = TopDocs::with_limit(options.limit.max(1)).and_offset(options.offset);
    let (scored, total): (Vec<(Option<f32>, DocAddress)>, usize) = match options.sort {
        SortOrder::Relevance => {
            let page_end = options.offset + options.limit.max(1);
            let depth = match phrases {
                [] => page_end,
                _ => page_end.max(PHRASE_RERANK_DEPTH),
            };
            let best = TopDocs::with_limit(depth).order_by(order::ScoreThenContent);
            let (ranked, total) = rank(searcher, query, &(best, Count)).map_err(index_error)?;
            let mut docs: Vec<Ranked> = ranked
                .into_iter()
                .map(|(key, address)| Ranked {
                    score: key.score(),
                    tie: key.tie(),
                    address,
                })
                .collect();
            add_phrase_scores(searcher, phrases, &mut docs, page_end).map_err(index_error)?;
            let page = docs
                .into_iter()
                .skip(options.offset)
                .take(options.limit.max(1));
            (page.map(|d| (Some(d.score), d.address)).collect(), total)
        }
        SortOrder::Date => {
            let newest = top.order_by(order::DateThenContent);
            let (docs, total) = rank(searcher, query, &(newest, Count)).map_err(index_error)?;
            (docs.into_iter().map(|(_, d)| (None, d)).collect(), total)
        }
    };
    let scored: Vec<(Option<f32>, DocAddress)> = if options.limit == 0 {
        Vec::new()
    } else {
        scored
            .into_iter()
            .filter(|(_, d)| Some(*d) != exclude)
            .collect()
    };

    let (facets, timeline) = if options.facets || options.timeline.is_some() {
        let collector = BreakdownCollector {
            terms: options.facets,
            timeline: options.timeline,
        };
        let breakdown =
            facets::count_in_parallel(searcher, query, &collector).map_err(index_error)?;
        (
            options.facets.then(|| breakdown.facets(options.facet_size)),
            options
                .timeline
                .map(|interval| breakdown.timeline(interval)),
        )
    } else {
        (None, None)
    };

    let highlighter = highlighter(searcher, highlight, fields)?;
    let load_hit = |(i, (score, address)): (usize, (Option<f32>, DocAddress))| -> Result<Hit> {
        let doc: TantivyDocument = searcher.doc(address).map_err(index_error)?;
        let article = StoredArticle::from_document(&doc, fields);
        let (snippets, title_highlights) = if options.snippets {
            (
                highlighter.snippets(
                    &article.body,
                    options.snippet_chars,
                    options.fragments.max(1),
                ),
                highlighter.highlight_whole(&article.title).highlights,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Hit {
            rank: options.offset + i + 1,
            score,
            article,
            title_highlights,
            snippets,
        })
    };
    let hits = map_on_two_threads(scored.into_iter().enumerate().collect(), load_hit)
        .into_iter()
        .collect::<Result<Vec<Hit>>>()?;
    Ok(SearchResults {
        query: options.query.clone(),
        similar_to: None,
        total,
        offset: options.offset,
        hits,
        facets,
        timeline,
    })
}

/// A match by relevance, with what breaks a tie of its score
/// ([`order::ScoreKey::tie`]: greater first).
struct Ranked {
    score: f32,
    tie: u32,
    address: DocAddress,
}

/// Above this many articles, a page of hits is ranked on all cores, one
/// segment per thread: scoring and counting every match of a common word
/// in a million articles takes tens of milliseconds, starting two threads
/// a tenth of one.
const PARALLEL_RANKING_ARTICLES: u64 = 200_000;

fn rank<C: tantivy::collector::Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    if searcher.num_docs() >= PARALLEL_RANKING_ARTICLES {
        facets::count_in_parallel(searcher, query, collector)
    } else {
        searcher.search(query, collector)
    }
}

/// How many of the best matches by words alone also score the exact
/// phrase, and are ranked again. Scoring the phrase means reading word
/// positions, and doing so for every match was three quarters of a
/// two-word search; an article whose phrase would lift it into the first
/// pages is, in practice, among the best few hundred matches already. The
/// depth does not depend on the page, so pages never overlap.
const PHRASE_RERANK_DEPTH: usize = 500;

/// Adds the scores of `phrases` to the first [`PHRASE_RERANK_DEPTH`] of
/// `docs` (best first) and sorts those again: the same scores a query with
/// the phrases as optional clauses gives, for the first `page_end` at least.
///
/// Each of the first `page_end` ends with at least the score of its words,
/// so the page's last ends with at least the words' score of the
/// `page_end`th. A match below that whose words score, with the most its
/// phrases could add ([`PhraseCeiling`]), less than that can never reach
/// the page: it is not read again, and keeps its words' score, below every
/// score on the page.
fn add_phrase_scores(
    searcher: &Searcher,
    phrases: &[RerankPhrase],
    docs: &mut [Ranked],
    page_end: usize,
) -> tantivy::Result<()> {
    if phrases.is_empty() {
        return Ok(());
    }
    let depth = docs.len().min(PHRASE_RERANK_DEPTH);
    let best = docs.get_mut(..depth).unwrap_or_default();
    let lowest_on_page = page_end
        .checked_sub(1)
        .and_then(|last| best.get(last))
        .map(|ranked| ranked.score);
    let may_reach: Vec<bool> = match (lowest_on_page, PhraseCeiling::new(searcher, phrases)) {
        (Some(lowest), Some(ceiling)) => best
            .iter()
            .enumerate()
            .map(|(i, ranked)| i < page_end || ranked.score + ceiling.most_added(ranked) >= lowest)
            .collect(),
        _ => vec![true; depth],
    };
    score_phrases(searcher, phrases, best, |i| {
        may_reach.get(i).copied().unwrap_or(false)
    })?;
    let order = |a: &Ranked, b: &Ranked| {
        (b.score.total_cmp(&a.score))
            .then(b.tie.cmp(&a.tie))
            .then(a.address.cmp(&b.address))
    };
    // Only the page is shown: the rest need only be below it.
    if page_end < best.len() {
        best.select_nth_unstable_by(page_end, order);
    }
    if let Some(page) = best.get_mut(..page_end) {
        page.sort_unstable_by(order);
    } else {
        best.sort_unstable_by(order);
    }
    Ok(())
}

/// Adds the scores of `phrases` to the documents of `best` whose index
/// `wanted` accepts.
fn score_phrases(
    searcher: &Searcher,
    phrases: &[RerankPhrase],
    best: &mut [Ranked],
    wanted: impl Fn(usize) -> bool,
) -> tantivy::Result<()> {
    // Scorers only move forward: visit each segment's documents in order.
    let mut order: Vec<(DocAddress, usize)> = best
        .iter()
        .enumerate()
        .filter(|(i, _)| wanted(*i))
        .map(|(i, ranked)| (ranked.address, i))
        .collect();
    if order.is_empty() {
        return Ok(());
    }
    order.sort_unstable();
    let enable_scoring = EnableScoring::enabled_from_searcher(searcher);
    for phrase in phrases {
        let mut seeking: Option<Box<dyn Weight>> = None;
        let mut forward: Option<Box<dyn Weight>> = None;
        for run in order.chunk_by(|a, b| a.0.segment_ord == b.0.segment_ord) {
            let Some((first, _)) = run.first() else {
                continue;
            };
            let reader = searcher.segment_reader(first.segment_ord);
            let weight = match (&phrase.forward, phrase.reads_forward(reader, run.len())?) {
                (Some(query), true) => match &mut forward {
                    Some(weight) => weight,
                    empty => empty.insert(query.weight(enable_scoring)?),
                },
                _ => match &mut seeking {
                    Some(weight) => weight,
                    empty => empty.insert(phrase.seeking.weight(enable_scoring)?),
                },
            };
            let mut scorer = weight.scorer(reader, 1.0)?;
            // Only whether each document holds the phrase matters, not which
            // document holds it next: `seek_danger` asks just that, and
            // leaves the scorer valid only where the answer is yes.
            let mut current = scorer.doc();
            let mut valid = true;
            for (address, i) in run {
                let target = address.doc_id;
                let found = if target < current {
                    false
                } else if target == current && valid {
                    true
                } else {
                    match scorer.seek_danger(target) {
                        SeekDangerResult::Found => {
                            (current, valid) = (target, true);
                            true
                        }
                        SeekDangerResult::SeekLowerBound(bound) => {
                            (current, valid) = (bound, false);
                            false
                        }
                    }
                };
                if let (true, Some(ranked)) = (found, best.get_mut(*i)) {
                    ranked.score += scorer.score();
                }
            }
        }
    }
    Ok(())
}

/// The most the phrases can add to a match, from what its words scored.
///
/// A match of plain words scores the sum of each word's BM25 in the body
/// and, times [`TITLE_BOOST`], in the title, none of them negative. A
/// phrase occurs in a field no more often than each of its words, and BM25
/// grows with a word's count: at the phrase's count, its words' BM25 in
/// that field add up to no more than the match's score. That caps the
/// phrase's count, and its own BM25 grows with its count too. Of the 490
/// matches below a first page of `climate change`, `united nations` or
/// `diplomatic relations` in the 17k real articles, 15 to 84 are read
/// again; of generated articles, much alike, nearly all still are.
struct PhraseCeiling {
    fields: Vec<FieldCeiling>,
    /// By segment, then as `fields`: each field's norms. None when a
    /// field has none, and no ceiling can be worked out.
    norms: Vec<Option<Vec<FieldNormReader>>>,
}

struct FieldCeiling {
    field: Field,
    /// The phrase's BM25, with its boost, as its scorer gives it.
    phrase: Bm25Weight,
    /// Each of its words' BM25 as the words' query scores it.
    words: Vec<Bm25Weight>,
}

/// Rounding: the sums of scores the words' query and this bound make may
/// differ in their last bits.
const CEILING_MARGIN: f32 = 1e-3;

impl PhraseCeiling {
    /// None, and nothing is left out, when a phrase has fewer than two
    /// terms or its words' statistics cannot be read.
    fn new(searcher: &Searcher, phrases: &[RerankPhrase]) -> Option<PhraseCeiling> {
        let mut fields = Vec::with_capacity(phrases.len());
        for phrase in phrases {
            if phrase.terms.len() < 2 {
                return None;
            }
            let word_boost = phrase.word_boost;
            let words = phrase
                .terms
                .iter()
                .map(|term| {
                    Bm25Weight::for_terms(searcher, std::slice::from_ref(term))
                        .map(|weight| weight.boost_by(word_boost))
                })
                .collect::<tantivy::Result<Vec<_>>>()
                .ok()?;
            let weight = Bm25Weight::for_terms(searcher, &phrase.terms).ok()?;
            fields.push(FieldCeiling {
                field: phrase.field,
                phrase: weight.boost_by(phrase.boost),
                words,
            });
        }
        let norms = searcher
            .segment_readers()
            .iter()
            .map(|reader| {
                fields
                    .iter()
                    .map(|field| reader.fieldnorms_readers().get_field(field.field).ok()?)
                    .collect::<Option<Vec<_>>>()
            })
            .collect();
        Some(PhraseCeiling { fields, norms })
    }

    fn most_added(&self, ranked: &Ranked) -> f32 {
        let segment = ranked.address.segment_ord as usize;
        let Some(Some(norms)) = self.norms.get(segment) else {
            return f32::INFINITY;
        };
        let allowed = ranked.score * (1.0 + CEILING_MARGIN) + CEILING_MARGIN;
        let mut most = 0.0;
        for (field, norms) in self.fields.iter().zip(norms) {
            let norm = norms.fieldnorm_id(ranked.address.doc_id);
            let count = field.most_phrases(norm, allowed);
            if count > 0 {
                most += field.phrase.score(norm, count);
            }
        }
        most * (1.0 + CEILING_MARGIN)
    }
}

impl FieldCeiling {
    /// The most times the phrase can occur in this field of an article of
    /// norm `norm` whose words scored `allowed`. Each word occurs at least
    /// as often as the phrase, so the words' BM25 at the phrase's count
    /// add up to no more than `allowed`.
    fn most_phrases(&self, norm: u8, allowed: f32) -> u32 {
        let each_alone = self
            .words
            .iter()
            .map(|word| most_occurrences(word, norm, allowed))
            .min()
            .unwrap_or(0);
        let fits = |count: u32| {
            let sum: f32 = self.words.iter().map(|w| w.score(norm, count)).sum();
            sum <= allowed
        };
        let upper = each_alone.min(SUMMED_COUNT_LIMIT);
        if upper == 0 || fits(upper) {
            return each_alone;
        }
        // The largest count that fits, below `upper`.
        let (mut fitting, mut too_many) = (0, upper);
        while too_many - fitting > 1 {
            let middle = fitting + (too_many - fitting) / 2;
            if fits(middle) {
                fitting = middle;
            } else {
                too_many = middle;
            }
        }
        fitting
    }
}

/// Where the words together still allow this many, what each alone allows
/// is the answer: a phrase that often is beyond any cap worth the search.
const SUMMED_COUNT_LIMIT: u32 = 1 << 16;

/// The largest count of a word whose BM25 (`weight`, field norm `norm`)
/// stays within `allowed`; u32::MAX when every count does.
fn most_occurrences(weight: &Bm25Weight, norm: u8, allowed: f32) -> u32 {
    if weight.score(norm, 1) > allowed {
        return 0;
    }
    let most = f64::from(weight.max_score());
    if f64::from(allowed) >= most {
        return u32::MAX;
    }
    // tantivy's BM25 is `most * count / (count + k)`, k set by the norm:
    // solved for the count, then settled on tantivy's own scores.
    let once = f64::from(weight.score(norm, 1));
    let k = most / once - 1.0;
    let solved = f64::from(allowed) * k / (most - f64::from(allowed));
    let mut count = solved.clamp(1.0, f64::from(u32::MAX / 2)) as u32;
    // Rounding moves the answer by a step or two. Where scores stop
    // growing in the last bit, give up on an answer: too many is safe.
    for _ in 0..SETTLE_STEPS {
        if count > 1 && weight.score(norm, count) > allowed {
            count -= 1;
        } else {
            break;
        }
    }
    for _ in 0..SETTLE_STEPS {
        if weight.score(norm, count + 1) > allowed {
            return count;
        }
        count += 1;
    }
    u32::MAX
}

const SETTLE_STEPS: usize = 64;

/// The exact phrase of a query's words in one field, which ranks the best
/// matches by words again. It is read one of two ways, whichever reads
/// less: tantivy's phrase query jumps to each document asked for but adds
/// up frequencies within a block for each; [`phrase::ExactPhrase`] never
/// jumps but decodes every block of the words' postings.
struct RerankPhrase {
    seeking: Box<dyn Query>,
    forward: Option<Box<dyn Query>>,
    field: Field,
    terms: Vec<Term>,
    /// The phrase's boost.
    boost: f32,
    /// The boost of its words, one by one, in the words' query.
    word_boost: f32,
}

/// Read forward when the words' postings hold at most this many blocks per
/// document asked for.
const FORWARD_BLOCKS_PER_VISIT: u64 = 2;

impl RerankPhrase {
    fn reads_forward(&self, reader: &SegmentReader, visits: usize) -> tantivy::Result<bool> {
        let inverted_index = reader.inverted_index(self.field)?;
        let mut most = 0;
        for term in &self.terms {
            most = most.max(inverted_index.doc_freq(term)?);
        }
        let blocks = u64::from(most).div_ceil(POSTINGS_BLOCK);
        Ok(blocks <= visits as u64 * FORWARD_BLOCKS_PER_VISIT)
    }
}

/// Documents per block of a posting list (tantivy's `COMPRESSION_BLOCK_SIZE`).
const POSTINGS_BLOCK: u64 = 128;

/// Pages of at least this many hits are loaded on two threads. For a page
/// of ten, starting the second costs about what it saves: four queries at
/// 17k, 80 alternating runs each, p50 3.7-4.1 ms with it and 3.4-3.8 ms
/// without; an hour later 0.04-0.2 ms less without at 17k, 0.1-0.17 ms
/// more at 100k. A page of a hundred gains (10.6 against 11.5 ms).
const HITS_WORTH_A_THREAD: usize = 64;

/// `f` over `items`, in order, the first half on a second thread when there
/// are enough: loading and decompressing a hit's article and cutting its
/// snippets is most of what a long page waits for, and it splits evenly.
fn map_on_two_threads<T: Send, R: Send>(mut items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    if items.len() < HITS_WORTH_A_THREAD {
        return items.into_iter().map(f).collect();
    }
    let second_half = items.split_off(items.len() / 2);
    std::thread::scope(|scope| {
        let f = &f;
        let first = scope.spawn(move || items.into_iter().map(f).collect::<Vec<R>>());
        let second: Vec<R> = second_half.into_iter().map(f).collect();
        match first.join() {
            Ok(mut results) => {
                results.extend(second);
                results
            }
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The most hits one page may hold, and the furthest it may start: tantivy
/// allocates for offset + limit hits at once.
const MAX_LIMIT: usize = 100_000;
const MAX_OFFSET: usize = 10_000_000;

fn check_page(options: &SearchOptions) -> Result<()> {
    if options.limit > MAX_LIMIT {
        return Err(Error::BadPage(format!(
            "--limit {} is more than {MAX_LIMIT} hits; page with --offset instead",
            options.limit
        )));
    }
    if options.offset > MAX_OFFSET {
        return Err(Error::BadPage(format!(
            "--offset {} is beyond {MAX_OFFSET}; narrow the search with filters instead",
            options.offset
        )));
    }
    Ok(())
}

/// An article named by its id (as search prints it) or by its file's path.
pub fn find_article(
    article_index: &ArticleIndex,
    searcher: &Searcher,
    id_or_path: &str,
) -> Result<(DocAddress, StoredArticle)> {
    let fields = &article_index.fields;
    let by_path = std::path::Path::new(id_or_path)
        .canonicalize()
        .ok()
        .map(|p| crate::index::ingest::path_key(&p));
    let candidates = [
        Some((fields.id, id_or_path.trim().to_lowercase())),
        by_path.map(|p| (fields.id, article_id(&p))),
        Some((fields.id, article_id(id_or_path))),
    ];
    for (field, value) in candidates.into_iter().flatten() {
        let query = TermQuery::new(
            Term::from_field_text(field, &value),
            IndexRecordOption::Basic,
        );
        let found = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| article_index.index_error(e))?;
        if let Some((_, address)) = found.into_iter().next() {
            let doc: TantivyDocument = searcher
                .doc(address)
                .map_err(|e| article_index.index_error(e))?;
            return Ok((address, StoredArticle::from_document(&doc, fields)));
        }
    }
    Err(Error::NoSuchArticle(id_or_path.to_string()))
}

/// A whole article for `communique show`, with the words of `query` marked.
#[derive(Clone, Debug, Serialize)]
pub struct ShownArticle {
    #[serde(flatten)]
    pub article: StoredArticle,
    pub body: String,
    /// Character ranges of the query's words in `body`.
    pub body_highlights: Vec<[usize; 2]>,
    pub title_highlights: Vec<[usize; 2]>,
}

/// Loads one article whole.
pub fn show(
    article_index: &ArticleIndex,
    id_or_path: &str,
    query: Option<&str>,
) -> Result<ShownArticle> {
    let searcher = searcher(article_index)?;
    let (_, article) = find_article(article_index, &searcher, id_or_path)?;
    let text_query = parse_text_query(article_index, query.unwrap_or(""))?;
    let highlighter = highlighter(&searcher, text_query.as_ref(), &article_index.fields)?;
    let body_highlights = highlighter.highlight_whole(&article.body).highlights;
    let title_highlights = highlighter.highlight_whole(&article.title).highlights;
    Ok(ShownArticle {
        body: article.body.clone(),
        article,
        body_highlights,
        title_highlights,
    })
}

/// Words too common to say what an article is about, for `similar`.
const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "this", "from", "have", "has", "was", "were", "are",
    "will", "which", "their", "its", "our", "also", "been", "between", "both", "all", "not", "but",
    "they", "them", "his", "her", "who", "would", "should", "can", "into", "more", "other",
    "these", "those", "such", "than", "over", "under", "about", "after", "during", "said", "noted",
    "today", "two", "one", "any", "may",
];

/// A word found in the title counts this many times one in the body.
const TITLE_BOOST: f32 = 2.0;

/// The user's query over title and body: all words required, title matches
/// worth twice body matches.
fn parse_text_query(article_index: &ArticleIndex, text: &str) -> Result<Box<dyn Query>> {
    let fields = &article_index.fields;
    if text.trim().is_empty() {
        return Ok(Box::new(AllQuery));
    }
    let original = text;
    let text = &query_syntax(text);
    let mut parser = QueryParser::for_index(&article_index.index, vec![fields.title, fields.body]);
    parser.set_conjunction_by_default();
    let syntax_error = |err| Error::QuerySyntax {
        query: original.to_string(),
        reason: describe_query_error(&err),
    };
    // tantivy hides the phrase inside a boosted clause: the query parsed
    // without the title boost shows it, for phrase::exact_phrases.
    let plain = parser.parse_query(text).map_err(syntax_error)?;
    parser.set_field_boost(fields.title, TITLE_BOOST);
    let boosted = parser.parse_query(text).map_err(syntax_error)?;
    let query = phrase::exact_phrases(boosted, plain.as_ref(), TITLE_BOOST);
    Ok(exclusion::steady_exclusions(query))
}

/// For a plain list of words, the words as an exact phrase in the title and
/// in the body, worth twice the words apart: "diplomatic relations" ranks
/// articles with the phrase first.
fn exact_phrase_queries(article_index: &ArticleIndex, text: &str) -> Vec<RerankPhrase> {
    let fields = &article_index.fields;
    let text = query_syntax(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let plain_words = words.len() > 1
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphanumeric() || c == '\'' || c == '’')
        })
        && !words.iter().any(|w| matches!(*w, "AND" | "OR" | "NOT"));
    if !plain_words {
        return Vec::new();
    }
    let phrase = format!("\"{}\"", words.join(" "));
    [(fields.title, 4.0, TITLE_BOOST), (fields.body, 2.0, 1.0)]
        .into_iter()
        .filter_map(|(field, boost, word_boost)| {
            let parser = QueryParser::for_index(&article_index.index, vec![field]);
            let query = parser.parse_query(&phrase).ok()?;
            let boosted = |query: Box<dyn Query>| -> Box<dyn Query> {
                Box::new(BoostQuery::new(query, boost))
            };
            let terms = query
                .downcast_ref::<PhraseQuery>()
                .map(|phrase| phrase.phrase_terms())
                .unwrap_or_default();
            Some(RerankPhrase {
                forward: phrase::exact_phrase(query.as_ref()).map(boosted),
                seeking: boosted(query),
                field,
                terms,
                boost,
                word_boost,
            })
        })
        .collect()
}

/// Fields a user can name in `field:value`.
const SEARCHABLE_FIELDS: &str =
    "title, body, country (canonical name), country_code, minister, person (full names), year";

/// A query as typed or pasted, in the syntax tantivy's parser reads.
/// Typographic quotes (“ ” „ « ») are phrase quotes, as '"' is; a phrase
/// left open ends with the query, rather than making it a syntax error.
fn query_syntax(text: &str) -> String {
    let mut straight: String = text
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '‟' | '«' | '»' => '"',
            other => other,
        })
        .collect();
    if straight.matches('"').count() % 2 == 1 {
        straight.push('"');
    }
    without_apostrophes(&straight)
}

/// Apostrophes inside words ("Blinken's", "d'Affaires", "O’Neill") are
/// syntax to tantivy's query parser but word separators to its tokenizer:
/// a possessive 's goes, any other apostrophe becomes a space.
fn without_apostrophes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let inside_word = matches!(c, '\'' | '’')
            && i > 0
            && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric())
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if !inside_word {
            out.push(c);
            i += 1;
            continue;
        }
        let possessive = chars.get(i + 1).is_some_and(|n| *n == 's' || *n == 'S')
            && !chars.get(i + 2).is_some_and(|n| n.is_alphanumeric());
        if possessive {
            i += 2;
        } else {
            out.push(' ');
            i += 1;
        }
    }
    out
}

fn describe_query_error(err: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match err {
        E::SyntaxError(detail) if detail.is_empty() => {
            "syntax error (check quotes, parentheses and field:value pairs)".into()
        }
        E::SyntaxError(detail) => format!("syntax error near '{detail}'"),
        E::FieldDoesNotExist(field) => {
            format!("there is no field '{field}'. Fields: {SEARCHABLE_FIELDS}")
        }
        E::FieldNotIndexed(field) => {
            format!("the field '{field}' cannot be searched. Fields: {SEARCHABLE_FIELDS}")
        }
        E::AllButQueryForbidden | E::NoDefaultFieldDeclared => {
            "a query cannot only exclude words; add a word to find".into()
        }
        E::ExpectedInt(_) => "a number was expected after 'year:' (e.g. year:2022)".into(),
        E::DateFormatError(_) => {
            "dates in a query are RFC 3339 (2022-03-01T00:00:00Z); use --from and --to instead"
                .into()
        }
        other => other.to_string(),
    }
}

fn filter_clauses(fields: &Fields, filters: &Filters) -> Result<Vec<(Occur, Box<dyn Query>)>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !filters.countries.is_empty() {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for given in &filters.countries {
            let entry = lookup_country(given)?;
            any.push((Occur::Should, term_query(fields.country_code, entry.code)));
        }
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    for given in &filters.with {
        let entry = lookup_country(given)?;
        clauses.push((Occur::Must, term_query(fields.country_code, entry.code)));
    }
    for (field, names) in [
        (fields.minister_words, &filters.ministers),
        (fields.person_words, &filters.people),
    ] {
        for name in names {
            let words = name_search_words(name);
            // A middle initial narrows nothing, and the spelling the index
            // kept may lack it: "Joseph R. Biden" finds "Joe Biden".
            let initial = |word: &String| words.len() > 1 && word.chars().count() == 1;
            for word in words.iter().filter(|word| !initial(word)) {
                // "Joe Biden" finds "Joseph R. Biden", and the other way.
                let forms = given_name_forms(word);
                let query = match forms.as_slice() {
                    [only] => term_query(field, only),
                    _ => Box::new(BooleanQuery::new(
                        forms
                            .iter()
                            .map(|form| (Occur::Should, term_query(field, form)))
                            .collect(),
                    )),
                };
                clauses.push((Occur::Must, query));
            }
        }
    }
    let from = filters.from.as_deref().map(parse_date_bound).transpose()?;
    let to = filters.to.as_deref().map(parse_date_bound).transpose()?;
    if let (Some((from_start, _)), Some((_, to_end)), Some(f), Some(t)) =
        (from, to, &filters.from, &filters.to)
    {
        if from_start >= to_end {
            return Err(Error::EmptyDateRange {
                from: f.clone(),
                to: t.clone(),
            });
        }
    }
    if from.is_some() || to.is_some() {
        let lower = match from {
            Some((start, _)) => Bound::Included(date_term(fields.date, start)),
            None => Bound::Unbounded,
        };
        let upper = match to {
            Some((_, end)) => Bound::Excluded(date_term(fields.date, end)),
            None => Bound::Unbounded,
        };
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    Ok(clauses)
}

/// The country a user names, or an error that suggests the closest name.
pub fn lookup_country(given: &str) -> Result<KnownCountry> {
    countries::lookup_country(given).ok_or_else(|| Error::UnknownCountry {
        given: given.to_string(),
        suggestion: gazetteer().closest(given).map(str::to_string),
    })
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn date_term(field: Field, date: Date) -> Term {
    Term::from_field_date(
        field,
        to_tantivy_date(date.to_datetime(jiff::civil::Time::midnight())),
    )
}

/// `2022`, `2022-03` or `2022-03-31` to the first day of that period and
/// the first day after it.
pub fn parse_date_bound(given: &str) -> Result<(Date, Date)> {
    let bad = |reason: String| Error::BadDate {
        given: given.to_string(),
        reason,
    };
    let parts: Vec<&str> = given.trim().split('-').collect();
    let number = |text: &str, what: &str| -> Result<i32> {
        if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) || text.len() > 4 {
            return Err(bad(format!("'{text}' is not a {what}")));
        }
        text.parse()
            .map_err(|_| bad(format!("'{text}' is not a {what}")))
    };
    let year = number(parts.first().copied().unwrap_or(""), "year")?;
    if parts.first().is_some_and(|y| y.len() != 4) || !(1000..=2999).contains(&year) {
        return Err(bad("the year must have four digits".into()));
    }
    let year = year as i16;
    let make = |y: i16, m: i8, d: i8| Date::new(y, m, d);
    match parts.as_slice() {
        [_] => {
            let start = make(year, 1, 1).map_err(|e| bad(e.to_string()))?;
            let end = make(year + 1, 1, 1).map_err(|e| bad(e.to_string()))?;
            Ok((start, end))
        }
        [_, month] => {
            let month = number(month, "month")?;
            if !(1..=12).contains(&month) {
                return Err(bad(format!("there is no month {month}")));
            }
            let start = make(year, month as i8, 1).map_err(|e| bad(e.to_string()))?;
            let end = start
                .first_of_month()
                .checked_add(jiff::Span::new().months(1))
                .map_err(|e| bad(e.to_string()))?;
            Ok((start, end))
        }
        [_, month, day] => {
            let month = number(month, "month")?;
            let day = number(day, "day")?;
            if !(1..=12).contains(&month) {
                return Err(bad(format!("there is no month {month}")));
            }
            let start = make(year, month as i8, day as i8)
                .map_err(|_| bad(format!("{year:04}-{month:02} has no day {day}")))?;
            let end = start.tomorrow().map_err(|e| bad(e.to_string()))?;
            Ok((start, end))
        }
        _ => Err(bad("too many parts".into())),
    }
}

fn highlighter(searcher: &Searcher, query: &dyn Query, fields: &Fields) -> Result<Highlighter> {
    let mut terms = HashSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == fields.body || term.field() == fields.title {
            if let Some(text) = term.value().as_str() {
                terms.insert(text.to_string());
            }
        }
    });
    let analyzer = searcher
        .index()
        .tokenizer_for_field(fields.body)
        .map_err(|source| Error::Index {
            path: Default::default(),
            source,
        })?;
    Ok(Highlighter::new(analyzer, terms))
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

    #[test]
    fn hits_keep_their_order_on_one_thread_or_two() {
        let least = HITS_WORTH_A_THREAD;
        for len in [0, 1, 10, least - 1, least, least + 1, 200] {
            let items: Vec<usize> = (0..len).collect();
            let threads: Vec<std::thread::ThreadId> =
                map_on_two_threads(items.clone(), |_| std::thread::current().id());
            let doubled = map_on_two_threads(items.clone(), |i| i * 2);
            assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
            let distinct = threads
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len();
            assert_eq!(distinct, if len >= least { 2 } else { len.min(1) }, "{len}");
        }
    }

    /// Six hundred articles with "climate" and "change" apart and together
    /// in their bodies and titles, a few times or many, in bodies of many
    /// lengths: the phrase lifts some from below a page onto it.
    fn rerank_corpus() -> (tempfile::TempDir, ArticleIndex) {
        use crate::index::ingest::{index_folders, IndexOptions, NoProgress};
        let corpus = tempfile::tempdir().unwrap();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |below: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % below
        };
        for i in 0..600 {
            let mut body = String::new();
            for _ in 0..next(12) {
                body.push_str("The delegations met in the capital and reviewed trade. ");
            }
            for _ in 0..1 + next(4) {
                body.push_str("The climate talks went on. ");
            }
            for _ in 0..1 + next(4) {
                body.push_str("A change of plan was noted. ");
            }
            for _ in 0..next(3) * next(3) {
                body.push_str("Climate change was raised. ");
            }
            let title = match next(6) {
                0 => "Climate change meeting",
                1 => "Climate and trade",
                _ => "Meeting",
            };
            let text = format!("{title} {i}\n2023-05-04\n{body}\n");
            std::fs::write(corpus.path().join(format!("{i}.txt")), text).unwrap();
        }
        let index_dir = tempfile::tempdir().unwrap();
        let options = IndexOptions::new(index_dir.path().into(), vec![corpus.path().into()]);
        let interrupt = std::sync::atomic::AtomicBool::new(false);
        index_folders(&options, &NoProgress, &interrupt).unwrap();
        let index = ArticleIndex::open(index_dir.path()).unwrap();
        (index_dir, index)
    }

    fn ranked_by_words(index: &ArticleIndex, searcher: &Searcher, text: &str) -> Vec<Ranked> {
        let query = parse_text_query(index, text).unwrap();
        let best = TopDocs::with_limit(PHRASE_RERANK_DEPTH).order_by(order::ScoreThenContent);
        let (ranked, _) = rank(searcher, query.as_ref(), &(best, Count)).unwrap();
        ranked
            .into_iter()
            .map(|(key, address)| Ranked {
                score: key.score(),
                tie: key.tie(),
                address,
            })
            .collect()
    }

    #[test]
    fn a_page_reranked_alone_is_the_page_of_a_full_rerank() {
        let (_dir, index) = rerank_corpus();
        let searcher = index.searcher().unwrap();
        for text in ["climate change", "change climate", "climate change was"] {
            let phrases = exact_phrase_queries(&index, text);
            let words = ranked_by_words(&index, &searcher, text);
            assert!(
                words.len() >= PHRASE_RERANK_DEPTH,
                "{text}: {}",
                words.len()
            );
            let key = |r: &Ranked| (r.address, r.score.to_bits());
            let mut full = ranked_by_words(&index, &searcher, text);
            add_phrase_scores(&searcher, &phrases, &mut full, PHRASE_RERANK_DEPTH).unwrap();
            for page_end in [1, 10, 37] {
                let mut page = ranked_by_words(&index, &searcher, text);
                add_phrase_scores(&searcher, &phrases, &mut page, page_end).unwrap();
                let expected: Vec<_> = full.iter().take(page_end).map(key).collect();
                let got: Vec<_> = page.iter().take(page_end).map(key).collect();
                assert_eq!(got, expected, "{text}, first {page_end}");
            }
            // The phrase moved articles from below the first ten onto them.
            let first_ten: Vec<DocAddress> = words.iter().take(10).map(|r| r.address).collect();
            let lifted = full
                .iter()
                .take(10)
                .filter(|r| !first_ten.contains(&r.address))
                .count();
            if text == "climate change" {
                assert!(lifted > 0);
            }
        }
    }

    #[test]
    fn most_occurrences_never_falls_short_of_a_count_its_score_allows() {
        let weight = Bm25Weight::for_one_term(120, 17_000, 640.0).boost_by(2.0);
        for norm in [0u8, 20, 60, 120, 200, 255] {
            assert_eq!(
                most_occurrences(&weight, norm, weight.score(norm, 1) * 0.99),
                0
            );
            for count in [1u32, 2, 3, 7, 16, 100, 1000] {
                let allowed = weight.score(norm, count);
                let most = most_occurrences(&weight, norm, allowed);
                assert!(most >= count, "norm {norm}, count {count}: {most}");
                if count <= 16 {
                    assert_eq!(most, count, "norm {norm}");
                }
            }
            assert_eq!(
                most_occurrences(&weight, norm, weight.max_score() * 1.01),
                u32::MAX
            );
        }
    }

    #[test]
    fn a_phrase_occurs_no_more_often_than_its_words_scores_allow_together() {
        let words = vec![
            Bm25Weight::for_one_term(120, 17_000, 640.0),
            Bm25Weight::for_one_term(900, 17_000, 640.0),
        ];
        let ceiling = FieldCeiling {
            field: Field::from_field_id(0),
            phrase: Bm25Weight::for_one_term(60, 17_000, 640.0),
            words,
        };
        for norm in [10u8, 80, 160] {
            for count in [1u32, 2, 5, 12] {
                let together: f32 = ceiling.words.iter().map(|w| w.score(norm, count)).sum();
                assert_eq!(ceiling.most_phrases(norm, together), count, "norm {norm}");
            }
            let below_once: f32 = ceiling.words.iter().map(|w| w.score(norm, 1)).sum();
            assert_eq!(ceiling.most_phrases(norm, below_once * 0.99), 0);
        }
    }

    #[test]
    fn typographic_and_unclosed_quotes_are_phrases() {
        assert_eq!(query_syntax("“security council”"), "\"security council\"");
        assert_eq!(
            query_syntax("«Совет Безопасности»"),
            "\"Совет Безопасности\""
        );
        assert_eq!(query_syntax("\"security council"), "\"security council\"");
        assert_eq!(query_syntax("a \"b c\" \"d"), "a \"b c\" \"d\"");
        assert_eq!(query_syntax("Blinken's \"call"), "Blinken \"call\"");
        assert_eq!(query_syntax("plain words"), "plain words");
    }

    #[test]
    fn apostrophes_inside_words_are_not_query_syntax() {
        assert_eq!(without_apostrophes("Blinken's call"), "Blinken call");
        assert_eq!(without_apostrophes("Blinken’s call"), "Blinken call");
        assert_eq!(
            without_apostrophes("Charge d'Affaires O’Neill"),
            "Charge d Affaires O Neill"
        );
        assert_eq!(without_apostrophes("'quoted' words"), "'quoted' words");
    }

    #[test]
    fn date_bounds() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(
            parse_date_bound("2022").unwrap(),
            (d(2022, 1, 1), d(2023, 1, 1))
        );
        assert_eq!(
            parse_date_bound("2022-02").unwrap(),
            (d(2022, 2, 1), d(2022, 3, 1))
        );
        assert_eq!(
            parse_date_bound("2022-12").unwrap(),
            (d(2022, 12, 1), d(2023, 1, 1))
        );
        assert_eq!(
            parse_date_bound("2022-03-31").unwrap(),
            (d(2022, 3, 31), d(2022, 4, 1))
        );
        for bad in [
            "2022-02-30",
            "2022-13",
            "22",
            "yesterday",
            "2022-1-x",
            "2022-01-01-01",
            "",
        ] {
            assert!(parse_date_bound(bad).is_err(), "{bad} is not a date");
        }
        let message = parse_date_bound("2022-02-30").unwrap_err().to_string();
        assert!(message.contains("2022-02 has no day 30"), "{message}");
    }
}
