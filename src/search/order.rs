//! Orders of hits that come out the same however the index was built.
//!
//! tantivy breaks a tie of score or date by document id, and document ids
//! depend on how the indexing threads shared the articles: two builds of
//! one corpus listed tied hits in different orders, and a page cut through
//! them held different articles. Here a tie is broken by the fingerprint of
//! the article's bytes, packed with the score or the date into one integer,
//! so that ranking still compares plain numbers and reads the fingerprint
//! only for a match good enough to enter the best ones found so far. Only
//! copies of one text (or fingerprints equal in their top half) still tie.

use tantivy::collector::sort_key::{Comparator, NaturalComparator};
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer, TopNComputer};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

/// The fast field that breaks ties: a hash of the article's bytes.
const TIE_BREAK_FIELD: &str = "fingerprint";

/// By score, best first; equal scores by fingerprint.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ScoreThenContent;

/// A match's place by [`ScoreThenContent`], greater first: the score's bits
/// in an order that sorts as the scores do, above the inverted top half of
/// the fingerprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ScoreKey(u64);

impl ScoreKey {
    fn new(score: Score, fingerprint: u64) -> ScoreKey {
        ScoreKey(score_part(score) | tie_part(fingerprint))
    }

    pub(crate) fn score(self) -> Score {
        let bits = (self.0 >> 32) as u32;
        let bits = if bits & SIGN != 0 {
            bits & !SIGN
        } else {
            !bits
        };
        Score::from_bits(bits)
    }

    /// Greater first among equal scores.
    pub(crate) fn tie(self) -> u32 {
        self.0 as u32
    }
}

const SIGN: u32 = 1 << 31;

/// The score's bits as the top half of a key: positive scores above
/// negative ones, and each in its order.
fn score_part(score: Score) -> u64 {
    let bits = score.to_bits();
    let ordered = if bits & SIGN == 0 { bits | SIGN } else { !bits };
    u64::from(ordered) << 32
}

/// The bottom half of a key: smaller fingerprints first.
fn tie_part(fingerprint: u64) -> u64 {
    u64::from(!((fingerprint >> 32) as u32))
}

impl SortKeyComputer for ScoreThenContent {
    type SortKey = ScoreKey;
    type Child = ScoreThenContentInSegment;
    type Comparator = NaturalComparator;

    fn requires_scoring(&self) -> bool {
        true
    }

    fn segment_sort_key_computer(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<ScoreThenContentInSegment> {
        Ok(ScoreThenContentInSegment {
            fingerprints: reader.fast_fields().u64(TIE_BREAK_FIELD)?,
        })
    }
}

pub(crate) struct ScoreThenContentInSegment {
    fingerprints: Column<u64>,
}

impl SegmentSortKeyComputer for ScoreThenContentInSegment {
    type SortKey = ScoreKey;
    type SegmentSortKey = ScoreKey;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, score: Score) -> ScoreKey {
        ScoreKey::new(score, self.fingerprints.first(doc).unwrap_or_default())
    }

    fn compute_sort_key_and_collect<C: Comparator<ScoreKey>>(
        &mut self,
        doc: DocId,
        score: Score,
        best: &mut TopNComputer<ScoreKey, DocId, C>,
    ) {
        // Keys compare as numbers (NaturalComparator): a score below the
        // threshold's cannot enter whatever its fingerprint.
        if let Some(threshold) = &best.threshold {
            if ScoreKey(score_part(score) | u64::from(u32::MAX)) <= *threshold {
                return;
            }
        }
        best.push(self.segment_sort_key(doc, score), doc);
    }

    fn convert_segment_sort_key(&self, key: ScoreKey) -> ScoreKey {
        key
    }
}

/// By date, newest first, undated last; equal dates by fingerprint.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DateThenContent;

impl SortKeyComputer for DateThenContent {
    /// The date's fast-field value plus one (0: undated) above the inverted
    /// fingerprint.
    type SortKey = u128;
    type Child = DateThenContentInSegment;
    type Comparator = NaturalComparator;

    fn segment_sort_key_computer(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<DateThenContentInSegment> {
        let fast = reader.fast_fields();
        Ok(DateThenContentInSegment {
            dates: fast.u64_lenient("date")?.map(|(column, _)| column),
            fingerprints: fast.u64(TIE_BREAK_FIELD)?,
        })
    }
}

pub(crate) struct DateThenContentInSegment {
    /// Dates as the ordered integers the fast field stores them as.
    dates: Option<Column<u64>>,
    fingerprints: Column<u64>,
}

impl DateThenContentInSegment {
    fn date_part(&self, doc: DocId) -> u128 {
        let date = self.dates.as_ref().and_then(|dates| dates.first(doc));
        u128::from(date.map_or(0, |d| d.saturating_add(1))) << 64
    }
}

impl SegmentSortKeyComputer for DateThenContentInSegment {
    type SortKey = u128;
    type SegmentSortKey = u128;
    type SegmentComparator = NaturalComparator;

    fn segment_sort_key(&mut self, doc: DocId, _: Score) -> u128 {
        let fingerprint = self.fingerprints.first(doc).unwrap_or_default();
        self.date_part(doc) | u128::from(!fingerprint)
    }

    fn compute_sort_key_and_collect<C: Comparator<u128>>(
        &mut self,
        doc: DocId,
        score: Score,
        newest: &mut TopNComputer<u128, DocId, C>,
    ) {
        if let Some(threshold) = &newest.threshold {
            if self.date_part(doc) | u128::from(u64::MAX) <= *threshold {
                return;
            }
        }
        newest.push(self.segment_sort_key(doc, score), doc);
    }

    fn convert_segment_sort_key(&self, key: u128) -> u128 {
        key
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn score_keys_sort_as_their_scores_and_give_them_back_exactly() {
        let scores = [-3.5, -0.0, 0.0, 1e-30, 0.25, 1.0, 7.5, 1e30];
        for pair in scores.windows(2) {
            let (low, high) = (pair[0], pair[1]);
            assert!(
                ScoreKey::new(low, 0) < ScoreKey::new(high, u64::MAX),
                "{pair:?}"
            );
        }
        for score in scores {
            let key = ScoreKey::new(score, 0x1234_5678_9abc_def0);
            assert_eq!(key.score().to_bits(), score.to_bits());
        }
    }

    #[test]
    fn among_equal_scores_the_smaller_fingerprint_comes_first() {
        let small = ScoreKey::new(2.0, 5 << 32);
        let large = ScoreKey::new(2.0, 9 << 32);
        assert!(small > large);
        assert!(small.tie() > large.tie());
        assert!(ScoreKey::new(2.5, 9 << 32) > small);
    }
}
