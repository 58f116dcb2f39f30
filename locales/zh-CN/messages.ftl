# 每条消息的中文文本（简体中文）。`{ $name }` 是参数的位置；术语见 docs/glossary.md。
