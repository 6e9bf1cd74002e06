//! The `communique` binary: parse arguments, call the library, print, and
//! map the outcome to an exit status as grep does: 0 when something was
//! found, 1 when nothing was, 2 on error.

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use communique::index::ingest::{index_folders, load_name_registry};
use communique::index::ArticleIndex;
use communique::output::{json, progress::TerminalProgress, terminal};
use communique::search::search;

use cli::{Command, Config};

/// Exit status of an `index` run stopped by Ctrl-C after committing.
const EXIT_INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let config = cli::parse();
    match run(&config) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("communique: error: {}", error_chain(&err));
            ExitCode::from(2)
        }
    }
}

fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = anstream::AutoStream::new(stdout.lock(), config.color.to_anstream());
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
        Command::Search {
            options,
            json: as_json,
        } => {
            let index = ArticleIndex::open(&config.index_dir)?;
            let results = search(&index, options)?;
            if *as_json {
                json::write_pretty(&mut out, &results)?;
            } else {
                terminal::print_search(&mut out, &results)?;
            }
            out.flush()?;
            Ok(if results.total > 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
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
                    terminal::print_extracted(&mut out, &extracted)?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
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
