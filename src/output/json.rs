//! JSON output. The shapes are documented in README.md and kept stable: new
//! fields may be added, none renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `value` as one line of JSON.
pub fn write_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(as_io_error)?;
    writeln!(out)
}

/// Writes `value` as indented JSON.
pub fn write_pretty<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(as_io_error)?;
    writeln!(out)
}

/// Keeps the kind of a write error that serde_json wraps, so that a closed
/// pipe (`communique search --json | head`) still reads as one and ends the
/// program quietly.
fn as_io_error(err: serde_json::Error) -> io::Error {
    match err.io_error_kind() {
        Some(kind) => io::Error::new(kind, err),
        None => io::Error::other(err),
    }
}
