# 失败或被拒绝的原因：引用在另一条消息里的原因（`{ $why }`、`{ $reason }`、`{ $error }`）。
# 术语见 docs/glossary.md；数据（路径、退出状态、标志）保持原样。按说出它的模块分组。

# 目录中没有的措辞：库自己的（URL、YAML 解析器的）或数据（机器人的答复），在每种语言中
# 原样引用。
as-is = { $text }

## engine/state.rs：状态文件为何无法使用
state-why-directory = 它是一个目录
state-why-lock = 它的锁文件 { $lock }：{ $why }
state-why-lock-link = 它的锁文件 { $lock } 是符号链接，assist 不跟随符号链接
state-why-lock-create = 无法创建它的锁文件 { $lock }：{ $error }
state-why-write = 无法写入它：{ $error }
state-why-too-large = 它比任何状态文件都大
state-why-link = 它是符号链接，assist 不跟随符号链接（请让 --state 指向文件本身）
state-why-read = 无法读取它：{ $error }
state-why-version = 它是另一版本 assist 的状态文件（版本 { $version }）
state-why-not-state = 它不是 assist 的状态文件
state-why-foreign = { $why }；拒绝覆盖它（请给 --state 一个新的或空的文件，或删除此文件）

## hooks/exec.rs、auth/source.rs：失败的命令（`--exec`、密钥命令）
command-not-started = 无法启动：{ $error }
command-not-waited = 无法等待其结束：{ $error }
exec-timed-out = 未在 { $limit } 内结束，已连同它启动的所有进程一起被终止
exec-exit-status = 以状态 { $code } 退出
exec-signalled = 被信号终止
exec-no-stderr = 无法为它提供标准错误输出：{ $error }
secret-command = { $key } { $why }
secret-timed-out = 未在 { $limit } 内结束
secret-output-open = 已退出，但它的输出在 { $limit } 后仍未关闭（有后台进程？）
secret-failed-status = 以状态 { $code } 失败；它的标准错误输出："{ $stderr }"
secret-failed-signal = 被信号终止；它的标准错误输出："{ $stderr }"
secret-not-utf8 = 输出了非 UTF-8 的内容
secret-lines = { $key } 输出了 { $lines } 行；密钥必须是第一行且只有这一行，例如 `pass show x | head -1`
secret-file-unreadable = { $key }：无法读取 { $path }：{ $error }
secret-empty = { $source } 给出的密钥为空

## config/：配置中的值或文件为何被拒绝
endpoint-why-extras = 它不能带查询参数、片段或用户信息
endpoint-why-plain-http = 明文 http 会以未加密的方式发送凭证；只有回环地址可以使用它（或设置了 allow_http = true 的配置档）
endpoint-why-scheme = 协议必须是 https
err-config-unknown-top-key = { $path } 的顶层有未知的键 `{ $key }`
err-config-unknown-top-key-line = { $path } 的顶层有未知的键 `{ $key }`（第 { $line } 行）
hint-config-sdk-region = 请用 --region 或 ASSIST_REGION 指定区域（或用 --endpoint）

## config/ini.rs、config/sdk.rs：SDK 凭证文件中的问题（按 configparser 的规则读取）
ini-section-twice = 节 [{ $name }] 出现了两次
ini-key-first = 在任何 [节] 标题之前出现了键
ini-not-a-line = 既不是 `key = value`，也不是 [节] 标题
ini-key-twice = 键 "{ $key }" 在 [{ $section }] 中出现了两次
ini-nests-deep = 展开嵌套超过 10 层
ini-references = 展开时跟随了超过 { $limit } 个 `%(key)s` 引用
ini-no-such-key = `%({ $name })s` 引用的键不存在
ini-percent = `%` 既不是 `%%` 也不是 `%(key)s`（百分号请写成 `%%`）
ini-expands = 展开后值超过了 { $limit } KiB
sdk-place = { $path } 的 [basic]
sdk-lacks-both = ak 和 sk

## config/regions.rs：SDK 区域文件为何被拒绝
regions-why-bomb = 它的别名展开后超过 { $limit } 个节点，比任何区域文件都多（YAML 别名炸弹？）

## config/credentials.rs：认证方式所需而配置档缺少的项
auth-needs-ak = `ak`；缺少或为空：ak
auth-needs-sk = 秘密访问密钥（SK）；缺少或为空：sk（或 sk_command、sk_file）
auth-needs-ak-sk = `ak` 和秘密访问密钥（SK）；缺少或为空：ak、sk（或 sk_command、sk_file）
auth-needs-token = `token`、`token_command` 或 `token_file`；一个也没有设置
auth-needs-password = `user`、`domain` 和 `password_command`；缺少：{ $missing }

## notify/：为何没能通知到机器人
notify-why-timeout = 没有及时答复
notify-why-connect = 无法连接
notify-why-failed = 请求失败
# 出了什么问题，然后是 HTTP 客户端给出的最深一层原因（它自己的措辞）。
notify-why-cause = { $what }：{ $cause }
notify-why-run-ended = 运行先结束了
notify-why-no-room = 它的速率限制在结束前没有留出余地

## commands/：请求是关于什么的，会话在等待什么
in-flight-request = 发往云桌面 { $desktop } 的请求
in-flight-settings = 租户设置的请求
in-flight-message = 消息
pending-accept = 用户尚未接受
pending-access = 用户已接受，但尚未开放对其云桌面的访问
list-repeated = 服务再次发来了同样的云桌面；列表可能不完整
list-short = 服务统计有 { $total } 个云桌面，但只发来了 { $offset } 个；列表可能不完整
list-page-cap = 列出 { $pages } 页（{ $offset } 个云桌面）后停止；列表可能不完整
session-why-unread = 无法再次读取它：{ $error }
session-why-another = 它现在是另一个会话（创建于 { $created }）
session-why-another-sometime = 它现在是另一个会话（创建时间未知）
session-why-status = 它的状态现在是 { $status }

## session.rs、api/、domain/share.rs：CA 文件、云桌面的 404、不符合预期的答复
ca-why-unreadable = 无法读取它：{ $error }
ca-why-not-pem = 不是 PEM 证书：{ $error }
ca-why-empty = 其中没有证书
api-no-error-code = 没有错误码
api-relative-location = 一个相对地址
api-why-empty = 响应体为空
api-why-not-object = 应为 JSON 对象
api-why-no-token = IAM 没有发送 X-Subject-Token 头
api-why-expiry = IAM 的 expires_at 不是日期
api-why-not-settings = config_value 不是设置对象：{ $reason }
api-why-got = 应为 JSON 对象，实际是{ $kind ->
    [null] 空值（null）
    [bool] 布尔值
    [number] 数字
    [string] 字符串
    [array] 数组
   *[object] 对象
}

## cli/：命令行上的值为何被拒绝
ticket-why-blank = 工单号不能为空

## config/file.rs、commands/demo.rs、audit.rs：程序自己放在 I/O 错误里的原因
config-why-too-large = 它超过了 { $limit } MiB，比任何设置文件都大
demo-why-too-large = 它比任何演示状态都大
audit-why-read-back = 读回的行与写入的行不同
