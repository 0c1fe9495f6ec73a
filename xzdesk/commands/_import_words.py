"""Wording of spreadsheet import/export codes for the command line and the error workbook.

One table: code -> (Chinese, English), placeholders named after the problem's params. The domain
has only codes; the GUI has its own translated wording in xzdesk/ui. Messages never include
personal data: params hold row numbers, member numbers and masked values only, and a few params
that would reveal a value (the birth date read from an ID) are left out of the wording.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "name"), "sex": ("性别", "sex"), "birth_date": ("出生日期", "birth date"),
    "id_number": ("身份证号", "ID number"), "mobile": ("手机号", "mobile"), "wechat": ("微信号", "WeChat id"),
    "district_code": ("所在区", "district"), "hukou_place": ("户籍地", "hukou place"),
    "employer": ("工作单位", "employer"), "base_union": ("基层工会", "base union"),
    "union_no": ("会员证号", "union membership no."), "sector": ("行业", "sector"),
    "occupation": ("职业", "occupation"), "education": ("学历", "education"), "height_cm": ("身高", "height"),
    "weight_kg": ("体重", "weight"), "marital_status": ("婚姻状况", "marital status"),
    "children": ("子女情况", "children"), "hobbies": ("兴趣爱好", "hobbies"), "nickname": ("昵称", "nickname"),
    "self_description": ("自我介绍", "self-description"), "reason": ("理由", "reason"),
    "consents": ("同意书", "consents"),
}  # fmt: skip

WORDS: dict[str, tuple[str, str]] = {
    # Damage done by Excel and other spreadsheet-only problems
    "import.id_scientific": (
        "身份证号显示为科学计数法（如 3.20302E+17），后几位已丢失，请把该列设为“文本”后重新填写",
        "the ID number is in scientific notation (3.20302E+17): its last digits are lost; format the column as text and re-enter it",
    ),
    "import.id_numeric_damaged": (
        "身份证号被 Excel 存成了数字，15 位之后的数字（或末位 X）已丢失，请把该列设为“文本”后重新填写",
        "the ID number was stored as a number: the digits after the 15th (or the final X) are lost; format the column as text and re-enter it",
    ),
    "import.id_trailing_zeros": (
        "身份证号末尾是 000 且校验不通过，多半是被 Excel 截断后补零，请核对原件重新填写",
        "the ID number ends in 000 and fails its check: Excel probably replaced its last digits with zeros; re-enter it from the card",
    ),
    "import.id_numeric": (
        "身份证号以数字格式保存（目前完整），再次用 Excel 保存会损坏，建议把该列设为“文本”",
        "the ID number is stored as a number (still intact); saving again in Excel will damage it: format the column as text",
    ),
    "import.id_missing_x": (
        "身份证号只有 17 位，末位校验码应为 X，可能被丢掉了",
        "the ID number has 17 digits; its check character would be X, which seems to have been lost",
    ),
    "import.mobile_scientific": (
        "手机号显示为科学计数法，数字已丢失，请重新填写",
        "the mobile number is in scientific notation and its digits are lost; re-enter it",
    ),
    "import.mobile_multiple": (
        "一个单元格里有 {count} 个号码，已使用第一个",
        "{count} numbers in one cell; the first is used",
    ),
    "import.married": ("婚姻状况为已婚，不能登记", "marital status is married: cannot register"),
    "import.duplicate_in_file": (
        "与第 {first_row} 行是同一人（身份证号或手机号相同）",
        "the same person as row {first_row} (same ID number or mobile)",
    ),
    "import.mobile_taken": (
        "该手机号已属于会员 {member_no}，与身份证号不是同一人，请人工核对",
        "this mobile already belongs to member {member_no}, a different person from the ID number: check by hand",
    ),
    "import.mobile_repeated": (
        "第 {first_row} 行用了同一个手机号，但身份证号不同，请人工核对",
        "row {first_row} gives the same mobile with a different ID number: check by hand",
    ),
    "import.member_out_of_scope": (
        "该会员 {member_no} 不在您负责的区，不能更新",
        "member {member_no} is outside your district and cannot be updated",
    ),
    "import.member_gone": (
        "会员 {member_no} 在分析之后已被归档或删除",
        "member {member_no} was archived or removed after the analysis",
    ),
    "import.source_changed": (
        "文件在分析之后被修改（第 {row} 行），请重新分析",
        "the file changed after the analysis (row {row}): analyse it again",
    ),
    "import.bad_decision": ("第 {row} 行不能选择“{decision}”", "row {row} cannot be set to '{decision}'"),
    "import.no_such_row": ("没有第 {row} 行", "there is no row {row}"),
    "import.file_not_found": ("找不到文件", "file not found"),
    "import.unsupported_format": (
        "不支持 {suffix} 格式：请另存为 .xlsx 或 .csv",
        "{suffix} files are not supported: save as .xlsx or .csv",
    ),
    "import.unreadable": ("文件已损坏或不是 Excel 文件", "the file is damaged or not an Excel file"),
    "import.no_header": (
        "找不到表头行（需要至少两个可识别的列名，如“姓名”“身份证号”）",
        "no header row found (at least two known column names are needed, e.g. 姓名, 身份证号)",
    ),
    "import.sheet_not_found": ("找不到工作表“{sheet}”", "no sheet named '{sheet}'"),
    "import.encoding": (
        "第 {row} 行附近的文字编码无法识别（支持 UTF-8 和 GB18030）",
        "cannot decode the text near row {row} (UTF-8 and GB18030 are supported)",
    ),
    "import.mapping_column": ("列映射中没有“{column}”这一列", "the mapping names a column '{column}' that is not in the file"),
    "import.mapping_field": ("列映射中的字段“{field}”不存在", "the mapping names an unknown field '{field}'"),
    "import.mapping_json": ("--mapping 不是有效的 JSON 对象", "--mapping is not a valid JSON object"),
    "import.no_actor": (
        "还没有登录的工作人员账号：请先在图形界面中创建账号",
        "no staff account is signed in: create one in the GUI first",
    ),
    # Case-editor validation (shared with the editor)
    "members.required": ("{field}必填", "{field} is required"),
    "members.too_long": ("{field}太长（最多 {maximum} 个字）", "{field} is too long (at most {maximum})"),
    "members.too_many": ("{field}太多（最多 {maximum} 个）", "too many {field} (at most {maximum})"),
    "members.name_has_digits": ("姓名里有数字", "the name contains digits"),
    "members.unknown_code": ("{field}无法识别：“{value}”", "{field} not recognised: '{value}'"),
    "members.bad_date": ("{field}不是有效日期", "{field} is not a valid date"),
    "members.not_a_number": ("{field}不是数字", "{field} is not a number"),
    "members.out_of_range": ("{field}应在 {minimum} 到 {maximum} 之间", "{field} must be between {minimum} and {maximum}"),
    "members.range_inverted": ("{field}：下限大于上限", "{field}: the minimum is above the maximum"),
    "members.sex_contradicts_id": ("性别与身份证号不符", "the sex contradicts the ID number"),
    "members.birth_contradicts_id": ("出生日期与身份证号不符", "the birth date contradicts the ID number"),
    "members.under_age": ("未满 {minimum} 周岁（{age} 岁）", "under {minimum} ({age})"),
    "members.below_marriage_age": (
        "未到法定婚龄（{age} 岁，法定 {minimum} 岁）",
        "below the legal marriage age ({age}, legal age {minimum})",
    ),
    "members.not_in_scope": ("不在您负责的区", "outside your district"),
    "members.duplicate": (
        "已有此人的档案：会员 {member_no}（{name}，{district}）",
        "a case file for this person exists: member {member_no} ({name}, {district})",
    ),
    "members.consent_missing": ("缺少基本处理同意", "basic processing consent is missing"),
    "members.archived": ("会员 {member_no} 已归档", "member {member_no} is archived"),
    "members.stale": ("会员 {member_no} 已被他人修改", "member {member_no} was changed meanwhile"),
    "identity.id_format": ("身份证号格式不对（应为 18 位）", "the ID number has the wrong shape (18 characters)"),
    "identity.id_checksum": ("身份证号校验码不对（末位应为 {expected}）", "the ID number's check character is wrong (should be {expected})"),
    "identity.id_birth_date": ("身份证号中的出生日期无效", "the birth date inside the ID number is not valid"),
    "identity.id_region_unknown": ("身份证号的地区码未知（仅提醒）", "unknown region code in the ID number (warning only)"),
    "identity.mobile_format": ("手机号格式不对（应为 11 位，1 开头）", "not a mainland mobile number (11 digits starting with 1)"),
    # Export
    "export.reason_required": (
        "请填写导出理由（--reason）：导出未脱敏数据，或导出超过 {threshold} 行（本次 {rows} 行）都需要理由",
        "give a reason (--reason): unmasked exports and exports of more than {threshold} rows (this one: {rows}) need one",
    ),
    "export.unsupported_format": ("不支持导出为 {suffix}：请用 .xlsx 或 .csv", "cannot export to {suffix}: use .xlsx or .csv"),
    "export.unknown_column": ("未知的列：{columns}", "unknown columns: {columns}"),
    "auth.permission_denied": ("当前账号无权执行此操作", "the current account may not do this"),
}

# Params never shown (they would reveal a value read from an ID number).
_HIDDEN = frozenset({"id_birth", "id_sex"})


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def describe(code: str, params: Mapping[str, Any], lang: str = "zh") -> str:
    """One sentence for a problem code in Chinese ("zh") or English ("en")."""
    pair = WORDS.get(code)
    values = _Blank({k: v for k, v in params.items() if k not in _HIDDEN})
    field = params.get("field")
    if field:
        values["field"] = FIELD_WORDS.get(str(field), (str(field), str(field)))[0 if lang == "zh" else 1]
    if isinstance(values.get("columns"), (list, tuple)):
        values["columns"] = ", ".join(map(str, values["columns"]))
    if pair is None:
        return code
    return pair[0 if lang == "zh" else 1].format_map(values)


def describe_both(code: str, params: Mapping[str, Any]) -> str:
    """Chinese / English on one line, as the command line prints its messages."""
    return f"{describe(code, params, 'zh')} / {describe(code, params, 'en')}"
