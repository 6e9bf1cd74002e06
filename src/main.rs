//! The `communique` binary: parse arguments, call the library, print, and
//! map the outcome to an exit status as grep does: 0 when something was
//! found, 1 when nothing was, 2 on error.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use communique::index::ingest::{index_folders, load_name_registry};
use communique::index::ArticleIndex;
use communique::output::terminal::{self, Palette};
use communique::output::{json, progress::TerminalProgress};
use communique::search::stats::{pairs, stats};
use communique::search::{search, show, similar, SearchResults};

use cli::{Command, Config, ListFormat, Output};

/// Exit status of an `index` run stopped by Ctrl-C after committing.
const EXIT_INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let config = cli::parse();
    // A panic (a bug, ours or a library's) must still be one line and exit
    // 2, never a backtrace: the default hook's report is replaced by ours.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&config)));
    let result = match outcome {
        Ok(result) => result,
        Err(payload) => {
            eprintln!(
                "communique: error: internal error: {}. Please report it with the command that caused it.",
                one_line(&panic_message(payload.as_ref()))
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("communique: error: {}", one_line(&error_chain(&err)));
            ExitCode::from(2)
        }
    }
}

fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout().lock();
    let color = match config.color.to_anstream() {
        anstream::ColorChoice::Auto => anstream::AutoStream::choice(&stdout),
        chosen => chosen,
    };
    // Written in blocks, not line by line: a page of hits is dozens of
    // lines, and each line was a system call. Every command flushes once,
    // when it has printed everything.
    let buffered: Box<dyn Write> = Box::new(io::BufWriter::new(stdout));
    // Uncoloured output is printed without styles rather than stripped of
    // them (see `Palette`); anstream still carries the coloured kind, which
    // on Windows it translates for the console.
    let (mut out, palette): (Box<dyn Write>, Palette) = match color {
        anstream::ColorChoice::Never => (buffered, Palette::PLAIN),
        color => (
            Box::new(anstream::AutoStream::new(buffered, color)),
            Palette::COLOURED,
        ),
    };
    match &config.command {
        Command::Index {
            options,
            json: as_json,
        } => {
            let interrupt = Arc::new(AtomicBool::new(false));
            let flag = Arc::clone(&interrupt);
            // A second Ctrl-C ends the process at once.
            let _ = ctrlc::set_handler(move || {
                if flag.swap(true, Ordering::SeqCst) {
                    std::process::exit(EXIT_INTERRUPTED.into());
                }
            });
            let progress = TerminalProgress::new();
            let summary = index_folders(options, &progress, &interrupt)?;
            if *as_json {
                json::write_pretty(&mut out, &summary)?;
            } else {
                terminal::print_index_summary(
                    &mut out,
                    &summary,
                    &options.index_dir.display().to_string(),
                )?;
            }
            out.flush()?;
            Ok(if summary.interrupted {
                ExitCode::from(EXIT_INTERRUPTED)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Search { options, output } => {
            let index = ArticleIndex::open(&config.index_dir)?;
            let results = search(&index, options)?;
            print_results(&mut out, &results, *output, palette)?;
            out.flush()?;
            leave_open(index);
            Ok(found(results.total > 0))
        }
        Command::Similar {
            article,
            options,
            output,
        } => {
            let index = ArticleIndex::open(&config.index_dir)?;
            let results = similar(&index, article, options)?;
            print_results(&mut out, &results, *output, palette)?;
            out.flush()?;
            leave_open(index);
            Ok(found(results.total > 0))
        }
        Command::Show {
            article,
            query,
            json: as_json,
        } => {
            let index = ArticleIndex::open(&config.index_dir)?;
            let shown = show(&index, article, query.as_deref())?;
            if *as_json {
                json::write_pretty(&mut out, &shown)?;
            } else {
                terminal::print_article(&mut out, &shown, palette)?;
            }
            out.flush()?;
            leave_open(index);
            Ok(ExitCode::SUCCESS)
        }
        Command::Pairs {
            query,
            country,
            filters,
            limit,
            json: as_json,
        } => {
            let index = ArticleIndex::open(&config.index_dir)?;
            let report = pairs(&index, query, filters, country.as_deref(), *limit)?;
            if *as_json {
                json::write_pretty(&mut out, &report)?;
            } else {
                terminal::print_pairs(&mut out, &report, palette)?;
            }
            out.flush()?;
            leave_open(index);
            Ok(found(!report.pairs.is_empty()))
        }
        Command::Stats { top, json: as_json } => {
            let index = ArticleIndex::open(&config.index_dir)?;
            let report = stats(&index, *top)?;
            if *as_json {
                json::write_pretty(&mut out, &report)?;
            } else {
                terminal::print_stats(&mut out, &report, palette)?;
            }
            out.flush()?;
            leave_open(index);
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions(shell) => {
            cli::write_completions(*shell, &mut out);
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            cli::write_man_page(&mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            files,
            json: as_json,
        } => {
            let names = load_name_registry(&config.index_dir);
            for file in files {
                let extracted = communique::extract_file(file, &names)?;
                if *as_json {
                    json::write_line(&mut out, &extracted)?;
                } else {
                    terminal::print_extracted(&mut out, &extracted, palette)?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Ends a command that only read `index` without dropping it: the process
/// exits next, which releases the index's mapped files at once, faster than
/// unmapping them one by one (see [`ArticleIndex::searcher`]).
fn leave_open(index: ArticleIndex) {
    std::mem::forget(index);
}

/// grep's convention: 0 when something was found, 1 when nothing was.
fn found(anything: bool) -> ExitCode {
    if anything {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn print_results(
    out: &mut dyn Write,
    results: &SearchResults,
    output: Output,
    palette: Palette,
) -> io::Result<()> {
    match output {
        Output::Json => json::write_pretty(out, results),
        Output::List(format) => terminal::print_list(out, results, format == ListFormat::Ids),
        Output::Text => {
            terminal::print_search(out, results, palette)?;
            terminal::print_breakdowns(out, results, palette)
        }
    }
}

/// The text a panic carried, when it carried text.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// An error is one line: control characters that a query or a file name
/// brings into it (a newline, an escape sequence) are shown escaped.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}

fn error_chain(err: &anyhow::Error) -> String {
    let mut text = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}
