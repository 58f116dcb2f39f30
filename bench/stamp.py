#!/usr/bin/env python3
"""Runs a command and writes each line of its stdout, as it arrives, with the time it arrived.

    python3 bench/stamp.py OUT -- COMMAND [ARG...]

Each line goes to OUT as `<seconds since the epoch, microseconds><TAB><the line>`, flushed at
once; the command's stderr is left as it is. SIGTERM or SIGINT ends the command with SIGTERM
(it then saves its state and exits like after Ctrl-C) and waits for it. Exits with the
command's status (128 + the signal when a signal ended it).
"""

import signal
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: stamp.py OUT -- COMMAND [ARG...]")
    out_path, command = sys.argv[1], sys.argv[3:]
    child = subprocess.Popen(command, stdout=subprocess.PIPE)

    def end(_signum, _frame):
        if child.poll() is None:
            child.terminate()

    signal.signal(signal.SIGTERM, end)
    signal.signal(signal.SIGINT, end)
    with open(out_path, "w", encoding="utf-8") as out:
        for line in iter(child.stdout.readline, b""):
            at = time.time()
            text = line.decode("utf-8", "replace").rstrip("\n")
            out.write(f"{at:.6f}\t{text}\n")
            out.flush()
    status = child.wait()
    sys.exit(128 - status if status < 0 else status)


if __name__ == "__main__":
    main()
