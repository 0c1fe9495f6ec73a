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
