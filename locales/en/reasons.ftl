# Why something failed or was refused: the reasons quoted inside another message (`{ $why }`,
# `{ $reason }`, `{ $error }`), in English (the source language). An error's own text (logs,
# the audit log's `detail`) is this English text. Grouped by the room that says it.

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
