"""`xzdesk account ...`: the staff accounts of this computer's database.

    xzdesk account add USERNAME --role ROLE [--district CODE|NAME] [--name NAME]
    xzdesk account list
    xzdesk account passwd [USERNAME]
    xzdesk account unlock USERNAME
    xzdesk account role USERNAME --role ROLE [--district CODE|NAME]
    xzdesk account close USERNAME

The first account of a database is its local administrator (`--role admin`) and needs no
`--as`; every later change is made by an administrator: `--as ADMIN` (password from
XZDESK_PASSWORD or a prompt). New passwords are asked twice on a terminal, or read from
XZDESK_NEW_PASSWORD. `passwd` without `--as`, or for the account named by `--as`, changes one's
own password (the current one is checked); an administrator naming someone else sets a temporary
password that person changes at their next sign-in. Nobody changes their own role. On an
enrolled laptop the server's accounts arrive by sync. Every change is audited.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from xzdesk.commands._common import new_password, open_context, require_actor, signed_in_name, staff_password
from xzdesk.commands._messages import value_words
from xzdesk.commands._parser import subcommands
from xzdesk.domain.errors import XzError

if TYPE_CHECKING:
    from xzdesk.domain.uow import UnitOfWork

T = TypeVar("T")

DISTRICT_HELP = "所在区代码或名称，如 320302 或 鼓楼区（红娘；不填为全市）/ district code or name (city-wide when omitted)"


def _roles() -> tuple[tuple[str, ...], str]:
    from xzdesk.domain.staff.codes import Role

    roles = tuple(r.value for r in Role)
    return roles, "角色 / role: " + ", ".join(f"{r}（{value_words(r, 0)}）" for r in roles)


def configure(p: argparse.ArgumentParser) -> None:
    roles, role_help = _roles()
    cmds = subcommands(p, dest="account_command")
    a = cmds.add_parser("add", help="新建账号（第一个账号是本机管理员）/ create an account (the first is the administrator)")
    a.add_argument("username", metavar="USERNAME", help="用户名：2-32 位小写字母、数字、点、横线、下划线 / user name")
    a.add_argument("--role", required=True, choices=roles, metavar="ROLE", help=role_help)
    a.add_argument("--district", metavar="CODE|NAME", help=DISTRICT_HELP)
    a.add_argument("--name", metavar="NAME", help="显示名（默认同用户名）/ display name (default: the user name)")
    a.set_defaults(func=run_add)
    ls = cmds.add_parser("list", help="列出本机账号及其状态 / the accounts and their state")
    ls.set_defaults(func=run_list)
    pw = cmds.add_parser("passwd", help="改自己的密码；管理员给别人设临时密码 / change a password")
    pw.add_argument("username", nargs="?", metavar="USERNAME", help="账号（默认为 --as 的账号）/ the account (default: --as)")
    pw.set_defaults(func=run_passwd)
    u = cmds.add_parser("unlock", help="解除登录锁定（管理员）/ lift a sign-in lock (administrator)")
    u.add_argument("username", metavar="USERNAME")
    u.set_defaults(func=run_unlock)
    r = cmds.add_parser("role", help="修改别人的角色（管理员）/ change someone's role (administrator)")
    r.add_argument("username", metavar="USERNAME")
    r.add_argument("--role", required=True, choices=roles, metavar="ROLE", help=role_help)
    r.add_argument("--district", metavar="CODE|NAME", help=DISTRICT_HELP)
    r.set_defaults(func=run_role)
    c = cmds.add_parser("close", help="停用账号，不能再登录（管理员）/ close an account (administrator)")
    c.add_argument("username", metavar="USERNAME")
    c.set_defaults(func=run_close)


def _district(text: str | None) -> str | None:
    if not text:
        return None
    from xzdesk.domain.spreadsheets.values import clean_district

    return clean_district(text)


def _staff_id(ctx, username: str) -> str:  # type: ignore[no-untyped-def]
    from xzdesk.domain.staff.service import find_staff

    with ctx.store.read() as s:
        info = find_staff(s, username)
    if info is None:
        raise XzError("staff.not_found", username=username.strip().lower())
    return info.id


def _names(username: str, role: str, district: str | None) -> str:
    from xzdesk.domain.members.codes import DISTRICTS

    where = DISTRICTS.get(district or "", "全市 / city-wide")
    return f"{username}（{value_words(role, 0)} / {value_words(role, 1)}，{where}）"


def run_add(args: argparse.Namespace) -> int:
    from xzdesk.domain.staff.service import create_staff

    with open_context(args) as ctx:
        first = ctx.needs_first_account
        if not first:
            require_actor(ctx)
        password = new_password(f"{args.username} 的新密码 / new password: ")
        with ctx.uow() as uow:
            info = create_staff(uow, username=args.username, display_name=args.name or args.username, role=args.role,
                                district_code=_district(args.district), password=password)  # fmt: skip
    print(f"已新建账号 account created: {_names(info.username, info.role, info.district_code)}")
    if first:
        print(f"这是本机管理员；之后新建账号请加 --as {info.username} / "
              f"this is the local administrator: add later accounts with --as {info.username}")  # fmt: skip
    else:
        print("首次登录时须修改这个临时密码 / this temporary password is changed at the first sign-in")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from xzdesk.domain.members.codes import DISTRICTS
    from xzdesk.domain.staff.service import list_accounts

    with open_context(args) as ctx:
        with ctx.store.read() as s:
            rows = list_accounts(s)
    print("用户名 username | 显示名 name | 角色 role | 所在区 district | 状态 state")
    for r in rows:
        print(f"{r.username} | {r.display_name} | {value_words(r.role, 0)} {r.role} | "
              f"{DISTRICTS.get(r.district_code or '', '全市')} {r.district_code or '-'} | {_state(r)}")  # fmt: skip
    print(f"{len(rows)} 个账号 / accounts")
    return 0


def _state(row) -> str:  # type: ignore[no-untyped-def]
    if not row.active:
        return "已停用 closed"
    if not row.has_password:
        return "没有密码 no password"
    if row.locked:
        return "已锁定 locked"
    if row.must_change_password:
        return "临时密码 temporary password"
    return "正常 active"


def run_passwd(args: argparse.Namespace) -> int:
    from xzdesk.domain.staff.service import change_own_password, reset_password

    signed_in = (signed_in_name(args) or "").strip().lower()
    target = (args.username or signed_in).strip().lower()
    if not target:
        raise XzError("staff.not_signed_in")
    if target == signed_in or not signed_in:  # one's own password: the current one is checked
        current = staff_password(target)
        args.as_user = target
        with open_context(args, temporary_password_ok=True, password=current) as ctx:
            password = new_password()
            with ctx.uow() as uow:
                change_own_password(uow, old_password=current, new_password=password)
        print(f"已修改 {target} 的密码 / the password of {target} was changed")
        return 0
    with open_context(args) as ctx:
        staff_id = _staff_id(ctx, target)
        password = new_password(f"{target} 的临时密码 / temporary password: ")
        with ctx.uow() as uow:
            reset_password(uow, staff_id=staff_id, new_password=password)
    print(f"已为 {target} 设置临时密码，其下次登录时须修改 / a temporary password was set for {target}; "
          "it is changed at the next sign-in")  # fmt: skip
    return 0


def _administer(args: argparse.Namespace, change: Callable[[UnitOfWork, str], T]) -> T:
    """Run `change(uow, staff_id)` on the account named by `args.username`, as the --as account
    (the domain refuses anyone but an administrator, and changes to oneself)."""
    with open_context(args) as ctx:
        staff_id = _staff_id(ctx, args.username)
        with ctx.uow() as uow:
            return change(uow, staff_id)


def run_unlock(args: argparse.Namespace) -> int:
    from xzdesk.domain.staff.service import unlock_staff

    _administer(args, lambda uow, staff_id: unlock_staff(uow, staff_id=staff_id))
    print(f"已解锁 {args.username} / {args.username} is unlocked")
    return 0


def run_role(args: argparse.Namespace) -> int:
    from xzdesk.domain.staff.service import grant_role

    district = _district(args.district)
    info = _administer(args, lambda uow, staff_id: grant_role(uow, staff_id=staff_id, role=args.role,
                                                              district_code=district))  # fmt: skip
    print(f"已修改角色 role changed: {_names(info.username, info.role, info.district_code)}")
    return 0


def run_close(args: argparse.Namespace) -> int:
    from xzdesk.domain.staff.service import deactivate_staff

    _administer(args, lambda uow, staff_id: deactivate_staff(uow, staff_id=staff_id))
    print(f"已停用 {args.username}，不能再登录 / {args.username} is closed and can no longer sign in")
    return 0
