# The words of --help and the man pages, in English: clap's derive text, as written in src/cli/
# (a test keeps this file equal to it). Ids: about-/after-<command path>, help-<path>-<argument>,
# help-<global option>; clap-*, heading-*, note-*: the words clap writes itself.

heading-usage = Usage
heading-commands = Commands
heading-arguments = Arguments
heading-options = Options
heading-global-options = Global options
note-env = env
note-default = default
note-possible-values = possible values
about-assist = Remote assistance for Huawei Cloud Workspace desktops, from the helpdesk's terminal
after-assist =
    Workflow (select a desktop by ID, or by --name, --user or --ip):
      assist start --user alice --wait    ask the user, wait for the space to OPEN
      assist show --user alice -o code    print the invitation code to join it
      assist cancel --user alice          close the session when you are done

    `assist desktops --user alice` lists the desktops a selector would match;
    `assist sessions` lists every open or pending session of the project.
    Try it without an account: assist --profile demo show --name FIN-PC-042
help-profile = Profile to use [default: `default_profile` of the file, else "default"; "demo" is built in]
help-config = Config file [default: the platform config dir, e.g. ~/.config/assist/config.toml]
help-output = How to render results [default: the profile's `output`, else table]
help-region = Region, overriding the profile's (selects https://workspace.<region>.myhuaweicloud.com)
help-project-id = Project ID, overriding the profile's
help-endpoint = Workspace endpoint URL, overriding the region's (private endpoints, the simulator)
help-color = When to use colour (NO_COLOR is honoured by `auto`)
help-lang = Language of what a person reads: en or zh (default: ASSIST_LANG, the profile's `lang`, then the locale: LC_ALL, LC_MESSAGES, LANG). JSON, codes and exit codes never change
help-verbose = Show requests on stderr (-vv: also headers); secrets are always redacted
help-connect-timeout = Limit for establishing a connection, like 500ms, 5s
help-timeout = Limit for one whole request, like 30s, 2m (for watch and start --wait without --deadline, also the overall limit)
help-max-attempts = Attempts per request for transient failures (GET/DELETE; POST only if never sent)
clap-print-help = Print help
clap-print-help-more = Print help (see more with '--help')
clap-print-help-summary = Print help (see a summary with '-h')
clap-print-version = Print version
about-show = Show the remote-assistance state and invitation code of one desktop
after-show =
    Examples:
      assist show --name FIN-PC-042
      assist show --user alice -o json | jq -r .status
      code=$(assist show --ip 192.168.0.42 -o code) && echo "join with $code"
      assist show --name FIN-PC-042 -o link            # the internet share link
    {"  *"}/5 * * * * assist show "$ID" -o json >> /var/log/assist.ndjson  # cron
help-show-desktop-id = The desktop's ID (any string of 1-255 characters, sent as one path segment)
help-show-name = Select the desktop by computer name (an exact match, any case, wins over partial ones)
help-show-user = Select the desktop by user name (an exact match, any case, wins over partial ones)
help-show-ip = Select the desktop by IP address
help-show-show-password = Reveal the collaborative space's password instead of masking it
help-show-copy = Also put the invitation code on the clipboard, through the terminal (OSC 52)
help-show-detail = Also show the desktop's power and login state (ShowDesktopDetail): whether anyone is there to accept
about-start = Ask the end user for remote assistance (POST); --wait waits for the invitation code
after-start =
    Examples:
      assist start --user alice --wait
      assist start --user alice --wait --copy          # the code onto the clipboard
      code=$(assist start --name FIN-PC-042 --wait -o code --deadline 5m)
      assist start --user erin --message 'IT will ask to see your screen' --wait
      assist start "$ID" -o json | jq -r .share_space_id
help-start-desktop-id = The desktop's ID (any string of 1-255 characters, sent as one path segment)
help-start-name = Select the desktop by computer name (an exact match, any case, wins over partial ones)
help-start-user = Select the desktop by user name (an exact match, any case, wins over partial ones)
help-start-ip = Select the desktop by IP address
help-start-wait = Then wait until the space is OPEN and print the final record (or just the code)
help-start-copy = With --wait (or -o code, -o link, which wait): also put the invitation code on the clipboard, through the terminal (OSC 52)
help-start-new = When a session is already open or waiting for the user, cancel it and ask again (without --new, that session is reported, and waited on with --wait); asks first on a terminal, scripts add --yes
help-start-yes = With --new: cancel the session already there without asking
help-start-ticket = The helpdesk ticket this change is for (recorded in the audit log)
help-start-reason = Why this change is made (recorded in the audit log)
help-start-no-audit = Make the change even though the audit log cannot be written (said on stderr)
help-start-interval = With --wait: how often to poll (at least 100ms)
help-start-deadline = With --wait: give up after this long (exit 8) [default: --timeout when given, else the tenant's time to accept plus a margin when the user must accept, else 10m]
help-start-exec-timeout = With --exec: end a command that runs longer, with everything it started (a warning)
help-start-notify = Tell the [notify.NAME] target of the config (a chat bot or webhook) of each change; repeatable
help-start-message = Put this message on the user's screen first (SendNotifications; `-` reads it from stdin), then ask
help-start-audit-text = With --message: also record its text in the audit log (by default only that a message went out, and its length)
help-start-require-connected = Refuse (exit 9, nothing sent) when the desktop is off, in maintenance, busy with a task or its user is not connected, instead of warning and asking anyway
help-start-exec = Run `sh -c CMD` once per change, the change only in its environment (ASSIST_DESKTOP_ID, ASSIST_STATUS, ASSIST_PREVIOUS_STATUS, ASSIST_COMPUTER_NAME, ASSIST_USER_NAME, ASSIST_INVITATION_CODE, ASSIST_JSON); its output goes to stderr
about-cancel = Close the remote-assistance session of a desktop (DELETE)
after-cancel =
    Examples:
      assist cancel --user alice
      assist cancel "$ID" --ticket INC-42   # exit 0 also if nothing was active
help-cancel-desktop-id = The desktop's ID (any string of 1-255 characters, sent as one path segment)
help-cancel-name = Select the desktop by computer name (an exact match, any case, wins over partial ones)
help-cancel-user = Select the desktop by user name (an exact match, any case, wins over partial ones)
help-cancel-ip = Select the desktop by IP address
help-cancel-ticket = The helpdesk ticket this change is for (recorded in the audit log)
help-cancel-reason = Why this change is made (recorded in the audit log)
help-cancel-no-audit = Make the change even though the audit log cannot be written (said on stderr)
about-watch = Poll one or many desktops and report each change, until a status, a deadline or Ctrl-C
after-watch =
    Examples:
      assist watch --user alice --until OPEN --deadline 10m
      assist watch --all --relist 5m          # the whole project, new desktops too
      assist desktops --name OPS- -o code | assist watch -o json \
        | jq -c 'select(.status == "OPEN")'
    {"  *"}/5 * * * * assist watch --user alice --once -o json \
        --state /var/lib/assist/alice.json                   # cron
help-watch-desktop-ids = Desktop IDs; also from --file and --name/--user/--ip, or from stdin when none of these is given and stdin is not a terminal
help-watch-file = Read desktop IDs from a file (one per line; blank lines and # comments skipped)
help-watch-all = Watch every desktop of the project, listed again every --relist (new ones join, deleted ones leave with a note)
help-watch-relist = With --all: how often to list the project's desktops again
help-watch-interval = How often to poll each desktop (requests are spread over the interval; at least 100ms)
help-watch-concurrency = How many requests may be in flight at once
help-watch-max-rate = Cap on requests per second across all desktops (a 429 also slows the whole watch)
help-watch-until = Stop with exit 0 once every desktop has reached one of these statuses (any case)
help-watch-deadline = Give up after this long (exit 8 when --until statuses are still pending) [default: --timeout when given, else none]
help-watch-once = Poll each desktop once and exit (for cron)
help-watch-state = Remember what was seen in FILE between runs and report only changes since the last run
help-watch-metrics-file = Write the metrics of `sessions -o prometheus` for the watched desktops to this file each round, replaced atomically (mode 0644), for node_exporter's textfile collector
help-watch-exec = Run `sh -c CMD` once per change, the change only in its environment (ASSIST_DESKTOP_ID, ASSIST_STATUS, ASSIST_PREVIOUS_STATUS, ASSIST_COMPUTER_NAME, ASSIST_USER_NAME, ASSIST_INVITATION_CODE, ASSIST_JSON); its output goes to stderr
help-watch-exec-timeout = With --exec: end a command that runs longer, with everything it started (a warning)
help-watch-notify = Tell the [notify.NAME] target of the config (a chat bot or webhook) of each change; repeatable
help-watch-name = Also watch the desktops with this computer name (exact match, else every partial one)
help-watch-user = Also watch every desktop of this user (exact match, else every partial one)
help-watch-ip = Also watch the desktop with this IP address
about-config = Where the config is, its profiles, the resolved settings, a guided set-up, a live check
about-config-path = The config file, cache dir and SDK credentials file that would be used
after-config-path =
    Examples:
      assist config path
      assist config path -o json | jq -r .config_file
about-config-list = The profiles: region, auth mode and where each secret comes from (never its value)
after-config-list =
    Examples:
      assist config list
      assist config list -o json | jq -r '.[].name'
about-config-show = The resolved settings of a profile, each with its source; secrets as (set, from …)
after-config-show =
    Examples:
      assist config show
      assist --profile prod config show -o json | jq .project_id
about-config-init = Write a profile: guided on a terminal, from flags with --no-input (file mode 0600)
after-config-init =
    Examples:
      assist config init                                  # guided, on a terminal
      assist --profile prod config init --no-input --region cn-north-4 \
        --ak AK... --sk-command 'pass show cloud/sk'
      pass show cloud/sk | assist config init --no-input --region cn-north-4 \
        --ak AK... --sk-stdin
help-config-init-no-input = Never prompt: take everything from flags (also the case without a terminal)
help-config-init-force = Replace the profile if it exists
help-config-init-set-default = Make it the default profile of the file
help-config-init-auth = Authentication mode [default: aksk]
help-config-init-ak = Access key ID (not a secret)
help-config-init-sk-command = Command that prints the secret key (run at each use; nothing stored)
help-config-init-sk-file = File that holds the secret key
help-config-init-sk-stdin = Read the secret key from stdin and store it in the profile (file mode 0600)
help-config-init-token-command = Command that prints an IAM token
help-config-init-token-file = File that holds an IAM token
help-config-init-user = IAM user name (password auth)
help-config-init-domain = Account (domain) name (password auth)
help-config-init-password-command = Command that prints the IAM password (password auth; the password never touches disk)
help-config-init-iam-endpoint = IAM endpoint, if not the region's
about-config-check = Resolve everything and make one cheap authenticated call; report the failing step. With --notify NAME: send that target a test message instead
after-config-check =
    Examples:
      assist config check
      assist --profile prod config check || echo "credentials broken (exit $?)"
      assist config check --notify helpdesk
help-config-check-notify = Tell the [notify.NAME] target of the config (a chat bot or webhook) of each change; repeatable
clap-help-subcommand-arg = Print help for the subcommand(s)
clap-help-subcommand = Print this message or the help of the given subcommand(s)
about-desktops = Find desktops by computer name, user, IP or status (ListDesktops), to learn their IDs
after-desktops =
    Examples:
      assist desktops --user alice
      assist desktops --status active -o json \
        | jq -r '.[] | select(.user_name == "alice").desktop_id'
      assist desktops | cut -f1                        # piped: tab-separated
      0 6 * * * assist desktops --name OPS- -o code > /etc/assist/desktops  # cron
help-desktops-status = Only desktops in this state (any case)
help-desktops-no-headers = Tables without their header line
help-desktops-name = Computer names containing this text (any case)
help-desktops-user = User names containing this text (any case)
help-desktops-ip = The desktop with this IP address
about-sessions = Every open or pending session of the project (or of a selector), oldest first; --cancel closes them, --watch keeps a live board
after-sessions =
    Examples:
      assist sessions                          # which desktops have one, and since?
      assist sessions --older-than 8h --cancel # close forgotten ones (asks first)
      0 20 * * * assist sessions --older-than 8h --cancel --yes  # nightly sweep
      assist sessions -o json | jq -r '.[] | select(.status == "OPEN").desktop_id'
      assist sessions --watch                  # a live board (q quits)
help-sessions-status = Only desktops in this state, or only sessions in this state (any case)
help-sessions-no-headers = Tables without their header line
help-sessions-older-than = Only sessions created longer ago than this, like 2h (a session whose creation time the cloud does not give is left out)
help-sessions-cancel = Close every listed session: asks first on a terminal; scripts add --yes
help-sessions-yes = With --cancel: do not ask
help-sessions-ticket = The helpdesk ticket this change is for (recorded in the audit log)
help-sessions-reason = Why this change is made (recorded in the audit log)
help-sessions-no-audit = Make the change even though the audit log cannot be written (said on stderr)
help-sessions-watch = Keep a live board on a terminal, redrawn in place (q or Ctrl-C quits); without a terminal, one line per change
help-sessions-interval = With --watch: how often to poll each desktop (at least 100ms)
help-sessions-concurrency = How many requests may be in flight at once
help-sessions-max-rate = Cap on requests per second (a 429 also slows the whole run)
help-sessions-metrics-file = Also write the metrics of -o prometheus to this file, replaced atomically (mode 0644), for node_exporter's textfile collector
help-sessions-notify = Tell the [notify.NAME] target of the config (a chat bot or webhook) of each change; repeatable
help-sessions-name = Only desktops whose computer name contains this text (any case)
help-sessions-user = Only desktops whose user name contains this text (any case)
help-sessions-ip = Only the desktop with this IP address
about-log = The audit log of changes (start, cancel, the user's answers), newest first; --verify checks its hash chain
after-log =
    Examples:
      assist log --desktop a130ab3a-0b4c-4c2a-9d6e-1c2f3a4b5c6d
      assist log --ticket INC-1 -o json
      assist log --since 7d --user alice
      assist log --verify
help-log-desktop = Only actions on this desktop ID
help-log-user = Only actions by this local or cloud user, or on a desktop of this end user (any case, part of the name)
help-log-ticket = Only actions for this ticket
help-log-since = Only actions newer than this, like 7d
help-log-verify = Check each line's hash chain and name the first line that does not follow
help-log-no-headers = Tables without their header line
about-settings = The tenant's collaboration settings (must the user accept, how long they have, ...); `settings set KEY=VALUE...` changes them
after-settings =
    Examples:
      assist settings
      assist settings -o json | jq .wait_confirm_time
      assist settings set wait_confirm_time=120 --ticket CHG-7
about-settings-set = Change settings: read them, change the named keys, write the whole object back (asks first on a terminal; scripts add --yes)
after-settings-set =
    Examples:
      assist settings set wait_confirm_time=120 --ticket CHG-7
      assist settings set is_user_confirm_enabled=true keyboard_mouse_ctl=false --yes
help-settings-set-assignments = The settings to change (each checked before any request); `assist settings` lists them
help-settings-set-yes = Write without asking
help-settings-set-ticket = The helpdesk ticket this change is for (recorded in the audit log)
help-settings-set-reason = Why this change is made (recorded in the audit log)
help-settings-set-no-audit = Make the change even though the audit log cannot be written (said on stderr)
about-message = Put a message on the user's screen (SendNotifications), e.g. that IT will call
after-message =
    Examples:
      assist message --user erin 'IT will call you in 2 minutes'
      assist message "$ID1" "$ID2" 'Maintenance at 18:00: please save your work'
      echo 'Please restart your desktop' | assist message --name FIN-PC-042 -
help-message-words = The desktops' IDs, then the message (the last word; `-` reads it from stdin)
help-message-name = Select the desktop by computer name (an exact match, any case, wins over partial ones)
help-message-user = Select the desktop by user name (an exact match, any case, wins over partial ones)
help-message-ip = Select the desktop by IP address
help-message-ticket = The helpdesk ticket this change is for (recorded in the audit log)
help-message-reason = Why this change is made (recorded in the audit log)
help-message-no-audit = Make the change even though the audit log cannot be written (said on stderr)
help-message-audit-text = Also record the message's text in the audit log (by default only that a message went out, and its length)
about-completions = Print a shell's completion script (completions then come from assist itself: your profiles, the statuses, the formats)
after-completions =
    Examples:
      echo 'source <(assist completions bash)' >> ~/.bashrc
      echo 'source <(assist completions zsh)' >> ~/.zshrc
      assist completions fish > ~/.config/fish/completions/assist.fish
help-completions-shell = The shell to complete for
about-manpages = Write the man pages (assist.1 and one per command) into DIR (for packagers; the repository's man/ holds them)
help-manpages-dir = Where to write them
about-sim = Run the local Workspace simulator (for the demo, tests and trying scripts)
after-sim =
    Examples:
      assist sim --addr 127.0.0.1:8443
      assist sim > sim.toml &     # the URL first, then a profile to paste
help-sim-addr = Address to listen on; port 0 picks a free port. Only loopback unless --allow-remote
help-sim-allow-remote = Allow listening on a non-loopback address (the simulator has demo credentials only)
help-sim-ak = Access key (AK) the simulator accepts for SDK-HMAC-SHA256 signatures
help-sim-sk = Secret key (SK) the simulator verifies signatures with [default: the demo SK]
help-sim-token = Token the simulator accepts in X-Auth-Token [default: the demo token]
help-sim-temp-ak = Temporary access key: accepted only with --security-token in X-Security-Token
help-sim-temp-sk = Secret key of --temp-ak [default: the demo temporary SK]
help-sim-security-token = The security token that goes with --temp-ak; any other X-Security-Token is refused (401) [default: the demo security token]
help-sim-project-id = Project ID served under /v2/{"{"}project_id{"}"}/, and the ID of the --region project in IAM
help-sim-region = Region name of the one IAM project (token scope.project.name, GET /v3/projects?name=)
help-sim-iam-users = User who may get a token from POST /v3/auth/tokens with this password; repeatable. The password may contain ':' [default: demo-user:Demo-Passw0rd!]
help-sim-iam-domain = Account (domain) name of every --iam-user, as in password.user.domain.name
help-sim-token-ttl = How long a token issued by POST /v3/auth/tokens is accepted, e.g. 24h, 2s
help-sim-duplicate-project = GET /v3/projects answers two projects for the region (an error for clients)
help-sim-confirm-after = Time from start until the end user "confirms" (WAIT_USER_CONFIRM -> WAIT_USER_ACCESS), e.g. 2s, 100ms
help-sim-access-after = Further time until the end user "enables access" (WAIT_USER_ACCESS -> OPEN)
help-sim-refuse = Desktop whose end user declines new requests (-> CLOSE with failed_reason); repeatable
help-sim-silent = Desktop whose end user never answers a request: it waits, then closes once the tenant's `wait_confirm_time` has passed (with a failed_reason, the simulator's guess); repeatable
help-sim-settings-api = Whether the tenant's collaboration-settings API answers: available, forbidden (403 to GET and PUT) or absent (the gateway's 404 APIGW.0101, as in a region without it)
help-sim-helped-yesterday = Desktop helped a day before the simulator started: its session is over (CLOSE, with that day's create_time) until someone asks again; repeatable
help-sim-desktops = Seed N more desktops 00000000-0000-4000-8000-{"{"}index:012{"}"} (PC-00001, user001, ...)
help-sim-seed-status = Assistance records of the --desktops ones: none until started, or a fixed mix
help-sim-fault = Misbehave on a fraction (--fault-rate) of Workspace requests: latency[:DUR], 403, 429, 500, 502, 503, 504, no-api (the gateway's 404 APIGW.0101: no such API), html, empty, truncated, wrong-types, nulls, unknown-status, escapes, huge (10 MB), trickle (1 byte/s for 4 bytes, then the rest), stall (a 200's headers, then no body for 10 minutes), drop, drop-after (remote-assistance calls: carried out, then the answer is cut off), redirect, flood (ListDesktops: 20,000 desktops a page, no end), ignore-filters (ListDesktops answers every desktop whatever its filters), echo-headers (a 400 quoting every request header), spoof (bidi overrides, zero-width characters, C1 controls), paste-jack (an invitation code that ends a bracketed paste and carries a command); or mixed: per faulted request one of them at random (latency up to 2s), never redirect, which is a permanent answer rather than a passing failure
help-sim-fault-rate = Fraction of Workspace requests that get --fault, from 0 to 1
help-sim-fault-on = Always misbehave for one desktop, e.g. --fault-on a130ab3a-...=500; repeatable
help-sim-latency = Extra delay before every Workspace answer, e.g. 200ms
help-sim-rate-limit = The API Gateway's flow control over Workspace calls (the /v2 APIs; not IAM): N calls a second or a minute, e.g. 200/s or 120/min, from a token bucket on the real clock; a call past it is answered 429 APIGW.0308 and changes nothing
help-sim-rate-burst = Calls a full --rate-limit bucket lets through at once [default: the N of the rate]
help-sim-rate-limit-scope = Whose calls share the --rate-limit budget: all callers together, or each AK and each token on its own
help-sim-retry-after = Retry-After seconds on the 429 of --rate-limit, or none (the gateway documents none); a number also replaces the 1 second that 429 faults carry
help-sim-idle-timeout = Close a keep-alive connection (HTTP or HTTPS) idle this long with no request in progress, as gateways do, e.g. 5s, 200ms
help-sim-idle-close = How --idle-timeout ends a connection: fin closes it (the client's pool sees it go); reset forgets it silently, as load balancers and NATs drop idle flows, and answers the client's next request on it with a TCP reset
help-sim-clock-ahead = Run the gateway's clock this far ahead of the machine's, e.g. 20m: every AK/SK request then fails with APIGW.0303 (clock skew), as from a client whose clock is late
help-sim-no-record-as = What GET answers for an existing desktop without an assistance record (the cloud's answer is not documented): 404 with a SIM.0411 code, 200 with `{"{"}{"}"}`, or 200 with the nine fields null
help-sim-post-on-active = What POST answers on a desktop whose session is already open or pending (not documented either): the existing record (200), or 409 SIM.0409
help-sim-lively = Seeded sessions that wait for the end user move on like started ones (from the first time they are read) instead of waiting for ever; the demo profile's simulator does this
help-sim-reset-demo = Forget the demo profile's saved state (the sessions started or cancelled with `--profile demo`), so that the demo starts over; then exit
help-sim-page-size-cap = Largest page ListDesktops answers, whatever limit the client asks for (at most 1000)
help-sim-name-match = How ListDesktops matches `computer_name`: exact (whole name, same case; the stricter reading of the API reference) or fuzzy (part of the name, any case)
help-sim-list-style = How ListDesktops reads a list (`desktop_id`, `user_name`): repeated (a key per value, as both official SDKs send it; a comma is part of one value) or comma (the old reading: a value is split at commas, repeated keys still add values)
help-sim-tls-cert = Serve HTTPS with this PEM certificate chain (with --tls-key) instead of plain HTTP
help-sim-tls-key = PEM private key (PKCS#8, PKCS#1 or SEC1) of --tls-cert

## Usage errors (cli/usage.rs): clap's facts in words, for a language clap does not speak.
## (In English clap's own text is printed; these rows are the source for translators.)
usage-unknown-argument = unexpected argument '{ $arg }' found
usage-value-missing = a value is required for '{ $arg }' but none was supplied
usage-invalid-value = invalid value '{ $value }' for '{ $arg }'
usage-value-refused = invalid value '{ $value }' for '{ $arg }': { $reason }
usage-no-equals = equal sign is needed when assigning values to '{ $arg }'
usage-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
usage-unknown-subcommand = unrecognized subcommand '{ $name }'
usage-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
usage-missing-required = the following required arguments were not provided:{ $args }
usage-used-twice = the argument '{ $arg }' cannot be used multiple times
usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-conflict-others = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
usage-other = { $error }
usage-possible-values = {"["}possible values: { $values }]
usage-subcommands = {"["}subcommands: { $values }]
usage-similar-subcommand = tip: a similar subcommand exists: '{ $name }'
usage-similar-argument = tip: a similar argument exists: '{ $name }'
usage-similar-value = tip: a similar value exists: '{ $name }'
usage-tip-as-value = tip: to pass '{ $arg }' as a value, use '-- { $arg }'
usage-tip = tip: { $tip }
usage-more = For more information, try '--help'.
usage-rest = { $lines }

## Placeholders: the names of values (`<DURATION>`), and clap's own `[OPTIONS]` and `<COMMAND>`
## of a usage line (cli/help.rs).
value-access-after = ACCESS_AFTER
value-addr = ADDR
value-ak = AK
value-answer = ANSWER
value-auth = AUTH
value-cmd = CMD
value-command = COMMAND
value-computer-name = COMPUTER_NAME
value-confirm-after = CONFIRM_AFTER
value-desktop-id = DESKTOP_ID
value-desktop-id-kind = DESKTOP_ID=KIND
value-desktop-id-text = DESKTOP_ID... TEXT
value-dir = DIR
value-duration = DURATION
value-file = FILE
value-how = HOW
value-id = ID
value-ip = IP
value-key-value = KEY=VALUE
value-kind = KIND
value-lang = LANG
value-latency = LATENCY
value-n = N
value-name = NAME
value-name-match = NAME_MATCH
value-name-password = NAME:PASSWORD
value-none-secs = none|SECS
value-options = OPTIONS
value-output = OUTPUT
value-path = PATH
value-project-id = PROJECT_ID
value-rate = RATE
value-region = REGION
value-scope = SCOPE
value-security-token = SECURITY_TOKEN
value-seed-status = SEED_STATUS
value-shell = SHELL
value-sk = SK
value-status = STATUS
value-status-status = STATUS[,STATUS...]
value-style = STYLE
value-temp-ak = TEMP_AK
value-temp-sk = TEMP_SK
value-text = TEXT
value-token = TOKEN
value-url = URL
value-user-name = USER_NAME
value-when = WHEN

## The man pages (commands/completions.rs): section titles, and the line the examples start with.
man-name = NAME
man-synopsis = SYNOPSIS
man-description = DESCRIPTION
man-options = OPTIONS
man-subcommands = SUBCOMMANDS
man-examples = EXAMPLES
man-exit-status = EXIT STATUS
man-version = VERSION
man-examples-line = Examples:

## The meaning of each exit code, EXIT STATUS of every man page (docs/CONTRACT.md's table,
## backticks dropped: a test compares them).
man-exit-0 = success (for watch --until: every desktop reached a wanted status)
man-exit-1 = unexpected internal error
man-exit-2 = usage error (bad flag, bad argument, ambiguous desktop name)
man-exit-3 = configuration error (no config, unknown profile, invalid TOML, missing credentials; the API gateway's 404 APIGW.0101/APIG.0101: no such API at this endpoint or region)
man-exit-4 = authentication or permission refused (401, 403)
man-exit-5 = not found: no such desktop (a desktop without a session is NONE, not this)
man-exit-6 = API error (400, other 4xx, 5xx after retries, malformed or unexpected response)
man-exit-7 = network error (DNS, connect, TLS, timeout after retries; a cancel whose answer was lost and which then found another session active, left alone), or the API gateway still throttling (429) after every attempt
man-exit-8 = watch/start --wait deadline passed before the wanted status (for start --wait, also the tenant's time to accept); watch --once whose deadline came before every desktop was polled
man-exit-9 = the assistance ended in another final state (CLOSE or a failed_reason while waiting for OPEN), -o code (or -o link) with nothing to print, start --require-connected on a desktop nobody can accept on, or log --verify found a broken hash chain
man-exit-signals = interrupted (SIGINT, SIGTERM, SIGHUP): state files saved first, exactly as on a normal stop

## An `ASSIST_*` variable whose value clap refuses (cli/mod.rs).
usage-variable-value = invalid value '{ $value }' for { $var }: expected { $expected }
usage-or-list = { $rest } or { $last }
usage-another-value = another value
