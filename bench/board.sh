#!/usr/bin/env bash
# The live board's first pass (`assist sessions --watch` on a 100x40 pseudo-terminal) against
# the one-shot `assist sessions` over the same fleet: `assist sim --desktops N --seed-status
# mixed` on loopback (plain HTTP, no quota). The board's time is until it says every desktop
# was checked (bench/board.py); the one-shot's, until it exits. Target: the board's first pass
# within 1.5x the one-shot's (issue 22: it was 40x slower, redrawing the whole table per change).
#
# Run by bench/run.sh (BIN, WORK set; see bench/lib.sh). Knobs: BENCH_BOARD_DESKTOPS (3000),
# BENCH_BOARD_RUNS (5), BENCH_BOARD_TIMEOUT (300).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

N=${BENCH_BOARD_DESKTOPS:-3000}
RUNS=${BENCH_BOARD_RUNS:-5}
LIMIT_S=${BENCH_BOARD_TIMEOUT:-300}
# The seeded named desktops come on top of the generated ones.
TOTAL=$((N + 8))

say "bench: simulator with $N desktops for the board"
start_sim --desktops "$N" --seed-status mixed
printf '[profiles.bench]\nendpoint = "%s"\nproject_id = "%s"\nauth = "token"\ntoken = "%s"\n' \
    "$SIM_URL" "$PROJECT" "$TOKEN" >"$WORK/config.toml"
chmod 600 "$WORK/config.toml"

: >"$WORK/board.s"
: >"$WORK/sessions.s"
: >"$WORK/bytes"
for ((run = 1; run <= RUNS; run++)); do
    say "bench: board first pass and one-shot sessions over $TOTAL desktops, run $run/$RUNS"
    t0=$(now)
    "$BIN" --config "$WORK/config.toml" --profile bench sessions -o json >"$WORK/sessions.json" \
        2>"$WORK/sessions.err" || die "sessions failed: $(tail -n 3 "$WORK/sessions.err")"
    ms_since "$t0" | awk '{ printf "%.3f\n", $1 / 1000 }' >>"$WORK/sessions.s"
    read -r secs bytes < <(python3 "$BENCH_DIR/board.py" "$BIN" "$WORK/config.toml" "$TOTAL" \
        "$LIMIT_S") || die "the board's first pass did not end within $LIMIT_S s"
    echo "$secs" >>"$WORK/board.s"
    echo "$bytes" >>"$WORK/bytes"
done

board=$(median <"$WORK/board.s")
sessions=$(median <"$WORK/sessions.s")
bytes=$(median <"$WORK/bytes" | awk '{ printf "%.0f", $1 / 1024 }')
r=$(awk -v a="$board" -v b="$sessions" 'BEGIN { printf "%.2f", a / b }')
secs() { awk -v v="$1" 'BEGIN { printf "%.2f s", v }'; }
row "board, $TOTAL desktops" "\`assist sessions --watch\` on a 100x40 pty: first pass" "$(secs "$board")" \
    "${r}× sessions" "≤ 1.50× sessions" "$(verdict "$r" 1.5)"
row "board, $TOTAL desktops" "\`assist sessions -o json\` (one-shot)" "$(secs "$sessions")" "1.00× sessions" "" ""
note "board rows: \`assist sim --desktops $N --seed-status mixed\` on loopback (plain HTTP, no quota); medians of $RUNS runs; the board's first pass is the time until it says \"$TOTAL of $TOTAL desktops checked\" (bench/board.py), during which it wrote ${bytes} KiB (median) to the 100x40 terminal"
