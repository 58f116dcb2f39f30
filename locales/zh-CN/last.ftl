# --lang zh 下最后的英文文本（zhrest3）：文件为何不安全、密钥来自何处、config list 的值、
# units crate 拒绝时长的原因。

## 不安全的文件（src/files.rs、src/auth/cache.rs）
err-file-unsafe = { $path }：{ $why }
file-unsafe-owner = 它属于另一个用户（uid { $uid }），既不属于当前用户也不属于 root
file-unsafe-foreign = 属于另一个用户（uid { $uid }）的{ $what }：assist 不使用它
file-unsafe-writable = 组用户或其他用户可写入的{ $what }（权限 { $mode }）：assist 不使用它
file-unsafe-dir = 所有用户都可写入此目录（权限 { $mode }）且未设置粘滞位，其他用户可能替换或重定向其中的文件
file-unsafe-cache-but = 缓存文件，但{ $why }
file-what-cache-dir = 缓存目录
file-what-cache-file = 缓存文件
# 打开文件时拒绝它的原因（src/files.rs 的 `Refused`），在引用 I/O 错误之处说出。
file-refused-not-regular = 它是{ $what ->
    [directory] 目录
    [fifo] 命名管道（FIFO）
    [char-device] 字符设备
    [block-device] 块设备
    [socket] 套接字
   *[other] 某种非文件的对象
}，不是普通文件
file-refused-link = 这是符号链接，assist 在此处不跟随符号链接
file-refused-unresolved = 它是符号链接，但无法解析其目标（{ $error }）

## 密钥来自何处（src/auth/source.rs）：-v 的凭证行、config show
secret-from-command = { $key }
secret-from-file = { $key } { $path }
secret-in-place = `{ $key }`（{ $place }）
secret-of-notify = [notify.{ $name }] 的 secret

## config list 的值（src/commands/config.rs）：表格里的文字，JSON 保持英文
cfg-secret-inline = { $key }：写在文件中
cfg-secret-command = { $key }：{ $key }_command
cfg-secret-file = { $key }：{ $key }_file { $path }
cfg-list-sep = { "，" }
cfg-auth-none = （无）
cfg-demo-secrets = 内置（本地模拟器）

## 被拒绝的时长与速率（src/units.rs 映射 units crate 的错误种类）
units-not-a-duration = "{ $text }" 不是时长{ $why }；请写成 500ms、5s、2m 或 1h 这样的形式
# 说不清错在哪里时，只给出写法示例：括号在这里，不在上面的句子里。
units-flaw = { $flaw ->
    [empty] （它是空的）
    [no-number] （其中没有数字）
    [no-unit] （数字后面没有单位）
    [unit] （"{ $unit }" 不是时间单位）
   *[other] {""}
}
units-negative = "{ $text }" 不是时长（它是负数）；请写成 500ms、5s、2m 或 1h 这样的形式
units-zero = "{ $text }" 为零；请给出一个正的时长
units-too-long-days = "{ $text }" 超过了 { $days } 天的上限
units-too-long = "{ $text }" 超过了 { $limit } 的上限
units-too-long-any = "{ $text }" 超过了本程序能计算的任何时长
units-interval-short = "{ $text }" 短于最短间隔 100ms（要限制每秒请求数，请用 --max-rate）
units-rate = "{ $text }" 不是 0.01 到 10000 之间的每秒请求数
usage-reason = { $reason }
