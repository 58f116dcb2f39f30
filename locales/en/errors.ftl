# Every error a person reads, in English (the source language): the error's own text (logs,
# the audit log's `detail`) is this English text; the edge shows it in the run's language.
# `{ $name }` is an argument's place. Grouped by the room that says it.

## outcome.rs: a text not in the catalogue yet, shown as it is
err-text = { $text }

## api/: what went wrong talking to the cloud (the server's answer, URLs and request ids are data)
err-api-status = { $answer }
err-api-status-request = { $answer } (request id { $request })
err-api-status-encoded = { $answer }; encoded authorization message { $shown } ({ $count } characters)
err-api-status-request-encoded = { $answer } (request id { $request }); encoded authorization message { $shown } ({ $count } characters)
err-api-malformed = the server answered HTTP { $status } with a body that is not the expected JSON ({ $reason }); body: "{ $body }"
err-api-malformed-request = the server answered HTTP { $status } with a body that is not the expected JSON ({ $reason }) (request id { $request }); body: "{ $body }"
err-api-too-large = the server answered HTTP { $status } with a body larger than { $limit } bytes; assist stops reading there
err-api-too-large-request = the server answered HTTP { $status } with a body larger than { $limit } bytes (request id { $request }); assist stops reading there
err-api-invalid-path = refusing to send a request whose path would not be the one intended (segments { $segments })
err-api-redirect = the server answered HTTP { $status } redirecting to { $location }; assist never follows redirects, so that credentials cannot reach another host
err-api-connect = could not connect to { $url }: { $detail }
err-api-timeout = timed out waiting for { $url }: { $detail }
err-api-tls = TLS (certificate) failure talking to { $url }: { $detail }
err-api-body = the connection broke while reading the answer of { $url }: { $detail }
err-api-other = request failed for { $url }: { $detail }

## commands/show.rs
err-read-assistance = could not read the remote assistance of desktop { $desktop }
err-read-desktop-state = could not read the state of desktop { $desktop }
err-no-such-desktop = desktop { $desktop } does not exist in project { $project } ({ $answer })
err-open-without-link = desktop { $desktop } is OPEN but the cloud gave no internet share link

## commands/desktops.rs, sessions.rs, watch.rs: listing the desktops
err-list-desktops = could not list the desktops
err-desktops-no-link = `desktops` has no link to print (-o link)

## config/: the config file and its profiles
err-config-read = cannot read the config file { $path }: { $reason }
err-config-missing = no config file at { $path }
err-config-syntax = invalid config file { $path }, line { $line }, column { $column }: { $message }
err-config-unknown-key = unknown key `{ $key }` in { $place } of { $path }
err-config-unknown-key-line = unknown key `{ $key }` in { $place } of { $path }, line { $line }
err-config-unknown-profile = profile "{ $name }" is not defined in { $path }

## commands/select.rs: choosing desktops by ID, name, user or IP
err-selector-blank = { $selector } is blank or contains control characters: a filter must name something
err-desktop-id-empty = the desktop ID "{ $id }" is empty
err-desktop-id-too-long = the desktop ID "{ $id }" is longer than 255 characters
err-desktop-id-controls = the desktop ID "{ $id }" contains control characters
err-desktop-id-path = the desktop ID "{ $id }" would name a different path
err-look-up-selector = could not look up the desktops for { $selector }
err-no-match = no desktop matches { $selector }
err-too-many = the service listed more than { $cap } desktops; assist stops there
err-too-many-counted = the service listed more than { $cap } desktops (it counts { $total }); assist stops there
err-ambiguous = { $selector } matches { $count } desktops; this command needs one:
    { $candidates }
err-ambiguous-more = { $selector } matches { $count } desktops; this command needs one:
    { $candidates }
    … and { $more } more (`assist desktops` lists them all)

## commands/lifecycle.rs: start and cancel
err-copy-needs-wait = --copy puts the invitation code on the clipboard, and `start` has one only once it waits for OPEN
err-replace-failed = could not cancel the session already on desktop { $desktop } (--new)
err-start-failed = could not start remote assistance on desktop { $desktop }
err-notify-needs-wait = --notify tells of the changes `start --wait` sees
err-new-needs-yes = refusing to replace a session (--new) without confirmation: there is no terminal to ask on
err-no-such-api = the API gateway has no such API (asked for desktop { $desktop })
err-show-refused = the cloud refused to show desktop { $desktop }
err-consent-timeout = desktop { $desktop }: the user did not answer within { $seconds } s (the tenant's time to accept)
err-cancel-failed = could not cancel remote assistance on desktop { $desktop }
err-cancel-lost-unknown = the answer to the cancel of desktop { $desktop } was lost, and the look that would tell whether it went through failed too ({ $look }); check with `assist show { $desktop }`
err-cancel-lost-other = the answer to the cancel of desktop { $desktop } was lost, and a session is active there now ({ $now }) that is not the one meant ({ $meant }): it was left alone; check with `assist show { $desktop }` and cancel again if it is to go
err-cancel-lost-other-unknown = the answer to the cancel of desktop { $desktop } was lost, and a session is active there now ({ $now }) that is not the one meant (not known: the look before it failed): it was left alone; check with `assist show { $desktop }` and cancel again if it is to go

## commands/watch.rs: what to watch, and how a watch ends short
err-list-project = could not list the desktops of the project
err-list-refused = the cloud refused to list the desktops
err-round-too-long = the deadline came before every desktop was polled: { $left } of { $total } not polled ({ $desktops })
err-pending-after-once = not yet in a wanted status after this poll: { $desktops }
err-pending-at-deadline = the deadline passed; still pending: { $desktops }
err-read-ids-from = cannot read desktop IDs from { $source }: { $reason }
err-read-ids = cannot read desktop IDs from { $source }
err-ids-too-many-lines = { $source } has more than { $max } lines of desktop IDs; assist reads no further
err-ids-line-too-long = line { $line } of { $source } is longer than { $max } bytes
err-ids-not-text = line { $line } of { $source } is not UTF-8 text
err-no-ids = no desktop IDs to watch

## commands/sessions.rs
err-notify-needs-watch = --notify tells of the changes `sessions --watch` sees
err-cancel-needs-yes = refusing to cancel sessions without confirmation: there is no terminal to ask on
err-prometheus-watch = `sessions --watch` draws a board and cannot print -o prometheus
err-metrics-file = could not write the metrics file { $path }: { $reason }
err-cancel-not-recorded = a cancel was not sent: its audit line could not be written first

## commands/log.rs
err-log-formats = `log` has no codes or links to print (-o code, -o link)
err-no-data-dir = there is no data directory on this system for the audit log
err-read-audit-log = could not read the audit log { $path }
err-log-broken = { $path } line { $line }: { $why }

## commands/tenant.rs: the tenant's settings and messages to users
err-read-settings = could not read the tenant's collaboration settings
err-settings-value = cannot change the settings: { $reason }
err-settings-needs-yes = refusing to change the tenant's settings without confirmation: there is no terminal to ask on
err-write-settings = could not write the tenant's collaboration settings
err-message-stdin = could not read the message from stdin: { $reason }
err-message-length = the message must be 1 to { $limit } characters (it has { $length })
err-message-missing = give the message to send
err-message-targets = name the desktops either by their IDs or by one of --name, --user, --ip, then the message
err-message-failed = could not send the message
err-not-connected = desktop { $desktop } is not ready for its user to accept ({ $problem }); nothing was sent (--require-connected)

## commands/config.rs: config check and config init
err-check-step-config = step 1 of 3 (reading the configuration) failed
err-check-step-credentials = step 2 of 3 (credentials: secrets, IAM token, project) failed
err-check-step-call = step 3 of 3 (an authenticated call: ListDesktops with limit=1) failed
err-sk-stdin = cannot read the secret key from stdin
err-profile-exists = profile "{ $name }" already exists in { $path }
err-write-config = cannot write { $path }

## commands/demo.rs, commands/record.rs
err-demo-remove = could not remove { $path }
err-not-recorded = nothing was sent to desktop { $desktop }: its audit line could not be written first
err-not-recorded-settings = nothing was sent to change the tenant's settings: its audit line could not be written first

## engine/state.rs: the state file
err-state-signal = { $signal } while waiting for the state file
err-state-lock = cannot lock the state file { $path }
err-state-unusable = the state file { $path } cannot be used: { $why }
err-state-busy = the state file { $path } is in use by another assist run (waited { $waited })

## auth/, notify/, audit.rs: secrets, notifications, the audit log
err-secret = could not read a secret: { $reason }
err-notify-client = cannot set up the HTTP client for notifications: { $reason }
err-notify-refused = notify target "{ $target }" refused the test message: { $reason }
err-notify-unreachable = notify target "{ $target }" could not be reached: { $reason }
err-audit-log = the audit log { $path } cannot be written: { $reason }

## config/: values and combinations the config refuses
err-config-sdk-region = { $problem } (credentials from { $origin })
err-config-no-credentials = { $place } has no credentials
err-config-no-region = { $place } has neither `region` nor `endpoint`
# The hints under them (a hint the config room decides comes with its error).
hint-config-no-credentials = set auth = "aksk" with ak and sk (or sk_command/sk_file), auth = "token" with token, or auth = "password" with user, domain, password_command (see config.example.toml)
hint-config-no-region = add region = "cn-north-4" (or your region), or endpoint = "https://…"
err-config-no-home = cannot determine the config directory (no home directory)
hint-config-no-home = pass --config PATH or set ASSIST_CONFIG
err-config-bad-region = invalid region "{ $region }" (from { $source })
hint-config-bad-region = regions look like cn-north-4; with Workspace: { $regions }
err-config-bad-project = invalid project ID "{ $project }" (from { $source })
hint-config-bad-project = a project ID is letters and digits, like 0bec5db98280d2d02fd6c00c2de791ce (`assist config show` tells where it comes from)
err-config-foreign-command = the config file { $path } belongs to another user (uid { $owner }) and holds `{ $key }`: assist does not run another user's command
hint-config-foreign-command = run assist as that user, or give it a config file of this user's (--config PATH or ASSIST_CONFIG)
err-config-secret-twice = { $place } sets more than one of `{ $key }`, `{ $key }_command`, `{ $key }_file`
hint-config-secret-twice = keep exactly one of them
err-config-auth-needs = { $place }: auth = "{ $mode }" needs { $needs }
hint-config-auth-needs = add the missing keys (config.example.toml shows each auth mode)
err-config-unknown-region = unknown region "{ $region }" ({ $place })
hint-config-region-like = did you mean { $region }? regions with Workspace: { $regions }; for another region set `endpoint`
hint-config-regions = regions with Workspace: { $regions }; for another region set `endpoint`
err-config-bad-endpoint = invalid endpoint "{ $endpoint }": { $why }
hint-config-bad-endpoint = write it like https://workspace.cn-north-4.myhuaweicloud.com (http:// only for 127.0.0.1/localhost)
err-notify-unknown = notify target "{ $target }" is not defined in { $path }
hint-notify-none-defined = add a {"["}notify.NAME] table (docs/guide.md, "Tell the team")
hint-notify-defined = the targets defined are: { $targets }
err-notify-unknown-status = {"["}notify.{ $name }]: unknown status "{ $status }" in statuses
hint-notify-statuses = the statuses are OPEN, CLOSE, WAIT_USER_CONFIRM, WAIT_USER_ACCESS, NONE

## session.rs: from the settings to an authenticated client
err-token-needs-project = { $origin }: auth = "token" needs `project_id`
hint-token-needs-project = add project_id to the profile, or pass --project-id
err-ca-file = ca_file { $path }: { $why }
hint-ca-file = point ca_file at a PEM file with the CA certificate(s) to trust
err-no-project-no-region = { $origin } has neither `project_id` nor `region`
hint-no-project-no-region = add project_id, or a region so that assist can look the project up through IAM
err-iam-no-project = IAM knows no project named "{ $region }" for AK { $ak }
hint-iam-no-project = check the region, or set project_id in the profile
err-iam-many-projects = IAM has { $count } projects named "{ $region }" for AK { $ak }: { $projects }
hint-iam-many-projects = set project_id in the profile to the one to use
err-password-needs-region = { $origin }: password auth needs a `region` (or `project_id`) to scope the token
hint-password-needs-region = add region = "…" to the profile
err-token-no-project = IAM's token names no project
hint-token-no-project = set project_id in the profile

## commands/config.rs, commands/demo.rs: the config file, the demo's simulator
err-no-config-dir = cannot determine the config directory
hint-no-config-dir = pass --config PATH
err-config-not-toml = { $path } is not valid TOML
err-profiles-not-table = `profiles` in { $path } is not a table
hint-fix-it-first = fix it first
err-demo-unavailable = could not start the demo simulator: { $reason }
hint-demo-unavailable = the demo needs a free port on 127.0.0.1
err-sim-port-taken = cannot listen on { $addr }: the port is taken
hint-sim-port-taken = another program (perhaps another `assist sim`) uses it: pick another port, or 127.0.0.1:0 for any free one

## commands/record.rs: before a change
err-ticket-required = this profile requires a ticket for every change (require_ticket = true)

## config/sdk.rs: the SDK's credentials (environment and file)
err-sdk-half-pair = { $missing } is not set, but its partner is: the environment holds only half an AK/SK pair
hint-sdk-half-pair = set both { $ak } and { $sk }, or unset the one that is set to use a profile instead
err-sdk-unreadable = cannot read the SDK credentials file { $path }: { $reason }
hint-sdk-unreadable = fix or remove it (or { $variable })
err-sdk-line = the SDK credentials file { $path }, line { $line }: { $reason }
hint-sdk-line = it is read as Python's configparser reads it (as the official SDK does): fix that line
err-sdk-value = { $place }: `{ $key }`: { $why }
hint-sdk-percent = configparser interpolates `%`: write `%%` for a percent sign
err-sdk-lacks = { $place } lacks { $keys }
hint-sdk-lacks = add the missing key, or write an assist profile (config.example.toml)

## commands/lifecycle.rs: how `start --wait` ends short
err-deadline-pending = the deadline passed ({ $deadline }) and desktop { $desktop } is still pending at { $status }
err-deadline-no-answer = the deadline passed ({ $deadline }) and desktop { $desktop } is still pending at no answer
err-ended = remote assistance on desktop { $desktop } ended { $status }
err-ended-reason = remote assistance on desktop { $desktop } ended { $status }: { $reason }

## config/notify.rs: a [notify.NAME] table
err-notify-bad-url = {"["}notify.{ $name }]: url is not a valid address ({ $reason })
hint-notify-url = write the bot's whole webhook address, https://…
err-notify-http = {"["}notify.{ $name }]: url must use https (it is { $scheme }://)
hint-notify-http = plain http would carry the bot's key unencrypted; only loopback addresses may use it
err-notify-secret-twice = {"["}notify.{ $name }]: both secret and secret_command are set
hint-notify-secret-twice = keep one of them
err-notify-unsigned = {"["}notify.{ $name }]: a { $kind } target has no signing secret
hint-notify-unsigned = only feishu and dingtalk bots sign their messages; remove secret/secret_command
err-notify-lang = {"["}notify.{ $name }]: lang = "{ $value }" is not a language assist speaks
hint-notify-lang = write lang = "en" (English) or lang = "zh" (简体中文), or leave it out for the run's language

## config/regions.rs, config/mod.rs
err-regions-file = cannot read the SDK regions file { $path }: { $why }
hint-regions-file = fix it (a service name, then a list of `id:` and `endpoint:`), or point { $variable } elsewhere
err-demo-not-started = profile "{ $profile }" needs its simulator, which was not started
hint-report-bug = this is a bug in assist: please report it

## session.rs: IAM
err-iam-project-lookup = could not look up the project of region { $region } through IAM at { $iam }
err-iam-no-token = IAM at { $iam } did not give a token to user { $user } in domain { $domain }
