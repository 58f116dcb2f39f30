#!/usr/bin/env bash
# Benchmarks of `assist` against curl (and the official Python SDK when pip can install it),
# all on loopback against `assist sim`. Prints one Markdown table of medians and ratios and
# writes it, with the machine and the command, into BENCHMARKS.md between the bench markers
# (the rest of that file is kept). Then three longer sections, each a script of its own that
# adds rows to the same table:
#
#   bench/rtt.sh      round trips per command (elapsed / RTT) over HTTPS through
#                     bench/delay_proxy.py, which delays every chunk by a fixed time each way
#   bench/memory.sh   peak RSS of `watch --once` over 100,000 desktops from a file
#   bench/quota.sh    `watch --all` under the simulator's --rate-limit: achieved rate and
#                     throttled share (10,000 desktops at 200/s, 300 at 120/min, from t=10 s
#                     and from t=0), the first round, the time to detect pending desktops'
#                     changes, and 20 sessions reported OPEN on 320 desktops, 128 pending, 20/s
#   bench/notify.sh   `watch --once` over 1,000 desktops with and without a `--notify` target
#
#   bash bench/run.sh                 # everything; about 10 minutes after the release build
#   BENCH_SDK=0 bash bench/run.sh     # skip the Python SDK row (no pip, no network)
#   BENCH_QUOTA=0 BENCH_MEMORY_100K=0 bash bench/run.sh   # the quick rows and round trips only
#
# Needs: cargo, curl, xargs; for the sections python3 (standard library only), openssl and jq.
# Uses hyperfine when installed (`apt-get install hyperfine` or `cargo install hyperfine`),
# else a plain timing loop; GNU time (`apt-get install time`) for peak memory; strace, when
# present, to count the connections `watch` opens.
# Knobs: BENCH_DESKTOPS (default 1000), BENCH_SDK (1/0), BENCH_HYPERFINE (0: the plain loop
# even when hyperfine is installed), BENCH_OUT (default BENCHMARKS.md); BENCH_RTT=0 (about
# 30 s), BENCH_MEMORY_100K=0 (up to BENCH_MEMORY_TIMEOUT, default 600 s), BENCH_QUOTA=0
# (about 5 minutes), BENCH_NOTIFY=0 (a few seconds) and BENCH_BOARD=0 (the live board's first
# pass; under a minute) skip a section; each section's header lists its own knobs (durations,
# fleet sizes, the proxy's delay).
# Nothing is installed system-wide; configs, HOME and the SDK's venv live in a temp dir.
# Only 127.0.0.1 is ever the target of the benchmark's traffic.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# The knobs given in the environment are part of the command that made the report.
KNOBS=$(env | grep -E '^BENCH_[A-Z0-9_]+=' | sort | while IFS= read -r knob; do printf '%q ' "$knob"; done)
COMMAND_LINE="${KNOBS}bash bench/run.sh${*:+ $*}"
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
DESKTOPS=${BENCH_DESKTOPS:-1000}
WANT_SDK=${BENCH_SDK:-1}
OUT=${BENCH_OUT:-$ROOT/BENCHMARKS.md}

# shellcheck source=common.sh
source "$ROOT/bench/common.sh"

for tool in cargo curl xargs awk; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
HAVE_HYPERFINE=0
if [[ ${BENCH_HYPERFINE:-1} == 1 ]] && command -v hyperfine >/dev/null; then
    HAVE_HYPERFINE=1
else
    say "note: hyperfine not found (apt-get install hyperfine, or cargo install hyperfine); using a plain timing loop"
fi
GNU_TIME=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    GNU_TIME=/usr/bin/time
else
    say "note: GNU time not found (apt-get install time); peak memory is not measured"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/assist-bench.XXXXXX")
SIM_PID=""
PIP_PID=""
cleanup() {
    if [[ -n $SIM_PID ]]; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    if [[ -n $PIP_PID ]]; then
        kill "$PIP_PID" 2>/dev/null || true
        wait "$PIP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- The official SDK, installed in the background while cargo builds ----
SDK_NOTE=""
if [[ $WANT_SDK == 1 ]] && command -v python3 >/dev/null; then
    (
        python3 -m venv "$WORK/venv" &&
            "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check huaweicloudsdkworkspace
    ) >"$WORK/pip.log" 2>&1 &
    PIP_PID=$!
elif [[ $WANT_SDK == 1 ]]; then
    SDK_NOTE="skipped: python3 not found"
else
    SDK_NOTE="skipped: BENCH_SDK=0"
fi

# ---- Build ----
say "bench: cargo build --release --locked"
build_start=$EPOCHREALTIME
cargo build --release --locked >&2
BUILD_SECS=$(awk -v a="$build_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/assist"
[[ -x $BIN ]] || die "no binary at $BIN"

# From here on every command sees a temp HOME and no credentials from this machine.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_CACHE_HOME="$WORK/home/.cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
while IFS= read -r name; do
    unset "$name"
done < <(compgen -e | grep -E '^(ASSIST_|HUAWEICLOUD_SDK_)' || true)

# ---- Simulator: DESKTOPS generated desktops that have a record (index not divisible by 5) ----
SEEDED=$((DESKTOPS + (DESKTOPS + 3) / 4))
"$BIN" sim --addr 127.0.0.1:0 --desktops "$SEEDED" --seed-status mixed \
    --ak "$AK" --sk "$SK" --token "$TOKEN" --project-id "$PROJECT" \
    >"$WORK/sim.out" 2>"$WORK/sim.err" &
SIM_PID=$!
URL=""
for _ in $(seq 100); do
    URL=$(head -n 1 "$WORK/sim.out" 2>/dev/null | grep -o 'http://[^ ]*' || true)
    [[ -n $URL ]] && break
    kill -0 "$SIM_PID" 2>/dev/null || die "the simulator did not start: $(cat "$WORK/sim.err")"
    sleep 0.1
done
[[ -n $URL ]] || die "no URL in the simulator's banner"
say "bench: simulator at $URL with $SEEDED desktops"

for auth in token aksk; do
    {
        printf '[profiles.bench]\nendpoint = "%s"\nproject_id = "%s"\n' "$URL" "$PROJECT"
        if [[ $auth == token ]]; then
            printf 'auth = "token"\ntoken = "%s"\n' "$TOKEN"
        else
            printf 'auth = "aksk"\nak = "%s"\nsk = "%s"\n' "$AK" "$SK"
        fi
    } >"$WORK/$auth.toml"
    chmod 600 "$WORK/$auth.toml"
done

ID=00000000-0000-4000-8000-000000000001
path_of() { printf '%s/v2/%s/desktops/%s/remote-assistance' "$URL" "$PROJECT" "$1"; }
SHOW_URL=$(path_of "$ID")
: >"$WORK/ids.txt"
for ((i = 1; i <= SEEDED; i++)); do
    ((i % 5 == 0)) || printf '00000000-0000-4000-8000-%012d\n' "$i" >>"$WORK/ids.txt"
done
head -n "$DESKTOPS" "$WORK/ids.txt" >"$WORK/ids.tmp" && mv "$WORK/ids.tmp" "$WORK/ids.txt"
while IFS= read -r id; do path_of "$id"; echo; done <"$WORK/ids.txt" >"$WORK/urls.txt"

A_TOKEN=("$BIN" --config "$WORK/token.toml" --profile bench)
A_AKSK=("$BIN" --config "$WORK/aksk.toml" --profile bench)
CURL=(curl -s -H "X-Auth-Token: $TOKEN")

# ---- Sanity: every measured request answers 200 with the same record ----
"${A_TOKEN[@]}" show "$ID" -o json >"$WORK/show.json" || die "assist show (token) failed"
"${A_AKSK[@]}" show "$ID" -o json >/dev/null || die "assist show (AK/SK) failed"
code=$("${CURL[@]}" -o "$WORK/curl.json" -w '%{http_code}' "$SHOW_URL")
[[ $code == 200 ]] || die "curl got HTTP $code for $SHOW_URL"
grep -q "$(grep -o '"invitation_code": *"[A-Z0-9]*"' "$WORK/show.json" | grep -o '[A-Z0-9]\{8\}')" "$WORK/curl.json" ||
    die "assist and curl disagree about $ID"
"${A_TOKEN[@]}" watch --once --file "$WORK/ids.txt" -o json >"$WORK/watch.ndjson" ||
    die "assist watch --once failed (exit $?)"
lines=$(wc -l <"$WORK/watch.ndjson")
((lines == DESKTOPS)) || die "watch --once printed $lines lines for $DESKTOPS desktops"

# ---- Measuring ----
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
# measure KEY RUNS WARMUP SHELL COMMAND: times COMMAND and adds to $WORK/s.KEY the median of
# these runs (hyperfine) or every run's time (plain loop), in ms. SHELL=1 runs it through a
# shell (pipelines); else directly. median KEY is the median of what was added.
measure() {
    local key=$1 runs=$2 warmup=$3 shell=$4 cmd=$5
    if ((HAVE_HYPERFINE)); then
        local opts=(--runs "$runs" --warmup "$warmup" --style none --export-csv "$WORK/$key.csv")
        ((shell)) || opts+=(-N)
        # Its outlier warnings go to a log: the interleaved rounds are the answer to them.
        hyperfine "${opts[@]}" -- "$cmd" >/dev/null 2>"$WORK/hyperfine.err" ||
            die "failed: $cmd: $(tail -n 3 "$WORK/hyperfine.err")"
        # command,mean,stddev,median,user,system,min,max (the command may hold commas)
        tail -n 1 "$WORK/$key.csv" | awk -F, '{ printf "%.4f\n", $(NF-4) * 1000 }' >>"$WORK/s.$key"
    else
        local i t0
        for ((i = 0; i < warmup; i++)); do eval "$cmd" >/dev/null 2>&1; done
        for ((i = 0; i < runs; i++)); do
            t0=$EPOCHREALTIME
            eval "$cmd" >/dev/null 2>&1 || die "failed: $cmd"
            awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f\n", (b - a) * 1000 }' >>"$WORK/s.$key"
        done
    fi
}

median() {
    sort -n "$WORK/s.$1" |
        awk '{ v[NR] = $1 } END { printf "%.4f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# peak_rss KEY COMMAND...: the largest maximum resident set size of 3 runs, in KiB.
peak_rss() {
    local key=$1 best=0 kib
    shift
    [[ -n $GNU_TIME ]] || return 0
    for _ in 1 2 3; do
        "$GNU_TIME" -f %M -o "$WORK/rss" "$@" >/dev/null 2>&1 || die "$* failed under time"
        kib=$(tail -n 1 "$WORK/rss")
        ((kib > best)) && best=$kib
    done
    echo "$best" >"$WORK/m.$key"
}

q() { printf '%q ' "$@"; }

# The single-request rows take turns, round after round, so that a slow moment of the machine
# does not land on one of them only; each round adds one median per row.
ROUNDS=6
for ((round = 1; round <= ROUNDS; round++)); do
    say "bench: show and startup, round $round/$ROUNDS"
    measure show_curl 50 3 0 "$(q "${CURL[@]}" "$SHOW_URL")"
    measure show_token 50 3 0 "$(q "${A_TOKEN[@]}" show "$ID" -o json)"
    measure show_aksk 50 3 0 "$(q "${A_AKSK[@]}" show "$ID" -o json)"
    measure version 50 3 0 "$(q "$BIN" --version)"
done
say "bench: watch --once over $DESKTOPS desktops, xargs -P 8 curl, sequential curl"
measure watch 10 2 0 "$(q "${A_TOKEN[@]}" watch --once --file "$WORK/ids.txt" -o json)"
measure xargs 3 0 1 "xargs -P 8 -n 1 $(q "${CURL[@]}") -o /dev/null < $(q "$WORK/urls.txt")"
measure loop 2 0 1 "while read -r u; do $(q "${CURL[@]}") -o /dev/null \"\$u\"; done < $(q "$WORK/urls.txt")"

peak_rss show_token "${A_TOKEN[@]}" show "$ID" -o json
peak_rss show_curl "${CURL[@]}" "$SHOW_URL"
peak_rss watch "${A_TOKEN[@]}" watch --once --file "$WORK/ids.txt" -o json

# Connections opened by one `watch --once` over all the desktops (keep-alive at work).
CONNECTS=""
if command -v strace >/dev/null &&
    strace -f -qq -e trace=connect -o "$WORK/strace" \
        "${A_TOKEN[@]}" watch --once --file "$WORK/ids.txt" -o json >/dev/null 2>&1; then
    CONNECTS=$(grep -c 'connect(' "$WORK/strace" || true)
fi

# The stripped release binary (the release profile strips; strip again to be sure).
cp "$BIN" "$WORK/assist.stripped"
command -v strip >/dev/null && strip "$WORK/assist.stripped"
SIZE=$(wc -c <"$WORK/assist.stripped")

# ---- The official Python SDK ----
if [[ -n $PIP_PID ]]; then
    if wait "$PIP_PID"; then
        cat >"$WORK/sdk_show.py" <<'EOF'
import sys
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkworkspace.v2 import WorkspaceClient, ShowDesktopRemoteAssistanceInfoRequest

url, ak, sk, project, desktop = sys.argv[1:6]
client = (
    WorkspaceClient.new_builder()
    .with_credentials(BasicCredentials(ak, sk, project))
    .with_endpoint(url)
    .build()
)
print(client.show_desktop_remote_assistance_info(ShowDesktopRemoteAssistanceInfoRequest(desktop_id=desktop)))
EOF
        SDK=("$WORK/venv/bin/python" "$WORK/sdk_show.py" "$URL" "$AK" "$SK" "$PROJECT" "$ID")
        if "${SDK[@]}" >"$WORK/sdk.out" 2>"$WORK/sdk.err" && grep -q invitation_code "$WORK/sdk.out"; then
            SDK_VERSION=$("$WORK/venv/bin/pip" show huaweicloudsdkworkspace 2>/dev/null | awk '/^Version:/ { print $2 }')
            say "bench: the official Python SDK"
            measure show_sdk 10 1 0 "$(q "${SDK[@]}")"
            peak_rss show_sdk "${SDK[@]}"
        else
            SDK_NOTE="skipped: the SDK's request failed: $(head -c 300 "$WORK/sdk.err" | tr '\n' ' ')"
        fi
    else
        SDK_NOTE="skipped: pip could not install huaweicloudsdkworkspace ($(tail -n 1 "$WORK/pip.log" | head -c 200))"
    fi
    PIP_PID=""
fi

# ---- The longer sections, each with a simulator of its own (see their headers) ----
# section NAME KNOB WHAT: runs bench/NAME.sh unless the knob is 0 (then one row WHAT says it
# was skipped); its rows and notes stay in $WORK/NAME for the report.
section() {
    local name=$1 knob=$2 what=$3
    mkdir -p "$WORK/$name"
    if [[ ${!knob:-1} == 0 ]]; then
        printf '| %s | (bench/%s.sh skipped: %s=0) | – |  |  |  |\n' "$what" "$name" "$knob" >"$WORK/$name/rows.md"
        : >"$WORK/$name/notes.md"
        return
    fi
    BIN=$BIN WORK=$WORK/$name bash "$ROOT/bench/$name.sh" || die "bench/$name.sh failed"
}
section rtt BENCH_RTT "round trips"
section memory BENCH_MEMORY_100K "peak RSS"
section quota BENCH_QUOTA "quota"
section notify BENCH_NOTIFY "notify"
section board BENCH_BOARD "board"

# Every request the simulator answered was a 200: the rows measure the same work.
STATS=$(curl -s "$URL/_sim/stats")
if grep -q '"by_status":{"200":[0-9]*}' <<<"$STATS"; then :; else
    die "the simulator answered something other than 200: $STATS"
fi

# ---- The table ----
t() { median "$1"; }
m() { [[ -f $WORK/m.$1 ]] && cat "$WORK/m.$1" || echo ""; }
ms() { awk -v v="$1" 'BEGIN { if (v >= 100) printf "%.0f ms", v; else printf "%.2f ms", v }'; }
mib() { [[ -n $1 ]] && awk -v v="$1" 'BEGIN { printf "%.1f MiB", v / 1024 }' || echo "n/a"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v != "" && v <= max) ? "**PASS**" : "**MISS**" }'; }

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }
C_TOKEN="\`assist show ID -o json\` (token)"
C_AKSK="\`assist show ID -o json\` (AK/SK)"
C_CURL="\`curl -s -H 'X-Auth-Token: …' URL\`"
C_WATCH="\`assist watch --once --file ids -o json\` (token)"

r=$(ratio "$(t show_token)" "$(t show_curl)")
row "show" "$C_TOKEN" "$(ms "$(t show_token)")" "${r}× curl" "≤ 1.00× curl" "$(verdict "$r" 1.0)"
row "show" "$C_CURL" "$(ms "$(t show_curl)")" "1.00× curl" "" ""
# Informational: signing costs some 25 µs, inside this machine's run-to-run noise (BENCHMARKS.md).
r=$(ratio "$(t show_aksk)" "$(t show_token)")
row "show" "$C_AKSK" "$(ms "$(t show_aksk)")" "${r}× token" "informational (was ≤ 1.05×)" ""
if [[ -f $WORK/s.show_sdk ]]; then
    row "show" "official Python SDK ${SDK_VERSION:-} (AK/SK)" "$(ms "$(t show_sdk)")" \
        "$(ratio "$(t show_sdk)" "$(t show_curl)")× curl" "" ""
else
    row "show" "official Python SDK" "–" "$SDK_NOTE" "" ""
fi
row "startup" "\`assist --version\`" "$(ms "$(t version)")" "$(ratio "$(t version)" "$(t show_curl)")× curl show" "" ""
r=$(ratio "$(t watch)" "$(t xargs)")
row "$DESKTOPS desktops" "$C_WATCH" "$(ms "$(t watch)")" "${r}× xargs" "≤ 0.25× xargs" "$(verdict "$r" 0.25)"
row "$DESKTOPS desktops" "\`xargs -P 8 -n 1 curl …\` (one curl per URL)" "$(ms "$(t xargs)")" "1.00× xargs" "" ""
row "$DESKTOPS desktops" "sequential \`while read; do curl …; done\`" "$(ms "$(t loop)")" \
    "$(ratio "$(t loop)" "$(t xargs)")× xargs" "" ""
if [[ -n $GNU_TIME ]]; then
    row "peak RSS" "$C_TOKEN" "$(mib "$(m show_token)")" "" "≤ 12 MiB" "$(verdict "$(m show_token)" $((12 * 1024)))"
    row "peak RSS" "$C_CURL" "$(mib "$(m show_curl)")" "" "" ""
    [[ -n $(m show_sdk) ]] && row "peak RSS" "official Python SDK (show)" "$(mib "$(m show_sdk)")" "" "" ""
    row "peak RSS" "$C_WATCH, $DESKTOPS desktops" "$(mib "$(m watch)")" "" "≤ 32 MiB" "$(verdict "$(m watch)" $((32 * 1024)))"
else
    row "peak RSS" "(GNU time not installed)" "–" "" "≤ 12 / 32 MiB" "**MISS** (not measured)"
fi
mapfile -t -O "${#rows[@]}" rows <"$WORK/memory/rows.md"
row "binary" "stripped release \`assist\` (includes the simulator)" "$(mib "$((SIZE / 1024))")" "" "≤ 8 MiB" \
    "$(verdict "$SIZE" $((8 * 1024 * 1024)))"
mapfile -t -O "${#rows[@]}" rows <"$WORK/rtt/rows.md"
mapfile -t -O "${#rows[@]}" rows <"$WORK/quota/rows.md"
mapfile -t -O "${#rows[@]}" rows <"$WORK/notify/rows.md"
mapfile -t -O "${#rows[@]}" rows <"$WORK/board/rows.md"

TABLE=$(
    echo "| what | command | median | ratio | target | result |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
)
SECTION_NOTES=$(cat "$WORK/rtt/notes.md" "$WORK/memory/notes.md" "$WORK/quota/notes.md" "$WORK/notify/notes.md" "$WORK/board/notes.md")

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
TOOL=$([[ $HAVE_HYPERFINE == 1 ]] && hyperfine --version || echo "a plain bash timing loop (no hyperfine)")
REPORT=$(
    cat <<EOF
Run on $STARTED: \`$COMMAND_LINE\` at commit $(git rev-parse --short HEAD 2>/dev/null || echo "?").

- machine: $(nproc) cores, ${CPU:-unknown CPU}, $(uname -sr); load average before measuring: $LOAD
- $("$BIN" --version), built in ${BUILD_SECS} s; $(curl --version | head -n 1 | cut -d' ' -f1-2); timing by $TOOL
- the show, startup and $DESKTOPS-desktop rows: every request went to \`assist sim\` on loopback
  (plain HTTP, no added latency) and answered 200; \`show\` reads desktop \`$ID\` (OPEN); the
  $DESKTOPS-desktop rows read generated desktops that have a record; \`watch\` and \`xargs\` both
  keep 8 requests in flight
- medians: show and startup over $ROUNDS interleaved rounds of 50 runs (the median of the
  rounds' medians), watch 10 runs, xargs 3, sequential loop 2, SDK 10; peak RSS is the largest of 3 runs
- connections opened by one \`watch --once\` over $DESKTOPS desktops: ${CONNECTS:-not counted (no strace)}
- AK/SK against token is informational: signing costs some 25 µs, inside this machine's noise
$SECTION_NOTES

$TABLE
EOF
)

printf '%s\n' "$REPORT"

BEGIN_MARK="<!-- bench:begin (written by bench/run.sh; edit outside the markers) -->"
END_MARK="<!-- bench:end -->"
if [[ -f $OUT ]] && grep -qF "$BEGIN_MARK" "$OUT" && grep -qF "$END_MARK" "$OUT"; then
    printf '%s\n' "$REPORT" >"$WORK/report.md"
    awk -v b="$BEGIN_MARK" -v e="$END_MARK" -v f="$WORK/report.md" '
        $0 == b { print; while ((getline line < f) > 0) print line; skip = 1; next }
        $0 == e { skip = 0 }
        !skip { print }
    ' "$OUT" >"$WORK/out.md"
    cat "$WORK/out.md" >"$OUT"
else
    {
        printf '%s\n' "# Benchmarks" "" "Produced by \`bash bench/run.sh\` (see README, \"Benchmarks\")." ""
        printf '%s\n%s\n%s\n' "$BEGIN_MARK" "$REPORT" "$END_MARK"
    } >"$OUT"
fi
say "bench: wrote $OUT"
