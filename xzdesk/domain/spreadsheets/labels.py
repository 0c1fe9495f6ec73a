"""Chinese document text written into spreadsheet files (column headers, code words), kept here for
review, like printing/labels.py for PDFs.

These are the contents of files handed to union offices (Excel and WPS users), not UI strings:
the UI's own text lives in xzdesk/ui and goes through Qt translation. The wording of error codes
in the error workbook's message column is not here either: the caller passes a `describe`
callable (the command line's table is xzdesk/commands/_messages.py).
"""

from __future__ import annotations

ERROR_COLUMN = "错误说明"
ERROR_AUTHOR = "xzdesk"

# Case-list export: column key -> header.
MEMBER_COLUMNS: dict[str, str] = {
    "member_no": "会员编号",
    "name": "姓名",
    "sex": "性别",
    "birth_date": "出生日期",
    "age": "年龄",
    "id_number": "身份证号",
    "mobile": "手机号",
    "district_code": "所在区",
    "employer": "工作单位",
    "base_union": "基层工会",
    "union_no": "会员证号",
    "occupation": "职业",
    "education": "学历",
    "height_cm": "身高(cm)",
    "marital_status": "婚姻状况",
    "hobbies": "兴趣爱好",
    "status": "状态",
    "verified": "已核验",
    "matchmaker": "红娘",
    "updated_at": "最近更新",
}

SEX_WORDS = {1: "男", 2: "女"}
MARITAL_WORDS = {10: "未婚", 30: "丧偶", 40: "离异", 90: "未说明"}
EDUCATION_WORDS = {
    11: "博士研究生", 14: "硕士研究生", 21: "大学本科", 31: "大学专科", 41: "中专", 61: "高中", 71: "初中",
    81: "小学", 90: "其他",
}  # fmt: skip
STATUS_WORDS = {
    "registered": "已登记", "verified": "已核验", "active": "服务中", "paused": "暂停", "in_relationship": "交往中",
    "married": "已婚", "withdrawn": "已退出", "archived": "已归档",
}  # fmt: skip
YES_NO = {True: "是", False: "否"}
LIST_SEPARATOR = "、"
