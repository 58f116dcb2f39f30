# 每条错误的中文文本（简体中文）。`{ $name }` 是参数的位置；术语见 docs/glossary.md。
# 数据（ID、路径、错误码、请求 ID、参数名）保持原样。

## outcome.rs：尚未进入目录的文本，原样显示
err-text = { $text }

## api/：与云服务通信时的错误（服务端的答复、URL 和请求 ID 是数据）
err-api-status = 服务端返回 { $answer }
err-api-status-request = 服务端返回 { $answer }（请求 ID { $request }）
err-api-status-encoded = 服务端返回 { $answer }；编码的授权信息 { $shown }（{ $count } 个字符）
err-api-status-request-encoded = 服务端返回 { $answer }（请求 ID { $request }）；编码的授权信息 { $shown }（{ $count } 个字符）
err-api-malformed = 服务端返回 HTTP { $status }，但响应体不是预期的 JSON（{ $reason }）；响应体："{ $body }"
err-api-malformed-request = 服务端返回 HTTP { $status }，但响应体不是预期的 JSON（{ $reason }）（请求 ID { $request }）；响应体："{ $body }"
err-api-too-large = 服务端返回 HTTP { $status }，响应体超过 { $limit } 字节；assist 在此处停止读取
err-api-too-large-request = 服务端返回 HTTP { $status }，响应体超过 { $limit } 字节（请求 ID { $request }）；assist 在此处停止读取
err-api-invalid-path = 拒绝发送请求：其路径将不是预期的路径（路径段 { $segments }）
err-api-redirect = 服务端返回 HTTP { $status }，重定向到 { $location }；assist 从不跟随重定向，以免凭证被发往其他主机
err-api-connect = 无法连接到 { $url }：{ $detail }
err-api-timeout = 等待 { $url } 超时：{ $detail }
err-api-tls = 与 { $url } 通信时 TLS（证书）失败：{ $detail }
err-api-body = 读取 { $url } 的答复时连接中断：{ $detail }
err-api-other = 向 { $url } 发送请求失败：{ $detail }

## commands/show.rs
err-read-assistance = 无法读取云桌面 { $desktop } 的远程协助
err-read-desktop-state = 无法读取云桌面 { $desktop } 的状态
err-no-such-desktop = 项目 { $project } 中不存在云桌面 { $desktop }（{ $answer }）
err-open-without-link = 云桌面 { $desktop } 的状态为 OPEN，但云服务没有给出公网链接

## commands/desktops.rs、sessions.rs、watch.rs：列出云桌面
err-list-desktops = 无法列出云桌面
err-desktops-no-link = `desktops` 没有可打印的链接（-o link）

## config/：配置文件及其配置档
err-config-read = 无法读取配置文件 { $path }：{ $reason }
err-config-missing = { $path } 处没有配置文件
err-config-syntax = 配置文件 { $path } 无效，第 { $line } 行第 { $column } 列：{ $message }
err-config-unknown-key = { $path } 的 { $place } 中有未知的键 `{ $key }`
err-config-unknown-key-line = { $path } 的 { $place } 中有未知的键 `{ $key }`（第 { $line } 行）
err-config-unknown-profile = 配置档（profile）"{ $name }" 未在 { $path } 中定义

## commands/select.rs：按 ID、名称、用户或 IP 选择云桌面
err-selector-blank = { $selector } 为空或包含控制字符：筛选条件必须指明具体内容
err-desktop-id-empty = 桌面 ID "{ $id }" 为空
err-desktop-id-too-long = 桌面 ID "{ $id }" 超过 255 个字符
err-desktop-id-controls = 桌面 ID "{ $id }" 包含控制字符
err-desktop-id-path = 桌面 ID "{ $id }" 会指向另一个路径
err-look-up-selector = 无法按 { $selector } 查找云桌面
err-no-match = 没有与 { $selector } 匹配的云桌面
err-too-many = 服务列出的云桌面超过 { $cap } 个；assist 到此为止
err-too-many-counted = 服务列出的云桌面超过 { $cap } 个（共 { $total } 个）；assist 到此为止
err-ambiguous = { $selector } 匹配到 { $count } 个云桌面；此命令只需要一个：
    { $candidates }
err-ambiguous-more = { $selector } 匹配到 { $count } 个云桌面；此命令只需要一个：
    { $candidates }
    … 另有 { $more } 个（`assist desktops` 会全部列出）

## commands/lifecycle.rs：start 与 cancel
err-copy-needs-wait = --copy 会把邀请码放到剪贴板，而 `start` 只有在等待到 OPEN 之后才有邀请码
err-replace-failed = 无法取消云桌面 { $desktop } 上已有的会话（--new）
err-start-failed = 无法在云桌面 { $desktop } 上发起远程协助
err-notify-needs-wait = --notify 通知的是 `start --wait` 观察到的变化
err-new-needs-yes = 拒绝在未确认的情况下替换会话（--new）：没有可用于询问的终端
err-no-such-api = API 网关没有这个 API（请求的是云桌面 { $desktop }）
err-show-refused = 云服务拒绝显示云桌面 { $desktop }
err-consent-timeout = 云桌面 { $desktop }：用户未在 { $seconds } 秒内应答（租户设置的接受时限）
err-cancel-failed = 无法取消云桌面 { $desktop } 上的远程协助
err-cancel-lost-unknown = 取消云桌面 { $desktop } 的请求答复丢失，而用于确认其是否生效的查询也失败了（{ $look }）；请用 `assist show { $desktop }` 检查
err-cancel-lost-other = 取消云桌面 { $desktop } 的请求答复丢失，且该云桌面上现在有一个活动会话（{ $now }），并不是要取消的那个（{ $meant }）：已保持不动；请用 `assist show { $desktop }` 检查，如需结束请再次取消
err-cancel-lost-other-unknown = 取消云桌面 { $desktop } 的请求答复丢失，且该云桌面上现在有一个活动会话（{ $now }），并不是要取消的那个（未知：之前的查询失败了）：已保持不动；请用 `assist show { $desktop }` 检查，如需结束请再次取消

## commands/watch.rs：要监视的内容，以及监视提前结束的原因
err-list-project = 无法列出项目中的云桌面
err-list-refused = 云服务拒绝列出云桌面
err-round-too-long = 截止时间已到，但并非每个云桌面都已轮询：{ $total } 个中有 { $left } 个未轮询（{ $desktops }）
err-pending-after-once = 本次轮询后仍未达到期望的状态：{ $desktops }
err-pending-at-deadline = 截止时间已过；仍在等待：{ $desktops }
err-read-ids-from = 无法从 { $source } 读取桌面 ID：{ $reason }
err-read-ids = 无法从 { $source } 读取桌面 ID
err-ids-too-many-lines = { $source } 中的桌面 ID 超过 { $max } 行；assist 不再继续读取
err-ids-line-too-long = { $source } 的第 { $line } 行超过 { $max } 字节
err-ids-not-text = { $source } 的第 { $line } 行不是 UTF-8 文本
err-no-ids = 没有要监视的桌面 ID

## commands/sessions.rs
err-notify-needs-watch = --notify 通知的是 `sessions --watch` 观察到的变化
err-cancel-needs-yes = 拒绝在未确认的情况下取消会话：没有可用于询问的终端
err-prometheus-watch = `sessions --watch` 绘制的是看板，无法输出 -o prometheus
err-metrics-file = 无法写入指标文件 { $path }：{ $reason }
err-cancel-not-recorded = 未发送取消请求：无法先写入其审计日志行

## commands/log.rs
err-log-formats = `log` 没有可打印的邀请码或链接（-o code、-o link）
err-no-data-dir = 此系统上没有用于审计日志的数据目录
err-read-audit-log = 无法读取审计日志 { $path }
err-log-broken = { $path } 第 { $line } 行：{ $why }

## commands/tenant.rs：租户设置与发给用户的消息
err-read-settings = 无法读取租户的协同设置
err-settings-value = 无法修改设置：{ $reason }
err-settings-needs-yes = 拒绝在未确认的情况下修改租户设置：没有可用于询问的终端
err-write-settings = 无法写入租户的协同设置
err-message-stdin = 无法从标准输入读取消息：{ $reason }
err-message-length = 消息必须为 1 到 { $limit } 个字符（当前为 { $length } 个）
err-message-missing = 请给出要发送的消息
err-message-targets = 请用桌面 ID 或 --name、--user、--ip 之一指定云桌面，然后给出消息
err-message-failed = 无法发送消息
err-not-connected = 云桌面 { $desktop } 尚未就绪，其用户无法接受（{ $problem }）；未发送任何内容（--require-connected）

## commands/config.rs：config check 与 config init
err-check-step-config = 第 1 步（共 3 步，读取配置）失败
err-check-step-credentials = 第 2 步（共 3 步，凭证：密钥、IAM 令牌、项目）失败
err-check-step-call = 第 3 步（共 3 步，一次认证调用：ListDesktops，limit=1）失败
err-sk-stdin = 无法从标准输入读取 SK
err-profile-exists = 配置档（profile）"{ $name }" 已存在于 { $path }
err-write-config = 无法写入 { $path }

## commands/demo.rs、commands/record.rs
err-demo-remove = 无法删除 { $path }
err-not-recorded = 未向云桌面 { $desktop } 发送任何请求：无法先写入其审计日志行
err-not-recorded-settings = 未发送修改租户设置的请求：无法先写入其审计日志行

## engine/state.rs：状态文件
err-state-signal = 等待状态文件时{ $signal }
err-state-lock = 无法锁定状态文件 { $path }
err-state-unusable = 状态文件 { $path } 无法使用：{ $why }
err-state-busy = 状态文件 { $path } 正被另一个 assist 进程使用（已等待 { $waited }）

## auth/、notify/、audit.rs：密钥、通知、审计日志
err-secret = 无法读取密钥：{ $reason }
err-notify-client = 无法为通知建立 HTTP 客户端：{ $reason }
err-notify-refused = 通知目标 "{ $target }" 拒绝了测试消息：{ $reason }
err-notify-unreachable = 无法连接通知目标 "{ $target }"：{ $reason }
err-audit-log = 无法写入审计日志 { $path }：{ $reason }

## config/：配置拒绝的值与组合
err-config-sdk-region = { $problem }（凭证来自 { $origin }）
err-config-no-credentials = { $place } 没有凭证
err-config-no-region = { $place } 既没有 `region` 也没有 `endpoint`
# 它们下方的建议（配置层决定的建议随错误一起给出）。
hint-config-no-credentials = 请设置 auth = "aksk" 并给出 ak 和 sk（或 sk_command/sk_file），或 auth = "token" 并给出 token，或 auth = "password" 并给出 user、domain、password_command（见 config.example.toml）
hint-config-no-region = 请添加 region = "cn-north-4"（或你的区域），或 endpoint = "https://…"
err-config-no-home = 无法确定配置目录（没有主目录）
hint-config-no-home = 请使用 --config PATH 或设置 ASSIST_CONFIG
err-config-bad-region = 区域 "{ $region }" 无效（来自 { $source }）
hint-config-bad-region = 区域形如 cn-north-4；提供 Workspace 的区域：{ $regions }
err-config-bad-project = 项目 ID "{ $project }" 无效（来自 { $source }）
hint-config-bad-project = 项目 ID 由字母和数字组成，例如 0bec5db98280d2d02fd6c00c2de791ce（`assist config show` 会说明它的来源）
err-config-foreign-command = 配置文件 { $path } 属于另一个用户（uid { $owner }）且包含 `{ $key }`：assist 不会运行其他用户的命令
hint-config-foreign-command = 请以该用户身份运行 assist，或为它提供当前用户自己的配置文件（--config PATH 或 ASSIST_CONFIG）
err-config-secret-twice = { $place } 同时设置了 `{ $key }`、`{ $key }_command`、`{ $key }_file` 中的多个
hint-config-secret-twice = 只保留其中一个
err-config-auth-needs = { $place }：auth = "{ $mode }" 需要 { $needs }
hint-config-auth-needs = 请添加缺少的键（config.example.toml 给出了每种认证方式的示例）
err-config-unknown-region = 未知的区域 "{ $region }"（{ $place }）
hint-config-region-like = 是否想用 { $region }？提供 Workspace 的区域：{ $regions }；其他区域请设置 `endpoint`
hint-config-regions = 提供 Workspace 的区域：{ $regions }；其他区域请设置 `endpoint`
err-config-bad-endpoint = 终端节点 "{ $endpoint }" 无效：{ $why }
hint-config-bad-endpoint = 请写成 https://workspace.cn-north-4.myhuaweicloud.com 的形式（http:// 仅用于 127.0.0.1/localhost）
err-notify-unknown = 通知目标 "{ $target }" 未在 { $path } 中定义
hint-notify-none-defined = 请添加一个 {"["}notify.NAME] 表（docs/guide.md 的 "Tell the team" 一节）
hint-notify-defined = 已定义的通知目标：{ $targets }
err-notify-unknown-status = {"["}notify.{ $name }]：statuses 中有未知的状态 "{ $status }"
hint-notify-statuses = 状态可以是 OPEN、CLOSE、WAIT_USER_CONFIRM、WAIT_USER_ACCESS、NONE

## session.rs：从设置到已认证的客户端
err-token-needs-project = { $origin }：auth = "token" 需要 `project_id`
hint-token-needs-project = 请在配置档中添加 project_id，或使用 --project-id
err-ca-file = ca_file { $path }：{ $why }
hint-ca-file = 请让 ca_file 指向包含要信任的 CA 证书的 PEM 文件
err-no-project-no-region = { $origin } 既没有 `project_id` 也没有 `region`
hint-no-project-no-region = 请添加 project_id，或添加区域以便 assist 通过 IAM 查找项目
err-iam-no-project = IAM 中没有 AK { $ak } 可用的名为 "{ $region }" 的项目
hint-iam-no-project = 请检查区域，或在配置档中设置 project_id
err-iam-many-projects = IAM 中有 { $count } 个 AK { $ak } 可用的名为 "{ $region }" 的项目：{ $projects }
hint-iam-many-projects = 请在配置档中把 project_id 设为要使用的那个
err-password-needs-region = { $origin }：密码认证需要 `region`（或 `project_id`）来确定令牌（Token）的范围
hint-password-needs-region = 请在配置档中添加 region = "…"
err-token-no-project = IAM 返回的令牌（Token）没有指明项目
hint-token-no-project = 请在配置档中设置 project_id

## commands/config.rs、commands/demo.rs：配置文件、演示用的模拟器
err-no-config-dir = 无法确定配置目录
hint-no-config-dir = 请使用 --config PATH
err-config-not-toml = { $path } 不是有效的 TOML
err-profiles-not-table = { $path } 中的 `profiles` 不是表
hint-fix-it-first = 请先修正它
err-demo-unavailable = 无法启动演示用的模拟器：{ $reason }
hint-demo-unavailable = 演示需要 127.0.0.1 上的一个空闲端口
err-sim-port-taken = 无法在 { $addr } 上监听：端口已被占用
hint-sim-port-taken = 另一个程序（也许是另一个 `assist sim`）正在使用它：请换一个端口，或用 127.0.0.1:0 使用任意空闲端口

## commands/record.rs：变更之前
err-ticket-required = 此配置档要求每次变更都提供工单（require_ticket = true）

## config/sdk.rs：SDK 的凭证（环境变量与文件）
err-sdk-half-pair = { $missing } 未设置，但与之配对的变量已设置：环境中只有半个 AK/SK 对
hint-sdk-half-pair = 请同时设置 { $ak } 和 { $sk }，或取消已设置的那个以改用配置档
err-sdk-unreadable = 无法读取 SDK 凭证文件 { $path }：{ $reason }
hint-sdk-unreadable = 请修正或删除它（或 { $variable }）
err-sdk-line = SDK 凭证文件 { $path } 第 { $line } 行：{ $reason }
hint-sdk-line = 它按 Python 的 configparser 的方式读取（与官方 SDK 相同）：请修正那一行
err-sdk-value = { $place }：`{ $key }`：{ $why }
hint-sdk-percent = configparser 会展开 `%`：百分号请写成 `%%`
err-sdk-lacks = { $place } 缺少 { $keys }
hint-sdk-lacks = 请添加缺少的键，或编写一个 assist 配置档（config.example.toml）

## commands/lifecycle.rs：`start --wait` 提前结束的原因
err-deadline-pending = 截止时间（{ $deadline }）已过，云桌面 { $desktop } 仍停留在 { $status }
err-deadline-no-answer = 截止时间（{ $deadline }）已过，云桌面 { $desktop } 仍未得到答复
err-ended = 云桌面 { $desktop } 上的远程协助已结束，状态为 { $status }
err-ended-reason = 云桌面 { $desktop } 上的远程协助已结束，状态为 { $status }：{ $reason }

## config/notify.rs：[notify.NAME] 表
err-notify-bad-url = {"["}notify.{ $name }]：url 不是有效的地址（{ $reason }）
hint-notify-url = 请写出机器人完整的 Webhook 地址，https://…
err-notify-http = {"["}notify.{ $name }]：url 必须使用 https（当前为 { $scheme }://）
hint-notify-http = 明文 http 会以未加密的方式传送机器人的密钥；只有回环地址可以使用它
err-notify-secret-twice = {"["}notify.{ $name }]：secret 和 secret_command 同时设置了
hint-notify-secret-twice = 只保留其中一个
err-notify-unsigned = {"["}notify.{ $name }]：{ $kind } 类型的目标没有签名密钥
hint-notify-unsigned = 只有飞书和钉钉机器人会对消息签名；请删除 secret/secret_command
err-notify-lang = {"["}notify.{ $name }]：lang = "{ $value }" 不是 assist 支持的语言
hint-notify-lang = 请写 lang = "en"（English）或 lang = "zh"（简体中文）；不写则使用本次运行的语言

## config/regions.rs、config/mod.rs
err-regions-file = 无法读取 SDK 区域文件 { $path }：{ $why }
hint-regions-file = 请修正它（一个服务名，后面是 `id:` 与 `endpoint:` 的列表），或让 { $variable } 指向别处
err-demo-not-started = 配置档（profile）"{ $profile }" 需要它的模拟器，但模拟器没有启动
hint-report-bug = 这是 assist 的缺陷：请报告它

## session.rs：IAM
err-iam-project-lookup = 无法通过 { $iam } 的 IAM 查找区域 { $region } 的项目
err-iam-no-token = { $iam } 的 IAM 没有为域 { $domain } 中的用户 { $user } 颁发令牌（Token）
