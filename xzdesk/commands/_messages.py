"""Plain-language messages for the command line (the GUI has translated ones in xzdesk/ui).

Chinese first, then English, one line; personal data never appears (error params hold masked
values only).
"""

from __future__ import annotations

from xzdesk.domain.errors import ValidationError, XzError

MESSAGES: dict[str, str] = {
    "store.passphrase_required": "需要数据库口令：请设置 XZDESK_PASSPHRASE 或在终端中运行 / a database passphrase is needed: set XZDESK_PASSPHRASE or run in a terminal",
    "store.passphrase_cancelled": "未输入口令，数据库保持关闭 / no passphrase given; the database stays closed",
    "store.passphrase_empty": "口令不能为空 / the passphrase must not be empty",
    "store.wrong_key": "无法打开数据库：口令或密钥不正确 / cannot open the database: wrong passphrase or key",
    "store.key_missing": "系统钥匙串中找不到数据库密钥 / the database key is missing from the system keyring",
    "store.key_info_missing": "数据库密钥信息文件丢失 / the database key info file is missing",
    "store.keyring_unavailable": "系统钥匙串不可用 / the system keyring is unavailable ({backend})",
    "cancelled": "已取消 / cancelled",
    "staff.password_required": "需要 {username} 的密码：请设置 XZDESK_PASSWORD 或在终端中运行 / the password of {username} is needed: set XZDESK_PASSWORD or run in a terminal",
    "staff.wrong_password": "用户名或密码不对 / wrong user name or password",
    "staff.throttled": "尝试次数过多，请 {retry_after} 秒后再试 / too many attempts: try again in {retry_after} s",
    "staff.locked": "账号已锁定，请管理员解锁 / the account is locked: an administrator must unlock it",
    "staff.inactive": "账号已停用 / the account is closed",
    "staff.no_password": "该账号还没有密码，请管理员设置 / the account has no password yet: an administrator sets one",
}


def describe(exc: XzError) -> str:
    if isinstance(exc, ValidationError):
        parts = [f"{p.field}: {p.code}" for p in exc.problems]
        return "数据有误 / invalid data: " + "; ".join(parts)
    template = MESSAGES.get(exc.code)
    if template is None:
        return str(exc)
    try:
        return template.format(**exc.params)
    except (KeyError, IndexError):
        return template
