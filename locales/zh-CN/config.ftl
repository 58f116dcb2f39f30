# `config show`、`config path`、`config list` 和 `config check` 给人看的文字（JSON 保持英文：是数据）。
# 术语见 docs/glossary.md。

## commands/config.rs: `config show`、`config path` 和 `config check` 的行标签
cfg-label-profile = 配置档
cfg-label-auth = 认证方式
cfg-label-endpoint = 终端节点
cfg-label-ak = AK / 用户
cfg-label-secret-key = SK
cfg-label-token = 令牌
cfg-label-password = 密码
cfg-label-security-token = 安全令牌
cfg-label-project = 项目
cfg-label-region = 区域
cfg-label-iam-endpoint = IAM 终端节点
cfg-label-output = 输出格式
cfg-label-connect-timeout = 连接超时
cfg-label-timeout = 超时
cfg-label-max-attempts = 最大尝试次数
cfg-label-cache-dir = 缓存目录
cfg-label-language = 语言
cfg-label-config-file = 配置文件
cfg-label-credentials-file = SDK 凭证文件
cfg-label-result = 结果
cfg-label-request-id = 请求 ID
cfg-label-notify = 通知
cfg-notify-ok = 正常：测试消息已发送

## commands/config.rs: 给人看的值和注释
cfg-value-from = { $value }（{ $source }）
cfg-secret-set = （已设置，来自 { $source }）
cfg-path-exists = { $path }（存在）
cfg-path-missing = { $path }（不存在）
cfg-demo-endpoint = http://127.0.0.1（每条命令在空闲端口上启动一个模拟器）
cfg-project-from-token = （来自 IAM 令牌）
cfg-project-looked-up = （通过 IAM 查询，已缓存）
cfg-project-missing = 缺失：auth = "token" 需要 project_id
cfg-check-ok = 正常：凭证可用
cfg-check-auth = { $mode }，来自{ $source }
cfg-user-in-domain = 账号 { $domain } 中的 { $user }

## config/source.rs: 设置的来源
src-flag = 选项 --{ $name }
src-env = 环境变量 { $var }
src-profile = { $path } 中的配置档 "{ $name }"
src-default-profile = { $path } 中的 default_profile
src-builtin-name = 内置的默认名称
src-sdk-env = 环境变量（HUAWEICLOUD_SDK_*）
src-sdk-file = SDK 凭证文件 { $path }
src-regions-file = { $path }（{ $region } 的 `{ $service }`）
src-region = 区域 { $region }
src-region-iam = 区域的 IAM
src-iam = IAM
src-demo = 内置演示配置档
src-default = 默认

## commands/config.rs: `config list` 的列标题
cfgcol-profile = 配置档
cfgcol-default = 默认
cfgcol-region = 区域
cfgcol-auth = 认证方式
cfgcol-secrets = 密钥来源

## api/: 给人看的 `-v` 提示（`> …`/`< …` 请求行是数据，保持原样）
api-retrying = 第 { $n }/{ $attempts } 次尝试失败（{ $why }）；{ $wait } 后重试
api-renewing-token = 401：正在更新令牌并再试一次
api-pooled-closed = 服务器关闭了连接池中的连接（{ $why }）；正在用新连接重新发送

## commands/show.rs: `start` 遇到已有会话时所说的话
already-since = ，自 { $time } 起
already-code = ，邀请码 { $code }
already-open = 已是 OPEN{ $since }{ $code }
already-waiting = 已在等待用户接受{ $since }
already-accepted = 用户已接受；正在等待用户开放访问{ $since }
already-other = 已是 { $status }{ $since }
already-new = { $what }（`--new` 会关闭它并重新请求）

## session.rs: `-v` 说明每个凭证的来源（从不显示其值）
detail-aksk = AK { $ak }，SK 来自 { $sk }
detail-security-token = ，安全令牌来自 { $from }
detail-token = 令牌来自 { $from }
detail-password = 账号 { $domain } 中的用户 { $user }，密码来自 { $from }

## commands/config.rs: `config init` 的用法错误（退出码 2；建议见 hint-config-init-flags）
init-needs-region = config init 需要 --region（或 --endpoint）
init-unknown-region-known = 未知区域 "{ $region }"；已知区域：{ $known }
init-unknown-region = 未知区域 "{ $region }"
init-password-needs = password 认证需要 --{ $flag }
init-one-of = 请恰好给出以下之一：{ $flags }
init-aksk-needs-ak = aksk 认证需要 --ak
init-sk-stdin-empty = --sk-stdin 读到了空行
init-unknown-auth = 未知认证方式 "{ $mode }"
