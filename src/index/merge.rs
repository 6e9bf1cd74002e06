//! Which segments the writer merges. tantivy's log merge policy merges
//! segments of similar size without bound: over a million articles it ends
//! with one segment of 640,000, and the merge that makes it maps every page
//! of its inputs, pushing the run's resident memory past a gigabyte. Here
//! no merge makes more than [`MAX_MERGED_ARTICLES`], and each commit's
//! segments are merged sixteen at a time, once, straight to about that
//! size, rather than eight at a time and then again. What a run leaves
//! below the cap is merged when it ends, so that a search has few segments
//! to go through.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use tantivy::index::SegmentMeta;
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// No merge makes a segment of more articles than this.
pub const MAX_MERGED_ARTICLES: u32 = 200_000;

/// How many segments of one size make a merge: a run commits segments of
/// about 10,000 articles (one per indexing thread per batch of 20,000), and
/// sixteen of them are one merge up to the cap.
const SEGMENTS_PER_MERGE: usize = 16;

/// Fewer small segments than this are left as they are at the end of a run:
/// a search goes through a few without noticing, and a small corpus (two
/// segments for 17,000 articles) is not made to wait for a merge.
const MIN_SEGMENTS_LEFT: usize = 4;

/// Below this many articles left to merge at the end of a run, one merge
/// does it: two threads would not pay for themselves.
const SPLIT_FINAL_MERGE_ARTICLES: u64 = 20_000;

/// tantivy's log merge policy, with each merge it proposes split into merges
/// of at most `max_articles`; once [`CappedMergePolicy::finishing`] is set,
/// every segment below half the cap is merged, however few there are.
#[derive(Debug)]
pub struct CappedMergePolicy {
    log: LogMergePolicy,
    max_articles: u32,
    finishing: Arc<AtomicBool>,
}

impl CappedMergePolicy {
    pub fn new(max_articles: u32) -> CappedMergePolicy {
        let mut log = LogMergePolicy::default();
        log.set_min_num_segments(SEGMENTS_PER_MERGE);
        // A segment over half the cap could only be merged alone.
        log.set_max_docs_before_merge(max_articles as usize / 2);
        CappedMergePolicy {
            log,
            max_articles,
            finishing: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Set it before a run's last commit: the merges that commit starts
    /// (and those their ends start) gather what is left below the cap.
    pub fn finishing(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.finishing)
    }

    fn small_segments(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let mut small: Vec<&SegmentMeta> = segments
            .iter()
            .filter(|segment| segment.num_docs() <= self.max_articles / 2)
            .collect();
        if small.len() < MIN_SEGMENTS_LEFT {
            return Vec::new();
        }
        small.sort_by_key(|segment| std::cmp::Reverse(segment.num_docs()));
        // Nothing is indexed any more: two merges of half the articles
        // each use both cores, where one merge kept the other waiting.
        let total: u64 = small.iter().map(|s| u64::from(s.num_docs())).sum();
        if total < SPLIT_FINAL_MERGE_ARTICLES {
            return vec![MergeCandidate(small.iter().map(|s| s.id()).collect())];
        }
        let mut halves: [(u64, Vec<_>); 2] = Default::default();
        for segment in small {
            let lighter = if halves[0].0 <= halves[1].0 { 0 } else { 1 };
            if let Some((articles, ids)) = halves.get_mut(lighter) {
                *articles += u64::from(segment.num_docs());
                ids.push(segment.id());
            }
        }
        halves
            .into_iter()
            .map(|(_, ids)| MergeCandidate(ids))
            .collect()
    }
}

impl Default for CappedMergePolicy {
    fn default() -> CappedMergePolicy {
        CappedMergePolicy::new(MAX_MERGED_ARTICLES)
    }
}

impl MergePolicy for CappedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let articles: HashMap<_, u32> = segments
            .iter()
            .map(|segment| (segment.id(), segment.num_docs()))
            .collect();
        let candidates = if self.finishing.load(Ordering::Relaxed) {
            self.small_segments(segments)
        } else {
            self.log.compute_merge_candidates(segments)
        };
        let mut capped = Vec::new();
        for MergeCandidate(ids) in candidates {
            let mut group = Vec::new();
            let mut total = 0u32;
            for id in ids {
                let size = articles.get(&id).copied().unwrap_or(0);
                if !group.is_empty() && total.saturating_add(size) > self.max_articles {
                    if group.len() > 1 {
                        capped.push(MergeCandidate(std::mem::take(&mut group)));
                    }
                    group.clear();
                    total = 0;
                }
                group.push(id);
                total = total.saturating_add(size);
            }
            if group.len() > 1 {
                capped.push(MergeCandidate(group));
            }
        }
        capped
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use tantivy::index::SegmentId;
    use tantivy::schema::Schema;
    use tantivy::Index;

    fn segments(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Schema::builder().build());
        sizes
            .iter()
            .map(|&size| index.new_segment_meta(SegmentId::generate_random(), size))
            .collect()
    }

    fn merged_sizes(policy: &CappedMergePolicy, metas: &[SegmentMeta]) -> Vec<u32> {
        let size: HashMap<_, u32> = metas.iter().map(|m| (m.id(), m.num_docs())).collect();
        let mut sizes: Vec<u32> = policy
            .compute_merge_candidates(metas)
            .iter()
            .map(|candidate| candidate.0.iter().map(|id| size[id]).sum())
            .collect();
        sizes.sort_unstable();
        sizes
    }

    #[test]
    fn commits_merge_sixteen_at_a_time_up_to_the_cap() {
        let policy = CappedMergePolicy::default();
        assert!(merged_sizes(&policy, &segments(&[10_000; 15])).is_empty());
        assert_eq!(merged_sizes(&policy, &segments(&[10_000; 16])), [160_000]);
        // Sixteen of a larger size are split so that none exceeds the cap.
        let sizes = merged_sizes(&policy, &segments(&[40_000; 16]));
        assert_eq!(sizes, [200_000; 3]);
        assert!(sizes.iter().all(|&size| size <= MAX_MERGED_ARTICLES));
    }

    #[test]
    fn no_merge_exceeds_the_cap() {
        // What a million articles left before the merge that made one
        // segment of 640,000.
        let metas = segments(&[80_000; 8]);
        assert_eq!(
            LogMergePolicy::default().compute_merge_candidates(&metas)[0]
                .0
                .len(),
            8
        );
        let policy = CappedMergePolicy::default();
        policy.finishing().store(true, Ordering::Relaxed);
        assert_eq!(merged_sizes(&policy, &metas), [160_000; 4]);
        // Segments past half the cap are left as they are.
        let metas = segments(&[160_000; 8]);
        assert!(policy.compute_merge_candidates(&metas).is_empty());
    }

    #[test]
    fn a_finishing_run_merges_what_is_left_below_the_cap() {
        let policy = CappedMergePolicy::default();
        let metas = segments(&[160_000, 160_000, 10_000, 9_000, 30_000, 500]);
        assert!(merged_sizes(&policy, &metas).is_empty());
        policy.finishing().store(true, Ordering::Relaxed);
        // In two halves, one for each core: 30,000 alone is left as it is.
        assert_eq!(merged_sizes(&policy, &metas), [19_500]);
        // What five batches of 20,000 leave: two merges of 50,000.
        let metas = segments(&[10_000; 10]);
        assert_eq!(merged_sizes(&policy, &metas), [50_000, 50_000]);
        // Too little to be worth two threads: one merge.
        let metas = segments(&[4_000; 4]);
        assert_eq!(merged_sizes(&policy, &metas), [16_000]);
        // A few small segments are left as they are.
        let metas = segments(&[160_000, 10_000, 9_000, 8_000]);
        assert!(merged_sizes(&policy, &metas).is_empty());
    }
}
