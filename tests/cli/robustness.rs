//! Robustness: legacy encodings, files that must be skipped, runs that are
//! killed or interrupted, two runs at once, damaged, read-only and full
//! index folders, and bad queries. Everything runs the real binary.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{article, assert_success, shared_dir, stderr, stdout, TestEnv};

// ---------------------------------------------------------------- helpers

fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Runs `index --json FOLDER... EXTRA...` and parses the summary.
fn index_json(env: &TestEnv, extra: &[&str]) -> Value {
    let corpus = arg(&env.corpus);
    let mut args = vec!["index", "--json", corpus.as_str()];
    args.extend_from_slice(extra);
    let output = env.run(&args);
    assert_success(&output);
    serde_json::from_slice(&output.stdout).expect("index --json prints JSON")
}

/// Articles in the index, as `search ""` counts them.
fn total(env: &TestEnv) -> u64 {
    env.search_json(&[""])["total"].as_u64().expect("a total")
}

/// Every indexed path.
fn indexed_paths(env: &TestEnv) -> Vec<String> {
    env.search_json(&["", "--limit", "100000"])["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["path"].as_str().expect("a path").to_string())
        .collect()
}

fn skipped_reasons(summary: &Value) -> BTreeMap<String, String> {
    summary["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or(path).to_string();
            (name, s["reason"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

/// An error as the binary must give it: exit 2, one line on stderr that
/// starts with `communique: error:`, no panic, no backtrace hint.
fn assert_clean_error(output: &Output, what: &str) -> String {
    let err = stderr(output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{what}: exit status {:?}, stderr:\n{err}",
        output.status
    );
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{what}: a panic:\n{err}"
    );
    assert_eq!(err.lines().count(), 1, "{what}: not one line:\n{err}");
    assert!(
        err.starts_with("communique: error: "),
        "{what}: not an error line:\n{err}"
    );
    err
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Permissions bind every user but root. When the tests run as root, the
/// binary runs as `nobody` (65534) in tests that need permissions to hold,
/// and the temporary folder is opened to it.
struct Runner<'a> {
    env: &'a TestEnv,
    uid: Option<u32>,
}

impl<'a> Runner<'a> {
    /// None when permissions cannot be made to hold here.
    fn new(env: &'a TestEnv) -> Option<Runner<'a>> {
        if !is_root() {
            return Some(Runner { env, uid: None });
        }
        let open = std::fs::Permissions::from_mode(0o777);
        std::fs::set_permissions(&env.root, open.clone()).ok()?;
        std::fs::set_permissions(&env.corpus, open).ok()?;
        let runner = Runner {
            env,
            uid: Some(65534),
        };
        // Can `nobody` run the binary at all?
        match runner.command(&["--version"]).output() {
            Ok(output) if output.status.success() => Some(runner),
            _ => {
                eprintln!("skipped: running as root and cannot run the binary as nobody");
                None
            }
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = self.env.command(args);
        if let Some(uid) = self.uid {
            command.uid(uid).gid(uid);
        }
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("communique runs")
    }

    fn index(&self) -> Output {
        self.run(&["index", "--json", &arg(&self.env.corpus)])
    }

    fn total(&self) -> u64 {
        let output = self.run(&["search", "", "--json"]);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "search failed: {}",
            stderr(&output)
        );
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        json["total"].as_u64().expect("a total")
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A corpus of `count` small generated articles named `a00000.txt` ..., in
/// folders of 500.
fn write_generated(env: &TestEnv, count: usize) -> Vec<String> {
    const COUNTRIES: [&str; 8] = [
        "France", "Japan", "Brazil", "Kenya", "Norway", "Chile", "India", "Egypt",
    ];
    let mut names = Vec::with_capacity(count);
    for i in 0..count {
        let (a, b) = (COUNTRIES[i % 8], COUNTRIES[(i / 8 + 3) % 8]);
        let relative = format!("f{:02}/a{i:05}.txt", i / 500);
        let text = article(
            &format!("Communiqué {i:05} on {a} and {b}"),
            &format!("2022-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
            &format!(
                "The Minister of Foreign Affairs of {a} held talks with the Foreign Minister \
                 of {b}. They discussed trade, climate and the serial{i:05} agreement.\n\n\
                 Both sides agreed to meet again in the near future."
            ),
        );
        names.push(arg(&env.write(&relative, text)));
    }
    names
}

/// Waits for a child for at most `limit`; kills it if it is still running.
fn wait_at_most(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn sigint(child: &Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

// ------------------------------------------------------------- encodings

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        if big_endian {
            bytes.extend_from_slice(&unit.to_be_bytes());
        } else {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
    }
    bytes
}

fn legacy(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{text} fits {}", encoding.name());
    bytes.into_owned()
}

#[test]
fn every_encoding_is_decoded_counted_and_searchable_in_its_own_script() {
    let env = TestEnv::new();
    let russian = |title: &str, dateline: &str, word: &str| {
        article(
            title,
            dateline,
            &format!(
                "Министр иностранных дел России провёл переговоры с коллегой. Стороны обсудили \
                 вопросы {word} и двустороннего сотрудничества, а также подготовку визита на \
                 высшем уровне. Было подчёркнуто значение дальнейшего развития связей."
            ),
        )
    };
    // (file, bytes, word to search, title, date)
    let cases: Vec<(&str, Vec<u8>, &str, String, &str)> = vec![
        (
            "plain.txt",
            article(
                "Plain talks",
                "2023-01-04",
                "The delegations discussed saffron.",
            )
            .into(),
            "saffron",
            "Plain talks".into(),
            "2023-01-04",
        ),
        (
            "bom.txt",
            [
                b"\xEF\xBB\xBF".as_slice(),
                article(
                    "Bom talks",
                    "2023-01-05",
                    "The delegations discussed quinoa.",
                )
                .as_bytes(),
            ]
            .concat(),
            "quinoa",
            "Bom talks".into(),
            "2023-01-05",
        ),
        (
            "crlf.txt",
            article(
                "Crlf talks",
                "2023-01-06",
                "The ministers reviewed hydropower.\nA second line.",
            )
            .replace('\n', "\r\n")
            .into(),
            "hydropower",
            "Crlf talks".into(),
            "2023-01-06",
        ),
        (
            "utf16le.txt",
            utf16(
                &russian(
                    "Переговоры в Ереване",
                    "12 сентября 2023 г.",
                    "виноградарства",
                ),
                false,
            ),
            "виноградарства",
            "Переговоры в Ереване".into(),
            "2023-09-12",
        ),
        (
            "utf16be.txt",
            utf16(
                &russian("Переговоры в Минске", "13 сентября 2023 г.", "текстильной"),
                true,
            ),
            "текстильной",
            "Переговоры в Минске".into(),
            "2023-09-13",
        ),
        (
            "cp1251.txt",
            legacy(
                &russian("Переговоры в Москве", "14 сентября 2023 г.", "рыболовства"),
                encoding_rs::WINDOWS_1251,
            ),
            "рыболовства",
            "Переговоры в Москве".into(),
            "2023-09-14",
        ),
        (
            "koi8r.txt",
            legacy(
                &russian("Переговоры в Казани", "15 сентября 2023 г.", "космической"),
                encoding_rs::KOI8_R,
            ),
            "космической",
            "Переговоры в Казани".into(),
            "2023-09-15",
        ),
        (
            "cp1252.txt",
            legacy(
                &article(
                    "Coopération franco-québécoise",
                    "16 septembre 2023",
                    "Le ministre des Affaires étrangères a salué la coopération économique, \
                     la sécurité énergétique et les échanges culturels entre les deux États. \
                     Les délégations ont évoqué la pêche côtière et l'aéronautique.",
                ),
                encoding_rs::WINDOWS_1252,
            ),
            "aéronautique",
            "Coopération franco-québécoise".into(),
            "2023-09-16",
        ),
    ];
    for (file, bytes, ..) in &cases {
        env.write(file, bytes);
    }

    let output = env.run(&["index", &arg(&env.corpus)]);
    assert_success(&output);
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.starts_with("Encodings read:"))
        .unwrap_or_else(|| panic!("no encodings line in:\n{text}"));
    for count in [
        "UTF-8: 3",
        "UTF-16LE: 1",
        "UTF-16BE: 1",
        "windows-1251: 1",
        "KOI8-R: 1",
        "windows-1252: 1",
    ] {
        assert!(line.contains(count), "{count} missing from {line:?}");
    }
    assert!(text.contains("8 added"), "{text}");

    let summary = index_json(&env, &["--rebuild"]);
    let expected: Value = serde_json::json!({
        "UTF-8": 3, "UTF-16LE": 1, "UTF-16BE": 1,
        "windows-1251": 1, "KOI8-R": 1, "windows-1252": 1,
    });
    assert_eq!(summary["encodings"], expected);
    assert_eq!(summary["skipped"], serde_json::json!([]));

    for (file, _, word, title, date) in &cases {
        let json = env.search_json(&[word]);
        assert_eq!(json["total"], 1, "{file}: searching {word}");
        let hit = &json["hits"][0];
        assert_eq!(hit["title"], title.as_str(), "{file}");
        assert_eq!(hit["date"], *date, "{file}");
        let snippet = hit["snippets"][0]["text"].as_str().unwrap_or_default();
        assert!(snippet.contains(word), "{file}: {snippet:?}");
        assert!(!snippet.contains('\r') && !snippet.contains('\u{FFFD}'));
    }
    // Nothing changed, nothing re-read.
    let again = index_json(&env, &[]);
    assert_eq!(again["unchanged"], 8, "{again}");
    assert_eq!(again["added"], 0);
}

// ----------------------------------------------------------------- skips

#[test]
fn binary_empty_and_oversized_files_are_skipped_with_their_reasons() {
    let env = TestEnv::new();
    env.write("good.txt", article("Good", "2023-01-01", "Kept."));
    env.write("nul.txt", b"Title\n\n2023-01-01\n\nBody \0 more".as_slice());
    env.write("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice());
    env.write("report", b"%PDF-1.7\n1 0 obj << >> endobj".as_slice());
    env.write("archive.txt", b"PK\x03\x04\x14\0\0\0\x08\0".as_slice());
    env.write("empty.txt", "");
    env.write("blank.txt", " \n\t\r\n  \n\u{3000}\n");
    env.write(
        "large.txt",
        article("Large", "2023-01-01", &"A long sentence. ".repeat(90_000)),
    );
    let summary = index_json(&env, &["--max-size", "1"]);
    let reasons = skipped_reasons(&summary);
    let expected = [
        ("nul.txt", "not text"),
        ("image.txt", "not text"),
        ("report", "not text"),
        ("archive.txt", "not text"),
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("large.txt", "too large"),
    ];
    for (name, reason) in expected {
        let found = reasons.get(name).map(String::as_str).unwrap_or("");
        assert!(
            found.starts_with(reason),
            "{name}: {found:?} in {reasons:?}"
        );
    }
    assert_eq!(reasons.len(), expected.len(), "{reasons:?}");
    assert_eq!(summary["added"], 1);
    assert_eq!(env.titles(&["kept"]), ["Good"]);
    // Without the size limit the large file is indexed.
    let summary = index_json(&env, &[]);
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(total(&env), 2);
}

#[test]
fn unreadable_files_and_folders_are_skipped_and_keep_what_was_indexed() {
    let env = TestEnv::new();
    let Some(runner) = Runner::new(&env) else {
        return;
    };
    env.write("good.txt", article("Good", "2023-01-01", "Kept."));
    let secret = env.write("secret.txt", article("Secret", "2023-01-02", "Hidden."));
    let locked = env.corpus.join("locked");
    env.write(
        "locked/inside.txt",
        article("Inside", "2023-01-03", "Within."),
    );
    let summary: Value = serde_json::from_slice(&runner.index().stdout).expect("JSON");
    assert_eq!(summary["added"], 3, "{summary}");

    chmod(&secret, 0o000);
    chmod(&locked, 0o000);
    let output = runner.run(&["index", "--json", &arg(&env.corpus)]);
    let restore = || {
        chmod(&secret, 0o644);
        chmod(&locked, 0o755);
    };
    if runner.uid.is_none() && std::fs::File::open(&secret).is_ok() {
        restore();
        eprintln!("skipped: this user reads files whatever their permissions");
        return;
    }
    assert_success(&output);
    let summary: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let reasons = skipped_reasons(&summary);
    restore();
    assert!(
        reasons
            .get("locked")
            .is_some_and(|r| r.starts_with("unreadable") && r.contains("ermission")),
        "{reasons:?}"
    );
    // An unchanged unreadable file is not read, so it stays; a folder that
    // cannot be listed keeps its articles.
    assert_eq!(summary["removed"], 0, "{summary}");
    assert_eq!(runner.total(), 3);

    // A changed file that cannot be read is skipped and leaves the index.
    std::fs::write(&secret, article("Secret", "2023-01-02", "Hidden again.")).unwrap();
    chmod(&secret, 0o000);
    let output = runner.index();
    chmod(&secret, 0o644);
    assert_success(&output);
    let summary: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let reasons = skipped_reasons(&summary);
    assert!(
        reasons
            .get("secret.txt")
            .is_some_and(|r| r.starts_with("unreadable") && r.contains("ermission")),
        "{reasons:?}"
    );
    assert_eq!(runner.total(), 2);
    let summary: Value = serde_json::from_slice(&runner.index().stdout).expect("JSON");
    assert_eq!(summary["added"], 1, "{summary}");
    assert_eq!(runner.total(), 3);
}

#[test]
fn symlink_loops_and_dangling_links_are_skipped_and_nothing_is_doubled() {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha", "2023-01-01", "First."));
    env.write("sub/b.txt", article("Beta", "2023-01-02", "Second."));
    symlink(&env.corpus, env.corpus.join("sub/back")).unwrap();
    symlink(env.corpus.join("self"), env.corpus.join("self")).unwrap();
    symlink(env.root.join("nowhere.txt"), env.corpus.join("gone.txt")).unwrap();
    let summary = index_json(&env, &[]);
    let reasons = skipped_reasons(&summary);
    assert!(
        reasons
            .get("back")
            .is_some_and(|r| r.contains("symlink loop")),
        "{reasons:?}"
    );
    assert!(reasons.contains_key("self"), "{reasons:?}");
    assert!(reasons.contains_key("gone.txt"), "{reasons:?}");
    assert_eq!(summary["added"], 2, "{summary}");
    assert_eq!(total(&env), 2);
    let again = index_json(&env, &[]);
    assert_eq!(
        (&again["unchanged"], &again["removed"]),
        (&2.into(), &0.into())
    );
}

#[test]
fn a_folder_given_twice_or_inside_another_is_indexed_once() {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha", "2023-01-01", "First."));
    env.write("sub/b.txt", article("Beta", "2023-01-02", "Second."));
    let corpus = arg(&env.corpus);
    let sub = arg(&env.corpus.join("sub"));
    let output = env.run(&["index", "--json", &corpus, &sub, &corpus]);
    assert_success(&output);
    let paths = indexed_paths(&env);
    let unique: HashSet<&String> = paths.iter().collect();
    assert_eq!(unique.len(), paths.len(), "a path indexed twice: {paths:?}");
    assert_eq!(paths.len(), 2, "{paths:?}");
    let output = env.run(&["index", "--json", &corpus, &sub]);
    assert_success(&output);
    assert_eq!(total(&env), 2);
}

#[test]
fn a_file_that_vanishes_after_the_walk_is_skipped_not_fatal() {
    use communique::index::ingest::{index_folders, IndexOptions, IndexProgress};

    /// Deletes a file once the walk has found it, before it is read.
    struct Vanish(PathBuf);
    impl IndexProgress for Vanish {
        fn start(&self, _files: u64) {
            std::fs::remove_file(&self.0).expect("the file is removed");
        }
    }

    let env = TestEnv::new();
    env.write("a.txt", article("Alpha", "2023-01-01", "First."));
    let gone = env.write("b.txt", article("Beta", "2023-01-02", "Second."));
    let options = IndexOptions::new(env.index.clone(), vec![env.corpus.clone()]);
    let summary =
        index_folders(&options, &Vanish(gone), &AtomicBool::new(false)).expect("the run goes on");
    assert_eq!(summary.added, 1);
    assert_eq!(summary.skipped.len(), 1, "{:?}", summary.skipped);
    assert!(summary.skipped[0].path.ends_with("b.txt"));
    assert!(summary.skipped[0]
        .reason
        .to_string()
        .starts_with("unreadable"));
    assert_eq!(total(&env), 1);
}

#[test]
fn non_utf8_file_names_are_indexed_under_an_escaped_path_that_round_trips() {
    let env = TestEnv::new();
    let name = |bytes: &[u8]| env.corpus.join(OsStr::from_bytes(bytes));
    std::fs::write(
        name(b"caf\xE9.txt"),
        article("Latin-1 name", "2023-01-01", "Espresso diplomacy."),
    )
    .unwrap();
    std::fs::create_dir(name(b"dir\xFF")).unwrap();
    std::fs::write(
        name(b"dir\xFF/inner.txt"),
        article("Inner", "2023-01-02", "Nested espresso."),
    )
    .unwrap();
    let summary = index_json(&env, &[]);
    assert_eq!(summary["added"], 2, "{summary}");
    let mut paths = indexed_paths(&env);
    paths.sort();
    let corpus = arg(&env.corpus);
    assert_eq!(
        paths,
        [
            format!("{corpus}/caf\\xE9.txt"),
            format!("{corpus}/dir\\xFF/inner.txt")
        ]
    );
    // The escaped path is the key: a second run finds both unchanged.
    let again = index_json(&env, &[]);
    assert_eq!(
        (&again["unchanged"], &again["added"], &again["removed"]),
        (&2.into(), &0.into(), &0.into()),
        "{again}"
    );
    // And a file gone is removed under its escaped key.
    std::fs::remove_file(name(b"caf\xE9.txt")).unwrap();
    let again = index_json(&env, &[]);
    assert_eq!(again["removed"], 1, "{again}");
    assert_eq!(
        indexed_paths(&env),
        [format!("{corpus}/dir\\xFF/inner.txt")]
    );
}

#[test]
fn a_name_that_looks_escaped_never_shares_a_key_with_an_escaped_one() {
    let env = TestEnv::new();
    let name = |bytes: &[u8]| env.corpus.join(OsStr::from_bytes(bytes));
    std::fs::write(name(b"caf\xE9.txt"), article("Byte", "2023-01-01", "One.")).unwrap();
    std::fs::write(
        name(b"caf\\xE9.txt"),
        article("Backslash", "2023-01-02", "Two."),
    )
    .unwrap();
    index_json(&env, &[]);
    let paths = indexed_paths(&env);
    let unique: HashSet<&String> = paths.iter().collect();
    assert_eq!(
        unique.len(),
        paths.len(),
        "one key indexed twice: {paths:?}"
    );
    // Re-indexing keeps the index as it is.
    index_json(&env, &[]);
    let again = indexed_paths(&env);
    assert_eq!(again.len(), paths.len(), "{again:?}");
}

// ----------------------------------------------------------- killed runs

/// The opstamp of the index's last commit, 0 before the index exists. It
/// grows with every commit, so a test can act just after one instead of
/// guessing when one happens: a loaded machine can take many times longer
/// than a run measured a moment before.
fn committed_opstamp(env: &TestEnv) -> u64 {
    std::fs::read_to_string(env.index.join("meta.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .and_then(|meta| meta["opstamp"].as_u64())
        .unwrap_or(0)
}

/// Waits until the index has committed past `since` (true) or `child` has
/// ended (false).
fn wait_for_commit(env: &TestEnv, child: &mut Child, since: u64) -> bool {
    let started = Instant::now();
    loop {
        if committed_opstamp(env) > since {
            return true;
        }
        if matches!(child.try_wait(), Ok(Some(_))) {
            return false;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no commit in five minutes"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// When a run of `survive_kills` is killed.
#[derive(Clone, Copy, Debug)]
enum KillAt {
    /// This fraction of a full run after the start: while opening and
    /// walking, or over a complete index.
    Fraction(f64),
    /// This many milliseconds after the run's next commit, so that the kill
    /// falls at a varying point of the following batch.
    AfterCommit(u64),
}

/// Kills real `index` runs of `folder` with SIGKILL at many moments and
/// checks after each that the index opens, holds whole batches only, never
/// shrinks, and that a last uninterrupted run completes it exactly.
fn survive_kills(env: &TestEnv, folder: &Path, expected: u64, batch: u64) {
    let folder = arg(folder);
    let batch_arg = batch.to_string();
    let args = ["index", "--batch-size", batch_arg.as_str(), folder.as_str()];

    // One full run into a scratch index, to time the early kills.
    let started = Instant::now();
    let scratch = env.root.join("scratch-index");
    let output = env
        .command(&args)
        .env("COMMUNIQUE_INDEX", &scratch)
        .output()
        .unwrap();
    assert_success(&output);
    let full = started.elapsed();
    std::fs::remove_dir_all(&scratch).unwrap();
    eprintln!("a full run takes {full:?}");

    // Very early (opening, walking), then just after commits, with kills
    // falling at varying points of a batch, and at the end kills of runs
    // over an index that may be complete.
    let mut moments = vec![KillAt::Fraction(0.0), KillAt::Fraction(0.01)];
    moments.extend([0, 3, 1, 7, 0, 2, 5, 1, 4, 0].map(KillAt::AfterCommit));
    moments.extend([0.3, 0.02, 0.05].map(KillAt::Fraction));

    let mut last = 0u64;
    let mut kills = Vec::new();
    for moment in moments {
        // A run over an almost complete index has less to do than the full
        // one: when it ends before its kill, check what it left and try
        // again sooner, so that every fraction ends in a kill.
        let mut delay = match moment {
            KillAt::Fraction(fraction) => full.mul_f64(fraction),
            KillAt::AfterCommit(millis) => Duration::from_millis(millis),
        };
        loop {
            let since = committed_opstamp(env);
            let mut child = env
                .command(&args)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let committed = match moment {
                KillAt::Fraction(_) => true,
                KillAt::AfterCommit(_) => wait_for_commit(env, &mut child, since),
            };
            if committed {
                std::thread::sleep(delay);
            }
            let finished = matches!(child.try_wait(), Ok(Some(_)));
            if !finished {
                child.kill().unwrap();
            }
            let output = child.wait_with_output().unwrap();
            if finished {
                assert_success(&output);
            }
            let now = committed_after_kill(env, last, delay);
            assert!(
                now >= last,
                "kill at {moment:?}: {now} articles after {last}"
            );
            assert!(now <= expected, "kill at {moment:?}: {now} > {expected}");
            assert!(
                (now - last) % batch == 0 || now == expected,
                "kill at {moment:?}: {now} articles after {last} is not whole batches of {batch}"
            );
            last = now;
            if !finished {
                kills.push((moment, now));
                break;
            }
            if !committed {
                // The run ended without committing: nothing was left to do.
                break;
            }
            delay /= 2;
        }
    }
    eprintln!(
        "{} kills survived (moment, articles): {kills:?}",
        kills.len()
    );
    // Kills that landed while batches were still being written, not only
    // before the first commit or over a complete index.
    let mid_run: HashSet<u64> = kills
        .iter()
        .map(|&(_, now)| now)
        .filter(|&now| now > 0 && now < expected)
        .collect();
    assert!(
        mid_run.len() >= 3,
        "only {} kills fell mid-run: {kills:?}",
        mid_run.len()
    );

    let output = env.run(&["index", "--json", "--batch-size", &batch_arg, &folder]);
    assert_success(&output);
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["total_articles"], expected, "{summary}");
    assert_eq!(total(env), expected);
    let paths = indexed_paths(env);
    let unique: HashSet<&String> = paths.iter().collect();
    assert_eq!(unique.len() as u64, expected, "duplicates after the kills");
}

/// The articles a search sees after a run was killed (or ended) at `delay`;
/// `last` is what the previous run left, 0 when there was no index yet.
fn committed_after_kill(env: &TestEnv, last: u64, delay: Duration) -> u64 {
    let search = env.run(&["search", "", "--json", "--limit", "1"]);
    match search.status.code() {
        Some(0 | 1) => {
            let json: Value = serde_json::from_slice(&search.stdout).unwrap();
            json["total"].as_u64().unwrap()
        }
        _ => {
            // Killed before the index existed: it must say so, nothing else.
            assert!(
                last == 0 && stderr(&search).contains("no index at"),
                "after a kill at {delay:?} the index does not open: {}",
                stderr(&search)
            );
            0
        }
    }
}

#[test]
fn killed_runs_lose_at_most_a_batch_and_the_next_run_completes() {
    let env = TestEnv::new();
    write_generated(&env, 3000);
    let folder = env.corpus.clone();
    survive_kills(&env, &folder, 3000, 200);
}

/// The real corpora, 17,451 articles, about two minutes; skipped without
/// ../shared. Alone, with what it saw:
/// `cargo test --test cli robustness::killed_runs_of_the_shared -- --nocapture`.
#[test]
fn killed_runs_of_the_shared_corpora_lose_nothing() {
    let Some(shared) = shared_dir() else { return };
    let env = TestEnv::new();
    survive_kills(&env, &shared.join("corpora"), 17_451, 500);
}

// ------------------------------------------------------------------ SIGINT

#[test]
fn ctrl_c_commits_a_prefix_says_so_and_exits_130() {
    let env = TestEnv::new();
    let mut names = write_generated(&env, 3000);
    names.sort();
    let corpus = arg(&env.corpus);
    let args = ["index", "--batch-size", "500", corpus.as_str()];

    // The signal goes just after the first commit, however long that takes
    // on a loaded machine; a run that still ends before it is tried again.
    let mut attempts = 0;
    let (output, before) = loop {
        attempts += 1;
        assert!(attempts <= 20, "every run ended before its SIGINT");
        if env.index.exists() {
            std::fs::remove_dir_all(&env.index).unwrap();
        }
        let mut child = env
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        assert!(
            wait_for_commit(&env, &mut child, 0),
            "the run ended without a commit"
        );
        sigint(&child);
        let output = child.wait_with_output().unwrap();
        let now = total(&env);
        if output.status.code() == Some(130) && now < 3000 {
            break (output, now);
        }
        assert!(
            output.status.success(),
            "SIGINT after the first commit: {:?}\n{}\n{}",
            output.status,
            stdout(&output),
            stderr(&output)
        );
    };
    let text = stdout(&output);
    assert!(
        text.contains("Interrupted: committed the work done so far"),
        "{text}"
    );
    assert!(before > 0, "nothing committed: {text}");
    let mut paths = indexed_paths(&env);
    paths.sort();
    assert_eq!(paths, names[..before as usize], "not a prefix of the files");

    let output = env.run(&["index", "--json", &corpus]);
    assert_success(&output);
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["added"], 3000 - before, "{summary}");
    assert_eq!(summary["unchanged"], before);
    assert_eq!(summary["interrupted"], false);
    assert_eq!(total(&env), 3000);
}

// ------------------------------------------------------------ concurrency

#[test]
fn a_second_index_run_fails_at_once_and_search_sees_each_commit() {
    let env = TestEnv::new();
    write_generated(&env, 3000);
    let corpus = arg(&env.corpus);
    let batch = 100u64;
    let mut first = env
        .command(&["index", "--batch-size", "100", &corpus])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Searches while the run goes on, each seeing some commit.
    let search_during_run = || {
        let output = env.run(&["search", "serial00001 OR trade", "--json", "--limit", "1"]);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "search during a run: {}",
            stderr(&output)
        );
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        json["total"].as_u64().unwrap()
    };
    assert!(
        wait_for_commit(&env, &mut first, 0),
        "the first run ended without a commit"
    );
    let mut seen = vec![search_during_run()];
    assert!(first.try_wait().unwrap().is_none(), "the first run ended");

    let attempt = Instant::now();
    let second = env.run(&["index", &corpus]);
    let took = attempt.elapsed();
    let err = assert_clean_error(&second, "second index run");
    assert!(err.contains("being updated by another process"), "{err}");
    assert!(
        took < Duration::from_secs(5),
        "the second run waited {took:?}"
    );

    // A rebuild must not pull the index from under the running writer.
    let rebuild = env.run(&["index", "--rebuild", &corpus]);
    let err = assert_clean_error(&rebuild, "rebuild during a run");
    assert!(err.contains("being updated by another process"), "{err}");

    while first.try_wait().unwrap().is_none() {
        seen.push(search_during_run());
    }
    eprintln!("totals seen by searches during the run: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(
        seen.iter().all(|n| n % batch == 0 || *n == 3000),
        "a search saw uncommitted work: {seen:?}"
    );
    let output = first.wait_with_output().unwrap();
    assert_success(&output);
    assert_eq!(total(&env), 3000);
}

// ------------------------------------------------- damaged or foreign index

fn small_index() -> TestEnv {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha talks", "2023-01-01", "Fisheries."));
    env.write("b.txt", article("Beta talks", "2023-01-02", "Whaling."));
    env.index();
    env
}

/// `search` and `index` both give a clean error that names the folder.
fn assert_refused(env: &TestEnv, what: &str) -> String {
    let index = arg(&env.index);
    let search = env.run(&["search", "talks"]);
    let err = assert_clean_error(&search, &format!("search, {what}"));
    assert!(err.contains(&index), "{what}: folder not named: {err}");
    let run = env.run(&["index", &arg(&env.corpus)]);
    let err_index = assert_clean_error(&run, &format!("index, {what}"));
    assert!(
        err_index.contains(&index),
        "{what}: folder not named: {err_index}"
    );
    err
}

#[test]
fn a_damaged_or_incompatible_index_is_refused_with_the_way_to_rebuild() {
    type Damage = fn(&Path);
    let cases: [(&str, Damage); 6] = [
        ("garbage meta.json", |dir| {
            std::fs::write(dir.join("meta.json"), "{{{ not json").unwrap()
        }),
        ("empty meta.json", |dir| {
            std::fs::write(dir.join("meta.json"), "").unwrap()
        }),
        ("meta.json gone", |dir| {
            std::fs::remove_file(dir.join("meta.json")).unwrap()
        }),
        ("another format", |dir| {
            std::fs::write(
                dir.join("communique.json"),
                r#"{"format": 99, "writer": "communique 9.0.0"}"#,
            )
            .unwrap()
        }),
        ("garbage marker", |dir| {
            std::fs::write(dir.join("communique.json"), b"\xFF\xFE garbage".as_slice()).unwrap()
        }),
        ("marker gone", |dir| {
            std::fs::remove_file(dir.join("communique.json")).unwrap()
        }),
    ];
    for (what, damage) in cases {
        let env = small_index();
        damage(&env.index);
        let err = assert_refused(&env, what);
        assert!(
            err.contains("--rebuild"),
            "{what}: no way to rebuild: {err}"
        );
        if what == "another format" {
            assert!(err.contains("format 99"), "{err}");
        }
        // Following the advice works.
        let output = env.run(&["index", "--rebuild", &arg(&env.corpus)]);
        assert_success(&output);
        assert_eq!(total(&env), 2, "{what}");
    }
}

#[test]
fn damaged_segment_files_give_an_error_never_a_panic() {
    let env = small_index();
    let files: Vec<PathBuf> = std::fs::read_dir(&env.index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.ends_with(".json") && !name.starts_with('.') && !name.ends_with(".lock")
        })
        .collect();
    assert!(!files.is_empty());
    let originals: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    for (i, file) in files.iter().enumerate() {
        for (how, bytes) in [
            ("truncated", Vec::new()),
            ("halved", originals[i][..originals[i].len() / 2].to_vec()),
            ("scrambled", originals[i].iter().map(|b| b ^ 0x5A).collect()),
        ] {
            std::fs::write(file, &bytes).unwrap();
            for args in [
                &["search", "fisheries"][..],
                &["search", "", "--sort", "date"],
            ] {
                let output = env.run(args);
                let err = stderr(&output);
                assert!(
                    !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
                    "{how} {}: {args:?} panicked:\n{err}",
                    file.display()
                );
                assert!(
                    matches!(output.status.code(), Some(0..=2)),
                    "{how} {}: {args:?} ended by {:?}",
                    file.display(),
                    output.status
                );
                if output.status.code() == Some(2) {
                    assert_clean_error(&output, &format!("{how} {}", file.display()));
                }
            }
            std::fs::write(file, &originals[i]).unwrap();
        }
    }
}

#[test]
fn a_folder_that_is_not_an_index_is_refused_and_left_alone() {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha talks", "2023-01-01", "Fisheries."));
    std::fs::create_dir(&env.index).unwrap();
    std::fs::write(env.index.join("holiday.jpg"), b"\xFF\xD8\xFF").unwrap();
    std::fs::write(env.index.join("notes.txt"), "my notes").unwrap();
    let err = assert_refused(&env, "a folder of other files");
    let rebuild = env.run(&["index", "--rebuild", &arg(&env.corpus)]);
    let rebuild_err = assert_clean_error(&rebuild, "rebuild over other files");
    for message in [&err, &rebuild_err] {
        // The way out must work: another folder, not a rebuild that refuses.
        assert!(message.contains("--index"), "{message}");
        assert!(
            !message.contains("index --rebuild"),
            "advises a rebuild that refuses: {message}"
        );
    }
    assert!(env.index.join("holiday.jpg").exists() && env.index.join("notes.txt").exists());
}

// --------------------------------------------- read-only and full folders

#[test]
fn a_read_only_index_folder_is_a_clear_error_and_the_last_commit_stays() {
    // The writer's lock file is left by every run; an index copied without
    // its dot files has none, and then the lock itself cannot be taken.
    for without_lock_file in [false, true] {
        let env = TestEnv::new();
        let Some(runner) = Runner::new(&env) else {
            return;
        };
        env.write("a.txt", article("Alpha talks", "2023-01-01", "Fisheries."));
        assert_success(&runner.index());
        if without_lock_file {
            std::fs::remove_file(env.index.join(".tantivy-writer.lock")).unwrap();
        }
        env.write("b.txt", article("Beta talks", "2023-01-02", "Whaling."));
        chmod(&env.index, 0o555);
        let output = runner.run(&["index", &arg(&env.corpus)]);
        let search = runner.run(&["search", "talks", "--json"]);
        chmod(&env.index, 0o755);
        if runner.uid.is_none() && output.status.success() {
            eprintln!("skipped: this user writes to read-only folders");
            return;
        }
        let what = format!("index into a read-only folder (no lock file: {without_lock_file})");
        let err = assert_clean_error(&output, &what);
        eprintln!("{what}: {err}");
        assert!(err.contains(&arg(&env.index)), "{err}");
        assert!(
            !err.contains("another process"),
            "a read-only folder is not a concurrent run: {err}"
        );
        assert!(
            !err.contains("--rebuild"),
            "a rebuild cannot help a read-only folder: {err}"
        );
        assert!(err.contains("Permission denied"), "{err}");
        // Searching a read-only index works and finds the last commit.
        assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
        let json: Value = serde_json::from_slice(&search.stdout).unwrap();
        assert_eq!(json["total"], 1);
        assert_success(&runner.index());
        assert_eq!(runner.total(), 2);
    }
}

/// A small tmpfs, mounted for one test and unmounted when dropped.
struct TinyDisk(PathBuf);

impl TinyDisk {
    fn mount(at: &Path, size: &str) -> Option<TinyDisk> {
        std::fs::create_dir_all(at).ok()?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| TinyDisk(at.to_path_buf()))
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_last_commit_stays() {
    let env = TestEnv::new();
    let Some(disk) = TinyDisk::mount(&env.root.join("disk"), "4m") else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root)");
        return;
    };
    let index = disk.0.join("index");
    let index_arg = arg(&index);
    let corpus = arg(&env.corpus);
    env.write("a.txt", article("Alpha talks", "2023-01-01", "Fisheries."));
    assert_success(&env.run(&["--index", &index_arg, "index", &corpus]));
    // Fill the disk, then bring a lot of new text.
    let filler = disk.0.join("filler");
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![b'x'; 64 * 1024];
        while file.write_all(&block).is_ok() {}
        let _ = file.sync_all();
    }
    for i in 0..200 {
        env.write(
            &format!("new/n{i:03}.txt"),
            article(
                &format!("New talks {i}"),
                "2023-02-01",
                &format!("Fresh words number{i} {}", "and more text ".repeat(200)),
            ),
        );
    }
    let output = env.run(&["--index", &index_arg, "index", &corpus]);
    let err = assert_clean_error(&output, "index onto a full disk");
    eprintln!("index onto a full disk: {err}");
    assert!(err.contains("No space left"), "{err}");
    // Rebuilding would delete the last commit and fail again.
    assert!(!err.contains("--rebuild"), "advises a rebuild: {err}");
    let search = env.run(&["--index", &index_arg, "search", "talks", "--json"]);
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
    let json: Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(json["total"], 1, "the last commit is intact");
    std::fs::remove_file(&filler).unwrap();
    assert_success(&env.run(&["--index", &index_arg, "index", &corpus]));
    let search = env.run(&["--index", &index_arg, "search", "talks", "--json"]);
    let json: Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(json["total"], 201);
    drop(disk);
}

// ------------------------------------------------------------ bad queries

/// Queries a user can mistype or paste, and worse.
fn nasty_queries() -> Vec<String> {
    let mut queries: Vec<String> = [
        "\"",
        "\"\"",
        "\"unbalanced",
        "unbalanced\"",
        "((",
        "))",
        "(talks",
        "talks)",
        "(",
        ")",
        "()",
        "[",
        "]",
        "{",
        "}",
        "[a TO",
        "[a TO b",
        "{* TO *}",
        "[* TO *]",
        "title:",
        "body:",
        ":",
        "::",
        "title:(",
        "title:\"",
        "title:)",
        "nofield:word",
        "year:",
        "year:abc",
        "year:99999999999999999999",
        "year:>2020",
        "year:[2020 TO",
        "year:-1",
        "country:",
        "date:2020",
        "date:[2020-01-01T00:00:00Z TO *]",
        "AND",
        "OR",
        "NOT",
        "AND OR NOT",
        "talks AND",
        "OR talks",
        "talks OR OR fisheries",
        "+",
        "-",
        "+-",
        "-+talks",
        "--",
        "---talks",
        "-talks",
        "talks -",
        "*",
        "?",
        "~",
        "^",
        "talks^",
        "talks^-1",
        "talks^999999999999",
        "talks^NaN",
        "talks~2",
        "\"a b\"~",
        "\"a b\"~99999999999999",
        "\\",
        "talks\\",
        "\\\"",
        "!",
        "&&",
        "||",
        "a && b || c",
        "a:b:c",
        "title:title:title",
        "IN",
        "title: IN [talks fisheries]",
        "title: IN [",
        "'",
        "''",
        "talks'",
        "😀",
        "🇷🇺 talks",
        "İstanbul",
        "ǅungla",
        "ß",
        "ﬁsheries",
        "\u{200B}",
        "\u{202E}talks",
        "\u{0301}",
        "e\u{0301}",
        "日本語",
        "العربية",
        "\u{FEFF}talks",
        "\u{1b}[31mred",
        "talks\nfisheries(",
        "talks\r\n\"",
        "\t",
        "\u{7}",
        "\u{1}\u{2}",
        "\u{7f}",
        "\u{85}",
        "\u{2028}",
        "\u{D7FF}\u{E000}\u{10FFFF}",
        "%s%n%x",
        "{}",
        "$(echo hi)",
        "*:*",
        "_id:1",
        "path:",
        "id:",
        "title:*",
        "title:ta*",
        "ta*",
        "*talks",
        "talks*",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    queries.push("x".repeat(10_000));
    queries.push("talks ".repeat(3_000));
    queries.push(format!("{}talks{}", "(".repeat(3_000), ")".repeat(3_000)));
    queries.push("(".repeat(3_000));
    queries.push("\"".repeat(1_001));
    queries.push("title:".repeat(500));
    queries.push("-a ".repeat(1_000));
    queries.push("İ".repeat(2_000));
    queries
}

/// Runs `communique ARGS`, and tells how it ended: exit 0/1, or the error
/// line of exit 2; anything else is a failure, as is a run of over 30 s.
fn outcome(env: &TestEnv, args: &[&str]) -> Result<String, String> {
    let mut child = env
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes while waiting, so a long answer cannot block.
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    fn drain(mut from: impl std::io::Read) -> Vec<u8> {
        let mut bytes = Vec::new();
        let _ = from.read_to_end(&mut bytes);
        bytes
    }
    let readers = (
        std::thread::spawn(move || drain(out)),
        std::thread::spawn(move || drain(err)),
    );
    let Some(status) = wait_at_most(&mut child, Duration::from_secs(30)) else {
        return Err("still running after 30 s".into());
    };
    let _ = readers.0.join();
    let err = String::from_utf8_lossy(&readers.1.join().unwrap_or_default()).into_owned();
    if err.contains("panicked") || err.contains("RUST_BACKTRACE") {
        return Err(format!("panic: {err}"));
    }
    match status.code() {
        Some(code @ (0 | 1)) => Ok(format!("exit {code}")),
        Some(2) if err.lines().count() == 1 && err.starts_with("communique: error: ") => {
            Ok(err.trim_end().to_string())
        }
        _ => Err(format!("{status:?}: {err:?}")),
    }
}

fn shorten(text: &str) -> String {
    let text: String = text.chars().take(60).collect();
    format!("{text:?}")
}

#[test]
fn any_bad_query_or_filter_gives_a_result_or_one_error_line() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        article(
            "Alpha talks in İstanbul",
            "2023-01-01",
            "Fisheries. ﬁsheries ǅungla ß e\u{0301} 日本語 talks.",
        ),
    );
    env.write(
        "b.txt",
        article("Beta talks", "2023-01-02", "Whaling and talks."),
    );
    env.index();
    let mut failures = Vec::new();
    let mut record = |args: Vec<&str>, label: String| {
        let result = outcome(&env, &args);
        eprintln!(
            "{label} -> {}",
            match &result {
                Ok(ok) => shorten(ok),
                Err(bad) => format!("FAILED {bad}"),
            }
        );
        if let Err(bad) = result {
            failures.push(format!("{label}: {bad}"));
        }
    };
    let queries = nasty_queries();
    assert!(queries.len() >= 50);
    for query in &queries {
        record(
            vec!["search", "--fragments", "2", "--", query],
            format!("query {}", shorten(query)),
        );
    }
    // Queries that start with '-' as a user types them, without '--'.
    for query in ["-talks", "-", "-x talks", "--notaflag"] {
        record(vec!["search", query], format!("bare query {query:?}"));
    }
    let filter_values: Vec<String> = [
        "",
        " ",
        "Rusia",
        "the",
        "XX",
        "the the",
        "😀",
        "\u{1b}[0m",
        "a\nb",
        "2023-13",
        "2023-02-30",
        "0000",
        "-1",
        "２０２３",
        "2023-1-1",
        "2023--01",
        "2023-12-31-1",
        "99999",
        "2023-00",
        "2023-01-00",
        "1e3",
        "+2023",
        " 2023 ",
        "2023/01/01",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(["x".repeat(3_000), "İ".repeat(500)])
    .collect();
    for value in &filter_values {
        for flag in ["--country", "--minister", "--person", "--from", "--to"] {
            let given = format!("{flag}={value}");
            record(
                vec!["search", "talks", &given],
                format!("{flag} {}", shorten(value)),
            );
        }
    }
    for numbers in [
        ["--fragments", "1000000000"],
        ["--limit", "0"],
        ["--offset", "1000000"],
    ] {
        let [flag, value] = numbers;
        record(
            vec!["search", "talks", flag, value],
            format!("{flag} {value}"),
        );
    }
    record(
        vec!["search", "talks", "--from", "2024", "--to", "2023"],
        "--from after --to".into(),
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Tantivy panicked on a huge `--limit` or `--offset` (an overflow in
/// `TopDocs`, or an allocation of `limit` slots that aborted the process);
/// search now refuses a page beyond its bounds with one line.
#[test]
fn a_huge_limit_or_offset_is_an_error_or_a_page() {
    let env = small_index();
    let mut failures = Vec::new();
    for [flag, value] in [
        ["--limit", "18446744073709551615"],
        ["--offset", "18446744073709551615"],
        ["--limit", "100000000000"],
        ["--offset", "100000000000"],
    ] {
        if let Err(bad) = outcome(&env, &["search", "talks", flag, value]) {
            failures.push(format!("{flag} {value}: {bad}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
