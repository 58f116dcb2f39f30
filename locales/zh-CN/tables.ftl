# 表格、标签、实时看板和 `watch` 行的中文文本。输出到管道或文件时，表格保持英文（脚本依赖这些词）。
# 术语见 docs/glossary.md。

## output/: desktops、sessions、log 的列标题
col-id = ID
col-name = 名称
col-user = 用户
col-ip = IP
col-status = 状态
col-connect = 连接状态
col-code = 邀请码
col-created = 创建时间
col-time = 时间
col-action = 操作
col-desktop = 桌面 ID
col-ticket = 工单
col-operator = 操作员
col-http = HTTP
col-reason = 原因

## output/show.rs: show、show --detail 和 start 的行标签
label-desktop = 桌面 ID
label-computer-name = 计算机名
label-user = 用户
label-status = 状态
label-invitation-code = 邀请码
label-space-name = 协同空间名称
label-space-id = 协同空间 ID
label-password = 密码
label-private-link = 私网链接
label-internet-link = 公网链接
label-created = 创建时间
label-failed-reason = 失败原因
label-next-step = 下一步
label-initiator = 发起方
label-power = 电源状态
label-login = 登录状态
label-maintenance = 维护模式
label-task = 任务状态
word-yes = 是
word-no = 否
show-password-masked = { $mask }（--show-password 可显示）

## output/show.rs: 状态对操作员的含义（状态值本身是数据，不翻译）
status-meaning-open = 协同空间已打开：用邀请码加入
status-meaning-wait-user-confirm = 等待用户在云桌面上接受
status-meaning-wait-user-access = 用户已接受；等待其开放访问
status-meaning-close = 远程协助已关闭：`assist start` 可再次请求
status-meaning-none = 没有远程协助会话：`assist start` 向用户请求
status-meaning-other = 此版本的 assist 不认识的状态
status-meaning-missing = 服务未返回状态

## output/age.rs: 多久以前
age-year = { $n } 年
age-years = { $n } 年
age-month = { $n } 个月
age-months = { $n } 个月
age-day = { $n } 天
age-days = { $n } 天
age-hour = { $n } 小时
age-hours = { $n } 小时
age-min = { $n } 分钟
age-ago = { $amount }前
age-in = { $amount }后
age-just-now = 刚刚

## output/board.rs: sessions --watch 的实时看板
board-checked = 已检查 { $seen }/{ $total } 台桌面
board-quit = 按 q 退出
board-last-change = 最近变化：{ $change }
board-none-yet = 暂无
board-no-session = 没有已打开或等待中的会话
board-more = … 还有 { $count } 个

## output/watch.rs: watch 行的字段
watch-code = 邀请码 { $code }
watch-failed = 失败：{ $reason }

## output/log.rs: log --verify
log-verified = { $path }：共 { $lines } 行，哈希链完整

## output/settings.rs: 租户的协同设置
setting-is-user-confirm-enabled = 终端用户须接受
setting-wait-confirm-time = 接受时限
setting-keyboard-mouse-ctl = 协助者可控制键盘和鼠标
setting-audio-and-video = 音频和视频
setting-use-share-password = 协同空间需要密码
setting-allow-anonymous = 允许匿名协助者加入
setting-anonymous-input-ctrl = 匿名协助者可控制键盘和鼠标
setting-share-space-name = 协同空间名称
# A value and a note on it (a status and its meaning, a time and its age): output/show.rs
value-with-note = { $value }（{ $note }）
