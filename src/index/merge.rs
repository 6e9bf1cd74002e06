//! Which segments the writer merges. tantivy's log merge policy merges
//! segments of similar size without bound: over a million articles it ends
//! with one segment of 640,000, and the merge that makes it maps every page
//! of its inputs, pushing the run's resident memory past a gigabyte. Here
//! no merge makes more than [`MAX_MERGED_ARTICLES`], and each commit's
//! segments are merged sixteen at a time (fewer when they are large),
//! once, straight to about that size, rather than eight at a time and then
//! again. What a run leaves below the cap is merged when it ends, on every
//! core, so that a search has few segments to go through.
//!
//! Articles are a poor measure of what a merge maps: the generated ones of
//! the benchmark average 2.5 KB, the real ones 8.9 KB. No merge reads more
//! than [`MAX_MERGE_BYTES`] of segment files either, and the writer runs
//! one merge at a time while it indexes, so that what merges map stays
//! well under a gigabyte however long the articles are.

use std::fmt;
use std::path::Path;

use rustc_hash::FxHashMap as HashMap;
use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::indexer::IndexWriterOptions;
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy, NoMergePolicy};
use tantivy::{Index, IndexWriter, TantivyDocument};

/// No merge makes a segment of more articles than this.
pub const MAX_MERGED_ARTICLES: u32 = 200_000;

/// No merge reads more bytes of segment files than this. A merge maps its
/// inputs and reads every page of them, and all of them count in the
/// process's resident memory until it ends: the two merges that gathered
/// 140,000 real articles at the end of a run (600 MB of segments apiece)
/// took its peak to 1.15 GB, and a merge during a run adds to the
/// indexing threads' memory (up to 660 MB). Ten thousand real articles
/// make about 85 MB of segments, ten thousand generated ones 20 MB.
pub const MAX_MERGE_BYTES: u64 = 256 << 20;

/// The segment files whose bytes a merge reads.
const MERGED_COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// How many bytes of files a segment has.
type SegmentBytes = Box<dyn Fn(&SegmentMeta) -> u64 + Send + Sync>;

/// The bytes of a segment's files in `index_dir`; a file that cannot be
/// read counts as empty.
fn bytes_on_disk(index_dir: &Path, segment: &SegmentMeta) -> u64 {
    MERGED_COMPONENTS
        .iter()
        .filter_map(|component| {
            std::fs::metadata(index_dir.join(segment.relative_path(component.clone()))).ok()
        })
        .map(|metadata| metadata.len())
        .sum()
}

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
/// of at most `max_articles` and `max_bytes`; at the end of a run,
/// [`CappedMergePolicy::final_merges`] gathers every segment below half the
/// article cap, however few there are.
pub struct CappedMergePolicy {
    log: LogMergePolicy,
    max_articles: u32,
    max_bytes: u64,
    bytes_of: SegmentBytes,
}

impl fmt::Debug for CappedMergePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CappedMergePolicy")
            .field("log", &self.log)
            .field("max_articles", &self.max_articles)
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

impl CappedMergePolicy {
    /// The policy for the index in `index_dir`, whose segment files it
    /// measures.
    pub fn for_index(index_dir: &Path) -> CappedMergePolicy {
        let index_dir = index_dir.to_path_buf();
        CappedMergePolicy::new(
            MAX_MERGED_ARTICLES,
            MAX_MERGE_BYTES,
            Box::new(move |segment| bytes_on_disk(&index_dir, segment)),
        )
    }

    fn new(max_articles: u32, max_bytes: u64, bytes_of: SegmentBytes) -> CappedMergePolicy {
        let mut log = LogMergePolicy::default();
        log.set_min_num_segments(SEGMENTS_PER_MERGE);
        // A segment over half the cap could only be merged alone.
        log.set_max_docs_before_merge(max_articles as usize / 2);
        CappedMergePolicy {
            log,
            max_articles,
            max_bytes,
            bytes_of,
        }
    }

    /// The merges that gather what a completed run left below the cap.
    pub fn final_merges(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        self.capped(segments, self.small_segments(segments))
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
        // each, one on each core.
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

    /// `candidates` split into merges under both caps; a segment left alone
    /// is not merged.
    fn capped(
        &self,
        segments: &[SegmentMeta],
        candidates: Vec<MergeCandidate>,
    ) -> Vec<MergeCandidate> {
        let sizes: HashMap<_, (u32, u64)> = segments
            .iter()
            .map(|segment| (segment.id(), (segment.num_docs(), (self.bytes_of)(segment))))
            .collect();
        let mut capped = Vec::new();
        for MergeCandidate(ids) in candidates {
            let mut group = Vec::new();
            let (mut articles, mut bytes) = (0u32, 0u64);
            for id in ids {
                let (more_articles, more_bytes) = sizes.get(&id).copied().unwrap_or((0, 0));
                let too_many = articles.saturating_add(more_articles) > self.max_articles;
                let too_large = bytes.saturating_add(more_bytes) > self.max_bytes;
                if !group.is_empty() && (too_many || too_large) {
                    if group.len() > 1 {
                        capped.push(MergeCandidate(std::mem::take(&mut group)));
                    }
                    group.clear();
                    (articles, bytes) = (0, 0);
                }
                group.push(id);
                articles = articles.saturating_add(more_articles);
                bytes = bytes.saturating_add(more_bytes);
            }
            if group.len() > 1 {
                capped.push(MergeCandidate(group));
            }
        }
        capped
    }
}

impl MergePolicy for CappedMergePolicy {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        self.capped(segments, self.log.compute_merge_candidates(segments))
    }
}

/// Merges what a completed run left below the cap, the merges running side
/// by side on up to `threads` threads, and returns how many it ran.
///
/// The run's own writer merges one at a time (see the module comment), and
/// when it did these as well the run ended with one core idle: 140,000
/// real articles spent their last 6 of 42 s in merges run one after the
/// other. By then the indexing threads' memory is freed, so two merges at
/// once stay within what the run used while indexing. A writer of its own
/// is made for them, as tantivy fixes the number of merge threads when a
/// writer is made; it takes the index's writer lock like any other.
pub fn merge_what_is_left(
    index: &Index,
    index_dir: &Path,
    threads: usize,
) -> tantivy::Result<usize> {
    let segments = index.searchable_segment_metas()?;
    let merges = CappedMergePolicy::for_index(index_dir).final_merges(&segments);
    // tantivy keeps the files of every segment whose meta is still held
    // somewhere in the process: held, the merged segments' would stay.
    drop(segments);
    if merges.is_empty() {
        return Ok(0);
    }
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_options(
        IndexWriterOptions::builder()
            .num_worker_threads(1)
            .num_merge_threads(threads.clamp(1, merges.len()))
            .build(),
    )?;
    // Only the merges asked for here: none started by their ends.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let running: Vec<_> = merges
        .iter()
        .map(|MergeCandidate(ids)| writer.merge(ids))
        .collect();
    for merge in running {
        merge.wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(merges.len())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use tantivy::doc;
    use tantivy::index::SegmentId;
    use tantivy::schema::{Schema, STORED, TEXT};

    /// The policy with segments measured in articles alone.
    fn by_articles() -> CappedMergePolicy {
        CappedMergePolicy::new(MAX_MERGED_ARTICLES, MAX_MERGE_BYTES, Box::new(|_| 0))
    }

    /// The policy with segments of real articles: 8.5 KB of files each.
    fn real_articles() -> CappedMergePolicy {
        CappedMergePolicy::new(
            MAX_MERGED_ARTICLES,
            MAX_MERGE_BYTES,
            Box::new(|segment| u64::from(segment.num_docs()) * 8_500),
        )
    }

    fn segments(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Schema::builder().build());
        sizes
            .iter()
            .map(|&size| index.new_segment_meta(SegmentId::generate_random(), size))
            .collect()
    }

    /// The sizes of the merges a commit starts.
    fn merged_sizes(policy: &CappedMergePolicy, metas: &[SegmentMeta]) -> Vec<u32> {
        sizes_of(metas, &policy.compute_merge_candidates(metas))
    }

    /// The sizes of the merges at the end of a completed run.
    fn final_sizes(policy: &CappedMergePolicy, metas: &[SegmentMeta]) -> Vec<u32> {
        sizes_of(metas, &policy.final_merges(metas))
    }

    fn sizes_of(metas: &[SegmentMeta], merges: &[MergeCandidate]) -> Vec<u32> {
        let size: HashMap<_, u32> = metas.iter().map(|m| (m.id(), m.num_docs())).collect();
        let mut sizes: Vec<u32> = merges
            .iter()
            .map(|candidate| candidate.0.iter().map(|id| size[id]).sum())
            .collect();
        sizes.sort_unstable();
        sizes
    }

    #[test]
    fn commits_merge_sixteen_at_a_time_up_to_the_cap() {
        let policy = by_articles();
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
        let policy = by_articles();
        assert_eq!(final_sizes(&policy, &metas), [160_000; 4]);
        // Segments past half the cap are left as they are.
        let metas = segments(&[160_000; 8]);
        assert!(policy.final_merges(&metas).is_empty());
    }

    #[test]
    fn a_completed_run_merges_what_is_left_below_the_cap() {
        let policy = by_articles();
        let metas = segments(&[160_000, 160_000, 10_000, 9_000, 30_000, 500]);
        assert!(merged_sizes(&policy, &metas).is_empty());
        // In two halves, one for each core: 30,000 alone is left as it is.
        assert_eq!(final_sizes(&policy, &metas), [19_500]);
        // What five batches of 20,000 leave: two merges of 50,000.
        let metas = segments(&[10_000; 10]);
        assert_eq!(final_sizes(&policy, &metas), [50_000, 50_000]);
        // Too little to be worth two threads: one merge.
        let metas = segments(&[4_000; 4]);
        assert_eq!(final_sizes(&policy, &metas), [16_000]);
        // A few small segments are left as they are.
        let metas = segments(&[160_000, 10_000, 9_000, 8_000]);
        assert!(final_sizes(&policy, &metas).is_empty());
    }

    #[test]
    fn no_merge_reads_more_than_the_byte_cap() {
        let policy = real_articles();
        // Sixteen batches of real articles, 85 MB each: three at a time,
        // and the sixteenth left for later.
        let sizes = merged_sizes(&policy, &segments(&[10_000; 16]));
        assert_eq!(sizes, [30_000; 5]);
        // What fourteen batches leave at the end of a run: each half of
        // seven in merges of three, the seventh left as it is.
        let sizes = final_sizes(&policy, &segments(&[10_000; 14]));
        assert_eq!(sizes, [30_000; 4]);
        assert!(sizes
            .iter()
            .all(|&articles| u64::from(articles) * 8_500 <= MAX_MERGE_BYTES));
        // Segments past the cap alone are left as they are.
        assert!(final_sizes(&policy, &segments(&[40_000, 50_000, 60_000, 70_000])).is_empty());
    }

    #[test]
    fn what_a_run_leaves_is_merged_side_by_side_and_the_merged_files_go() {
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT | STORED);
        let index = Index::create_in_dir(dir.path(), schema.build()).unwrap();
        let options = IndexWriterOptions::builder().num_worker_threads(1).build();
        let mut writer: IndexWriter = index.writer_with_options(options).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for batch in 0..8 {
            for article in 0..3_000 {
                let body = format!("batch {batch} article {article}");
                writer.add_document(doc!(text => body)).unwrap();
            }
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();

        // 24,000 articles in eight segments: two merges, one per thread.
        assert_eq!(merge_what_is_left(&index, dir.path(), 2).unwrap(), 2);
        let segments = index.searchable_segment_metas().unwrap();
        let sizes: Vec<u32> = segments.iter().map(SegmentMeta::num_docs).collect();
        assert_eq!(sizes, [12_000, 12_000]);
        // The merged segments' files are gone: when the metas read before
        // the merges were still held, all eight stayed on disk.
        let living: Vec<String> = segments.iter().map(|s| s.id().uuid_string()).collect();
        let stores: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|name| name.strip_suffix(".store").map(str::to_string))
            .collect();
        assert_eq!(stores.len(), 2, "{stores:?}");
        assert!(stores.iter().all(|id| living.contains(id)));
        // Nothing is left to merge.
        assert_eq!(merge_what_is_left(&index, dir.path(), 2).unwrap(), 0);
    }

    #[test]
    fn a_segment_is_measured_by_its_files() {
        let dir = tempfile::tempdir().unwrap();
        let metas = segments(&[10]);
        let segment = &metas[0];
        std::fs::write(
            dir.path()
                .join(segment.relative_path(SegmentComponent::Store)),
            [0; 300],
        )
        .unwrap();
        std::fs::write(
            dir.path()
                .join(segment.relative_path(SegmentComponent::Postings)),
            [0; 20],
        )
        .unwrap();
        assert_eq!(bytes_on_disk(dir.path(), segment), 320);
        assert_eq!(bytes_on_disk(&dir.path().join("gone"), segment), 0);
    }
}
