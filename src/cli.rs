//! The command line, and the only place that knows clap: arguments become
//! the library's plain option structs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use communique::index::ingest::IndexOptions;
use communique::index::location::{default_index_dir, INDEX_ENV};
use communique::output::ColorChoice;
use communique::search::{Filters, SearchOptions, SortOrder};

#[derive(Parser)]
#[command(
    name = "communique",
    version,
    about = "Index and search folders of diplomatic communiqués",
    long_about = "Index and search folders of diplomatic communiqués: press releases, call \
                  readouts, joint statements. Each article's publication date, countries and \
                  ministers are extracted, so searches can be filtered by them."
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
enum CommandArgs {
    /// Add folders of plain-text articles to the index (re-reads only changed files)
    Index(IndexArgs),
    /// Search the index
    Search(SearchArgs),
    /// Print what the indexer would store for files, without touching the index
    Extract(ExtractArgs),
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
    #[arg(long, default_value_t = 5000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
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

#[derive(Args)]
struct SearchArgs {
    /// Words (all required), "a phrase", a OR b, -excluded, field:value
    #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
    query: String,
    /// Only articles naming this country (name, adjective or code; repeat for any of several)
    #[arg(long, value_name = "COUNTRY")]
    country: Vec<String>,
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
    #[arg(long, default_value_t = 1, value_name = "N")]
    fragments: usize,
    /// Print results as JSON
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
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// A parsed command line: what to do, and where the index is.
pub struct Config {
    pub index_dir: PathBuf,
    pub color: ColorChoice,
    pub command: Command,
}

pub enum Command {
    Index { options: IndexOptions, json: bool },
    Search { options: SearchOptions, json: bool },
    Extract { files: Vec<PathBuf>, json: bool },
}

/// Parses the process's arguments; exits with usage on error.
pub fn parse() -> Config {
    let opts = Opts::parse();
    let index_dir = opts.index.unwrap_or_else(default_index_dir);
    let _ = INDEX_ENV;
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
        CommandArgs::Search(args) => Command::Search {
            options: SearchOptions {
                query: args.query,
                filters: Filters {
                    countries: args.country,
                    ministers: args.minister,
                    people: args.person,
                    from: args.from,
                    to: args.to,
                },
                limit: args.limit,
                offset: args.offset,
                sort: match args.sort {
                    SortArg::Relevance => SortOrder::Relevance,
                    SortArg::Date => SortOrder::Date,
                },
                fragments: args.fragments,
                ..SearchOptions::default()
            },
            json: args.json,
        },
        CommandArgs::Extract(args) => Command::Extract {
            files: args.files,
            json: args.json,
        },
    };
    Config {
        index_dir,
        color,
        command,
    }
}
