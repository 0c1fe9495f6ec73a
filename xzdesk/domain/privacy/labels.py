"""Chinese document text of the member data export workbook (个人信息副本), kept here for review
like spreadsheets/labels.py: the contents of a file handed to a member, not UI strings."""

from __future__ import annotations

from xzdesk.domain.spreadsheets.labels import EDUCATION_WORDS, MARITAL_WORDS, SEX_WORDS, STATUS_WORDS, YES_NO

TITLE = "个人信息副本"
GENERATED = "导出时间：{at}　会员编号：{member_no}"
FOOTNOTE = "本文件依据《个人信息保护法》第四十五条提供，请妥善保管。机器可读的同一内容见同名 JSON 文件。"
NONE_RECORDED = "（无记录）"

SHEETS = {
    "profile": "个人资料",
    "consent": "同意记录",
    "verification": "核验记录",
    "note": "备注",
    "follow_up": "回访",
    "introduction": "介绍记录",
    "events": "活动记录",
    "access_log": "访问记录",
}
OTHER_SHEET = "其他记录"
OTHER_HEADERS = ("记录类别", "条数")

PROFILE_HEADERS = ("项目", "内容")
PROFILE_FIELDS: dict[str, str] = {
    "member_no": "会员编号", "name": "姓名", "nickname": "昵称", "sex": "性别", "birth_date": "出生日期",
    "id_number": "身份证号", "mobile": "手机号", "wechat": "微信号", "district_code": "所在区",
    "hukou_place": "户籍地", "employer": "工作单位", "base_union": "基层工会", "union_no": "会员证号",
    "sector": "行业", "occupation": "职业", "education": "学历", "height_cm": "身高（厘米）",
    "weight_kg": "体重（公斤）", "marital_status": "婚姻状况", "children": "子女情况", "income_band": "年收入",
    "housing": "住房情况", "has_car": "是否有车", "hobbies": "兴趣爱好", "self_description": "自我介绍",
    "req_age_min": "择偶年龄下限", "req_age_max": "择偶年龄上限", "req_height_min": "择偶身高下限",
    "req_height_max": "择偶身高上限", "req_education_min": "择偶最低学历", "req_districts": "期望区域",
    "req_marital": "可接受的婚姻状况", "req_children_ok": "接受对方有子女", "req_other": "其他要求",
    "req_importance": "各项要求的重要程度",
    "matchmaker_id": "红娘", "status": "状态", "referral_source": "来源渠道", "verified": "已完成核验",
    "fraud_flag": "疑似欺诈标记", "fraud_flag_reason": "标记原因", "created_at": "登记时间",
    "updated_at": "最近更新", "last_activity_at": "最近服务时间",
}  # fmt: skip

CONSENT_HEADERS = ("同意事项", "告知版本", "同意时间", "渠道", "记录人", "撤回时间", "撤回记录人")
VERIFICATION_HEADERS = ("核验项目", "凭证", "核验人", "核验时间", "备注")
NOTE_HEADERS = ("时间", "记录人", "内容")
FOLLOW_UP_HEADERS = ("类型", "到期日", "事项", "负责人", "创建时间", "完成时间", "完成人", "结果")
INTRODUCTION_HEADERS = ("发起时间", "来源", "当前阶段", "相关活动", "负责红娘", "本人答复", "答复时间",
                        "交换联系方式时间", "见面日期", "结束时间", "未成原因")  # fmt: skip
EVENT_HEADERS = ("活动", "日期", "地点", "报名方式", "报名状态", "号码牌", "报名时间", "签到时间", "取消时间")
ACCESS_HEADERS = ("时间", "操作", "工作人员", "涉及字段")

# Member.req_importance: which requirement, and how much it matters (members.codes.Importance).
REQUIREMENT_WORDS = {"age": "年龄", "height": "身高", "education": "学历", "district": "所在区",
                     "marital": "婚姻状况", "children": "子女情况"}  # fmt: skip
IMPORTANCE_WORDS = {0: "无所谓", 1: "有点在意", 2: "比较在意", 3: "非常在意"}
CHILDREN_WORDS = {"none": "无子女", "living_with": "有子女，随本人生活", "not_living_with": "有子女，不随本人生活"}
INCOME_WORDS = {"lt50k": "5万元以下", "50k_100k": "5万–10万元", "100k_200k": "10万–20万元", "200k_300k": "20万–30万元",
                "gt300k": "30万元以上", "unspecified": "未填写"}  # fmt: skip
HOUSING_WORDS = {"own": "自有住房", "own_mortgage": "自有住房（按揭）", "rent": "租房", "with_family": "与家人同住",
                 "dormitory": "单位宿舍", "unspecified": "未填写"}  # fmt: skip
REFERRAL_WORDS = {"mini_program": "小程序", "office_walk_in": "到访登记", "employer_union_list": "单位工会推荐",
                  "event_walk_in": "活动现场登记"}  # fmt: skip
SECTOR_WORDS = {"education": "教育", "health": "医疗卫生", "manufacturing": "制造业", "transport": "交通运输",
                "public_service": "公共服务", "finance": "金融", "it": "信息技术", "construction": "建筑",
                "retail": "商贸零售", "energy": "能源", "other": "其他"}  # fmt: skip
CONSENT_WORDS = {"basic": "基本信息处理", "sensitive": "敏感信息处理", "share_profile": "向候选人展示资料",
                 "public_display": "公开展示", "matching": "算法匹配"}  # fmt: skip
CHANNEL_WORDS = {"paper_form": "纸质表格", "mini_program": "小程序", "in_person": "当面"}
VERIFICATION_WORDS = {"real_name": "实名（查验身份证）", "union_membership": "工会会员身份", "employment": "在职情况",
                      "declaration": "单身及信息真实承诺"}  # fmt: skip
EVIDENCE_WORDS = {"id_card_seen": "查验身份证", "union_card_seen": "查验会员证", "union_roster": "工会名册",
                  "employer_letter": "单位证明", "labour_contract_seen": "查验劳动合同", "signed_form": "签字承诺书"}  # fmt: skip
FOLLOW_UP_WORDS = {"intake": "登记回访", "introduction": "介绍回访", "general": "一般回访"}
STAGE_WORDS = {"proposed": "已推荐", "mutual_interest": "活动互选", "accepted": "双方同意", "declined": "未同意",
               "contacts_exchanged": "已交换联系方式", "met": "已见面", "no_interest": "无意继续", "continue": "继续了解",
               "dating": "恋爱中", "engaged": "已订婚", "married": "已登记结婚", "withdrawn": "已撤回"}  # fmt: skip
SOURCE_WORDS = {"matchmaker": "红娘推荐", "batch": "批量推荐", "event": "活动互选", "online": "会员线上申请"}
RESPONSE_WORDS = {"accepted": "同意", "declined": "不同意"}
REGISTRATION_SOURCE_WORDS = {"online": "线上报名", "invitation": "邀请", "walk_in": "现场登记"}
REGISTRATION_STATUS_WORDS = {"pending": "待审核", "approved": "已通过", "waitlisted": "候补", "cancelled": "已取消",
                             "no_show": "未到场", "attended": "已参加"}  # fmt: skip

FOLLOW_UP_TITLE_WORDS = {"introduction.follow_up.3d": "介绍后第3天回访", "introduction.follow_up.3w": "介绍后第3周回访",
                         "introduction.follow_up.3m": "介绍后第3个月回访",
                         "member.link_request": "核实会员网页的关联申请"}  # fmt: skip
DECLINE_REASON_WORDS = {"not_a_match": "感觉不合适", "age": "年龄不合适", "distance": "居住或工作地点太远",
                        "circumstances": "家庭、工作或经济条件不符合期望", "seeing_someone": "已有交往对象",
                        "not_ready": "暂时不想找对象", "no_reply": "联系不上", "other": "其他"}  # fmt: skip
WITHDRAW_REASON_WORDS = {"matchmaker": "红娘决定", "member_request": "会员本人要求", "consent_withdrawn": "撤回了同意",
                         "fraud_flag": "疑似欺诈", "status_changed": "会员状态变化"}  # fmt: skip
BLOCK_REASON_WORDS = {"member_request": "会员本人要求", "relatives": "亲属", "colleagues": "同事", "known_before": "此前已认识",
                      "matchmaker": "红娘判断"}  # fmt: skip
SCAN_METHOD_WORDS = {"scanner": "扫码枪", "camera": "摄像头扫码", "manual": "人工查找", "walk_in": "现场登记"}
VERDICT_WORDS = {"checked_in": "签到成功", "already": "此前已签到", "other_event": "其他活动的胸牌", "cancelled": "报名已取消",
                 "not_approved": "报名未通过审核", "unknown": "无法识别"}  # fmt: skip
REQUEST_KIND_WORDS = {"access": "获取副本", "erasure": "删除", "correction": "更正、补充", "explanation": "解释说明",
                      "withdrawal": "撤回同意"}  # fmt: skip

# Record kinds (tables) as a member reads them, e.g. in the access log ("导出了哪些记录").
TABLE_WORDS = {
    "member": "个人资料", "consent": "同意记录", "verification": "核验记录", "note": "备注", "follow_up": "回访",
    "introduction": "介绍记录", "pair_block": "不推荐设置", "registration": "活动报名", "event_seat": "活动座位",
    "checkin_roster": "签到名单", "checkin_scan": "签到记录", "checkin_annulment": "撤销签到", "checkin_walk_in": "现场登记",
    "interest_card": "心动卡", "audit_log": "访问记录", "rights_request": "个人信息权利请求",
    "online_link_request": "线上账号关联申请",
}  # fmt: skip
# Other columns named in the access log (the case file's own are PROFILE_FIELDS).
COLUMN_WORDS = {
    "stage": "介绍阶段", "a_response": "答复", "b_response": "答复", "decline_reason": "未同意原因",
    "decline_note": "未同意备注", "withdraw_reason": "撤回原因", "met_on": "见面日期", "contacts_exchanged_at": "交换联系方式",
    "display_name": "称呼", "table_label": "桌号", "plate": "号码牌", "consents": "同意事项", "handler_id": "经办人",
    "role": "岗位", "pair_block": "不推荐设置", "type": "同意事项", "body": "备注内容", "due_date": "回访日期",
    "outcome": "回访结果", "fraud_flag": "疑似欺诈标记", "kind": "类别", "seat": "座位",
}  # fmt: skip
# Counted items in the access log ("rows:12" -> 共12条记录).
COUNT_WORDS = {"rows": "共{n}条记录", "count": "{n}项", "slips": "{n}张结果单", "created": "新建{n}项", "linked": "关联{n}项",
               "added": "新增{n}项", "updated": "更新{n}项", "roster": "名单{n}人"}  # fmt: skip
OTHER_FIELD = "其他信息"
OTHER_ACTION = "其他操作"

# Audit actions as a member reads them; families by prefix, "其他操作" otherwise.
ACTION_WORDS = {
    "member.create": "建档", "member.edit": "修改资料", "member.verify": "记录核验", "member.reveal": "查看完整信息",
    "member.fraud_flag": "标记疑似欺诈", "member.fraud_unflag": "取消欺诈标记", "member.erase": "删除个人信息",
    "consent.grant": "记录同意", "consent.withdraw": "撤回同意", "note.add": "添加备注", "follow_up.add": "安排回访",
    "follow_up.done": "完成回访", "introduction.response": "记录答复", "introduction.print": "打印介绍单",
    "introduction.contacts_reveal": "查看联系方式", "pair_block.add": "设置不推荐", "pair_block.lift": "解除不推荐",
    "rights.export": "导出个人信息副本", "rights.import": "导入个人信息", "retention.keep": "留存审查：继续保留",
    "retention.archive": "留存审查：归档", "retention.erase_requested": "留存审查：申请删除",
    "rights.erasure.partial": "删除请求：停止处理并限制存储", "introduction.decline_undone": "撤销未同意的记录",
    "rights.correction.done": "按您的申请更正资料", "rights.explanation.done": "向您出具处理规则说明",
    "rights.withdrawal.done": "按您的申请撤回同意",
    "introduction.contacts_exchanged": "交换联系方式", "introduction.met": "记录见面",
    "consent.withdraw.online": "您在会员网页撤回同意", "member.link_confirm": "确认线上账号与档案关联",
    "member.link_reject": "未确认线上账号与档案关联",
}  # fmt: skip
ACTION_PREFIX_WORDS = {
    "member.status.": "状态变更", "introduction.": "介绍进展", "event.": "活动相关操作", "print.": "打印",
    "checkin.": "签到相关操作", "rights.": "个人信息权利请求", "export.": "导出",
}  # fmt: skip

STAFF_COLUMNS = frozenset({
    "collected_by", "withdrawn_by", "checked_by", "author_id", "assigned_to", "done_by", "matchmaker_id",
    "proposed_by", "invited_by", "decided_by", "created_by", "lifted_by", "staff_id", "entered_by", "adopted_by",
})  # fmt: skip


def action_word(code: str) -> str:
    if code in ACTION_WORDS:
        return ACTION_WORDS[code]
    family, _sep, step = code.partition(".")
    if family == "introduction" and step in STAGE_WORDS:
        return "介绍进展：" + STAGE_WORDS[step]
    for prefix, word in ACTION_PREFIX_WORDS.items():
        if code.startswith(prefix):
            return word
    return OTHER_ACTION


def field_word(field: str, events: dict[str, str] | None = None) -> str:
    """One entry of an audit record's field list, in words: a field of the case file, a kind of
    record, a count ("rows:12"), an event ("event:<id>", by its name)."""
    key, _sep, value = field.partition(":")
    if _sep:
        if key == "event":
            return "活动：" + (events or {}).get(value, "一次活动")
        if key in COUNT_WORDS and value.isdigit():
            return COUNT_WORDS[key].format(n=int(value))
        return OTHER_FIELD
    for table in (PROFILE_FIELDS, TABLE_WORDS, COLUMN_WORDS, CONSENT_WORDS, CHANNEL_WORDS, REQUEST_KIND_WORDS,
                  VERIFICATION_WORDS, EVIDENCE_WORDS):  # fmt: skip
        if field in table:
            return table[field]
    return OTHER_FIELD


def field_words(fields: list[str] | tuple[str, ...], events: dict[str, str] | None = None) -> str:
    """The field list of an audit record in words, each once, in order."""
    return "、".join(dict.fromkeys(field_word(f, events) for f in fields))


__all__ = ["EDUCATION_WORDS", "MARITAL_WORDS", "SEX_WORDS", "STATUS_WORDS", "YES_NO", "action_word", "field_words"]
