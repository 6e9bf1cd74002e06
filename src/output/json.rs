//! JSON output. The shapes are documented in README.md and kept stable: new
//! fields may be added, none renamed or removed.

use std::io::{self, Write};

use serde::Serialize;

/// Writes `value` as one line of JSON.
pub fn write_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes `value` as indented JSON.
pub fn write_pretty<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}
