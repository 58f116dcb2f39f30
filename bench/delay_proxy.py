#!/usr/bin/env python3
"""A TCP proxy on 127.0.0.1 that delays every chunk, in each direction, by a fixed time.

    python3 bench/delay_proxy.py --target 127.0.0.1:8443 --delay-ms 50 [--log FILE]

It listens on 127.0.0.1 on a free port and prints that port alone on its first stdout line
(scripts wait for that line), then forwards each accepted connection to the target. Every
chunk read from one side is written to the other side DELAY after it was read: each direction
is a FIFO of (due time, chunk), drained by its own writer, so order is kept and a stream of
chunks is not slowed to one chunk per DELAY (the delay is latency, not a bandwidth cap).
End of stream and resets travel the same way, DELAY late. Accepting the connection is not
delayed (the TCP handshake with the proxy is local); a round trip through it costs 2 x DELAY.

Only a loopback target is accepted (an IP literal in 127.0.0.0/8 or ::1): this is a
benchmark tool, and its traffic must stay on the machine.

--log FILE appends one line per event, `<monotonic seconds> <connection> <event> <bytes>`:
`open` (accepted), `up` (a chunk read from the client), `up-end` (the client closed or reset
its side), `down` (a chunk handed to the client, after its delay), `close`. The times are those of the client's side of the proxy,
which is loopback, so they are the times the client sees; bench/busy.py reads them.
"""

import argparse
import asyncio
import contextlib
import ipaddress
import itertools
import sys
import time

CHUNK = 64 * 1024


def parse_target(text):
    host, sep, port = text.rpartition(":")
    if not sep:
        raise argparse.ArgumentTypeError(f"{text!r}: expected HOST:PORT")
    host = host.strip("[]")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{host!r}: give the target as a loopback IP address (127.0.0.1 or ::1)"
        ) from None
    if not address.is_loopback:
        raise argparse.ArgumentTypeError(
            f"{host}: not a loopback address; this proxy only forwards to this machine"
        )
    try:
        number = int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{port!r}: not a port number") from None
    if not 0 < number < 65536:
        raise argparse.ArgumentTypeError(f"{number}: not a port number")
    return str(address), number


def event_log(file):
    """The optional event log: one line per event, written at once (the file is line-buffered)."""

    def log(conn, event, size=0):
        if file is not None:
            file.write(f"{time.monotonic():.6f} {conn} {event} {size}\n")

    return log


async def pipe(reader, writer, delay, on_read, on_written):
    """Copies reader to writer, each chunk `delay` seconds after it was read, in order.

    The reading side keeps reading while earlier chunks wait, so chunks overlap in flight.
    Returns once the end of stream (or a reset) has been passed on.
    """
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def read():
        while True:
            try:
                data = await reader.read(CHUNK)
            except OSError:
                data = None  # a reset: passed on as an abort
            queue.put_nowait((loop.time() + delay, data))
            on_read(len(data) if data else 0)
            if not data:
                return

    async def write():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                if data is None:
                    writer.transport.abort()
                    return
                if not data:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()
                on_written(len(data))
            except OSError:
                writer.transport.abort()
                return

    reading = asyncio.ensure_future(read())
    try:
        await write()
    finally:
        # Once this direction cannot be written any more, stop reading it too.
        if not reading.done():
            reading.cancel()
            try:
                await reading
            except asyncio.CancelledError:
                pass


async def serve(target, delay, log):
    ids = itertools.count(1)

    async def handle(client_reader, client_writer):
        conn = next(ids)
        log(conn, "open")
        try:
            server_reader, server_writer = await asyncio.open_connection(*target)
        except OSError as e:
            print(
                f"delay_proxy: connection {conn}: {target[0]}:{target[1]}: {e}",
                file=sys.stderr,
            )
            client_writer.transport.abort()
            log(conn, "close")
            return
        try:
            await asyncio.gather(
                pipe(
                    client_reader,
                    server_writer,
                    delay,
                    lambda n: log(conn, "up" if n else "up-end", n),
                    lambda n: None,
                ),
                pipe(
                    server_reader,
                    client_writer,
                    delay,
                    lambda n: None,
                    lambda n: log(conn, "down", n),
                ),
            )
        finally:
            server_writer.close()
            client_writer.close()
            log(conn, "close")

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--target",
        required=True,
        type=parse_target,
        help="loopback HOST:PORT to forward to",
    )
    parser.add_argument(
        "--delay-ms",
        required=True,
        type=float,
        help="delay of every chunk, each direction",
    )
    parser.add_argument(
        "--log", help="append one line per connection event and chunk to this file"
    )
    args = parser.parse_args()
    if args.delay_ms < 0:
        parser.error("--delay-ms must not be negative")
    with contextlib.ExitStack() as stack:
        file = None
        if args.log:
            file = stack.enter_context(
                open(args.log, "a", buffering=1, encoding="ascii")
            )
        try:
            asyncio.run(serve(args.target, args.delay_ms / 1000, event_log(file)))
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
