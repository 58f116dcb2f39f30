#!/usr/bin/env bash
# Polling under the API gateway's quota: `assist watch --all --interval 5s` (no --max-rate)
# against `assist sim --rate-limit`, on loopback (plain HTTP), the simulator's counters read
# from GET /_sim/stats (quota.accepted, quota.throttled: cumulative Workspace calls).
#
#   large fleet: 10,000 desktops under 200/s. Between t=10 s and t=60 s of the watch:
#     achieved = accepted calls / s              target >= 0.90 x quota
#     throttled share = throttled / all calls    target <= 2 %
#   The same watch also gives the time to detect: sessions were started (POST, with curl and
#   the token) on 20 desktops spread over the fleet just before it began; the simulator moves
#   them to WAIT_USER_ACCESS 60 s later and to OPEN 30 s after that, i.e. after the watch's
#   first full round (n / quota = 50 s). Each line of `watch -o json` is timestamped as it
#   arrives (bench/stamp.py); a change's delay is the arrival of the first line showing it
#   minus the change's time (bench/detect.py).  target: median <= 2 x --interval
#   small fleet: 300 desktops under 120/min, between t=10 s and t=130 s: the same two targets.
#   From t=0 too (the slow start): throttled share <= 2 %, and the first round: every desktop
#   reported once within 1.5 x n / quota (bench/rounds.py, from the stamped lines).
#   pending fleet (issue 21): 320 desktops under 20/s, `--seed-status mixed` (128 of them
#   pending for good: WAIT_USER_CONFIRM or WAIT_USER_ACCESS), 20 sessions started with curl
#   (the token, a budget of its own) in the watch's first second on desktops without one,
#   OPEN 20 s later: each reported OPEN within 45 s of its start; the first round within
#   1.5 x 320 / 20 = 24 s; throttled share from t=0 <= 2 %.
#
# Run by bench/run.sh (BIN, WORK set; see bench/lib.sh). Knobs (durations in seconds):
#   BENCH_QUOTA_DESKTOPS (10000), BENCH_QUOTA_RATE (200/s), BENCH_QUOTA_FROM (10),
#   BENCH_QUOTA_TO (60), BENCH_QUOTA_PENDING (20 sessions), BENCH_QUOTA_CONFIRM_AFTER (60),
#   BENCH_QUOTA_ACCESS_AFTER (30), BENCH_QUOTA_DETECT_MAX (180: the watch ends then even if a
#   change was not reported), BENCH_QUOTA_SMALL_DESKTOPS (300), BENCH_QUOTA_SMALL_RATE
#   (120/min), BENCH_QUOTA_SMALL_FROM (10), BENCH_QUOTA_SMALL_TO (130), BENCH_QUOTA_SMALL=0
#   (skip the small fleet), BENCH_QUOTA_INTERVAL (5s), BENCH_QUOTA_RETRY_AFTER (none),
#   BENCH_QUOTA_PENDING_FLEET=0 (skip the pending fleet), BENCH_QUOTA_WATCH_ARGS (more options for both watches, split on spaces, e.g.
#   "--max-rate 190" to compare with a rate given by hand; the rows then say so).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

INTERVAL=${BENCH_QUOTA_INTERVAL:-5s}
RETRY_AFTER=${BENCH_QUOTA_RETRY_AFTER:-none}
N=${BENCH_QUOTA_DESKTOPS:-10000}
RATE=${BENCH_QUOTA_RATE:-200/s}
FROM=${BENCH_QUOTA_FROM:-10}
TO=${BENCH_QUOTA_TO:-60}
PENDING=${BENCH_QUOTA_PENDING:-20}
CONFIRM=${BENCH_QUOTA_CONFIRM_AFTER:-60}
ACCESS=${BENCH_QUOTA_ACCESS_AFTER:-30}
DETECT_MAX=${BENCH_QUOTA_DETECT_MAX:-180}
SMALL=${BENCH_QUOTA_SMALL:-1}
SMALL_N=${BENCH_QUOTA_SMALL_DESKTOPS:-300}
SMALL_RATE=${BENCH_QUOTA_SMALL_RATE:-120/min}
SMALL_FROM=${BENCH_QUOTA_SMALL_FROM:-10}
SMALL_TO=${BENCH_QUOTA_SMALL_TO:-130}
PENDING_FLEET=${BENCH_QUOTA_PENDING_FLEET:-1}

# per_second RATE: 200/s -> 200, 120/min -> 2.
per_second() {
    awk -v r="$1" 'BEGIN { split(r, p, "/"); print (p[2] == "min") ? p[1] / 60 : p[1] }'
}
# seconds DURATION: 5s -> 5, 500ms -> 0.5, 2m -> 120.
seconds() {
    awk -v d="$1" 'BEGIN { n = d + 0; u = substr(d, length(n "") + 1);
        print (u == "ms") ? n / 1000 : (u == "m") ? n * 60 : (u == "h") ? n * 3600 : n }'
}
read -r -a WATCH_ARGS <<<"${BENCH_QUOTA_WATCH_ARGS:-}"
INTERVAL_S=$(seconds "$INTERVAL")
WATCH_TEXT="assist watch --all --interval $INTERVAL${WATCH_ARGS[*]:+ ${WATCH_ARGS[*]}}"
LARGE="\`$WATCH_TEXT\`, $N desktops under $RATE"
SMALL_CMD="\`$WATCH_TEXT\`, $SMALL_N desktops under $SMALL_RATE"

if ! "$BIN" sim --help 2>/dev/null | grep -q -- '--rate-limit'; then
    why="not measured: this build's simulator has no \`--rate-limit\`"
    row "quota" "$LARGE: achieved rate, t=${FROM}→${TO} s" "–" "$why" "≥ 0.90× quota" "**MISS**"
    row "quota" "$LARGE: throttled share" "–" "$why" "≤ 2 %" "**MISS**"
    row "quota" "$LARGE: time to detect a pending desktop's change" "–" "$why" "≤ 2 × interval" "**MISS**"
    if [[ $SMALL == 1 ]]; then
        row "quota" "$SMALL_CMD: achieved rate, t=${SMALL_FROM}→${SMALL_TO} s" "–" "$why" "≥ 0.90× quota" "**MISS**"
        row "quota" "$SMALL_CMD: throttled share" "–" "$why" "≤ 2 %" "**MISS**"
    fi
    exit 0
fi

# config: a token profile for the simulator now running.
config() {
    printf '[profiles.bench]\nendpoint = "%s"\nproject_id = "%s"\nauth = "token"\ntoken = "%s"\n' \
        "$SIM_URL" "$PROJECT" "$TOKEN" >"$WORK/config.toml"
    chmod 600 "$WORK/config.toml"
}

# sample NAME: the quota counters and the time, as "time accepted throttled", into $WORK/NAME.
sample() {
    local stats
    stats=$(sim_get /_sim/stats) || die "GET /_sim/stats failed"
    printf '%s %s\n' "$(now)" "$(jq -r '"\(.quota.accepted) \(.quota.throttled)"' <<<"$stats")" >"$WORK/$1"
}

# sleep_until T0 SECONDS: until SECONDS after T0 (epoch seconds).
sleep_until() {
    local left
    left=$(awk -v t0="$1" -v s="$2" -v now="$EPOCHREALTIME" 'BEGIN { d = t0 + s - now; printf "%.3f", (d > 0) ? d : 0 }')
    sleep "$left"
}

# watch_start: `watch --all` in the background, each NDJSON line timestamped into
# $WORK/watch.stamped, stderr into $WORK/watch.err. Sets WATCH_PID and WATCH_T0.
watch_start() {
    WATCH_T0=$(now)
    python3 "$BENCH_DIR/stamp.py" "$WORK/watch.stamped" -- \
        "$BIN" --config "$WORK/config.toml" --profile bench watch --all --interval "$INTERVAL" "${WATCH_ARGS[@]}" -o json \
        2>"$WORK/watch.err" &
    WATCH_PID=$!
    STARTED_PIDS+=("$WATCH_PID")
}

# rate_rows LABEL RATE FROM TO: the achieved rate and the throttled share between the samples
# $WORK/*.FROM and $WORK/*.TO (the times, in seconds after the watch started, FROM and TO).
rate_rows() {
    local label=$1 quota t1 a1 h1 t2 a2 h2 achieved share
    quota=$(per_second "$2")
    read -r t1 a1 h1 <"$WORK/sample.$3"
    read -r t2 a2 h2 <"$WORK/sample.$4"
    achieved=$(awk -v a="$((a2 - a1))" -v t="$t2" -v s="$t1" 'BEGIN { printf "%.2f", a / (t - s) }')
    local ratio
    ratio=$(awk -v a="$achieved" -v q="$quota" 'BEGIN { printf "%.2f", a / q }')
    share=$(awk -v a="$((a2 - a1))" -v h="$((h2 - h1))" 'BEGIN { printf "%.2f", (a + h) ? 100 * h / (a + h) : 0 }')
    row "quota" "$label: achieved rate, t=${3}→${4} s" "$achieved calls/s" "${ratio}× quota" \
        "≥ 0.90× quota" "$(verdict_min "$ratio" 0.90)"
    row "quota" "$label: throttled share, t=${3}→${4} s" "$share %" \
        "$((h2 - h1)) of $((a2 - a1 + h2 - h1)) calls" "≤ 2 %" "$(verdict "$share" 2)"
}

# fleet_size: the desktops the simulator lists (the --desktops ones and its own few), read
# with the token before the watch begins.
fleet_size() {
    curl -sf -H "X-Auth-Token: $TOKEN" "$SIM_URL/v2/$PROJECT/desktops?limit=1" | jq -r .total_count
}

# start_rows LABEL RATE N TO: from t=0, the throttled share (samples $WORK/sample.0 and
# $WORK/sample.TO) and the first round (bench/rounds.py on $WORK/watch.stamped).
start_rows() {
    local label=$1 quota t1 a1 h1 t2 a2 h2 share first seen bound
    quota=$(per_second "$2")
    read -r t1 a1 h1 <"$WORK/sample.0"
    read -r t2 a2 h2 <"$WORK/sample.$4"
    share=$(awk -v a="$((a2 - a1))" -v h="$((h2 - h1))" 'BEGIN { printf "%.2f", (a + h) ? 100 * h / (a + h) : 0 }')
    row "quota" "$label: throttled share from the start (slow start), t=0→${4} s" "$share %" \
        "$((h2 - h1)) of $((a2 - a1 + h2 - h1)) calls" "≤ 2 %" "$(verdict "$share" 2)"
    read -r _ first seen < <(python3 "$BENCH_DIR/rounds.py" "$WORK/watch.stamped" "$WATCH_T0")
    # n: the fleet the watch lists (--all), measured before it began.
    bound=$(awk -v n="$3" -v q="$quota" 'BEGIN { printf "%.1f", 1.5 * n / q }')
    local result ratio
    if [[ $seen == "$3" ]]; then
        ratio=$(awk -v f="$first" -v n="$3" -v q="$quota" 'BEGIN { printf "%.2f× n ÷ quota", f * q / n }')
        result=$(verdict "$first" "$bound")
    elif awk -v t="$4" -v b="$bound" 'BEGIN { exit !(t < b) }'; then
        first="" ratio="the watch ran $4 s, less than the target" result="not measured"
    else
        first="" ratio="–" result="**MISS**"
    fi
    row "quota" "$label: first round, every desktop reported once ($seen of $3)" "${first:-–} s" \
        "$ratio" "≤ 1.5 × n ÷ quota ($bound s)" "$result"
}

# ---- The large fleet: rate, throttling and time to detect ----
say "bench: quota: $N desktops under $RATE, sessions starting on $PENDING of them"
start_sim --desktops "$N" --rate-limit "$RATE" --retry-after "$RETRY_AFTER" \
    --confirm-after "${CONFIRM}s" --access-after "${ACCESS}s"
config
: >"$WORK/starts"
for ((i = 0; i < PENDING; i++)); do
    desk=$(printf '00000000-0000-4000-8000-%012d' $((1 + i * N / PENDING + N / (2 * PENDING))))
    t0=$(now)
    code=$(curl -s -o "$WORK/post.json" -w '%{http_code}' -X POST --data '' \
        -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
        "$SIM_URL/v2/$PROJECT/desktops/$desk/remote-assistance")
    [[ $code == 200 ]] || die "starting a session on $desk: HTTP $code: $(head -c 300 "$WORK/post.json")"
    # The simulator started it between the request and the answer (a millisecond on loopback).
    printf '%s\t%s\n' "$desk" "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f", (a + b) / 2 }')" >>"$WORK/starts"
done
FLEET=$(fleet_size)
sample "sample.0"
watch_start
sleep_until "$WATCH_T0" "$FROM"
sample "sample.$FROM"
sleep_until "$WATCH_T0" "$TO"
sample "sample.$TO"
# Then until every change was reported (or DETECT_MAX after the start).
latest=$(awk -F'\t' '{ print $2 }' "$WORK/starts" | sort -g | tail -n 1)
deadline=$(awk -v l="$latest" -v c="$CONFIRM" -v a="$ACCESS" -v w="$WATCH_T0" -v m="$DETECT_MAX" \
    'BEGIN { d = w + m; e = l + c + a; printf "%.3f\n", (e > d) ? e : d }')
while awk -v d="$deadline" -v now="$EPOCHREALTIME" 'BEGIN { exit !(now < d) }'; do
    python3 "$BENCH_DIR/detect.py" "$WORK/watch.stamped" "$WORK/starts" "$CONFIRM" "$ACCESS" >"$WORK/detect" ||
        die "detect.py failed"
    grep -q missed "$WORK/detect" || break
    kill -0 "$WATCH_PID" 2>/dev/null || break
    sleep 1
done
stop "$WATCH_PID"
WATCHED_S=$(ms_since "$WATCH_T0" | awk '{ printf "%.0f", $1 / 1000 }')
python3 "$BENCH_DIR/detect.py" "$WORK/watch.stamped" "$WORK/starts" "$CONFIRM" "$ACCESS" >"$WORK/detect"
rate_rows "$LARGE" "$RATE" "$FROM" "$TO"
start_rows "$LARGE" "$RATE" "$FLEET" "$TO"

changes=$(wc -l <"$WORK/detect")
missed=$(grep -c missed "$WORK/detect" || true)
unreported=""
((missed == 0)) || unreported=", $missed not reported"
interval2=$(awk -v i="$INTERVAL_S" 'BEGIN { print 2 * i }')
if ((missed < changes)); then
    # A missed change counts as later than any reported one.
    med=$(awk '{ print ($3 == "missed") ? 1e9 : $3 }' "$WORK/detect" | median)
    shown=$(awk -v m="$med" 'BEGIN { if (m >= 1e9) print "never"; else printf "%.1f s", m }')
    ratio=$(awk -v m="$med" -v i="$INTERVAL_S" 'BEGIN { if (m >= 1e9) print "–"; else printf "%.2f× interval", m / i }')
    result=$(verdict "$med" "$interval2")
else
    shown="never"
    ratio="–"
    result="**MISS**"
fi
row "quota" "$LARGE: time to detect a pending desktop's change (median of $changes changes on $PENDING desktops$unreported)" \
    "$shown" "$ratio" "≤ 2 × interval ($interval2 s)" "$result"
row "quota" "reference: plain round-robin, one full round of $N desktops at $RATE (n ÷ quota)" \
    "$(awk -v n="$N" -v q="$(per_second "$RATE")" 'BEGIN { printf "%.0f s", n / q }')" "" "" ""
# The fastest, the 90th percentile and the slowest of the reported changes.
awk '$3 != "missed" { print $3 }' "$WORK/detect" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) exit; i = int(0.9 * NR + 0.5); if (i < 1) i = 1
    printf "%.1f %.1f %.1f\n", v[1], v[i], v[NR] }' >"$WORK/spread"
read -r fastest p90 slowest <"$WORK/spread" || true
said=$(grep -v '^$' "$WORK/watch.err" | head -n 3 | tr '\n' ' ' | sed 's/[`|]/ /g; s/ *$//')
note "quota, large fleet: \`assist sim --desktops $N --rate-limit $RATE --retry-after $RETRY_AFTER --confirm-after ${CONFIRM}s --access-after ${ACCESS}s\`; $PENDING sessions started with curl just before \`watch\` began (a change to WAIT_USER_ACCESS ${CONFIRM} s after each start, to OPEN ${ACCESS} s later); the watch ran ${WATCHED_S} s; changes reported after ${fastest:-?} s at best, ${p90:-?} s at the 90th percentile, ${slowest:-?} s at worst$unreported; its stderr began: ${said:-(nothing)}"

# ---- The small fleet ----
if [[ $SMALL == 1 ]]; then
    stop "$SIM_PID"
    say "bench: quota: $SMALL_N desktops under $SMALL_RATE for $SMALL_TO s"
    start_sim --desktops "$SMALL_N" --rate-limit "$SMALL_RATE" --retry-after "$RETRY_AFTER"
    config
    FLEET=$(fleet_size)
    sample "sample.0"
    watch_start
    sleep_until "$WATCH_T0" "$SMALL_FROM"
    sample "sample.$SMALL_FROM"
    sleep_until "$WATCH_T0" "$SMALL_TO"
    sample "sample.$SMALL_TO"
    stop "$WATCH_PID"
    rate_rows "$SMALL_CMD" "$SMALL_RATE" "$SMALL_FROM" "$SMALL_TO"
    start_rows "$SMALL_CMD" "$SMALL_RATE" "$FLEET" "$SMALL_TO"
    said=$(grep -v '^$' "$WORK/watch.err" | head -n 3 | tr '\n' ' ' | sed 's/[`|]/ /g; s/ *$//')
    note "quota, small fleet: \`assist sim --desktops $SMALL_N --rate-limit $SMALL_RATE --retry-after $RETRY_AFTER\`; the watch's stderr began: ${said:-(nothing)}"
fi
note "quota: the rates are the simulator's own counts (GET /_sim/stats, quota.accepted and quota.throttled) between the two samples, divided by the time between them; \`watch\` had ${WATCH_ARGS[*]:-no \`--max-rate\` or other option but \`-o json\`}"

# ---- The pending fleet: many desktops pending for good, sessions started as it begins ----
if [[ $PENDING_FLEET == 1 ]]; then
    stop "$SIM_PID"
    P_N=320 P_RATE=20/s P_SESSIONS=20 P_WITHIN=45 P_MAX=90
    P_CMD="\`$WATCH_TEXT\`, $P_N desktops (128 pending for good) under $P_RATE"
    say "bench: quota: $P_N desktops, 128 pending, under $P_RATE; $P_SESSIONS sessions started at once"
    start_sim --desktops "$P_N" --seed-status mixed --rate-limit "$P_RATE" \
        --rate-limit-scope credential --retry-after "$RETRY_AFTER" --confirm-after 10s --access-after 10s
    config
    FLEET=$(fleet_size)
    sample "sample.0"
    : >"$WORK/starts"
    watch_start
    # Desktops 5, 10, ..., 100: without a record in the mixed seed (index % 5 == 0).
    for ((i = 1; i <= P_SESSIONS; i++)); do
        desk=$(printf '00000000-0000-4000-8000-%012d' $((5 * i)))
        t0=$(now)
        code=$(curl -s -o "$WORK/post.json" -w '%{http_code}' -X POST --data '' \
            -H "X-Auth-Token: $TOKEN" -H 'Content-Type: application/json' \
            "$SIM_URL/v2/$PROJECT/desktops/$desk/remote-assistance")
        [[ $code == 200 ]] || die "starting a session on $desk: HTTP $code: $(head -c 300 "$WORK/post.json")"
        printf '%s\t%s\n' "$desk" "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f", (a + b) / 2 }')" >>"$WORK/starts"
    done
    started=$(awk -v w="$WATCH_T0" '{ d = $2 - w; if (d > m) m = d } END { printf "%.1f", m }' "$WORK/starts")
    # Until every session was reported OPEN, P_MAX seconds at most.
    while awk -v d="$WATCH_T0" -v m="$P_MAX" -v now="$EPOCHREALTIME" 'BEGIN { exit !(now < d + m) }'; do
        python3 "$BENCH_DIR/rounds.py" "$WORK/watch.stamped" "$WATCH_T0" "$WORK/starts" >"$WORK/opened"
        grep -q missed "$WORK/opened" || break
        sleep 1
    done
    python3 "$BENCH_DIR/rounds.py" "$WORK/watch.stamped" "$WATCH_T0" "$WORK/starts" >"$WORK/opened"
    P_TO=$(ms_since "$WATCH_T0" | awk '{ printf "%d", $1 / 1000 }')
    sample "sample.$P_TO"
    stop "$WATCH_PID"
    start_rows "$P_CMD" "$P_RATE" "$FLEET" "$P_TO"
    missed=$(grep -c missed "$WORK/opened" || true)
    slowest=$(awk 'NR > 1 && $2 != "missed" { print $2 }' "$WORK/opened" | sort -g | tail -n 1)
    reported=$((P_SESSIONS - missed))
    if ((missed == 0)); then result=$(verdict "$slowest" "$P_WITHIN"); else result="**MISS**"; fi
    row "quota" "$P_CMD: $P_SESSIONS sessions started in the first $started s, each reported OPEN (slowest; $reported of $P_SESSIONS reported)" \
        "${slowest:-never} s" "OPEN 20 s after the start" "≤ $P_WITHIN s" "$result"
    said=$(grep '^note:' "$WORK/watch.err" | tr '\n' ' ' | sed 's/[`|]/ /g; s/ *$//')
    note "quota, pending fleet: \`assist sim --desktops $P_N --seed-status mixed --rate-limit $P_RATE --rate-limit-scope credential --retry-after $RETRY_AFTER --confirm-after 10s --access-after 10s\`; $P_SESSIONS sessions started with curl (the token's own budget) as the watch began; the watch ran ${P_TO} s; its notes: ${said:-(none)}"
fi
