# shellcheck shell=bash disable=SC2034 # (the variables set here are read by the scripts)
# What every benchmark script shares: the simulator's credentials and project, and how a
# script speaks and gives up. Sourced by bench/run.sh and bench/lib.sh.

AK=BENCHACCESSKEY000001
SK=BENCHSECRETKEY00000000000000000000000001
TOKEN=bench-token-0000000000000001
PROJECT=0bec5db98280d2d02fd6c00c2de791ce

say() { printf '%s\n' "$*" >&2; }
die() {
    say "bench: $*"
    exit 1
}
