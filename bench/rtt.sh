#!/usr/bin/env bash
# Round trips per command: `assist` over HTTPS through bench/delay_proxy.py, which delays every
# chunk by BENCH_RTT_DELAY_MS (default 50) each way, so one round trip (RTT) costs twice that.
# Each row is the median elapsed time divided by the RTT, with one decimal; PASS when it is at
# most the target + 0.5 (the rest of a run, process start and TLS computation, is a few ms).
#
#   show ID, cold (a new process: TLS 1.3 handshake + the GET)           target 2
#   show --name X (+ the ListDesktops of the selector)                   target 3
#   show ID with password auth and empty caches (IAM token, then GET)    target <= 4
#   start ID --wait: the polls after the first                           target 1 per poll
#
# The TCP connect to the proxy is local and not delayed. For start --wait, the proxy's event
# log gives the busy periods (bench/busy.py): each poll is one, the silences between them are
# the --interval the client waits, and the first one also holds the look, the POST and the
# first poll; the row is the median length of the later ones.
#
# Run by bench/run.sh (BIN, WORK set; see bench/lib.sh). Knobs: BENCH_RTT_DELAY_MS (50),
# BENCH_RTT_RUNS (7 timed runs of each command, after one warm-up), BENCH_RTT_STARTS (3 runs of
# start --wait).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

DELAY=${BENCH_RTT_DELAY_MS:-50}
RUNS=${BENCH_RTT_RUNS:-7}
STARTS=${BENCH_RTT_STARTS:-3}
RTT=$(awk -v d="$DELAY" 'BEGIN { print 2 * d }')
# Polls far enough apart that the silences between them stand out from the round trips.
POLL_MS=$(awk -v r="$RTT" 'BEGIN { v = 5 * r; print (v < 500) ? 500 : v }')
GAP_MS=$(awk -v r="$RTT" 'BEGIN { print 1.5 * r }')
command -v openssl >/dev/null || die "openssl is required for the round-trip rows"

# ---- A self-signed certificate for 127.0.0.1 and localhost, trusted through ca_file ----
mkdir -p "$WORK/tls"
cat >"$WORK/tls/req.cnf" <<'EOF'
[req]
distinguished_name = dn
x509_extensions = ext
prompt = no
[dn]
CN = localhost
[ext]
subjectAltName = IP:127.0.0.1,DNS:localhost
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
EOF
openssl req -x509 -config "$WORK/tls/req.cnf" -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -days 2 -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>"$WORK/tls/openssl.err" ||
    die "openssl could not make a certificate: $(cat "$WORK/tls/openssl.err")"
SIM_CA=$WORK/tls/cert.pem

# ---- The simulator (HTTPS) and the proxy in front of it ----
# Generated desktops: index 1 is OPEN, multiples of 5 have no record (start asks them anew).
IAM_USER=bench-user
IAM_PASSWORD=Bench-Passw0rd-1
IAM_DOMAIN=bench-account
start_sim --tls-cert "$WORK/tls/cert.pem" --tls-key "$WORK/tls/key.pem" \
    --desktops 100 --seed-status mixed --confirm-after 1s --access-after 1s \
    --iam-user "$IAM_USER:$IAM_PASSWORD" --iam-domain "$IAM_DOMAIN"
LOG=$WORK/proxy.log
: >"$LOG"
start_proxy "$SIM_PORT" "$DELAY" "$LOG"
PROXY="https://127.0.0.1:$PROXY_PORT"
say "bench: round trips through a proxy adding ${DELAY} ms each way (RTT ${RTT} ms) to $SIM_URL"

{
    printf '[profiles.token]\nendpoint = "%s"\nproject_id = "%s"\nauth = "token"\ntoken = "%s"\nca_file = "%s"\n\n' \
        "$PROXY" "$PROJECT" "$TOKEN" "$SIM_CA"
    printf '[profiles.password]\nregion = "cn-north-4"\nendpoint = "%s"\niam_endpoint = "%s"\n' "$PROXY" "$PROXY"
    printf 'auth = "password"\nuser = "%s"\ndomain = "%s"\npassword_command = "printf %%s %s"\nca_file = "%s"\n' \
        "$IAM_USER" "$IAM_DOMAIN" "$IAM_PASSWORD" "$SIM_CA"
} >"$WORK/config.toml"
chmod 600 "$WORK/config.toml"
A_TOKEN=("$BIN" --config "$WORK/config.toml" --profile token)
A_PASSWORD=("$BIN" --config "$WORK/config.toml" --profile password)
ID=00000000-0000-4000-8000-000000000001

# calls: Workspace and IAM requests the simulator has answered so far.
calls() { sim_get /_sim/stats | jq '.requests + .iam_token_requests + .iam_project_requests'; }

# timed KEY COMMAND...: one warm-up, then RUNS runs of COMMAND, each from empty caches; the
# elapsed ms go to $WORK/t.KEY, and the connections and requests of the last run to
# $WORK/c.KEY ("connections requests").
timed() {
    local key=$1 i t0 before
    shift
    : >"$WORK/t.$key"
    for ((i = 0; i <= RUNS; i++)); do
        rm -rf "$XDG_CACHE_HOME"
        mkdir -p "$XDG_CACHE_HOME"
        : >"$LOG"
        before=$(calls)
        t0=$(now)
        "$@" >"$WORK/out.$key" 2>"$WORK/err.$key" || die "failed ($?): $*: $(tail -n 3 "$WORK/err.$key")"
        ((i == 0)) || ms_since "$t0" >>"$WORK/t.$key"
    done
    echo "$(grep -c ' open ' "$LOG") $(($(calls) - before))" >"$WORK/c.$key"
}

# rtt_row KEY COMMAND_TEXT TARGET_TEXT TARGET: the row of a timed command.
rtt_row() {
    local key=$1 ms q conns reqs
    ms=$(median <"$WORK/t.$key")
    q=$(awk -v m="$ms" -v r="$RTT" 'BEGIN { printf "%.1f", m / r }')
    read -r conns reqs <"$WORK/c.$key"
    row "round trips" "$2 ($conns connection(s), $reqs request(s))" \
        "$(awk -v m="$ms" 'BEGIN { printf "%.0f ms", m }')" "$q RTT" "$3" \
        "$(verdict "$q" "$(awk -v t="$4" 'BEGIN { print t + 0.5 }')")"
}

say "bench: show, cold"
timed show "${A_TOKEN[@]}" show "$ID" -o json
say "bench: show --name"
timed name "${A_TOKEN[@]}" show --name PC-00001 -o json
say "bench: show with password auth, empty caches"
timed password "${A_PASSWORD[@]}" show "$ID" -o json

# ---- start --wait: busy periods of each run from the proxy's log ----
say "bench: start --wait, $STARTS runs (polling every ${POLL_MS} ms)"
: >"$WORK/t.poll"
: >"$WORK/t.start"
polls=0
for ((i = 1; i <= STARTS; i++)); do
    desk=$(printf '00000000-0000-4000-8000-%012d' $((5 * i)))
    : >"$LOG"
    t0=$(now)
    "${A_TOKEN[@]}" start "$desk" --wait --interval "${POLL_MS}ms" -o json >"$WORK/out.start" 2>"$WORK/err.start" ||
        die "start --wait failed ($?): $(tail -n 3 "$WORK/err.start")"
    ms_since "$t0" >>"$WORK/t.start"
    python3 "$BENCH_DIR/busy.py" "$LOG" "$GAP_MS" >"$WORK/busy.$i"
    tail -n +2 "$WORK/busy.$i" | awk '{ print $2 }' >>"$WORK/t.poll"
    gets=$(sim_get /_sim/requests | jq --arg d "$desk" \
        '[.[] | select(.method == "GET" and (.path | endswith("/desktops/" + $d + "/remote-assistance")))] | length')
    # One GET looks before the POST; the first poll shares the first busy period.
    polls=$((polls + gets - 2))
    grep -c ' open ' "$LOG" >"$WORK/c.start" || true
done
periods=$(wc -l <"$WORK/t.poll")
((periods > 0)) || die "start --wait made no poll after its first one (confirm/access too short?)"
ms=$(median <"$WORK/t.poll")
q=$(awk -v m="$ms" -v r="$RTT" 'BEGIN { printf "%.1f", m / r }')

rtt_row show "\`assist show ID\` cold, token" "2 (PASS ≤ 2.5)" 2
rtt_row name "\`assist show --name X\`, token" "3 (PASS ≤ 3.5)" 3
rtt_row password "\`assist show ID\`, password auth, empty caches" "≤ 4 (PASS ≤ 4.5)" 4
row "round trips" "\`assist start ID --wait\`, each poll after the first ($periods polls in $STARTS runs; $(cat "$WORK/c.start") connection(s) a run)" \
    "$(awk -v m="$ms" 'BEGIN { printf "%.0f ms", m }')" "$q RTT" "1 per poll (PASS ≤ 1.5)" "$(verdict "$q" 1.5)"
[[ $polls == "$periods" ]] ||
    note "start --wait: the simulator counted $polls polls after the first, the proxy $periods busy periods (a poll that needed more than one exchange, or a silence shorter than ${GAP_MS} ms, makes them differ)"

note "round trips: HTTPS (TLS 1.3, a self-signed certificate trusted through \`ca_file\`) through \`bench/delay_proxy.py\`, which delays every chunk by ${DELAY} ms each way (RTT ${RTT} ms; the TCP connect to the proxy is local); elapsed ÷ RTT with one decimal, median of $RUNS runs after a warm-up, each from empty caches; PASS when at most the target + 0.5 (process start and TLS computation take a few ms); \`start --wait\`: the median busy period of the polls after the first, from the proxy's log (polling every ${POLL_MS} ms, $STARTS runs of $(awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }' "$WORK/t.start") ms)"
