# The remaining errors said in the run's language (zhrest1): show's missing code or link, the
# -o prometheus refusal, completions, the HTTP client's setup, the watch's polling threads,
# the demo's cache, unsafe files, the audit log's verification, the crash line.

err-show-no-code = desktop { $desktop } has no invitation code: status { $status } ({ $meaning }){ $failed }
err-show-no-link = desktop { $desktop } has no internet share link: status { $status } ({ $meaning }){ $failed }
err-show-failed-reason = ; failed: { $reason }
err-prometheus-refused = `{ $command }` cannot print -o prometheus: only `assist sessions` prints metrics
err-http-client = could not set up the HTTP client: { $error }
err-poll-threads-stopped = every polling thread has stopped; the watch cannot go on
err-completion-shell = no completion for { $shell } yet: bash, zsh, fish, powershell, elvish
err-manpages-dir = could not create { $dir }: { $error }
err-manpages-write = could not write the man pages into { $dir }: { $error }
err-demo-no-cache = there is no cache dir on this system, so the demo saves nothing
audit-break-not-record = it is not an audit record ({ $error })
audit-break-headless = it is the first line but says a line came before it (the start of the log was removed?)
audit-break-not-following = it does not follow line { $before }: line { $before } was edited, or a line between them removed
err-demo-missing = this build of assist has no simulator, so the built-in "{ $profile }" profile and `assist sim` are not available
hint-demo-missing = use a build with the default features (e.g. `cargo install --path .`), or a profile of your own (`assist config init`)
err-internal = internal error: { $message }{ $place } (please report this)
