# The last English texts under --lang zh (zhrest3): why a file is unsafe, where a secret
# comes from, config list's values, and the duration refusals of the units crate.

## Unsafe files (src/files.rs, src/auth/cache.rs)
err-file-unsafe = { $path }: { $why }
file-unsafe-owner = it belongs to another user (uid { $uid }), neither to this one nor to root
file-unsafe-foreign = a { $what } that belongs to another user (uid { $uid }): assist does not use it
file-unsafe-writable = a { $what } that group or other users may write to (mode { $mode }): assist does not use it
file-unsafe-dir = every user may write to this directory (mode { $mode }) and it is not sticky, so another user could replace or redirect the files in it
file-unsafe-cache-but = a cache file, but { $why }
file-what-cache-dir = cache directory
file-what-cache-file = cache file
# Why an open refused its file (src/files.rs `Refused`), said where an I/O error is quoted.
file-refused-not-regular = it is { $what ->
    [directory] a directory
    [fifo] a FIFO (named pipe)
    [char-device] a character device
    [block-device] a block device
    [socket] a socket
   *[other] something other than a file
}, not a regular file
file-refused-link = a symbolic link, which assist does not follow here
file-refused-unresolved = it is a symbolic link whose target cannot be resolved ({ $error })

## Where a secret comes from (src/auth/source.rs): -v credentials lines, config show
secret-from-command = { $key }
secret-from-file = { $key } { $path }
secret-in-place = `{ $key }` in { $place }
secret-of-notify = secret of [notify.{ $name }]

## config list's values (src/commands/config.rs): a table's words, JSON stays English
cfg-secret-inline = { $key }: in the file
cfg-secret-command = { $key }: { $key }_command
cfg-secret-file = { $key }: { $key }_file { $path }
cfg-list-sep = { ", " }
cfg-auth-none = (none)
cfg-demo-secrets = built in (local simulator)

## Durations and rates refused (src/units.rs maps the units crate's kinds)
units-not-a-duration = "{ $text }" is not a duration ({ $why }); write it like 500ms, 5s, 2m or 1h
# What was wrong with it, as far as it can be told simply: the words other languages say in
# place of the parser's own explanation, which English shows as it came (`why` above). Nothing
# for what cannot be told simply: the examples say how to write one.
units-flaw = { $flaw ->
    [empty] it is empty
    [no-number] it has no number
    [no-unit] its number has no unit
    [unit] "{ $unit }" is not a unit
   *[other] {""}
}
units-negative = "{ $text }" is not a duration (it is negative); write it like 500ms, 5s, 2m or 1h
units-zero = "{ $text }" is zero; give a positive duration
units-too-long-days = "{ $text }" is longer than the limit of { $days } days
units-too-long = "{ $text }" is longer than the limit of { $limit }
units-too-long-any = "{ $text }" is longer than any duration this program can count
units-interval-short = "{ $text }" is shorter than the shortest interval, 100ms (use --max-rate to cap the requests per second)
units-rate = "{ $text }" is not a rate from 0.01 to 10000 requests per second
usage-reason = { $reason }
