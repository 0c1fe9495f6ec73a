"""Chinese document text printed on the PDFs, one dict per layout, kept here for review.

These are document content (what is printed on paper for the venue and the members), not UI
strings: the UI's own text lives in xzdesk/ui and goes through Qt translation. Placeholders are
named and filled with `str.format`. `doc_title` is the PDF's Title metadata: generic on purpose,
never an event name, a person or a date.
"""

from __future__ import annotations

from datetime import date, datetime, time

from xzdesk.domain.privacy.notices import SAFETY_NOTICE  # noqa: F401  (printed on introduction slips)

DATE_LABELS = {
    "date": "{y}年{m}月{d}日",
    "datetime": "{y}年{m}月{d}日 {hh:02d}:{mm:02d}",
}

BADGE_LABELS = {
    "doc_title": "胸牌",
    "table": "桌号",
}

CALIBRATION_LABELS = {
    "doc_title": "胸牌打印校准页",
    "title": "打印校准页：{preset}",
    "offset": "当前偏移：X {x:+.1f} mm，Y {y:+.1f} mm（X 向右为正，Y 向下为正）",
    "how": (
        "请用实物直尺测量左上角参考十字的中心到纸张左边、上边的距离；"
        "偏移量 = 实测值 − 标准值，填入打印机校准设置（±5 mm，精度 0.1 mm）。"
    ),
    "nominal": "标准位置：距左边 {x:.1f} mm，距上边 {y:.1f} mm",
    "ruler": "{length} mm 标尺：请用实物直尺核对长度，打印时请选择“实际大小”，不要缩放",
    "cell": "第 {n} 格",
}

TENT_LABELS = {
    "doc_title": "桌牌",
    "table": "桌号",
    "guests": "本桌嘉宾",
}

SEAT_CHART_LABELS = {
    "doc_title": "座位图",
    "title": "座位图",
    "stage": "舞台 / 主席台",
    "summary": "共 {tables} 桌，{seated} 人",
    "page": "第 {page} 页 / 共 {pages} 页",
}

FINDER_LABELS = {
    "title": "找座位",
    "how": "按姓氏拼音排列：找到您的号码和称呼，对应的就是您的桌号",
    "number": "号码",
    "name": "称呼",
    "table": "桌号",
    "no_table": "待定",
    "page": "第 {page} 页 / 共 {pages} 页",
}

SIGN_IN_LABELS = {
    "doc_title": "签到表",
    "title": "签到表",
    "index": "序号",
    "number": "号码",
    "name": "姓名",
    "phone": "手机尾号",
    "table": "桌号",
    "signature": "签名",
    "count": "共 {n} 人",
    "by_name": "共 {n} 人，按姓氏拼音排列",
    "page": "第 {page} 页 / 共 {pages} 页",
}

CARD_LABELS = {
    "doc_title": "心动卡",
    "title": "心动卡",
    "my_number": "我的号码",
    "round": "轮次",
    "round_no": "第 {n} 轮",
    "time": "时间",
    "table": "桌号",
    "partner": "对方号码",
    "tick": "心动",
    "break": "休息",
    "break_time": "全体休息 {start}–{end}",
    "rest": "本轮轮空",
    "hint": "请在心动的对方号码后打 ✓，可多选。活动结束后请将本卡交给工作人员。",
    "continued": "（续 {part}/{parts}）",
}

INTRO_LABELS = {
    "doc_title": "牵线介绍单",
    "title": "牵线介绍单",
    "to": "致：{recipient}",
    "reference": "编号：{reference}",
    "issued": "日期：{date}",
    "profile": "对方资料",
    "about": "自我介绍",
    "matchmaker": "您的红娘",
    "notice_title": "安全提示",
    # Field labels for ProfileFieldRow.key; a caller may also pass its own label.
    "field.nickname": "称呼",
    "field.sex": "性别",
    "field.age": "年龄",
    "field.birth_year": "出生年份",
    "field.height": "身高",
    "field.weight": "体重",
    "field.education": "学历",
    "field.occupation": "职业",
    "field.sector": "行业",
    "field.employer": "工作单位",
    "field.district": "居住区域",
    "field.hukou": "户籍",
    "field.marital_status": "婚姻状况",
    "field.children": "子女情况",
    "field.income": "收入",
    "field.housing": "住房",
    "field.car": "车辆",
    "field.hobbies": "兴趣爱好",
    "field.requirements": "择偶要求",
    "field.name": "姓名",
    "field.phone": "手机",
    "field.wechat": "微信",
}

RESULT_LABELS = {
    "doc_title": "活动结果",
    "title": "心动结果",
    "private": "本单仅限本人查看，请妥善保管",
    "my_number": "我的号码",
    "matches": "与您互相心动的嘉宾",
    "number": "号码",
    "nickname": "称呼",
    "none": "本次活动暂未有互相心动的嘉宾。缘分未到，红娘会继续为您留意合适的人选。",
    "next": "如需进一步了解对方，请联系您的红娘，由红娘为双方牵线；联系方式只在双方同意后交换。",
}

# The fixed anti-fraud safety notice (domain.md "Privacy": intake forms and introduction slips).


def format_clock(value: time | datetime | None) -> str:
    """A time of day as printed: 14:30 (empty for None)."""
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def format_date(value: date | datetime | None) -> str:
    """A date (or date and time) as printed: 2025年5月20日 (14:30)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return DATE_LABELS["datetime"].format(
            y=value.year, m=value.month, d=value.day, hh=value.hour, mm=value.minute
        )
    return DATE_LABELS["date"].format(y=value.year, m=value.month, d=value.day)
