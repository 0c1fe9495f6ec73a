"""The roster a base union sends the 云龙区 office: a title row naming the district, a "filled in
by" line, 出生年月 typed as six digits (198805), and a footer, as unions really send them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from xzdesk.domain.members.identity import check_char

TITLE = "徐州市云龙区总工会2026年单身职工联谊活动报名花名册"
REGION = "320303"  # 云龙区
HEADER = ["序号", "姓名", "性别", "公民身份号码", "手机号码", "出生年月", "工作单位", "学历", "身高(cm)", "婚姻状况", "兴趣爱好"]

EMPLOYERS = ("徐工集团工程机械股份有限公司", "徐州市第一人民医院", "中国矿业大学", "国网徐州供电公司", "徐州地铁集团有限公司",
             "江苏师范大学", "徐州市公共交通有限责任公司", "江苏银行徐州分行", "徐州市中心医院", "徐州工程学院",
             "中国移动徐州分公司", "徐州市第一中学")  # fmt: skip
HOBBIES = ("羽毛球、旅行", "摄影、爬山", "阅读、电影", "跑步、健身", "烹饪、音乐", "书法、茶艺", "游泳、骑行", "乒乓球、桌游")
MEN = ("张伟", "王磊", "刘洋", "陈杰", "杨帆", "赵鹏", "黄浩", "周宇", "吴昊", "孙博", "马超", "朱俊")
WOMEN = ("李娜", "王芳", "刘静", "陈雪", "杨柳", "赵婷", "黄莉", "周敏", "吴倩", "孙悦", "马琳", "朱颖")


@dataclass(frozen=True)
class RosterPerson:
    name: str
    sex: int
    id_number: str
    mobile: str
    birth: tuple[int, int, int]
    employer: str


def resident_id(birth: tuple[int, int, int], seq: int, *, male: bool) -> str:
    y, m, d = birth
    order = (seq * 2 + (1 if male else 0)) % 1000
    first17 = f"{REGION}{y:04d}{m:02d}{d:02d}{order:03d}"
    return first17 + check_char(first17)


def people() -> list[RosterPerson]:
    """Twelve men and twelve women aged 26 to 36, from twelve employers (men and women at most)."""
    out = []
    for i in range(24):
        male = i % 2 == 0
        names = MEN if male else WOMEN
        birth = (1992 + (i % 9) - (2 if male else 0), 1 + (i * 5) % 12, 1 + (i * 7) % 27)
        out.append(RosterPerson(
            name=names[i // 2], sex=1 if male else 2, id_number=resident_id(birth, 40 + i, male=male),
            mobile=f"1385216{i:04d}", birth=birth, employer=EMPLOYERS[(i * 7) % len(EMPLOYERS)],
        ))  # fmt: skip
    return out


def write_roster(path: Path, persons: list[RosterPerson]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append([TITLE])
    ws.merge_cells("A1:K1")
    ws.append(["填报单位：云龙区总工会（盖章）", None, None, None, None, None, None, None, "填报日期：2026年3月"])
    ws.append(HEADER)
    for n, p in enumerate(persons, 1):
        y, m, _d = p.birth
        ws.append([n, p.name, "男" if p.sex == 1 else "女", p.id_number, p.mobile, f"{y}{m:02d}", p.employer,
                   "本科" if n % 3 else "硕士研究生", 172 + n % 9 if p.sex == 1 else 158 + n % 8, "未婚",
                   HOBBIES[n % len(HOBBIES)]])  # fmt: skip
    ws.append([f"合计：{len(persons)}人"])
    ws.append(["填表人：吴秀兰", None, None, "联系电话：0516-83712345"])
    wb.save(path)
    return path
