#!/usr/bin/env bash
# Peak memory of `assist watch --once` over 100,000 desktops read from a file, against a plain
# HTTP simulator on loopback with `--desktops 100000 --seed-status mixed` (four in five have a
# session, one in five none): the largest maximum resident set size of GNU time over the runs.
# Target: under 64 MiB.
#
# A run that has not ended after BENCH_MEMORY_TIMEOUT seconds is stopped (SIGTERM, SIGKILL 10 s
# later) and the row says so, with the lines printed by then and the peak so far (a lower
# bound): MISS.
#
# Run by bench/run.sh (BIN, WORK set; see bench/lib.sh). Knobs: BENCH_MEMORY_DESKTOPS
# (100000), BENCH_MEMORY_RUNS (1), BENCH_MEMORY_TIMEOUT (600).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

N=${BENCH_MEMORY_DESKTOPS:-100000}
RUNS=${BENCH_MEMORY_RUNS:-1}
LIMIT_S=${BENCH_MEMORY_TIMEOUT:-600}
LIMIT_MIB=64
COMMAND="\`assist watch --once --file ids -o json\` (token), $N desktops"
if ! [[ -x /usr/bin/time ]] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    row "peak RSS" "$COMMAND" "–" "GNU time not installed" "< $LIMIT_MIB MiB" "**MISS** (not measured)"
    exit 0
fi

say "bench: simulator with $N desktops"
start_sim --desktops "$N" --seed-status mixed
printf '[profiles.bench]\nendpoint = "%s"\nproject_id = "%s"\nauth = "token"\ntoken = "%s"\n' \
    "$SIM_URL" "$PROJECT" "$TOKEN" >"$WORK/config.toml"
chmod 600 "$WORK/config.toml"
for ((i = 1; i <= N; i++)); do
    printf '00000000-0000-4000-8000-%012d\n' "$i"
done >"$WORK/ids.txt"

best=0
: >"$WORK/elapsed"
for ((run = 1; run <= RUNS; run++)); do
    say "bench: watch --once over $N desktops, run $run/$RUNS"
    t0=$(now)
    status=0
    /usr/bin/time -f %M -o "$WORK/rss" timeout -k 10 "$LIMIT_S" "$BIN" --config "$WORK/config.toml" \
        --profile bench watch --once --file "$WORK/ids.txt" -o json >"$WORK/watch.ndjson" \
        2>"$WORK/watch.err" || status=$?
    ms_since "$t0" >>"$WORK/elapsed"
    lines=$(wc -l <"$WORK/watch.ndjson")
    kib=$(tail -n 1 "$WORK/rss")
    ((kib > best)) && best=$kib
    # 124: ended by timeout's SIGTERM; 137: by its SIGKILL 10 s later (a SIGTERM not heeded).
    if ((status == 124 || status == 137)); then
        row "peak RSS" "$COMMAND" "≥ $(awk -v v="$best" 'BEGIN { printf "%.1f MiB", v / 1024 }')" \
            "not finished after $LIMIT_S s ($lines of $N lines printed)" "< $LIMIT_MIB MiB" "**MISS**"
        note "100k memory row: \`watch --once\` over $N IDs from a file was stopped after $LIMIT_S s with $lines lines printed; the peak RSS shown is the peak until then; its stderr ended: $(tail -n 2 "$WORK/watch.err" | tr '\n' ' ' | sed 's/[`|]/ /g')"
        exit 0
    fi
    ((status == 0)) || die "watch --once over $N desktops failed ($status): $(tail -n 3 "$WORK/watch.err")"
    ((lines == N)) || die "watch --once printed $lines lines for $N desktops"
done
secs=$(median <"$WORK/elapsed" | awk '{ printf "%.1f", $1 / 1000 }')
row "peak RSS" "$COMMAND" "$(awk -v v="$best" 'BEGIN { printf "%.1f MiB", v / 1024 }')" "in $secs s" \
    "< $LIMIT_MIB MiB" "$(verdict "$best" $((LIMIT_MIB * 1024 - 1)))"
note "100k memory row: \`assist sim --desktops $N --seed-status mixed\` on loopback (plain HTTP); the largest peak RSS (GNU time) of $RUNS run(s) of \`watch --once\` over all $N IDs from a file, which printed one line per desktop"
