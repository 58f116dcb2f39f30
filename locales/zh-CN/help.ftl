# --help 与 man 手册的中文文本。键与 locales/en/help.ftl 相同（src/cli/help.rs 按命令路径与参数 id 查找）。
# 术语见 docs/glossary.md；示例中的命令行保持原样，只翻译说明文字。

heading-usage = 用法
heading-commands = 命令
heading-arguments = 参数
heading-options = 选项
heading-global-options = 全局选项
note-env = 环境变量
note-default = 默认值
note-possible-values = 可选值
about-assist = 华为云 Workspace 云桌面远程协助，在服务台终端中完成
after-assist =
    工作流程（按桌面 ID 选择云桌面，或用 --name、--user、--ip）：
      assist start --user alice --wait    请求用户协助，等待协同空间变为 OPEN
      assist show --user alice -o code    打印加入协同空间的邀请码
      assist cancel --user alice          完成后关闭会话

    `assist desktops --user alice` 列出选择条件匹配的云桌面；
    `assist sessions` 列出项目中所有已打开或待处理的会话。
    无需账号即可试用：assist --profile demo show --name FIN-PC-042
help-profile = 使用的配置档（profile）{"["}默认：配置文件的 `default_profile`，否则为 "default"；"demo" 为内置配置档]
help-config = 配置文件 {"["}默认：平台配置目录，例如 ~/.config/assist/config.toml]
help-output = 结果的输出格式 {"["}默认：配置档的 `output`，否则为 table]
help-region = 区域，覆盖配置档中的设置（选择 https://workspace.<region>.myhuaweicloud.com）
help-project-id = 项目 ID，覆盖配置档中的设置
help-endpoint = Workspace 终端节点 URL，覆盖区域的默认地址（私有终端节点、模拟器）
help-color = 何时使用颜色（`auto` 遵循 NO_COLOR）
help-lang = 供人阅读的文本所用语言：en 或 zh（默认：ASSIST_LANG、配置档的 `lang`，然后是区域设置 LC_ALL、LC_MESSAGES、LANG）。JSON、代码和退出码不会改变
help-verbose = 在 stderr 显示请求（-vv：同时显示请求头）；密钥始终被隐去
help-connect-timeout = 建立连接的时限，例如 500ms、5s
help-timeout = 单个完整请求的时限，例如 30s、2m（对于 watch 以及未指定 --deadline 的 start --wait，也是总时限）
help-max-attempts = 遇到暂时性故障时每个请求的尝试次数（GET/DELETE；POST 仅在从未发出时重试）
clap-print-help = 打印帮助
clap-print-help-more = 打印帮助（使用 '--help' 查看更多）
clap-print-help-summary = 打印帮助（使用 '-h' 查看摘要）
clap-print-version = 打印版本
about-show = 显示一个云桌面的远程协助状态和邀请码
after-show =
    示例：
      assist show --name FIN-PC-042
      assist show --user alice -o json | jq -r .status
      code=$(assist show --ip 192.168.0.42 -o code) && echo "join with $code"
      assist show --name FIN-PC-042 -o link            # 公网链接
    {"  *"}/5 * * * * assist show "$ID" -o json >> /var/log/assist.ndjson  # cron 定时任务
help-show-desktop-id = 云桌面的桌面 ID（1-255 个字符的任意字符串，作为一个路径段发送）
help-show-name = 按计算机名选择云桌面（完全匹配，不区分大小写，优先于部分匹配）
help-show-user = 按用户名选择云桌面（完全匹配，不区分大小写，优先于部分匹配）
help-show-ip = 按 IP 地址选择云桌面
help-show-show-password = 显示协同空间的密码，而不是将其遮盖
help-show-copy = 同时通过终端（OSC 52）将邀请码放入剪贴板
help-show-detail = 同时显示云桌面的电源与登录状态（ShowDesktopDetail）：是否有人可以接受
about-start = 向终端用户请求远程协助（POST）；--wait 等待邀请码
after-start =
    示例：
      assist start --user alice --wait
      assist start --user alice --wait --copy          # 将邀请码放入剪贴板
      code=$(assist start --name FIN-PC-042 --wait -o code --deadline 5m)
      assist start --user erin --message 'IT will ask to see your screen' --wait
      assist start "$ID" -o json | jq -r .share_space_id
help-start-desktop-id = { help-show-desktop-id }
help-start-name = { help-show-name }
help-start-user = { help-show-user }
help-start-ip = { help-show-ip }
help-start-wait = 然后等待协同空间变为 OPEN，并打印最终记录（或仅打印邀请码）
help-start-copy = 配合 --wait（或会等待的 -o code、-o link）：同时通过终端（OSC 52）将邀请码放入剪贴板
help-start-new = 已有会话打开或正在等待用户时，取消该会话并重新请求（不加 --new 时报告该会话，加 --wait 时等待它）；在终端上会先询问，脚本请加 --yes
help-start-yes = 配合 --new：不询问，直接取消已有的会话
help-start-ticket = 此次变更对应的服务台工单（记录在审计日志中）
help-start-reason = 此次变更的原因（记录在审计日志中）
help-start-no-audit = 即使无法写入审计日志也执行变更（会在 stderr 提示）
help-start-interval = 配合 --wait：轮询间隔（至少 100ms）
help-start-deadline = 配合 --wait：超过此时长后放弃（退出码 8）{"["}默认：指定了 --timeout 时为其值；否则用户须接受时为租户的接受时限加一段余量，否则为 10m]
help-start-exec-timeout = 配合 --exec：结束运行超过此时长的命令及其启动的所有进程（给出警告）
help-start-notify = 将每次变化通知配置中的 {"["}notify.NAME] 目标（聊天机器人或 webhook）；可重复
help-start-message = 先在用户屏幕上显示这条消息（SendNotifications；`-` 表示从 stdin 读取），再发起请求
help-start-audit-text = 配合 --message：同时将消息文本记录到审计日志（默认只记录已发送消息及其长度）
help-start-require-connected = 当云桌面已关机、处于维护中、正在执行任务或其用户未连接时拒绝执行（退出码 9，不发送任何请求），而不是给出警告后仍然请求
help-start-exec = 每次变化运行一次 `sh -c <命令>`，变化内容仅通过其环境变量传递（ASSIST_DESKTOP_ID、ASSIST_STATUS、ASSIST_PREVIOUS_STATUS、ASSIST_COMPUTER_NAME、ASSIST_USER_NAME、ASSIST_INVITATION_CODE、ASSIST_JSON）；其输出写到 stderr
about-cancel = 关闭一个云桌面的远程协助会话（DELETE）
after-cancel =
    示例：
      assist cancel --user alice
      assist cancel "$ID" --ticket INC-42   # 没有活动会话时也以 0 退出
help-cancel-desktop-id = { help-show-desktop-id }
help-cancel-name = { help-show-name }
help-cancel-user = { help-show-user }
help-cancel-ip = { help-show-ip }
help-cancel-ticket = { help-start-ticket }
help-cancel-reason = { help-start-reason }
help-cancel-no-audit = { help-start-no-audit }
about-watch = 轮询一个或多个云桌面并报告每次变化，直到达到某个状态、超过时限或按下 Ctrl-C
after-watch =
    示例：
      assist watch --user alice --until OPEN --deadline 10m
      assist watch --all --relist 5m          # 整个项目，包括新增的云桌面
      assist desktops --name OPS- -o code | assist watch -o json \
        | jq -c 'select(.status == "OPEN")'
    {"  *"}/5 * * * * assist watch --user alice --once -o json \
        --state /var/lib/assist/alice.json                   # cron 定时任务
help-watch-desktop-ids = 桌面 ID；也可来自 --file 和 --name/--user/--ip，或在均未指定且 stdin 不是终端时来自 stdin
help-watch-file = 从文件读取桌面 ID（每行一个；跳过空行和 # 注释）
help-watch-all = 监视项目中的所有云桌面，每隔 --relist 重新列出（新云桌面加入，已删除的云桌面离开并给出提示）
help-watch-relist = 配合 --all：重新列出项目云桌面的间隔
help-watch-interval = 每个云桌面的轮询间隔（请求分散在间隔内；至少 100ms）
help-watch-concurrency = 同时进行的请求数上限
help-watch-max-rate = 所有云桌面合计每秒请求数的上限（429 也会放慢整个监视）
help-watch-until = 当每个云桌面都达到其中一个状态时以 0 退出（不区分大小写）
help-watch-deadline = 超过此时长后放弃（仍有 --until 状态未达到时退出码为 8）{"["}默认：指定了 --timeout 时为其值，否则无]
help-watch-once = 每个云桌面轮询一次后退出（用于 cron）
help-watch-state = 在此文件中记住各次运行之间看到的内容，只报告自上次运行以来的变化
help-watch-metrics-file = 每一轮将所监视云桌面的 `sessions -o prometheus` 指标原子地写入此文件（模式 0644），供 node_exporter 的 textfile 收集器使用
help-watch-exec = { help-start-exec }
help-watch-exec-timeout = { help-start-exec-timeout }
help-watch-notify = { help-start-notify }
help-watch-name = 同时监视具有此计算机名的云桌面（完全匹配，否则为所有部分匹配）
help-watch-user = 同时监视此用户的所有云桌面（完全匹配，否则为所有部分匹配）
help-watch-ip = 同时监视具有此 IP 地址的云桌面
about-config = 配置文件的位置、其中的配置档、解析后的设置、引导式设置、在线检查
about-config-path = 将要使用的配置文件、缓存目录和 SDK 凭证文件
after-config-path =
    示例：
      assist config path
      assist config path -o json | jq -r .config_file
about-config-list = 配置档：区域、认证方式以及每个密钥的来源（从不显示其值）
after-config-list =
    示例：
      assist config list
      assist config list -o json | jq -r '.[].name'
about-config-show = 某个配置档解析后的设置，每项附带其来源；密钥显示为 (set, from …)
after-config-show =
    示例：
      assist config show
      assist --profile prod config show -o json | jq .project_id
about-config-init = 写入配置档：在终端上引导填写，或配合 --no-input 从参数读取（文件模式 0600）
after-config-init =
    示例：
      assist config init                                  # 在终端上引导填写
      assist --profile prod config init --no-input --region cn-north-4 \
        --ak AK... --sk-command 'pass show cloud/sk'
      pass show cloud/sk | assist config init --no-input --region cn-north-4 \
        --ak AK... --sk-stdin
help-config-init-no-input = 从不提问：所有内容都取自参数（没有终端时也是如此）
help-config-init-force = 若配置档已存在则替换
help-config-init-set-default = 将其设为配置文件的默认配置档
help-config-init-auth = 认证方式 {"["}默认：aksk]
help-config-init-ak = 访问密钥 ID（AK，不是机密）
help-config-init-sk-command = 打印秘密访问密钥（SK）的命令（每次使用时运行；不保存任何内容）
help-config-init-sk-file = 保存秘密访问密钥（SK）的文件
help-config-init-sk-stdin = 从 stdin 读取秘密访问密钥（SK）并保存到配置档（文件模式 0600）
help-config-init-token-command = 打印 IAM 令牌（Token）的命令
help-config-init-token-file = 保存 IAM 令牌（Token）的文件
help-config-init-user = IAM 用户名（密码认证）
help-config-init-domain = 账号（domain）名（密码认证）
help-config-init-password-command = 打印 IAM 密码的命令（密码认证；密码从不写入磁盘）
help-config-init-iam-endpoint = IAM 终端节点（如果不是该区域的默认地址）
about-config-check = 解析所有设置并发起一次低开销的认证调用；报告失败的步骤。指定 --notify <名称> 时改为向该目标发送一条测试消息
after-config-check =
    示例：
      assist config check
      assist --profile prod config check || echo "credentials broken (exit $?)"
      assist config check --notify helpdesk
help-config-check-notify = { help-start-notify }
clap-help-subcommand-arg = 打印子命令的帮助
clap-help-subcommand = 打印此帮助或指定子命令的帮助
about-desktops = 按计算机名、用户、IP 或状态查找云桌面（ListDesktops），以获知其桌面 ID
after-desktops =
    示例：
      assist desktops --user alice
      assist desktops --status active -o json \
        | jq -r '.[] | select(.user_name == "alice").desktop_id'
      assist desktops | cut -f1                        # 管道输出：以制表符分隔
      0 6 * * * assist desktops --name OPS- -o code > /etc/assist/desktops  # cron 定时任务
help-desktops-status = 只显示处于此状态的云桌面（不区分大小写）
help-desktops-no-headers = 表格不带表头行
help-desktops-name = 计算机名包含此文本（不区分大小写）
help-desktops-user = 用户名包含此文本（不区分大小写）
help-desktops-ip = 具有此 IP 地址的云桌面
about-sessions = 项目中（或选择条件下）所有已打开或待处理的会话，最早的在前；--cancel 关闭它们，--watch 显示实时看板
after-sessions =
    示例：
      assist sessions                          # 哪些云桌面有会话，从何时开始？
      assist sessions --older-than 8h --cancel # 关闭被遗忘的会话（先询问）
      0 20 * * * assist sessions --older-than 8h --cancel --yes  # 每晚清理
      assist sessions -o json | jq -r '.[] | select(.status == "OPEN").desktop_id'
      assist sessions --watch                  # 实时看板（按 q 退出）
help-sessions-status = 只显示处于此状态的云桌面，或只显示处于此状态的会话（不区分大小写）
help-sessions-no-headers = { help-desktops-no-headers }
help-sessions-older-than = 只显示创建时间早于此时长的会话，例如 2h（云端未给出创建时间的会话不列出）
help-sessions-cancel = 关闭列出的每个会话：在终端上会先询问；脚本请加 --yes
help-sessions-yes = 配合 --cancel：不询问
help-sessions-ticket = { help-start-ticket }
help-sessions-reason = { help-start-reason }
help-sessions-no-audit = { help-start-no-audit }
help-sessions-watch = 在终端上显示原地刷新的实时看板（按 q 或 Ctrl-C 退出）；没有终端时每次变化输出一行
help-sessions-interval = 配合 --watch：每个云桌面的轮询间隔（至少 100ms）
help-sessions-concurrency = { help-watch-concurrency }
help-sessions-max-rate = 每秒请求数上限（429 也会放慢整个运行）
help-sessions-metrics-file = 同时将 -o prometheus 的指标原子地写入此文件（模式 0644），供 node_exporter 的 textfile 收集器使用
help-sessions-notify = { help-start-notify }
help-sessions-name = 只显示计算机名包含此文本的云桌面（不区分大小写）
help-sessions-user = 只显示用户名包含此文本的云桌面（不区分大小写）
help-sessions-ip = 只显示具有此 IP 地址的云桌面
about-log = 变更的审计日志（start、cancel、用户的应答），最新的在前；--verify 检查其哈希链
after-log =
    示例：
      assist log --desktop a130ab3a-0b4c-4c2a-9d6e-1c2f3a4b5c6d
      assist log --ticket INC-1 -o json
      assist log --since 7d --user alice
      assist log --verify
help-log-desktop = 只显示针对此桌面 ID 的操作
help-log-user = 只显示此本地用户或云用户执行的操作，或针对此终端用户的云桌面的操作（不区分大小写，名称的一部分）
help-log-ticket = 只显示此工单的操作
help-log-since = 只显示晚于此时长之前的操作，例如 7d
help-log-verify = 检查每一行的哈希链，并指出第一条不衔接的行
help-log-no-headers = { help-desktops-no-headers }
about-settings = 租户的协同设置（用户是否必须接受、有多长时间等）；`settings set <键=值>...` 修改它们
after-settings =
    示例：
      assist settings
      assist settings -o json | jq .wait_confirm_time
      assist settings set wait_confirm_time=120 --ticket CHG-7
about-settings-set = 修改设置：读取设置，修改指定的键，再写回整个对象（在终端上会先询问；脚本请加 --yes）
after-settings-set =
    示例：
      assist settings set wait_confirm_time=120 --ticket CHG-7
      assist settings set is_user_confirm_enabled=true keyboard_mouse_ctl=false --yes
help-settings-set-assignments = 要修改的设置（每项都在发出请求前检查）；`assist settings` 列出它们
help-settings-set-yes = 不询问直接写入
help-settings-set-ticket = { help-start-ticket }
help-settings-set-reason = { help-start-reason }
help-settings-set-no-audit = { help-start-no-audit }
about-message = 在用户屏幕上显示一条消息（SendNotifications），例如告知 IT 将会来电
after-message =
    示例：
      assist message --user erin 'IT will call you in 2 minutes'
      assist message "$ID1" "$ID2" 'Maintenance at 18:00: please save your work'
      echo 'Please restart your desktop' | assist message --name FIN-PC-042 -
help-message-words = 云桌面的桌面 ID，然后是消息（最后一个词；`-` 表示从 stdin 读取）
help-message-name = { help-show-name }
help-message-user = { help-show-user }
help-message-ip = { help-show-ip }
help-message-ticket = { help-start-ticket }
help-message-reason = { help-start-reason }
help-message-no-audit = { help-start-no-audit }
help-message-audit-text = 同时将消息文本记录到审计日志（默认只记录已发送消息及其长度）
about-completions = 打印 shell 的补全脚本（补全内容随后由 assist 自身提供：你的配置档、状态、格式）
after-completions =
    示例：
      echo 'source <(assist completions bash)' >> ~/.bashrc
      echo 'source <(assist completions zsh)' >> ~/.zshrc
      assist completions fish > ~/.config/fish/completions/assist.fish
help-completions-shell = 要补全的 shell
about-manpages = 将 man 手册（assist.1 及每个命令一页）写入 <目录>（供打包者使用；仓库的 man/ 中已有）
help-manpages-dir = 写入的位置
about-sim = 运行本地 Workspace 模拟器（用于演示、测试和试用脚本）
after-sim =
    示例：
      assist sim --addr 127.0.0.1:8443
      assist sim > sim.toml &     # 先输出 URL，然后是可粘贴的配置档
help-sim-addr = 监听地址；端口 0 表示选择空闲端口。除非指定 --allow-remote，否则只监听回环地址
help-sim-allow-remote = 允许监听非回环地址（模拟器只有演示凭证）
help-sim-ak = 模拟器接受的 SDK-HMAC-SHA256 签名所用访问密钥（AK）
help-sim-sk = 模拟器验证签名所用的秘密访问密钥（SK）{"["}默认：演示 SK]
help-sim-token = 模拟器在 X-Auth-Token 中接受的令牌（Token）{"["}默认：演示令牌]
help-sim-temp-ak = 临时访问密钥：仅在 X-Security-Token 中带有 --security-token 时接受
help-sim-temp-sk = --temp-ak 的秘密访问密钥 {"["}默认：演示临时 SK]
help-sim-security-token = 与 --temp-ak 配套的安全令牌；其他 X-Security-Token 一律拒绝（401）{"["}默认：演示安全令牌]
help-sim-project-id = 在 /v2/{"{"}project_id{"}"}/ 下提供服务的项目 ID，也是 IAM 中 --region 项目的 ID
help-sim-region = 唯一 IAM 项目的区域名（令牌的 scope.project.name，GET /v3/projects?name=）
help-sim-iam-users = 可用此密码从 POST /v3/auth/tokens 获取令牌的用户；可重复。密码中可以含有 ':' {"["}默认：demo-user:Demo-Passw0rd!]
help-sim-iam-domain = 每个 --iam-user 的账号（domain）名，即 password.user.domain.name
help-sim-token-ttl = POST /v3/auth/tokens 签发的令牌的有效时长，例如 24h、2s
help-sim-duplicate-project = GET /v3/projects 对该区域返回两个项目（对客户端而言是错误）
help-sim-confirm-after = 从 start 到终端用户“确认”的时间（WAIT_USER_CONFIRM -> WAIT_USER_ACCESS），例如 2s、100ms
help-sim-access-after = 此后到终端用户“允许访问”的时间（WAIT_USER_ACCESS -> OPEN）
help-sim-refuse = 其终端用户拒绝新请求的云桌面（-> CLOSE，带 failed_reason）；可重复
help-sim-silent = 其终端用户从不应答请求的云桌面：请求一直等待，超过租户的 `wait_confirm_time` 后关闭（带 failed_reason，为模拟器的推测）；可重复
help-sim-settings-api = 租户协同设置 API 是否应答：available、forbidden（GET 与 PUT 返回 403）或 absent（网关的 404 APIGW.0101，如同在没有该 API 的区域）
help-sim-helped-yesterday = 在模拟器启动前一天接受过协助的云桌面：其会话已结束（CLOSE，create_time 为那一天），直到有人再次请求；可重复
help-sim-desktops = 额外生成指定数量的云桌面 00000000-0000-4000-8000-{"{"}index:012{"}"}（PC-00001、user001、...）
help-sim-seed-status = --desktops 生成的云桌面的协助记录：none 表示在 start 之前没有，或为固定的混合状态
help-sim-fault = 对一部分（--fault-rate）Workspace 请求制造故障：latency[:DUR]、403、429、500、502、503、504、no-api（网关的 404 APIGW.0101：没有此 API）、html、empty、truncated、wrong-types、nulls、unknown-status、escapes、huge（10 MB）、trickle（先以 1 字节/秒发送 4 个字节，然后发送其余内容）、stall（发送 200 的响应头后 10 分钟不发送响应体）、drop、drop-after（远程协助调用：执行后切断应答）、redirect、flood（ListDesktops：每页 20,000 个云桌面，没有尽头）、ignore-filters（ListDesktops 忽略过滤条件返回所有云桌面）、echo-headers（返回引用所有请求头的 400）、spoof（双向覆盖字符、零宽字符、C1 控制字符）、paste-jack（结束括号粘贴并携带命令的邀请码）；或 mixed：每个故障请求随机选其一（延迟最多 2s），但从不选 redirect，因为它是永久性应答而非暂时故障
help-sim-fault-rate = 受 --fault 影响的 Workspace 请求比例，从 0 到 1
help-sim-fault-on = 始终对某个云桌面制造故障，例如 --fault-on a130ab3a-...=500；可重复
help-sim-latency = 每个 Workspace 应答前的额外延迟，例如 200ms
help-sim-rate-limit = API 网关对 Workspace 调用（/v2 API；不含 IAM）的流量控制：每秒或每分钟 N 次，例如 200/s 或 120/min，基于真实时钟的令牌桶；超出的调用返回 429 APIGW.0308 且不做任何更改
help-sim-rate-burst = 满的 --rate-limit 令牌桶一次允许通过的调用数 {"["}默认：速率中的 N]
help-sim-rate-limit-scope = 哪些调用共享 --rate-limit 额度：所有调用方一起，或每个 AK 和每个令牌各自独立
help-sim-retry-after = --rate-limit 的 429 所带的 Retry-After 秒数，或 none（网关文档中没有）；数字也会替换 429 故障所带的 1 秒
help-sim-idle-timeout = 像网关那样，关闭空闲此时长且无进行中请求的 keep-alive 连接（HTTP 或 HTTPS），例如 5s、200ms
help-sim-idle-close = --idle-timeout 如何结束连接：fin 关闭连接（客户端的连接池能察觉）；reset 像负载均衡器和 NAT 丢弃空闲流那样静默遗忘它，并以 TCP reset 应答客户端在其上的下一个请求
help-sim-clock-ahead = 让网关的时钟比本机快这么多，例如 20m：每个 AK/SK 请求都会因 APIGW.0303（时钟偏差）失败，如同来自时钟落后的客户端
help-sim-no-record-as = 对没有协助记录的已有云桌面，GET 的应答（云端的应答未写入文档）：带 SIM.0411 代码的 404、内容为 `{"{"}{"}"}` 的 200，或九个字段均为 null 的 200
help-sim-post-on-active = 对会话已打开或待处理的云桌面，POST 的应答（同样未写入文档）：现有记录（200），或 409 SIM.0409
help-sim-lively = 生成的等待终端用户的会话像已启动的会话一样推进（从第一次被读取起），而不是永远等待；demo 配置档的模拟器就是这样
help-sim-reset-demo = 忘记 demo 配置档保存的状态（用 `--profile demo` 启动或取消的会话），让演示从头开始；然后退出
help-sim-page-size-cap = ListDesktops 应答的最大页大小，无论客户端请求的 limit 是多少（最多 1000）
help-sim-name-match = ListDesktops 如何匹配 `computer_name`：exact（整个名称，区分大小写；对 API 参考更严格的解读）或 fuzzy（名称的一部分，不区分大小写）
help-sim-list-style = ListDesktops 如何读取列表（`desktop_id`、`user_name`）：repeated（每个值一个键，两个官方 SDK 都这样发送；逗号属于值的一部分）或 comma（旧的解读：值在逗号处拆分，重复的键仍会添加值）
help-sim-tls-cert = 使用此 PEM 证书链（配合 --tls-key）提供 HTTPS 服务，而不是普通 HTTP
help-sim-tls-key = --tls-cert 的 PEM 私钥（PKCS#8、PKCS#1 或 SEC1）

## 用法错误（cli/usage.rs）：clap 给出的事实，用中文表述。
usage-unknown-argument = 意外的参数 '{ $arg }'
usage-value-missing = '{ $arg }' 需要一个值，但没有提供
usage-invalid-value = '{ $arg }' 的值 '{ $value }' 无效
usage-value-refused = '{ $arg }' 的值 '{ $value }' 无效：{ $reason }
usage-no-equals = 为 '{ $arg }' 赋值时需要使用等号
usage-too-many-values = '{ $arg }' 出现意外的值 '{ $value }'；不需要更多的值
usage-unknown-subcommand = 无法识别的子命令 '{ $name }'
usage-missing-subcommand = '{ $name }' 需要一个子命令，但没有提供
usage-missing-required = 缺少以下必需的参数：{ $args }
usage-used-twice = 参数 '{ $arg }' 不能多次使用
usage-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 一起使用
usage-conflict-others = 参数 '{ $arg }' 不能与已指定的其他某个参数一起使用
usage-other = { $error }
usage-possible-values = {"["}可选值：{ $values }]
usage-subcommands = {"["}子命令：{ $values }]
usage-similar-subcommand = 建议：存在相似的子命令 '{ $name }'
usage-similar-argument = 建议：存在相似的参数 '{ $name }'
usage-similar-value = 建议：存在相似的值 '{ $name }'
usage-tip-as-value = 建议：如要将 '{ $arg }' 作为值传递，请使用 '-- { $arg }'
usage-tip = 建议：{ $tip }
usage-more = 更多信息请使用 '--help'。
usage-rest = { $lines }

## 占位符：值的名称（`<时长>`），以及用法行中 clap 自己的 `[OPTIONS]` 和 `<COMMAND>`（cli/help.rs）。
value-access-after = 时长
value-addr = 地址
value-ak = AK
value-answer = 应答
value-auth = 认证方式
value-cmd = 命令
value-command = 命令
value-computer-name = 计算机名
value-confirm-after = 时长
value-desktop-id = 桌面ID
value-desktop-id-kind = 桌面ID=类型
value-desktop-id-text = 桌面ID... 文本
value-dir = 目录
value-duration = 时长
value-file = 文件
value-how = 方式
value-id = ID
value-ip = IP
value-key-value = 键=值
value-kind = 类型
value-lang = 语言
value-latency = 时长
value-n = 数量
value-name = 名称
value-name-match = 匹配方式
value-name-password = 名称:密码
value-none-secs = none|秒数
value-options = 选项
value-output = 格式
value-path = 路径
value-project-id = 项目ID
value-rate = 速率
value-region = 区域
value-scope = 范围
value-security-token = 安全令牌
value-seed-status = 状态
value-shell = SHELL
value-sk = SK
value-status = 状态
value-status-status = 状态[,状态...]
value-style = 样式
value-temp-ak = 临时AK
value-temp-sk = 临时SK
value-text = 文本
value-token = 令牌
value-url = URL
value-user-name = 用户名
value-when = 何时

## man 手册（commands/completions.rs）：各节标题，以及示例开头的那一行。
man-name = 名称
man-synopsis = 概要
man-description = 描述
man-options = 选项
man-subcommands = 子命令
man-examples = 示例
man-exit-status = 退出状态
man-version = 版本
man-examples-line = 示例：

## 每个退出码的含义，即每页 man 手册的“退出状态”一节（docs/CONTRACT.md 的表格）。
man-exit-0 = 成功（对于 watch --until：每个云桌面都达到了所等待的状态）
man-exit-1 = 意外的内部错误
man-exit-2 = 用法错误（错误的选项、错误的参数、有歧义的云桌面名称）
man-exit-3 = 配置错误（没有配置、未知的配置档、无效的 TOML、缺少凭证；API 网关的 404 APIGW.0101/APIG.0101：此终端节点或区域没有该 API）
man-exit-4 = 认证失败或权限被拒绝（401、403）
man-exit-5 = 未找到：没有此云桌面（没有会话的云桌面的状态是 NONE，不属于此情况）
man-exit-6 = API 错误（400、其他 4xx、重试后仍为 5xx、格式错误或意外的应答）
man-exit-7 = 网络错误（DNS、连接、TLS、重试后仍超时；cancel 的应答丢失后发现另一个会话处于活动状态，未予处理），或每次尝试后 API 网关仍在限流（429）
man-exit-8 = watch/start --wait 在达到所等待的状态之前超过时限（对于 start --wait，也包括租户的接受时限）；watch --once 在轮询完每个云桌面之前到达时限
man-exit-9 = 远程协助以另一个最终状态结束（等待 OPEN 时出现 CLOSE 或 failed_reason）、-o code（或 -o link）没有可打印的内容、start --require-connected 的云桌面上无人能接受，或 log --verify 发现哈希链断裂
man-exit-signals = 被中断（SIGINT、SIGTERM、SIGHUP）：先保存状态文件，与正常停止完全相同

## clap 拒绝的 `ASSIST_*` 环境变量值（cli/mod.rs）。
usage-variable-value = { $var } 的值 '{ $value }' 无效：应为 { $expected }
usage-or-list = { $rest } 或 { $last }
usage-another-value = 其他值
