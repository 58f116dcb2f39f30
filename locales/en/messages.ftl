# The words of every message assist says, in English (the source language).
# `{ $name }` is an argument's place. Keep ids grouped by the room that says them.


## the edge (main.rs): an error, each cause under it
error = { $error }
error-cause = { $cause }

## session.rs: the `-v` details, the cache, the client's own lines
detail-project = project { $project }
detail-credentials = credentials: { $mode } ({ $detail }) from { $origin }
detail-endpoint = endpoint { $endpoint } (from { $source })
cache-unwritable = cannot write the cache in { $dir } ({ $error }); continuing without it
# The HTTP client's trace and notes come as whole lines (`* …`, `> …`, `warning: …`).
trace = { $line }

## commands/: what a command says on stderr
signal-interrupted = interrupted
signal-terminated = terminated (SIGTERM)
signal-hung-up = hung up (SIGHUP)
config-init-intro = Setting up an assist profile (Ctrl-C to abort). Regions: { $regions }
config-init-question = { $question }:{" "}
ask-region = Region
ask-project-id = Project ID (empty: look it up through IAM)
ask-auth-mode = Auth mode (aksk, token, password)
ask-ak = Access key ID
ask-sk = Secret key (hidden; empty to give a command instead):{" "}
ask-sk-command = Command that prints the secret key
ask-token-command = Command that prints a token
ask-user = IAM user
ask-domain = Account (domain) name
ask-password-command = Command that prints the password
config-init-question-default = { $question } [{ $default }]:{" "}
config-init-wrote = wrote profile "{ $name }" to { $path } (mode 0600); try: assist --profile { $name } config check
demo-not-saved = could not save the demo's sessions in { $path } ({ $error }); the next demo command starts over
demo-saved-unreadable = the demo's saved sessions cannot be read ({ $error }); the demo starts over
demo-forgotten = the demo starts over: its saved sessions ({ $path }) are forgotten
demo-nothing-saved = the demo has nothing saved; it starts from its seeded story
desktops-none-match = no desktop matches these filters
start-already = { $desktop }: { $already }
start-new-confirm = { $desktop } has a session that is { $status }. Cancel it and ask again? [y/N]{" "}
start-new-kept = { $desktop }: left the session as it is; nothing changed
start-replaced = { $desktop }: cancelled the session that was { $status } (--new); asking again
start-conflict = { $desktop }: already active (the POST answered { $error }){ $already }
start-asked = asked desktop { $desktop } for remote assistance; waiting for the user to accept (Ctrl-C stops waiting)
start-look-forbidden = the current state of desktop { $desktop } could not be read ({ $error }); asking anyway
start-not-checked = could not check desktop { $desktop } for a session already there ({ $error }); asking anyway
start-waiting-on-existing = waiting on that session until the user accepts (Ctrl-C stops waiting)
start-change = { $line }
start-stopped-request-open = { $signal }; the request stays open on the desktop (`assist cancel` withdraws it)
cancel-done = cancelled remote assistance on desktop { $desktop }
cancel-nothing = nothing to cancel: desktop { $desktop } has no active remote assistance
cancel-lost-done = cancelled remote assistance on desktop { $desktop }: the first request went through (its answer was lost; desktop { $desktop } has no active remote assistance now)
cancel-lost-again = the answer to the cancel of desktop { $desktop } was lost and its session { $session } is still active: sending the cancel again
sessions-lost-done = the answer to the cancel of { $session } was lost; a look shows no active session now: the first request went through
sessions-lost-other = the answer to the cancel of { $session } was lost, and another session ({ $now }) is active there now: left alone
# audit (the intent before each request, a signal while one is out)
audit-request-interrupted = { $signal } while { $what } was out: it may have reached the server (the audit log says so)
audit-intent-unanswered = line { $line }: an intent whose outcome was never recorded (the run ended before its answer); `assist log` shows it as outcome unknown
audit-off = --no-audit: this change is not recorded in the audit log
audit-not-recorded = { $error }; this action is missing from the audit log
selector-chose = { $selector } is desktop { $desktop } ({ $name }, { $users }, { $ip })
sessions-undated = { $count } session(s) without a creation time left out (--older-than cannot tell their age)
sessions-none = no open or pending session among { $count } desktop(s)
sessions-incomplete = the list may be incomplete: not every desktop answered
sessions-progress = checked { $checked } of { $total } desktops
sessions-confirm = Cancel these { $count } session(s)? [y/N]{" "}
sessions-nothing-cancelled = nothing cancelled
sessions-cancelled-one = cancelled { $session }
sessions-already-closed = { $session }: already closed
sessions-not-cancelled = could not cancel { $session }: { $error }
sessions-cancelled = cancelled { $done } of { $count } session(s)
# sweep (issue 22): each session read again just before its DELETE.
sessions-skipped = left { $session } alone: { $why } (not the session listed)
sessions-not-reread = did not cancel { $session }: it could not be read again: { $error }
sessions-cancelled-skipped = cancelled { $done } of { $count } session(s); { $skipped } left alone (changed since listed)
watch-no-desktops = the project has no desktops yet
watch-relist-failed = could not list the project's desktops again ({ $error }); watching the same ones
watch-names-failed = could not look up the desktops' names ({ $error }); the watch goes on without them

## hints of typed errors (exit/diagnose.rs decides which)
hint-app-auth-failed = the gateway did not accept the request's signature: this machine's clock may be more than 15 minutes off the cloud's (fix it, e.g. `timedatectl set-ntp true`), or the signature or its credentials are expired or invalid (check the profile's ak/sk and security token)
hint-no-such-api = the API gateway at { $endpoint } has no such API: the endpoint, its path or the region is wrong (region: { $region }); check `endpoint` and `region` (`assist config show`), not the desktop
hint-credentials-rejected = the cloud rejected the credentials: check those of the profile in use (ak/sk, token, or user/domain/password_command); `assist config check` names the failing step; after five bad AK/SK signatures in a row the AK is locked for 5 minutes
hint-permission-encoded = the credentials are valid but lack permission; the encoded authorization message says which policy denied the request: decode it with STS decode-authorization-message (the API shows the policy and the action that was refused)
hint-permission = the credentials are valid but lack permission: the IAM user needs workspace:desktops:getRemoteAssistance (read) or create/cancelRemoteAssistance (write); `settings` needs workspace:tenants:getShareSpaceConfig (and updateShareSpaceConfig to set them)
hint-id-looks-like-a-name = "{ $value }" is not shaped like a desktop ID; to select by user or computer name: --user { $value } or --name { $value }
hint-desktop-not-found = check the desktop ID and the project (`--project-id`); `assist desktops` lists the desktops of the project
hint-throttled = the API gateway is throttling: wait a few seconds and try again
hint-service-failed = the service failed: try again later; give the request id to support if it persists
hint-not-workspace = the endpoint did not answer like Workspace: check `--endpoint`/`endpoint` and any proxy in between
hint-timeout = the endpoint is slow or unreachable: check the network, or raise --timeout / --connect-timeout
hint-tls = the server's certificate is not trusted: check the endpoint's address; a corporate proxy may need its root certificate
hint-network = check the endpoint (region, `--endpoint`) and the network; for the simulator, check that `assist sim` is running
hint-config-missing = create it with `assist config init`, or from config.example.toml (see README "Configuration"): mkdir -p { $dir } && cp config.example.toml { $path }; credentials in HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK or ~/.huaweicloud/credentials also work; or try the built-in simulator: assist --profile demo show a130ab3a-72bf-4b71-baa9-af4987c8e338
hint-did-you-mean = did you mean `{ $key }`?
hint-known-top-keys = the keys of the top level: { $keys } (a profile's keys go under [profiles.NAME])
hint-known-keys = known profile keys: { $keys }
hint-known-profiles = profiles defined there: { $known }; plus the built-in "{ $demo }"
# The config room words its own hints for now: shown as it gives them.
hint-config = { $hint }
hint-state-unusable = point --state at a file in a directory that exists and that this user can write
hint-state-busy = give each watch its own --state file, or let the other run finish
hint-secret-source = fix the command or file named in the profile (run the command by hand to see what it does)
# files (src/files.rs): a file or directory another user could have planted
hint-file-unsafe = remove it, or give it to this user and take away others' write access (chown, chmod go-w)
hint-audit-log-unwritable = fix the file or its directory (or `audit_log = "/path"` in the profile); `--no-audit` makes the change unrecorded

## hints of the commands' own refusals (commands/)
hint-new-needs-yes = add --yes to cancel the session already there and ask again (`assist show` tells its state)
hint-cancel-needs-yes = add --yes to cancel every listed session (see them first with `assist sessions`)
hint-selector-value = give part of a computer name or user name, or an IP address
hint-desktop-id-rule = a desktop ID is 1 to 255 characters, without control characters, and not "." or ".."
hint-no-match = `assist desktops` lists the desktops; --name and --user also match part of a name
hint-narrow-the-list = narrow the list with --name, --user, --ip or --status
hint-ambiguous = give the desktop's ID, or a selector that matches exactly
hint-ticket-required = add --ticket ID (and --reason TEXT), e.g. --ticket INC-1234
hint-audit-log-or-no-audit = set `audit_log = "/path"` in the profile, or pass --no-audit
hint-audit-log-path = set `audit_log = "/path"` in the profile
hint-log-edited = the log was changed after it was written: compare it with the copy shipped to your central log
hint-config-init-flags = see `assist config init --help` for the flags of each auth mode
hint-profile-exists = pass --force to replace it, or choose another name with --profile
hint-copy-needs-wait = add --wait (or -o code, which waits)
hint-start-no-code = `-o code` prints the invitation code; `assist show` shows the whole record
hint-still-pending = { $pending }: `assist watch` keeps following it, `assist cancel` withdraws the request
hint-round-too-long = give --deadline (or --timeout) the time of a whole round, or fewer desktops per run; the state file keeps what it knew of them
hint-no-ids = give IDs as arguments, with --file FILE, --name/--user/--ip, or one per line on stdin
hint-too-many-id-lines = watch fewer desktops per run (split the list), or select them with --name/--user/--ip
hint-ids-are-text = desktop IDs are text, one per line
hint-show-no-code = `assist start --wait` asks the user and waits for the code; `assist show` shows the whole record
hint-show-no-link = a link comes with an OPEN space: `assist start --wait` asks the user; `assist show` shows the whole record
hint-log-formats = `log` prints a table, or JSON with -o json
# metrics (`-o prometheus`, `--metrics-file`, `--exec`)
hint-prometheus-watch = `assist sessions -o prometheus` prints the metrics once; `assist watch --all --metrics-file PATH` keeps a file of them up to date
hint-metrics-file = give --metrics-file a path in an existing directory you may write to, e.g. node_exporter's --collector.textfile.directory
hint-prometheus-where = `assist sessions -o prometheus` prints the metrics; `--metrics-file PATH` on `sessions` and `watch` writes them for node_exporter
hint-desktops-no-link = `-o code` prints the IDs; `assist show ID -o link` prints a session's link
# clipboard (`--copy`)
copy-done = copied the invitation code to the clipboard (through the terminal, OSC 52)
copy-not-a-terminal = --copy: nothing copied, stdout is not a terminal (`-o code` prints the code alone)
copy-no-code = --copy: nothing copied, there is no invitation code yet
copy-refused-unsafe = --copy: nothing copied, the server's invitation code holds control or format characters (pasted, they could run a command or hide text); `-o code` shows it escaped
# api: what the HTTP layer says without -v (through the client's trace sink), once a run
api-unexpected-json-type = the service sent { $fields } with an unexpected JSON type (not text); shown as text
api-404-as-none = desktop { $desktop }: HTTP 404 ({ $code }) and the listing has the desktop: no session, NONE
api-silence-retried = no answer from { $origin } after { $waited }; attempt { $next } of { $attempts }
# hooks (`--exec`, `--metrics-file`: src/hooks/)
exec-failed = --exec for { $desktop } ({ $status }) { $why }; the watch goes on, its exit code unchanged
exec-skipped = --exec: { $count } queued commands were not run, as the run was interrupted
exec-queue-full = --exec: { $count } changes are waiting for their command; the command for { $desktop } is skipped (the watch goes on)
metrics-file-failed = could not write the metrics file { $path }: { $error } (the watch goes on; tried again each round)
# engine (`watch`, `sessions`, `start --wait`: src/engine/)
engine-desktop = desktop { $id }
engine-desktop-named = desktop { $id } ({ $label })
engine-round-slow = { $desktops } desktops at ~{ $rate }/s: a full round takes ~{ $round }; pending ones every { $pending }
engine-desktop-left = { $desktop } left the project; no longer watched
engine-desktop-joined = { $desktop } joined the project; watching it
engine-desktop-answers-again = desktop { $id } answers again
engine-desktop-missing = desktop { $id } does not exist ({ $error }); dropped from the watch
engine-desktop-retrying = desktop { $id }: { $error }; retrying with backoff
engine-desktop-attempt = desktop { $id }: { $error }; attempt { $attempt } of { $attempts }
engine-desktop-failed = desktop { $id }: { $error }
engine-throttled = the API gateway is throttling (HTTP 429); assist paces its requests to what it accepts
engine-desktop-ended = desktop { $id } ended { $status } while waiting for { $until }
engine-desktop-earlier = desktop { $id } shows { $status } from an earlier session; still waiting for { $until }
engine-many-retrying = { $cause }: { $count } desktops ({ $ids }); retrying each with backoff
engine-many-failed = { $cause }: { $count } desktops ({ $ids })
engine-many-answer-again = { $count } desktops answer again ({ $ids })
engine-and-more = and { $more } more
engine-signal-uncaught = cannot catch signal { $signal } ({ $error }); it will end assist abruptly
engine-ctrl-c-uncaught = cannot catch Ctrl-C ({ $error }); it will end assist abruptly
engine-state-file-wait = waiting up to { $wait } for the state file { $path }, in use by another assist run
# settings (`config`): what resolving them found worth saying
config-secrets-readable = { $path } holds secrets and can be read by other users; fix it with: chmod 600 { $path }
config-plain-http = profile "{ $profile }" allows plain http: requests to { $host } travel unencrypted
demo-ignores-place = --endpoint and --region are ignored by the built-in demo profile
config-demo-no-cache = none: the demo keeps no cache
demo-simulator = "{ $profile }" is a built-in simulator at { $url }, not the cloud

## commands/tenant.rs: the tenant's settings, a message, looking before asking
settings-change = { $key }: { $was } -> { $now }
settings-not-set = (not set)
settings-unchanged = the settings already say so; nothing to write
settings-confirm = Write these settings for the whole tenant? [y/N]{" "}
settings-kept = left the settings as they are; nothing changed
settings-not-key-value = { $text } is not KEY=VALUE
settings-unknown = unknown setting { $name }
settings-unknown-near = unknown setting { $name } (did you mean { $closest }?)
settings-not-bool = { $key } takes true or false, not { $raw }
settings-not-seconds = { $key } takes whole seconds from { $min } to { $max }, not { $raw }
settings-not-one-of = { $key } takes one of { $choices }, not { $raw }
settings-bad-text = { $key } takes a text of 1 to 64 characters
settings-written = wrote the tenant's settings ({ $count } changed)
hint-settings-keys = the settings are { $keys }; `assist settings` shows their values
hint-settings-needs-yes = add --yes to change them from a script
hint-message-length = give a message of 1 to { $limit } characters, as an argument or on stdin with `-`
hint-message-usage = e.g. assist message --user erin 'IT will call you' or assist message ID1 ID2 'text'
message-sent = sent the message to desktop { $desktop }
consent-unknown = the tenant's settings could not be read ({ $error }); asking as before
consent-within = { $desktop } has { $seconds } s to accept
consent-not-asked = { $desktop }: the user will not be asked (the tenant's settings do not ask for consent)
triage-unknown = could not look at desktop { $desktop } before asking ({ $error }); asking anyway
triage-warning = { $desktop }: { $problem }, so nobody may be there to accept; asking anyway
triage-desktop-status = the desktop is { $status }
triage-maintenance = the desktop is in maintenance mode
triage-busy = the desktop is busy ({ $task })
triage-not-connected = its user is not connected ({ $login })
hint-require-connected = wait until the user is back (`assist desktops` shows the state), send a message (`assist message`), or ask without --require-connected
hint-consent-timeout = ask again when the user is at the desktop (`assist message` can tell them first), or raise the tenant's time (`assist settings set wait_confirm_time=120`)

## notify/: telling the team (docs/CONTRACT.md, "Telling the team")
hint-notify-needs-wait = add --wait: the changes of the wait are what is told
hint-notify-needs-watch = add --watch: the changes of the watch are what is told
hint-known-notify-keys = the keys of a [notify.NAME] table: { $keys }
hint-notify-refused = check the url (and secret) of [notify.{ $target }] with `assist config show`: the bot's key is shown redacted; the bot's own error is quoted above
hint-notify-unreachable = check the url of [notify.{ $target }], the network and any proxy (HTTPS_PROXY, NO_PROXY)
notify-target = notify { $target }: { $kind } at { $url }
notify-detail = notify { $target }: { $count } change(s) to { $url }: { $result }
notify-failing = could not notify "{ $target }" ({ $error }); assist keeps trying, { $count } change(s) waiting
notify-recovered = "{ $target }" takes notifications again
notify-lost = { $count } change(s) were not told to "{ $target }" before the end of the run ({ $error })

## notify/change.rs, notify/wire.rs: what the team reads in its chat, in the target's `lang`.
## Statuses, names, IDs, codes and the server's failed_reason stay as they came. A change is
## one line: who, then what; $code and $failed are the clauses below, or nothing.
notify-who = { $name } ({ $user })
notify-change = { $who }: { $previous } → { $status }{ $code }{ $failed }
notify-first = { $who }: { $status }{ $code }{ $failed }
notify-code = , code { $code }
notify-code-kept = , code in assist
notify-failed = , failed: { $reason }
## ntfy's title over a message's lines
notify-title-one = assist: 1 change
notify-title = assist: { $count } changes
## `config check --notify NAME`
notify-test = assist: a test message to "{ $target }" from `assist config check --notify`
notify-test-title = assist: test

# The profile's lang key (config/mod.rs)
err-profile-lang = `lang = "{ $value }"` in profile "{ $profile }" of { $path } is not a language assist speaks
hint-profile-lang = write lang = "en" (English) or lang = "zh" (简体中文), or leave it out
# No profile defined in the file (exit/diagnose.rs)
word-none-defined = (none)
