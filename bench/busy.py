#!/usr/bin/env python3
"""Busy periods of a client, from the event log of bench/delay_proxy.py.

    python3 bench/busy.py LOG GAP_MS

A busy period runs from the first event (a connection opened, a chunk sent, a chunk received)
to the last one before a silence longer than GAP_MS. Each connection's events after the
client closed its side (`up-end`) are left out: what the server sends back then (a TLS close
notification) is no longer waited for. Through the proxy, every exchange of a busy period
costs round trips of 2 x DELAY, and the silences are the client's own waits (its polling
interval), so a busy period's length divided by the round trip is the number of round trips
the client spent on that step.

Prints one line per busy period: its start and its length, in ms from the first event.
"""

import sys


def periods(lines, gap):
    ended = set()
    times = []
    for line in lines:
        fields = line.split()
        if len(fields) != 4:
            continue
        at, conn, event = float(fields[0]), fields[1], fields[2]
        if conn in ended or event == "close":
            continue
        if event == "up-end":
            ended.add(conn)
            continue
        times.append(at)
    times.sort()
    found = []
    for at in times:
        if found and at - found[-1][1] <= gap:
            found[-1][1] = at
        else:
            found.append([at, at])
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: busy.py LOG GAP_MS")
    with open(sys.argv[1], encoding="ascii") as log:
        found = periods(log, float(sys.argv[2]) / 1000)
    if not found:
        return
    origin = found[0][0]
    for start, end in found:
        print(f"{(start - origin) * 1000:.1f} {(end - start) * 1000:.1f}")


if __name__ == "__main__":
    main()
