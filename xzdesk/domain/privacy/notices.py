"""Fixed notices shown to members (domain.md, Privacy: anti-fraud). One text for intake forms
on screen and for printed introduction slips; it is document content in Chinese."""

from __future__ import annotations

SAFETY_NOTICE = (
    "为了您的安全，请牢记：\n"
    "一、不向任何人转账、汇款、借钱或提供担保，不因“急用”“投资”“理财”等任何理由给对方钱款；\n"
    "二、不听信对方推荐的投资、理财、博彩、赌博等“内部消息”或“稳赚平台”，不下载陌生应用；\n"
    "三、见面请选择白天的公共场所，并事先告知家人或朋友；\n"
    "四、发现可疑行为请立即告诉您的红娘或工会，遇到诈骗请拨打 110 或反诈专线 96110。"
)

# The notice read to (or by) a member before each consent, one paragraph per consent type, for
# the notice version in force (members.codes.CURRENT_NOTICE_VERSION). The consent record keeps the
# version the member saw; a new text gets a new version. Basic processing is required to register;
# the others are optional and each may be withdrawn at any time.
CONSENT_NOTICES: dict[str, str] = {
    "basic": (
        "徐州市总工会及所在区工会为您提供婚恋交友服务，需要处理您的姓名、身份证号码、手机号码、所在区、"
        "工作单位、基层工会和会员号，以及您填写的个人情况和择偶要求，用于身份核验、建立档案、活动报名"
        "和红娘服务。身份证号和手机号只以遮挡形式显示给工作人员，我们不保存身份证照片。"
    ),
    "sensitive": (
        "您的婚姻和子女情况、收入和住房情况属于敏感个人信息，只在您同意后用于配对和介绍资料卡，"
        "不同意也可以使用其他服务。"
    ),
    "share_profile": (
        "红娘为您介绍对象时，向对方展示不含姓名和联系方式的资料卡（姓氏、年龄、所在区、学历、职业、兴趣等）；"
        "双方都同意后才交换联系方式。"
    ),
    "public_display": (
        "在会员网页的“可能合适的人”中，以遮挡形式（姓氏加先生或女士、年龄段、所在区、兴趣标签）向其他会员展示您，"
        "不展示全名、照片、工作单位和联系方式。"
    ),
    "matching": (
        "系统根据双方的择偶要求和兴趣为您和其他会员互相推荐，推荐结果只供参考，每一次介绍都由红娘确认。"
    ),
}
REQUIRED_CONSENTS = frozenset({"basic"})

# Words that make a chat message or a note worth the safety warning (money transfers, loans,
# investment and gambling tips): the member sees SAFETY_NOTICE's point again next to it.
RISK_WORDS: tuple[str, ...] = (
    "转账", "汇款", "打款", "借钱", "借款", "贷款", "网贷", "垫付", "担保", "投资", "理财", "收益", "回报率",
    "炒股", "股票", "基金", "虚拟币", "比特币", "数字货币", "博彩", "赌博", "下注", "彩票", "刷单",
    "保证金", "红包", "微信支付", "支付宝", "银行卡", "验证码",
)  # fmt: skip


def mentions_risk(text: str) -> bool:
    """True when `text` mentions money transfers, loans, investment or gambling (RISK_WORDS)."""
    compact = "".join(text.split())
    return any(word in compact for word in RISK_WORDS)
