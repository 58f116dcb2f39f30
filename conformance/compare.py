#!/usr/bin/env python3
"""Compares what `assist` and the official SDK sent for the same calls (two logs written by
capture.py, split into calls by run.sh's {"mark": LABEL} lines) and prints a Markdown report.
Exit status 1 on any difference that is not explained, 0 otherwise.

    python3 compare.py ASSIST_LOG SDK_LOG EXITS [--plant KIND]

Checked, per call: the same requests (paired in order of method and path), each with the
same method, path, query (lists as repeated keys, in the order sent), body and answer status;
the exact set of headers with their values (only the differences in EXPLAINED are allowed, each
with its exact value); X-Sdk-Date within 15 minutes of when the request arrived; every
signature recomputed with the SDK's signer (huaweicloudsdkcore when it can be imported, else
the same algorithm written out below) from the headers as received; assist's exit status
(EXITS, lines {"label": ..., "exit": N}) against EXPECTED_EXITS. `--plant KIND` changes
assist's side first in one way (PLANTS), for the self-test: each must make the check fail.
"""
import datetime
import hashlib
import hmac
import json
import re
import sys
import urllib.parse

# The credentials run.sh gives both clients (test values of the simulator, not secrets).
KEYS = {
    "CONFORMANCEACCESSKEY": "CONFORMANCESECRETKEY0000000000000000000001",
    "DEMOTEMPACCESSKEY000": "DEMOTEMPSECRETKEY0000000000000000000000",
}
TOKEN = "demo-token-0000000000"
SECURITY_TOKEN = "demo-security-token-0000000000"
MAX_SKEW = 15 * 60

# assist's exit status per call of run.sh (docs/CONTRACT.md: 0 done, 5 no such desktop).
EXPECTED_EXITS = {
    "list-name": 0, "list-user": 0, "list-pages": 0, "list-ids": 0, "show": 0, "start": 0,
    "show-started": 0, "cancel": 0, "show-missing": 5, "security-token": 0, "token": 0,
    "password": 0,
}
# docs/WORKSPACE-API.md §4: the password token request, as the API reference gives it; the
# project by name (the region) or, when the profile knows it, by ID.
PASSWORD_IDENTITY = {"methods": ["password"], "password": {"user": {
    "name": "demo-user", "password": "Demo-Passw0rd!", "domain": {"name": "demo-account"}}}}
PASSWORD_BODIES = [{"auth": {"identity": PASSWORD_IDENTITY, "scope": {"project": project}}}
                   for project in ({"name": "cn-north-4"}, {"id": "0bec5db98280d2d02fd6c00c2de791ce"})]

# Header differences that are understood: (assist's exact value or None for "not sent",
# a test of the SDK's value, why).
EXPLAINED = {
    "user-agent": (None, lambda v: v.startswith(("huaweicloud-usdk-python/3.0", "os/")),
                   "each client names itself (assist/<version> vs the SDK's huaweicloud-usdk-python/3.0)"),
    "accept-encoding": (None, lambda v: v == "gzip, deflate",
                        "the SDK's HTTP library (requests) offers gzip/deflate; assist asks for none (answers are small, and a 1 MiB cap applies to what arrives)"),
    "connection": (None, lambda v: v == "keep-alive",
                   "requests says `keep-alive` explicitly; HTTP/1.1 keeps connections alive by default, and assist's pool does so without the header"),
}
WHY_SIGNED = ("SignedHeaders differs by `user-agent` only: the SDK sets its User-Agent before signing, "
              "assist's HTTP client adds its own after; both signatures are verified")
WHY_TOKEN = ("`token` call: assist authenticates with `X-Auth-Token` (the Workspace SDK has no token "
             "login): no Authorization, X-Sdk-Date or X-Project-Id (the token is scoped to the project; "
             "docs/WORKSPACE-API.md §4 asks X-Project-Id with AK/SK only), every other header as the SDK's")


def load(path):
    """Requests grouped by the label of the mark before them, in order."""
    groups, label = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                if "mark" in record:
                    label = record["mark"]
                    groups.setdefault(label, [])
                else:
                    groups.setdefault(label, []).append(record)
    return groups


def load_exits(path):
    with open(path, encoding="utf-8") as f:
        return {r["label"]: r["exit"] for r in map(json.loads, filter(str.strip, f))}


def header_map(request):
    out = {}
    for name, value in request["headers"]:
        name = name.lower()
        out[name] = value if name not in out else out[name] + ", " + value
    return out


# --- the signature, as the SDK computes it ---------------------------------------------------

def parse_auth(value):
    m = re.fullmatch(r"SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})", value or "")
    return m.groups() if m else None


def query_params(query):
    """The query as the SDK's signer takes it: repeated keys become one list."""
    params = {}
    for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True):
        params.setdefault(k, []).append(v)
    return [(k, v if len(v) > 1 else v[0]) for k, v in params.items()]


def sdk_signature(request, ak, sk, signed):
    try:
        from huaweicloudsdkcore.auth.credentials import BasicCredentials
        from huaweicloudsdkcore.sdk_request import SdkRequest
        from huaweicloudsdkcore.signer.signer import Signer
    except ImportError:
        return written_out_signature(request, sk, signed)
    headers = header_map(request)
    sdk_request = SdkRequest(method=request["method"], schema="http", host=headers.get("host"),
                             resource_path=request["path"], query_params=query_params(request["query"]),
                             header_params={h: headers.get(h, "") for h in signed},
                             body=request["body"].encode("utf-8") if request["body"] else b"")
    Signer(BasicCredentials(ak, sk)).sign(sdk_request)
    return parse_auth(sdk_request.header_params["Authorization"])[2]


def written_out_signature(request, sk, signed):
    """docs/WORKSPACE-API.md §4, for a machine without the SDK (the offline self-test)."""
    enc = lambda s: urllib.parse.quote(s, safe="~")
    headers = header_map(request)
    uri = "/".join(enc(p) for p in urllib.parse.unquote(request["path"]).split("/"))
    uri = uri if uri.endswith("/") else uri + "/"
    pairs = []
    for k, v in sorted(query_params(request["query"])):
        for one in (sorted(v) if isinstance(v, list) else [v]):
            pairs.append("%s=%s" % (enc(k), enc(one)))
    canonical = "\n".join([request["method"], uri, "&".join(pairs),
                           "".join("%s:%s\n" % (h, headers.get(h, "").strip()) for h in signed),
                           ";".join(signed), hashlib.sha256(request["body"].encode("utf-8")).hexdigest()])
    to_sign = "SDK-HMAC-SHA256\n%s\n%s" % (headers.get("x-sdk-date"), hashlib.sha256(canonical.encode()).hexdigest())
    return hmac.new(sk.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


def check_signed(who, request, problems):
    headers = header_map(request)
    auth = parse_auth(headers.get("authorization"))
    if auth is None:
        problems.append("%s: no SDK-HMAC-SHA256 Authorization (%r)" % (who, headers.get("authorization")))
        return None
    ak, signed, signature = auth
    date = headers.get("x-sdk-date", "")
    try:
        at = datetime.datetime.strptime(date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        if abs(at.timestamp() - request["received"]) > MAX_SKEW:
            problems.append("%s: X-Sdk-Date %s is not the time it was sent" % (who, date))
    except ValueError:
        problems.append("%s: X-Sdk-Date %r is not YYYYMMDDTHHMMSSZ" % (who, date))
    if ak not in KEYS:
        problems.append("%s: signed with an unknown access key %s" % (who, ak))
    elif sdk_signature(request, ak, KEYS[ak], signed.split(";")) != signature:
        problems.append("%s: the signature does not verify with the SDK's signer" % who)
    return signed


# --- one pair of requests --------------------------------------------------------------------

def check_password_token(request, problems):
    """assist's POST /v3/auth/tokens, which no SDK call of the run makes: as §4 gives it."""
    headers = header_map(request)
    try:
        body = json.loads(request["body"])
    except ValueError:
        body = None
    expected = [("method", request["method"], "POST"), ("path", request["path"], "/v3/auth/tokens"),
                ("status", request["status"], 201),
                ("body", body, body if body in PASSWORD_BODIES else PASSWORD_BODIES[0]),
                ("content-type", headers.get("content-type"), "application/json;charset=utf8")]
    for field, got, want in expected:
        if got != want:
            problems.append("password token request, %s: %r, expected %r" % (field, got, want))
    for name in ("authorization", "x-auth-token", "x-sdk-date"):
        if name in headers:
            problems.append("password token request: %s sent" % name)
    query = request["query"]
    if query not in ("", "nocatalog=true"):
        problems.append("password token request, query %r" % query)
    return request.get("subject_token")


def compare_pair(label, a, s, token=TOKEN):
    """The rows of the report for one pair, and the unexplained differences."""
    problems, rows = [], []
    for field in ("method", "path", "query", "body", "status"):
        va, vs = str(a.get(field, "")), str(s.get(field, ""))
        mark = "same" if va == vs else "DIFFERS"
        # The SDK's signer sorts a list's values in place before sending; a server reads
        # repeated keys in any order alike, so only the order may differ.
        if field == "query" and va != vs and sorted(va.split("&")) == sorted(vs.split("&")):
            mark = "same but the order"
        rows.append((field, va, vs, mark))
        if mark == "DIFFERS":
            problems.append("%s: assist %r, SDK %r" % (field, va, vs))
    ha, hs = header_map(a), header_map(s)
    if label in ("token", "password"):
        for name in ("authorization", "x-sdk-date", "x-project-id"):
            hs.pop(name, None)
        if ha.pop("x-auth-token", None) != token:
            problems.append("x-auth-token: not the profile's token")
        rows.append(("header x-auth-token", "<the token>", "(no token login)", "explained: " + WHY_TOKEN))
    else:
        signed_a = check_signed("assist", a, problems)
        signed_s = check_signed("SDK", s, problems)
        if signed_a and signed_s and signed_a != signed_s.replace(";user-agent", ""):
            problems.append("SignedHeaders: assist %s, SDK %s" % (signed_a, signed_s))
        for name in ("authorization", "x-sdk-date"):
            if name in ha and name in hs:
                rows.append(("header " + name, "<verified>", "<verified>", "explained: " + WHY_SIGNED if name == "authorization" else "same: within 15 min"))
                del ha[name], hs[name]
    for name in sorted(set(ha) | set(hs)):
        va, vs = ha.get(name), hs.get(name)
        if va == vs:
            mark = "same"
        elif name in EXPLAINED and va == EXPLAINED[name][0] and vs is not None and EXPLAINED[name][1](vs):
            mark = "explained"
        elif name == "user-agent" and re.fullmatch(r"assist/\d+\.\d+\.\d+", va or "") and vs:
            mark = "explained"
        elif name == "host" and va and vs and va.rsplit(":", 1)[0] == vs.rsplit(":", 1)[0]:
            mark = "same but the proxy's port"
        else:
            mark = "DIFFERS"
            problems.append("header %s: assist %r, SDK %r" % (name, va, vs))
        shown = lambda v: "(not sent)" if v is None else ("<masked>" if name in ("x-security-token", "x-auth-token") else v)
        rows.append(("header " + name, shown(va), shown(vs), mark))
    return rows, problems


def pairing_key(request):
    return (request["path"], request["method"])


# --- planted differences, for the self-test --------------------------------------------------

def first(groups, label, method="GET"):
    return next(r for r in groups[label] if r["method"] == method)


def set_header(request, name, value):
    request["headers"] = [[k, v] for k, v in request["headers"] if k.lower() != name]
    if value is not None:
        request["headers"].append([name, value])


def comma_joined(query):
    params = query_params(query)
    return "&".join("%s=%s" % (k, urllib.parse.quote(",".join(v) if isinstance(v, list) else v, safe="~"))
                    for k, v in params)


PLANTS = {
    "status-401": lambda g, e: [r.update(status=401) for rs in g.values() for r in rs if 200 <= r["status"] < 300],
    "no-authorization": lambda g, e: set_header(first(g, "start"), "authorization", None),
    "junk-query": lambda g, e: first(g, "start").update(query="junk=1"),
    "wrong-date": lambda g, e: set_header(first(g, "show"), "x-sdk-date", "20200101T000000Z"),
    "bad-signature": lambda g, e: set_header(first(g, "show"), "authorization",
                                             re.sub(r"Signature=.", "Signature=0", header_map(first(g, "show"))["authorization"])),
    "comma-list": lambda g, e: first(g, "list-ids").update(query=comma_joined(first(g, "list-ids")["query"])),
    "no-user-name": lambda g, e: first(g, "list-user").update(query=re.sub(r"&?user_name=[^&]*", "", first(g, "list-user")["query"])),
    "one-page": lambda g, e: g["list-pages"].pop(),
    "no-security-token": lambda g, e: set_header(first(g, "security-token"), "x-security-token", None),
    "wrong-token": lambda g, e: set_header(first(g, "token"), "x-auth-token", "another-token"),
    "no-project-id": lambda g, e: set_header(first(g, "show"), "x-project-id", None),
    "extra-header": lambda g, e: first(g, "show")["headers"].append(["X-Extra", "1"]),
    "password-body": lambda g, e: first(g, "password", "POST").update(body="{}"),
    "wrong-exit": lambda g, e: e.update({"show-missing": 0}),
    "missing-call": lambda g, e: g.pop("cancel"),
}


def main():
    args = sys.argv[1:]
    plant = None
    if "--plant" in args:
        i = args.index("--plant")
        plant = args[i + 1]
        del args[i:i + 2]
        if plant not in PLANTS:
            sys.exit("compare.py: --plant takes one of: " + ", ".join(PLANTS))
    assist, sdk, exits = load(args[0]), load(args[1]), load_exits(args[2])
    if plant:
        PLANTS[plant](assist, exits)
    unexplained, out, count = [], [], 0
    for label in sorted(set(assist) | set(sdk) | set(EXPECTED_EXITS), key=list(EXPECTED_EXITS).index):
        if exits.get(label) != EXPECTED_EXITS.get(label):
            unexplained.append("%s: assist exited %s, expected %s" % (label, exits.get(label), EXPECTED_EXITS.get(label)))
        mine, theirs = sorted(assist.get(label, []), key=pairing_key), sorted(sdk.get(label, []), key=pairing_key)
        token = TOKEN
        if label == "password":
            asked = [r for r in mine if r["path"] == "/v3/auth/tokens"]
            mine = [r for r in mine if r["path"] != "/v3/auth/tokens"]
            problems = []
            token = check_password_token(asked[0], problems) if len(asked) == 1 else None
            problems += [] if len(asked) == 1 else ["assist asked %d tokens" % len(asked)]
            unexplained += ["password, POST /v3/auth/tokens: " + p for p in problems]
        if len(mine) != len(theirs) or not mine:
            unexplained.append("%s: assist sent %d request(s), the SDK %d" % (label, len(mine), len(theirs)))
        for a, s in zip(mine, theirs):
            count += 1
            rows, problems = compare_pair(label, a, s, token)
            unexplained += ["%s, %s %s: %s" % (label, a["method"], a["path"], p) for p in problems]
            out.append("\n### %d. `%s`: %s %s\n" % (count, label, a["method"], a["path"]))
            out.append("| field | assist | official SDK | |\n|---|---|---|---|")
            out += ["| %s | `%s` | `%s` | %s |" % (f, va.replace("|", "\\|"), vs.replace("|", "\\|"), m) for f, va, vs, m in rows]
    print("%d requests in %d calls compared (exit statuses too), %d unexplained difference(s)%s." % (
        count, len(EXPECTED_EXITS), len(unexplained), " with the planted difference `%s`" % plant if plant else ""))
    print("\nExplained differences:\n")
    for name, (_, _, why) in EXPLAINED.items():
        print("- header %s: %s" % (name, why))
    print("- header authorization: " + WHY_SIGNED)
    print("- " + WHY_TOKEN)
    print("- `password` call: the same after a token request (POST /v3/auth/tokens) that no SDK call makes; "
          "it is checked against docs/WORKSPACE-API.md §4 (body, Content-Type, no signature) and "
          "the token then sent must be the one IAM issued")
    if unexplained:
        print("\nUNEXPLAINED:\n")
        print("\n".join("- " + u for u in unexplained))
    print("\n".join(out))
    sys.exit(1 if unexplained else 0)


if __name__ == "__main__":
    main()
