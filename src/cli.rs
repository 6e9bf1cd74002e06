//! The command line, and the only place that knows clap: arguments become
//! the library's plain option structs.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use communique::index::ingest::IndexOptions;
use communique::index::location::default_index_dir;
use communique::output::ColorChoice;
use communique::search::facets::TimelineInterval;
use communique::search::{Filters, SearchOptions, SortOrder};

#[derive(Parser)]
#[command(
    name = "communique",
    version,
    about = "Index and search folders of diplomatic communiqués",
    long_about = "Index and search folders of diplomatic communiqués: press releases, call \
                  readouts, joint statements. Each article's publication date, countries and \
                  ministers are extracted, so searches can be filtered and counted by them."
)]
struct Opts {
    /// The index folder [default: $COMMUNIQUE_INDEX, else ~/.local/share/communique/index]
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<PathBuf>,

    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,

    #[command(subcommand)]
    command: CommandArgs,
}

#[derive(Subcommand)]
// Only the subcommand given has its arguments built: building them all
// took 130,000 of the 8.9 M instructions of a search (callgrind). An
// `Args` struct's doc comment would then replace its subcommand's
// description, so theirs are plain comments.
#[command(defer = true)]
enum CommandArgs {
    /// Add folders of plain-text articles to the index (re-reads only changed files)
    Index(IndexArgs),
    /// Search the index
    Search(SearchArgs),
    /// Print one article whole, with its metadata
    Show(ShowArgs),
    /// Find the articles that read most like one article
    Similar(SimilarArgs),
    /// Count the pairs of countries named together
    Pairs(PairsArgs),
    /// The index at a glance
    Stats(StatsArgs),
    /// Print what the indexer would store for files, without touching the index
    Extract(ExtractArgs),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

#[derive(Args)]
struct IndexArgs {
    /// Folders to index, recursively
    #[arg(required = true, value_name = "FOLDER")]
    folders: Vec<PathBuf>,
    /// Delete the index and start over
    #[arg(long)]
    rebuild: bool,
    /// Skip files larger than this many megabytes
    #[arg(long, default_value_t = 20, value_name = "MB")]
    max_size: u64,
    /// Articles per commit; an interrupted run keeps every finished batch
    #[arg(long, default_value_t = 20000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    batch_size: u64,
    /// File extensions to read (files without an extension are always read)
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "txt,text",
        value_name = "EXT,..."
    )]
    ext: Vec<String>,
    /// Print the summary as JSON
    #[arg(long)]
    json: bool,
}

// `--country` and the other filters, for search and similar.
#[derive(Args)]
struct FilterArgs {
    /// Only articles naming this country (name, adjective or code; repeat for any of several)
    #[arg(long, value_name = "COUNTRY")]
    country: Vec<String>,
    #[command(flatten)]
    other: OtherFilterArgs,
}

// The filters besides `--country`, which `pairs` uses for its own meaning.
#[derive(Args)]
struct OtherFilterArgs {
    /// Only articles naming all of these countries together (repeatable)
    #[arg(long, value_name = "COUNTRY")]
    with: Vec<String>,
    /// Only articles naming this minister ("lavrov", "Sergei Lavrov")
    #[arg(long, value_name = "NAME")]
    minister: Vec<String>,
    /// Only articles naming this person (officials other than ministers)
    #[arg(long, value_name = "NAME")]
    person: Vec<String>,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Published on or before (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

impl OtherFilterArgs {
    fn into_filters(self, countries: Vec<String>) -> Filters {
        Filters {
            countries,
            with: self.with,
            ministers: self.minister,
            people: self.person,
            from: self.from,
            to: self.to,
        }
    }
}

#[derive(Args)]
struct HitArgs {
    /// How many hits to show
    #[arg(short = 'n', long, default_value_t = 10)]
    limit: usize,
    /// Skip this many hits first (for paging)
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Order of hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Snippet passages per hit
    #[arg(long, default_value_t = 2, value_name = "N")]
    fragments: usize,
    /// Count countries, ministers, people, years and country pairs over all matches
    #[arg(long)]
    facets: bool,
    /// How many values of each facet to show
    #[arg(long, default_value_t = 10, value_name = "N")]
    facet_size: usize,
    /// A histogram of all matches over time
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "month", value_name = "INTERVAL")]
    timeline: Option<IntervalArg>,
    /// Print results as JSON
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Print only the path or the id of each hit, one per line
    #[arg(long, value_enum)]
    format: Option<ListFormat>,
}

#[derive(Args)]
struct SearchArgs {
    /// Words (all required), "a phrase", a OR b, -excluded, field:value
    #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
    query: String,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    hits: HitArgs,
}

#[derive(Args)]
struct SimilarArgs {
    /// The article's id (as search prints it) or its file's path
    #[arg(value_name = "ID|PATH")]
    article: String,
    #[command(flatten)]
    filters: FilterArgs,
    #[command(flatten)]
    hits: HitArgs,
}

#[derive(Args)]
struct ShowArgs {
    /// The article's id (as search prints it) or its file's path
    #[arg(value_name = "ID|PATH")]
    article: String,
    /// Highlight the words of this query
    #[arg(long, value_name = "QUERY")]
    query: Option<String>,
    /// Print the article as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct PairsArgs {
    /// Count only in the articles matching this query
    #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
    query: String,
    /// Only the pairs this country is part of
    #[arg(long, value_name = "COUNTRY")]
    country: Option<String>,
    #[command(flatten)]
    filters: OtherFilterArgs,
    /// How many pairs to show
    #[arg(short = 'n', long, default_value_t = 20)]
    limit: usize,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct StatsArgs {
    /// How many top countries, ministers and people to show
    #[arg(short = 'n', long, default_value_t = 10)]
    top: usize,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ExtractArgs {
    /// Article files
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// One JSON object per line
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

#[derive(Clone, Copy, ValueEnum)]
enum IntervalArg {
    Year,
    Month,
    Week,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// How hits are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One path per line
    Paths,
    /// One id per line
    Ids,
}

/// How to print a command's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
    List(ListFormat),
}

/// A parsed command line: what to do, and where the index is.
pub struct Config {
    pub index_dir: PathBuf,
    pub color: ColorChoice,
    pub command: Command,
}

pub enum Command {
    Index {
        options: IndexOptions,
        json: bool,
    },
    Search {
        options: SearchOptions,
        output: Output,
    },
    Similar {
        article: String,
        options: SearchOptions,
        output: Output,
    },
    Show {
        article: String,
        query: Option<String>,
        json: bool,
    },
    Pairs {
        query: String,
        country: Option<String>,
        filters: Filters,
        limit: usize,
        json: bool,
    },
    Stats {
        top: usize,
        json: bool,
    },
    Extract {
        files: Vec<PathBuf>,
        json: bool,
    },
    Completions(clap_complete::Shell),
    Man,
}

/// Parses the process's arguments; exits with usage on error.
pub fn parse() -> Config {
    let opts = Opts::parse();
    let index_dir = opts.index.unwrap_or_else(default_index_dir);
    let color = match opts.color {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    let command = match opts.command {
        CommandArgs::Index(args) => {
            let mut options = IndexOptions::new(index_dir.clone(), args.folders);
            options.rebuild = args.rebuild;
            options.max_size = args.max_size.saturating_mul(1_000_000);
            options.batch_size = usize::try_from(args.batch_size).unwrap_or(usize::MAX);
            options.extensions = args
                .ext
                .into_iter()
                .map(|e| e.trim_start_matches('.').to_string())
                .collect();
            Command::Index {
                options,
                json: args.json,
            }
        }
        CommandArgs::Search(args) => {
            let (options, output) = search_options(args.query, args.filters, args.hits);
            Command::Search { options, output }
        }
        CommandArgs::Similar(args) => {
            let (options, output) = search_options(String::new(), args.filters, args.hits);
            Command::Similar {
                article: args.article,
                options,
                output,
            }
        }
        CommandArgs::Show(args) => Command::Show {
            article: args.article,
            query: args.query,
            json: args.json,
        },
        CommandArgs::Pairs(args) => Command::Pairs {
            query: args.query,
            country: args.country,
            filters: args.filters.into_filters(Vec::new()),
            limit: args.limit,
            json: args.json,
        },
        CommandArgs::Stats(args) => Command::Stats {
            top: args.top,
            json: args.json,
        },
        CommandArgs::Extract(args) => Command::Extract {
            files: args.files,
            json: args.json,
        },
        CommandArgs::Completions { shell } => Command::Completions(shell),
        CommandArgs::Man => Command::Man,
    };
    Config {
        index_dir,
        color,
        command,
    }
}

fn search_options(query: String, filters: FilterArgs, hits: HitArgs) -> (SearchOptions, Output) {
    let output = match (hits.json, hits.format) {
        (true, _) => Output::Json,
        (false, Some(format)) => Output::List(format),
        (false, None) => Output::Text,
    };
    let options = SearchOptions {
        query,
        filters: filters.other.into_filters(filters.country),
        limit: hits.limit,
        offset: hits.offset,
        sort: match hits.sort {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Date => SortOrder::Date,
        },
        fragments: hits.fragments,
        snippets: hits.json || hits.format.is_none(),
        facets: hits.facets,
        facet_size: hits.facet_size,
        timeline: hits.timeline.map(|interval| match interval {
            IntervalArg::Year => TimelineInterval::Year,
            IntervalArg::Month => TimelineInterval::Month,
            IntervalArg::Week => TimelineInterval::Week,
        }),
        ..SearchOptions::default()
    };
    (options, output)
}

/// Writes the completion script for `shell`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut Opts::command(), "communique", out);
}

/// Writes the man page.
pub fn write_man_page(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Opts::command()).render(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Opts::command().debug_assert();
    }

    /// Subcommands are built only when given (`defer`), and an `Args`
    /// struct's doc comment, applied then, would replace the description
    /// the main help shows.
    #[test]
    fn subcommands_built_late_keep_their_descriptions() {
        let mut command = Opts::command();
        command.build();
        let about = |name: &str| {
            command
                .find_subcommand(name)
                .and_then(|sub| sub.get_about())
                .map(|about| about.to_string())
        };
        assert_eq!(about("search").as_deref(), Some("Search the index"));
        assert_eq!(
            about("similar").as_deref(),
            Some("Find the articles that read most like one article")
        );
        assert_eq!(
            about("pairs").as_deref(),
            Some("Count the pairs of countries named together")
        );
    }
}
