"""Chinese document text of the analytics workbook (what may leave the union: aggregates only,
counts of people protected as in the federation statistics). Not UI strings."""

from __future__ import annotations

TITLE = "活动分析（对外版：1至4人显示为“<5”，可由合计推算出的数字显示为“*”）"
GENERATED = "生成时间：{at}    范围：{scope}"
CITY_SCOPE = "全市"
SHEET_EVENTS = "往期活动"
SHEET_DEMAND = "需求"
SHEET_POOL = "会员供需"
EVENT_HEADERS = ("日期", "活动编码", "形式", "主办区县", "报名合计", "邀请", "线上报名", "现场报名", "获得名额", "到场",
                 "未到场", "仍待参加", "候补", "心动卡", "双向心动（对）", "牵线（对）", "恋爱（对）")  # fmt: skip
DEMAND_HEADERS = ("维度", "类别", "报名人次", "候补", "线上意向", "会员数")
POOL_HEADERS = ("区县", "性别", "年龄段", "人数", "年龄相合的异性")
TOTAL_ROW = "合计"
NOTES = (
    "仅含汇总数字，不含任何会员个人信息。",
    "报名、候补和线上意向为近12个月的数据；线上意向包括会员端报名和“想认识”申请。",
    "会员数为目前可参加活动的会员（已激活或已核验、未被标记、基本信息处理同意有效）。",
)
KIND_WORDS = {"mixer": "联谊会", "speed_dating": "8分钟约会", "outdoor": "户外活动", "salon": "沙龙/读书会",
              "sector": "专场"}  # fmt: skip
DIMENSION_WORDS = {"sex": "性别", "age_band": "年龄段", "district": "区县", "sector": "行业", "interest": "兴趣"}
SEX_WORDS = {"1": "男", "2": "女"}
