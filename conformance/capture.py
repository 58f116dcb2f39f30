#!/usr/bin/env python3
"""A small capturing proxy for conformance/run.sh: forwards every request unchanged (Host
included, so signatures still verify) to UPSTREAM and appends what it received, one JSON
object per line, to LOG. Loopback only. Standard library only. conformance/run.sh writes a marker line
({"mark": LABEL}) into LOG before each command, so that requests are compared per call.

    python3 capture.py UPSTREAM_URL LOG_FILE      # prints its URL on the first stdout line
"""
import http.client
import http.server
import json
import sys
import time
import urllib.parse


def main():
    upstream = urllib.parse.urlsplit(sys.argv[1])
    log_path = sys.argv[2]
    if upstream.hostname != "127.0.0.1":
        sys.exit("capture.py: the upstream must be on 127.0.0.1")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def forward(self):
            length = self.headers.get("Content-Length")
            body = self.rfile.read(int(length)) if length else b""
            path, _, query = self.path.partition("?")
            record = {
                "method": self.command,
                "path": path,
                "query": query,
                # Names as sent, in the order sent; a repeated header keeps each value.
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("utf-8", "replace"),
                # When it arrived (UTC, seconds): X-Sdk-Date is checked against it.
                "received": int(time.time()),
            }
            conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
            conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for k, v in self.headers.items():
                conn.putheader(k, v)
            conn.endheaders(body if (length is not None) else None)
            resp = conn.getresponse()
            data = resp.read()
            # Logged with the answer's status, written before the answer goes back, so that the
            # log is complete when the client has its answer.
            record["status"] = resp.status
            # An IAM token issued to the client, to check that it is the one it then sends.
            if resp.getheader("X-Subject-Token"):
                record["subject_token"] = resp.getheader("X-Subject-Token")
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(json.dumps(record) + "\n")
            self.send_response_only(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        do_GET = do_POST = do_DELETE = do_PUT = forward

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
