"""What a watch's timestamped NDJSON (bench/stamp.py) says of its first round and of sessions.

    python3 bench/rounds.py STAMPED T0 [STARTS]

Prints `first_round <seconds> <desktops>`: when (seconds after T0, the watch's start) the last
desktop was first reported, and how many were. With STARTS (`<desktop><TAB><epoch>` a line,
when a session was started on it), then one line per started desktop:
`<desktop> <seconds from its start to the first line showing it OPEN, or "missed">`.
"""

import json
import sys


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: rounds.py STAMPED T0 [STARTS]")
    t0 = float(sys.argv[2])
    first, opened = {}, {}
    with open(sys.argv[1], encoding="utf-8") as stamped:
        for line in stamped:
            at, _, text = line.rstrip("\n").partition("\t")
            try:
                event = json.loads(text)
            except ValueError:
                continue
            desktop = event.get("desktop_id")
            first.setdefault(desktop, float(at))
            if event.get("status") == "OPEN":
                opened.setdefault(desktop, float(at))
    last = max(first.values()) - t0 if first else float("nan")
    print(f"first_round {last:.1f} {len(first)}")
    if len(sys.argv) == 4:
        with open(sys.argv[3], encoding="utf-8") as starts:
            for line in starts:
                desktop, started = line.split()
                at = opened.get(desktop)
                shown = "missed" if at is None or at < float(started) else f"{at - float(started):.1f}"
                print(f"{desktop} {shown}")


if __name__ == "__main__":
    main()
