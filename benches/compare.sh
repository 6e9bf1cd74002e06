#!/usr/bin/env bash
# benches/compare.sh -- communique against the engines a user would pick
# instead (issue 6), on the same folders, in one run on this machine:
# SQLite FTS5 (sqlite3 CLI, porter tokenizer, bm25, snippet), Xapian
# (omindex + quest), Recoll (recollindex + recollq) and ripgrep (rg -l -i, the
# brute-force baseline). Prints one markdown section per corpus size and
# writes BENCHMARKS.md (tables, machine, the command that regenerates them).
#
#   benches/compare.sh [--sizes "1k 17k 100k"] [--work DIR] [--runs N]
#                      [--peers "sqlite xapian recoll ripgrep"]
#                      [--slow-peer-limit DOCS] [--no-install] [--out FILE]
#
# Sizes: Nk / Nm generated articles (examples/gen_corpus.rs, seed $SEED,
# default 1), 17k = the real corpora of ../shared/corpora (.txt files
# only, hard-linked into the work dir), and 17kxN = those N times over, in N
# folders (real articles, which are longer than the generated ones, at a
# larger size). Default "1k 17k 100k"; 1m and 17kxN are opt-in (long). Environment variables SIZES, BENCH_WORK, RUNS, PEERS,
# SLOW_PEER_LIMIT, SEED and SHARED_CORPORA set the same things;
# BUILD_REPEATS (5) and REPEAT_BELOW_DOCS (5000): builds and re-indexes of
# corpora up to that many articles are timed that many times (median).
#
# Xapian's omindex and Recoll index at roughly 100 articles/s here, so by
# default they are skipped above 20,000 articles (--slow-peer-limit 0 runs
# them at every size).
#
# Idempotent: generated corpora are kept in the work dir (default
# /tmp/communique-bench) and reused when their size and seed match; every
# index is rebuilt from nothing on every run. Nothing here runs in CI or in
# `cargo test`.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND_LINE="benches/compare.sh${*:+ $*}"
SIZES="${SIZES:-1k 17k 100k}"
WORK="${BENCH_WORK:-/tmp/communique-bench}"
RUNS="${RUNS:-20}"
RG_RUNS="${RG_RUNS:-3}"
# Query runs are taken in this many rounds that take turns between tools.
ROUNDS="${ROUNDS:-4}"
PEERS="${PEERS:-sqlite xapian recoll ripgrep}"
SLOW_PEER_LIMIT="${SLOW_PEER_LIMIT:-20000}"
SEED="${SEED:-1}"
# Builds and re-indexes of corpora up to REPEAT_BELOW_DOCS articles are
# timed BUILD_REPEATS times; the tables show the median.
BUILD_REPEATS="${BUILD_REPEATS:-5}"
REPEAT_BELOW_DOCS="${REPEAT_BELOW_DOCS:-5000}"
SHARED_CORPORA="${SHARED_CORPORA:-$REPO/../shared/corpora}"
OUT="$REPO/BENCHMARKS.md"
INSTALL=1

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --peers) PEERS="$2"; shift 2 ;;
        --slow-peer-limit) SLOW_PEER_LIMIT="$2"; shift 2 ;;
        --no-install) INSTALL=0; shift ;;
        --out) OUT="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

NOTES=()
note() { NOTES+=("$*"); echo "note: $*" >&2; }
say() { echo "== $*" >&2; }
has() { command -v "$1" >/dev/null 2>&1; }
wants() { [[ " $PEERS " == *" $1 "* ]]; }

# ------------------------------------------------------------------ peers

install_peers() {
    # command -> Debian package
    local -a wanted=(sqlite3:sqlite3 omindex:xapian-omega quest:xapian-tools
        recollindex:recollcmd rg:ripgrep hyperfine:hyperfine jq:jq /usr/bin/time:time)
    local missing=() pair
    for pair in "${wanted[@]}"; do
        has "${pair%%:*}" || missing+=("${pair#*:}")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$INSTALL" = 0 ] || ! has apt-get; then
        note "not installed and not installing: ${missing[*]}"
        return 0
    fi
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    say "installing ${missing[*]}"
    $sudo apt-get update -qq >&2 || note "apt-get update failed"
    local package available=()
    for package in "${missing[@]}"; do
        if apt-cache show "$package" >/dev/null 2>&1; then
            available+=("$package")
        else
            note "Debian package $package is not available here: skipped"
        fi
    done
    if [ ${#available[@]} -gt 0 ]; then
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${available[@]}" >&2 \
            || note "apt-get install ${available[*]} failed"
    fi
}

check_peers() {
    for tool in hyperfine jq /usr/bin/time; do
        has "$tool" || { echo "compare.sh: $tool is required" >&2; exit 2; }
    done
    local -A needs=([sqlite]="sqlite3" [xapian]="omindex quest" [recoll]="recollindex recollq" [ripgrep]="rg")
    local peer cmd kept=""
    for peer in $PEERS; do
        local ok=1
        for cmd in ${needs[$peer]:-}; do has "$cmd" || ok=0; done
        if [ -z "${needs[$peer]:-}" ]; then
            note "unknown peer $peer: skipped"
        elif [ $ok = 1 ]; then
            kept="$kept $peer"
        else
            note "$peer: ${needs[$peer]} not found, skipped"
        fi
    done
    PEERS="${kept# }"
    if wants sqlite && ! sqlite3 :memory: "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='porter'); SELECT 1 FROM fsdir('.') LIMIT 1;" >/dev/null 2>&1; then
        note "sqlite3 lacks fts5 or fsdir(): SQLite skipped"
        PEERS="${PEERS/sqlite/}"
    fi
}

# ------------------------------------------------------------------ helpers

# "1k" -> 1000, "100k" -> 100000, "1m" -> 1000000
size_docs() {
    local s="${1,,}"
    case "$s" in
        *k) echo $(( ${s%k} * 1000 )) ;;
        *m) echo $(( ${s%m} * 1000000 )) ;;
        *[!0-9]*|"") echo 0 ;;
        *) echo "$s" ;;
    esac
}

# Runs a command under /usr/bin/time; sets WALL (s) and RSS (KB). The
# command's output goes to $LOG. The wall time is bash's microsecond clock
# around the command, not /usr/bin/time's %e, which counts in hundredths:
# a re-index of 8 ms read as 0.01 s.
timed() {
    local t start
    t="$(mktemp)"
    start="$EPOCHREALTIME"
    if ! /usr/bin/time -f '%M' -o "$t" "$@" >"$LOG" 2>&1; then
        echo "compare.sh: failed: $* (see $LOG)" >&2
        tail -5 "$LOG" >&2 || true
        # In the notes too: a failed build is a "–" in its table, which
        # reads like a skipped peer (a full disk did that to FTS5 at 1M).
        local what="$*"
        what="${what#nice -n 10 }"
        note "$SIZE: failed, so not in the tables: ${what:0:70}... ($(tail -1 "$LOG" 2>/dev/null | cut -c1-100))"
        WALL=""; RSS=""
        rm -f "$t"
        return 1
    fi
    WALL="$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }')"
    read -r RSS < <(tail -1 "$t")
    rm -f "$t"
}

# How many times each build and re-index is timed: on this VM a run of a
# fraction of a second varies by tens of percent from one run to the next,
# so a small corpus takes the median of several; a large one, one run.
repeats() {
    if [ "$DOCS" -le "$REPEAT_BELOW_DOCS" ]; then echo "$BUILD_REPEATS"; else echo 1; fi
}

median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed_median RESET CMD...: `eval RESET` (start from nothing; empty for a
# re-index), then CMD under `timed`, repeats() times. WALL is the median,
# RSS the largest; $LOG holds the last run's output.
timed_median() {
    local reset="$1" r walls=() peak=0
    shift
    for ((r = 0; r < $(repeats); r++)); do
        [ -z "$reset" ] || eval "$reset"
        timed "$@" || return 1
        walls+=("$WALL")
        [ "${RSS:-0}" -le "$peak" ] || peak="$RSS"
    done
    WALL="$(median "${walls[@]}")"
    RSS="$peak"
}

# reindex_median CMD...: an unchanged re-index, timed by hyperfine -N:
# nothing between it and the command. Under `nice` and `/usr/bin/time`, as
# builds are, two more processes start each time: about 1.5 ms here, a
# fifth of a 1k re-index, for every tool alike. One run under `timed` first
# leaves the command's output in $LOG and checks that it succeeds; then
# repeats() runs, and WALL is their median.
reindex_median() {
    timed "$@" || return 1
    local json cmd=""
    json="$(mktemp)"
    printf -v cmd '%q ' "$@"
    if ! hyperfine -N --runs "$(repeats)" --export-json "$json" "$cmd" >/dev/null 2>&1; then
        echo "compare.sh: hyperfine failed: $cmd" >&2
        note "$SIZE: re-index failed under hyperfine: ${cmd:0:70}..."
        rm -f "$json"
        WALL=""
        return 1
    fi
    WALL="$(jq -r '.results[0].median' "$json")"
    rm -f "$json"
}

# Empty for a folder that is not there (yet): under pipefail a failing du
# would end the script.
dir_bytes() { { du -sb "$1" 2>/dev/null || true; } | cut -f1; }

warm_cache() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }

# Formats a number for a table: 3 significant-ish digits, "–" when empty.
num() {
    awk -v x="${1:-}" 'BEGIN {
        if (x == "") { print "–"; exit }
        a = x < 0 ? -x : x
        if (a >= 100) printf "%.0f", x; else if (a >= 10) printf "%.1f", x; else if (a >= 1) printf "%.2f", x; else printf "%.3f", x
    }'
}
div() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print ""; else printf "%.6f", a / b }'; }
mul() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "") print ""; else printf "%.6f", a * b }'; }
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# ------------------------------------------------------------------ corpora

link_real_corpora() { # the .txt files of ../shared/corpora, hard-linked into $WORK/corpus-17k
    local corpus="$WORK/corpus-17k"
    if [ ! -d "$SHARED_CORPORA" ]; then
        note "$SIZE: $SHARED_CORPORA not found, size skipped"
        return 1
    fi
    if [ ! -f "$corpus.ok" ]; then
        say "17k: linking the .txt files of $SHARED_CORPORA"
        rm -rf "$corpus"
        mkdir -p "$corpus"
        cp -al "$SHARED_CORPORA/." "$corpus/" 2>/dev/null || cp -a "$SHARED_CORPORA/." "$corpus/"
        find "$corpus" -type f ! -name '*.txt' -delete
        touch "$corpus.ok"
    fi
}

prepare_corpus() { # size -> sets CORPUS, DOCS, BYTES, ORIGIN
    local size="$1"
    if [ "$size" = 17k ]; then
        link_real_corpora || return 1
        CORPUS="$WORK/corpus-17k"
        ORIGIN="the real corpora of \`../shared/corpora\` (State Department, White House, UN General Debate; \`.txt\` files only)"
    elif [[ "$size" =~ ^17kx([0-9]+)$ ]]; then
        local copies="${BASH_REMATCH[1]}"
        link_real_corpora || return 1
        CORPUS="$WORK/corpus-$size"
        if [ "$(cat "$CORPUS.ok" 2>/dev/null)" != "$copies" ]; then
            say "$size: linking the real corpora $copies times"
            rm -rf "$CORPUS" "$CORPUS.ok"
            mkdir -p "$CORPUS"
            for i in $(seq 1 "$copies"); do
                cp -al "$WORK/corpus-17k" "$CORPUS/copy$i" 2>/dev/null || cp -a "$WORK/corpus-17k" "$CORPUS/copy$i"
            done
            echo "$copies" >"$CORPUS.ok"
        fi
        ORIGIN="the real corpora of \`../shared/corpora\` in $copies folders, one copy each (hard links): real articles, 8.9 KB on average against the generated ones' 2.5 KB, at the size of a larger collection; every copy is an article of its own to every tool"
    else
        local docs
        docs="$(size_docs "$size")"
        if [ "$docs" -le 0 ]; then
            note "size $size not understood: skipped"
            return 1
        fi
        CORPUS="$WORK/corpus-$size"
        if [ "$(cat "$CORPUS.ok" 2>/dev/null)" != "$docs $SEED" ]; then
            say "$size: generating $docs articles (seed $SEED)"
            rm -rf "$CORPUS" "$CORPUS.ok"
            nice -n 10 "$GEN" --docs "$docs" --out "$CORPUS" --seed "$SEED" >&2
            # Peers would index the ground truth too: keep it beside the folder.
            mv "$CORPUS/truth.jsonl" "$WORK/truth-$size.jsonl"
            echo "$docs $SEED" >"$CORPUS.ok"
        fi
        ORIGIN="generated: \`cargo run --release --example gen_corpus -- --docs $docs --seed $SEED\`"
    fi
    DOCS="$(find "$CORPUS" -type f -name '*.txt' | wc -l)"
    BYTES="$(find "$CORPUS" -type f -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f\n", s }')"
}

# Says, before the first build of a size, when the disk under $WORK cannot
# hold its indexes: a full disk otherwise shows up as a peer's build failing
# minutes into a long run. Index size / corpus size in run 2 of BENCHMARKS.md
# was at most 0.8 (communique), 2.0 (FTS5), 3.1 (Xapian) and 4.3 (Recoll);
# in tenths, with room for merges and journals.
check_space() {
    local tenths=12 peer avail reclaim needed
    [[ "$BYTES" =~ ^[0-9]+$ ]] || return 0
    declare -A share=([sqlite]=22 [xapian]=34 [recoll]=46)
    for peer in sqlite xapian recoll; do
        wants "$peer" || continue
        if [ "$peer" != sqlite ] && [ "$SLOW_PEER_LIMIT" -gt 0 ] && [ "$DOCS" -gt "$SLOW_PEER_LIMIT" ]; then
            continue
        fi
        tenths=$((tenths + share[$peer]))
    done
    avail="$(df -B1 --output=avail "$WORK" | tail -n 1 | tr -d ' ')"
    reclaim="$(dir_bytes "$WORK/idx-$SIZE")"
    needed=$((BYTES * tenths / 10))
    if [ $((avail + ${reclaim:-0})) -lt "$needed" ]; then
        note "$SIZE: $((avail / 1000000)) MB free under $WORK, but the indexes of this size need about $((needed / 1000000)) MB: a build may fail. Free some space, or give another folder with --work."
    fi
}

# ------------------------------------------------------------------ index builds

declare -A M # "tool.metric" -> value

record_build() { # tool
    M[$1.build]="$WALL"; M[$1.rss]="$RSS"
}

build_communique() {
    local idx="$WORK/idx-$SIZE/communique"
    rm -rf "$idx"
    warm_cache "$CORPUS"
    say "$SIZE: communique index"
    if timed_median "rm -rf $(printf %q "$idx")" nice -n 10 "$CQ" --index "$idx" index "$CORPUS" --json; then
        record_build communique
        M[communique.ready]=1
        M[communique.size]="$(dir_bytes "$idx")"
        local added skipped
        added="$(jq -r '.added' "$LOG" 2>/dev/null || echo '?')"
        skipped="$(jq -r '.skipped | length' "$LOG" 2>/dev/null || echo '?')"
        [ "$added" = "$DOCS" ] || note "$SIZE: communique added $added of $DOCS files ($skipped skipped)"
        say "$SIZE: communique re-index (unchanged)"
        reindex_median "$CQ" --index "$idx" index "$CORPUS" --json && {
            M[communique.reindex]="$WALL"
            local unchanged
            unchanged="$(jq -r '.unchanged' "$LOG" 2>/dev/null || echo '?')"
            [ "$unchanged" = "$added" ] || note "$SIZE: communique re-index found $unchanged of $added unchanged"
        }
    fi
    CQ_INDEX="$idx"
}

build_sqlite() {
    local db="$WORK/idx-$SIZE/fts5.db"
    rm -f "$db" "$db-journal" "$db-wal"
    warm_cache "$CORPUS"
    say "$SIZE: SQLite FTS5 index"
    local sql="CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, tokenize='porter unicode61');
INSERT INTO docs(path, title, body)
  SELECT name, substr(CAST(data AS TEXT), 1, instr(CAST(data AS TEXT), char(10)) - 1), CAST(data AS TEXT)
  FROM fsdir('$CORPUS') WHERE name LIKE '%.txt';"
    if timed_median "rm -f $(printf %q "$db")" nice -n 10 sqlite3 "$db" "$sql"; then
        record_build sqlite
        M[sqlite.ready]=1
        M[sqlite.size]="$(dir_bytes "$db")"
    fi
    SQLITE_DB="$db"
}

build_xapian() {
    local db="$WORK/idx-$SIZE/xapian"
    rm -rf "$db"
    warm_cache "$CORPUS"
    say "$SIZE: Xapian omindex"
    if timed_median "rm -rf $(printf %q "$db")" nice -n 10 omindex --db "$db" --url / "$CORPUS"; then
        record_build xapian
        M[xapian.ready]=1
        M[xapian.size]="$(dir_bytes "$db")"
        say "$SIZE: Xapian omindex re-run (unchanged)"
        reindex_median omindex --db "$db" --url / "$CORPUS" && M[xapian.reindex]="$WALL"
    fi
    XAPIAN_DB="$db"
}

build_recoll() {
    local conf="$WORK/idx-$SIZE/recoll"
    rm -rf "$conf"
    mkdir -p "$conf"
    cat >"$conf/recoll.conf" <<EOF
topdirs = $CORPUS
dbdir = $conf/xapiandb
indexStemmingLanguages = english
noaspell = 1
loglevel = 1
EOF
    warm_cache "$CORPUS"
    say "$SIZE: Recoll recollindex"
    if timed_median "find $(printf %q "$conf") -mindepth 1 ! -name recoll.conf -exec rm -rf {} +" nice -n 10 recollindex -c "$conf"; then
        record_build recoll
        M[recoll.ready]=1
        M[recoll.size]="$(dir_bytes "$conf/xapiandb")"
        say "$SIZE: Recoll recollindex re-run (unchanged)"
        reindex_median recollindex -c "$conf" && M[recoll.reindex]="$WALL"
    fi
    RECOLL_CONF="$conf"
}

# ------------------------------------------------------------------ queries

# Each query: label|communique arguments (bash words)|text for the peers
# (words, AND; a quoted phrase stays a phrase)|kind. Kinds: text = every
# peer runs it; approx = the peers run the text (the country as a word, not
# an extracted field); cq = communique only (date filters, facets, timeline).
QUERIES=(
    'words: diplomatic relations|"diplomatic relations"|diplomatic relations|text'
    'words: climate change|"climate change"|climate change|text'
    'words: humanitarian ceasefire|"humanitarian ceasefire"|humanitarian ceasefire|text'
    'phrase: "security council"|"\"security council\""|"security council"|text'
    'filter: cooperation --country Japan|cooperation --country Japan|cooperation Japan|approx'
    'filter: cooperation --from 2021-01 --to 2021-12|cooperation --from 2021-01 --to 2021-12||cq'
    'facets: cooperation --facets|cooperation --facets||cq:--facets'
    'facets: all articles --facets|"" --facets||cq:--facets'
    'timeline: cooperation --timeline|cooperation --timeline||cq:--timeline'
    'timeline: all articles --timeline|"" --timeline||cq:--timeline'
)

# hyperfine one command into a JSON file; false if hyperfine failed. A
# command without a pipe runs without a shell (-N), so that small times
# are not the difference of two noisy ones.
run_hyperfine() { # runs warmup json command
    local runs="$1" warmup="$2" json="$3" cmd="$4" shell=()
    [[ "$cmd" == *" | "* ]] || shell=(-N)
    hyperfine "${shell[@]}" --style none --ignore-failure --warmup "$warmup" --runs "$runs" \
        --export-json "$json" "$cmd" >/dev/null 2>"$LOG"
}

# Times one query's commands (names, commands and run counts in three
# arrays named by the caller), taking turns: ROUNDS rounds, each running
# every command for its share of the runs, so that the machine's drift
# while the query is measured (a fifth, between two minutes, on the VM
# these figures come from) falls on every tool alike, instead of on
# whichever ran in the slow minute. A command with fewer runs than
# ROUNDS (ripgrep's few long ones) runs once, in the first round. Sets
# M[prefix.name.p50], M[prefix.name.p99] in ms over all the runs pooled.
measure_in_turns() { # prefix names-array commands-array runs-array
    local prefix="$1"
    local -n names_="$2" commands_="$3" runs_="$4"
    local k r share warmup
    local -A failed=()
    for ((r = 1; r <= ROUNDS; r++)); do
        warmup=2
        [ "$r" -gt 1 ] && warmup=1
        for k in "${!names_[@]}"; do
            if [ "${runs_[$k]}" -lt "$ROUNDS" ]; then
                [ "$r" -eq 1 ] || continue
                share="${runs_[$k]}"
            else
                share=$(((runs_[k] + ROUNDS - 1) / ROUNDS))
            fi
            [ -n "${failed[$k]:-}" ] && continue
            if ! run_hyperfine "$share" "$warmup" \
                "$WORK/idx-$SIZE/hyperfine-$prefix-${names_[$k]}-r$r.json" "${commands_[$k]}"; then
                note "$SIZE: hyperfine failed for: ${commands_[$k]}"
                failed[$k]=1
            fi
        done
    done
    local p50 p99
    for k in "${!names_[@]}"; do
        M[$prefix.${names_[$k]}.p50]=""
        M[$prefix.${names_[$k]}.p99]=""
        [ -n "${failed[$k]:-}" ] && continue
        read -r p50 p99 < <(jq -rs '[.[].results[0].times[]] | sort as $t | ($t | length) as $n
            | [ (if $n % 2 == 1 then $t[($n - 1) / 2] else ($t[$n / 2 - 1] + $t[$n / 2]) / 2 end) * 1000,
                $t[(($n * 0.99) | ceil) - 1] * 1000 ] | @tsv' \
            "$WORK/idx-$SIZE/hyperfine-$prefix-${names_[$k]}"-r*.json)
        M[$prefix.${names_[$k]}.p50]="$p50"
        M[$prefix.${names_[$k]}.p99]="$p99"
    done
}

run_queries() {
    local i=0 entry label cq_args text kind cmd q peer
    SEARCH_HELP="$("$CQ" search --help 2>&1 || true)"
    QUERY_ROWS=()
    for entry in "${QUERIES[@]}"; do
        i=$((i + 1))
        IFS='|' read -r label cq_args text kind <<<"$entry"
        if [[ "$kind" == cq:* ]] && ! grep -q -- "${kind#cq:}" <<<"$SEARCH_HELP"; then
            note "communique search has no ${kind#cq:}: query '$label' skipped"
            continue
        fi
        say "$SIZE: query $i: $label"
        rm -f "$WORK/idx-$SIZE/hyperfine-q$i-"*.json
        # communique: whole process, top 10 with snippets, like a user at a terminal
        eval "local -a args=($cq_args)"
        local -a names=(communique) commands=() runs=("$RUNS")
        commands+=("$(printf '%q ' "$CQ" --index "$CQ_INDEX" --color never search "${args[@]}")")
        for peer in sqlite xapian recoll ripgrep; do
            if ! wants "$peer" || [ -z "$text" ] || [ -z "${M[$peer.ready]:-}" ]; then
                continue
            fi
            case "$peer" in
                sqlite)
                    q="${text//\'/\'\'}"
                    cmd="$(printf '%q ' sqlite3 "$SQLITE_DB" "SELECT path, snippet(docs, 2, '[', ']', '...', 16) FROM docs WHERE docs MATCH '$q' ORDER BY bm25(docs, 0.0, 2.0, 1.0) LIMIT 10;")" ;;
                xapian)
                    cmd="$(printf '%q ' quest -d "$XAPIAN_DB" -m 10 -o and "$text")" ;;
                recoll)
                    cmd="$(printf '%q ' recollq -c "$RECOLL_CONF" -n 10 -A -p 1 "$text")" ;;
                ripgrep)
                    cmd="$(rg_command "$text")" ;;
            esac
            names+=("$peer")
            commands+=("$cmd")
            if [ "$peer" = ripgrep ]; then runs+=("$RG_RUNS"); else runs+=("$RUNS"); fi
        done
        measure_in_turns "q$i" names commands runs
        local row="| $label | $(num "${M[q$i.communique.p50]}") / $(num "${M[q$i.communique.p99]}") |"
        for peer in sqlite xapian recoll ripgrep; do
            if [[ " ${names[*]} " != *" $peer "* ]]; then
                row="$row – |"
                continue
            fi
            local mark=""
            [ "$kind" = approx ] && mark=" ≈"
            row="$row $(num "${M[q$i.$peer.p50]}") / $(num "${M[q$i.$peer.p99]}")$mark |"
        done
        QUERY_ROWS+=("$row")
        M[q$i.kind]="$kind"
        M[q$i.label]="$label"
    done
    QUERY_COUNT=$i
}

rg_command() {
    local text="$1" first=1 cmd="" word
    if [[ "$text" == \"*\" ]]; then
        printf '%q ' rg -l -i --no-messages -F -e "${text//\"/}" "$CORPUS"
        return
    fi
    for word in $text; do
        if [ $first = 1 ]; then
            cmd="$(printf '%q ' rg -l -i --null --no-messages -e "$word" "$CORPUS")"
            first=0
        else
            cmd="$cmd | $(printf '%q ' xargs -0 -r rg -l -i --null --no-messages -e "$word")"
        fi
    done
    echo "$cmd"
}

# ------------------------------------------------------------------ report

TOOLS=(communique sqlite xapian recoll ripgrep)
declare -A TITLE=([communique]="communique" [sqlite]="SQLite FTS5" [xapian]="Xapian omindex/quest"
    [recoll]="Recoll" [ripgrep]="ripgrep")

section() {
    local mb
    mb="$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')"
    echo "## $SIZE: $(commas "$DOCS") articles, $mb MB"
    echo
    echo "Corpus: $ORIGIN."
    echo
    local header="| |" rule="| --- |" tool
    for tool in "${TOOLS[@]}"; do
        header="$header ${TITLE[$tool]} |"
        rule="$rule ---: |"
    done
    echo "$header"
    echo "$rule"
    row() { # label metric-function
        local line="| $1 |" tool
        for tool in "${TOOLS[@]}"; do line="$line $($2 "$tool") |"; done
        echo "$line"
    }
    m_build() { num "${M[$1.build]:-}"; }
    m_mbs() { num "$(div "$(div "$BYTES" 1e6)" "${M[$1.build]:-}")"; }
    m_docs() { num "$(div "$DOCS" "${M[$1.build]:-}")"; }
    m_rss() { num "$(div "${M[$1.rss]:-}" 1024)"; }
    m_size() { num "$(div "${M[$1.size]:-}" 1e6)"; }
    m_ratio() { num "$(div "${M[$1.size]:-}" "$BYTES")"; }
    m_reindex() { num "${M[$1.reindex]:-}"; }
    m_reindex_pct() {
        local p
        p="$(mul "$(div "${M[$1.reindex]:-}" "${M[$1.build]:-}")" 100)"
        [ -n "$p" ] && echo "$(num "$p") %" || echo "–"
    }
    row "index build, wall (s)" m_build
    row "throughput (MB/s)" m_mbs
    row "throughput (articles/s)" m_docs
    row "peak RSS of the build (MB)" m_rss
    row "index size (MB)" m_size
    row "index size / corpus size" m_ratio
    row "unchanged re-index, wall (s)" m_reindex
    row "unchanged re-index / full build" m_reindex_pct
    echo
    echo "Whole-process query time, p50 / p99 in ms over $RUNS runs in $ROUNDS turns (ripgrep: $RG_RUNS runs), page cache warm; top 10 with snippets where the tool makes them. ≈: the peers search the country as a word, communique filters on the extracted country. –: not run (no such feature, or the peer was skipped)."
    echo
    local qheader="| query |" qrule="| --- |"
    for tool in "${TOOLS[@]}"; do
        qheader="$qheader ${TITLE[$tool]} |"
        qrule="$qrule ---: |"
    done
    echo "$qheader"
    echo "$qrule"
    printf '%s\n' "${QUERY_ROWS[@]}"
    echo
    targets
    echo
}

# The targets of issue 6 that this size can tell.
targets() {
    local lines=() cq_mbs r
    cq_mbs="$(div "$BYTES" "${M[communique.build]:-}")"
    verdict() { awk -v v="${1:-}" -v t="$2" -v op="$3" 'BEGIN {
        if (v == "") { print "–"; exit }
        ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0)
        print ok ? "met" : "**missed**" }'; }
    for peer in sqlite xapian recoll; do
        local need=10
        [ $peer = sqlite ] && need=1.5
        if [ -n "${M[$peer.build]:-}" ] && [ -n "$cq_mbs" ]; then
            r="$(div "$cq_mbs" "$(div "$BYTES" "${M[$peer.build]}")")"
            lines+=("| build throughput vs ${TITLE[$peer]} | ≥ ${need}x | $(num "$r")x | $(verdict "$r" "$need" ">=") |")
        fi
    done
    if [ -n "${M[communique.rss]:-}" ]; then
        r="$(div "${M[communique.rss]}" 1024)"
        lines+=("| peak RSS of the build | < 1024 MB | $(num "$r") MB | $(verdict "$r" 1024 "<=") |")
    fi
    if [ -n "${M[communique.reindex]:-}" ] && [ -n "${M[communique.build]:-}" ]; then
        r="$(mul "$(div "${M[communique.reindex]}" "${M[communique.build]}")" 100)"
        lines+=("| unchanged re-index / full build | < 5 % | $(num "$r") % | $(verdict "$r" 5 "<=") |")
    fi
    # Text queries: communique's p50s summed against each peer's over the
    # queries both ran; the slowest communique p50.
    local i worst_cq="" fac="" cq_x=0 x_sum=0 cq_rg=0 rg_sum=0 rg_min=""
    for ((i = 1; i <= QUERY_COUNT; i++)); do
        [ -n "${M[q$i.kind]:-}" ] || continue
        local p="${M[q$i.communique.p50]:-}"
        [ -n "$p" ] || continue
        if [ "${M[q$i.kind]}" = text ] || [ "${M[q$i.kind]}" = approx ]; then
            worst_cq="$(awk -v a="$worst_cq" -v b="$p" 'BEGIN { print (a == "" || b + 0 > a + 0) ? b : a }')"
            if [ -n "${M[q$i.xapian.p50]:-}" ]; then
                cq_x="$(awk -v a="$cq_x" -v b="$p" 'BEGIN { print a + b }')"
                x_sum="$(awk -v a="$x_sum" -v b="${M[q$i.xapian.p50]}" 'BEGIN { print a + b }')"
            fi
            if [ -n "${M[q$i.ripgrep.p50]:-}" ]; then
                cq_rg="$(awk -v a="$cq_rg" -v b="$p" 'BEGIN { print a + b }')"
                rg_sum="$(awk -v a="$rg_sum" -v b="${M[q$i.ripgrep.p50]}" 'BEGIN { print a + b }')"
                rg_min="$(awk -v a="$rg_min" -v b="$(div "${M[q$i.ripgrep.p50]}" "$p")" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')"
            fi
        else
            if [[ "${M[q$i.label]}" == facets* || "${M[q$i.label]}" == timeline* ]]; then
                fac="$(awk -v a="$fac" -v b="$p" 'BEGIN { print (a == "" || b + 0 > a + 0) ? b : a }')"
            fi
        fi
    done
    if [ "$x_sum" != 0 ]; then
        r="$(div "$cq_x" "$x_sum")"
        lines+=("| search (top 10, snippets) time / Xapian quest time, sum of p50s over the text queries | ≤ 1x (at 17k) | $(num "$r")x | $(verdict "$r" 1 "<=") |")
    fi
    if [ -n "$worst_cq" ]; then
        lines+=("| search (top 10, snippets), slowest p50 | < 30 ms (at 1M) | $(num "$worst_cq") ms | $(verdict "$worst_cq" 30 "<=") |")
    fi
    if [ -n "$fac" ]; then
        lines+=("| facets and timeline, slowest p50 | < 100 ms (at 1M) | $(num "$fac") ms | $(verdict "$fac" 100 "<=") |")
    fi
    if [ "$rg_sum" != 0 ]; then
        r="$(div "$rg_sum" "$cq_rg")"
        lines+=("| speed-up over ripgrep, sum of p50s over the text queries (smallest per query) | ≥ 50x (at 1M) | $(num "$r")x ($(num "$rg_min")x) | $(verdict "$r" 50 ">=") |")
    fi
    [ ${#lines[@]} -gt 0 ] || return 0
    echo "Targets of issue 6 at this size (the issue sets some at 17k or 1M only):"
    echo
    echo "| target | wanted | measured | |"
    echo "| --- | --- | ---: | --- |"
    printf '%s\n' "${lines[@]}"
}

machine() {
    local cpu mem kernel fs
    cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    mem="$(free -g | awk '/^Mem:/ { print $2 " GB total, " $7 " GB available" }')"
    kernel="$(uname -sr)"
    fs="$(df -T "$WORK" | awk 'NR == 2 { print $2 }')"
    echo "- CPU: $cpu; \`nproc\` = $(nproc)"
    echo "- Memory (\`free -g\`): $mem"
    echo "- OS: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $kernel; work dir on $fs"
    echo "- communique $("$CQ" --version 2>/dev/null | awk '{ print $2 }') at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'), release build, $CQ_BUILD"
    has sqlite3 && echo "- sqlite3 $(sqlite3 --version | awk '{ print $1 }')"
    has omindex && echo "- $(omindex -V | head -1), $(quest -v 2>/dev/null | head -1 | sed 's/^quest - //')"
    has recollindex && echo "- $(recollq -v 2>&1 | head -1)"
    has rg && echo "- $(rg --version | head -1)"
    echo "- $(hyperfine --version)"
    echo "- Load average (1, 5, 15 min) at the start of the run: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg). Other work on the machine during the run shows up in the timings."
}

# ------------------------------------------------------------------ main

mkdir -p "$WORK"
LOG="$WORK/last-command.log"
install_peers
check_peers

# The binary a user installs: `cargo install-static` where it can be built
# (x86_64 Linux with glibc's static library: .cargo/config.toml), else
# `cargo install`, into the work folder. Installing copies the binary;
# the linker's own output file in target/ maps more slowly than a copy of
# the same bytes (a 17k search: 242 page faults against 215, 2.22 against
# 1.88 ms of CPU, `perf stat` of 40 runs each), so that is not what is
# measured. gen_corpus is built on its own: built together, the example's
# dev-dependencies would change the features the binary is built with.
say "installing communique and building gen_corpus (release)"
INSTALL_ROOT="$WORK/install"
CQ_BUILD="dynamically linked (\`cargo install --path .\`)"
BIN_DIR="$REPO/target/release"
if [ "$(uname -sm)" = "Linux x86_64" ] &&
    (cd "$REPO" && nice -n 10 cargo install-static --quiet --root "$INSTALL_ROOT" &&
        nice -n 10 cargo build-static --quiet --example gen_corpus) >&2; then
    CQ_BUILD="statically linked (\`cargo install-static\`)"
    BIN_DIR="$REPO/target/x86_64-unknown-linux-gnu/release"
else
    (cd "$REPO" && nice -n 10 cargo install --path . --quiet --root "$INSTALL_ROOT" &&
        nice -n 10 cargo build --release --quiet --example gen_corpus) >&2
fi
CQ="$INSTALL_ROOT/bin/communique"
GEN="$BIN_DIR/examples/gen_corpus"

SECTIONS=()
STARTED=$(date +%s)
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
for SIZE in $SIZES; do
    prepare_corpus "$SIZE" || continue
    check_space
    M=()
    mkdir -p "$WORK/idx-$SIZE"
    build_communique
    for peer in sqlite xapian recoll; do
        wants "$peer" || continue
        if [ "$peer" != sqlite ] && [ "$SLOW_PEER_LIMIT" -gt 0 ] && [ "$DOCS" -gt "$SLOW_PEER_LIMIT" ]; then
            note "$SIZE: ${TITLE[$peer]} skipped above $SLOW_PEER_LIMIT articles (about 100 articles/s here; --slow-peer-limit 0 runs it)"
            continue
        fi
        "build_$peer" || true
    done
    wants ripgrep && M[ripgrep.ready]=1
    run_queries
    text="$(section)"
    echo "$text"
    SECTIONS+=("$text")
    # Free the space of the big peers' indexes; keep the generated corpus.
    if [ "$DOCS" -gt 200000 ]; then
        rm -rf "$WORK/idx-$SIZE/xapian" "$WORK/idx-$SIZE/recoll" "$WORK/idx-$SIZE/fts5.db"
    fi
done
ELAPSED=$(($(date +%s) - STARTED))

KEEP_MARK="<!-- Hand-written notes below this line are kept by benches/compare.sh. -->"
kept=""
if [ -f "$OUT" ] && grep -qF "$KEEP_MARK" "$OUT"; then
    kept="$(awk -v mark="$KEEP_MARK" 'found { print } $0 == mark { found = 1 }' "$OUT")"
fi
{
    echo "# Benchmarks"
    echo
    echo "communique against the engines a user would pick instead (issue 6): SQLite FTS5, Xapian (omindex + quest), Recoll and ripgrep, on the same folders, in one run."
    echo "Generated by \`benches/compare.sh\` on $(date -u +%Y-%m-%d) in $((ELAPSED / 60)) min; do not edit the tables by hand. Regenerate with:"
    echo
    echo '```sh'
    echo "$COMMAND_LINE"
    echo '```'
    echo
    echo "In-process timings (parse + extract per article, index batch, query, snippets) come from \`cargo bench --bench pipeline\` (Criterion), not from this script."
    echo
    echo "## Machine"
    echo
    machine
    echo
    echo "## Method"
    echo
    echo "- Every index is built from nothing, with the corpus in the page cache (each build starts after reading the whole folder once); builds run under \`nice -n 10\` and \`/usr/bin/time\` (peak RSS), timed by bash's microsecond clock. Up to $REPEAT_BELOW_DOCS articles, each build and re-index runs $BUILD_REPEATS times and the tables show the median wall time (and the largest peak RSS). Unchanged re-indexes (every tool) run once, then are timed by \`hyperfine -N\` with no \`nice\` or \`/usr/bin/time\` in between: those two processes add about 1.5 ms to each run here."
    echo "- communique: \`communique --index DIR index CORPUS\` (extraction of dates, countries and people included); re-index = the same command again on the unchanged folder."
    echo "- SQLite FTS5: one \`INSERT ... SELECT\` from the \`fsdir()\` table of the sqlite3 shell into \`fts5(path UNINDEXED, title, body, tokenize='porter unicode61')\` (no extraction; no incremental mode, so no re-index)."
    echo "- Xapian: \`omindex --db DB --url / CORPUS\` with its defaults (English stemming); re-index = omindex again (it skips unchanged files). Queries: \`quest -m 10 -o and\`, whose output is the stored sample of each hit, not a query-biased snippet."
    echo "- Recoll: \`recollindex\` with English stemming and aspell off; re-index = recollindex again (incremental). Queries: \`recollq -n 10 -A -p 1\` (one snippet per hit)."
    echo "- ripgrep: \`rg -l -i\`, one pass per word piped through \`xargs\` for AND (\`-F\` for a phrase): the cost of having no index."
    echo "- Queries are timed whole-process with hyperfine, in $ROUNDS rounds that take turns between the tools (each round runs every tool for its share of the runs, after 2 warm-up runs in the first round and 1 in the others; ripgrep runs once, in the first), and each tool's runs are pooled: the machine's drift while a query is measured falls on every tool alike. p99 is the slowest run when there are fewer than 100 runs."
    if [ ${#NOTES[@]} -gt 0 ]; then
        echo
        echo "Notes from this run:"
        echo
        printf -- '- %s\n' "${NOTES[@]}"
    fi
    echo
    printf '%s\n\n' "${SECTIONS[@]}"
    echo "$KEEP_MARK"
    [ -n "$kept" ] && echo "$kept"
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
say "wrote $OUT in $((ELAPSED / 60)) min $((ELAPSED % 60)) s"
