#!/usr/bin/env python3
"""The official Python SDK (huaweicloudsdkworkspace) making the calls conformance/run.sh
compares, in the same order and with the same labels as `assist`'s commands there; before
each call it writes {"mark": LABEL} into the capturing proxy's LOG.

    python3 sdk_calls.py ENDPOINT_URL REGION LOG SHOWN STARTED NAME USER OTHER PROJECT_ID

AK/SK come from HUAWEICLOUD_SDK_AK/SK; the IAM endpoint from HUAWEICLOUD_SDK_IAM_ENDPOINT;
the temporary credentials from CONFORMANCE_TEMP_AK/SK and HUAWEICLOUD_SDK_SECURITY_TOKEN.
Exits 1 when a call ends otherwise than with an HTTP answer.
"""
import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.region.region import Region
from huaweicloudsdkworkspace.v2 import (
    CancelRemoteAssistanceRequest,
    CreateRemoteAssistanceRequest,
    ListDesktopsRequest,
    ShowDesktopRemoteAssistanceInfoRequest,
    WorkspaceClient,
)


def client(credentials, region, endpoint):
    return WorkspaceClient.new_builder().with_credentials(credentials).with_region(Region(region, endpoint)).build()


def mark(log, label):
    with open(log, "a", encoding="utf-8") as f:
        f.write(json.dumps({"mark": label}) + "\n")


def main():
    endpoint, region, log, shown, started, name, user, other, project = sys.argv[1:10]
    env = os.environ
    mark(log, "list-name")  # the client's project lookup belongs to the first call, as assist's
    sdk = client(BasicCredentials(env["HUAWEICLOUD_SDK_AK"], env["HUAWEICLOUD_SDK_SK"]), region, endpoint)
    temporary = client(BasicCredentials(env["CONFORMANCE_TEMP_AK"], env["CONFORMANCE_TEMP_SK"], project)
                       .with_security_token(env["HUAWEICLOUD_SDK_SECURITY_TOKEN"]), region, endpoint)
    show = lambda c, d: c.show_desktop_remote_assistance_info(ShowDesktopRemoteAssistanceInfoRequest(desktop_id=d))
    listing = lambda **q: sdk.list_desktops(ListDesktopsRequest(**q))
    # What each `assist` command of run.sh sends, request by request (the look before a start,
    # the ListDesktops after a 404 and the pages of a listing included).
    calls = [
        ("list-name", [lambda: listing(computer_name=name, offset=0, limit=1000)]),
        ("list-user", [lambda: listing(user_name=[user], offset=0, limit=1000)]),
        ("list-pages", [lambda: listing(offset=0, limit=1000), lambda: listing(offset=1000, limit=1000)]),
        ("list-ids", [lambda: listing(desktop_id=[shown, other], offset=0, limit=2),
                      lambda: show(sdk, shown), lambda: show(sdk, other)]),
        ("show", [lambda: show(sdk, shown)]),
        ("start", [lambda: show(sdk, started),
                   lambda: sdk.create_remote_assistance(CreateRemoteAssistanceRequest(desktop_id=started))]),
        ("show-started", [lambda: show(sdk, started)]),
        ("cancel", [lambda: sdk.cancel_remote_assistance(CancelRemoteAssistanceRequest(desktop_id=started))]),
        ("show-missing", [lambda: show(sdk, "no-such-desktop"),
                          lambda: listing(desktop_id=["no-such-desktop"], offset=0, limit=1)]),
        ("security-token", [lambda: show(temporary, shown)]),
        # The Workspace SDK has no token login: its signed request is the reference for the
        # headers besides the authentication (compare.py knows).
        ("token", [lambda: show(sdk, shown)]),
        # Nor a password login: the token request is checked against the API reference's
        # (compare.py), the call after it like the token one.
        ("password", [lambda: show(sdk, shown)]),
    ]
    for label, requests in calls:
        if label != "list-name":
            mark(log, label)
        for call in requests:
            try:
                call()
                print("sdk %s: ok" % label, file=sys.stderr)
            except exceptions.ClientRequestException as e:
                print("sdk %s: HTTP %s %s" % (label, e.status_code, e.error_code), file=sys.stderr)


if __name__ == "__main__":
    main()
