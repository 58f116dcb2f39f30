#!/usr/bin/env python3
"""Time to detect: how long after a session's change `watch -o json` reported it.

    python3 bench/detect.py STAMPED STARTS CONFIRM_S ACCESS_S

STAMPED holds the lines of `watch -o json`, each after the time it arrived (bench/stamp.py);
STARTS one line per started session, `DESKTOP_ID<TAB>epoch seconds` of its start. The
simulator moves a started session to WAIT_USER_ACCESS CONFIRM_S after its start and to OPEN
ACCESS_S after that. A change is detected by the first line of that desktop showing that
status or a later one (a poll may skip WAIT_USER_ACCESS); the delay is that line's arrival
minus the change's time. Prints one line per change, `DESKTOP STATUS DELAY` (DELAY is
`missed` when no line showed it), and on stderr nothing.
"""

import json
import sys

ORDER = {"WAIT_USER_CONFIRM": 0, "WAIT_USER_ACCESS": 1, "OPEN": 2}


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: detect.py STAMPED STARTS CONFIRM_S ACCESS_S")
    stamped, starts_path = sys.argv[1], sys.argv[2]
    confirm, access = float(sys.argv[3]), float(sys.argv[4])
    starts = {}
    with open(starts_path, encoding="utf-8") as f:
        for line in f:
            desktop, at = line.split()
            starts[desktop] = float(at)
    # The first arrival of each rank of status, per started desktop.
    first = {d: {} for d in starts}
    with open(stamped, encoding="utf-8") as f:
        for line in f:
            at, _, text = line.rstrip("\n").partition("\t")
            try:
                record = json.loads(text)
            except ValueError:
                continue
            desktop = record.get("desktop_id")
            rank = ORDER.get(record.get("status"))
            if desktop in first and rank is not None:
                first[desktop].setdefault(rank, float(at))
    for desktop, started in starts.items():
        changes = (
            ("WAIT_USER_ACCESS", 1, started + confirm),
            ("OPEN", 2, started + confirm + access),
        )
        for status, rank, changed in changes:
            seen = [at for r, at in first[desktop].items() if r >= rank]
            delay = f"{min(seen) - changed:.3f}" if seen else "missed"
            print(desktop, status, delay)


if __name__ == "__main__":
    main()
