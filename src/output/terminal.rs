//! Human-readable output: ranked hits with highlighted snippets, the index
//! summary, and extracted metadata. Colour comes from anstyle, in the
//! [`Palette`] the caller chose: plain when the output is not a terminal
//! or NO_COLOR is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::extract::countries::Country;
use crate::extract::dates::PublicationDate;
use crate::extract::people::Person;
use crate::index::ingest::IndexSummary;
use crate::search::facets::Timeline;
use crate::search::snippet::Snippet;
use crate::search::stats::{IndexStats, PairsReport};
use crate::search::{SearchResults, ShownArticle};

/// The styles of the text output. Output that is not coloured (piped, or
/// NO_COLOR, or `--color never`) is printed with [`Palette::PLAIN`], whose
/// styles print nothing: escape codes written only for anstream to strip
/// again were 3 % of the instructions of a search (callgrind, 17k
/// `climate change`: 9.24 M with them stripped, 8.97 M printed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    title: Style,
    matched: Style,
    dim: Style,
    rank: Style,
    meta: Style,
}

impl Palette {
    pub const COLOURED: Palette = Palette {
        title: Style::new().bold(),
        matched: Style::new()
            .bold()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red))),
        dim: Style::new().dimmed(),
        rank: Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green))),
        meta: Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan))),
    };

    pub const PLAIN: Palette = Palette {
        title: Style::new(),
        matched: Style::new(),
        dim: Style::new(),
        rank: Style::new(),
        meta: Style::new(),
    };
}

/// A date as a reader wants it: `2023-09-10 07:57`, `2023-09-10`, `2019`.
pub fn human_date(date: &PublicationDate) -> String {
    match date {
        PublicationDate::Minute(dt) => dt.strftime("%Y-%m-%d %H:%M").to_string(),
        other => other.to_string(),
    }
}

pub fn print_search(
    out: &mut dyn Write,
    results: &SearchResults,
    palette: Palette,
) -> io::Result<()> {
    let Palette {
        title,
        dim,
        rank,
        meta,
        ..
    } = palette;
    if results.hits.is_empty() {
        match (results.total, results.offset) {
            (0, _) => {}
            (total, 0) => writeln!(out, "{total} articles match.")?,
            (total, offset) => writeln!(
                out,
                "{total} articles match; none after the first {offset}."
            )?,
        }
        return Ok(());
    }
    let first = results.offset + 1;
    let last = results.offset + results.hits.len();
    let plural = if results.total == 1 { "" } else { "s" };
    match &results.similar_to {
        // More-like-this matches any article sharing one of its words: the
        // total says how far the comparison went, not how many are alike.
        Some(id) => writeln!(
            out,
            "{dim}{} article{plural} share words with {id}; the most similar, {first}-{last}{dim:#}",
            results.total,
        )?,
        None => writeln!(
            out,
            "{dim}{} article{plural} match; showing {first}-{last}{dim:#}",
            results.total,
        )?,
    }
    for hit in &results.hits {
        let article = &hit.article;
        writeln!(out)?;
        write!(out, "{rank}{:>2}.{rank:#} ", hit.rank)?;
        write_highlighted(out, &article.title, &hit.title_highlights, title, palette)?;
        writeln!(out, "  {dim}[{}]{dim:#}", article.id)?;
        let mut facts = Vec::new();
        facts.push(
            article
                .date
                .as_ref()
                .map_or("no date".to_string(), human_date),
        );
        if !article.countries.is_empty() {
            facts.push(country_list(&article.countries, 6));
        }
        if !article.ministers.is_empty() {
            facts.push(person_list(&article.ministers, 4));
        }
        writeln!(out, "    {meta}{}{meta:#}", facts.join(" · "))?;
        writeln!(out, "    {dim}{}{dim:#}", article.path)?;
        for snippet in &hit.snippets {
            write!(out, "    ")?;
            write_snippet(out, snippet, palette)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn country_list(countries: &[Country], max: usize) -> String {
    let mut names: Vec<&str> = countries
        .iter()
        .take(max)
        .map(|c| c.name.as_str())
        .collect();
    let more = countries.len().saturating_sub(max);
    let more_text = format!("+{more}");
    if more > 0 {
        names.push(&more_text);
    }
    names.join(", ")
}

fn person_list(people: &[Person], max: usize) -> String {
    let mut names: Vec<&str> = people.iter().take(max).map(|p| p.name.as_str()).collect();
    let more = people.len().saturating_sub(max);
    let more_text = format!("+{more}");
    if more > 0 {
        names.push(&more_text);
    }
    names.join(", ")
}

pub fn write_snippet(out: &mut dyn Write, snippet: &Snippet, palette: Palette) -> io::Result<()> {
    write_highlighted(
        out,
        &snippet.text,
        &snippet.highlights,
        Style::new(),
        palette,
    )
}

/// Writes `text` in `base` style with the character ranges in `marks` in
/// the match style.
fn write_highlighted(
    out: &mut dyn Write,
    text: &str,
    marks: &[[usize; 2]],
    base: Style,
    palette: Palette,
) -> io::Result<()> {
    let matched = palette.matched;
    let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    boundaries.push(text.len());
    let byte = |chars: usize| boundaries.get(chars).copied().unwrap_or(text.len());
    let mut at = 0;
    write!(out, "{base}")?;
    for [from, to] in marks {
        let (from, to) = (byte(*from), byte(*to));
        if from < at || to < from {
            continue;
        }
        // Boundaries are character starts, so these never fall back to "".
        let before = text.get(at..from).unwrap_or_default();
        let marked = text.get(from..to).unwrap_or_default();
        write!(out, "{before}{base:#}{matched}{marked}{matched:#}{base}")?;
        at = to;
    }
    let rest = text.get(at..).unwrap_or_default();
    write!(out, "{rest}{base:#}")
}

pub fn print_index_summary(
    out: &mut dyn Write,
    summary: &IndexSummary,
    index_dir: &str,
) -> io::Result<()> {
    if summary.interrupted {
        writeln!(
            out,
            "Interrupted: committed the work done so far; run the same command again to finish."
        )?;
    }
    writeln!(
        out,
        "{} added, {} updated, {} removed, {} unchanged, {} skipped in {:.1}s",
        summary.added,
        summary.updated,
        summary.removed,
        summary.unchanged,
        summary.skipped.len(),
        summary.elapsed.as_secs_f64()
    )?;
    writeln!(
        out,
        "The index at {index_dir} holds {} articles.",
        summary.total_articles
    )?;
    if !summary.without_date.is_empty() {
        let count = summary.without_date.len();
        let (noun, verb) = if count == 1 {
            ("article", "has")
        } else {
            ("articles", "have")
        };
        writeln!(
            out,
            "{count} {noun} {verb} no date (indexed and searchable, but outside any date filter):"
        )?;
        list_some(out, summary.without_date.iter().map(String::as_str))?;
    }
    let order = &summary.date_order;
    if order.by_weekday + order.by_folder + order.by_default > 0 {
        writeln!(
            out,
            "Day/month order of numeric dates: {} settled by the weekday, {} by other dates in the same folder, {} read day-first by default.",
            order.by_weekday, order.by_folder, order.by_default
        )?;
    }
    if summary.encodings.keys().any(|e| e != "UTF-8") {
        let list: Vec<String> = summary
            .encodings
            .iter()
            .map(|(e, n)| format!("{e}: {n}"))
            .collect();
        writeln!(out, "Encodings read: {}", list.join(", "))?;
    }
    if !summary.skipped.is_empty() {
        writeln!(out, "Skipped:")?;
        for skipped in summary.skipped.iter().take(20) {
            writeln!(out, "  {}: {}", skipped.path, skipped.reason)?;
        }
        if summary.skipped.len() > 20 {
            writeln!(
                out,
                "  ... and {} more (--json lists them all)",
                summary.skipped.len() - 20
            )?;
        }
    }
    Ok(())
}

fn list_some<'a>(out: &mut dyn Write, items: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let items: Vec<&str> = items.collect();
    for item in items.iter().take(10) {
        writeln!(out, "  {item}")?;
    }
    if items.len() > 10 {
        writeln!(
            out,
            "  ... and {} more (--json lists them all)",
            items.len() - 10
        )?;
    }
    Ok(())
}

/// One block of `communique extract` output.
pub fn print_extracted(
    out: &mut dyn Write,
    extracted: &crate::Extracted,
    palette: Palette,
) -> io::Result<()> {
    let title = palette.title;
    writeln!(out, "{title}{}{title:#}", extracted.path)?;
    writeln!(out, "  title:     {}", extracted.title)?;
    write_metadata(
        out,
        palette.meta,
        extracted.date.as_ref(),
        &extracted.countries,
        &extracted.ministers,
        &extracted.people,
    )
}

/// Facet counts and the timeline after the hits of a search.
pub fn print_breakdowns(
    out: &mut dyn Write,
    results: &SearchResults,
    palette: Palette,
) -> io::Result<()> {
    let Palette { title, meta, .. } = palette;
    if let Some(facets) = &results.facets {
        writeln!(out)?;
        writeln!(
            out,
            "{title}Among all {} matching articles:{title:#}",
            results.total
        )?;
        for (label, counts) in [
            ("Countries", &facets.countries),
            ("Ministers", &facets.ministers),
            ("People", &facets.people),
            ("Years", &facets.years),
        ] {
            if counts.is_empty() {
                continue;
            }
            let list: Vec<String> = counts
                .iter()
                .map(|c| format!("{} {}", c.value, c.count))
                .collect();
            writeln!(out, "  {meta}{label}:{meta:#} {}", list.join(" · "))?;
        }
        if !facets.pairs.is_empty() {
            let list: Vec<String> = facets
                .pairs
                .iter()
                .map(|p| format!("{}–{} {}", p.countries[0], p.countries[1], p.count))
                .collect();
            writeln!(out, "  {meta}Pairs:{meta:#} {}", list.join(" · "))?;
        }
    }
    if let Some(timeline) = &results.timeline {
        writeln!(out)?;
        print_timeline(out, timeline, palette)?;
    }
    Ok(())
}

/// A histogram drawn with block characters, one bar per line.
pub fn print_timeline(
    out: &mut dyn Write,
    timeline: &Timeline,
    palette: Palette,
) -> io::Result<()> {
    let Palette { rank, dim, .. } = palette;
    const WIDTH: u64 = 50;
    let max = timeline
        .buckets
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let label_width = timeline
        .buckets
        .iter()
        .map(|b| b.label.len())
        .max()
        .unwrap_or(4);
    for bucket in &timeline.buckets {
        let cells = (bucket.count * WIDTH).div_ceil(max);
        let bar = "█".repeat(usize::try_from(cells).unwrap_or(0));
        writeln!(
            out,
            "  {:<label_width$} {rank}{bar}{rank:#} {}",
            bucket.label, bucket.count
        )?;
    }
    if timeline.year_only > 0 {
        writeln!(
            out,
            "  {dim}and {} with a year only{dim:#}",
            timeline.year_only
        )?;
    }
    if timeline.undated > 0 {
        writeln!(out, "  {dim}and {} without a date{dim:#}", timeline.undated)?;
    }
    Ok(())
}

/// One path or id per line, for piping into other tools.
pub fn print_list(out: &mut dyn Write, results: &SearchResults, ids: bool) -> io::Result<()> {
    for hit in &results.hits {
        let value = if ids {
            &hit.article.id
        } else {
            &hit.article.path
        };
        writeln!(out, "{value}")?;
    }
    Ok(())
}

/// A whole article with its metadata.
pub fn print_article(
    out: &mut dyn Write,
    shown: &ShownArticle,
    palette: Palette,
) -> io::Result<()> {
    let Palette {
        title, dim, meta, ..
    } = palette;
    let article = &shown.article;
    write_highlighted(out, &article.title, &shown.title_highlights, title, palette)?;
    writeln!(out, "  {dim}[{}]{dim:#}", article.id)?;
    write_metadata(
        out,
        palette.meta,
        article.date.as_ref(),
        &article.countries,
        &article.ministers,
        &article.people,
    )?;
    writeln!(out, "  {meta}path:{meta:#}      {}", article.path)?;
    writeln!(out)?;
    write_highlighted(
        out,
        &shown.body,
        &shown.body_highlights,
        Style::new(),
        palette,
    )?;
    writeln!(out)
}

/// The date, countries, ministers and people of an article, one per line.
fn write_metadata(
    out: &mut dyn Write,
    meta: Style,
    date: Option<&PublicationDate>,
    countries: &[Country],
    ministers: &[Person],
    people: &[Person],
) -> io::Result<()> {
    let date = date.map_or("none".to_string(), human_date);
    writeln!(out, "  {meta}date:{meta:#}      {date}")?;
    let countries: Vec<String> = countries
        .iter()
        .map(|c| format!("{} ({})", c.name, c.code))
        .collect();
    let countries = if countries.is_empty() {
        "none".to_string()
    } else {
        countries.join(", ")
    };
    writeln!(out, "  {meta}countries:{meta:#} {countries}")?;
    for (label, persons) in [("ministers:", ministers), ("people:", people)] {
        let list = if persons.is_empty() {
            "none".to_string()
        } else {
            describe_people(persons)
        };
        writeln!(out, "  {meta}{label:<10}{meta:#} {list}")?;
    }
    Ok(())
}

fn describe_people(people: &[Person]) -> String {
    people
        .iter()
        .map(|p| {
            let details: Vec<&str> = [
                p.post.as_deref(),
                p.country.as_ref().map(|c| c.name.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            if details.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, details.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn print_stats(out: &mut dyn Write, stats: &IndexStats, palette: Palette) -> io::Result<()> {
    let title = palette.title;
    writeln!(out, "{title}{}{title:#}", stats.index)?;
    writeln!(out, "  articles:     {}", stats.articles)?;
    writeln!(
        out,
        "  size on disk: {:.1} MB",
        stats.size_bytes as f64 / 1e6
    )?;
    match (&stats.first_date, &stats.last_date) {
        (Some(first), Some(last)) => writeln!(out, "  dates:        {first} … {last}")?,
        _ => writeln!(out, "  dates:        none")?,
    }
    writeln!(out, "  without date: {}", stats.without_date)?;
    for (label, counts) in [
        ("countries", &stats.top_countries),
        ("ministers", &stats.top_ministers),
        ("people", &stats.top_people),
    ] {
        let list: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.value, c.count))
            .collect();
        writeln!(
            out,
            "  top {label:<9} {}",
            if list.is_empty() {
                "none".into()
            } else {
                list.join(" · ")
            }
        )?;
    }
    writeln!(out, "  folders:")?;
    for folder in &stats.folders {
        writeln!(out, "    {} ({} articles)", folder.value, folder.count)?;
    }
    writeln!(out, "  articles per year:")?;
    let timeline = Timeline {
        interval: crate::search::facets::TimelineInterval::Year,
        buckets: stats
            .per_year
            .iter()
            .map(|y| crate::search::facets::TimelineBucket {
                label: y.value.clone(),
                start: y.value.clone(),
                count: y.count,
            })
            .collect(),
        year_only: 0,
        undated: 0,
    };
    print_timeline(out, &timeline, palette)
}

pub fn print_pairs(out: &mut dyn Write, report: &PairsReport, palette: Palette) -> io::Result<()> {
    let Palette { rank, dim, .. } = palette;
    if report.pairs.is_empty() {
        return Ok(());
    }
    writeln!(out, "{dim}{} matching articles{dim:#}", report.total)?;
    let width = report
        .pairs
        .iter()
        .map(|p| p.countries[0].chars().count() + p.countries[1].chars().count() + 3)
        .max()
        .unwrap_or(0);
    for pair in &report.pairs {
        let label = format!("{} – {}", pair.countries[0], pair.countries[1]);
        let pad = width.saturating_sub(label.chars().count());
        writeln!(
            out,
            "  {label}{} {rank}{}{rank:#}",
            " ".repeat(pad),
            pair.count
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighted(palette: Palette) -> String {
        let mut out = Vec::new();
        write_highlighted(
            &mut out,
            "Côte d'Ivoire and climate change",
            &[[18, 25]],
            palette.title,
            palette,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_plain_palette_prints_the_text_alone() {
        assert_eq!(
            highlighted(Palette::PLAIN),
            "Côte d'Ivoire and climate change"
        );
    }

    #[test]
    fn the_coloured_palette_marks_the_match() {
        let coloured = highlighted(Palette::COLOURED);
        let marked = format!("{}climate", Palette::COLOURED.matched);
        assert!(coloured.contains(&marked), "{coloured:?}");
        assert!(coloured.ends_with(" change\u{1b}[0m"), "{coloured:?}");
    }
}
