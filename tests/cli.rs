//! Integration tests: the real binary, run in temporary folders.

#[path = "cli/robustness.rs"]
mod robustness;
mod util;

use std::collections::HashMap;

use serde_json::Value;
use util::{article, assert_success, shared_dir, stderr, stdout, TestEnv};

const PHRASE: &str = "The ministers discussed diplomatic relations between the two states.";
const APART: &str = "Diplomatic staff met; trade relations were also on the agenda.";

fn small_corpus() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "a-phrase.txt",
        article(
            "Kazakhstan and Armenia hold talks",
            "Sun, 10/09/2023 - 07:57",
            &format!(
                "Minister of Foreign Affairs of Kazakhstan Aidos Temirbekov received Foreign Minister of Armenia Narek Avetisyan. {PHRASE}\n\nМой мир"
            ),
        ),
    );
    env.write(
        "b-apart.txt",
        article(
            "Consultations in Lisbon",
            "2022-03-15",
            &format!("Russian Foreign Minister Sergey Lavrov met Portuguese counterparts. {APART}"),
        ),
    );
    env.write(
        "c-other.txt",
        article(
            "Fisheries agreement signed",
            "September 1, 2021",
            "Norway and Iceland signed a fisheries agreement in Reykjavik.",
        ),
    );
    env.write(
        "nested/d-lavrov.txt",
        article(
            "Lavrov receives Serbian counterpart",
            "31.03.2022",
            "Minister of Foreign Affairs of Russia Sergei Lavrov received the Foreign Minister of Serbia Nikola Selakovic. Lavrov's remarks covered diplomatic relations.",
        ),
    );
    env.index();
    env
}

#[test]
fn index_then_search_ranks_the_exact_phrase_first() {
    let env = small_corpus();
    let titles = env.titles(&["diplomatic relations"]);
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert_ne!(
        titles[0], "Consultations in Lisbon",
        "words apart rank below the phrase"
    );
    assert_eq!(titles[2], "Consultations in Lisbon");
}

#[test]
fn a_title_match_outranks_a_body_match() {
    let env = TestEnv::new();
    env.write("body.txt", article("Weekly notes", "2023-01-01", "Fisheries were discussed. Other topics too, at length, in a long text about other things."));
    env.write(
        "title.txt",
        article(
            "Fisheries talks",
            "2023-01-02",
            "Other topics were discussed, at length, in a long text about other things.",
        ),
    );
    env.index();
    assert_eq!(
        env.titles(&["fisheries"]),
        ["Fisheries talks", "Weekly notes"]
    );
}

#[test]
fn stemming_finds_singular_for_plural() {
    let env = small_corpus();
    assert_eq!(env.search_json(&["relation"])["total"], 3);
}

#[test]
fn query_syntax_phrase_or_exclusion_and_field() {
    let env = small_corpus();
    assert_eq!(env.search_json(&["\"diplomatic relations\""])["total"], 2);
    assert_eq!(env.search_json(&["fisheries OR Lisbon"])["total"], 2);
    assert_eq!(env.search_json(&["relations -Lavrov"])["total"], 1);
    assert_eq!(
        env.titles(&["title:fisheries"]),
        ["Fisheries agreement signed"]
    );
    // A possessive is a word, not syntax.
    assert_eq!(
        env.titles(&["Lavrov's remarks"]),
        ["Lavrov receives Serbian counterpart"]
    );
}

#[test]
fn hits_carry_metadata_and_a_highlighted_snippet() {
    let env = small_corpus();
    let json = env.search_json(&["Avetisyan"]);
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    assert_eq!(hit["rank"], 1);
    assert_eq!(hit["date"], "2023-09-10T07:57:00");
    let countries: Vec<&str> = hit["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        countries.contains(&"Kazakhstan") && countries.contains(&"Armenia"),
        "{countries:?}"
    );
    let ministers: Vec<&str> = hit["ministers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(ministers, ["Aidos Temirbekov", "Narek Avetisyan"]);
    assert_eq!(hit["ministers"][1]["country"]["code"], "ARM");
    assert!(hit["path"].as_str().unwrap().ends_with("a-phrase.txt"));
    assert_eq!(hit["id"].as_str().unwrap().len(), 16);

    let snippet = &hit["snippets"][0];
    let text: Vec<char> = snippet["text"].as_str().unwrap().chars().collect();
    let [from, to] = [&snippet["highlights"][0][0], &snippet["highlights"][0][1]]
        .map(|v| v.as_u64().unwrap() as usize);
    assert_eq!(text[from..to].iter().collect::<String>(), "Avetisyan");
}

#[test]
fn share_buttons_never_appear_in_snippets() {
    let env = small_corpus();
    let json = env.search_json(&["states"]);
    let snippet = json["hits"][0]["snippets"][0]["text"].as_str().unwrap();
    assert!(snippet.contains("two states"), "{snippet}");
    assert!(!snippet.contains("Мой мир"), "{snippet}");
}

#[test]
fn country_filter_takes_names_adjectives_and_codes() {
    let env = small_corpus();
    for given in ["Russia", "russian", "RUS", "Russian Federation"] {
        assert_eq!(
            env.titles(&["", "--country", given]).len(),
            2,
            "--country {given}"
        );
    }
    let titles = env.titles(&["diplomatic", "--country", "Armenia"]);
    assert_eq!(titles, ["Kazakhstan and Armenia hold talks"]);
}

#[test]
fn unknown_country_is_an_error_with_a_suggestion() {
    let env = small_corpus();
    let output = env.run(&["search", "talks", "--country", "Rusia"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("unknown country 'Rusia'") && message.contains("Did you mean 'Russia'"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn minister_filter_is_case_insensitive_and_matches_surnames() {
    let env = small_corpus();
    let mut titles = env.titles(&["", "--minister", "lavrov"]);
    titles.sort();
    assert_eq!(
        titles,
        [
            "Consultations in Lisbon",
            "Lavrov receives Serbian counterpart"
        ]
    );
    // One person across transliterations: the corpus spells him both ways.
    let mut titles = env.titles(&["", "--minister", "Sergei Lavrov"]);
    titles.sort();
    assert_eq!(
        titles,
        [
            "Consultations in Lisbon",
            "Lavrov receives Serbian counterpart"
        ]
    );
    assert_eq!(env.titles(&["", "--minister", "SERGEY LAVROV"]).len(), 2);
    assert!(env.titles(&["", "--minister", "nobody"]).is_empty());
}

#[test]
fn date_filters_are_inclusive_at_every_precision() {
    let env = small_corpus();
    let count = |args: &[&str]| env.search_json(args)["total"].as_u64().unwrap();
    assert_eq!(
        count(&["", "--from", "2022-03-31", "--to", "2022-03-31"]),
        1
    );
    assert_eq!(count(&["", "--from", "2022-03", "--to", "2022-03"]), 2);
    assert_eq!(count(&["", "--from", "2022"]), 3);
    assert_eq!(count(&["", "--to", "2021"]), 1);
    assert_eq!(
        count(&["", "--from", "2023-09-10", "--to", "2023-09-10"]),
        1
    );
}

#[test]
fn an_impossible_date_is_an_error_that_says_which() {
    let env = small_corpus();
    let output = env.run(&["search", "talks", "--from", "2022-02-30"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("'2022-02-30' is not a valid date") && message.contains("no day 30"),
        "{message}"
    );
    let output = env.run(&["search", "talks", "--from", "2023", "--to", "2022"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn sort_by_date_is_newest_first_and_limit_holds() {
    let env = small_corpus();
    let json = env.search_json(&["", "--sort", "date", "--limit", "3"]);
    let dates: Vec<&str> = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2023-09-10T07:57:00", "2022-03-31", "2022-03-15"]);
    assert_eq!(json["total"], 4);
}

#[test]
fn exit_status_is_zero_for_hits_one_for_none_two_for_errors() {
    let env = small_corpus();
    assert_eq!(env.run(&["search", "fisheries"]).status.code(), Some(0));
    assert_eq!(env.run(&["search", "zanzibar"]).status.code(), Some(1));
    let output = env.run(&["search", "title:*"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("communique: error: invalid query 'title:*'"),
        "{}",
        stderr(&output)
    );
    // An unclosed quote is a phrase to the end of the query; an unclosed
    // group is still an error.
    let output = env.run(&["search", "title:(talks"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(
        stderr(&output).starts_with("communique: error: invalid query"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_index_says_to_run_index_first() {
    let env = TestEnv::new();
    let output = env.run(&["search", "anything"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("Run 'communique index DIR' first"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn index_flag_works_before_and_after_the_command() {
    let env = small_corpus();
    let other = env.root.join("other-index");
    let other_arg = other.to_string_lossy().to_string();
    let corpus = env.corpus.to_string_lossy().to_string();
    assert_success(&env.run(&["--index", &other_arg, "index", &corpus]));
    let output = env.run(&["search", "fisheries", "--index", &other_arg]);
    assert_success(&output);
    assert!(other.join("meta.json").exists());
}

#[test]
fn reindexing_reads_only_changes_and_never_duplicates() {
    let env = small_corpus();
    let summary = env.index();
    assert!(
        summary.contains("0 added, 0 updated, 0 removed, 4 unchanged"),
        "{summary}"
    );

    env.write(
        "c-other.txt",
        article(
            "Fisheries agreement amended",
            "September 2, 2021",
            "Norway and Iceland amended the agreement.",
        ),
    );
    std::fs::remove_file(env.corpus.join("b-apart.txt")).unwrap();
    env.write(
        "e-new.txt",
        article("New note", "2020", "A note about whaling."),
    );
    let summary = env.index();
    assert!(
        summary.contains("1 added, 1 updated, 1 removed, 2 unchanged"),
        "{summary}"
    );

    assert_eq!(env.titles(&["fisheries"]), ["Fisheries agreement amended"]);
    assert!(env.titles(&["Lisbon"]).is_empty());
    assert_eq!(env.search_json(&[""])["total"], 4);
}

#[test]
fn touching_a_file_without_changing_it_is_unchanged() {
    let env = small_corpus();
    let path = env.corpus.join("c-other.txt");
    let content = std::fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, content).unwrap();
    let summary = env.index();
    assert!(
        summary.contains("0 added, 0 updated, 0 removed, 4 unchanged"),
        "{summary}"
    );
}

#[test]
fn a_second_folder_adds_to_the_same_index_and_rebuild_starts_over() {
    let env = small_corpus();
    let second = env.root.join("second");
    std::fs::create_dir_all(&second).unwrap();
    std::fs::write(
        second.join("x.txt"),
        article("Whaling moratorium", "2020-05-05", "Whaling was discussed."),
    )
    .unwrap();
    let second_arg = second.to_string_lossy().to_string();
    assert_success(&env.run(&["index", &second_arg]));
    assert_eq!(env.search_json(&[""])["total"], 5);
    // Re-indexing the first folder leaves the second's articles alone.
    env.index();
    assert_eq!(env.search_json(&[""])["total"], 5);
    let output = env.run(&["index", "--rebuild", &second_arg]);
    assert_success(&output);
    assert_eq!(env.search_json(&[""])["total"], 1);
}

#[test]
fn bad_files_are_skipped_with_reasons_and_the_rest_indexed() {
    let env = small_corpus();
    env.write("empty.txt", "");
    env.write("blank.txt", "  \n\n ");
    env.write("binary.txt", b"\x00\x01\x02binary".as_slice());
    env.write("fake.txt", b"%PDF-1.4 stuff".as_slice());
    env.write(
        "undated.txt",
        "A note without a date\n\nThe minister spoke about whaling.\n",
    );
    let output = env.run(&["index", &env.corpus.to_string_lossy()]);
    assert_success(&output);
    let summary = stdout(&output);
    assert!(
        summary.contains("1 added, 0 updated, 0 removed, 4 unchanged, 4 skipped"),
        "{summary}"
    );
    assert!(summary.contains("empty.txt: empty file"), "{summary}");
    assert!(summary.contains("binary.txt: not text"), "{summary}");
    assert!(summary.contains("1 article has no date"), "{summary}");
    assert_eq!(env.titles(&["whaling"]), ["A note without a date"]);
}

#[test]
fn piped_output_is_plain_and_color_always_is_not() {
    let env = small_corpus();
    let plain = stdout(&env.run(&["search", "relations"]));
    assert!(!plain.contains('\u{1b}'), "{plain}");
    assert!(plain.contains("relations"));
    let coloured = stdout(&env.run(&["search", "relations", "--color", "always"]));
    assert!(coloured.contains('\u{1b}'));
    let no_color = env
        .command(&["search", "relations"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&no_color).contains('\u{1b}'));
}

#[test]
fn terminal_output_shows_rank_title_date_countries_ministers_path_and_id() {
    let env = small_corpus();
    let json = env.search_json(&["Avetisyan"]);
    let id = json["hits"][0]["id"].as_str().unwrap().to_string();
    let text = stdout(&env.run(&["search", "Avetisyan"]));
    for expected in [
        " 1. Kazakhstan and Armenia hold talks",
        "2023-09-10 07:57",
        "Kazakhstan",
        "Aidos Temirbekov",
        "a-phrase.txt",
        id.as_str(),
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

/// The index's segments: one `.store` file each.
fn segments(env: &TestEnv) -> usize {
    std::fs::read_dir(&env.index)
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|ext| ext == "store"))
        })
        .count()
}

#[test]
fn a_run_of_a_few_articles_writes_one_segment() {
    // Each tantivy indexing thread writes a segment of its own; a handful
    // of new files is written on one, and leaves one segment to search.
    let env = small_corpus();
    assert_eq!(segments(&env), 1);
    for i in 0..40 {
        env.write(
            &format!("more/{i}.txt"),
            article(
                &format!("Talks number {i}"),
                "2024-01-02",
                "The ministers met again to discuss trade.",
            ),
        );
    }
    env.index();
    assert_eq!(segments(&env), 2);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = small_corpus();
    // JSON goes through serde_json, which wraps the write error.
    for format in ["--color=never", "--json"] {
        let mut child = env
            .command(&["search", "", "--limit", "100", "--fragments", "3", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert!(stderr(&output).is_empty(), "{format}: {}", stderr(&output));
        assert_eq!(output.status.code(), Some(0), "{format}");
    }
}

#[test]
fn extract_shows_the_seed_as_the_index_stores_it() {
    let Some(shared) = shared_dir() else { return };
    let seed = shared.join("seeds/000_dcc67cf1c336d58f.txt");
    let output = TestEnv::new().run(&["extract", "--json", &seed.to_string_lossy()]);
    assert_success(&output);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["date"], "2023-09-10T07:57:00");
    let names = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("countries"), ["South Ossetia", "Russia"]);
    assert_eq!(names("ministers"), ["Akhsar Dzhioev", "Sergei Lavrov"]);
    assert_eq!(names("people"), ["Alexander Zhurov"]);
}

#[test]
fn the_sample_corpus_answers_the_readme_query() {
    let env = TestEnv::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let output = env.run(&["index", &corpus.to_string_lossy()]);
    assert_success(&output);
    let json = env.search_json(&["diplomatic relations"]);
    assert!(json["total"].as_u64().unwrap() >= 10, "{}", json["total"]);
    let hits = json["hits"].as_array().unwrap();
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(hits.iter().all(|h| !h["snippets"][0]["highlights"]
        .as_array()
        .unwrap()
        .is_empty()));
}

#[test]
fn a_surname_alone_takes_the_full_name_another_article_gives() {
    let env = TestEnv::new();
    // "a-" sorts first, so the lone surname is met before the full name.
    env.write(
        "a-call.txt",
        article(
            "Call with FM Lavrov",
            "2022-02-01",
            "FM Lavrov discussed grain exports with the Turkish side.",
        ),
    );
    env.write(
        "b-visit.txt",
        article(
            "Visit",
            "2022-02-02",
            "Minister of Foreign Affairs of Russia Sergey Lavrov arrived in Ankara.",
        ),
    );
    env.write(
        "c-talks.txt",
        article(
            "Talks",
            "2022-02-03",
            "Russian Foreign Minister Sergei Lavrov held talks.",
        ),
    );
    env.index();
    let json = env.search_json(&["", "--minister", "Sergei Lavrov", "--sort", "date"]);
    assert_eq!(json["total"], 3);
    let names: Vec<&str> = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["ministers"][0]["name"].as_str().unwrap())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| *n == names[0] && n.ends_with("Lavrov") && n.contains(' ')),
        "{names:?}"
    );
}

#[test]
fn a_surname_no_longer_takes_a_full_name_no_article_gives_any_more() {
    let env = TestEnv::new();
    let lavrov = |title: &str, day: &str, place: &str| {
        article(
            title,
            day,
            &format!("Minister of Foreign Affairs of Russia Sergey Lavrov arrived in {place}."),
        )
    };
    let visit = env.write("visit.txt", lavrov("Visit", "2022-02-02", "Ankara"));
    env.write("talks.txt", lavrov("Talks", "2022-02-03", "Baku"));
    env.index();
    // The talks now name someone else, and a call names "FM Lavrov": the
    // visit still gives his full name.
    env.write(
        "talks.txt",
        article(
            "Talks",
            "2022-02-03",
            "Minister of Foreign Affairs of Azerbaijan Jeyhun Bayramov held talks.",
        ),
    );
    let call = |title: &str| article(title, "2022-02-04", "FM Lavrov discussed grain exports.");
    env.write("call.txt", call("Call"));
    env.index();
    let minister_of = |title: &str| {
        let json = env.search_json(&[&format!("title:{title}")]);
        json["hits"][0]["ministers"][0]["name"].clone()
    };
    assert_eq!(minister_of("Call"), "Sergey Lavrov");
    // Once the visit is gone, no article gives it: the edit took back what
    // the first talks gave, and the removal what the visit gave.
    std::fs::remove_file(visit).unwrap();
    env.write("later.txt", call("Later"));
    env.index();
    assert_eq!(minister_of("Later"), "Lavrov");
}

#[test]
fn removing_a_folder_of_articles_takes_back_every_name_they_gave() {
    let env = TestEnv::new();
    // Enough articles for their names to be extracted again on all cores.
    for day in 0..80 {
        env.write(
            &format!("visits/{day:02}.txt"),
            article(
                &format!("Visit {day}"),
                "2022-02-02",
                "Minister of Foreign Affairs of Russia Sergey Lavrov arrived in Ankara.",
            ),
        );
    }
    env.index();
    std::fs::remove_dir_all(env.corpus.join("visits")).unwrap();
    env.write(
        "call.txt",
        article("Call", "2022-02-04", "FM Lavrov discussed grain exports."),
    );
    let summary = env.index();
    assert!(summary.contains("80 removed"), "{summary}");
    let json = env.search_json(&["title:Call"]);
    assert_eq!(json["hits"][0]["ministers"][0]["name"], "Lavrov");
}

/// The sample corpus, indexed once per test.
fn sample_corpus() -> TestEnv {
    let env = TestEnv::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    assert_success(&env.run(&["index", &corpus.to_string_lossy()]));
    env
}

fn total(json: &Value) -> u64 {
    json["total"].as_u64().expect("a total")
}

#[test]
fn a_short_facet_list_is_the_head_of_the_full_one() {
    let env = small_corpus();
    let full = env.search_json(&["", "--facets", "--facet-size", "1000"]);
    let countries = full["facets"]["countries"].as_array().unwrap();
    assert!(countries.len() >= 5, "{full}");
    for pair in countries.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (count_a, count_b) = (a["count"].as_u64(), b["count"].as_u64());
        assert!(
            count_a > count_b || count_a == count_b && a["value"].as_str() < b["value"].as_str(),
            "most frequent first, ties alphabetically: {a} before {b}"
        );
    }
    for size in [1, 2, 3] {
        let short = env.search_json(&["", "--facets", "--facet-size", &size.to_string()]);
        for facet in ["countries", "ministers", "people", "pairs"] {
            let head: Vec<Value> = full["facets"][facet]
                .as_array()
                .unwrap()
                .iter()
                .take(size)
                .cloned()
                .collect();
            assert_eq!(short["facets"][facet].as_array().unwrap(), &head, "{facet}");
        }
    }
}

/// Each value of `facet` counts as many articles as `query` finds with the
/// value given to each of `flags` (`--country`, or `--from` and `--to`).
fn assert_facet_counts_match_filters(env: &TestEnv, query: &str, facet: &[Value], flags: &[&str]) {
    for entry in facet {
        let value = entry["value"].as_str().unwrap();
        let mut args = vec![query];
        for flag in flags {
            args.extend([*flag, value]);
        }
        assert_eq!(
            total(&env.search_json(&args)),
            entry["count"].as_u64().unwrap(),
            "{flags:?} {value}"
        );
    }
}

#[test]
fn facet_counts_equal_the_hits_of_the_filtered_search() {
    let env = sample_corpus();
    let json = env.search_json(&["relations", "--facets"]);
    let facets = &json["facets"];
    let countries = facets["countries"].as_array().unwrap();
    assert!(countries.len() >= 5, "{facets}");
    assert_facet_counts_match_filters(&env, "relations", countries, &["--country"]);
    let years = facets["years"].as_array().unwrap();
    assert_facet_counts_match_filters(&env, "relations", years, &["--from", "--to"]);
    let ministers = facets["ministers"].as_array().unwrap();
    let some = &ministers[..ministers.len().min(3)];
    assert_facet_counts_match_filters(&env, "relations", some, &["--minister"]);
    // Counted over every match, not only the page shown.
    let page = env.search_json(&["relations", "--facets", "--limit", "1"]);
    assert_eq!(page["facets"], json["facets"]);
}

/// A filter narrows the hits and never reorders them. Filters used to be
/// scored clauses: a country or minister term added its own BM25, which
/// favoured articles naming few countries or people.
#[test]
fn filters_keep_the_scores_and_order_of_the_unfiltered_search() {
    let env = sample_corpus();
    let scores = |args: &[&str]| -> Vec<(String, f64)> {
        let mut all = vec!["relations", "--limit", "1000"];
        all.extend_from_slice(args);
        env.search_json(&all)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| {
                let path = hit["path"].as_str().unwrap().to_string();
                (path, hit["score"].as_f64().unwrap())
            })
            .collect()
    };
    let unfiltered: HashMap<String, f64> = scores(&[]).into_iter().collect();
    let facets = &env.search_json(&["relations", "--facets"])["facets"];
    let first = |name: &str| facets[name][0]["value"].as_str().unwrap().to_string();
    let year = first("years");
    let filters = [
        ("--country", first("countries")),
        ("--minister", first("ministers")),
        ("--person", first("people")),
        ("--from", year.clone()),
    ];
    for (flag, value) in &filters {
        let filtered = scores(&[flag, value.as_str()]);
        assert!(!filtered.is_empty(), "{flag} {value}");
        for (path, score) in &filtered {
            let before = unfiltered[path];
            assert!(
                (before - score).abs() < 1e-5,
                "{flag} {value} changed the score of {path}: {before} -> {score}"
            );
        }
    }
}

/// Facets of a query that matches most articles read each block of them
/// as one run and take the few that did not match back out.
#[test]
fn facets_of_a_query_matching_most_articles_leave_out_the_rest() {
    let env = sample_corpus();
    let query = "the -fiji";
    let json = env.search_json(&[query, "--facets", "--facet-size", "1000"]);
    let all = total(&env.search_json(&["the"]));
    assert!(
        total(&json) > all / 2 && total(&json) < all,
        "the query must match most articles but not all: {} of {all}",
        total(&json)
    );
    let facets = &json["facets"];
    let countries = facets["countries"].as_array().unwrap();
    assert_facet_counts_match_filters(&env, query, countries, &["--country"]);
    let ministers = facets["ministers"].as_array().unwrap();
    assert_facet_counts_match_filters(&env, query, ministers, &["--minister"]);
    assert!(
        countries.iter().all(|facet| facet["value"] != "Fiji"),
        "{facets}"
    );
}

#[test]
fn pair_counts_equal_the_hits_naming_both_countries() {
    let env = sample_corpus();
    let json = env.search_json(&["", "--facets"]);
    let pairs = json["facets"]["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for pair in pairs.iter().take(5) {
        let [a, b] =
            [&pair["countries"][0], &pair["countries"][1]].map(|v| v.as_str().unwrap().to_string());
        let both = env.search_json(&["", "--with", &a, "--with", &b]);
        assert_eq!(
            total(&both),
            pair["count"].as_u64().unwrap(),
            "{a} with {b}"
        );
    }
    let output = env.run(&["pairs", "--country", "Fiji", "--json"]);
    assert_success(&output);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    for pair in report["pairs"].as_array().unwrap() {
        assert_eq!(pair["countries"][0], "Fiji");
        let other = pair["countries"][1].as_str().unwrap();
        let both = env.search_json(&["", "--with", "Fiji", "--with", other]);
        assert_eq!(
            total(&both),
            pair["count"].as_u64().unwrap(),
            "Fiji with {other}"
        );
    }
}

#[test]
fn timeline_bars_sum_to_the_hit_count() {
    let env = sample_corpus();
    for interval in ["year", "month", "week"] {
        let json = env.search_json(&["relations", "--timeline", interval]);
        let timeline = &json["timeline"];
        let bars: u64 = timeline["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum();
        let rest = timeline["year_only"].as_u64().unwrap() + timeline["undated"].as_u64().unwrap();
        assert_eq!(bars + rest, total(&json), "{interval}: {timeline}");
    }
    let text = stdout(&env.run(&["search", "relations", "--timeline"]));
    assert!(text.contains('█') && text.contains("2023-"), "{text}");
}

#[test]
fn similar_finds_the_other_version_of_a_joint_statement() {
    let env = sample_corpus();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let indonesian = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("29-"))
        .unwrap();
    let output = env.run(&["similar", &indonesian.to_string_lossy(), "--json"]);
    assert_success(&output);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = json["hits"][0]["path"].as_str().unwrap();
    assert!(
        first.contains("/30-"),
        "the Vietnamese version should come first, got {first}"
    );
    assert!(json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| !h["path"].as_str().unwrap().contains("/29-")));
    // Any article sharing a word is counted: the header must not call
    // them matches.
    let id = json["similar_to"].as_str().unwrap();
    let header = stdout(&env.run(&["similar", id, "--color", "never"]));
    let header = header.lines().next().unwrap();
    assert!(
        header.contains(&format!("share words with {id}; the most similar, 1-")),
        "{header}"
    );
    assert!(!header.contains("match"), "{header}");
}

#[test]
fn show_prints_the_whole_article_by_id_or_path() {
    let env = small_corpus();
    let json = env.search_json(&["Avetisyan"]);
    let id = json["hits"][0]["id"].as_str().unwrap().to_string();
    let path = json["hits"][0]["path"].as_str().unwrap().to_string();
    let by_id = stdout(&env.run(&["show", &id, "--color", "never"]));
    assert!(
        by_id.contains("Kazakhstan and Armenia hold talks"),
        "{by_id}"
    );
    assert!(
        by_id.contains(PHRASE) && by_id.contains("Aidos Temirbekov"),
        "{by_id}"
    );
    let output = env.run(&["show", &path, "--query", "states", "--json"]);
    assert_success(&output);
    let shown: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(shown["id"], id.as_str());
    let body: Vec<char> = shown["body"].as_str().unwrap().chars().collect();
    let [from, to] = [
        &shown["body_highlights"][0][0],
        &shown["body_highlights"][0][1],
    ]
    .map(|v| v.as_u64().unwrap() as usize);
    assert_eq!(body[from..to].iter().collect::<String>(), "states");
    let missing = env.run(&["show", "0000000000000000"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no article with id or path"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn stats_count_the_index() {
    let env = sample_corpus();
    let output = env.run(&["stats", "--json"]);
    assert_success(&output);
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["articles"], 36);
    assert_eq!(stats["without_date"], 1);
    let per_year: u64 = stats["per_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["count"].as_u64().unwrap())
        .sum();
    assert_eq!(per_year, 35);
    assert_eq!(stats["folders"][0]["count"], 36);
    assert!(stats["size_bytes"].as_u64().unwrap() > 10_000);
}

#[test]
fn paging_and_piping_formats() {
    let env = sample_corpus();
    let first = env.search_json(&["relations", "--limit", "3"]);
    let second = env.search_json(&["relations", "--limit", "3", "--offset", "3"]);
    assert_eq!(second["hits"][0]["rank"], 4);
    let ids = |json: &Value| -> Vec<String> {
        json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(&first).iter().all(|id| !ids(&second).contains(id)));
    let listed = stdout(&env.run(&["search", "relations", "--limit", "3", "--format", "ids"]));
    assert_eq!(listed.lines().collect::<Vec<_>>(), ids(&first));
    let paths = stdout(&env.run(&["search", "relations", "--limit", "3", "--format", "paths"]));
    assert!(
        paths.lines().count() == 3 && paths.lines().all(|p| std::path::Path::new(p).exists()),
        "{paths}"
    );
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = env.run(&["completions", shell]);
        assert_success(&output);
        let script = stdout(&output);
        assert!(
            script.contains("similar") && script.contains("timeline"),
            "{shell}"
        );
    }
    let man = stdout(&env.run(&["man"]));
    assert!(man.contains(".TH") && man.contains("communique"), "{man}");
}

/// Index ../shared/corpora once and check the analyst workflows on it.
/// Two runs over the same folder once gave slightly different people
/// ("Joe Biden" 3,546 or 3,551 times): names were learned in the order the
/// extraction threads finished. They are now learned in file order.
#[test]
fn the_same_corpus_always_gives_the_same_names_and_facets() {
    let Some(shared) = shared_dir() else { return };
    let env = TestEnv::new();
    let corpus = shared.join("corpora/us-whitehouse-briefing-room-2021-2026");
    let corpus = corpus.to_string_lossy();
    let facets = |index: &str| {
        let output = env.run(&["--index", index, "index", &corpus]);
        assert_success(&output);
        let output = env.run(&[
            "--index",
            index,
            "search",
            "",
            "--facets",
            "--facet-size",
            "100000",
            "--limit",
            "0",
            "--json",
        ]);
        assert_success(&output);
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        json["facets"].clone()
    };
    let first = facets("first");
    assert!(first["people"].as_array().unwrap().len() > 100);
    assert_eq!(first, facets("second"));
}

#[test]
fn analyst_workflows_on_the_real_corpora() {
    let Some(shared) = shared_dir() else { return };
    let env = TestEnv::new();
    let corpora = shared.join("corpora");
    let output = env.run(&["index", &corpora.to_string_lossy()]);
    assert_success(&output);
    assert!(
        stdout(&output).contains("17451 added"),
        "{}",
        stdout(&output)
    );

    // Facet counts equal the filtered hit counts.
    let json = env.search_json(&["diplomatic relations", "--facets", "--timeline", "year"]);
    for facet in json["facets"]["countries"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
    {
        let value = facet["value"].as_str().unwrap();
        let filtered =
            env.search_json(&["diplomatic relations", "--country", value, "--limit", "0"]);
        assert_eq!(
            total(&filtered),
            facet["count"].as_u64().unwrap(),
            "country {value}"
        );
    }
    let timeline = &json["timeline"];
    let bars: u64 = timeline["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(bars + timeline["undated"].as_u64().unwrap(), total(&json));

    // Lavrov in the first quarter of 2022: in range, and Russia named.
    let json = env.search_json(&[
        "lavrov",
        "--from",
        "2022-01-01",
        "--to",
        "2022-03-31",
        "--limit",
        "100",
    ]);
    let hits = json["hits"].as_array().unwrap();
    assert!(hits.len() > 5, "{}", json["total"]);
    for hit in hits {
        let date = hit["date"].as_str().unwrap();
        assert!(
            ("2022-01-01".."2022-04-01").contains(&&date[..10]),
            "{date}"
        );
        assert!(
            hit["countries"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["code"] == "RUS"),
            "{}",
            hit["title"]
        );
    }

    // Who with whom: a pair's count is the hits naming both.
    let output = env.run(&["pairs", "--country", "Ukraine", "--json", "-n", "3"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    for pair in report["pairs"].as_array().unwrap() {
        let other = pair["countries"][1].as_str().unwrap();
        let both = env.search_json(&["", "--with", "Ukraine", "--with", other, "--limit", "0"]);
        assert_eq!(
            total(&both),
            pair["count"].as_u64().unwrap(),
            "Ukraine with {other}"
        );
    }

    // The White House published the Biden-Herzog remarks twice, a day apart.
    let first = corpora.join("us-whitehouse-briefing-room-2021-2026/speeches-remarks/2023-07/2023-07-18-remarks-by-president-biden-and-president-isaac-herzog-of-the-state-of-israel-before-bilateral-meeting.txt");
    let output = env.run(&["similar", &first.to_string_lossy(), "--json", "-n", "3"]);
    assert_success(&output);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let twin = json["hits"][0]["path"].as_str().unwrap();
    assert!(twin.ends_with("2023-07-19-remarks-by-president-biden-and-president-isaac-herzog-of-the-state-of-israel-before-bilateral-meeting.txt"), "{twin}");

    let output = env.run(&["stats", "--json"]);
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["articles"], 17451);
    assert_eq!(stats["without_date"], 0);
}

#[test]
fn ambiguous_numeric_dates_take_their_folders_order() {
    let env = TestEnv::new();
    // Europe proves day-first (25/09), America month-first (09/25).
    env.write("europe/a.txt", article("Proof", "25/09/2023", "Day first."));
    env.write(
        "europe/b.txt",
        article("Europe note", "05/09/2023", "Which month?"),
    );
    env.write(
        "america/a.txt",
        article("Proof", "09/25/2023", "Month first."),
    );
    env.write(
        "america/b.txt",
        article("America note", "05/09/2023", "Which month?"),
    );
    env.write(
        "alone/b.txt",
        article("Lone note", "05/09/2023", "Which month?"),
    );
    let summary = env.index();
    assert!(
        summary.contains("2 by other dates in the same folder, 1 read day-first by default"),
        "{summary}"
    );
    let date_of = |title: &str| -> String {
        let json = env.search_json(&[&format!("title:\"{title}\"")]);
        json["hits"][0]["date"].as_str().unwrap().to_string()
    };
    assert_eq!(date_of("Europe note"), "2023-09-05");
    assert_eq!(date_of("America note"), "2023-05-09");
    assert_eq!(date_of("Lone note"), "2023-09-05");
}

#[test]
fn extract_prints_without_touching_the_index() {
    let env = TestEnv::new();
    let path = env.write(
        "x.txt",
        article("Call", "Sept. 12, 2022", "Foreign Minister of Jordan Ayman Safadi spoke with Egyptian Foreign Minister Sameh Shoukry."),
    );
    let output = env.run(&["extract", &path.to_string_lossy()]);
    assert_success(&output);
    let text = stdout(&output);
    for expected in [
        "2022-09-12",
        "Jordan (JOR)",
        "Egypt (EGY)",
        "Ayman Safadi (Foreign Minister, Jordan)",
        "Sameh Shoukry (Foreign Minister, Egypt)",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(!env.index.exists(), "extract must not create an index");
}

#[test]
fn person_filter_finds_officials_who_are_not_ministers() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        article(
            "Credentials",
            "2023-04-04",
            "President of Kazakhstan Kassym Tokayev received the credentials of Ambassador Maria Lopes.",
        ),
    );
    env.write(
        "b.txt",
        article(
            "Other",
            "2023-04-05",
            "Foreign Minister Aidos Temirbekov spoke.",
        ),
    );
    env.index();
    assert_eq!(env.titles(&["", "--person", "tokayev"]), ["Credentials"]);
    assert_eq!(
        env.titles(&["", "--person", "Maria Lopes"]),
        ["Credentials"]
    );
    assert!(env.titles(&["", "--person", "Temirbekov"]).is_empty());
    let json = env.search_json(&["", "--person", "tokayev"]);
    let person = &json["hits"][0]["people"][0];
    assert_eq!(person["post"], "President");
    assert_eq!(person["country"]["code"], "KAZ");
}

#[test]
fn a_short_given_name_and_the_full_one_are_one_person() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        article(
            "Call",
            "2023-04-04",
            "President Joe Biden spoke with President Kassym Tokayev.",
        ),
    );
    env.write(
        "b.txt",
        article(
            "Visit",
            "2023-04-05",
            "President Joseph R. Biden received President Kassym Tokayev.",
        ),
    );
    env.index();
    for name in ["Joe Biden", "Joseph Biden", "joseph r biden"] {
        let mut titles = env.titles(&["", "--person", name]);
        titles.sort();
        assert_eq!(titles, ["Call", "Visit"], "--person {name:?}");
    }
    let json = env.search_json(&["", "--facets"]);
    let people: Vec<&str> = json["facets"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_str().unwrap())
        .collect();
    assert_eq!(people.iter().filter(|p| p.contains("Biden")).count(), 1);
}

#[test]
fn a_run_killed_between_marker_and_first_commit_is_completed_by_the_next() {
    let env = small_corpus();
    // What a kill right after creating the folder leaves: our marker alone.
    std::fs::remove_dir_all(&env.index).unwrap();
    std::fs::create_dir_all(&env.index).unwrap();
    std::fs::write(
        env.index.join("communique.json"),
        r#"{"format": 5, "writer": "communique test"}"#,
    )
    .unwrap();
    let output = env.run(&["search", "talks"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("Run 'communique index DIR' first"),
        "{}",
        stderr(&output)
    );
    let summary = env.index();
    assert!(summary.contains("4 added"), "{summary}");
    assert_eq!(env.search_json(&[""])["total"], 4);
}

/// Found by the query fuzzer: an excluded word that tokenizes into a phrase
/// ("-a\u{13}\u{6}la") trips a debug assertion inside tantivy's phrase
/// scorer. Whatever tantivy does, the user gets a result or one error line.
/// The query fuzzer's first crash: the excluded word tokenizes into a
/// phrase, and tantivy's phrase scorer asserted on a state its own
/// `seek_danger` allows. Excluded clauses are now always skipped through
/// with `seek`.
#[test]
fn fuzz_query_crash_excluded_phrase_is_an_ordinary_search() {
    let env = small_corpus();
    let output = env.run(&["search", "a -a\u{13}\u{6}la "]);
    let err = stderr(&output);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{:?} {err}",
        output.status
    );
    assert!(err.is_empty(), "{err}");
}

/// The query fuzzer's second crash: a date bound past 2262 overflowed
/// tantivy's nanosecond timestamps, and in a release build `--from 2300`
/// matched every article.
#[test]
fn fuzz_query_crash_date_bounds_beyond_2262_keep_their_order() {
    let env = small_corpus();
    assert_eq!(env.titles(&["", "--to", "2700"]).len(), 4);
    assert_eq!(env.titles(&["", "--from", "1000"]).len(), 4);
    let output = env.run(&["search", "", "--from", "2300"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let output = env.run(&["search", "", "--from", "1000", "--to", "1600"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
}

#[test]
fn an_excluded_phrase_removes_only_articles_with_the_phrase() {
    let env = small_corpus();
    let titles = env.titles(&["diplomatic -\"diplomatic relations\""]);
    assert_eq!(titles, vec!["Consultations in Lisbon"]);
    let titles = env.titles(&["relations -diplomatic"]);
    assert!(titles.is_empty(), "{titles:?}");
}

#[test]
fn pasted_typographic_quotes_and_an_unclosed_quote_search_a_phrase() {
    // b-apart.txt has both words apart: only a phrase leaves it out.
    let env = small_corpus();
    let words = total(&env.search_json(&["diplomatic relations"]));
    let phrase = total(&env.search_json(&["\"diplomatic relations\""]));
    assert!(phrase < words, "{phrase} < {words}");
    for pasted in [
        "“diplomatic relations”",
        "«diplomatic relations»",
        "\"diplomatic relations",
    ] {
        assert_eq!(total(&env.search_json(&[pasted])), phrase, "{pasted}");
    }
}

#[test]
fn a_name_typed_without_its_accents_finds_and_marks_it() {
    let env = TestEnv::new();
    env.write(
        "mexico.txt",
        article(
            "Call with President López Obrador",
            "2023-05-02",
            "The ministers of Côte d’Ivoire and Mexico welcomed President López Obrador's plan.",
        ),
    );
    env.index();
    for query in ["lopez obrador", "López Obrador", "\"cote d ivoire\""] {
        let json = env.search_json(&[query]);
        assert_eq!(total(&json), 1, "{query}");
        let snippet = &json["hits"][0]["snippets"][0];
        let text: Vec<char> = snippet["text"].as_str().unwrap().chars().collect();
        let marked: Vec<String> = snippet["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let (from, to) = (h[0].as_u64().unwrap(), h[1].as_u64().unwrap());
                text[from as usize..to as usize].iter().collect()
            })
            .collect();
        assert!(
            marked.iter().any(|m| m == "López" || m == "Côte"),
            "{query}: {marked:?}"
        );
    }
}

#[test]
fn a_minister_filter_finds_the_name_with_or_without_its_accents() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        article(
            "Talks in Ankara",
            "2022-03-01",
            "Turkish Foreign Minister Mevlüt Çavuşoğlu received his guests.",
        ),
    );
    env.write(
        "b.txt",
        article(
            "Talks in Antalya",
            "2022-03-10",
            "Turkish Foreign Minister Mevlut Cavusoglu opened the forum.",
        ),
    );
    env.index();
    for name in ["cavusoglu", "Çavuşoğlu", "Mevlut Cavusoglu"] {
        let json = env.search_json(&["", "--minister", name]);
        assert_eq!(total(&json), 2, "--minister {name}");
    }
}

#[test]
fn tied_hits_come_in_the_same_order_whatever_order_the_articles_were_indexed_in() {
    // Every article gives "trade" the same score and has the same date, so
    // both orders are all ties. Two indexes read the same two folders in
    // opposite orders, which gives the articles different document ids.
    let env = TestEnv::new();
    for side in ["east", "west"] {
        for n in 0..30 {
            env.write(
                &format!("{side}/{n:02}.txt"),
                article(
                    &format!("Talks {side} {n}"),
                    "2023-05-04",
                    "Trade talks were held.",
                ),
            );
        }
    }
    let folder = |side: &str| env.corpus.join(side).to_string_lossy().to_string();
    let other_index = env.root.join("other-index").to_string_lossy().to_string();
    for side in ["east", "west"] {
        assert_success(&env.run(&["index", &folder(side)]));
    }
    for side in ["west", "east"] {
        assert_success(&env.run(&["--index", &other_index, "index", &folder(side)]));
    }
    let scores: Vec<f64> = env.search_json(&["trade", "--limit", "60"])["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores.len(), 60);
    assert!(scores.iter().all(|s| *s == scores[0]), "{scores:?}");
    // A page of all the matches, and pages that cut through the ties.
    let pages: [&[&str]; 3] = [
        &["--limit", "60"],
        &["--limit", "10"],
        &["--limit", "10", "--offset", "25"],
    ];
    for order in [&["trade"][..], &["trade", "--sort", "date"][..]] {
        for page in pages {
            let paths = |index: Option<&str>| {
                let mut args: Vec<&str> = index.map_or(vec![], |dir| vec!["--index", dir]);
                args.extend(["search", "--format", "paths"]);
                args.extend(order.iter().chain(page));
                stdout(&env.run(&args))
            };
            let first = paths(None);
            assert!(first.lines().count() >= 10, "{first}");
            assert_eq!(first, paths(Some(&other_index)), "{order:?} {page:?}");
        }
    }
}
