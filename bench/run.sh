#!/usr/bin/env bash
# Scale benchmark: khula build/check/rebuild of 10, 100 and 753 Nepali councils, beside Hugo,
# Zola and `cp -r` on an equivalent corpus, plus the cost and benefit of the `minify` feature.
#
#   bench/run.sh [--quick] [--councils N,N,N] [--runs K] [--no-minify] [--no-peers] [--cold]
#
#   --quick        1 run, 10 and 100 councils
#   --councils     sizes to run (default 10,100,753)
#   --runs         runs per measurement; the table shows medians (default 3)
#   --no-minify    skip the minify comparison (it compiles minify-html: several minutes)
#   --cold         also time cold `cargo build --release` with and without the minify
#                  feature, each from an empty target folder (two full compiles)
#   --no-peers     skip Hugo, Zola and cp -r
#
# Environment:
#   KHULA_BENCH_CACHE   generated corpora and build outputs (default ~/.cache/khula-bench);
#                       kept outside the repository, generated once and reused
#   CARGO_TARGET_DIR    honoured as cargo does (default target/)
#
# Writes target/bench/results.md (and raw.jsonl, meta.json beside it) and prints the table.
# Timings are reported, never asserted.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN=$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd) || {
    echo "error: the corpus generators are expected in $ROOT/../shared/bench" >&2
    exit 2
}
REPORT="$ROOT/bench/report.py"
CACHE=${KHULA_BENCH_CACHE:-$HOME/.cache/khula-bench}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
RESULTS="$ROOT/target/bench"
WORK="$CACHE/work"

SIZES=10,100,753
RUNS=3
QUICK=0
MINIFY=1
COLD=0
PEERS=1
SIZES_SET=0
RUNS_SET=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --councils) SIZES=$2; SIZES_SET=1; shift ;;
        --councils=*) SIZES=${1#*=}; SIZES_SET=1 ;;
        --runs) RUNS=$2; RUNS_SET=1; shift ;;
        --runs=*) RUNS=${1#*=}; RUNS_SET=1 ;;
        --no-minify) MINIFY=0 ;;
        --no-peers) PEERS=0 ;;
        --cold) COLD=1 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$QUICK" = 1 ]; then
    [ "$SIZES_SET" = 1 ] || SIZES=10,100
    [ "$RUNS_SET" = 1 ] || RUNS=1
fi
case "$RUNS" in ''|*[!0-9]*|0) echo "error: --runs needs a positive number" >&2; exit 2 ;; esac
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
for n in "${SIZE_LIST[@]}"; do
    case "$n" in ''|*[!0-9]*|0) echo "error: --councils needs numbers, e.g. 10,100,753" >&2; exit 2 ;; esac
done

say() { printf '\n== %s\n' "$*"; }

can_apt() { command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; }

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
    if can_apt; then
        say "installing GNU time"
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    fi
    [ -x /usr/bin/time ] || { echo "error: /usr/bin/time (Debian package time) is needed" >&2; exit 2; }
fi
if [ "$PEERS" = 1 ] && ! command -v hugo >/dev/null; then
    if can_apt; then
        say "installing Hugo from Debian"
        apt-get install -y hugo >/dev/null 2>&1 \
            || { apt-get update >/dev/null 2>&1 && apt-get install -y hugo >/dev/null 2>&1; } \
            || echo "   (Hugo could not be installed; skipped)"
    else
        echo "   (Hugo not installed and apt-get not usable; skipped)"
    fi
fi
HUGO=$( [ "$PEERS" = 1 ] && command -v hugo || true)
ZOLA=$( [ "$PEERS" = 1 ] && command -v zola || true)

mkdir -p "$CACHE" "$WORK" "$RESULTS"
RAW="$RESULTS/raw.jsonl"
META="$RESULTS/meta.json"
: >"$RAW"
rm -f "$META"
meta() { python3 "$REPORT" meta-set "$META" "$1" "$2"; }

meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta machine "$(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(uname -sr)"
meta runs "$RUNS per measurement (median)"
[ -n "$HUGO" ] && meta hugo "$("$HUGO" version | head -1)"
[ -n "$ZOLA" ] && meta zola "$("$ZOLA" --version | head -1)"
[ -z "$ZOLA" ] && meta zola "not installed (skipped)"
[ -z "$HUGO" ] && meta hugo "not installed (skipped)"

# ---------------------------------------------------------------- khula binary
say "cargo build --release"
(cd "$ROOT" && cargo build --release --quiet)
# Freeze the binary: others may rebuild target/release while the benchmark runs.
KHULA="$RESULTS/khula"
cp "$TARGET/release/khula" "$KHULA"
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$ROOT" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null | grep -q . && echo " + uncommitted changes" || true)
meta khula "$("$KHULA" --version) (commit $rev$dirty), rayon threads: ${RAYON_NUM_THREADS:-all cores}"

# ---------------------------------------------------------------- corpora
corpus() {  # generate once; a finished corpus is renamed into place, so a partial one is redone
    local n=$1
    if [ ! -d "$CACHE/khula-$n" ]; then
        say "generating $n councils (gen_corpus.py --messy) into $CACHE"
        rm -rf "$CACHE/khula-$n.tmp"
        python3 "$GEN/gen_corpus.py" "$CACHE/khula-$n.tmp" --councils "$n" --messy
        mv "$CACHE/khula-$n.tmp" "$CACHE/khula-$n"
    fi
    if [ -n "$HUGO$ZOLA" ] && [ ! -d "$CACHE/ssg-$n" ]; then
        say "generating the equivalent Hugo/Zola corpus for $n councils"
        python3 "$GEN/gen_ssg_corpus.py" --munis "$n" --out "$CACHE/ssg-$n.tmp" >/dev/null
        mv "$CACHE/ssg-$n.tmp" "$CACHE/ssg-$n"
    fi
}

# ---------------------------------------------------------------- timing
# measure SIZE CASE RUN OUT_DIR_TO_COUNT_OR_EMPTY -- command...
measure() {
    local size=$1 case=$2 run=$3 out=$4
    shift 5
    sync
    local tf="$WORK/time.txt" ef="$WORK/stderr.txt" t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -v -o "$tf" "$@" >/dev/null 2>"$ef" || true
    t1=$(date +%s.%N)
    python3 "$REPORT" record "$RAW" --size "$size" --case "$case" --run "$run" \
        --wall "$(echo "$t1 - $t0" | bc -l)" --time-file "$tf" --stderr "$ef" --out "$out"
}

EDITED=""
EDITED_SERVICES=""
restore_budget() {
    if [ -n "$EDITED" ] && [ -f "$WORK/budget.csv.orig" ]; then
        cp "$WORK/budget.csv.orig" "$EDITED"
        EDITED=""
    fi
    if [ -n "$EDITED_SERVICES" ] && [ -f "$WORK/services.csv.orig" ]; then
        cp "$WORK/services.csv.orig" "$EDITED_SERVICES"
        EDITED_SERVICES=""
    fi
}
SERVE_PID=""
stop_serve() {
    if [ -n "$SERVE_PID" ]; then
        kill -INT "$SERVE_PID" 2>/dev/null || true
        wait "$SERVE_PID" 2>/dev/null || true
        SERVE_PID=""
    fi
}
cleanup() { stop_serve; restore_budget; }
trap cleanup EXIT INT TERM

# serve_rebuilds SIZE CONTENT OUT COUNCIL_DIR: starts `khula serve` on the built output, edits
# one council's budget.csv, then its services.csv, RUNS times each, and records the rebuild
# time serve reports after each save.
serve_rebuilds() {
    local n=$1 c=$2 o=$3 one=$4 log="$WORK/serve-$1.log" kind file case count i
    "$KHULA" serve --help >/dev/null 2>&1 || return 0
    : >"$log"
    "$KHULA" serve --content "$c" --out "$o" --port 0 >/dev/null 2>"$log" &
    SERVE_PID=$!
    # built COUNT LIMIT_S: waits until serve has reported COUNT builds.
    built() {
        local tries=$(($2 * 20))
        while [ "$tries" -gt 0 ]; do
            [ "$(grep -c '^built ' "$log" || true)" -ge "$1" ] && return 0
            kill -0 "$SERVE_PID" 2>/dev/null || return 1
            sleep 0.05
            tries=$((tries - 1))
        done
        return 1
    }
    if built 1 900; then
        for kind in budget services; do
            file="$one/$kind.csv"
            [ -f "$file" ] || continue
            cp "$file" "$WORK/$kind.csv.orig"
            if [ "$kind" = budget ]; then EDITED="$file"; else EDITED_SERVICES="$file"; fi
            case="khula serve, one $kind.csv changed"
            for ((i = 1; i <= RUNS; i++)); do
                count=$(grep -c '^built ' "$log" || true)
                python3 "$REPORT" "edit-$kind" "$file" "$((2 * RUNS + i))"
                if built "$((count + 1))" 60; then
                    python3 "$REPORT" record-serve "$RAW" --size "$n" --case "$case" --run "$i" --log "$log"
                else
                    echo "    $case run $i: no rebuild reported within 60 s" >&2
                fi
            done
        done
    else
        echo "    (khula serve did not finish its first build; serve rebuilds skipped)" >&2
    fi
    stop_serve
    restore_budget
}

for n in "${SIZE_LIST[@]}"; do
    corpus "$n"
    C="$CACHE/khula-$n"
    O="$WORK/out-$n"
    say "$n councils: clean builds, khula and its peers in turn ($RUNS rounds)"
    # One round is a clean build by each tool, one after the other, so that a machine
    # slowing down or speeding up during the run weighs on every tool alike.
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$O" "$WORK/.out-$n.khula-staging"
        measure "$n" "khula build" "$i" "$O" -- "$KHULA" build --content "$C" --out "$O"
        if [ "$PEERS" = 1 ] && [ -n "$ZOLA" ]; then
            rm -rf "$WORK/zola-$n"
            measure "$n" "zola" "$i" "$WORK/zola-$n" -- "$ZOLA" --root "$CACHE/ssg-$n/zola" build --output-dir "$WORK/zola-$n"
            rm -rf "$WORK/zola-$n"
        fi
        if [ "$PEERS" = 1 ] && [ -n "$HUGO" ]; then
            rm -rf "$WORK/hugo-$n" "$CACHE/ssg-$n/hugo/resources" "$CACHE/ssg-$n/hugo/.hugo_build.lock"
            measure "$n" "hugo" "$i" "$WORK/hugo-$n" -- "$HUGO" --quiet -s "$CACHE/ssg-$n/hugo" -d "$WORK/hugo-$n"
            rm -rf "$WORK/hugo-$n"
        fi
    done
    say "$n councils: khula rebuilds, serve and check ($RUNS runs each)"
    for ((i = 1; i <= RUNS; i++)); do
        measure "$n" "khula rebuild, nothing changed" "$i" "" -- "$KHULA" build --content "$C" --out "$O"
    done
    one=$(find "$C" -mindepth 1 -maxdepth 1 -type d | sort | sed -n 1p)  # sed reads to the end: no SIGPIPE under pipefail
    cp "$one/budget.csv" "$WORK/budget.csv.orig"
    EDITED="$one/budget.csv"
    for ((i = 1; i <= RUNS; i++)); do
        python3 "$REPORT" edit-budget "$one/budget.csv" "$i"
        touch "$one/budget.csv"
        measure "$n" "khula rebuild, one budget.csv changed" "$i" "" -- "$KHULA" build --content "$C" --out "$O"
    done
    if "$KHULA" build --help | grep -q -- '--site'; then
        for ((i = 1; i <= RUNS; i++)); do
            python3 "$REPORT" edit-budget "$one/budget.csv" "$((RUNS + i))"
            measure "$n" "khula build --site ONE" "$i" "" -- "$KHULA" build --content "$C" --out "$O" --site "$(basename "$one")"
        done
    fi
    restore_budget
    if "$KHULA" build --help | grep -q -- '--site' && [ -f "$one/services.csv" ]; then
        cp "$one/services.csv" "$WORK/services.csv.orig"
        EDITED_SERVICES="$one/services.csv"
        for ((i = 1; i <= RUNS; i++)); do
            python3 "$REPORT" edit-services "$one/services.csv" "$i"
            measure "$n" "khula build --site ONE, services.csv changed" "$i" "" -- "$KHULA" build --content "$C" --out "$O" --site "$(basename "$one")"
        done
        restore_budget
    fi
    serve_rebuilds "$n" "$C" "$O" "$one"
    for ((i = 1; i <= RUNS; i++)); do
        measure "$n" "khula check" "$i" "" -- "$KHULA" check --content "$C"
    done
    # The edits were undone: bring the output back to the unedited content for cp -r.
    "$KHULA" build --quiet --content "$C" --out "$O" || true
    if [ "$PEERS" = 1 ]; then
        say "$n councils: cp -r of khula's output"
        for ((i = 1; i <= RUNS; i++)); do
            rm -rf "$O.cp"
            measure "$n" "cp -r khula output" "$i" "" -- cp -r "$O" "$O.cp"
        done
        rm -rf "$O.cp"
    fi
    rm -rf "$O"
done

# ---------------------------------------------------------------- minify
if [ "$MINIFY" = 1 ]; then
    say "minify: sample portals in content/ with and without --features minify"
    MT="$ROOT/target/bench/minify-target"
    if [ "$COLD" = 1 ]; then
        # Cold builds from an empty target folder, default and with the feature, one after
        # the other. User CPU is the steadier figure on a busy machine.
        for f in off on; do
            rm -rf "$ROOT/target/bench/cold-$f"
            feat=(); [ "$f" = on ] && feat=(--features minify)
            t0=$(date +%s.%N)
            (cd "$ROOT" && /usr/bin/time -f '%U %S' -o "$WORK/cold-$f.txt" \
                cargo build --release --quiet "${feat[@]}" --target-dir "$ROOT/target/bench/cold-$f")
            t1=$(date +%s.%N)
            meta "minify.$f" "{\"cold\": $(echo "$t1 - $t0" | bc -l), \"cold_cpu\": $(awk '{print $1 + $2}' "$WORK/cold-$f.txt")}"
        done
        rm -rf "$MT"
        mv "$ROOT/target/bench/cold-on" "$MT"
        rm -rf "$ROOT/target/bench/cold-off"
    fi
    # Both sides from the same sources: the tree may have changed since the binary above.
    (cd "$ROOT" && cargo build --release --quiet --features minify --target-dir "$MT")
    (cd "$ROOT" && cargo build --release --quiet)
    cp "$TARGET/release/khula" "$RESULTS/khula-minify-off"
    for f in off on; do
        bin="$RESULTS/khula-minify-off"; [ "$f" = on ] && bin="$MT/release/khula"
        rm -rf "$WORK/minify-$f"
        "$bin" build --quiet --content "$ROOT/content" --out "$WORK/minify-$f"
        meta "minify.$f" "$(python3 "$REPORT" html-stats "$WORK/minify-$f")"
        meta "minify.$f" "{\"binary\": $(stat -c %s "$bin")}"
        rm -rf "$WORK/minify-$f"
    done
fi

say "results"
python3 "$REPORT" table "$RAW" "$META" "$RESULTS/results.md"
echo "(written to ${RESULTS#"$ROOT"/}/results.md)"
