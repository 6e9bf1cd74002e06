//! Exact phrases whose word positions are read in one forward pass.
//!
//! tantivy 0.27 finds a document's positions in a term's position list by
//! adding up the frequencies of every earlier document of its 128-document
//! block, again for each document (`SegmentPostings::
//! append_positions_with_offset`). A phrase of common words checks most
//! documents of every block, and at a million articles that sum was over
//! half of the time of `"security council"`. [`ExactPhrase`] keeps the sum
//! as it goes instead. The rest follows tantivy's phrase scorer (which
//! 0.27 does not export for other postings): the same matches, phrase
//! counts and BM25 scores, checked against it in the tests below.
//!
//! The price is that these postings never jump ahead through the skip
//! list, which would lose the running sum: they decode every block, about
//! a millisecond for a word in every article of a million. So a phrase is
//! made exact when the whole query is evaluated, and when a few hundred
//! known articles are ranked again (the phrase boost of a word query) only
//! where the words' postings hold few blocks for the articles asked for;
//! elsewhere tantivy's phrase query, which seeks, does that.

use std::path::PathBuf;

use tantivy::directory::{CompositeFile, Directory, DirectoryClone};
use tantivy::fieldnorm::FieldNormReader;
use tantivy::positions::PositionReader;
use tantivy::postings::{BlockSegmentPostings, Postings};
use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EmptyScorer, EnableScoring, Explanation, PhraseQuery,
    Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocId, DocSet, Score, SeekDangerResult, SegmentReader, TantivyError, Term, TERMINATED,
};

/// Documents per block of a posting list (tantivy's `COMPRESSION_BLOCK_SIZE`).
const BLOCK: usize = 128;

/// Replaces each plain phrase of `plain` (no slop, no gaps between its
/// words) with an [`ExactPhrase`]. `boosted` is the same query parsed with
/// field boosts: where it holds a [`BoostQuery`], the rewritten clause is
/// boosted by `boost`. A part whose two parses differ is kept as `boosted`
/// has it.
pub(crate) fn exact_phrases(
    boosted: Box<dyn Query>,
    plain: &dyn Query,
    boost: Score,
) -> Box<dyn Query> {
    if boosted.is::<BoostQuery>() {
        return match exact_phrase(plain) {
            Some(exact) => Box::new(BoostQuery::new(exact, boost)),
            None => boosted,
        };
    }
    if let Some(exact) = exact_phrase(plain) {
        return exact;
    }
    let (Some(outer), Some(inner)) = (
        boosted.downcast_ref::<BooleanQuery>(),
        plain.downcast_ref::<BooleanQuery>(),
    ) else {
        return boosted;
    };
    if outer.clauses().len() != inner.clauses().len() {
        return boosted;
    }
    let clauses = outer
        .clauses()
        .iter()
        .zip(inner.clauses())
        .map(|((occur, boosted), (_, plain))| {
            (
                *occur,
                exact_phrases(boosted.box_clone(), plain.as_ref(), boost),
            )
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// `query` as an [`ExactPhrase`], when it is a phrase query that one can
/// replace: two or more words, consecutive, no slop.
pub(crate) fn exact_phrase(query: &dyn Query) -> Option<Box<dyn Query>> {
    let phrase = query.downcast_ref::<PhraseQuery>()?;
    let terms = phrase.phrase_terms();
    if terms.len() < 2 {
        return None;
    }
    // tantivy keeps a phrase's offsets and slop to itself: rebuild the plain
    // phrase of the same words and compare the two.
    let consecutive = PhraseQuery::new(terms.clone());
    if format!("{consecutive:?}") != format!("{phrase:?}") {
        return None;
    }
    Some(Box::new(ExactPhrase {
        field: phrase.field(),
        terms,
    }))
}

/// Consecutive words in one field, scored as tantivy's `PhraseQuery`.
#[derive(Clone, Debug)]
pub(crate) struct ExactPhrase {
    field: Field,
    terms: Vec<Term>,
}

impl Query for ExactPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // The positions file is reached through the index's directory; with
        // no searcher to give it, tantivy's own phrase query does the work.
        let Some(searcher) = enable_scoring.searcher() else {
            return PhraseQuery::new(self.terms.clone()).weight(enable_scoring);
        };
        let has_positions = enable_scoring
            .schema()
            .get_field_entry(self.field)
            .field_type()
            .get_index_record_option()
            .is_some_and(IndexRecordOption::has_positions);
        if !has_positions {
            return Err(TantivyError::SchemaError(format!(
                "Applied phrase query on field {:?}, which does not have positions indexed",
                enable_scoring.schema().get_field_name(self.field)
            )));
        }
        let bm25 = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(statistics_provider, &self.terms)?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(ExactPhraseWeight {
            field: self.field,
            terms: self.terms.clone(),
            bm25,
            directory: searcher.index().directory().box_clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, true);
        }
    }
}

struct ExactPhraseWeight {
    field: Field,
    terms: Vec<Term>,
    bm25: Option<Bm25Weight>,
    directory: Box<dyn Directory>,
}

impl ExactPhraseWeight {
    fn phrase_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<ExactPhraseScorer>> {
        let inverted_index = reader.inverted_index(self.field)?;
        let mut infos = Vec::with_capacity(self.terms.len());
        for term in &self.terms {
            let Some(info) = inverted_index.get_term_info(term)? else {
                return Ok(None);
            };
            infos.push(info);
        }
        // tantivy names a segment's positions file `<segment id>.pos`, one
        // section per field.
        let path = PathBuf::from(format!("{}.pos", reader.segment_id().uuid_string()));
        let file = self.directory.open_read(&path)?;
        let Some(positions) = CompositeFile::open(&file)?.open_read(self.field) else {
            return Ok(None);
        };
        let last = infos.len().saturating_sub(1);
        let mut words = Vec::with_capacity(infos.len());
        for (offset, info) in infos.iter().enumerate() {
            let blocks = inverted_index.read_block_postings_from_terminfo(
                info,
                IndexRecordOption::WithFreqsAndPositions,
            )?;
            let bytes = positions.slice(info.positions_range.clone()).read_bytes()?;
            let reader = PositionReader::open(bytes)?;
            // Shifted so that the words of one occurrence share a position.
            let shift = (last - offset) as u32;
            words.push((shift, ForwardPostings::new(blocks, reader)));
        }
        let fieldnorms = match &self.bm25 {
            Some(_) => reader.fieldnorms_readers().get_field(self.field)?,
            None => None,
        }
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1));
        let bm25 = self.bm25.as_ref().map(|weight| weight.boost_by(boost));
        Ok(Some(ExactPhraseScorer::new(words, fieldnorms, bm25)))
    }
}

/// The documents where the words follow each other, with their BM25 score
/// for the number of times they do.
struct ExactPhraseScorer {
    /// Each word's postings and the shift of its positions, rarest first:
    /// the rarest word leads the intersection.
    words: Vec<(u32, ForwardPostings)>,
    doc: DocId,
    phrase_count: u32,
    left: Vec<u32>,
    right: Vec<u32>,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
    /// BM25 by phrase count (1 to [`KNOWN_COUNTS`]) and field norm, NaN
    /// until first met: its division was a sixth of the time of a phrase
    /// found in most of a million articles.
    known_scores: Vec<Score>,
}

/// Phrase counts whose scores [`ExactPhraseScorer`] keeps.
const KNOWN_COUNTS: usize = 4;

/// Field norms are stored as one byte.
const NORMS: usize = 256;

/// Words that occur at most this often in a document are read into arrays
/// on the stack when a two-word phrase is checked.
const FEW_POSITIONS: usize = 16;

impl ExactPhraseScorer {
    fn new(
        mut words: Vec<(u32, ForwardPostings)>,
        fieldnorms: FieldNormReader,
        bm25: Option<Bm25Weight>,
    ) -> ExactPhraseScorer {
        words.sort_by_key(|(_, postings)| postings.size_hint());
        let first = words
            .iter()
            .map(|(_, p)| p.doc())
            .max()
            .unwrap_or(TERMINATED);
        let mut scorer = ExactPhraseScorer {
            words,
            doc: TERMINATED,
            phrase_count: 0,
            left: Vec::new(),
            right: Vec::new(),
            fieldnorms,
            bm25,
            known_scores: vec![Score::NAN; KNOWN_COUNTS * NORMS],
        };
        scorer.doc = scorer.align(first);
        if scorer.doc != TERMINATED && !scorer.phrase_matches() {
            scorer.advance();
        }
        scorer
    }

    /// The first document at or after `candidate` that holds every word.
    fn align(&mut self, mut candidate: DocId) -> DocId {
        'next: while candidate != TERMINATED {
            for (_, postings) in &mut self.words {
                let doc = postings.seek(candidate);
                if doc > candidate {
                    candidate = doc;
                    continue 'next;
                }
            }
            return candidate;
        }
        TERMINATED
    }

    /// Counts the phrase in the current document, which holds every word.
    fn phrase_matches(&mut self) -> bool {
        self.phrase_count = 0;
        // Most phrases are two words, each in a document a few times: their
        // positions fit on the stack, and one pass over both counts them.
        if let [(shift_a, a), (shift_b, b)] = self.words.as_mut_slice() {
            let (count_a, count_b) = (a.term_freq() as usize, b.term_freq() as usize);
            if count_a <= FEW_POSITIONS && count_b <= FEW_POSITIONS {
                let mut positions_a = [0u32; FEW_POSITIONS];
                let mut positions_b = [0u32; FEW_POSITIONS];
                let (Some(positions_a), Some(positions_b)) = (
                    positions_a.get_mut(..count_a),
                    positions_b.get_mut(..count_b),
                ) else {
                    return false;
                };
                a.read_positions(*shift_a, positions_a);
                b.read_positions(*shift_b, positions_b);
                self.phrase_count = count_common(positions_a, positions_b);
                return self.phrase_count > 0;
            }
        }
        let Some(((shift, first), rest)) = self.words.split_first_mut() else {
            return false;
        };
        first.positions_with_offset(*shift, &mut self.left);
        for (shift, postings) in rest {
            postings.positions_with_offset(*shift, &mut self.right);
            keep_common(&mut self.left, &self.right);
            if self.left.is_empty() {
                return false;
            }
        }
        self.phrase_count = self.left.len() as u32;
        true
    }
}

/// How many values `left` and `right` share; both sorted, no repeats.
fn count_common(left: &[u32], right: &[u32]) -> u32 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while let (Some(&l), Some(&r)) = (left.get(i), right.get(j)) {
        i += usize::from(l <= r);
        j += usize::from(r <= l);
        common += u32::from(l == r);
    }
    common
}

/// Keeps in `left` the values also in `right`; both sorted, no repeats.
fn keep_common(left: &mut Vec<u32>, right: &[u32]) {
    let mut kept = 0;
    let mut j = 0;
    for i in 0..left.len() {
        let Some(&value) = left.get(i) else { break };
        while right.get(j).is_some_and(|&r| r < value) {
            j += 1;
        }
        if right.get(j) == Some(&value) {
            if let Some(slot) = left.get_mut(kept) {
                *slot = value;
            }
            kept += 1;
            j += 1;
        }
    }
    left.truncate(kept);
}

impl DocSet for ExactPhraseScorer {
    fn advance(&mut self) -> DocId {
        loop {
            let Some((_, lead)) = self.words.first_mut() else {
                return TERMINATED;
            };
            let next = lead.advance();
            self.doc = self.align(next);
            if self.doc == TERMINATED || self.phrase_matches() {
                return self.doc;
            }
        }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.doc = self.align(target);
        if self.doc == TERMINATED || self.phrase_matches() {
            return self.doc;
        }
        self.advance()
    }

    /// Whether `target` holds the phrase, without moving on to the next
    /// document that does when it does not: ranking known documents again
    /// asks only that.
    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        self.doc = self.align(target);
        if self.doc != target {
            return SeekDangerResult::SeekLowerBound(self.doc);
        }
        if self.phrase_matches() {
            SeekDangerResult::Found
        } else {
            SeekDangerResult::SeekLowerBound(target + 1)
        }
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        // As tantivy's phrase scorer: far fewer phrases than documents
        // holding the words.
        let words = self.words.len().max(1) as u32;
        self.words.first().map_or(0, |(_, p)| p.size_hint()) / (10 * words)
    }

    fn cost(&self) -> u64 {
        // Checking a document means reading positions: as tantivy counts it.
        let words = self.words.len() as u64;
        self.words
            .first()
            .map_or(0, |(_, p)| u64::from(p.size_hint()))
            * 10
            * words
    }
}

impl Scorer for ExactPhraseScorer {
    fn score(&mut self) -> Score {
        let Some(bm25) = &self.bm25 else {
            return 1.0;
        };
        let norm = self.fieldnorms.fieldnorm_id(self.doc);
        let slot = (self.phrase_count as usize)
            .checked_sub(1)
            .map(|count| count * NORMS + usize::from(norm));
        match slot.and_then(|slot| self.known_scores.get_mut(slot)) {
            Some(known) if !known.is_nan() => *known,
            Some(unknown) => {
                *unknown = bm25.score(norm, self.phrase_count);
                *unknown
            }
            None => bm25.score(norm, self.phrase_count),
        }
    }
}

impl Weight for ExactPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.phrase_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_a_match =
            || TantivyError::InvalidArgument(format!("Document #({doc}) does not match"));
        let mut scorer = self.phrase_scorer(reader, 1.0)?.ok_or_else(not_a_match)?;
        if scorer.seek(doc) != doc {
            return Err(not_a_match());
        }
        Ok(Explanation::new("Phrase Scorer", scorer.score()))
    }
}

/// A term's documents, frequencies and positions, read strictly forward:
/// the position list offset of the current document is kept as a running
/// sum of the frequencies before it.
struct ForwardPostings {
    blocks: BlockSegmentPostings,
    positions: PositionReader,
    /// Index of the current document in the block.
    cur: usize,
    /// Positions of this term in all documents before the current one.
    offset: u64,
}

impl ForwardPostings {
    fn new(blocks: BlockSegmentPostings, positions: PositionReader) -> ForwardPostings {
        ForwardPostings {
            blocks,
            positions,
            cur: 0,
            offset: 0,
        }
    }

    /// Moves to the next block, counting the positions of the current
    /// document and of the rest of this one.
    fn next_block(&mut self) {
        let rest: u32 = self
            .blocks
            .freqs()
            .get(self.cur..)
            .unwrap_or_default()
            .iter()
            .sum();
        self.offset += u64::from(rest);
        self.cur = 0;
        self.blocks.advance();
    }
}

impl ForwardPostings {
    /// The first `output.len()` positions of the current document (all of
    /// them when that is its term frequency), plus `offset`.
    fn read_positions(&mut self, offset: u32, output: &mut [u32]) {
        self.positions.read(self.offset, output);
        let mut position = offset;
        for delta in output {
            position += *delta;
            *delta = position;
        }
    }
}

impl DocSet for ForwardPostings {
    fn advance(&mut self) -> DocId {
        if self.cur == BLOCK - 1 {
            self.next_block();
        } else {
            self.offset += u64::from(self.blocks.freq(self.cur));
            self.cur += 1;
        }
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        // A block whose last document is before the target is passed whole;
        // the last block is padded with TERMINATED, so it is never passed.
        while self.doc() < target && self.blocks.doc(BLOCK - 1) < target {
            self.next_block();
        }
        while self.doc() < target {
            self.advance();
        }
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.blocks.doc(self.cur)
    }

    fn size_hint(&self) -> u32 {
        self.blocks.doc_freq()
    }
}

impl Postings for ForwardPostings {
    fn term_freq(&self) -> u32 {
        self.blocks.freq(self.cur)
    }

    fn append_positions_with_offset(&mut self, offset: u32, output: &mut Vec<u32>) {
        let start = output.len();
        output.resize(start + self.term_freq() as usize, 0);
        if let Some(positions) = output.get_mut(start..) {
            self.read_positions(offset, positions);
        }
    }
}

impl std::fmt::Debug for ExactPhraseWeight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExactPhraseWeight")
            .field("field", &self.field)
            .field("terms", &self.terms)
            .finish()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter};

    /// An index whose body field has `docs` documents built by `text(i)`.
    fn index_of(docs: usize, text: impl Fn(usize) -> String) -> (Index, Field) {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..docs {
            writer.add_document(doc!(body => text(i))).unwrap();
        }
        writer.commit().unwrap();
        (index, body)
    }

    fn terms(field: Field, words: &[&str]) -> Vec<Term> {
        words
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect()
    }

    /// Every document's score and the count, by tantivy's phrase query and
    /// by ours.
    fn both(index: &Index, field: Field, words: &[&str]) -> [(Vec<(u32, u32)>, usize); 2] {
        let searcher = index.reader().unwrap().searcher();
        let tantivy = PhraseQuery::new(terms(field, words));
        let exact = ExactPhrase {
            field,
            terms: terms(field, words),
        };
        let run = |query: &dyn Query| {
            let collector = (TopDocs::with_limit(100_000).order_by_score(), Count);
            let (top, count) = searcher.search(query, &collector).unwrap();
            let mut scored: Vec<(u32, u32)> = top
                .into_iter()
                .map(|(score, address)| (address.doc_id, score.to_bits()))
                .collect();
            scored.sort_unstable();
            (scored, count)
        };
        [run(&tantivy), run(&exact)]
    }

    #[test]
    fn matches_and_scores_equal_tantivys_phrase_query_across_blocks() {
        // Documents over several blocks of 128, with the phrase in some, its
        // words apart in others, repeated, and the words reversed.
        let (index, body) = index_of(1_000, |i| match i % 7 {
            0 => "the security council met".to_string(),
            1 => "council of security experts".to_string(),
            2 => "security council and security council again security".to_string(),
            3 => format!("{} security council", "word ".repeat(i % 50)),
            4 => "nothing here".to_string(),
            5 => "security".to_string(),
            _ => "council security council".to_string(),
        });
        let [tantivy, exact] = both(&index, body, &["security", "council"]);
        assert!(tantivy.1 > 500, "{}", tantivy.1);
        assert_eq!(tantivy, exact);
        let [tantivy, exact] = both(&index, body, &["council", "security", "council"]);
        assert!(tantivy.1 > 0);
        assert_eq!(tantivy, exact);
    }

    #[test]
    fn a_rare_word_seeks_through_a_common_one() {
        // The rare word drives the intersection: the common word's postings
        // are sought, block after block.
        let (index, body) = index_of(2_000, |i| {
            if i % 300 == 7 {
                "common rare common".to_string()
            } else {
                format!("common filler {i}")
            }
        });
        let [tantivy, exact] = both(&index, body, &["common", "rare"]);
        assert_eq!(tantivy.1, 7);
        assert_eq!(tantivy, exact);
        let [tantivy, exact] = both(&index, body, &["absent", "rare"]);
        assert_eq!(tantivy.1, 0);
        assert_eq!(tantivy, exact);
    }

    #[test]
    fn seek_danger_finds_exactly_the_documents_holding_the_phrase() {
        // Ranking known documents again asks one document at a time, some
        // holding the phrase and some only its words or nothing.
        let (index, body) = index_of(1_000, |i| match i % 5 {
            0 => "the security council met".to_string(),
            1 => "council of security experts".to_string(),
            2 => format!("{} security council", "word ".repeat(i % 40)),
            3 => "nothing here".to_string(),
            _ => "security".to_string(),
        });
        let [tantivy, _] = both(&index, body, &["security", "council"]);
        let expected: std::collections::HashMap<u32, u32> = tantivy.0.into_iter().collect();
        let searcher = index.reader().unwrap().searcher();
        let exact = ExactPhrase {
            field: body,
            terms: terms(body, &["security", "council"]),
        };
        let weight = exact
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        let first = scorer.doc();
        let mut checked = 0;
        for target in (first + 1..1_000).step_by(3) {
            let found = scorer.seek_danger(target) == SeekDangerResult::Found;
            assert_eq!(found, expected.contains_key(&target), "document {target}");
            if found {
                assert_eq!(scorer.score().to_bits(), expected[&target]);
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn words_too_frequent_for_the_stack_and_counts_past_the_kept_scores_score_the_same() {
        // Two-word phrases are checked on the stack up to FEW_POSITIONS
        // occurrences of each word, and scores are kept up to KNOWN_COUNTS
        // phrases: documents on both sides of each limit.
        let (index, body) = index_of(600, |i| {
            let repeats = i % (FEW_POSITIONS + 4);
            match i % 3 {
                0 => "security council ".repeat(repeats),
                1 => format!("{}council", "security ".repeat(repeats + 1)),
                _ => format!("{} security council", "council ".repeat(repeats)),
            }
        });
        let [tantivy, exact] = both(&index, body, &["security", "council"]);
        assert!(tantivy.1 > 400, "{}", tantivy.1);
        assert_eq!(tantivy, exact);
    }

    #[test]
    fn count_common_counts_the_values_in_both() {
        let cases: [(&[u32], &[u32], u32); 5] = [
            (&[1, 3, 5, 7], &[3, 4, 7, 9], 2),
            (&[1, 2], &[], 0),
            (&[], &[1, 2], 0),
            (&[5, 6, 7], &[1, 2, 3, 5, 6, 7, 8], 3),
            (&[2, 4, 6], &[1, 3, 5], 0),
        ];
        for (left, right, common) in cases {
            assert_eq!(count_common(left, right), common, "{left:?} and {right:?}");
        }
    }

    #[test]
    fn keep_common_keeps_the_values_in_both() {
        let cases: [(&[u32], &[u32], &[u32]); 5] = [
            (&[1, 3, 5, 7], &[3, 4, 7, 9], &[3, 7]),
            (&[1, 2], &[], &[]),
            (&[], &[1, 2], &[]),
            (&[5, 6, 7], &[1, 2, 3, 5, 6, 7, 8], &[5, 6, 7]),
            (&[2, 4, 6], &[1, 3, 5], &[]),
        ];
        for (left, right, common) in cases {
            let mut kept = left.to_vec();
            keep_common(&mut kept, right);
            assert_eq!(kept, common, "{left:?} and {right:?}");
        }
    }

    #[test]
    fn only_plain_phrases_are_rewritten() {
        let field = Field::from_field_id(0);
        let plain = PhraseQuery::new(terms(field, &["a", "b"]));
        assert!(exact_phrase(&plain).unwrap().is::<ExactPhrase>());
        let mut slop = PhraseQuery::new(terms(field, &["a", "b"]));
        slop.set_slop(1);
        assert!(exact_phrase(&slop).is_none());
        let gap = PhraseQuery::new_with_offset(vec![
            (0, Term::from_field_text(field, "a")),
            (2, Term::from_field_text(field, "b")),
        ]);
        assert!(exact_phrase(&gap).is_none());
    }
}
