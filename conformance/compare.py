#!/usr/bin/env python3
"""Compares what `assist` and the official SDK sent for the same calls (two logs written by
capture.py) and prints a Markdown report: per call, method, path, query, headers and body
side by side, secrets and per-run values masked. Every difference must have an explanation
in EXPLAINED; an unexplained one is listed and the exit status is 1.

    python3 compare.py ASSIST_LOG SDK_LOG
"""
import json
import re
import sys

# Differences that are understood, by field, with the reason (CONFORMANCE.md says more).
EXPLAINED = {
    "header user-agent": "each client names itself (assist/<version> vs the SDK's huaweicloud-usdk-python/3.0)",
    "header accept-encoding": "the SDK's HTTP library (requests) offers gzip/deflate; assist asks for none (answers are small, and a 1 MiB cap applies to what arrives)",
    "header connection": "requests says `keep-alive` explicitly; HTTP/1.1 keeps connections alive by default, and assist's pool does so without the header",
    "header authorization": "only SignedHeaders differs, by `user-agent`: the SDK sets its User-Agent before signing, assist's HTTP client adds its own after; the gateway verifies exactly the headers SignedHeaders lists, and the signature over the rest is built the same way",
}


def same_but_user_agent(field, va, vs):
    """Authorization values equal once `user-agent` is taken out of the SDK's SignedHeaders."""
    return field == "header authorization" and va == vs.replace(";user-agent;", ";")

SECRET_HEADERS = ("x-security-token", "x-auth-token", "x-subject-token")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def mask(name, value):
    if name == "authorization":
        return re.sub(r"Signature=[0-9a-f]+", "Signature=<masked>", value)
    if name in SECRET_HEADERS:
        return "<masked>"
    if name == "x-sdk-date":
        return "<UTC now>" if re.fullmatch(r"\d{8}T\d{6}Z", value) else value
    if name == "host":
        return re.sub(r":\d+$", ":<port>", value)
    return value


def headers(request):
    out = {}
    for name, value in request["headers"]:
        name = name.lower()
        out[name] = mask(name, value) if name not in out else out[name] + ", " + mask(name, value)
    return out


def rows(a, s):
    yield "method", a["method"], s["method"]
    yield "path", a["path"], s["path"]
    yield "query", a["query"], s["query"]
    ha, hs = headers(a), headers(s)
    for name in sorted(set(ha) | set(hs)):
        yield "header " + name, ha.get(name, "(not sent)"), hs.get(name, "(not sent)")
    yield "body", a["body"] or "(empty)", s["body"] or "(empty)"


# Requests only assist sends, on purpose: (what, why). Recognised by their place among the
# other requests, then left out of the side-by-side comparison.
ASSIST_ONLY = {
    "look-first": "`start` first GETs the desktop's record (one request on the same connection) so that a session already open or pending is reported instead of asked for again",
    "confirm-404": "after a 404, ListDesktops by `desktop_id` tells \"no such desktop\" (exit 5) from \"no assistance record\" (NONE): the API answers both with a 404",
}


def assist_only(assist):
    """Splits assist's requests into those the SDK also sends and the explained extras."""
    kept, extras = [], []
    for i, a in enumerate(assist):
        after = assist[i + 1] if i + 1 < len(assist) else None
        before = kept[-1] if kept else None
        if a["method"] == "GET" and after and after["method"] == "POST" and after["path"] == a["path"]:
            extras.append(("look-first", a))
        elif (a["method"] == "GET" and a["path"].endswith("/desktops") and before is not None
              and before.get("status") == 404 and "desktop_id=" in a["query"]):
            extras.append(("confirm-404", a))
        else:
            kept.append(a)
    return kept, extras


def cell(text):
    return "`" + text.replace("|", "\\|").replace("`", "'") + "`"


def main():
    assist, sdk = load(sys.argv[1]), load(sys.argv[2])
    assist, extras = assist_only(assist)
    unexplained = []
    out = []
    if len(assist) != len(sdk):
        unexplained.append("assist sent %d requests, the SDK %d" % (len(assist), len(sdk)))
    for i, (a, s) in enumerate(zip(assist, sdk), 1):
        out.append("\n### %d. %s %s\n" % (i, a["method"], a["path"]))
        out.append("| field | assist | official SDK | |")
        out.append("|---|---|---|---|")
        for field, va, vs in rows(a, s):
            if va == vs:
                mark = "same"
            elif field in EXPLAINED and (field != "header authorization" or same_but_user_agent(field, va, vs)):
                mark = "differs: explained"
            else:
                mark = "**differs: UNEXPLAINED**"
                unexplained.append("call %d, %s: assist %r, SDK %r" % (i, field, va, vs))
            out.append("| %s | %s | %s | %s |" % (field, cell(va), cell(vs), mark))
    print("%d calls compared, %d unexplained difference(s)." % (min(len(assist), len(sdk)), len(unexplained)))
    print("\nExplained differences:\n")
    for field, why in EXPLAINED.items():
        print("- %s: %s" % (field, why))
    if extras:
        print("\nRequests only assist sends, explained:\n")
        for what, a in extras:
            query = "?" + a["query"] if a["query"] else ""
            print("- %s %s%s: %s" % (a["method"], a["path"], query, ASSIST_ONLY[what]))
    if unexplained:
        print("\nUNEXPLAINED:\n")
        for u in unexplained:
            print("- " + u)
    print("\n".join(out))
    sys.exit(1 if unexplained else 0)


if __name__ == "__main__":
    main()
