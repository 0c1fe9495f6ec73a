"""Chinese document text of the statistics workbook (the federation's monthly, quarterly and yearly
report), kept here for review like spreadsheets/labels.py. Not UI strings: the screen's own text
goes through Qt translation in xzdesk/ui/reports."""

from __future__ import annotations

TITLE = "徐州市工会婚恋交友服务统计表"
PERIOD = "统计期间：{label}（{start} 至 {end}）"
SCOPE = "统计范围：{scope}"
CITY_SCOPE = "全市"
GENERATED = "生成时间：{at}"
PERIOD_LABELS = {"month": "{year}年{number}月", "quarter": "{year}年第{number}季度", "year": "{year}年"}

SHEET_SUMMARY = "汇总"
SHEET_DISTRICTS = "分区统计"
SHEET_MONTHS = "分月统计"
SUMMARY_HEADERS = ("指标", "数值", "口径")
DISTRICT_HEADER = "区域"
MONTH_HEADER = "月份"
TOTAL_ROW = "合计"
CITY_ROW = "市总工会（市级）"
MONTH_LABEL = "{year}年{month}月"

MEASURES: dict[str, str] = {
    "events_held": "举办活动（场）",
    "participations": "参与人次",
    "participants": "参与人数",
    "base_unions": "服务基层工会（个）",
    "employers": "服务用人单位（家）",
    "mutual_pairs": "双向心动（对）",
    "dating_pairs": "确立恋爱关系（对）",
    "married_pairs": "登记结婚（对）",
    "active_matchmakers": "活跃红娘（人）",
    "new_members": "新登记会员（人）",
}

DEFINITIONS: dict[str, str] = {
    "events_held": "期内举行（状态为已举行）的活动，按主办单位所在区统计",
    "participations": "期内已举行活动的签到参加记录数，按主办单位所在区统计",
    "participants": "期内参加过活动的不同会员数，每人只计一次，计入其期内首次参加活动的主办区",
    "base_unions": "期内参加活动、新登记或被推荐介绍的会员所属的不同基层工会数",
    "employers": "期内参加活动、新登记或被推荐介绍的会员所属的不同用人单位数",
    "mutual_pairs": "期内已举行活动的心动卡中互相选择的对数，按主办单位所在区统计",
    "dating_pairs": "期内首次进入恋爱、订婚或结婚阶段的介绍对数，按负责红娘所在区统计",
    "married_pairs": "期内登记为已结婚（领证）的介绍对数，按负责红娘所在区统计",
    "active_matchmakers": "期内在系统中有工作记录的红娘人数，按红娘所在区统计",
    "new_members": "期内新建档案的会员数，按会员所在区统计",
}

NOTES = (
    "说明：",
    "1. 本表只含汇总数字，不含任何个人信息。",
    "2. 人数、人次、对数为1至4时显示为“<5”；为0时照常显示0。活动场次、基层工会数和用人单位数不涉及个人，如实显示。",
    "3. 为防止由合计数推算出被隐藏的小数字，另有部分数字显示为“*”（不公布，可能是任何数，或该分组整体不公布）；"
    "必要时合计数本身也显示为“*”。汇总表、分区表与分月表的合计为同一数字。",
    "4. 不同统计期间的报表（如某月报表与该年年报）请勿合并推算；需要分月数字时请使用年报中的分月统计表。",
    "5. 已依法删除的会员不再计入任何统计。",
)
