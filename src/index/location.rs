//! Where the index lives when the user does not say: one default place, so
//! that `search` works from any directory after `index`.

use std::path::PathBuf;

/// The environment variable that overrides the default index folder.
pub const INDEX_ENV: &str = "COMMUNIQUE_INDEX";

/// `$COMMUNIQUE_INDEX`, else `$XDG_DATA_HOME/communique/index`, else
/// `~/.local/share/communique/index`, else `.communique-index` here.
pub fn default_index_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(INDEX_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(data).join("communique").join("index");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(home)
            .join(".local")
            .join("share")
            .join("communique")
            .join("index");
    }
    PathBuf::from(".communique-index")
}
