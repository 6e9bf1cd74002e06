//! The library's typed errors: what went wrong for the whole command, worded
//! so that the user knows what to do next. A file that cannot be indexed is
//! not an error of the run; see [`crate::decode::SkipReason`].

use std::path::PathBuf;

/// Everything that can stop a library call. Each message names the file or
/// value at fault and, where there is one, the fix.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no index at {}. Run 'communique index DIR' first.", .0.display())]
    NoIndex(PathBuf),

    #[error(
        "{} is not a communique index ({reason}). Choose another folder with --index, \
         or rebuild it with 'communique index --rebuild DIR'.",
        path.display()
    )]
    NotAnIndex { path: PathBuf, reason: String },

    #[error(
        "{} is not a communique index: it holds other files. Choose another folder with --index, \
         or an empty one.",
        .0.display()
    )]
    ForeignFolder(PathBuf),

    #[error(
        "the index at {} is being updated by another process. Wait for it to finish, \
         or use another folder with --index.",
        .0.display()
    )]
    Locked(PathBuf),

    #[error("invalid query '{query}': {reason}")]
    QuerySyntax { query: String, reason: String },

    #[error("unknown country '{given}'{}", suggestion_text(.suggestion))]
    UnknownCountry {
        given: String,
        suggestion: Option<String>,
    },

    #[error("'{given}' is not a valid date: {reason}. Use YYYY, YYYY-MM or YYYY-MM-DD.")]
    BadDate { given: String, reason: String },

    #[error("--from {from} is later than --to {to}: no article can match. Swap them.")]
    EmptyDateRange { from: String, to: String },

    #[error("no article with id or path '{0}' in the index. Search prints each article's id in brackets.")]
    NoSuchArticle(String),

    #[error("{0}")]
    BadPage(String),

    #[error("{what} {} does not exist", path.display())]
    NotFound { what: &'static str, path: PathBuf },

    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "the index at {} cannot be used: {source}. Rebuild it with 'communique index --rebuild DIR'.",
        path.display()
    )]
    Index {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(name) => format!(". Did you mean '{name}'?"),
        None => {
            ". Give a country's name, adjective or ISO code, e.g. 'Russia', 'Russian' or 'RUS'."
                .to_string()
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
