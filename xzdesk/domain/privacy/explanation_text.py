"""Chinese document text of the explanation handed to a member (解释说明, PIPL Art. 48), kept here
for review like labels.py: plain language an office worker would write to a member, not
UI strings. Paragraphs that depend on the member's own consents come in pairs (given / not given).
"""

from __future__ import annotations

TITLE = "个人信息处理规则说明"
DOC_TITLE = "xzdesk 个人信息处理规则说明"  # PDF metadata: fixed, never a person
SUBTITLE = "会员编号：{member_no}　　生成日期：{date}"
INTRO = (
    "您好！根据《个人信息保护法》第四十八条，您有权要求我们解释您的个人信息是怎样被处理的。"
    "下面用简单的话说明：徐州工会红娘服务保存了您的哪些信息、您目前的同意情况，以及配对推荐、介绍、"
    "统计报表和保存期限这些规则怎样使用您的信息。"
)

HOLD_TITLE = "一、我们保存了您的哪些信息"
HOLD_PROFILE = "个人资料：已填写 {n} 项（{fields}）。"
HOLD_PROFILE_NONE = "个人资料：除会员编号外没有填写其他内容。"
HOLD_RECORD = "{kind}：{n} 条"
HOLD_RECORDS = "其他记录：{records}。"
HOLD_NO_RECORDS = "其他记录：目前没有。"
HOLD_ACCESS = "工作人员查看、修改、打印您的信息时都有记录（访问记录），目前共 {n} 条；您可以申请获取副本查看。"
HOLD_NOT_KEPT = "我们不保存身份证照片；身份证号和手机号只以遮挡形式显示给工作人员。"

CONSENT_TITLE = "二、您目前的同意情况"
CONSENT_GIVEN = "{consent}：已同意（{date}）。"
CONSENT_NOT_GIVEN = "{consent}：未同意或已撤回。"
CONSENT_NOTE = "您可以随时撤回任何一项同意，撤回后立即生效。"

MATCHING_TITLE = "三、配对推荐怎样使用您的信息"
MATCHING_ON = (
    "您同意了算法匹配，系统会把您列入推荐范围。推荐分两步："
    "第一步是双向筛选，只有双方都符合对方的择偶要求（年龄、身高、学历、婚姻状况、子女情况、期望区域）时，"
    "两人才会互相出现在推荐名单里；第二步是排序，按双方对彼此的满意程度和共同兴趣爱好排出先后，"
    "已有较多待处理介绍的会员会适当靠后，避免同一个人被过多推荐。"
    "推荐结果只是给红娘的参考，每一次介绍都由红娘确认，系统不会自动替您做决定。"
)
MATCHING_OFF = "您没有同意算法匹配（或已撤回），系统不会把您列入自动推荐名单；红娘仍可以在您同意的前提下为您人工牵线。"
MATCHING_NOT_USED = "配对时不会使用您的身份证号、手机号、微信号、工作单位名称、宗教信仰（我们不收集）或自我介绍的原文。"
MATCHING_STATUS = "只有状态为“活跃”、已完成核验、没有被标记疑似欺诈的会员才会被推荐。"

INTRO_TITLE = "四、介绍（牵线）怎样使用您的信息"
SHARE_ON = (
    "您同意了向候选人展示资料。介绍时，对方先看到的是不含姓名和联系方式的资料卡（姓氏、年龄、所在区、"
    "学历、职业、兴趣等）；只有你们双方都表示同意后，才会交换姓名、手机号和微信号。"
)
SHARE_OFF = "您没有同意向候选人展示资料（或已撤回），红娘不会把您的资料介绍给其他会员。"
SENSITIVE_ON = "您同意了处理敏感信息，婚姻和子女情况、收入和住房情况可以出现在介绍资料卡上。"
SENSITIVE_OFF = "您没有同意处理敏感信息，婚姻和子女情况、收入和住房情况不会出现在介绍资料卡上。"
INTRO_DECLINE = "您或对方不同意某次介绍时，红娘会记录原因；这两人以后不会再被互相推荐。"

STATS_TITLE = "五、统计报表怎样使用您的信息"
STATS = (
    "工会每月、每季度、每年向市总工会报送统计，只有活动场次、参与人数、配对成功对数等汇总数字，不含任何人的"
    "姓名或编号。为防止从统计表中推算出具体的人，人数在1到4之间的都显示为“<5”，必要时还会隐藏与之相关的其他数字。"
    "依法删除的会员不再计入任何统计。"
)

KEEP_TITLE = "六、保存多久"
KEEP = (
    "连续24个月没有任何服务记录，或者已经登记结婚的会员，会进入保存期限审查：由红娘决定继续保存（需要写明理由）、"
    "归档（停止使用）或提出删除申请。您也可以随时申请删除。"
)

RIGHTS_TITLE = "七、您的权利"
RIGHTS = (
    "您可以申请：获取个人信息副本、更正或补充个人信息、要求解释处理规则、撤回同意、删除个人信息。"
    "我们在收到申请后15个工作日内答复；不能办理的，会书面说明理由。请到所在区工会红娘服务站或通过小程序提出申请。"
)
FOOTER = "本说明根据您的档案于生成当日自动整理，仅供您本人使用，请妥善保管。"
