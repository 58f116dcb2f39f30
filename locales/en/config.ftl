# What `config show`, `config path`, `config list` and `config check` print for a person
# (their JSON stays English: data). The zh-CN file has the same ids.

## commands/config.rs: the labels of `config show`, `config path` and `config check`
cfg-label-profile = profile
cfg-label-auth = auth
cfg-label-endpoint = endpoint
cfg-label-ak = AK / user
cfg-label-secret-key = secret key
cfg-label-token = token
cfg-label-password = password
cfg-label-security-token = security token
cfg-label-project = project
cfg-label-region = region
cfg-label-iam-endpoint = IAM endpoint
cfg-label-output = output
cfg-label-connect-timeout = connect timeout
cfg-label-timeout = timeout
cfg-label-max-attempts = max attempts
cfg-label-cache-dir = cache dir
cfg-label-language = language
cfg-label-config-file = config file
cfg-label-credentials-file = SDK credentials
cfg-label-result = result
cfg-label-request-id = request id
cfg-label-notify = notify
cfg-notify-ok = ok: the test message was sent

## commands/config.rs: the values and annotations a person reads
cfg-value-from = { $value }  ({ $source })
cfg-secret-set = (set, from { $source })
cfg-path-exists = { $path } (exists)
cfg-path-missing = { $path } (not found)
cfg-demo-endpoint = http://127.0.0.1 (a simulator each command starts on a free port)
cfg-project-from-token = (from the IAM token)
cfg-project-looked-up = (looked up through IAM, cached)
cfg-project-missing = missing: auth = "token" needs project_id
cfg-check-ok = ok: the credentials work
cfg-check-auth = { $mode } from { $source }
cfg-user-in-domain = { $user } in domain { $domain }

## config/source.rs: where a setting comes from
src-flag = flag --{ $name }
src-env = env { $var }
src-profile = profile "{ $name }" in { $path }
src-default-profile = default_profile in { $path }
src-builtin-name = the built-in default name
src-sdk-env = the environment (HUAWEICLOUD_SDK_*)
src-sdk-file = the SDK credentials file { $path }
src-regions-file = { $path } (`{ $service }` of { $region })
src-region = region { $region }
src-region-iam = the region's IAM
src-iam = IAM
src-demo = the built-in demo profile
src-default = default

## commands/config.rs: the headers of `config list`
cfgcol-profile = Profile
cfgcol-default = Default
cfgcol-region = Region
cfgcol-auth = Auth
cfgcol-secrets = Secrets from

## api/: the `-v` notes a person reads (the `> …`/`< …` request lines are data and stay)
api-retrying = attempt { $n }/{ $attempts } failed ({ $why }); retrying in { $wait }
api-renewing-token = 401: renewing the token and trying once more
api-pooled-closed = the pooled connection was closed by the server ({ $why }); sending again on a new one

## commands/show.rs: what `start` says of a session already there
already-since = {" "}since { $time }
already-code = , code { $code }
already-open = already OPEN{ $since }{ $code }
already-waiting = already waiting for the user to accept{ $since }
already-accepted = already accepted; waiting for the user to enable access{ $since }
already-other = already { $status }{ $since }
already-new = { $what } (`--new` cancels it and asks again)

## session.rs: the `-v` line of where each credential comes from (never its value)
detail-aksk = AK { $ak }, SK from { $sk }
detail-security-token = , security token from { $from }
detail-token = token from { $from }
detail-password = user { $user } in domain { $domain }, password from { $from }

## commands/config.rs: `config init`'s usage errors (exit 2; the hint is hint-config-init-flags)
init-needs-region = config init needs --region (or --endpoint)
init-unknown-region-known = unknown region "{ $region }"; known: { $known }
init-unknown-region = unknown region "{ $region }"
init-password-needs = password auth needs --{ $flag }
init-one-of = give exactly one of { $flags }
init-aksk-needs-ak = aksk auth needs --ak
init-sk-stdin-empty = --sk-stdin read an empty line
init-unknown-auth = unknown auth mode "{ $mode }"
