"""What the member sees for each refusal: one Chinese sentence per code, saying what to do.

The domain and the server speak in codes (`XzError`, `FieldProblem`); this table is the one
place that puts them in words for the member web app. A code without an entry falls back to
a general sentence (and a test checks that every code the app raises has one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MESSAGES: dict[str, str] = {
    # sign-in
    "h5.mobile_invalid": "请填写正确的11位手机号码。",
    "h5.code_wrong": "验证码不对，请核对短信里的6位数字后重新输入。",
    "h5.code_expired": "验证码已失效（已过期、已使用或输错次数太多），请重新获取验证码。",
    "h5.code_format": "验证码是6位数字，请重新输入。",
    "h5.too_many_codes": "获取验证码太频繁了，请稍后再试。",
    "h5.too_many_tries": "输入验证码的次数太多了，请一小时后再试。",
    "h5.sms_failed": "短信暂时发不出去，请稍后再试，或联系所在区工会。",
    "h5.csrf": "页面已过期或来源不明，请返回后重新提交。",
    "h5.sign_in_first": "请先用手机号登录。",
    "h5.account_closed": "这个账号已经注销。如需重新使用，请联系所在区工会。",
    "h5.register_first": "请先完成实名登记。",
    "h5.form_too_large": "提交的内容太多了，请删减后再提交。",
    "h5.form_malformed": "提交的内容无法识别，请返回后重新填写。",
    "h5.not_found": "没有找到这个页面，或者您无权查看。",
    "h5.server_busy": "系统繁忙，请稍后再试。",
    # registration
    "h5.already_registered": "您已经登记过了，无需重复登记。",
    "h5.link_pending": "您的资料已提交，工会已有您的档案，红娘确认后即可关联，请耐心等待。",
    "h5.link_rejected": "红娘未能确认您与工会已有档案的关联，请回到首页查看原因和办理方式。",
    "h5.not_verified": "工会核验通过后才能使用这个功能，请耐心等待红娘核验。",
    "members.required": "这一项必须填写。",
    "members.too_long": "内容太长了，最多{maximum}个字。",
    "members.name_has_digits": "姓名里不能有数字。",
    "members.not_a_number": "请填写数字。",
    "members.out_of_range": "请填写{minimum}到{maximum}之间的数。",
    "members.unknown_code": "请从列表中选择。",
    "members.bad_date": "日期格式不对。",
    "members.range_inverted": "最大值不能小于最小值。",
    "members.too_many": "最多填写{maximum}个标签。",
    "members.sex_contradicts_id": "性别与身份证号码不一致，请核对。",
    "members.birth_contradicts_id": "出生日期与身份证号码不一致，请核对。",
    "members.consent_missing": "必须同意基本信息处理才能登记。",
    "members.under_age": "未满{minimum}周岁不能登记。",
    "members.below_marriage_age": "提示：您{age}岁，未到法定婚龄（{minimum}周岁）。",
    "identity.id_format": "身份证号码应为18位（旧证15位），由数字和最后一位X组成，请核对。",
    "identity.id_checksum": "身份证号码最后一位应为{expected}，请逐位核对。",
    "identity.id_birth_date": "身份证号码中的出生日期不存在，请核对。",
    "identity.id_region_unknown": "身份证号码的地区码不常见，请再核对一遍。",
    "identity.mobile_format": "手机号码是以13到19开头的11位数字，请核对。",
    "h5.mobile_mismatch": "登记的手机号必须是刚才接收验证码的号码。",
    "h5.tag_unknown": "请从兴趣标签中选择，或在“其他兴趣”里填写自己的词。",
    # events
    "h5.event_closed": "这场活动已不再接受报名。",
    "h5.event_full": "名额已满，已为您登记候补，有人退出时按先后顺序递补。",
    "h5.already_signed_up": "您已报名这场活动。",
    "h5.not_eligible": "这场活动的报名条件您暂不符合：{reasons}。",
    "h5.cannot_cancel": "这个报名已不能取消，请联系活动组织方。",
    "h5.card_closed": "心动卡填写时间已过。",
    "h5.card_not_attended": "只有到场签到的参加者才能填写心动卡。",
    "h5.card_unknown_plate": "号码牌{plate}不在这场活动中，请核对。",
    # matching and chat
    "h5.consent_needed": "需要您同意“公开展示”和“算法匹配”后才能看到推荐。可在“我的数据”里开启。",
    "h5.already_asked": "已经提交过“想认识”，红娘会与您联系。",
    "h5.chat_not_allowed": "只有互相心动或经红娘介绍双方都同意的会员之间才能聊天。",
    "h5.chat_blocked": "对方暂时无法接收您的消息。",
    "h5.chat_empty": "消息不能为空。",
    "h5.chat_too_long": "消息太长了，最多{maximum}个字。",
    "h5.chat_too_fast": "发送太频繁了，请稍后再发。",
    "h5.nothing_to_report": "请勾选要举报的消息。",
    # own data
    "h5.consent_basic_withdraw": "撤回基本信息处理同意，相当于申请删除全部资料，请使用“申请删除”。",
    "h5.consent_not_active": "这项同意已经撤回了。",
    "h5.erasure_pending": "删除申请已提交，工会将在{due}前处理。",
}

FALLBACK = "操作没有完成，请稍后再试。"


def message(code: str, params: Mapping[str, Any] | None = None) -> str:
    text = MESSAGES.get(code, FALLBACK)
    values = dict(params or {})
    if isinstance(values.get("reasons"), list):
        values["reasons"] = ineligible(values["reasons"])
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text

# Why a member may not sign up for an event (events.codes.Ineligibility), in the member's words.
INELIGIBLE_WORDS: dict[str, str] = {
    "status": "工会核验尚未完成", "consent": "基本信息处理的同意已撤回", "fraud_flag": "暂不能报名，请联系您的红娘",
    "unverified": "本场仅限工会认证的会员", "age": "年龄不在本场范围内", "sector": "本场是行业专场，行业不符",
    "district": "本场只面向部分区县", "marital": "婚姻状况不符合本场要求", "sex": "本场没有您这一性别的名额",
}  # fmt: skip


def ineligible(codes: list[str]) -> str:
    return "；".join(INELIGIBLE_WORDS.get(c, c) for c in codes)
