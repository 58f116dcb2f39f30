# 系统说的话（src/messages/os.rs）：I/O 错误按其种类说中文，并保留系统错误号。
# 没有中文说法的种类保留系统的英文原文（other）。`code` 为系统错误号，或 `none`。

os-error = { $kind ->
    [not-found] 没有这个文件或目录
    [permission-denied] 权限不足
    [already-exists] 文件已存在
    [is-a-directory] 这是一个目录
    [not-a-directory] 不是目录
    [directory-not-empty] 目录不为空
    [read-only-filesystem] 只读文件系统
    [storage-full] 设备上没有剩余空间
    [quota-exceeded] 超出磁盘配额
    [file-too-large] 文件过大
    [invalid-filename] 文件名无效或过长
    [too-many-links] 链接过多
    [symlink-loop] 符号链接的层数过多
    [resource-busy] 设备或资源忙
    [executable-busy] 可执行文件正在使用
    [crosses-devices] 不能跨设备操作
    [not-seekable] 无法定位
    [interrupted] 操作被中断
    [would-block] 资源暂时不可用
    [broken-pipe] 管道已断开
    [invalid-input] 无效的参数
    [invalid-data] 数据无效
    [not-utf8] 内容不是有效的 UTF-8 文本
    [unexpected-eof] 意外到达文件末尾
    [write-zero] 未能写入全部数据
    [timed-out] 操作超时
    [out-of-memory] 内存不足
    [unsupported] 不支持此操作
    [connection-refused] 连接被拒绝
    [connection-reset] 连接被对方重置
    [connection-aborted] 连接已中止
    [not-connected] 未连接
    [addr-in-use] 地址已被占用
    [addr-not-available] 无法使用请求的地址
    [host-unreachable] 无法访问主机
    [network-unreachable] 网络不可达
    [network-down] 网络已断开
   *[other] { $text }
}{ $code ->
    [none] {""}
   *[other] （系统错误 { $code }）
}
# 库在系统错误之后附加的路径（tempfile 的临时文件）。
os-error-at = { $error }，路径 { $path }
