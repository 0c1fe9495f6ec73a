"""Subcommands of the `xzdesk` command line, loaded lazily.

`COMMANDS` is the registry: each command's name, one line of help (Chinese / English) and the
module that configures it. This package imports nothing heavy, so `xzdesk --help` and parsing
cost almost nothing; a command's module is imported only when that command is named (to parse
its options or to run it). Each module exposes `configure(parser)`, which adds its options and
subcommands and sets `func=handler(args) -> int`; a handler imports what it needs (database,
spreadsheets, PDFs) when it runs. Modules starting with an underscore are helpers.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class CommandSpec:
    name: str
    module: str  # under xzdesk.commands
    help: str

    def load(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.module}")


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("account", "account", "本机工作人员账号：新建、列出、改密码、解锁、改角色 / staff accounts on this computer"),
    CommandSpec("import", "import_", "导入会员花名册（xlsx 或 csv）/ import a roster of members"),
    CommandSpec("export", "export", "导出会员名单（xlsx 或 csv，默认脱敏）/ export the case list (masked)"),
    CommandSpec("match", "match", "配对：推荐人选、说明原因、训练模型 / rank candidates, explain a pair, fit the model"),
    CommandSpec("print", "print_", "打印胸牌、桌卡、座位图、签到表、心动卡（PDF）/ print an event's materials"),
    CommandSpec("venue", "venue", "活动包：离线准备现场电脑并带回签到 / venue packs, offline"),
    CommandSpec("report", "report", "给市总工会的统计报表 / statistics for the federation"),
    CommandSpec("rights", "rights", "会员个人信息权利：导出副本、删除 / members' privacy rights"),
    CommandSpec("sync", "sync", "接入中心服务器并同步 / enrol this laptop and sync"),
    CommandSpec("seed", "seed", "生成演示会员和活动 / synthetic demo members and events"),
    CommandSpec("server", "server", "运行或管理中心同步服务器 / run or administer the central server"),
)  # fmt: skip

BY_NAME: dict[str, CommandSpec] = {c.name: c for c in COMMANDS}
