#!/usr/bin/env python3
"""The conformance check's self-test: compare.py must pass on a recorded run
(conformance/fixtures/, made with `run.sh --keep`) and fail on every planted difference.
Offline and standard library only (without the SDK, compare.py verifies signatures with the
algorithm written out; with it, with the SDK's signer). Exit 1 when a plant goes unnoticed.

    python3 conformance/selftest.py
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402  (for the list of plants)


def run(*plant):
    logs = [os.path.join(HERE, "fixtures", f) for f in ("assist.jsonl", "sdk.jsonl", "exits.jsonl")]
    done = subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), *logs, *plant],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode, done.stdout


def main():
    failures = []
    code, out = run()
    if code != 0:
        failures.append("the recorded run itself fails:\n" + out[:2000])
    for kind in compare.PLANTS:
        code, out = run("--plant", kind)
        unexplained = out.split("UNEXPLAINED:", 1)[-1].strip().splitlines()[:1]
        print("%-18s exit %d  %s" % (kind, code, unexplained[0] if code else "(NOT NOTICED)"))
        if code != 1:
            failures.append("the planted difference %s was not noticed (exit %d)" % (kind, code))
    for failure in failures:
        print("selftest: " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
