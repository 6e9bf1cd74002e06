//! Breakdowns of ALL the articles a search matches, not only the page shown:
//! counts per country, minister, person, year and country pair, and a
//! timeline. One collector reads the fast fields of each matching article;
//! no stored document is loaded.

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DateTime, DocId, Executor, Score, Searcher, SegmentReader};

use crate::index::PAIR_SEPARATOR;

/// The width of a timeline bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimelineInterval {
    Year,
    #[default]
    Month,
    Week,
}

/// One value and the number of matching articles that have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Two countries named together, and in how many matching articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PairCount {
    pub countries: [String; 2],
    pub count: u64,
}

/// The most frequent values among all matching articles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub countries: Vec<FacetCount>,
    pub ministers: Vec<FacetCount>,
    pub people: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
    pub pairs: Vec<PairCount>,
}

/// One bar of a timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimelineBucket {
    /// `2022`, `2022-03` or `2022-W09`.
    pub label: String,
    /// The first day the bar covers.
    pub start: String,
    pub count: u64,
}

/// Matching articles over time. Every matching article is in exactly one
/// of: a bucket, `year_only` (a year-only date on a month or week timeline),
/// or `undated`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Timeline {
    pub interval: TimelineInterval,
    pub buckets: Vec<TimelineBucket>,
    pub year_only: u64,
    pub undated: u64,
}

/// Runs a counting collector over the matches of `query` with one thread per
/// segment, up to the cores: a large index has several segments, and
/// counting over all its articles is the slowest thing a search does. The
/// ranked hits of a large index are collected this way too (see
/// `collect_hits`); on a small one, starting threads costs more than it saves.
pub fn count_in_parallel<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let segments = searcher.segment_readers().len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(segments);
    if threads > 1 {
        if let Ok(executor) = Executor::multi_thread(threads, "communique-count-") {
            let scoring = if collector.requires_scoring() {
                EnableScoring::enabled_from_searcher(searcher)
            } else {
                EnableScoring::disabled_from_searcher(searcher)
            };
            return searcher.search_with_executor(query, collector, &executor, scoring);
        }
    }
    searcher.search(query, collector)
}

/// Which fast fields to count, by name.
const COUNTED_FIELDS: [&str; 5] = ["country", "minister", "person", "country_pair", "root"];

/// Counts fast-field values over the matching documents.
pub struct BreakdownCollector {
    /// Count countries, ministers, people, pairs and folders (facets).
    pub terms: bool,
    pub timeline: Option<TimelineInterval>,
}

/// What [`BreakdownCollector`] gathers, before sorting.
#[derive(Debug, Default)]
pub struct Breakdown {
    terms: [SortedCounts; 5],
    years: HashMap<u64, u64>,
    /// The earliest and latest dates among the matches.
    first: Option<DateTime>,
    last: Option<DateTime>,
    buckets: HashMap<i64, u64>,
    year_only: u64,
    undated: u64,
}

impl Collector for BreakdownCollector {
    type Fruit = Breakdown;
    type Child = BreakdownSegment;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<BreakdownSegment> {
        let fast = reader.fast_fields();
        let mut columns = Vec::with_capacity(COUNTED_FIELDS.len());
        for name in COUNTED_FIELDS {
            let column = if self.terms { fast.str(name)? } else { None };
            let counts = vec![0u32; column.as_ref().map_or(0, |c| c.num_terms())];
            columns.push((column, counts));
        }
        Ok(BreakdownSegment {
            columns,
            year: fast.u64("year")?,
            date: fast.date("date")?,
            precision: fast.u64("date_precision")?,
            timeline: self.timeline,
            day_buckets: HashMap::default(),
            breakdown: Breakdown::default(),
            scratch: Scratch::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Breakdown>) -> tantivy::Result<Breakdown> {
        let mut total = Breakdown::default();
        let mut terms: [Vec<SortedCounts>; 5] = Default::default();
        for mut fruit in fruits {
            for (into, from) in terms.iter_mut().zip(&mut fruit.terms) {
                into.push(std::mem::take(from));
            }
            for (year, count) in fruit.years {
                *total.years.entry(year).or_default() += count;
            }
            for (bucket, count) in fruit.buckets {
                *total.buckets.entry(bucket).or_default() += count;
            }
            total.first = earliest(total.first, fruit.first);
            total.last = latest(total.last, fruit.last);
            total.year_only += fruit.year_only;
            total.undated += fruit.undated;
        }
        for (into, lists) in total.terms.iter_mut().zip(terms) {
            *into = SortedCounts::merge_all(lists);
        }
        Ok(total)
    }
}

/// Values with their counts, in the byte order of the values: what a
/// segment's dictionary yields for its counted ordinals. Merging segments is
/// then a walk along sorted lists; values live in one buffer, not one
/// allocation each, since a facet of a large index has hundreds of
/// thousands.
#[derive(Debug, Default)]
struct SortedCounts {
    bytes: Vec<u8>,
    /// Where each value ends in `bytes`.
    ends: Vec<usize>,
    counts: Vec<u64>,
}

impl SortedCounts {
    fn push(&mut self, value: &[u8], count: u64) {
        self.bytes.extend_from_slice(value);
        self.ends.push(self.bytes.len());
        self.counts.push(count);
    }

    fn len(&self) -> usize {
        self.counts.len()
    }

    fn get(&self, i: usize) -> Option<(&[u8], u64)> {
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        let end = *self.ends.get(i)?;
        Some((self.bytes.get(start..end)?, *self.counts.get(i)?))
    }

    fn iter(&self) -> impl Iterator<Item = (&[u8], u64)> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// One sorted list from two, the counts of a value in both added.
    fn merge(a: &SortedCounts, b: &SortedCounts) -> SortedCounts {
        let mut out = SortedCounts {
            bytes: Vec::with_capacity(a.bytes.len() + b.bytes.len()),
            ends: Vec::with_capacity(a.len() + b.len()),
            counts: Vec::with_capacity(a.len() + b.len()),
        };
        let (mut left, mut right) = (a.iter().peekable(), b.iter().peekable());
        loop {
            match (left.peek(), right.peek()) {
                (Some(&(x, m)), Some(&(y, n))) => match x.cmp(y) {
                    std::cmp::Ordering::Less => {
                        out.push(x, m);
                        left.next();
                    }
                    std::cmp::Ordering::Greater => {
                        out.push(y, n);
                        right.next();
                    }
                    std::cmp::Ordering::Equal => {
                        out.push(x, m + n);
                        left.next();
                        right.next();
                    }
                },
                (Some(&(x, m)), None) => {
                    out.push(x, m);
                    left.next();
                }
                (None, Some(&(y, n))) => {
                    out.push(y, n);
                    right.next();
                }
                (None, None) => return out,
            }
        }
    }

    /// Merges the lists two by two, so that each value is copied about
    /// log2(lists) times rather than once per list.
    fn merge_all(mut lists: Vec<SortedCounts>) -> SortedCounts {
        while lists.len() > 1 {
            let mut next = Vec::with_capacity(lists.len().div_ceil(2));
            let mut pairs = lists.into_iter();
            while let Some(a) = pairs.next() {
                next.push(match pairs.next() {
                    Some(b) => SortedCounts::merge(&a, &b),
                    None => a,
                });
            }
            lists = next;
        }
        lists.pop().unwrap_or_default()
    }
}

pub struct BreakdownSegment {
    columns: Vec<(Option<StrColumn>, Vec<u32>)>,
    year: Column<u64>,
    date: Column<DateTime>,
    precision: Column<u64>,
    timeline: Option<TimelineInterval>,
    /// Day number -> bucket key: a date converts once, not once per article.
    day_buckets: HashMap<i64, Option<i64>>,
    breakdown: Breakdown,
    scratch: Scratch,
}

/// Buffers reused from one block of documents to the next.
#[derive(Default)]
struct Scratch {
    docs: Vec<DocId>,
    rows: Vec<u32>,
    ords: Vec<u64>,
}

impl SegmentCollector for BreakdownSegment {
    type Fruit = Breakdown;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (column, counts) in &mut self.columns {
            if let Some(column) = column {
                for ord in column.term_ords(doc) {
                    if let Some(count) = counts.get_mut(ord as usize) {
                        *count += 1;
                    }
                }
            }
        }
        self.collect_dates(doc);
    }

    /// Searches that need no score hand over blocks of documents: the values
    /// of a block are decoded together, several times faster than value by
    /// value, which matters when the block is every article of a large index.
    fn collect_block(&mut self, docs: &[DocId]) {
        // A block that covers most of its span (all articles, a common
        // word) is read as one run of rows; the few articles of the span
        // that did not match are then taken back out one by one, which is
        // cheaper than looking up each match alone.
        let dense = match (docs.first(), docs.last()) {
            (Some(&first), Some(&last)) if ((last - first) as usize) < 2 * docs.len() => {
                Some(first..last + 1)
            }
            _ => None,
        };
        let scratch = &mut self.scratch;
        for (column, counts) in &mut self.columns {
            let Some(column) = column else { continue };
            let ords = column.ords();
            scratch.ords.clear();
            match &dense {
                Some(range) => {
                    let rows = ords.index.docid_range_to_rowids(range.clone());
                    scratch.ords.resize(rows.len(), 0);
                    ords.values
                        .get_range(u64::from(rows.start), &mut scratch.ords);
                }
                None => {
                    scratch.docs.clear();
                    scratch.rows.clear();
                    ords.row_ids_for_docs(docs, &mut scratch.docs, &mut scratch.rows);
                    scratch.ords.resize(scratch.rows.len(), 0);
                    ords.values.get_vals(&scratch.rows, &mut scratch.ords);
                }
            }
            for &ord in &scratch.ords {
                if let Some(count) = counts.get_mut(ord as usize) {
                    *count += 1;
                }
            }
            if let Some(range) = &dense {
                let mut unmatched = range.start;
                for &doc in docs {
                    for gap in unmatched..doc {
                        for ord in column.term_ords(gap) {
                            if let Some(count) = counts.get_mut(ord as usize) {
                                *count = count.saturating_sub(1);
                            }
                        }
                    }
                    unmatched = doc + 1;
                }
            }
        }
        for &doc in docs {
            self.collect_dates(doc);
        }
    }

    fn harvest(mut self) -> Breakdown {
        for (slot, (column, counts)) in self.columns.iter().enumerate() {
            let Some(column) = column else { continue };
            let Some(into) = self.breakdown.terms.get_mut(slot) else {
                continue;
            };
            // Resolve the counted ordinals in one ordered pass over the
            // dictionary: looking each up alone decompresses a block per value.
            let ords: Vec<u64> = counts
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(ord, _)| ord as u64)
                .collect();
            // Ordinals follow the values' byte order, so the values come
            // out sorted, ready to be merged with other segments' without
            // hashing a string.
            let mut sorted = SortedCounts::default();
            let mut counted = ords.iter().map(|&ord| counts.get(ord as usize).copied());
            let resolved = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                let count = counted.next().flatten().unwrap_or(0);
                sorted.push(bytes, u64::from(count));
            });
            if resolved.is_ok() {
                *into = sorted;
            }
        }
        self.breakdown
    }
}

impl BreakdownSegment {
    fn collect_dates(&mut self, doc: DocId) {
        if let Some(year) = self.year.first(doc) {
            *self.breakdown.years.entry(year).or_default() += 1;
        }
        // Dates are read for timelines (and the date range `stats` shows
        // beside its timeline); facets alone need only the year.
        let Some(interval) = self.timeline else {
            return;
        };
        let date = self.date.first(doc);
        self.breakdown.first = earliest(self.breakdown.first, date);
        self.breakdown.last = latest(self.breakdown.last, date);
        match date {
            None => self.breakdown.undated += 1,
            Some(_)
                if interval != TimelineInterval::Year && self.precision.first(doc) == Some(1) =>
            {
                self.breakdown.year_only += 1;
            }
            Some(date) => {
                let day = date.into_timestamp_secs().div_euclid(86_400);
                let key = *self
                    .day_buckets
                    .entry(day)
                    .or_insert_with(|| bucket_key(date, interval));
                if let Some(key) = key {
                    *self.breakdown.buckets.entry(key).or_default() += 1;
                }
            }
        }
    }
}

fn earliest(a: Option<DateTime>, b: Option<DateTime>) -> Option<DateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<DateTime>, b: Option<DateTime>) -> Option<DateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn civil_date(date: DateTime) -> Option<Date> {
    let timestamp = jiff::Timestamp::from_second(date.into_timestamp_secs()).ok()?;
    Some(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// A number per bar, in order: the year, the month since year 0, or the day
/// number of the week's Monday.
fn bucket_key(date: DateTime, interval: TimelineInterval) -> Option<i64> {
    let day = civil_date(date)?;
    Some(match interval {
        TimelineInterval::Year => i64::from(day.year()),
        TimelineInterval::Month => i64::from(day.year()) * 12 + i64::from(day.month()) - 1,
        TimelineInterval::Week => {
            let monday = day
                .checked_sub(
                    jiff::Span::new().days(i64::from(day.weekday().to_monday_zero_offset())),
                )
                .ok()?;
            monday
                .since(Date::constant(1970, 1, 1))
                .ok()?
                .get_days()
                .into()
        }
    })
}

fn bucket_start(key: i64, interval: TimelineInterval) -> Option<Date> {
    match interval {
        TimelineInterval::Year => Date::new(i16::try_from(key).ok()?, 1, 1).ok(),
        TimelineInterval::Month => {
            let year = i16::try_from(key.div_euclid(12)).ok()?;
            let month = i8::try_from(key.rem_euclid(12) + 1).ok()?;
            Date::new(year, month, 1).ok()
        }
        TimelineInterval::Week => Date::constant(1970, 1, 1)
            .checked_add(jiff::Span::new().days(key))
            .ok(),
    }
}

fn bucket_label(start: Date, interval: TimelineInterval) -> String {
    match interval {
        TimelineInterval::Year => start.strftime("%Y").to_string(),
        TimelineInterval::Month => start.strftime("%Y-%m").to_string(),
        TimelineInterval::Week => {
            let week = start.iso_week_date();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
    }
}

impl Breakdown {
    /// The `top` most frequent values of each facet, most frequent first
    /// (ties alphabetically); years newest first.
    pub fn facets(&self, top: usize) -> Facets {
        let ranked = |counts: &SortedCounts| -> Vec<FacetCount> {
            let mut list: Vec<(&[u8], u64)> = counts.iter().collect();
            // Byte order is the order of the UTF-8 strings.
            let order =
                |a: &(&[u8], u64), b: &(&[u8], u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
            // Tens of thousands of pairs, of which a page shows ten: select
            // the top before sorting and copying it.
            if top < list.len() {
                list.select_nth_unstable_by(top, order);
                list.truncate(top);
            }
            list.sort_by(order);
            list.into_iter()
                .map(|(value, count)| FacetCount {
                    value: String::from_utf8_lossy(value).into_owned(),
                    count,
                })
                .collect()
        };
        let [countries, ministers, people, pairs, _] = &self.terms;
        let mut years: Vec<FacetCount> = self
            .years
            .iter()
            .map(|(year, &count)| FacetCount {
                value: year.to_string(),
                count,
            })
            .collect();
        years.sort_by(|a, b| b.value.cmp(&a.value));
        Facets {
            countries: ranked(countries),
            ministers: ranked(ministers),
            people: ranked(people),
            years,
            pairs: ranked(pairs)
                .into_iter()
                .filter_map(|pair| {
                    let (a, b) = pair.value.split_once(PAIR_SEPARATOR)?;
                    Some(PairCount {
                        countries: [a.to_string(), b.to_string()],
                        count: pair.count,
                    })
                })
                .collect(),
        }
    }

    /// Counts of the countries named, all of them, most frequent first.
    pub fn country_counts(&self) -> Vec<FacetCount> {
        self.facets(usize::MAX).countries
    }

    /// Articles per indexed folder.
    pub fn folder_counts(&self) -> Vec<FacetCount> {
        self.terms[4]
            .iter()
            .map(|(value, count)| FacetCount {
                value: String::from_utf8_lossy(value).into_owned(),
                count,
            })
            .collect()
    }

    /// The first and last days among the matches, as ISO dates.
    pub fn date_range(&self) -> Option<(String, String)> {
        let first = civil_date(self.first?)?;
        let last = civil_date(self.last?)?;
        Some((first.to_string(), last.to_string()))
    }

    /// The timeline, with empty bars between the first and the last.
    pub fn timeline(&self, interval: TimelineInterval) -> Timeline {
        let mut buckets = Vec::new();
        if let (Some(&first), Some(&last)) = (self.buckets.keys().min(), self.buckets.keys().max())
        {
            let step = if interval == TimelineInterval::Week {
                7
            } else {
                1
            };
            let mut key = first;
            while key <= last {
                if let Some(start) = bucket_start(key, interval) {
                    buckets.push(TimelineBucket {
                        label: bucket_label(start, interval),
                        start: start.to_string(),
                        count: self.buckets.get(&key).copied().unwrap_or(0),
                    });
                }
                key += step;
            }
        }
        Timeline {
            interval,
            buckets,
            year_only: self.year_only,
            undated: self.undated,
        }
    }
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

    fn at(y: i16, m: i8, d: i8) -> DateTime {
        crate::index::to_tantivy_date(
            Date::new(y, m, d)
                .unwrap()
                .to_datetime(jiff::civil::Time::midnight()),
        )
    }

    fn sorted(values: &[(&str, u64)]) -> SortedCounts {
        let mut counts = SortedCounts::default();
        for (value, count) in values {
            counts.push(value.as_bytes(), *count);
        }
        counts
    }

    #[test]
    fn merged_lists_add_the_counts_of_equal_values_and_stay_sorted() {
        let lists = vec![
            sorted(&[("Chile", 2), ("Fiji", 1), ("Peru", 4)]),
            sorted(&[("Angola", 3), ("Fiji", 5)]),
            sorted(&[]),
            sorted(&[("Côte d'Ivoire", 2), ("Peru", 1), ("Zambia", 7)]),
            sorted(&[("Fiji", 1)]),
        ];
        let merged = SortedCounts::merge_all(lists);
        let found: Vec<(String, u64)> = merged
            .iter()
            .map(|(value, count)| (String::from_utf8(value.to_vec()).unwrap(), count))
            .collect();
        let expected = [
            ("Angola", 3),
            ("Chile", 2),
            ("Côte d'Ivoire", 2),
            ("Fiji", 7),
            ("Peru", 5),
            ("Zambia", 7),
        ];
        assert_eq!(
            found,
            expected.map(|(value, count)| (value.to_string(), count))
        );
    }

    #[test]
    fn bucket_keys_round_trip_to_their_first_day() {
        let cases = [
            (TimelineInterval::Year, at(2022, 3, 9), "2022", "2022-01-01"),
            (
                TimelineInterval::Month,
                at(2022, 3, 9),
                "2022-03",
                "2022-03-01",
            ),
            // 9 March 2022 was a Wednesday; its week began on Monday the 7th.
            (
                TimelineInterval::Week,
                at(2022, 3, 9),
                "2022-W10",
                "2022-03-07",
            ),
        ];
        for (interval, date, label, start) in cases {
            let key = bucket_key(date, interval).unwrap();
            let first = bucket_start(key, interval).unwrap();
            assert_eq!(first.to_string(), start);
            assert_eq!(bucket_label(first, interval), label);
        }
    }

    #[test]
    fn the_timeline_fills_gaps_with_empty_bars() {
        let mut breakdown = Breakdown::default();
        for date in [at(2022, 1, 5), at(2022, 3, 1), at(2022, 3, 2)] {
            *breakdown
                .buckets
                .entry(bucket_key(date, TimelineInterval::Month).unwrap())
                .or_default() += 1;
        }
        let timeline = breakdown.timeline(TimelineInterval::Month);
        let bars: Vec<(&str, u64)> = timeline
            .buckets
            .iter()
            .map(|b| (b.label.as_str(), b.count))
            .collect();
        assert_eq!(bars, [("2022-01", 1), ("2022-02", 0), ("2022-03", 2)]);
    }
}
