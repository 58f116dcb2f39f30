#!/usr/bin/env python3
"""The official Python SDK (huaweicloudsdkworkspace) making the calls conformance/run.sh
compares, in the same order as `assist`: IAM project lookup, ListDesktops by name, show,
start, show, cancel, show of an unknown desktop.

    python3 sdk_calls.py ENDPOINT_URL REGION DESKTOP_ID NEW_DESKTOP_ID COMPUTER_NAME

AK/SK come from HUAWEICLOUD_SDK_AK/SK; the IAM endpoint from HUAWEICLOUD_SDK_IAM_ENDPOINT.
"""
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


def main():
    endpoint, region, desktop, new_desktop, name = sys.argv[1:6]
    credentials = BasicCredentials(os.environ["HUAWEICLOUD_SDK_AK"], os.environ["HUAWEICLOUD_SDK_SK"])
    client = (WorkspaceClient.new_builder()
              .with_credentials(credentials)
              .with_region(Region(region, endpoint))
              .build())
    calls = [
        ("list", lambda: client.list_desktops(ListDesktopsRequest(computer_name=name, offset=0, limit=1000))),
        ("show", lambda: client.show_desktop_remote_assistance_info(ShowDesktopRemoteAssistanceInfoRequest(desktop_id=desktop))),
        ("start", lambda: client.create_remote_assistance(CreateRemoteAssistanceRequest(desktop_id=new_desktop))),
        ("show", lambda: client.show_desktop_remote_assistance_info(ShowDesktopRemoteAssistanceInfoRequest(desktop_id=new_desktop))),
        ("cancel", lambda: client.cancel_remote_assistance(CancelRemoteAssistanceRequest(desktop_id=new_desktop))),
        ("show", lambda: client.show_desktop_remote_assistance_info(ShowDesktopRemoteAssistanceInfoRequest(desktop_id="no-such-desktop"))),
    ]
    for label, call in calls:
        try:
            call()
            print("sdk %s: ok" % label, file=sys.stderr)
        except exceptions.ClientRequestException as e:
            print("sdk %s: HTTP %s %s %s (request id %s)" % (label, e.status_code, e.error_code, e.error_msg, e.request_id), file=sys.stderr)


if __name__ == "__main__":
    main()
