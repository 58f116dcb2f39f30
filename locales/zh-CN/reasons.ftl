# 失败或被拒绝的原因：引用在另一条消息里的原因（`{ $why }`、`{ $reason }`、`{ $error }`）。
# 术语见 docs/glossary.md；数据（路径、退出状态、标志）保持原样。按说出它的模块分组。

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
