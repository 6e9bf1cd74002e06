//! Everything communique prints: search hits, index summaries and extracted
//! metadata, for a terminal (colour, plain when piped) or as JSON. Nothing
//! else in the crate writes to stdout.

pub mod json;
pub mod progress;
pub mod terminal;

/// Whether to colour output. `Auto` colours a terminal unless NO_COLOR is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn to_anstream(self) -> anstream::ColorChoice {
        match self {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        }
    }
}
