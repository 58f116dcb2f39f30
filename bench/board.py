"""The live board's first pass: runs `BIN --config CONFIG --profile bench sessions --watch` on a
pseudo-terminal of 100x40 and prints, once the board says every desktop was checked ("N of N
desktops checked"), the seconds since the start and the bytes the board had written; then
ends the board with `q`. Exit 1 when that does not come within the limit (seconds).

Usage: python3 board.py BIN CONFIG N LIMIT
"""

import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time


def main():
    binary, config, total, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    want = f"{total} of {total} desktops checked".encode()
    pid, fd = pty.fork()
    if pid == 0:
        # The child: the pty is its terminal, of the size set below before it draws.
        os.execv(binary, [binary, "--config", config, "--profile", "bench", "sessions", "--watch"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    start = time.monotonic()
    tail, written = b"", 0
    try:
        while True:
            left = limit - (time.monotonic() - start)
            ready, _, _ = select.select([fd], [], [], max(left, 0))
            if not ready:
                print(f"not every desktop checked after {limit:.0f} s", file=sys.stderr)
                sys.exit(1)
            chunk = os.read(fd, 65536)
            written += len(chunk)
            tail = (tail + chunk)[-4096:]
            if want in tail:
                print(f"{time.monotonic() - start:.3f} {written}")
                break
        os.write(fd, b"q")
        os.waitpid(pid, 0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


if __name__ == "__main__":
    main()
