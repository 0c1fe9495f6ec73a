"""Which member fields a spreadsheet can fill, and the column names people actually use for them.

Header text is folded before lookup (`header_key`): NFKC (full-width letters and digits), no
whitespace or line breaks, no required-field stars, no trailing colon, lower-case Latin; a
bracketed note such as `身高(cm)` or `手机号码（必填）` is tried with and without the brackets.
Column names that are known but not collected (民族, 序号, 政治面貌...) map to `IGNORED`: they
help find the header row and are never imported (religion and ethnicity are not collected).
"""

from __future__ import annotations

import re
import unicodedata

# Member fields a spreadsheet column may fill (the case editor's fields minus case management).
IMPORT_FIELDS: tuple[str, ...] = (
    "name", "sex", "birth_date", "id_number", "mobile", "wechat", "district_code", "hukou_place",
    "employer", "base_union", "union_no", "sector", "occupation", "education", "height_cm",
    "weight_kg", "marital_status", "children", "hobbies", "nickname", "self_description",
)  # fmt: skip
IGNORED = ""  # mapping value of a column that is read but never imported

# Identifier columns: kept as text, never as numbers (Excel damages long numbers).
TEXT_ID_FIELDS = frozenset({"id_number", "mobile", "union_no"})

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "职工姓名", "会员姓名", "员工姓名", "本人姓名", "name", "fullname", "姓名name"),
    "sex": ("性别", "sex", "gender"),
    "birth_date": (
        "出生日期", "出生年月", "出生年月日", "生日", "出生时间", "birthdate", "dateofbirth", "dob", "birthday",
        "birth",
    ),
    "id_number": (
        "身份证号", "身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码", "证件号", "居民身份证号",
        "居民身份证号码", "公民身份证号码", "idnumber", "idno", "residentid", "idcard", "idcardno",
        "idcardnumber", "nationalid",
    ),
    "mobile": (
        "手机", "手机号", "手机号码", "联系电话", "电话", "电话号码", "联系方式", "移动电话", "手机联系方式",
        "本人手机", "mobile", "mobilephone", "phone", "phonenumber", "cellphone", "cell", "tel", "telephone",
        "mobileno",
    ),
    "wechat": ("微信", "微信号", "wechat", "wechatid", "weixin"),
    "district_code": (
        "所在区", "区县", "所在区县", "居住区", "居住区县", "所属区", "所属区县", "区域", "所在地区", "居住地区",
        "区", "县区", "district", "county", "area",
    ),
    "hukou_place": ("户籍", "户籍地", "户籍所在地", "户口所在地", "户口", "hukou", "householdregistration"),
    "employer": (
        "工作单位", "单位", "单位名称", "所在单位", "工作单位名称", "就业单位", "employer", "company",
        "workunit", "organisation", "organization", "workplace",
    ),
    "base_union": (
        "基层工会", "所属工会", "工会名称", "基层工会名称", "所在工会", "所属基层工会", "工会", "baseunion",
        "union", "tradeunion",
    ),
    "union_no": (
        "会员证号", "工会会员证号", "会员号", "会员编号", "会员卡号", "工会会员号", "unionno", "unionnumber",
        "membershipno", "membershipnumber", "membercardno", "unionmemberno",
    ),
    "sector": ("行业", "所属行业", "行业类别", "sector", "industry"),
    "occupation": ("职业", "岗位", "职务", "工种", "工作岗位", "occupation", "job", "position", "jobtitle"),
    "education": ("学历", "文化程度", "最高学历", "学历学位", "education", "degree", "educationlevel"),
    "height_cm": ("身高", "height"),
    "weight_kg": ("体重", "weight"),
    "marital_status": ("婚姻状况", "婚姻状态", "婚否", "婚姻", "婚姻情况", "maritalstatus", "marital"),
    "children": ("子女情况", "子女", "有无子女", "children"),
    "hobbies": ("爱好", "兴趣爱好", "兴趣", "特长爱好", "爱好特长", "hobbies", "hobby", "interests"),
    "nickname": ("昵称", "nickname"),
    "self_description": ("自我介绍", "个人简介", "自我评价", "selfdescription", "aboutme", "introduction"),
    IGNORED: (
        "民族", "序号", "编号", "政治面貌", "备注", "籍贯", "年龄", "照片", "宗教", "宗教信仰", "no", "ethnicity",
        "remarks", "remark", "age", "index",
    ),
}  # fmt: skip

_BY_KEY: dict[str, str] = {}
for _field, _names in _ALIASES.items():
    for _name in _names:
        _BY_KEY.setdefault(_name, _field)

_DROP = re.compile(r"[\s*＊★:：_\-.·•/\\]+")
_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")


def header_key(text: object) -> str:
    """The folded form of a header cell used for lookups and for the source key."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    return _DROP.sub("", folded)


def field_for_header(text: object) -> str | None:
    """The field a header names: a member field, `IGNORED` for known-but-unused columns, or None
    when the header is not recognised."""
    key = header_key(text)
    if not key:
        return None
    if key in _BY_KEY:
        return _BY_KEY[key]
    bare = header_key(_BRACKETS.sub("", unicodedata.normalize("NFKC", str(text))))
    if bare and bare in _BY_KEY:
        return _BY_KEY[bare]
    return None
