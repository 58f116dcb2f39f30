# Why something failed or was refused: the reasons quoted inside another message (`{ $why }`,
# `{ $reason }`, `{ $error }`), in English (the source language). An error's own text (logs,
# the audit log's `detail`) is this English text. Grouped by the room that says it.

# A reason in words no catalogue has: a library's own (the URL or YAML parser's) or data
# (a bot's answer), quoted as it is in every language.
as-is = { $text }

## engine/state.rs: why the state file cannot be used
state-why-directory = it is a directory
state-why-lock = its lock { $lock }: { $why }
state-why-lock-link = its lock { $lock } is a symbolic link, which assist does not follow
state-why-lock-create = cannot create its lock { $lock }: { $error }
state-why-write = cannot write it: { $error }
state-why-too-large = it is larger than any state file
state-why-link = it is a symbolic link, which assist does not follow (point --state at the file itself)
state-why-read = cannot read it: { $error }
state-why-version = it is a state file of another version of assist (version { $version })
state-why-not-state = it is not a state file of assist
state-why-foreign = { $why }; refusing to overwrite it (give --state a new or empty file, or remove this one)

## hooks/exec.rs, auth/source.rs: a command that failed (`--exec`, a secret command)
command-not-started = could not be started: { $error }
command-not-waited = could not be waited for: { $error }
exec-timed-out = did not finish within { $limit } and was ended with all it started
exec-exit-status = exited with status { $code }
exec-signalled = was ended by a signal
exec-no-stderr = could not be given stderr: { $error }
secret-command = { $key } { $why }
secret-timed-out = did not finish within { $limit }
secret-output-open = exited but kept its output open past { $limit } (a background process?)
secret-failed-status = failed with status { $code }; its stderr: "{ $stderr }"
secret-failed-signal = failed with a signal; its stderr: "{ $stderr }"
secret-not-utf8 = printed something that is not UTF-8
secret-lines = { $key } printed { $lines } lines; the secret must be the first and only line, e.g. `pass show x | head -1`
secret-file-unreadable = { $key }: cannot read { $path }: { $error }
secret-empty = { $source } gave an empty secret

## config/: why a value or a file of the settings is refused
endpoint-why-extras = it must not carry a query, a fragment or user info
endpoint-why-plain-http = plain http would send credentials unencrypted; only loopback addresses may use it (or a profile with allow_http = true)
endpoint-why-scheme = the scheme must be https
err-config-unknown-top-key = unknown key `{ $key }` in the top level of { $path }
err-config-unknown-top-key-line = unknown key `{ $key }` in the top level of { $path }, line { $line }
hint-config-sdk-region = give the region with --region or ASSIST_REGION (or --endpoint)

## config/ini.rs, config/sdk.rs: what is wrong in the SDK credentials file (read as configparser reads it)
ini-section-twice = section [{ $name }] appears twice
ini-key-first = a key before any [section] header
ini-not-a-line = neither `key = value` nor a [section] header
ini-key-twice = key "{ $key }" appears twice in [{ $section }]
ini-nests-deep = interpolation nests deeper than 10 levels
ini-references = interpolation follows more than { $limit } `%(key)s` references
ini-no-such-key = `%({ $name })s` names no key
ini-percent = a `%` that is neither `%%` nor `%(key)s` (write `%%` for a percent sign)
ini-expands = interpolation expands the value past { $limit } KiB
sdk-place = [basic] of { $path }
sdk-lacks-both = ak and sk

## config/regions.rs: why the SDK regions file is refused
regions-why-bomb = its aliases expand to more than { $limit } nodes, more than any regions file has (a YAML alias bomb?)

## config/credentials.rs: what an auth mode needs that the profile lacks
auth-needs-ak = `ak`; missing or empty: ak
auth-needs-sk = a secret key; missing or empty: sk (or sk_command, sk_file)
auth-needs-ak-sk = `ak` and a secret key; missing or empty: ak, sk (or sk_command, sk_file)
auth-needs-token = `token`, `token_command` or `token_file`; none is set
auth-needs-password = `user`, `domain` and `password_command`; missing: { $missing }

## notify/: why a bot was not told
notify-why-timeout = no answer in time
notify-why-connect = cannot connect
notify-why-failed = the request failed
# What went wrong, then the deepest cause the HTTP client gives (its own words).
notify-why-cause = { $what }: { $cause }
notify-why-run-ended = the run ended first
notify-why-no-room = its rate limit left no room before the end

## commands/: what a request was about, what a session waits for
in-flight-request = the request to desktop { $desktop }
in-flight-settings = the tenant's settings
in-flight-message = the message
pending-accept = the user has not accepted yet
pending-access = the user accepted but has not enabled access to their desktop yet
list-repeated = the service sent the same desktops again; the list may be incomplete
list-short = the service counted { $total } desktops but sent only { $offset }; the list may be incomplete
list-page-cap = stopped listing after { $pages } pages ({ $offset } desktops); the list may be incomplete
session-why-unread = it could not be read again: { $error }
session-why-another = it is another session now (created { $created })
session-why-another-sometime = it is another session now (created at an unknown time)
session-why-status = its status is now { $status }

## session.rs, api/, domain/share.rs: the CA file, a desktop's 404, an answer that is not what was asked
ca-why-unreadable = cannot read it: { $error }
ca-why-not-pem = not PEM certificates: { $error }
ca-why-empty = holds no certificate
api-no-error-code = no error code
api-relative-location = a relative location
api-why-empty = empty body
api-why-not-object = expected a JSON object
api-why-no-token = IAM sent no X-Subject-Token header
api-why-expiry = IAM's expires_at is not a date
api-why-not-settings = config_value is not a settings object: { $reason }
api-why-got = expected a JSON object, got { $kind ->
    [null] null
    [bool] a boolean
    [number] a number
    [string] a string
    [array] an array
   *[object] an object
}

## cli/: why a value on the command line is refused
ticket-why-blank = a ticket cannot be blank

## config/file.rs, commands/demo.rs, audit.rs: the program's own reason inside an I/O error
config-why-too-large = it is larger than { $limit } MiB, more than any settings file
demo-why-too-large = it is larger than any demo state
audit-why-read-back = the line read back differs from the line written
