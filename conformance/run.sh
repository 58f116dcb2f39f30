#!/usr/bin/env bash
# Conformance: `assist` and the official Python SDK (huaweicloudsdkworkspace 3.1.219) make the
# same calls (IAM project lookup, ListDesktops by name, show, start, show, cancel, a 404)
# against `assist sim`, each through a small capturing proxy (capture.py); compare.py prints
# what each sent side by side (secrets masked) and fails on any difference that is not
# explained. The report goes to stdout and into CONFORMANCE.md between the markers.
#
#   bash conformance/run.sh               # about a minute after the build (pip installs the SDK)
#   CONFORMANCE_OUT=/tmp/x.md bash conformance/run.sh
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
        URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/$name.out" | head -n 1 || true)
        [[ -n $URL ]] && return
        sleep 0.1
    done
    die "$name did not start: $(cat "$WORK/$name.err")"
}

say "building assist"
cargo build --quiet
ASSIST=${CARGO_TARGET_DIR:-$ROOT/target}/debug/assist

say "installing huaweicloudsdkworkspace==$SDK_VERSION in a temp venv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "huaweicloudsdkworkspace==$SDK_VERSION" >"$WORK/pip.log" 2>&1 ||
    die "pip could not install the SDK: $(tail -n 5 "$WORK/pip.log")"

start_server sim "$ASSIST" sim --addr 127.0.0.1:0 --ak "$AK" --sk "$SK" --region "$REGION"
SIM=$URL
start_server capture-assist python3 conformance/capture.py "$SIM" "$WORK/assist.jsonl"
PROXY_ASSIST=$URL
start_server capture-sdk python3 conformance/capture.py "$SIM" "$WORK/sdk.jsonl"
PROXY_SDK=$URL
say "simulator $SIM; capturing assist at $PROXY_ASSIST, the SDK at $PROXY_SDK"

# Both clients: credentials in the SDK's variables, no project ID (so both ask IAM for it).
export HOME=$WORK/home HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=$SK
mkdir -p "$HOME"
unset HUAWEICLOUD_SDK_PROJECT_ID HUAWEICLOUD_SDK_SECURITY_TOKEN ASSIST_PROFILE ASSIST_ENDPOINT
export ASSIST_CONFIG=$WORK/none.toml

run_assist() {
    HUAWEICLOUD_SDK_IAM_ENDPOINT=$PROXY_ASSIST "$ASSIST" --region "$REGION" --endpoint "$PROXY_ASSIST" "$@" \
        >>"$WORK/assist.stdout" 2>>"$WORK/assist.stderr" || say "assist $*: exit $?"
}
run_assist desktops --name "$NAME" -o code
run_assist show "$SHOWN" -o code
run_assist start "$STARTED"
run_assist show "$STARTED" -o json
run_assist cancel "$STARTED"
run_assist show no-such-desktop

# The same desktop again for the SDK: cancelled, so a new start is a fresh session.
HUAWEICLOUD_SDK_IAM_ENDPOINT=$PROXY_SDK "$WORK/venv/bin/python" conformance/sdk_calls.py \
    "$PROXY_SDK" "$REGION" "$SHOWN" "$STARTED" "$NAME" 2>"$WORK/sdk.stderr" ||
    die "the SDK script failed: $(cat "$WORK/sdk.stderr")"

set +e
python3 conformance/compare.py "$WORK/assist.jsonl" "$WORK/sdk.jsonl" >"$WORK/report.md"
VERDICT=$?
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
