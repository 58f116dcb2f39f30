#!/usr/bin/env bash
# What telling the team costs a cron run: `assist watch --once` over 1,000 desktops with and
# without `--notify` to a Feishu-kind target served by a small receiver on loopback
# (bench/notify.sh's own python3 server, answering `{"code":0}` at once). Every first
# observation with a session is told, so the run with the target also sends its messages and
# flushes them before it exits. Runs alternate (without, with) so a slow moment of the machine
# lands on both; the row is the ratio of the medians. Target: ≤ 1.10× (no measurable time).
#
# Run by bench/run.sh (BIN, WORK set; see bench/lib.sh). Knobs: BENCH_NOTIFY_DESKTOPS (1000),
# BENCH_NOTIFY_RUNS (5).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

N=${BENCH_NOTIFY_DESKTOPS:-1000}
RUNS=${BENCH_NOTIFY_RUNS:-5}

say "bench: simulator with $N desktops, a notify receiver"
start_sim --desktops "$N" --seed-status mixed
cat >"$WORK/receiver.py" <<'PY'
import http.server, sys

class Bot(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[1], "a") as log:
            log.write(self.path + "\n")
        body = b'{"code":0,"msg":"success"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Bot)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
: >"$WORK/received"
exec {BOT_FD}< <(exec python3 "$WORK/receiver.py" "$WORK/received" 2>"$WORK/receiver.err")
STARTED_PIDS+=("$!")
read -r -t 30 -u "$BOT_FD" BOT_PORT || die "the notify receiver did not start: $(cat "$WORK/receiver.err")"

printf '[profiles.bench]\nendpoint = "%s"\nproject_id = "%s"\nauth = "token"\ntoken = "%s"\n\n[notify.bench]\nkind = "feishu"\nurl = "http://127.0.0.1:%s/hook"\n' \
    "$SIM_URL" "$PROJECT" "$TOKEN" "$BOT_PORT" >"$WORK/config.toml"
chmod 600 "$WORK/config.toml"
for ((i = 1; i <= N; i++)); do
    printf '00000000-0000-4000-8000-%012d\n' "$i"
done >"$WORK/ids.txt"
WATCH=("$BIN" --config "$WORK/config.toml" --profile bench watch --once --file "$WORK/ids.txt" -o json)

: >"$WORK/without" && : >"$WORK/with"
for ((run = 1; run <= RUNS; run++)); do
    say "bench: watch --once over $N desktops without and with --notify, run $run/$RUNS"
    t0=$(now)
    "${WATCH[@]}" >"$WORK/plain.ndjson" 2>"$WORK/plain.err" || die "watch --once failed: $(tail -n 3 "$WORK/plain.err")"
    ms_since "$t0" >>"$WORK/without"
    before=$(wc -l <"$WORK/received")
    t0=$(now)
    "${WATCH[@]}" --notify bench >"$WORK/told.ndjson" 2>"$WORK/told.err" ||
        die "watch --once --notify failed: $(tail -n 3 "$WORK/told.err")"
    ms_since "$t0" >>"$WORK/with"
    grep -q '^warning' "$WORK/told.err" && die "the notified run warned: $(cat "$WORK/told.err")"
    cmp -s <(wc -l <"$WORK/plain.ndjson") <(wc -l <"$WORK/told.ndjson") || die "the two runs printed different numbers of lines"
    MESSAGES=$(($(wc -l <"$WORK/received") - before))
    ((MESSAGES > 0)) || die "the notified run sent no message"
done
without=$(median <"$WORK/without")
with=$(median <"$WORK/with")
ratio=$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a / b }')
ms() { awk -v v="$1" 'BEGIN { if (v >= 100) printf "%.0f ms", v; else printf "%.2f ms", v }'; }
row "notify" "\`assist watch --once --file ids -o json\`, $N desktops, no target" "$(ms "$without")" "1.00× without" "" ""
row "notify" "the same with \`--notify bench\` (feishu kind, loopback receiver; $MESSAGES message(s) a run)" \
    "$(ms "$with")" "${ratio}× without" "≤ 1.10× without" "$(verdict "$ratio" 1.10)"
note "notify rows: \`assist sim --desktops $N --seed-status mixed\` and a python3 receiver on loopback; $RUNS alternating runs each of \`watch --once\` over $N IDs without and with \`--notify\` (every first sight of a session told, in $MESSAGES Feishu message(s) of at most 18 KB, sent and flushed before the run exits); medians"
