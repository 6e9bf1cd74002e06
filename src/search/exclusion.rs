//! Excluded clauses (`-word`, `-"two words"`) that tantivy can always skip
//! through safely.
//!
//! tantivy 0.27 tests an excluded clause with `seek_danger`, which may leave
//! a docset in a state where `doc()` means nothing; its phrase scorer then
//! asserts on `doc()` (phrase_scorer.rs:578). The assertion only exists with
//! debug assertions on, yet a query such as `a -a\x13\x06la` (the excluded
//! word tokenizes into a phrase) then panics, as the query fuzzer found.
//! Wrapping each excluded clause in [`SteadyExclusion`] makes tantivy fall
//! back to the plain `seek`, which keeps every docset valid and costs nothing
//! measurable: the clause is only consulted for documents that already match.

use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// Rewrites `query` so that every `MustNot` clause, at any depth, is wrapped
/// in [`SteadyExclusion`].
pub(crate) fn steady_exclusions(query: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    let clauses = boolean
        .clauses()
        .iter()
        .map(|(occur, clause)| {
            let clause = steady_exclusions(clause.box_clone());
            match occur {
                Occur::MustNot => (Occur::MustNot, Box::new(SteadyExclusion(clause)) as _),
                _ => (*occur, clause),
            }
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// A query that matches what its inner query matches, but whose scorer uses
/// tantivy's default, always-valid `seek_danger`.
#[derive(Debug)]
pub(crate) struct SteadyExclusion(Box<dyn Query>);

impl Clone for SteadyExclusion {
    fn clone(&self) -> Self {
        SteadyExclusion(self.0.box_clone())
    }
}

impl Query for SteadyExclusion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(SteadyWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct SteadyWeight(Box<dyn Weight>);

impl Weight for SteadyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(SteadyScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// Forwards everything but `seek_danger`, which stays the trait's default.
struct SteadyScorer(Box<dyn Scorer>);

impl DocSet for SteadyScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for SteadyScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
