//! A temporary world for one test: a folder of articles, an index folder,
//! and the real `communique` binary run against them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub struct TestEnv {
    _temp: tempfile::TempDir,
    pub root: PathBuf,
    pub corpus: PathBuf,
    pub index: PathBuf,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let temp = tempfile::tempdir().expect("a temporary folder");
        let root = temp.path().to_path_buf();
        let corpus = root.join("corpus");
        std::fs::create_dir_all(&corpus).expect("the corpus folder");
        TestEnv {
            index: root.join("index"),
            corpus,
            root,
            _temp: temp,
        }
    }

    /// Writes an article under the corpus folder.
    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a parent folder");
        }
        std::fs::write(&path, content).expect("an article written");
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_communique"));
        command
            .args(args)
            .env("COMMUNIQUE_INDEX", &self.index)
            .env_remove("NO_COLOR")
            .current_dir(&self.root)
            .stdin(Stdio::null());
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("communique runs")
    }

    /// Runs `index` on the corpus folder and expects success.
    pub fn index(&self) -> String {
        let corpus = self.corpus.to_string_lossy().to_string();
        let output = self.run(&["index", &corpus]);
        assert_success(&output);
        stdout(&output)
    }

    /// Runs `search ... --json` and parses the output.
    pub fn search_json(&self, args: &[&str]) -> Value {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.push("--json");
        let output = self.run(&all);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "search {args:?} failed: {}",
            stderr(&output)
        );
        serde_json::from_slice(&output.stdout).expect("search --json prints JSON")
    }

    /// The titles of the hits of a search, in rank order.
    pub fn titles(&self, args: &[&str]) -> Vec<String> {
        self.search_json(args)["hits"]
            .as_array()
            .map(|hits| {
                hits.iter()
                    .map(|h| h["title"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "communique failed ({:?}):\n{}\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}

/// `../shared` beside the checkout, when this machine has it.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared is not present beside the checkout");
        None
    }
}

/// Builds an article in the corpus layout.
pub fn article(title: &str, dateline: &str, body: &str) -> String {
    format!("{title}\n\n{dateline}\n\n{body}\n")
}
