//! Bringing folders into the index, incrementally: a file whose size and
//! modification time are unchanged is not read again, a file whose content
//! is unchanged is not re-extracted, files that are gone are removed, and no
//! article is ever indexed twice (the path is the key). Work is committed in
//! batches so that an interrupted run keeps what it finished.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

// A million paths are hashed several times over in a run: FxHash, not SipHash.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, INDEX_WRITER_LOCK};
use tantivy::indexer::IndexWriterOptions;
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, IndexWriter, Searcher, TantivyDocument, Term};

use super::found::{FolderFiles, FoundFile, FoundFiles};
use super::merge::{merge_what_is_left, CappedMergePolicy};
use super::queue::{DocumentQueue, QueuedDocument, MAX_WAITING_DOCUMENTS};
use super::{article_id, ArticleIndex, ArticleRecord, Fields};
use crate::article::{parse_article, Article};
use crate::decode::{decode, SkipReason};
use crate::error::{Error, Result};
use crate::extract::countries::Country;
use crate::extract::dates::{Dateline, DayMonthOrder, OrderEvidence, PublicationDate};
use crate::extract::mentions;
use crate::extract::names::NameRegistry;
use crate::extract::people::People;

/// File extensions read as articles; files without an extension are read too.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "text"];

/// How far ahead of the article being written the extraction workers may
/// run: enough to keep them busy past one slow file, and a bound on the
/// prepared articles held in memory.
const REORDER_WINDOW: usize = 512;

/// Files a worker prepares before handing them over together: an unchanged
/// file is one `stat`, and a message and a wake-up per file cost more.
const FILES_PER_MESSAGE: usize = 32;

/// Files prepared again at the end of a run at a time, on every core.
const PREPARED_AGAIN_PER_ROUND: usize = 256;

/// How far the writing thread has got through the files to prepare, in the
/// order of the walk, and a way for a worker that has run too far ahead to
/// wait for it. A worker ahead
/// used to sleep a millisecond at a time: an unchanged folder is checked in
/// a few milliseconds, and those sleeps were a third of it.
#[derive(Default)]
struct WriteCursor {
    written: AtomicUsize,
    waiting: AtomicUsize,
    lock: Mutex<()>,
    moved: Condvar,
}

impl WriteCursor {
    fn get(&self) -> usize {
        self.written.load(Ordering::SeqCst)
    }

    /// Moves on by one article and returns the position it was at.
    fn advance(&self) -> usize {
        let at = self.written.fetch_add(1, Ordering::SeqCst);
        if self.waiting.load(Ordering::SeqCst) > 0 {
            // Taken so that the wake-up cannot fall between a worker's
            // check and its wait.
            let _guard = self.lock.lock();
            self.moved.notify_all();
        }
        at
    }

    /// Blocks until `position` is less than `window` ahead of the writer,
    /// or `give_up` says to stop; true if the worker may go on.
    fn wait_within(&self, position: usize, window: usize, give_up: impl Fn() -> bool) -> bool {
        if position < self.get() + window {
            return true;
        }
        // Nothing panics while holding the lock: a poisoned one is as good.
        let mut guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let mut within = false;
        loop {
            if position < self.get() + window {
                within = true;
                break;
            }
            if give_up() {
                break;
            }
            // The timeout is for `give_up`: a stop or Ctrl-C moves nothing.
            guard = match self.moved.wait_timeout(guard, Duration::from_millis(10)) {
                Ok((next, _)) => next,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        within
    }
}

/// Sets a flag when dropped, however the scope that holds it ends.
struct SetOnDrop<'a>(&'a AtomicBool);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// What `communique index` was asked to do.
#[derive(Clone, Debug)]
pub struct IndexOptions {
    pub index_dir: PathBuf,
    pub folders: Vec<PathBuf>,
    pub rebuild: bool,
    /// Files larger than this many bytes are skipped.
    pub max_size: u64,
    /// Articles per commit: a killed run loses at most this many.
    pub batch_size: usize,
    pub extensions: Vec<String>,
}

impl IndexOptions {
    pub fn new(index_dir: PathBuf, folders: Vec<PathBuf>) -> IndexOptions {
        IndexOptions {
            index_dir,
            folders,
            rebuild: false,
            max_size: 20_000_000,
            batch_size: 20_000,
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// Reports progress while indexing; the binary draws it, tests ignore it.
pub trait IndexProgress: Sync {
    fn start(&self, _files: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// Progress that goes nowhere.
pub struct NoProgress;
impl IndexProgress for NoProgress {}

/// How ambiguous numeric datelines (`05/09/2023`) were settled.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DateOrderReport {
    /// Settled by the weekday in the dateline.
    pub by_weekday: usize,
    /// Settled by the other datelines of the same folder.
    pub by_folder: usize,
    /// Nothing decided: read day first, the order most ministries use.
    pub by_default: usize,
}

/// The closing account of an `index` run.
#[derive(Debug, Default, serde::Serialize)]
pub struct IndexSummary {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: Vec<SkippedFile>,
    /// Indexed, but no dateline was found.
    pub without_date: Vec<String>,
    pub date_order: DateOrderReport,
    /// Files read per encoding.
    pub encodings: BTreeMap<String, usize>,
    /// Articles in the whole index after the run.
    pub total_articles: u64,
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// True when the run was interrupted and committed what it had done.
    pub interrupted: bool,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct SkippedFile {
    pub path: String,
    #[serde(serialize_with = "display")]
    pub reason: SkipReason,
}

fn display<S: serde::Serializer>(r: &SkipReason, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(r)
}

/// What the index already holds for a path.
struct KnownFile {
    size: u64,
    modified: i64,
    fingerprint: Option<u64>,
    /// Where the article is in the index as the run found it.
    address: DocAddress,
}

/// The outcome of reading one file on a worker thread.
enum Prepared {
    /// Same size and time as indexed: not read.
    Unchanged,
    /// Read, but the bytes are those already indexed.
    SameContent(Box<Ready>),
    New(Box<Ready>),
    Skipped(SkipReason),
}

struct Ready {
    size: u64,
    modified: i64,
    title: String,
    body: String,
    dateline: Option<Dateline>,
    countries: Vec<Country>,
    people: People,
    fingerprint: u64,
    encoding: &'static str,
}

/// Indexes `options.folders`, adding, updating and removing articles so that
/// the index matches the folders. `interrupt` is polled between files: once
/// set, the run commits what it has and returns.
pub fn index_folders(
    options: &IndexOptions,
    progress: &dyn IndexProgress,
    interrupt: &AtomicBool,
) -> Result<IndexSummary> {
    let started = Instant::now();
    let mut roots = Vec::new();
    for folder in &options.folders {
        let root = folder
            .canonicalize()
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => Error::NotFound {
                    what: "folder",
                    path: folder.clone(),
                },
                _ => Error::Io {
                    action: "open",
                    path: folder.clone(),
                    source,
                },
            })?;
        roots.push(root);
    }

    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    share_heaps_between_threads(workers);
    let article_index = ArticleIndex::open_or_create(&options.index_dir, options.rebuild)?;
    let fields = article_index.fields;
    let mut writer = LazyWriter::lock(&article_index, &options.index_dir)?;

    let mut summary = IndexSummary::default();
    let mut found = FoundFiles::default();
    let mut unwalkable_dirs = Vec::new();
    // The folders are walked while the index says what it holds: neither
    // needs the other, and each is a third of checking an unchanged folder.
    let known = std::thread::scope(|scope| {
        let known = scope.spawn(|| load_known_files(&article_index));
        for root in &roots {
            walk(
                root,
                options,
                &mut found,
                &mut summary.skipped,
                &mut unwalkable_dirs,
            );
        }
        known
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let (known, indexed) = known?;
    let articles_before = indexed.num_docs();
    // A folder given twice, or inside another given folder, is walked twice:
    // each path is indexed once. Two names that escape to one key (`caf\xE9`
    // not UTF-8, and one written with a backslash) cannot both be: the second
    // is skipped.
    let mut first_of_key: HashMap<&str, &Path> =
        HashMap::with_capacity_and_hasher(found.len(), Default::default());
    let mut keep = Vec::with_capacity(found.len());
    for file in found.iter() {
        match first_of_key.entry(file.key) {
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(file.path());
                keep.push(true);
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                if *first.get() != file.path() {
                    summary.skipped.push(SkippedFile {
                        path: file.key.to_string(),
                        reason: SkipReason::Unreadable(
                            "its name, with the bytes that are not UTF-8 escaped, is that of \
                             another file; rename one of them"
                                .into(),
                        ),
                    });
                }
                keep.push(false);
            }
        }
    }
    drop(first_of_key);
    found.retain(&keep);
    progress.start(found.len() as u64);

    let mut seen: HashSet<&str> =
        HashSet::with_capacity_and_hasher(found.len(), Default::default());
    for file in found.iter() {
        seen.insert(file.key);
    }

    let mut folder_orders: HashMap<PathBuf, [usize; 2]> = HashMap::default();
    // Deferred to the end of the run, unwritten, by position in `found`:
    // ambiguous dates wait for their folder's evidence, lone surnames for
    // the rest of the corpus. Only positions are held, never texts: held
    // texts pinned the extraction threads' heaps, and a million articles
    // peaked near a gigabyte. The files are read again at the end, on
    // every core, and each article is written once.
    let mut pending_ambiguous: Vec<usize> = Vec::new();
    // A lone surname's article keeps the names as resolved when it was
    // read, which the end resolves again: resolving what the file says
    // afresh would give its other names the spellings the end prefers, not
    // the ones the rest of the run was written with.
    let mut pending_names: Vec<(usize, People)> = Vec::new();
    // Read when the first article is extracted: an unchanged folder never
    // needs it.
    let mut registry: Option<NameRegistry> = None;
    let load_registry = || load_name_registry(&options.index_dir);
    // Whether the registry may have changed and must be written back: an
    // unchanged corpus reads it and leaves it be.
    let mut learned = false;
    let mut since_commit = 0usize;

    // Files whose size and time are those indexed are settled here; the
    // rest, by position in `found`, go to the workers. A first run has
    // nothing to compare with: its workers stat the files themselves.
    let stamps = if known.is_empty() {
        Vec::new()
    } else {
        stamp_all(&found, workers)
    };
    let mut todo: Vec<usize> = Vec::with_capacity(found.len());
    for (at, file) in found.iter().enumerate() {
        let stamp = stamps.get(at).copied().flatten();
        let known = known.get(file.key);
        if let (Some(stamp), Some(known)) = (stamp, known) {
            if stamp.matches(known) {
                summary.unchanged += 1;
                progress.advance();
                continue;
            }
        }
        todo.push(at);
    }
    writer.expect(todo.len());

    // Files that are gone leave first, and take back the names they gave,
    // before any article of this run is resolved with them.
    let mut gone: Vec<&KnownFile> = Vec::new();
    for (key, before) in known.iter() {
        if seen.contains(key.as_str()) {
            continue;
        }
        let under_root = roots.iter().any(|root| Path::new(key).starts_with(root));
        let under_unwalkable = unwalkable_dirs
            .iter()
            .any(|dir| Path::new(key).starts_with(dir));
        if under_root && !under_unwalkable {
            writer.get()?.delete_term(id_term(&fields, key));
            summary.removed += 1;
            gone.push(before);
        }
    }
    drop(seen);
    if !gone.is_empty() {
        let registry = registry.get_or_insert_with(load_registry);
        for people in names_taught_by_all(&indexed, &fields, &gone, workers) {
            registry.forget(&people);
        }
        learned = true;
    }

    let next = AtomicUsize::new(0);
    // Articles are written, and their names learned, in the order of
    // `found`, whatever order the workers finish them in: the same folder
    // always gives the same index and the same names. `written` is how far
    // through `todo` that order has got; workers wait rather than run too
    // far ahead of it.
    let written = WriteCursor::default();
    let stopped = AtomicBool::new(false);
    let outcome: Result<()> = std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<(usize, Prepared)>>(16);
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, found, known) = (&next, &found, &known);
            let (todo, stamps) = (&todo, &stamps);
            let (written, stopped) = (&written, &stopped);
            let spawned = std::thread::Builder::new()
                .name("extract".into())
                .spawn_scoped(scope, move || loop {
                    if interrupt.load(Ordering::Relaxed) {
                        break;
                    }
                    let start = next.fetch_add(FILES_PER_MESSAGE, Ordering::Relaxed);
                    if start >= todo.len() {
                        break;
                    }
                    let give_up =
                        || stopped.load(Ordering::Relaxed) || interrupt.load(Ordering::Relaxed);
                    if !written.wait_within(start, REORDER_WINDOW, give_up) {
                        return;
                    }
                    let mut prepared = Vec::with_capacity(FILES_PER_MESSAGE);
                    for next_up in start..start + FILES_PER_MESSAGE {
                        let Some(&at) = todo.get(next_up) else { break };
                        let Some(file) = found.get(at) else { break };
                        if interrupt.load(Ordering::Relaxed) {
                            break;
                        }
                        let known = known.get(file.key);
                        let stamp = stamps.get(at).copied().flatten();
                        prepared.push((next_up, prepare(&file, known, stamp, options.max_size)));
                    }
                    if sender.send(prepared).is_err() {
                        break;
                    }
                });
            if let Err(err) = spawned {
                return Err(Error::Io {
                    action: "start a worker thread for",
                    path: options.index_dir.clone(),
                    source: err,
                });
            }
        }
        drop(sender);
        // However this loop ends, no worker waits for it any longer.
        let _stop_workers = SetOnDrop(&stopped);

        let mut arrived: BTreeMap<usize, Prepared> = BTreeMap::new();
        for prepared in receiver {
            arrived.extend(prepared);
            while let Some(prepared) = arrived.remove(&written.get()) {
                let next_up = written.advance();
                progress.advance();
                let Some(&at) = todo.get(next_up) else {
                    continue;
                };
                let Some(file) = found.get(at) else { continue };
                let indexed_before = known.get(file.key);
                let existed = indexed_before.is_some();
                let ready = match prepared {
                    Prepared::Unchanged => {
                        summary.unchanged += 1;
                        continue;
                    }
                    Prepared::Skipped(reason) => {
                        summary.skipped.push(SkippedFile {
                            path: file.key.to_string(),
                            reason,
                        });
                        // A file that became unreadable leaves the index.
                        if let Some(before) = indexed_before {
                            writer.get()?.delete_term(id_term(&fields, file.key));
                            summary.removed += 1;
                            let registry = registry.get_or_insert_with(load_registry);
                            forget_names(registry, &indexed, &fields, before);
                            learned = true;
                        }
                        continue;
                    }
                    // Its names were learned when it was first indexed.
                    Prepared::SameContent(ready) => {
                        summary.unchanged += 1;
                        let registry = registry.get_or_insert_with(load_registry);
                        (ready, registry)
                    }
                    Prepared::New(ready) => {
                        let registry = registry.get_or_insert_with(load_registry);
                        match indexed_before {
                            Some(before) => {
                                summary.updated += 1;
                                forget_names(registry, &indexed, &fields, before);
                            }
                            None => summary.added += 1,
                        }
                        registry.learn(&ready.people);
                        learned = true;
                        (ready, registry)
                    }
                };
                let (mut ready, registry) = ready;
                *summary
                    .encodings
                    .entry(ready.encoding.to_string())
                    .or_default() += 1;
                let folder = file
                    .path()
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let names_resolved = registry.resolve(&mut ready.people);
                let date = match ready.dateline {
                    Some(Dateline::Ambiguous { .. }) => {
                        pending_ambiguous.push(at);
                        continue;
                    }
                    Some(Dateline::Known {
                        date,
                        proves,
                        evidence,
                    }) => {
                        if let Some(order) = proves {
                            let counts = folder_orders.entry(folder).or_default();
                            match order {
                                DayMonthOrder::DayFirst => counts[0] += 1,
                                DayMonthOrder::MonthFirst => counts[1] += 1,
                            }
                        }
                        if evidence == OrderEvidence::Weekday {
                            summary.date_order.by_weekday += 1;
                        }
                        Some(date)
                    }
                    None => None,
                };
                if date.is_none() {
                    summary.without_date.push(file.key.to_string());
                }
                if !names_resolved {
                    // A copy made here: the extraction thread's own would
                    // keep its heap from shrinking until the end.
                    pending_names.push((at, ready.people.clone()));
                    continue;
                }
                write_article(&mut writer, &article_index, &file, &ready, date, existed)?;
                since_commit += 1;
                if since_commit >= options.batch_size {
                    writer.commit()?;
                    // The names learned so far survive a kill with the batch.
                    save_name_registry(&options.index_dir, registry)?;
                    since_commit = 0;
                }
            }
        }
        Ok(())
    });
    outcome?;

    let folder_order = |file: &FoundFile, summary: &mut IndexSummary| {
        let folder = file
            .path()
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        match folder_orders.get(&folder) {
            Some(&[day_first, month_first]) if day_first != month_first => {
                summary.date_order.by_folder += 1;
                if day_first > month_first {
                    DayMonthOrder::DayFirst
                } else {
                    DayMonthOrder::MonthFirst
                }
            }
            _ => {
                summary.date_order.by_default += 1;
                DayMonthOrder::DayFirst
            }
        }
    };
    // Articles whose dateline or lone surname waited: read again on every
    // core, settled with what the whole run has learned, written once.
    let mut resolved_when_read: Vec<Option<People>> = vec![None; pending_ambiguous.len()];
    let mut waiting: Vec<usize> = pending_ambiguous;
    for (at, people) in pending_names {
        waiting.push(at);
        resolved_when_read.push(Some(people));
    }
    for_each_prepared_again(
        &found,
        &waiting,
        workers,
        options.max_size,
        |i, mut ready| {
            let Some(file) = waiting.get(i).and_then(|&at| found.get(at)) else {
                return Ok(());
            };
            let date = match ready.dateline {
                Some(Dateline::Known { date, .. }) => Some(date),
                Some(ambiguous) => Some(ambiguous.resolve(folder_order(&file, &mut summary))),
                None => None,
            };
            if let Some(people) = resolved_when_read.get_mut(i).and_then(Option::take) {
                ready.people = people;
            }
            registry
                .get_or_insert_with(load_registry)
                .resolve(&mut ready.people);
            let existed = known.contains_key(file.key);
            write_article(&mut writer, &article_index, &file, &ready, date, existed)?;
            // Committed in batches like the rest: uncommitted, the segment
            // writers fill their whole memory budget (a third more memory
            // at the end of 520,000 real articles).
            since_commit += 1;
            if since_commit >= options.batch_size {
                writer.commit()?;
                if let (true, Some(registry)) = (learned, &registry) {
                    save_name_registry(&options.index_dir, registry)?;
                }
                since_commit = 0;
            }
            Ok(())
        },
    )?;

    summary.interrupted = interrupt.load(Ordering::Relaxed);
    // A run stopped by Ctrl-C ends as soon as it has committed.
    let changed = writer.finish(!summary.interrupted, workers)?;
    if let (true, Some(registry)) = (learned, &registry) {
        save_name_registry(&options.index_dir, registry)?;
    }
    progress.finish();

    summary.total_articles = if changed {
        article_index.reader()?.searcher().num_docs()
    } else {
        articles_before
    };
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// The index writer, made when the run first changes something. Until then
/// the run holds tantivy's writer lock itself, so that a second run still
/// fails at once; an unchanged folder is then checked without the writer's
/// threads, its ten-thousand-slot document queue or a commit.
struct LazyWriter<'i> {
    article_index: &'i ArticleIndex,
    index_dir: &'i Path,
    lock: Option<DirectoryLock>,
    writer: Option<IndexWriter<QueuedDocument>>,
    queue: DocumentQueue,
    /// How many articles the run has to write, once known.
    articles_to_write: usize,
}

/// Fewer articles than this to write are indexed on one tantivy thread:
/// each thread writes a segment of its own, whose set-up and writing cost
/// a few milliseconds however few articles it holds (a new index of ten
/// files: 30.3 -> 25.8 ms; of a hundred: 46.8 -> 42.8 ms; 15 alternating
/// runs each), and every segment is one more for each search to open (a
/// second one costs a 17k search about 0.25 ms). A thousand articles are
/// indexed faster on two threads (141 against 175 ms).
const ONE_THREAD_BELOW_ARTICLES: usize = 256;

impl<'i> LazyWriter<'i> {
    fn lock(article_index: &'i ArticleIndex, index_dir: &'i Path) -> Result<Self> {
        let lock = article_index
            .index
            .directory()
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|err| match err {
                LockError::LockBusy => Error::Locked(index_dir.to_path_buf()),
                other => article_index.index_error(other.into()),
            })?;
        Ok(LazyWriter {
            article_index,
            index_dir,
            lock: Some(lock),
            writer: None,
            queue: DocumentQueue::new(MAX_WAITING_DOCUMENTS),
            articles_to_write: usize::MAX,
        })
    }

    /// Says how many articles the run will write, before the writer is
    /// made.
    fn expect(&mut self, articles: usize) {
        self.articles_to_write = articles;
    }

    fn get(&mut self) -> Result<&mut IndexWriter<QueuedDocument>> {
        let made = match self.writer.take() {
            Some(made) => made,
            None => self.make()?,
        };
        Ok(self.writer.insert(made))
    }

    fn make(&mut self) -> Result<IndexWriter<QueuedDocument>> {
        // The writer takes the same lock: hand it over.
        self.lock = None;
        let indexing_threads = if self.articles_to_write < ONE_THREAD_BELOW_ARTICLES {
            1
        } else {
            2
        };
        let writer: IndexWriter<QueuedDocument> = self
            .article_index
            .index
            .writer_with_options(
                IndexWriterOptions::builder()
                    .num_worker_threads(indexing_threads)
                    .memory_budget_per_thread(200_000_000)
                    // One merge at a time: each maps all of its inputs, up
                    // to 256 MB of them, and two at once took 520,000 real
                    // articles to 840 MB against 724 MB with one, no slower
                    // (183 against 182 s). tantivy's four at once held a
                    // gigabyte resident on a million articles.
                    .num_merge_threads(1)
                    .build(),
            )
            .map_err(|err| match err {
                tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => {
                    Error::Locked(self.index_dir.to_path_buf())
                }
                other => self.article_index.index_error(other),
            })?;
        writer.set_merge_policy(Box::new(CappedMergePolicy::for_index(self.index_dir)));
        Ok(writer)
    }

    /// Hands `document` to the indexing threads, once fewer than
    /// [`MAX_WAITING_DOCUMENTS`] wait for them.
    fn add(&mut self, document: TantivyDocument) -> Result<()> {
        let document = self.queue.admit(document);
        if self.get()?.add_document(document).is_err() {
            // The writer has died; its commit says why.
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        if let Some(writer) = self.writer.as_mut() {
            writer
                .commit()
                .map_err(|e| self.article_index.index_error(e))?;
        }
        Ok(())
    }

    /// The last commit of a run. A `completed` run then merges the small
    /// segments left over, on `threads` threads; an interrupted one leaves
    /// them. True if the run changed the index.
    fn finish(mut self, completed: bool, threads: usize) -> Result<bool> {
        self.commit()?;
        let Some(writer) = self.writer else {
            return Ok(false);
        };
        // The segment writers are gone; what is left to run is merges.
        release_freed_memory();
        writer
            .wait_merging_threads()
            .map_err(|e| self.article_index.index_error(e))?;
        if completed {
            let index = &self.article_index.index;
            match merge_what_is_left(index, self.index_dir, threads) {
                // Another run took the index in between: its own end merges.
                Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => {}
                other => {
                    other.map_err(|e| self.article_index.index_error(e))?;
                }
            }
        }
        Ok(true)
    }
}

/// Hands the memory the run's segment writers freed back to the system,
/// before the run's last merges start. glibc keeps freed memory for the
/// next allocation, and tantivy's indexing arenas (up to 200 MB a thread)
/// left it holding 660 MB of free heap at the end of 140,000 real articles
/// while the merges mapped another 900 MB of segment files: 1.67 GB at the
/// peak, 1.15 GB with the heap handed back (BENCHMARKS.md). Only at the
/// end: between batches the next segment writers reuse that memory, and
/// faulting it in again costs time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: malloc_trim takes no pointer and only returns to the system
    // pages of the heap no allocation holds; glibc locks its arenas itself.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// Lets glibc keep no more heaps than there are cores, for the rest of the
/// process. By default each new thread may get a heap of its own, up to
/// eight per core, and each heap keeps what was freed in it for its own
/// threads: the extraction, indexing, doc-store and merge threads of a run
/// spread the articles' memory over a dozen heaps, and what they keep grows
/// with the corpus. 520,000 real articles peaked at 1,016 MB with the
/// default, 968 MB with four heaps and 709 MB with two; 140,000 at 370-440,
/// 360-430 and 323-330 MB (BENCHMARKS.md). Called before the run starts
/// its threads: a thread keeps the heap it was given.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn share_heaps_between_threads(cores: usize) {
    extern "C" {
        fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    }
    // glibc's malloc.h: the parameter that caps the number of heaps.
    const M_ARENA_MAX: std::ffi::c_int = -8;
    let heaps = std::ffi::c_int::try_from(cores.max(2)).unwrap_or(std::ffi::c_int::MAX);
    // SAFETY: mallopt takes no pointer; glibc reads the setting under its
    // own lock when a thread next needs a heap.
    unsafe {
        mallopt(M_ARENA_MAX, heaps);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn share_heaps_between_threads(_cores: usize) {}

/// Reads and extracts the files at `positions` of `found` again, on
/// `workers` threads a round at a time, and hands each article still
/// readable to `write` with its index in `positions`, in that order.
fn for_each_prepared_again(
    found: &FoundFiles,
    positions: &[usize],
    workers: usize,
    max_size: u64,
    mut write: impl FnMut(usize, Box<Ready>) -> Result<()>,
) -> Result<()> {
    let mut done = 0;
    for round in positions.chunks(PREPARED_AGAIN_PER_ROUND) {
        let share = round.len().div_ceil(workers.max(1));
        let prepared: Vec<Prepared> = std::thread::scope(|scope| {
            let handles: Vec<_> = round
                .chunks(share.max(1))
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|&at| match found.get(at) {
                                Some(file) => prepare(&file, None, None, max_size),
                                None => Prepared::Unchanged,
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        for (prepared, index) in prepared.into_iter().zip(done..) {
            if let Prepared::New(ready) = prepared {
                write(index, ready)?;
            }
        }
        done += round.len();
    }
    Ok(())
}

fn write_article(
    writer: &mut LazyWriter,
    article_index: &ArticleIndex,
    file: &FoundFile,
    ready: &Ready,
    date: Option<PublicationDate>,
    existed: bool,
) -> Result<()> {
    let fields = &article_index.fields;
    if existed {
        writer.get()?.delete_term(id_term(fields, file.key));
    }
    let record = ArticleRecord {
        path: file.key,
        root: file.root,
        title: &ready.title,
        body: &ready.body,
        date,
        countries: &ready.countries,
        people: &ready.people,
        fingerprint: ready.fingerprint,
        size: ready.size,
        modified: ready.modified,
        encoding: ready.encoding,
    };
    writer.add(record.to_document(fields))
}

/// A file's size and modification time: unchanged, and it is not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileStamp {
    size: u64,
    /// Nanoseconds since 1970.
    modified: i64,
}

impl FileStamp {
    fn of(path: &Path) -> std::io::Result<FileStamp> {
        Ok(FileStamp::from_metadata(&std::fs::metadata(path)?))
    }

    fn from_metadata(metadata: &std::fs::Metadata) -> FileStamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        FileStamp {
            size: metadata.len(),
            modified,
        }
    }

    fn matches(&self, known: &KnownFile) -> bool {
        known.size == self.size && known.modified == self.modified
    }
}

/// The stamp of every file, the list cut into one run per core; `None`
/// where a file cannot be stat'ed (preparing it says why). Files are
/// stat'ed here, not during the walk: an unchanged million is a million
/// stats, and the cores share them. Handing each file to a worker and
/// back, as extraction does, cost more than the stat itself.
fn stamp_all(found: &FoundFiles, threads: usize) -> Vec<Option<FileStamp>> {
    let stamp = |at: usize| {
        found
            .get(at)
            .and_then(|file| FileStamp::of(file.path()).ok())
    };
    let per_thread = found.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..found.len())
            .step_by(per_thread)
            .map(|start| {
                let run = start..(start + per_thread).min(found.len());
                let spawned = std::thread::Builder::new()
                    .name("stat".into())
                    .spawn_scoped(scope, {
                        let run = run.clone();
                        move || run.map(stamp).collect::<Vec<_>>()
                    });
                (run, spawned)
            })
            .collect();
        let mut stamps = Vec::with_capacity(found.len());
        for (run, spawned) in runs {
            match spawned.map(|thread| thread.join()) {
                Ok(Ok(run_stamps)) => stamps.extend(run_stamps),
                // No thread, or one that panicked: this run on this one.
                _ => stamps.extend(run.map(stamp)),
            }
        }
        stamps
    })
}

fn prepare(
    file: &FoundFile,
    known: Option<&KnownFile>,
    stamp: Option<FileStamp>,
    max_size: u64,
) -> Prepared {
    let unreadable =
        |err: std::io::Error| Prepared::Skipped(SkipReason::Unreadable(err.to_string()));
    // One open, one stat of the open file and one read: `fs::metadata`
    // and `fs::read` made two stats and two reads of every file, a
    // quarter of a 100k build's system calls.
    let handle = match std::fs::File::open(file.path()) {
        Ok(handle) => handle,
        Err(err) => return unreadable(err),
    };
    let stamp = match stamp.map_or_else(
        || handle.metadata().map(|m| FileStamp::from_metadata(&m)),
        Ok,
    ) {
        Ok(stamp) => stamp,
        Err(err) => return unreadable(err),
    };
    let FileStamp { size, modified } = stamp;
    if known.is_some_and(|known| stamp.matches(known)) {
        return Prepared::Unchanged;
    }
    if size > max_size {
        return Prepared::Skipped(SkipReason::TooLarge {
            size,
            limit: max_size,
        });
    }
    let bytes = match read_stamped(&handle, size) {
        Ok(bytes) => bytes,
        Err(err) => return unreadable(err),
    };
    let fingerprint = content_fingerprint(&bytes);
    let decoded = match decode(&bytes) {
        Ok(decoded) => decoded,
        Err(reason) => return Prepared::Skipped(reason),
    };
    let article = parse_article(&decoded.text);
    let found = mentions(&article);
    let ready = Box::new(Ready {
        size,
        modified,
        title: article.title,
        body: article.body,
        dateline: article.dateline,
        countries: found.countries,
        people: People {
            ministers: found.ministers,
            people: found.people,
        },
        fingerprint,
        encoding: decoded.encoding,
    });
    match known {
        Some(known) if known.fingerprint == Some(ready.fingerprint) => Prepared::SameContent(ready),
        _ => Prepared::New(ready),
    }
}

/// The first `size` bytes of a file, the size it was stat'ed at, read
/// without asking for more: a file that grows meanwhile has a new time,
/// and the next run reads it again.
fn read_stamped(handle: &std::fs::File, size: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    handle.take(size).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The term that finds the article of the file at `key`.
fn id_term(fields: &super::Fields, key: &str) -> Term {
    Term::from_field_text(fields.id, &article_id(key))
}

/// What tells a rewritten file from one whose bytes are unchanged: 64 bits
/// of BLAKE3, which two versions of one file will not share by chance.
fn content_fingerprint(bytes: &[u8]) -> u64 {
    let hash = blake3::hash(bytes);
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

fn walk(
    root: &Path,
    options: &IndexOptions,
    found: &mut FoundFiles,
    skipped: &mut Vec<SkippedFile>,
    unwalkable_dirs: &mut Vec<PathBuf>,
) {
    let mut folder = FolderFiles::default();
    let skipped_before = skipped.len();
    // Sorted once at the end, by key, rather than by walkdir, which parses
    // two paths for a file name at each of its n log n comparisons: a
    // tenth of an unchanged re-index.
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let reason = match err.loop_ancestor() {
                    Some(ancestor) => format!("symlink loop back to {}", ancestor.display()),
                    None => err
                        .io_error()
                        .map_or_else(|| err.to_string(), |io| io.to_string()),
                };
                unwalkable_dirs.push(path.clone());
                skipped.push(SkippedFile {
                    path: path_key(&path),
                    reason: SkipReason::Unreadable(reason),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let wanted = match path.extension() {
            None => true,
            Some(ext) => {
                let ext = ext.to_string_lossy();
                options
                    .extensions
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case(&ext))
            }
        };
        if !wanted {
            continue;
        }
        folder.push(path);
    }
    found.add_folder(&path_key(root), folder);
    if let Some(unwalkable) = skipped.get_mut(skipped_before..) {
        unwalkable.sort_by(|a, b| a.path.cmp(&b.path));
    }
}

/// The path as stored in the index. Non-UTF-8 bytes are escaped as `\xNN`;
/// only a name that itself holds such a `\xNN` can collide with one, and
/// [`index_folders`] skips the second of the two.
pub fn path_key(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return text.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut key = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            key.push_str(chunk.valid());
            for byte in chunk.invalid() {
                key.push_str(&format!("\\x{byte:02X}"));
            }
        }
        key
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// What the index holds for each path, and how many articles it holds.
fn load_known_files(
    article_index: &ArticleIndex,
) -> Result<(HashMap<String, KnownFile>, Searcher)> {
    let error = |e| article_index.index_error(e);
    let reader = article_index.reader()?;
    let searcher = reader.searcher();
    let mut known =
        HashMap::with_capacity_and_hasher(searcher.num_docs() as usize, Default::default());
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let Some(paths) = fast.str("path").map_err(error)? else {
            continue;
        };
        let fingerprints = fast.u64("fingerprint").map_err(error)?;
        let sizes = fast.u64("size").map_err(error)?;
        let times = fast.i64("modified").map_err(error)?;
        // One ordered pass over each dictionary: looking terms up one by one
        // decompresses a block per document.
        let mut path_terms = all_terms(&paths).map_err(|e| error(e.into()))?;
        for doc in segment.doc_ids_alive() {
            // A path is one article's: its term is taken, not copied.
            let Some(path) = paths
                .term_ords(doc)
                .next()
                .and_then(|ord| path_terms.get_mut(ord as usize))
                .map(std::mem::take)
            else {
                continue;
            };
            known.insert(
                path,
                KnownFile {
                    size: sizes.first(doc).unwrap_or(u64::MAX),
                    modified: times.first(doc).unwrap_or(i64::MIN),
                    fingerprint: fingerprints.first(doc),
                    address: DocAddress::new(ordinal as u32, doc),
                },
            );
        }
    }
    Ok((known, searcher))
}

/// Takes back from `registry` the names an indexed article taught it, as
/// the article is replaced or becomes unreadable (see [`names_taught`]).
fn forget_names(
    registry: &mut NameRegistry,
    indexed: &Searcher,
    fields: &Fields,
    before: &KnownFile,
) {
    if let Some(people) = names_taught(indexed, fields, before) {
        registry.forget(&people);
    }
}

/// Below this many articles gone, their names are extracted again on one
/// thread: starting threads would cost more.
const PARALLEL_FORGETTING: usize = 64;

/// [`names_taught`] for many articles, on `workers` threads: removing a
/// folder of 5,862 long speeches spent 0.8 s extracting them on one core.
fn names_taught_by_all(
    indexed: &Searcher,
    fields: &Fields,
    gone: &[&KnownFile],
    workers: usize,
) -> Vec<People> {
    let extract = |part: &[&KnownFile]| -> Vec<People> {
        part.iter()
            .filter_map(|before| names_taught(indexed, fields, before))
            .collect()
    };
    if gone.len() < PARALLEL_FORGETTING || workers < 2 {
        return extract(gone);
    }
    let part_size = gone.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let parts: Vec<_> = gone
            .chunks(part_size)
            .map(|part| scope.spawn(move || extract(part)))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The names an indexed article taught the registry: its stored title and
/// body extracted again, as they were when it was indexed. `None` when
/// the stored article cannot be read; its names then stay, as they did
/// before names were ever forgotten.
fn names_taught(indexed: &Searcher, fields: &Fields, before: &KnownFile) -> Option<People> {
    let doc: TantivyDocument = indexed.doc(before.address).ok()?;
    let text = |field: Field| {
        doc.get_first(field)
            .and_then(|value| value.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let article = Article {
        title: text(fields.title),
        dateline_text: None,
        dateline: None,
        body: text(fields.body),
    };
    let found = mentions(&article);
    Some(People {
        ministers: found.ministers,
        people: found.people,
    })
}

/// Every term of a string fast field, by ordinal.
fn all_terms(column: &tantivy::columnar::StrColumn) -> std::io::Result<Vec<String>> {
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}

/// The file beside the index that keeps the corpus's full names.
const NAMES_FILE: &str = "names.json";

/// The names learned by earlier runs; empty when there were none.
pub fn load_name_registry(index_dir: &Path) -> NameRegistry {
    std::fs::read(index_dir.join(NAMES_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<NameRegistry>(&bytes).ok())
        .map(NameRegistry::rekeyed)
        .unwrap_or_default()
}

/// Writes the registry whole or not at all (write, then rename).
fn save_name_registry(index_dir: &Path, registry: &NameRegistry) -> Result<()> {
    let path = index_dir.join(NAMES_FILE);
    let temporary = index_dir.join(format!("{NAMES_FILE}.tmp"));
    let bytes = serde_json::to_vec(registry).map_err(std::io::Error::other);
    bytes
        .and_then(|bytes| std::fs::write(&temporary, bytes))
        .and_then(|()| std::fs::rename(&temporary, &path))
        .map_err(|source| Error::Io {
            action: "write",
            path,
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::StoredArticle;
    use tantivy::{DocAddress, TantivyDocument};

    /// Every article of the index at `dir`, by path, and how many
    /// documents were deleted (replaced by another version).
    fn stored_articles(dir: &Path) -> (Vec<StoredArticle>, u32) {
        let index = ArticleIndex::open(dir).unwrap();
        let searcher = index.reader().unwrap().searcher();
        let deleted = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.num_deleted_docs())
            .sum();
        let mut articles = Vec::new();
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let address = DocAddress::new(ordinal as u32, doc);
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                articles.push(StoredArticle::from_document(&doc, &index.fields));
            }
        }
        articles.sort_by(|a, b| a.path.cmp(&b.path));
        (articles, deleted)
    }

    #[test]
    fn articles_waiting_for_the_end_of_a_run_are_settled_and_written_once() {
        let corpus = tempfile::tempdir().unwrap();
        let files = [
            ("europe/a.txt", "Proof\n25/09/2023\nDay first.\n"),
            ("europe/b.txt", "Europe note\n05/09/2023\nWhich month?\n"),
            (
                "calls/a-call.txt",
                "Call with FM Lavrov\n2022-02-01\nFM Lavrov discussed grain exports.\n",
            ),
            (
                "calls/b-visit.txt",
                "Visit\n2022-02-02\nMinister of Foreign Affairs of Russia Sergey Lavrov \
                 arrived in Ankara.\n",
            ),
        ];
        for (name, text) in files {
            let path = corpus.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let index = tempfile::tempdir().unwrap();
        let options = IndexOptions::new(index.path().into(), vec![corpus.path().into()]);
        index_folders(&options, &NoProgress, &AtomicBool::new(false)).unwrap();
        let (articles, deleted) = stored_articles(index.path());
        assert_eq!(articles.len(), 4);
        // The call naming "Lavrov" alone was written once, not written and
        // then replaced once the visit gave the full name.
        assert_eq!(deleted, 0);
        let titled = |title: &str| articles.iter().find(|a| a.title == title).unwrap();
        let note_date = titled("Europe note").date.unwrap().start().date();
        assert_eq!(note_date, jiff::civil::date(2023, 9, 5));
        let call = titled("Call with FM Lavrov");
        assert_eq!(call.ministers[0].name, "Sergey Lavrov");
    }

    #[test]
    fn articles_written_at_the_end_of_a_run_are_committed_in_batches() {
        // Uncommitted, the end's articles filled the indexing threads'
        // whole memory budget: 520,000 real articles peaked 300 MB higher.
        let corpus = tempfile::tempdir().unwrap();
        for day in 1..=6 {
            let text = format!("Note {day}\n0{day}/09/2023\nWhich month?\n");
            std::fs::write(corpus.path().join(format!("{day}.txt")), text).unwrap();
        }
        let index = tempfile::tempdir().unwrap();
        let mut options = IndexOptions::new(index.path().into(), vec![corpus.path().into()]);
        options.batch_size = 2;
        index_folders(&options, &NoProgress, &AtomicBool::new(false)).unwrap();
        let searcher = ArticleIndex::open(index.path())
            .unwrap()
            .reader()
            .unwrap()
            .searcher();
        assert_eq!(searcher.num_docs(), 6);
        // One segment a commit: all six in one would mean one commit.
        assert!(searcher.segment_readers().len() >= 2);
    }

    #[test]
    fn a_waiting_article_keeps_the_names_it_was_read_with() {
        // "Biden" alone is "Joseph R. Biden" when the statement is read, and
        // "Jill Biden" by the end, when "Lavrov" is settled: the statement
        // keeps the first, as it would had it not waited (4d1dbc0; settling
        // its names afresh moved 33 articles at 17k from one to the other).
        let corpus = tempfile::tempdir().unwrap();
        let mut files = vec![
            (
                "a1.txt".to_string(),
                "Readout\n2021-03-01\nPresident Joseph R. Biden spoke with Prime \
                 Minister Yoshihide Suga of Japan.\n"
                    .to_string(),
            ),
            (
                "a2.txt".to_string(),
                "Statement\n2021-03-02\nPresident Biden welcomed the talks. FM Lavrov \
                 did not attend.\n"
                    .to_string(),
            ),
        ];
        for day in 3..=6 {
            files.push((
                format!("a{day}.txt"),
                format!("Remarks\n2021-03-0{day}\nAmbassador Jill Biden spoke today.\n"),
            ));
        }
        files.push((
            "a7.txt".to_string(),
            "Visit\n2021-03-07\nMinister of Foreign Affairs of Russia Sergey Lavrov \
             arrived in Ankara.\n"
                .to_string(),
        ));
        for (name, text) in &files {
            std::fs::write(corpus.path().join(name), text).unwrap();
        }
        let index = tempfile::tempdir().unwrap();
        let options = IndexOptions::new(index.path().into(), vec![corpus.path().into()]);
        index_folders(&options, &NoProgress, &AtomicBool::new(false)).unwrap();
        let (articles, _) = stored_articles(index.path());
        let statement = articles.iter().find(|a| a.title == "Statement").unwrap();
        assert_eq!(statement.ministers[0].name, "Sergey Lavrov");
        let people: Vec<&str> = statement.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(people, ["Joseph R. Biden"]);
        // The end of the run does prefer the other spelling for a lone name.
        let remarks = articles.iter().filter(|a| a.title == "Remarks");
        assert!(remarks
            .map(|a| &a.people[0].name)
            .all(|n| n == "Jill Biden"));
    }

    #[test]
    fn a_worker_ahead_of_the_writer_waits_until_it_catches_up() {
        let cursor = WriteCursor::default();
        let released = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| {
                let within = cursor.wait_within(5, 2, || false);
                released.store(true, Ordering::SeqCst);
                within
            });
            for _ in 0..3 {
                assert!(!released.load(Ordering::SeqCst));
                cursor.advance();
                std::thread::sleep(Duration::from_millis(20));
            }
            // 5 < 4 + 2: the fourth article written lets the worker go.
            assert!(!released.load(Ordering::SeqCst));
            assert_eq!(cursor.advance(), 3);
            assert!(waiter.join().unwrap());
        });
        assert!(released.load(Ordering::SeqCst));
    }

    #[test]
    fn a_file_is_read_up_to_the_size_it_was_stamped_at() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grows.txt");
        std::fs::write(&path, "Title\n\nBody").unwrap();
        let handle = std::fs::File::open(&path).unwrap();
        let stamp = FileStamp::from_metadata(&handle.metadata().unwrap());
        assert_eq!(stamp, FileStamp::of(&path).unwrap());
        // Written to after the stamp: what it held then is read.
        std::fs::write(&path, "Title\n\nBody, and more").unwrap();
        assert_eq!(read_stamped(&handle, stamp.size).unwrap(), b"Title\n\nBody");
        // Cut short after the stamp: what is left is read.
        std::fs::write(&path, "Title").unwrap();
        let handle = std::fs::File::open(&path).unwrap();
        assert_eq!(read_stamped(&handle, stamp.size).unwrap(), b"Title");
    }

    #[test]
    fn a_waiting_worker_gives_up_when_told_to() {
        let cursor = WriteCursor::default();
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| cursor.wait_within(100, 1, || stop.load(Ordering::SeqCst)));
            std::thread::sleep(Duration::from_millis(20));
            stop.store(true, Ordering::SeqCst);
            assert!(!waiter.join().unwrap());
        });
        assert_eq!(cursor.get(), 0);
    }
}
