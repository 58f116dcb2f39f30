# 其余错误在本次运行的语言中的说法（zhrest1）：show 缺少邀请码或链接、拒绝 -o prometheus、
# 补全、HTTP 客户端的设置、监视的轮询线程、演示的缓存、不安全的文件、审计日志的校验、崩溃行。

err-show-no-code = 云桌面 { $desktop } 没有邀请码：状态 { $status }（{ $meaning }）{ $failed }
err-show-no-link = 云桌面 { $desktop } 没有公网链接：状态 { $status }（{ $meaning }）{ $failed }
err-show-failed-reason = ；失败原因：{ $reason }
err-prometheus-refused = `{ $command }` 不能输出 -o prometheus：只有 `assist sessions` 输出指标
err-http-client = 无法设置 HTTP 客户端：{ $error }
err-poll-threads-stopped = 所有轮询线程都已停止；监视无法继续
err-completion-shell = 尚不支持 { $shell } 的补全：可用 bash、zsh、fish、powershell、elvish
err-manpages-dir = 无法创建 { $dir }：{ $error }
err-manpages-write = 无法将手册页写入 { $dir }：{ $error }
err-demo-no-cache = 此系统没有缓存目录，因此演示不保存任何内容
audit-break-not-record = 这不是一条审计记录（{ $error }）
audit-break-headless = 这是第一行，却声明在它之前还有一行（日志的开头被删除了？）
audit-break-not-following = 它没有接在第 { $before } 行之后：第 { $before } 行被修改过，或两者之间的某行被删除
err-demo-missing = 此版本的 assist 没有模拟器，因此内置的 "{ $profile }" 配置档（profile）和 `assist sim` 不可用
hint-demo-missing = 请使用带默认功能构建的版本（例如 `cargo install --path .`），或使用自己的配置档（`assist config init`）
err-internal = 内部错误：{ $message }{ $place }（请报告此问题）
