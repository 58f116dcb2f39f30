# shellcheck shell=bash disable=SC2034 # (the variables set here are read by the sections)
# Shared by the sections of the benchmark (bench/rtt.sh, bench/memory.sh, bench/quota.sh),
# which bench/run.sh runs with BIN (the release binary) and WORK (a fresh directory of the
# section's own) in the environment. A section writes its table rows (`| what | command |
# median | ratio | target | result |`) to $WORK/rows.md and bullet lines for the report to
# $WORK/notes.md. Every process a section starts is ended when it exits.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${BIN:?BIN must name the assist binary}" "${WORK:?WORK must name the directory of the section}"

# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
for tool in curl jq python3; do
    command -v "$tool" >/dev/null || die "$tool is required by $(basename "$0")"
done

STARTED_PIDS=()
stop_all() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    STARTED_PIDS=()
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# stop PID: ends one process this section started.
stop() {
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# start_sim ARGS...: starts `assist sim ARGS` on a free loopback port and returns once its
# banner's first line (printed after seeding) is there. Sets SIM_PID, SIM_URL, SIM_PORT;
# stderr goes to $WORK/sim.err. The pipe of its stdout stays open in SIM_FD.
start_sim() {
    local line
    exec {SIM_FD}< <(exec "$BIN" sim --addr 127.0.0.1:0 --ak "$AK" --sk "$SK" --token "$TOKEN" \
        --project-id "$PROJECT" "$@" 2>"$WORK/sim.err")
    SIM_PID=$!
    STARTED_PIDS+=("$SIM_PID")
    read -r -t 300 -u "$SIM_FD" line || die "the simulator did not start: $(cat "$WORK/sim.err")"
    SIM_URL=$(grep -o 'https\?://[^ ]*' <<<"$line") || die "no URL in the simulator's banner: $line"
    SIM_PORT=${SIM_URL##*:}
}

# start_proxy PORT DELAY_MS LOG: bench/delay_proxy.py in front of 127.0.0.1:PORT. Sets
# PROXY_PID and PROXY_PORT once the proxy has printed its port.
start_proxy() {
    exec {PROXY_FD}< <(exec python3 "$BENCH_DIR/delay_proxy.py" --target "127.0.0.1:$1" \
        --delay-ms "$2" --log "$3" 2>"$WORK/proxy.err")
    PROXY_PID=$!
    STARTED_PIDS+=("$PROXY_PID")
    read -r -t 30 -u "$PROXY_FD" PROXY_PORT || die "the delaying proxy did not start: $(cat "$WORK/proxy.err")"
}

# sim_get PATH: a control endpoint of the simulator, straight (not through the proxy).
sim_get() {
    curl -sf ${SIM_CA:+--cacert "$SIM_CA"} "$SIM_URL$1"
}

# now: seconds since the epoch, with microseconds.
now() { printf '%s\n' "$EPOCHREALTIME"; }
ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'; }

# median: of the numbers on stdin, one a line.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; printf "%.4f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# row WHAT COMMAND MEDIAN RATIO TARGET RESULT: one line of the report's table.
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@" >>"$WORK/rows.md"; }
note() { printf -- '- %s\n' "$*" >>"$WORK/notes.md"; }
verdict() { awk -v v="$1" -v max="$2" 'BEGIN { print (v != "" && v <= max) ? "**PASS**" : "**MISS**" }'; }
verdict_min() { awk -v v="$1" -v min="$2" 'BEGIN { print (v != "" && v >= min) ? "**PASS**" : "**MISS**" }'; }

: >"$WORK/rows.md"
: >"$WORK/notes.md"

# From here on every command of the section sees HOME and caches in its own directory.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_CACHE_HOME="$WORK/home/.cache" \
    XDG_DATA_HOME="$WORK/home/.local/share"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
