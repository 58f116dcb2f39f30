# 每条消息的中文文本（简体中文）。`{ $name }` 是参数的位置；术语见 docs/glossary.md。
# 与 locales/en/messages.ftl 的 id 和参数一一对应（测试会检查）。


## the edge (main.rs): an error, each cause under it
error = { $error }
error-cause = { $cause }

## session.rs: the `-v` details, the cache, the client's own lines
detail-project = 项目 { $project }
detail-credentials = 凭证：{ $mode }（{ $detail }），来自 { $origin }
detail-endpoint = 终端节点 { $endpoint }（来自 { $source }）
cache-unwritable = 无法在 { $dir } 中写入缓存（{ $error }）；不使用缓存继续运行
# The HTTP client's trace and notes come as whole lines (`* …`, `> …`, `warning: …`).
trace = { $line }

## commands/: what a command says on stderr
signal-interrupted = 已中断
signal-terminated = 已终止（SIGTERM）
signal-hung-up = 终端已断开（SIGHUP）
config-init-intro = 正在设置 assist 配置档（profile），按 Ctrl-C 放弃。可选区域：{ $regions }
config-init-question = { $question }：
ask-region = 区域
ask-project-id = 项目 ID（留空：通过 IAM 查询）
ask-auth-mode = 认证方式（aksk、token、password）
ask-ak = 访问密钥 ID（AK）
ask-sk = 秘密访问密钥 SK（输入时不显示；留空则改为提供一条命令）：
ask-sk-command = 输出 SK 的命令
ask-token-command = 输出令牌（Token）的命令
ask-user = IAM 用户
ask-domain = 账号（domain）名
ask-password-command = 输出密码的命令
config-init-question-default = { $question } [{ $default }]：
config-init-wrote = 已将配置档 "{ $name }" 写入 { $path }（权限 0600）；可以试试：assist --profile { $name } config check
demo-not-saved = 无法将演示的会话保存到 { $path }（{ $error }）；下一条演示命令将从头开始
demo-saved-unreadable = 无法读取演示保存的会话（{ $error }）；演示从头开始
demo-forgotten = 演示从头开始：已忘记其保存的会话（{ $path }）
demo-nothing-saved = 演示没有保存任何内容；从预置的场景开始
desktops-none-match = 没有云桌面符合这些筛选条件
start-already = { $desktop }：{ $already }
start-new-confirm = { $desktop } 有一个状态为 { $status } 的会话。取消它并重新发起请求？[y/N]{" "}
start-new-kept = { $desktop }：会话保持原样；未做任何更改
start-replaced = { $desktop }：已取消状态为 { $status } 的会话（--new）；重新发起请求
start-conflict = { $desktop }：已处于活动状态（POST 的应答为 { $error }）{ $already }
start-asked = 已向云桌面 { $desktop } 发起远程协助请求；等待用户接受（按 Ctrl-C 停止等待）
start-look-forbidden = 无法读取云桌面 { $desktop } 的当前状态（{ $error }）；仍然发起请求
start-not-checked = 无法检查云桌面 { $desktop } 上是否已有会话（{ $error }）；仍然发起请求
start-waiting-on-existing = 等待该会话，直到用户接受（按 Ctrl-C 停止等待）
start-change = { $line }
start-stopped-request-open = { $signal }；请求仍在云桌面上保持打开（`assist cancel` 可撤回）
cancel-done = 已取消云桌面 { $desktop } 上的远程协助
cancel-nothing = 无需取消：云桌面 { $desktop } 没有活动的远程协助
cancel-lost-done = 已取消云桌面 { $desktop } 上的远程协助：第一次请求已生效（其应答丢失；云桌面 { $desktop } 现在没有活动的远程协助）
cancel-lost-again = 取消云桌面 { $desktop } 的应答丢失，其会话 { $session } 仍处于活动状态：再次发送取消请求
sessions-lost-done = 取消 { $session } 的应答丢失；查看后现在没有活动的会话：第一次请求已生效
sessions-lost-other = 取消 { $session } 的应答丢失，而该处现在有另一个会话（{ $now }）处于活动状态：不做处理
# audit (the intent before each request, a signal while one is out)
audit-request-interrupted = { $what }发出后、得到答复前{ $signal }：它可能已到达服务器（审计日志中有记录）
audit-intent-unanswered = 第 { $line } 行：一条从未记录结果的意图（运行在收到应答前结束）；`assist log` 将其结果显示为未知
audit-off = --no-audit：本次更改不会记录到审计日志
audit-not-recorded = { $error }；审计日志中缺少此操作
selector-chose = { $selector } 即云桌面 { $desktop }（{ $name }，{ $users }，{ $ip }）
sessions-undated = 已略过 { $count } 个没有创建时间的会话（--older-than 无法判断其时长）
sessions-none = { $count } 个云桌面中没有打开或待处理的会话
sessions-incomplete = 列表可能不完整：并非每个云桌面都有应答
sessions-progress = 已检查 { $checked } / { $total } 个云桌面
sessions-confirm = 取消这 { $count } 个会话？[y/N]{" "}
sessions-nothing-cancelled = 未取消任何会话
sessions-cancelled-one = 已取消 { $session }
sessions-already-closed = { $session }：已关闭
sessions-not-cancelled = 无法取消 { $session }：{ $error }
sessions-cancelled = 已取消 { $done } / { $count } 个会话
# sweep (issue 22): each session read again just before its DELETE.
sessions-skipped = 未处理 { $session }：{ $why }（不是列出的那个会话）
sessions-not-reread = 未取消 { $session }：无法再次读取它：{ $error }
sessions-cancelled-skipped = 已取消 { $done } / { $count } 个会话；{ $skipped } 个未处理（列出后已变化）
watch-no-desktops = 该项目还没有云桌面
watch-relist-failed = 无法再次列出项目的云桌面（{ $error }）；继续监视原来的云桌面
watch-names-failed = 无法查询云桌面的名称（{ $error }）；监视在没有名称的情况下继续

## hints of typed errors (exit/diagnose.rs decides which)
hint-app-auth-failed = API 网关不接受请求的签名：本机时钟可能与云端相差 15 分钟以上（请校准，例如 `timedatectl set-ntp true`），或者签名及其凭证已过期或无效（请检查配置档中的 ak/sk 和安全令牌）
hint-no-such-api = { $endpoint } 的 API 网关没有这个 API：终端节点、其路径或区域有误（区域：{ $region }）；请检查 `endpoint` 和 `region`（`assist config show`），而不是云桌面
hint-credentials-rejected = 云端拒绝了凭证：请检查所用配置档的凭证（ak/sk、token，或 user/domain/password_command）；`assist config check` 会指出失败的步骤；连续五次 AK/SK 签名错误后，该 AK 会被锁定 5 分钟
hint-permission-encoded = 凭证有效但缺少权限；编码的授权消息说明了是哪条策略拒绝了请求：用 STS decode-authorization-message 解码（API 会显示该策略和被拒绝的操作）
hint-permission = 凭证有效但缺少权限：IAM 用户需要 workspace:desktops:getRemoteAssistance（读）或 create/cancelRemoteAssistance（写）；`settings` 需要 workspace:tenants:getShareSpaceConfig（设置时还需 updateShareSpaceConfig）
hint-id-looks-like-a-name = "{ $value }" 看起来不像桌面 ID；要按用户名或计算机名选择：--user { $value } 或 --name { $value }
hint-desktop-not-found = 请检查桌面 ID 和项目（`--project-id`）；`assist desktops` 会列出项目中的云桌面
hint-throttled = API 网关正在限流：请等几秒后重试
hint-service-failed = 服务出错：请稍后重试；如果问题持续，请把请求 ID 提供给技术支持
hint-not-workspace = 该终端节点的应答不像 Workspace：请检查 `--endpoint`/`endpoint` 以及中间的代理
hint-timeout = 终端节点响应缓慢或无法访问：请检查网络，或调大 --timeout / --connect-timeout
hint-tls = 服务器的证书不受信任：请检查终端节点的地址；公司代理可能需要其根证书
hint-network = 请检查终端节点（区域、`--endpoint`）和网络；如果使用模拟器，请检查 `assist sim` 是否在运行
hint-config-missing = 用 `assist config init` 创建，或从 config.example.toml 创建（见 README "Configuration"）：mkdir -p { $dir } && cp config.example.toml { $path }；也可以使用 HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK 或 ~/.huaweicloud/credentials 中的凭证；或者试试内置的模拟器：assist --profile demo show a130ab3a-72bf-4b71-baa9-af4987c8e338
hint-did-you-mean = 您是不是要用 `{ $key }`？
hint-known-top-keys = 顶层的键：{ $keys }（配置档的键写在 [profiles.NAME] 之下）
hint-known-keys = 已知的配置档键：{ $keys }
hint-known-profiles = 该文件中定义的配置档：{ $known }；另有内置的 "{ $demo }"
# The config room words its own hints for now: shown as it gives them.
hint-config = { $hint }
hint-state-unusable = 请让 --state 指向一个已存在、且当前用户可写的目录中的文件
hint-state-busy = 请为每个监视指定各自的 --state 文件，或等另一次运行结束
hint-secret-source = 请修正配置档中指定的命令或文件（手动运行该命令，看它做了什么）
# files (src/files.rs): a file or directory another user could have planted
hint-file-unsafe = 请删除它，或将其属主改为当前用户并去掉其他用户的写权限（chown，chmod go-w）
hint-audit-log-unwritable = 请修正该文件或其目录（或在配置档中设置 `audit_log = "/path"`）；`--no-audit` 会使更改不被记录

## hints of the commands' own refusals (commands/)
hint-new-needs-yes = 加上 --yes 以取消已有的会话并重新发起请求（`assist show` 会显示其状态）
hint-cancel-needs-yes = 加上 --yes 以取消列出的所有会话（先用 `assist sessions` 查看）
hint-selector-value = 请提供计算机名或用户名的一部分，或一个 IP 地址
hint-desktop-id-rule = 桌面 ID 为 1 到 255 个字符，不含控制字符，且不能是 "." 或 ".."
hint-no-match = `assist desktops` 会列出云桌面；--name 和 --user 也能匹配名称的一部分
hint-narrow-the-list = 请用 --name、--user、--ip 或 --status 缩小范围
hint-ambiguous = 请提供云桌面的 ID，或一个精确匹配的选择条件
hint-ticket-required = 请加上 --ticket ID（以及 --reason TEXT），例如 --ticket INC-1234
hint-audit-log-or-no-audit = 请在配置档中设置 `audit_log = "/path"`，或者加上 --no-audit
hint-audit-log-path = 请在配置档中设置 `audit_log = "/path"`
hint-log-edited = 日志在写入后被改动过：请与发送到中央日志的副本进行比对
hint-config-init-flags = 各认证方式的参数见 `assist config init --help`
hint-profile-exists = 加上 --force 以替换它，或用 --profile 换一个名称
hint-copy-needs-wait = 请加上 --wait（或 -o code，它会等待）
hint-start-no-code = `-o code` 会输出邀请码；`assist show` 会显示完整记录
hint-still-pending = { $pending }：`assist watch` 会继续跟踪，`assist cancel` 会撤回请求
hint-round-too-long = 请给 --deadline（或 --timeout）一整轮所需的时间，或每次运行少选一些云桌面；状态文件会保留已知的信息
hint-no-ids = 请以参数、--file FILE、--name/--user/--ip 或标准输入（每行一个）提供 ID
hint-too-many-id-lines = 请每次运行监视更少的云桌面（拆分列表），或用 --name/--user/--ip 选择
hint-ids-are-text = 桌面 ID 是文本，每行一个
hint-show-no-code = `assist start --wait` 会询问用户并等待邀请码；`assist show` 会显示完整记录
hint-show-no-link = 链接随 OPEN 状态的协同空间提供：`assist start --wait` 会询问用户；`assist show` 会显示完整记录
hint-log-formats = `log` 输出表格，或用 -o json 输出 JSON
# metrics (`-o prometheus`, `--metrics-file`, `--exec`)
hint-prometheus-watch = `assist sessions -o prometheus` 输出一次指标；`assist watch --all --metrics-file PATH` 会持续更新一个指标文件
hint-metrics-file = 请给 --metrics-file 一个位于已存在且可写目录中的路径，例如 node_exporter 的 --collector.textfile.directory
hint-prometheus-where = `assist sessions -o prometheus` 输出指标；`sessions` 和 `watch` 的 `--metrics-file PATH` 会为 node_exporter 写入指标
hint-desktops-no-link = `-o code` 输出 ID；`assist show ID -o link` 输出会话的链接
# clipboard (`--copy`)
copy-done = 已将邀请码复制到剪贴板（通过终端，OSC 52）
copy-not-a-terminal = --copy：未复制任何内容，标准输出不是终端（`-o code` 只输出邀请码）
copy-no-code = --copy：未复制任何内容，还没有邀请码
copy-refused-unsafe = --copy：未复制任何内容，服务器返回的邀请码含有控制字符或格式字符（粘贴后可能执行命令或隐藏文本）；`-o code` 会以转义形式显示它
# api: what the HTTP layer says without -v (through the client's trace sink), once a run
api-unexpected-json-type = 服务返回的 { $fields } 的 JSON 类型不符合预期（不是文本）；按文本显示
api-404-as-none = 云桌面 { $desktop }：HTTP 404（{ $code }），而列表中有该云桌面：没有会话，视为 NONE
api-silence-retried = { $origin } 在 { $waited } 内没有应答；第 { $next } / { $attempts } 次尝试
# hooks (`--exec`, `--metrics-file`: src/hooks/)
exec-failed = { $desktop } 的 --exec（{ $status }）{ $why }；监视继续，退出码不变
exec-skipped = --exec：由于运行被中断，队列中的 { $count } 条命令未执行
exec-queue-full = --exec：{ $count } 个变化在等待其命令；跳过 { $desktop } 的命令（监视继续）
metrics-file-failed = 无法写入指标文件 { $path }：{ $error }（监视继续；每轮都会重试）
# engine (`watch`, `sessions`, `start --wait`: src/engine/)
engine-desktop = 云桌面 { $id }
engine-desktop-named = 云桌面 { $id }（{ $label }）
engine-round-slow = { $desktops } 个云桌面，约 { $rate } 个/秒：完整一轮约需 { $round }；待处理的每 { $pending } 查看一次
engine-desktop-left = { $desktop } 已离开项目；不再监视
engine-desktop-joined = { $desktop } 已加入项目；开始监视
engine-desktop-answers-again = 云桌面 { $id } 重新有应答
engine-desktop-missing = 云桌面 { $id } 不存在（{ $error }）；已从监视中移除
engine-desktop-retrying = 云桌面 { $id }：{ $error }；退避后重试
engine-desktop-attempt = 云桌面 { $id }：{ $error }；第 { $attempt } / { $attempts } 次尝试
engine-desktop-failed = 云桌面 { $id }：{ $error }
engine-throttled = API 网关正在限流（HTTP 429）；assist 会按其可接受的速率发送请求
engine-desktop-ended = 云桌面 { $id } 在等待 { $until } 时以 { $status } 结束
engine-desktop-earlier = 云桌面 { $id } 显示的是之前会话的 { $status }；仍在等待 { $until }
engine-many-retrying = { $cause }：{ $count } 个云桌面（{ $ids }）；逐个退避后重试
engine-many-failed = { $cause }：{ $count } 个云桌面（{ $ids }）
engine-many-answer-again = { $count } 个云桌面重新有应答（{ $ids }）
engine-and-more = 另有 { $more } 个
engine-signal-uncaught = 无法捕获信号 { $signal }（{ $error }）；该信号会直接终止 assist
engine-ctrl-c-uncaught = 无法捕获 Ctrl-C（{ $error }）；它会直接终止 assist
engine-state-file-wait = 状态文件 { $path } 正被另一次 assist 运行使用，最多等待 { $wait }
# settings (`config`): what resolving them found worth saying
config-secrets-readable = { $path } 含有密钥且其他用户可读；修正方法：chmod 600 { $path }
config-plain-http = 配置档 "{ $profile }" 允许明文 http：发往 { $host } 的请求不加密传输
demo-ignores-place = 内置的演示配置档会忽略 --endpoint 和 --region
config-demo-no-cache = 无：演示不使用缓存
demo-simulator = "{ $profile }" 是位于 { $url } 的内置模拟器，而不是云服务

## commands/tenant.rs: the tenant's settings, a message, looking before asking
settings-change = { $key }：{ $was } → { $now }
settings-not-set = （未设置）
settings-unchanged = 设置已经是这样；无需写入
settings-confirm = 为整个租户写入这些设置？[y/N]{" "}
settings-kept = 设置保持原样；未做任何更改
settings-not-key-value = { $text } 不是 KEY=VALUE 形式
settings-unknown = 未知的设置 { $name }
settings-unknown-near = 未知的设置 { $name }（您是否想用 { $closest }？）
settings-not-bool = { $key } 只接受 true 或 false，而不是 { $raw }
settings-not-seconds = { $key } 只接受 { $min } 到 { $max } 的整秒数，而不是 { $raw }
settings-not-one-of = { $key } 只接受 { $choices } 之一，而不是 { $raw }
settings-bad-text = { $key } 只接受 1 到 64 个字符的文本
settings-written = 已写入租户的设置（{ $count } 项更改）
hint-settings-keys = 可用的设置有 { $keys }；`assist settings` 会显示它们的值
hint-settings-needs-yes = 在脚本中更改设置请加上 --yes
hint-message-length = 请提供 1 到 { $limit } 个字符的消息，作为参数或用 `-` 从标准输入读取
hint-message-usage = 例如 assist message --user erin '技术支持稍后会联系您' 或 assist message ID1 ID2 '消息内容'
message-sent = 已向云桌面 { $desktop } 发送消息
consent-unknown = 无法读取租户的设置（{ $error }）；照常发起请求
consent-within = { $desktop } 有 { $seconds } 秒时间接受
consent-not-asked = { $desktop }：不会询问用户（租户的设置不要求用户同意）
triage-unknown = 发起请求前无法查看云桌面 { $desktop }（{ $error }）；仍然发起请求
triage-warning = { $desktop }：{ $problem }，可能没有人在场接受；仍然发起请求
triage-desktop-status = 云桌面处于 { $status } 状态
triage-maintenance = 云桌面处于维护模式
triage-busy = 云桌面正忙（{ $task }）
triage-not-connected = 其用户未连接（{ $login }）
hint-require-connected = 请等待用户回来（`assist desktops` 会显示状态），发送一条消息（`assist message`），或不带 --require-connected 发起请求
hint-consent-timeout = 请在用户在云桌面前时再次发起请求（可先用 `assist message` 通知），或调大租户的等待时间（`assist settings set wait_confirm_time=120`）

## notify/: telling the team (docs/CONTRACT.md, "Telling the team")
hint-notify-needs-wait = 请加上 --wait：通知的内容是等待过程中的变化
hint-notify-needs-watch = 请加上 --watch：通知的内容是监视过程中的变化
hint-known-notify-keys = [notify.NAME] 表的键：{ $keys }
hint-notify-refused = 请用 `assist config show` 检查 [notify.{ $target }] 的 url（和 secret）：机器人的密钥会脱敏显示；机器人自己的错误见上文
hint-notify-unreachable = 请检查 [notify.{ $target }] 的 url、网络以及代理（HTTPS_PROXY、NO_PROXY）
notify-target = 通知 { $target }：{ $kind }，地址 { $url }
notify-detail = 通知 { $target }：{ $count } 个变化发往 { $url }：{ $result }
notify-failing = 无法通知 "{ $target }"（{ $error }）；assist 会继续尝试，{ $count } 个变化在等待
notify-recovered = "{ $target }" 重新接收通知
notify-lost = 运行结束前，有 { $count } 个变化未能通知 "{ $target }"（{ $error }）

## notify/change.rs、notify/wire.rs：团队在群聊中读到的内容，使用目标的 `lang`。
## 状态、名称、ID、邀请码和服务端的 failed_reason 保持原样。每个变化一行：先是谁，再是什么；
## $code 和 $failed 是下面的分句，或者为空。
notify-who = { $name }（{ $user }）
notify-change = { $who }：{ $previous } → { $status }{ $code }{ $failed }
notify-first = { $who }：{ $status }{ $code }{ $failed }
notify-code = ，邀请码 { $code }
notify-code-kept = ，邀请码请在 assist 中查看
notify-failed = ，失败原因：{ $reason }
## ntfy 消息的标题
notify-title-one = assist：1 个变化
notify-title = assist：{ $count } 个变化
## `config check --notify NAME`
notify-test = assist：这是 `assist config check --notify` 发给 "{ $target }" 的测试消息
notify-test-title = assist：测试消息

# The profile's lang key (config/mod.rs)
err-profile-lang = { $path } 中配置档 "{ $profile }" 的 `lang = "{ $value }"` 不是 assist 支持的语言
hint-profile-lang = 请写 lang = "en"（English）或 lang = "zh"（简体中文），或者不写
# No profile defined in the file (exit/diagnose.rs)
word-none-defined = （无）
