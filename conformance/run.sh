#!/usr/bin/env bash
# Conformance: `assist` and the official Python SDK (huaweicloudsdkworkspace 3.1.219) make the
# same calls (listed in CONFORMANCE.md), each against its own `assist sim` through a small
# capturing proxy (capture.py); compare.py checks, call by call, statuses, assist's exit
# status, method, path, query, body, the exact headers and every signature (with the SDK's
# signer), and fails on any difference that is not explained. The report goes to stdout and
# into CONFORMANCE.md between the markers.
#
#   bash conformance/run.sh               # about a minute after the build (pip installs the SDK)
#   CONFORMANCE_OUT=/tmp/x.md bash conformance/run.sh
#   bash conformance/run.sh --plant status-401   # must exit 1 (see conformance/selftest.py)
#   CONFORMANCE_VENV=DIR                          # a venv to reuse (created if it lacks the SDK)
#
# Needs: cargo, python3 with venv and pip (PyPI reachable). Everything listens on 127.0.0.1;
# the venv, logs and HOME live in a temp dir. Not part of `cargo test`.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${CONFORMANCE_OUT:-$ROOT/CONFORMANCE.md}
SDK_VERSION=3.1.219
AK=CONFORMANCEACCESSKEY
SK=CONFORMANCESECRETKEY0000000000000000000001
REGION=cn-north-4
SHOWN=a130ab3a-72bf-4b71-baa9-af4987c8e338
STARTED=11111111-0000-4000-8000-000000000006
NAME=FIN-PC-042
USER_NAME=erin
OTHER=11111111-0000-4000-8000-000000000004
PROJECT=0bec5db98280d2d02fd6c00c2de791ce
TEMP_AK=DEMOTEMPACCESSKEY000
TEMP_SK=DEMOTEMPSECRETKEY0000000000000000000000
SECURITY_TOKEN=demo-security-token-0000000000
TOKEN=demo-token-0000000000
IAM_USER=demo-user IAM_PASSWORD=Demo-Passw0rd! IAM_DOMAIN=demo-account
# --plant KIND: change assist's side in one way before comparing (compare.py's PLANTS); the
# run must then fail. --keep DIR: keep the three logs (how conformance/fixtures/ was made).
PLANT="" KEEP=""
while [[ $# -gt 0 ]]; do
    case $1 in
    --plant) PLANT=$2 && shift 2 ;;
    --keep) KEEP=$2 && shift 2 ;;
    *) echo "usage: run.sh [--plant KIND] [--keep DIR]" >&2 && exit 2 ;;
    esac
done

say() { printf '%s\n' "$*" >&2; }
die() {
    say "conformance: $*"
    exit 1
}

for tool in cargo python3; do
    command -v "$tool" >/dev/null || die "$tool is required"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/assist-conformance.XXXXXX")
PIDS=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

# Starts a background command whose first stdout line holds its URL; sets URL to it.
URL=""
start_server() {
    local name=$1
    shift
    "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
    PIDS+=("$!")
    for _ in $(seq 1 100); do
        URL=$(grep -so 'http://127\.0\.0\.1:[0-9]*' "$WORK/$name.out" | head -n 1 || true)
        [[ -n $URL ]] && return
        sleep 0.1
    done
    die "$name did not start: $(cat "$WORK/$name.err")"
}

say "building assist"
cargo build --quiet
ASSIST=${CARGO_TARGET_DIR:-$ROOT/target}/debug/assist

say "installing huaweicloudsdkworkspace==$SDK_VERSION in a temp venv"
VENV=${CONFORMANCE_VENV:-$WORK/venv}
if ! "$VENV/bin/python" -c "import huaweicloudsdkworkspace" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "huaweicloudsdkworkspace==$SDK_VERSION" >"$WORK/pip.log" 2>&1 ||
        die "pip could not install the SDK: $(tail -n 5 "$WORK/pip.log")"
fi

# Each client has its own simulator, seeded alike, so that each finds the desktops as the
# other did (a start and cancel by one does not leave a record for the other).
# 1,200 desktops: a full listing takes two pages of 1,000.
start_server sim-assist "$ASSIST" sim --addr 127.0.0.1:0 --ak "$AK" --sk "$SK" --region "$REGION" --desktops 1200
SIM=$URL
start_server capture-assist python3 conformance/capture.py "$SIM" "$WORK/assist.jsonl"
PROXY_ASSIST=$URL
start_server sim-sdk "$ASSIST" sim --addr 127.0.0.1:0 --ak "$AK" --sk "$SK" --region "$REGION" --desktops 1200
start_server capture-sdk python3 conformance/capture.py "$URL" "$WORK/sdk.jsonl"
PROXY_SDK=$URL
say "simulators $SIM and another; capturing assist at $PROXY_ASSIST, the SDK at $PROXY_SDK"

# Both clients: credentials in the SDK's variables, no project ID (so both ask IAM for it).
export HOME=$WORK/home HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=$SK
mkdir -p "$HOME"
unset HUAWEICLOUD_SDK_PROJECT_ID HUAWEICLOUD_SDK_SECURITY_TOKEN ASSIST_PROFILE ASSIST_ENDPOINT
export ASSIST_CONFIG=$WORK/none.toml

mark() { printf '{"mark": "%s"}\n' "$1" >>"$WORK/assist.jsonl"; }
# Runs one labelled assist command; its exit status goes to exits.jsonl for compare.py.
run_assist() {
    local label=$1 code=0
    shift
    mark "$label"
    HUAWEICLOUD_SDK_IAM_ENDPOINT=$PROXY_ASSIST "$ASSIST" --region "$REGION" --endpoint "$PROXY_ASSIST" "$@" \
        >>"$WORK/assist.stdout" 2>>"$WORK/assist.stderr" || code=$?
    printf '{"label": "%s", "exit": %d}\n' "$label" "$code" >>"$WORK/exits.jsonl"
}
run_assist list-name desktops --name "$NAME" -o code
run_assist list-user desktops --user "$USER_NAME" -o code
run_assist list-pages desktops -o code
run_assist list-ids watch --once "$SHOWN" "$OTHER"
run_assist show show "$SHOWN" -o code
run_assist start start "$STARTED"
run_assist show-started show "$STARTED" -o json
run_assist cancel cancel "$STARTED"
run_assist show-missing show no-such-desktop
# Temporary credentials: signed together with their security token.
HUAWEICLOUD_SDK_AK=$TEMP_AK HUAWEICLOUD_SDK_SK=$TEMP_SK HUAWEICLOUD_SDK_SECURITY_TOKEN=$SECURITY_TOKEN \
    HUAWEICLOUD_SDK_PROJECT_ID=$PROJECT run_assist security-token show "$SHOWN" -o code
# A token profile: X-Auth-Token instead of a signature.
printf '[profiles.token]\nendpoint = "%s"\nproject_id = "%s"\nauth = "token"\ntoken = "%s"\n' \
    "$PROXY_ASSIST" "$PROJECT" "$TOKEN" >"$WORK/token.toml"
chmod 600 "$WORK/token.toml"
ASSIST_CONFIG=$WORK/token.toml run_assist token --profile token show "$SHOWN" -o code
# A password profile: a token from IAM (POST /v3/auth/tokens), then X-Auth-Token.
printf '[profiles.password]\nendpoint = "%s"\niam_endpoint = "%s"\nproject_id = "%s"\nauth = "password"\nuser = "%s"\ndomain = "%s"\npassword_command = "printf %%s %s"\n' \
    "$PROXY_ASSIST" "$PROXY_ASSIST" "$PROJECT" "$IAM_USER" "$IAM_DOMAIN" "$IAM_PASSWORD" >"$WORK/password.toml"
chmod 600 "$WORK/password.toml"
ASSIST_CONFIG=$WORK/password.toml run_assist password --profile password show "$SHOWN" -o code

# The same calls for the SDK, against its own simulator.
CONFORMANCE_TEMP_AK=$TEMP_AK CONFORMANCE_TEMP_SK=$TEMP_SK HUAWEICLOUD_SDK_SECURITY_TOKEN=$SECURITY_TOKEN \
    HUAWEICLOUD_SDK_IAM_ENDPOINT=$PROXY_SDK "$VENV/bin/python" conformance/sdk_calls.py \
    "$PROXY_SDK" "$REGION" "$WORK/sdk.jsonl" "$SHOWN" "$STARTED" "$NAME" "$USER_NAME" "$OTHER" "$PROJECT" \
    2>"$WORK/sdk.stderr" || die "the SDK script failed: $(cat "$WORK/sdk.stderr")"

set +e
# The venv's python, so that signatures are verified with the SDK's own signer.
"$VENV/bin/python" conformance/compare.py "$WORK/assist.jsonl" "$WORK/sdk.jsonl" "$WORK/exits.jsonl" \
    ${PLANT:+--plant "$PLANT"} >"$WORK/report.md"
VERDICT=$?
if [[ -n ${KEEP:-} ]]; then
    mkdir -p "$KEEP" && cp "$WORK/assist.jsonl" "$WORK/sdk.jsonl" "$WORK/exits.jsonl" "$KEEP/"
fi
set -e

{
    printf '<!-- conformance:start -->\n'
    # shellcheck disable=SC2016  # the backquotes are Markdown
    printf 'Recorded %s with `bash conformance/run.sh` (huaweicloudsdkworkspace %s, Python %s, %s).\n\n' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SDK_VERSION" "$(python3 -c 'import platform; print(platform.python_version())')" \
        "$("$ASSIST" --version)"
    cat "$WORK/report.md"
    printf '\n<!-- conformance:end -->\n'
} >"$WORK/section.md"
cat "$WORK/section.md"

if [[ -n $PLANT ]]; then
    say "planted difference $PLANT: exit $VERDICT (CONFORMANCE.md left as it is)"
    exit "$VERDICT"
fi
if [[ -f $OUT ]] && grep -q '<!-- conformance:start -->' "$OUT"; then
    python3 - "$OUT" "$WORK/section.md" <<'PY'
import sys
out, section = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(out, encoding="utf-8").read()
start = text.index("<!-- conformance:start -->")
end = text.index("<!-- conformance:end -->") + len("<!-- conformance:end -->\n")
open(out, "w", encoding="utf-8").write(text[:start] + section + text[end:])
PY
else
    cp "$WORK/section.md" "$OUT"
fi
say "report written to $OUT"
exit "$VERDICT"
