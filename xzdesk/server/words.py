"""The server's refusals in words: every error body carries a Chinese and an English sentence
beside its stable code, for whoever reads the answer (the mini-program's developers, an
administrator with curl). The laptop phrases codes in its own words (xzdesk/ui, commands/_messages);
these sentences address the caller of the API. Parameters are filled after choosing the sentence;
no sentence ever holds a value from a request body (field names and limits only).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from xzdesk.sync import protocol as p

Words = tuple[str, str]  # (Chinese, English)

ENROL_AGAIN: Words = ("请重新接入本机", "enrol this device again")

WORDS: dict[str, Words] = {
    # requests as such
    "request.invalid": ("请求不符合接口要求：{fields}", "the request does not fit the API: {fields}"),
    "request.malformed": ("请求无法解析，请发送 UTF-8 编码的 JSON", "the request could not be read: send JSON in UTF-8"),
    "request.not_found": ("没有这个接口地址", "there is no such address in this API"),
    "request.method_not_allowed": ("该接口不接受这种请求方法", "this address does not take this method"),
    "request.too_large": ("请求正文超过上限 {limit_kib} KiB，未作任何处理；请分批发送",
                          "the request body is over the {limit_kib} KiB limit and nothing was done: send it in smaller parts"),
    "request.headers_too_large": ("请求头过多或过大（最多 {max_headers} 个、共 {max_bytes} 字节），未作任何处理",
                                  "too many or too large headers (at most {max_headers}, {max_bytes} bytes in all); nothing was done"),
    "request.bad_text": ("请求中的文字无效（{where}：{problem}），未作任何处理；请发送正确的 UTF-8 文字",
                         "the request holds invalid text ({where}: {problem}) and nothing was done: send well-formed UTF-8 text"),
    "validation.failed": ("数据有误，未作任何处理：{fields}", "invalid data, nothing was done: {fields}"),  # fields of `problems`
    # accounts and devices
    "auth.missing_token": ("需要设备令牌（Authorization: Bearer …）", "a device token is needed (Authorization: Bearer …)"),
    "auth.invalid_token": ("设备令牌无效；" + ENROL_AGAIN[0], "the device token is not valid; " + ENROL_AGAIN[1]),
    "device.revoked": ("该设备已被注销，须清除其上的个人信息；" + ENROL_AGAIN[0],
                       "this device was revoked and must wipe its personal data; " + ENROL_AGAIN[1]),
    "auth.forbidden": ("此账号或设备无权做这件事", "this account or device may not do this"),
    "auth.bad_credentials": ("用户名或密码不正确", "wrong user name or password"),
    "auth.throttled": ("密码错误次数过多，请 {retry_after} 秒后再试", "too many wrong passwords: try again in {retry_after} s"),
    "auth.locked": ("密码错误次数过多，已暂时锁定，请 {retry_after_min} 分钟后再试，或请服务器管理员运行 xzdesk server unlock-login 解锁",
                    "too many wrong passwords: locked for now; try again in {retry_after_min} min, or ask the server's "
                    "administrator to run xzdesk server unlock-login"),
    "server.busy": ("服务器繁忙，请稍后再试", "the server is busy: try again later"),
    "server.not_ready": ("服务器尚未就绪（{reason}），请稍后再试", "the server is not ready yet ({reason}): try again later"),
    # sync
    "sync.bad_cursor": ("同步位置无效，请从头下载", "the sync position is not valid: download from the start"),
    "sync.cursor_expired": ("同步位置已过期，请先上传本机修改再从头下载", "the sync position expired: send local changes, then download from the start"),
    "sync.scope_changed": ("设备的可见范围已变更，请先上传本机修改再从头下载", "what this device may see changed: send local changes, then download from the start"),
    "sync.offline_too_long": ("设备离线超过允许期限，请先上传本机修改再从头下载", "the device was offline longer than allowed: send local changes, then download from the start"),
    "sync.seq_reused": ("修改编号 {seq} 已用于另一项内容，整批未处理", "change number {seq} was already used for other content; nothing in the batch was done"),
    "sync.key_reused": ("第 {seq} 项的幂等键已用于另一项修改，整批未处理", "the idempotency key of change {seq} was already used for another change; nothing in the batch was done"),
    "erasure.unknown_member": ("服务器上没有这位会员，无需删除，也不会通知其他设备",
                               "the server does not hold this member: there is nothing to erase and no device is told"),
    # matching
    "matching.fit_busy": ("服务器正在训练配对模型，请等这一次完成后再试",
                          "the server is already retraining the matching model; try again when it has finished"),
    "matching.eval.too_few_groups": ("有结果的活动或牵线太少，无法留出评估；模型已训练，但在评估之前不会用于排序",
                                     "too few events or introductions with outcomes to evaluate; the model was fitted "
                                     "but cannot rank until it is evaluated"),
    "matching.eval.one_class": ("结果只有一种（都成或都不成），无法评估；模型已训练，但在评估之前不会用于排序",
                                "the outcomes are all of one kind, so nothing can be evaluated; the model was fitted "
                                "but cannot rank until it is evaluated"),
    # online intake
    "intake.duplicate": ("已有使用此身份证号或手机号的档案", "a case file with this ID number or mobile exists"),
    "intake.member_not_found": ("找不到与身份证号和手机号都相符的会员", "no member matches both the ID number and the mobile"),
    "intake.event_not_found": ("没有这个正在报名的活动", "there is no such published event"),
    "intake.signup_unavailable": ("暂不能在线报名", "online sign-up is not available"),
}  # fmt: skip

TEXT_PROBLEMS: dict[str, Words] = {
    "encoding": ("不是 UTF-8 编码", "not UTF-8"),
    "surrogate": ("含有不成对的代理码位", "a lone surrogate code point"),
}

GENERAL: Words = ("请求被拒绝", "the request was refused")


class _Blank(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "-"


def words(code: str, params: Mapping[str, Any] | None = None) -> Words:
    """(Chinese, English) for a code, placeholders filled from `params` (a missing one reads "-")."""
    pair = WORDS.get(code, GENERAL)
    values = _Blank({k: _plain(v) for k, v in (params or {}).items()})
    if "problems" in values and "fields" not in values:  # a ValidationError: name its fields
        values["fields"] = _plain([str(pr.get("field")) for pr in params["problems"] if isinstance(pr, dict)])  # type: ignore[index]
    problem = TEXT_PROBLEMS.get(str(values.get("problem"))) if code == "request.bad_text" else None
    formatter = string.Formatter()
    out = []
    for lang, template in enumerate(pair):
        if problem is not None:
            values["problem"] = problem[lang]
        out.append(formatter.vformat(template, (), values))
    return out[0], out[1]


def _plain(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)


def error_body(code: str, params: Mapping[str, Any] | None = None, *, wipe: bool = False) -> dict[str, Any]:
    """The JSON body of a refusal: {code, params, wipe, message_zh, message_en}. An order to wipe
    (a revoked device) keeps the shape every laptop version reads, {code, params, wipe}: laptops
    older than the words refuse a body with fields they do not know, and a revoked laptop must
    wipe whatever its version. Laptops phrase that code in their own words."""
    if wipe:
        return p.ErrorOut(code=code, params=dict(params or {}), wipe=True).model_dump(mode="json", exclude_none=True)
    zh, en = words(code, params)
    out = p.ErrorOut(code=code, params=dict(params or {}), wipe=wipe, message_zh=zh, message_en=en)
    return out.model_dump(mode="json")
