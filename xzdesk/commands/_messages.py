"""The command line's words: every error code, field, code-valued parameter and progress step in
Chinese with English beside it (the GUI has its own translated wording in xzdesk/ui).

One catalogue for every command. `describe(exc)` is the line printed for an error, Chinese first
then English (`中文 / English`); nobody ever sees a raw code: an unknown code (a new one without
words yet) prints a general sentence and goes to the log. Personal data never appears: error
params hold masked values only, and the few params that would reveal a value read from an ID
number are left out of the wording. Tests prove that every code raised in xzdesk/ has words here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any

from xzdesk.domain.errors import FieldProblem, ValidationError, XzError

log = logging.getLogger(__name__)

Words = tuple[str, str]  # (Chinese, English)

# --- errors ---------------------------------------------------------------------------------------
SIGN_IN_HINT = ("请用 --as 用户名（或 XZDESK_AS）指定工作人员账号；还没有账号时先运行 xzdesk account add",
                "name a staff account with --as USERNAME (or XZDESK_AS); without any account, run xzdesk account add first")  # fmt: skip
ENROL_AGAIN = ("请重新接入：xzdesk sync enrol --server 地址 --username 用户名",
               "enrol again: xzdesk sync enrol --server URL --username USER")  # fmt: skip

MESSAGES: dict[str, Words] = {
    # general
    "error": ("操作未能完成", "the operation could not be completed"),
    "cancelled": ("已取消", "cancelled"),
    "not_found": ("该记录已不存在", "the record no longer exists"),
    "conflict": ("该记录已被他人修改，请重新查看后再试", "the record was changed meanwhile: look again and retry"),
    "validation.failed": ("数据有误", "invalid data"),
    "request.invalid": ("服务器拒绝了请求：{fields} 不符合要求（本版本可能过旧，请更新 xzdesk）",
                        "the server refused the request: {fields} not acceptable (this version may be too old: update xzdesk)"),
    # accounts and sign-in
    "auth.permission_denied": ("当前账号（{role}）无权{permission}", "the current account ({role}) may not {permission}"),
    "auth.bad_credentials": ("服务器上的用户名或密码不正确", "wrong user name or password on the server"),
    "auth.forbidden": ("服务器不允许此账号或本机做这件事", "the server does not allow this account or computer to do this"),
    "auth.invalid_token": ("服务器不再接受本机的设备密钥；" + ENROL_AGAIN[0], "the server no longer accepts this computer's device key; " + ENROL_AGAIN[1]),
    "auth.missing_token": ("服务器需要本机的设备密钥；" + ENROL_AGAIN[0], "the server needs this computer's device key; " + ENROL_AGAIN[1]),
    "device.revoked": ("工会办公室已注销本机，本机上的个人信息已清除；如需继续使用，" + ENROL_AGAIN[0],
                       "the union office revoked this computer and its personal data was removed; to go on, " + ENROL_AGAIN[1]),
    "staff.not_signed_in": ("需要登录：" + SIGN_IN_HINT[0], "sign-in needed: " + SIGN_IN_HINT[1]),
    "staff.password_required": ("需要 {username} 的密码：请设置 XZDESK_PASSWORD 或在终端中运行",
                                "the password of {username} is needed: set XZDESK_PASSWORD or run in a terminal"),
    "staff.new_password_required": ("需要新密码：请在终端中运行（输入两次），或设置 XZDESK_NEW_PASSWORD",
                                    "a new password is needed: run in a terminal (typed twice) or set XZDESK_NEW_PASSWORD"),
    "staff.passwords_differ": ("两次输入的密码不一致，未作任何修改", "the two entries differ; nothing was changed"),
    "staff.must_change_password": ("{username} 的密码是管理员设的临时密码，请先修改：xzdesk account passwd --as {username}",
                                   "the password of {username} is a temporary one set by an administrator: change it first with xzdesk account passwd --as {username}"),
    "staff.wrong_password": ("用户名或密码不对", "wrong user name or password"),
    "staff.throttled": ("尝试次数过多，请 {retry_after} 秒后再试", "too many attempts: try again in {retry_after} s"),
    "staff.locked": ("账号已锁定：请管理员运行 xzdesk account unlock 解锁", "the account is locked: an administrator unlocks it with xzdesk account unlock"),
    "staff.inactive": ("账号已停用", "the account is closed"),
    "staff.no_password": ("该账号还没有密码：请管理员用 xzdesk account passwd 用户名 设置",
                          "the account has no password yet: an administrator sets one with xzdesk account passwd USERNAME"),
    "staff.not_found": ("找不到工作人员账号 {username}", "no staff account {username}"),
    "staff.not_here": ("该账号不能在本机登录：工会服务器没有把它的密码同步到本机（每次同步带来本区及全市账号），请联系工会管理员",
                       "this account cannot sign in on this computer: the union server has not given it this account's password (each sync brings the district's and the city-wide accounts); ask the union's administrator"),
    "staff.managed_by_server": ("本机已接入工会服务器，账号由服务器管理：请在服务器上用 xzdesk server add-user / set-password / deactivate-user 修改，下次同步后生效",
                                "this computer is connected to the union server, whose accounts are the truth: change them there (xzdesk server add-user / set-password / deactivate-user); they apply here at the next sync"),
    "staff.password_hash_unusable": ("工会服务器发来的密码记录参数超出本版本的上限，无法使用：请联系服务器管理员",
                                     "the union server sent a password record whose settings exceed what this version checks; ask the server's administrator"),
    "staff.first_must_be_admin": ("本机的第一个账号必须是本机管理员：请用 --role admin", "the first account of a computer must be its administrator: use --role admin"),
    "staff.password_too_short": ("密码至少需要 {minimum} 个字符", "a password needs at least {minimum} characters"),
    "staff.password_weak": ("这个密码太容易被猜到（{hint}）：请用更长的短语，不要包含姓名或常用词",
                            "this password is too easy to guess ({hint}): use a longer phrase, without names or common words"),
    "staff.self_deactivate": ("不能停用自己的账号", "you cannot close your own account"),
    "staff.self_grant": ("任何人都不能修改自己的角色：请另一位管理员来改", "nobody changes their own role: ask another administrator"),
    "staff.self_reset": ("修改自己的密码请运行 xzdesk account passwd（需要当前密码）",
                         "to change your own password run xzdesk account passwd (the current password is needed)"),
    "staff.username_format": ("用户名为 2-32 位小写字母、数字、点、横线或下划线", "user names use 2-32 lower-case letters, digits, dots, dashes or underscores"),
    "staff.username_taken": ("该用户名已被使用", "this user name is taken"),
    "staff.already_set_up": ("本机已经有管理员账号", "this computer already has its administrator"),
    "staff.not_self_assignable": ("这个角色不能给自己：请另一位管理员来建", "nobody gives themselves this role: another administrator creates it"),
    # the local database
    "store.passphrase_required": ("需要数据库口令：请设置 XZDESK_PASSPHRASE 或在终端中运行",
                                  "a database passphrase is needed: set XZDESK_PASSPHRASE or run in a terminal"),
    "store.passphrase_cancelled": ("未输入口令，数据库保持关闭", "no passphrase given; the database stays closed"),
    "store.passphrase_empty": ("口令不能为空", "the passphrase must not be empty"),
    "store.wrong_key": ("无法打开数据库：口令或密钥不正确", "cannot open the database: wrong passphrase or key"),
    "store.key_missing": ("系统钥匙串中找不到数据库密钥", "the database key is missing from the system keyring"),
    "store.key_info_missing": ("数据库密钥信息文件丢失", "the database key info file is missing"),
    "store.keyring_unavailable": ("系统钥匙串不可用（{backend}）", "the system keyring is unavailable ({backend})"),
    "store.already_exists": ("数据目录里已经有数据库", "a database already exists in the data folder"),
    "store.backup_not_found": ("找不到所选的备份文件", "the chosen backup file no longer exists"),
    "store.backup_unreadable": ("这个文件用本机的密钥打不开：可能是别的电脑的备份、不是备份，或已损坏；没有做任何改动",
                                "this file does not open with this computer's key (another computer's backup, not a backup, or damaged); nothing was changed"),
    "store.backup_not_xzdesk": ("这个文件不是 xzdesk 数据库；没有做任何改动", "this file is not an xzdesk database; nothing was changed"),
    "store.backup_newer": ("这个备份来自更新版本的 xzdesk，请先安装该版本；没有做任何改动", "this backup comes from a newer xzdesk: install that version first; nothing was changed"),
    "store.backup_damaged": ("备份已损坏（页面校验失败），请换一个备份；没有做任何改动", "the backup is damaged (page check failed): choose another; nothing was changed"),
    "store.backup_write_failed": ("无法把备份写到 {path}：请检查文件夹是否存在、可写、有空间", "the backup could not be written to {path}: check the folder exists, is writable and has room"),
    "store.backup_over_database": ("请换一个文件名：这就是数据库本身", "choose another file: this is the database itself"),
    # case files and their validation (per field)
    "members.required": ("{field}必填", "{field} is required"),
    "members.too_long": ("{field}太长（最多 {maximum} 个字）", "{field} is too long (at most {maximum})"),
    "members.too_many": ("{field}太多（最多 {maximum} 个）", "too many {field} (at most {maximum})"),
    "members.name_has_digits": ("姓名里有数字", "the name contains digits"),
    "members.unknown_code": ("{field}无法识别：“{value}”", "{field} not recognised: '{value}'"),
    "members.bad_date": ("{field}不是有效日期（请写成 1990-01-31）", "{field} is not a valid date (write 1990-01-31)"),
    "members.not_a_number": ("{field}不是整数", "{field} is not a whole number"),
    "members.out_of_range": ("{field}应在 {minimum} 到 {maximum} 之间", "{field} must be between {minimum} and {maximum}"),
    "members.range_inverted": ("{field}：下限大于上限", "{field}: the minimum is above the maximum"),
    "members.sex_contradicts_id": ("性别与身份证号不符", "the sex contradicts the ID number"),
    "members.birth_contradicts_id": ("出生日期与身份证号不符", "the birth date contradicts the ID number"),
    "members.under_age": ("未满 {minimum} 周岁（{age} 岁），不能登记", "under {minimum} ({age}): cannot register"),
    "members.below_marriage_age": ("未到法定婚龄（{age} 岁，法定 {minimum} 岁）", "below the legal marriage age ({age}, legal age {minimum})"),
    "members.not_in_scope": ("会员 {member_no} 属于其他区", "member {member_no} belongs to another district"),
    "members.duplicate": ("已有此人的档案：会员 {member_no}（{name}，{district}），请联系该档案的红娘，不要重复登记",
                          "a case file for this person exists: member {member_no} ({name}, {district}); contact its matchmaker instead of registering again"),
    "members.consent_missing": ("缺少“{type}”同意", "the consent “{type}” is missing"),
    "members.consent_not_active": ("没有可撤回的此类同意", "there is no consent of this kind in force to withdraw"),
    "members.archived": ("会员 {member_no} 已归档，不能修改", "member {member_no} is archived and cannot be changed"),
    "members.stale": ("会员 {member_no} 刚被修改过（同步），请重新查看后再改", "member {member_no} was changed meanwhile (by sync): look again and retry"),
    "members.bad_transition": ("档案状态不能从“{current}”变为“{target}”", "a case cannot go from “{current}” to “{target}”"),
    "members.not_verified": ("须完成全部四项核验后才能设为服务中", "the member must be verified (all four checks) before becoming active"),
    "members.evidence_mismatch": ("该凭证不适用于此项核验", "this evidence does not fit that kind of check"),
    "members.reason_required": ("请填写事由（至少两个字）", "give the reason (at least two characters)"),
    "members.not_revealable": ("这些信息不能明文显示", "these fields cannot be shown unmasked"),
    "members.due_in_past": ("到期日已过", "the due date is in the past"),
    "members.follow_up_done": ("该回访已完成", "this follow-up is already done"),
    "members.link_not_found": ("该线上关联申请已不存在", "the online link request no longer exists"),
    "members.link_decided": ("该线上关联申请已处理（{status}）", "this online link request was already decided ({status})"),
    "members.link_id_differs": ("网上登记的身份证号与档案 {member_no} 不一致：不能仅凭手机号关联；请驳回申请并说明原因，或先更正档案中的身份证号",
                                "the ID number given online is not the one on case file {member_no}: an account is never linked by the phone alone; reject the request with a reason, or correct the case file's ID number first"),
    "members.follow_up_not_found": ("该回访已不存在", "the follow-up no longer exists"),
    "members.not_found": ("找不到会员档案 {member_no}", "no case file {member_no}"),
    "members.not_editable": ("这些内容不能在此修改", "these fields cannot be changed here"),
    "identity.id_format": ("身份证号格式不对（应为 18 位，旧证 15 位）", "the ID number has the wrong shape (18 characters, 15 on old cards)"),
    "identity.id_checksum": ("身份证号校验码不对（末位应为 {expected}），请核对号码", "the ID number's check character is wrong (should be {expected}): check the number"),
    "identity.id_birth_date": ("身份证号中的出生日期无效", "the birth date inside the ID number is not valid"),
    "identity.id_region_unknown": ("身份证号的地区码未知（仅提醒）", "unknown region code in the ID number (a warning only)"),
    "identity.mobile_format": ("手机号格式不对（应为 11 位，1 开头）", "not a mainland mobile number (11 digits starting with 1)"),
    # rosters and lists
    "import.id_scientific": ("身份证号显示为科学计数法（如 3.20302E+17），后几位已丢失，请把该列设为“文本”后重新填写",
                             "the ID number is in scientific notation (3.20302E+17): its last digits are lost; format the column as text and re-enter it"),
    "import.id_numeric_damaged": ("身份证号被 Excel 存成了数字，15 位之后的数字（或末位 X）已丢失，请把该列设为“文本”后重新填写",
                                  "the ID number was stored as a number: the digits after the 15th (or the final X) are lost; format the column as text and re-enter it"),
    "import.id_trailing_zeros": ("身份证号末尾是 000 且校验不通过，多半是被 Excel 截断后补零，请核对原件重新填写",
                                 "the ID number ends in 000 and fails its check: Excel probably replaced its last digits with zeros; re-enter it from the card"),
    "import.id_numeric": ("身份证号以数字格式保存（目前完整），再次用 Excel 保存会损坏，建议把该列设为“文本”",
                          "the ID number is stored as a number (still intact); saving again in Excel will damage it: format the column as text"),
    "import.id_missing_x": ("身份证号只有 17 位，末位校验码应为 X，可能被丢掉了", "the ID number has 17 digits; its check character would be X, which seems to have been lost"),
    "import.mobile_scientific": ("手机号显示为科学计数法，数字已丢失，请重新填写", "the mobile number is in scientific notation and its digits are lost; re-enter it"),
    "import.mobile_multiple": ("一个单元格里有 {count} 个号码，已使用第一个", "{count} numbers in one cell; the first is used"),
    "import.married": ("婚姻状况为已婚，不能登记", "marital status is married: cannot register"),
    "import.duplicate_in_file": ("与第 {first_row} 行是同一人（身份证号或手机号相同）", "the same person as row {first_row} (same ID number or mobile)"),
    "import.mobile_taken": ("该手机号已属于会员 {member_no}，与身份证号不是同一人，请人工核对", "this mobile already belongs to member {member_no}, a different person from the ID number: check by hand"),
    "import.mobile_repeated": ("第 {first_row} 行用了同一个手机号，但身份证号不同，请人工核对", "row {first_row} gives the same mobile with a different ID number: check by hand"),
    "import.member_out_of_scope": ("会员 {member_no} 不在您负责的区，不能更新", "member {member_no} is outside your district and cannot be updated"),
    "import.member_gone": ("会员 {member_no} 在分析之后已被归档或删除", "member {member_no} was archived or removed after the analysis"),
    "import.source_changed": ("文件在分析之后被修改（第 {row} 行），请重新导入", "the file changed after the analysis (row {row}): import it again"),
    "import.bad_decision": ("第 {row} 行不能选择“{decision}”", "row {row} cannot be set to '{decision}'"),
    "import.no_such_row": ("没有第 {row} 行", "there is no row {row}"),
    "import.file_not_found": ("找不到文件", "file not found"),
    "import.unsupported_format": ("不支持 {suffix} 格式：请另存为 .xlsx 或 .csv", "{suffix} files are not supported: save as .xlsx or .csv"),
    "import.unreadable": ("文件已损坏或不是 Excel 文件", "the file is damaged or not an Excel file"),
    "import.no_header": ("找不到表头行（需要至少两个可识别的列名，如“姓名”“身份证号”）",
                         "no header row found (at least two known column names are needed, e.g. 姓名, 身份证号)"),
    "import.sheet_not_found": ("找不到工作表“{sheet}”", "no sheet named '{sheet}'"),
    "import.encoding": ("第 {row} 行附近的文字编码无法识别（支持 UTF-8 和 GB18030）", "cannot decode the text near row {row} (UTF-8 and GB18030 are supported)"),
    "import.mapping_column": ("列映射中没有“{column}”这一列", "the mapping names a column '{column}' that is not in the file"),
    "import.mapping_field": ("列映射中的字段“{field}”不存在", "the mapping names an unknown field '{field}'"),
    "import.mapping_json": ("--mapping 不是有效的 JSON 对象", "--mapping is not a valid JSON object"),
    "import.district_to_confirm": ("文件没有“所在区”列；{origin}写的是{name}（{code}）。确认无误请加 --district {code} 重新运行",
                                   "the file has no district column; {origin} says {name} ({code}). If that is right, run again with --district {code}"),
    "import.district_named": ("{origin}写的是{name}（{code}），本次按{chosen}导入没填所在区的行",
                              "{origin} says {name} ({code}); rows without a district are imported for {chosen}"),
    "import.district_dry_run": ("试运行按{origin}写的{name}（{code}）分析；正式导入请加 --district {code}",
                                "dry run with {name} ({code}) from {origin}; to import, add --district {code}"),
    "export.reason_required": ("请填写导出理由（--reason）：导出未脱敏数据，或导出超过 {threshold} 行（本次 {rows} 行）都需要理由",
                               "give a reason (--reason): unmasked exports and exports of more than {threshold} rows (this one: {rows}) need one"),
    "export.unsupported_format": ("不支持导出为 {suffix}：请用 .xlsx 或 .csv", "cannot export to {suffix}: use .xlsx or .csv"),
    "export.unknown_column": ("未知的列：{columns}", "unknown columns: {columns}"),
    # matching and introductions
    "matching.member_not_in_pool": ("该会员不在配对索引中（已归档或已删除）", "this member is not in the matching index (archived or removed)"),
    "matching.batch.bad_method": ("未知的配对方法", "unknown pairing method"),
    "matching.batch.solver_failed": ("无法计算出配对", "no pairing could be computed"),
    "matching.weights.unknown_mean": ("未知的双方满意度合并方式", "unknown way of combining both sides' fit"),
    "matching.weights.negative": ("权重不能为负数", "a weight cannot be negative"),
    "matching.weights.not_a_share": ("必须在 0 到 1 之间", "must be between 0 and 1"),
    "matching.eval.one_class": ("已知的结果全是同一种（全是心动或全不是），无法评估", "the known outcomes are all of one kind (all yes or all no): nothing to evaluate"),
    "matching.eval.too_few_groups": ("只有 {groups} 组（活动或介绍）的结果，按组留出评估至少需要 {n_splits} 组",
                                     "results of {groups} groups (events or introductions) only: leaving groups out needs at least {n_splits}"),
    "matching.labels.contradict": ("同一对的结果自相矛盾（组 {group}：双向心动却有一方未心动）",
                                   "a pair's outcome contradicts itself (group {group}: mutual, yet one side said no)"),
    "matching.model.bad_c": ("--c（正则化强度）必须大于 0", "--c (regularisation strength) must be above 0"),
    "matching.model.incompatible": ("保存的配对模型与本版本不兼容，请重新训练（xzdesk match fit）",
                                    "the stored matching model does not fit this version: fit it again (xzdesk match fit)"),
    "matching.model.not_fitted": ("配对模型的回答太少，还不能使用：请积累更多结果后再运行 xzdesk match fit",
                                  "the matching model has too few answers to be used: gather more outcomes, then run xzdesk match fit"),
    "matching.model.not_found": ("找不到这个模型（xzdesk match models 列出保存的模型）", "no such model (xzdesk match models lists the kept ones)"),
    "matching.model.not_evaluated": ("这个模型没有按活动留出的评估结果，不能采用", "this model has no leave-groups-out evaluation: it cannot be adopted"),
    "matching.model.not_better": ("模型在留出的活动上没有胜过规则评分（AUC {auc_model} 对 {auc_rule}），不能采用",
                                  "the model did not beat the rule score on held-out events (AUC {auc_model} vs {auc_rule}): it cannot be adopted"),
    "matching.reason_too_long": ("理由太长：最多 {maximum} 个字", "the reason is too long: at most {maximum} characters"),
    "matching.schedule.unknown": ("重新训练的频率只能是：不自动、每周或每月", "retrain schedule must be off, weekly or monthly"),
    "matching.model.unreadable": ("模型文件读不出来：请用 xzdesk match fit -o 写出的 JSON 文件", "cannot read the model file: use the JSON written by xzdesk match fit -o"),
    "matching.cli.files_incomplete": ("用文件训练时 --people、--pairs 和 -o 都要给出", "fitting on files needs --people, --pairs and -o"),
    "matching.csv.no_column": ("表中缺少“{column}”列（表头行要写英文列名，见 README）", "the table has no “{column}” column (header names as in the README)"),
    "matching.csv.no_id": ("人员表第 {row} 行没有 id", "the people file's row {row} has no id"),
    "matching.csv.duplicate_id": ("人员表第 {row} 行的 id 与第 {first} 行重复", "the people file's row {row} repeats the id of row {first}"),
    "matching.csv.unknown_person": ("配对表第 {row} 行的 {column} 不在人员表中", "the pairs file's row {row}: {column} is not in the people file"),
    "matching.csv.bad_label": ("配对表第 {row} 行的 {column} 应为 1 或 0（是/否），或留空", "the pairs file's row {row}: {column} must be 1 or 0 (yes/no), or empty"),
    "matching.csv.contradict": ("配对表第 {row} 行自相矛盾：match 为 1，却有一方为 0", "the pairs file's row {row} contradicts itself: match is 1, yet one side is 0"),
    # which score ranks, and why (not errors: the matcher's verdict in words)
    "matching.ranking.model_better": ("模型在留出的活动上胜过规则评分（AUC {auc_model} 对 {auc_rule}），用模型排序",
                                      "the model beat the rule score on held-out events (AUC {auc_model} vs {auc_rule}): the model ranks"),
    "matching.ranking.model_worse": ("模型在留出的活动上不如规则评分（AUC {auc_model} 对 {auc_rule}），仍用规则排序",
                                     "the model did worse than the rule score on held-out events (AUC {auc_model} vs {auc_rule}): the rule still ranks"),
    "matching.ranking.model_not_clearly_better": (
        "模型在留出的活动上没有明显胜过规则评分（AUC {auc_model} 对 {auc_rule}，差值区间下限 {diff_low}），仍用规则排序",
        "the model did not clearly beat the rule score on held-out events (AUC {auc_model} vs {auc_rule}, lower end of the difference {diff_low}): the rule still ranks"),
    "matching.ranking.model_not_ready": ("回答太少（心动 {positive} 个、未心动 {negative} 个，每类至少要 {needed} 个），仍用规则排序",
                                         "too few answers ({positive} yes, {negative} no; {needed} of each needed): the rule still ranks"),
    "matching.ranking.no_model": ("没有采用模型，按规则评分排序", "no model adopted: the rule score ranks"),
    "matching.ranking.not_evaluated": ("模型没有按活动留出的评估结果，仍用规则排序", "the model has no leave-groups-out evaluation: the rule still ranks"),
    "introductions.not_found": ("该介绍已不存在", "the introduction no longer exists"),
    "introductions.decline_reason": ("请选择会员不同意的原因", "choose why the member declined"),
    "introductions.decline_note_required": ("原因选“其他”时，请在备注里写明", "with “other”, write the reason in the note"),
    "introductions.decline_note_too_long": ("备注太长：最多 {maximum} 个字", "the note is too long: at most {maximum} characters"),
    "introductions.not_declined": ("该介绍没有（或已不再）处于“已拒绝”，无需撤销", "this introduction is not declined (any more): nothing to undo"),
    "introductions.undo_expired": ("拒绝只能在记录后 {hours} 小时内撤销，这条保持不变", "a decline can be undone only within {hours} hours; this one stays"),
    "introductions.not_in_scope": ("会员 {member_no} 属于其他区的工作站", "member {member_no} belongs to another district's office"),
    "introductions.same_member": ("不能把会员介绍给其本人", "a member cannot be introduced to themselves"),
    "introductions.same_sex": ("两位会员性别相同", "both members have the same sex"),
    "introductions.member_not_active": ("会员 {member_no} 不在服务中（当前：{status}）：先把档案设为服务中",
                                        "member {member_no} is not active (now: {status}): make the case active first"),
    "introductions.consent_missing": ("会员 {member_no} 没有有效的“{type}”同意：不能向对方展示其资料",
                                      "member {member_no} has no consent “{type}” in force: the profile may not be shown to the other side"),
    "introductions.fraud_flag": ("会员 {member_no} 被标记为涉嫌欺诈：不能新建介绍", "member {member_no} is flagged as suspected fraud: no new introductions"),
    "introductions.already_introduced": ("这两位以前已经介绍过（阶段：{stage}）", "these two were introduced before (stage: {stage})"),
    "introductions.blocked": ("这两位已被屏蔽，不能互相介绍", "these two must not be introduced to each other (blocked)"),
    "introductions.bad_transition": ("介绍不能从“{current}”变为“{target}”", "an introduction cannot go from “{current}” to “{target}”"),
    "introductions.answers_closed": ("已不能再记录答复：该介绍处于“{stage}”阶段", "answers can no longer be recorded: the introduction is at “{stage}”"),
    "introductions.not_a_side": ("该会员不属于这个介绍", "that member is not part of this introduction"),
    "introductions.not_an_outcome": ("“{outcome}”不是有效的结果", "“{outcome}” is not an outcome"),
    "introductions.stale": ("该介绍刚被修改过（现为“{stage}”），请重新查看后再试", "the introduction was changed meanwhile (now “{stage}”): look again and retry"),
    "introductions.not_accepted": ("双方都同意后才能提供联系方式（现为“{stage}”）", "contact details are given only after both accepted (now “{stage}”)"),
    "introductions.closed": ("该介绍已结束（“{stage}”），不打印介绍单", "the introduction is closed (“{stage}”): no slip is printed"),
    "introductions.date_in_future": ("见面日期不能晚于今天", "the meeting date cannot be in the future"),
    "introductions.block_not_found": ("该屏蔽记录已不存在", "the block no longer exists"),
    # events, seat plans, rotations, prints
    "events.not_found": ("找不到该活动（用 xzdesk print events 查看活动码）", "no such event (xzdesk print events lists the codes)"),
    "events.code_ambiguous": ("活动码 {code} 对应多个活动：请用活动 ID", "event code {code} is ambiguous: use the event id"),
    "events.member_not_found": ("找不到该会员", "no such member"),
    "events.not_in_scope": ("活动 {event_code} 属于其他区的主办单位", "event {event_code} belongs to another district's office"),
    "events.bad_transition": ("活动状态不能从“{current}”改为“{target}”", "cannot change “{current}” to “{target}”"),
    "events.locked": ("活动状态为“{status}”，不能再修改", "the event is “{status}”: it can no longer be changed"),
    "events.not_eligible": ("{member_no} 不符合参加条件：{problems}", "{member_no} may not take part: {problems}"),
    "events.quota_full": ("没有名额了：{sex}{band}的{rule}（{limit} 人）已满", "no place left: the {rule} ({limit}) is reached for {sex}{band}"),
    "events.already_registered": ("该会员已报名（“{status}”）", "this member is already registered (“{status}”)"),
    "events.capacity_below_approved": ("名额不能少于已通过的 {approved} 人", "the capacity cannot go below the {approved} places already approved"),
    "events.quota_below_approved": ("{rule}不能少于已通过的 {approved} 人（要求 {limit}）", "the {rule} cannot go below the {approved} places already approved (asked for {limit})"),
    "events.not_held": ("活动标记为已举办后才能登记未到场", "no-shows are recorded once the event is marked as held"),
    "events.has_registrations": ("活动 {event_code} 已有报名，请取消活动而不是删除", "event {event_code} has registrations: cancel it instead of deleting it"),
    "events.stale": ("活动 {event_code} 刚被修改过（同步），请重新查看后再改", "event {event_code} was changed meanwhile (by sync): look again and retry"),
    "events.not_editable": ("这些内容不能在此修改", "these fields cannot be changed here"),
    "events.registration_not_found": ("该报名已不存在", "the registration no longer exists"),
    "events.table_not_found": ("该桌已不存在", "the table no longer exists"),
    "events.no_tables": ("座位图还没有桌子，请先添加桌子", "the seat plan has no tables yet: add tables first"),
    "events.not_a_guest": ("只有已通过的嘉宾才能安排座位（此人状态为“{status}”）", "only approved guests have seats (this one is “{status}”)"),
    "events.not_seated": ("该嘉宾还没有座位，无法固定", "the guest has no seat to pin"),
    "events.guest_pinned": ("该座位属于固定座位的嘉宾，请先取消固定", "that seat belongs to a pinned guest: unpin them first"),
    "events.group_too_small": ("结伴而来的嘉宾至少要选两位", "choose at least two guests who came together"),
    "events.seat_plan_stale": ("计算期间嘉宾或桌子有变动，请重新排座", "guests or tables changed while the plan was computed: arrange again"),
    "events.long_table_even": ("长桌的座位数必须是偶数", "a long table needs an even number of seats"),
    "events.labels_count": ("每张桌子需要一个桌号（共 {count} 张）", "give one label per table ({count})"),
    "events.not_speed_dating": ("轮换只适用于 8 分钟约会活动", "rotations are only for 8-minute dating events"),
    "events.no_rotation": ("该活动还没有轮换表：请先在“活动”界面的“轮换”页生成轮换表，再打印心动卡",
                           "the event has no rotation yet: generate it on the Rotations tab of the Events screen before printing the cards"),
    "events.rotation_stale": ("生成轮换表后嘉宾有变动，请先重新生成轮换表", "the guests changed since the rotation was generated: generate it again first"),
    "events.sector_required": ("专场至少需要选择一个行业", "a sector session needs at least one sector"),
    "events.seed_no_members": ("还没有可以邀请的会员：先生成会员（xzdesk seed --members N）", "there are no members to invite yet: seed members first (xzdesk seed --members N)"),
    "events.unknown_staff": ("负责人的账号已不存在", "the organiser's account no longer exists"),
    "events.unknown_document": ("未知的文档类型", "unknown document"),
    "events.date_format": ("日期不正确（请写成 2026-08-29）", "not a valid date (write 2026-08-29)"),
    "events.time_format": ("时间格式不正确，请按 14:30 的格式填写", "not a valid time; write it as 14:30"),
    "events.end_before_start": ("结束时间必须晚于开始时间", "the end time must be after the start time"),
    "events.too_long": ("太长了：最多 {max} 个字", "too long: at most {max} characters"),
    "events.not_a_number": ("请输入整数", "give a whole number"),
    "events.out_of_range": ("必须在 {min} 到 {max} 之间", "must be between {min} and {max}"),
    "events.range_reversed": ("上限小于下限", "the upper limit is below the lower limit"),
    "events.bands_overlap": ("年龄段不能重叠", "age bands must not overlap"),
    "seating.duplicate_guest": ("有嘉宾重复出现", "a guest appears twice"),
    "seating.duplicate_table": ("有桌子重复出现", "a table appears twice"),
    "seating.invalid_capacity": ("每张桌子至少要有一个座位", "a table needs at least one seat"),
    "seating.invalid_sex": ("有嘉宾的性别未登记", "a guest's sex is not recorded"),
    "seating.invalid_shape": ("未知的桌型", "unknown table shape"),
    "seating.seat_locked": ("该座位已锁定，请先解锁", "that seat is locked: unlock it first"),
    "seating.seat_taken": ("两位嘉宾被安排在同一个座位", "two guests were given the same seat"),
    "seating.unknown_guest": ("该嘉宾已不在座位图中，请重新载入", "this guest is not in the seat plan any more: reload the plan"),
    "seating.unknown_seat": ("该座位已不存在", "that seat does not exist any more"),
    "seating.unknown_table": ("该桌已不在座位图中", "the table is not in the seat plan any more"),
    "rotation.duplicate_guest": ("轮换表中有嘉宾重复出现", "a guest appears twice in the rotation"),
    "rotation.invalid_settings": ("轮换设置无效（{field}）", "the rotation settings are not valid ({field})"),
    "printing.calibration_range": ("打印偏移量必须在 {min} 到 {max} 毫米之间", "the printer offset must lie between {min} and {max} mm"),
    "printing.calibration_step": ("打印偏移量以 {step} 毫米为步长", "the printer offset goes in steps of {step} mm"),
    "printing.qr_payload_invalid": ("有胸牌的二维码令牌无效", "a badge carries an invalid QR token"),
    "printing.qr_payload_too_long": ("二维码令牌过长", "a QR token is too long"),
    "printing.unknown_field": ("打印文档中有未知字段", "unknown field on a printed document"),
    "printing.unknown_page_size": ("未知的纸张大小", "unknown page size"),
    "printing.unknown_preset": ("未知的胸牌纸张规格", "unknown badge stock"),
    "printing.unknown_table_shape": ("未知的桌型", "unknown table shape"),
    # check-in and venue packs
    "checkin.event_not_found": ("找不到该活动", "no such event"),
    "checkin.event_code_invalid": ("活动码应为 {length} 位字母或数字", "an event code has {length} letters or digits"),
    "checkin.event_id_invalid": ("活动 ID 格式不对", "not a valid event id"),
    "checkin.token_key_invalid": ("活动的二维码密钥无效（至少 {min_bytes} 字节）", "the event's QR key is not valid (at least {min_bytes} bytes)"),
    "checkin.no_event_key": ("该活动没有二维码密钥", "the event has no QR key"),
    "checkin.token_malformed": ("这不是胸牌二维码", "this is not a badge code"),
    "checkin.not_on_roster": ("本机的活动名单中没有此人", "this person is not on the event's list on this laptop"),
    "checkin.already_annulled": ("该签到（{plate}）已经撤销过", "this check-in ({plate}) was undone already"),
    "checkin.not_a_checkin": ("只能撤销成功的签到", "only an accepted check-in can be undone"),
    "checkin.not_editable": ("这些字段不能在这里修改", "these fields cannot be changed here"),
    "checkin.scan_not_found": ("该签到记录已不存在", "the scan no longer exists"),
    "checkin.card_unknown_plate": ("本场活动没有 {plate} 号", "no one has number {plate} at this event"),
    "checkin.plate_ambiguous": ("{plate} 号不明确：请加上字母（M 或 F）", "number {plate} is ambiguous: type the letter too (M or F)"),
    "checkin.card_self": ("心动卡不能勾选本人号码（{plate}）", "a card cannot tick its own number ({plate})"),
    "checkin.no_card": ("{plate} 还没有录入心动卡", "no card was entered for {plate}"),
    "checkin.no_case_file": ("其中一人（现场报名）尚未建档：请先建档", "one of the two has no case file yet (a walk-in): create the case files first"),
    "checkin.attended_not_approved": ("此人已到场，但报名状态为“{status}”：请审核通过或手工登记到场",
                                      "came to the event, but the registration is “{status}”: approve it or mark attendance by hand"),
    "checkin.plate_taken": ("号码 {plate} 已被其他报名占用：请为该现场报名者重新制作胸牌", "number {plate} is taken by another registration: give this walk-in a new badge"),
    "checkin.plates_exhausted": ("工位 {station} 的现场报名号码已用完：请换一个工位字母", "station {station} has used all its walk-in numbers: choose another station letter"),
    "checkin.walk_in_duplicate": ("此人已在本机现场报名，号码 {plate}", "this person was registered here already, with number {plate}"),
    "checkin.walk_in_not_found": ("该现场报名记录已不存在", "the walk-in record no longer exists"),
    "checkin.walk_ins_closed": ("该活动已不能再现场报名", "walk-ins can no longer be registered for this event"),
    "checkin.station_invalid": ("工位字母只能是 {allowed} 之一", "the station letter must be one of {allowed}"),
    "checkin.pack_not_a_pack": ("这不是 xzdesk 活动包文件，或文件已损坏", "this is not an xzdesk venue pack, or the file is damaged"),
    "checkin.pack_version": ("活动包格式 {version} 不受支持：请升级 xzdesk", "pack format {version} is not supported: update xzdesk"),
    "checkin.pack_wrong_passphrase": ("活动包口令不对（或文件不是导出的那一份）", "wrong pack passphrase (or not the file that was exported)"),
    "checkin.pack_tampered": ("活动包被改动过或已损坏，已拒绝导入", "the pack was altered or damaged and is refused"),
    "checkin.pack_foreign": ("这个回传包不是由本办公室导出的活动包所在的笔记本生成的，已拒绝",
                             "this return pack does not come from a laptop prepared with one of this office's event packs; refused"),
    "checkin.pack_own": ("这个活动包是在本机导出的，不能在本机导入", "this pack was made on this laptop and cannot be imported here"),
    "checkin.pack_passphrase_required": ("需要活动包口令：用 --passphrase-file、XZDESK_PACK_PASSPHRASE 或在终端中输入",
                                         "the pack passphrase is needed: --passphrase-file, XZDESK_PACK_PASSPHRASE or a terminal"),
    "checkin.pack_passphrase_short": ("口令太短（至少 {minimum} 个字符）", "the passphrase is too short (at least {minimum} characters)"),
    "checkin.pack_event_unknown": ("本机没有活动 {event_code}", "this laptop does not hold event {event_code}"),
    "checkin.pack_stale": ("这是该活动的第 {sequence} 号活动包，本机已导入过第 {latest} 号：旧的或相同的活动包不会改动任何数据",
                           "this is event pack number {sequence}; number {latest} was imported here already: an older or the same pack changes nothing"),
    "checkin.pack_kdf_unsupported": ("活动包头部的密钥参数不是本版本写入的参数（可能被伪造），未打开",
                                     "the pack header asks for key settings this version never writes (possibly forged); not opened"),
    "checkin.pack_has_return_key": ("本机导入过该活动的活动包，回传包用其回传密钥加密：请去掉 --passphrase-file",
                                    "this laptop opened an event pack of this event: its return pack is sealed with that pack's key; leave out --passphrase-file"),
    "checkin.pack_passphrase_sync_only": ("用口令加密的回传包只用于经同步准备的现场电脑；本机未接入工会服务器，请用活动包的回传密钥",
                                          "a passphrase-sealed return pack is only for a venue laptop prepared by sync; this laptop is not connected to a union server: use the event pack's return key"),
    # statistics and rights
    "reports.bad_period": ("统计期间写法应为 2026-07、2026-Q3 或 2026：{text}", "a period is written 2026-07, 2026-Q3 or 2026: {text}"),
    "rights.nothing_to_correct": ("没有任何改动：如果会员的资料本来就对，请以说明理由的方式拒绝该申请", "nothing was changed: if the data is already right, refuse the request with a reason"),
    "rights.nothing_to_withdraw": ("请至少勾选一项要撤回的同意", "tick at least one consent to withdraw"),
    "rights.member_not_found": ("找不到会员 {member_no}", "no member {member_no}"),
    "rights.request_not_found": ("找不到该请求", "no such request"),
    "rights.request_open": ("会员 {member_no} 已有一个未办结的同类请求", "member {member_no} already has an open request of this kind"),
    "rights.request_closed": ("该请求已办结（{status}）", "the request is closed ({status})"),
    "rights.wrong_kind": ("该请求的类型不符（{kind}）", "the request is of another kind ({kind})"),
    "rights.reason_required": ("请填写理由（至少 {minimum} 个字）", "give a reason (at least {minimum} characters)"),
    "rights.received_in_future": ("收到日期不能晚于今天", "the date received cannot be in the future"),
    "rights.not_a_privacy_officer": ("经办人必须是个人信息保护负责人", "the handler must be a privacy officer"),
    "rights.import_format": ("不是 xzdesk 会员数据文件，或文件已损坏（{detail}）", "not an xzdesk member data file, or damaged ({detail})"),
    "rights.import_version": ("会员数据文件版本 {version} 不受支持", "member data file version {version} is not supported"),
    "rights.import_not_empty": ("只能导入到没有任何会员档案的数据库", "import only into a database without case files"),
    "rights.import_exists": ("数据库中已有相同记录（{table}）", "a record already exists ({table})"),
    "rights.confirm_mismatch": ("输入的会员编号不一致，未删除", "the member number typed does not match; nothing erased"),
    "rights.bad_date": ("日期格式应为 YYYY-MM-DD", "dates are written YYYY-MM-DD"),
    "rights.not_correctable": ("“{field}”不能用这个命令更正，请写成 项目=新值，项目可以是：{fields}",
                               "“{field}” cannot be corrected with this command; write FIELD=VALUE, FIELD one of: {fields}"),
    # sync (this laptop) and what the server answers
    "sync.not_enrolled": ("本机尚未接入工会服务器：先运行 xzdesk sync enrol --server 地址 --username 用户名",
                          "this computer is not enrolled with a union server: run xzdesk sync enrol --server URL --username USER first"),
    "sync.already_enrolled": ("本机已接入服务器", "this computer is already enrolled"),
    "sync.demo_database": ("演示数据库中是虚构人员，永远不接入服务器", "the demo database holds synthetic people and is never connected to a server"),
    "sync.not_empty": ("此数据库中已有档案；只有空数据库才能接入服务器（否则记录会重复）",
                       "this database already holds case files; only an empty database can be enrolled (its records would otherwise be duplicated)"),
    "sync.not_a_laptop_account": ("此账号不能用于接入电脑", "this account cannot be used to enrol a computer"),
    "sync.offline": ("无法连接服务器（地址不对或没有网络？）；可以继续离线工作，稍后再同步",
                     "the server cannot be reached (wrong address or no network?); work goes on offline, sync later"),
    "sync.timeout": ("服务器没有及时响应，请稍后再同步", "the server did not answer in time: sync again later"),
    "sync.server_error": ("服务器出错了，请稍后再同步或联系工会办公室", "the server failed: sync again later or ask the union office"),
    "sync.bad_response": ("服务器的回复本版本无法识别，请更新 xzdesk 或联系工会办公室", "the server answered something this version does not understand: update xzdesk or ask the union office"),
    "sync.token_missing": ("钥匙串中找不到本机的设备密钥；" + ENROL_AGAIN[0], "the device key of this computer is missing from the keyring; " + ENROL_AGAIN[1]),
    "sync.no_progress": ("服务器没有接收任何修改，同步已停止；请查看 xzdesk sync rejected 或联系工会办公室",
                         "the server accepted none of the changes and sync stopped: see xzdesk sync rejected or ask the union office"),
    "sync.apply_failed": ("服务器发来的数据无法写入本机，已全部撤回；详情见日志", "data from the server could not be written here and was rolled back; the log has the details"),
    "sync.offline_too_long": ("本机离线时间超过允许期限，个人信息已锁定，同步后恢复", "this computer was offline longer than allowed: personal data is locked until it syncs"),
    "sync.cursor_expired": ("服务器要求重新开始：本地数据将重新下载（您的修改已先上传）", "the server asked for a fresh start: local data is downloaded again (your own changes were sent first)"),
    "sync.bad_cursor": ("同步位置无效，将重新下载全部数据", "the sync position is not valid: everything is downloaded again"),
    "sync.scope_changed": ("本机的可见范围已变更，数据将重新下载", "what this computer may see changed: its data is downloaded again"),
    "sync.seq_reused": ("本机的修改编号与已上传的重复，请联系工会办公室", "this computer reused a change number already sent: ask the union office"),
    "sync.key_reused": ("同一修改被以不同内容重复上传，请联系工会办公室", "the same change was sent twice with different content: ask the union office"),
    "sync.conflict_not_found": ("该冲突已处理", "the conflict was already resolved"),
    "sync.rejected_not_found": ("该被拒绝的修改已不在列表中", "the rejected change is no longer in the list"),
    "sync.record_not_found": ("该记录已不存在", "the record no longer exists"),
    "sync.rejected": ("服务器拒绝了这项修改", "the server refused this change"),
    "sync.unknown_entity": ("本版本无法识别此类记录", "this kind of record is not known to this version of xzdesk"),
    "sync.read_only": ("此类记录只能在服务器上修改", "records of this kind are changed on the server only"),
    "sync.not_permitted": ("此账号无权进行该修改", "the account may not make this change"),
    "sync.out_of_scope": ("该记录属于本机无权修改的区或活动", "the record belongs to a district or event this computer may not change"),
    "sync.bad_id": ("记录编号格式不对", "the record id is not valid"),
    "sync.member_erased": ("该会员的信息已应本人要求删除，相关修改被拒绝", "the member's data was erased at their request; changes to it are refused"),
    "sync.record_deleted": ("该记录在服务器上已被删除", "the record was deleted on the server"),
    "sync.unknown_record": ("服务器上没有这条记录", "the server does not hold this record"),
    "sync.unknown_member": ("服务器上没有这位会员", "the server does not hold this member"),
    "sync.append_only": ("此类记录只能新增，不能修改或删除", "records of this kind are only added, never changed or deleted"),
    "sync.member_immutable": ("{field}创建后不能再改", "{field} cannot change once created"),
    "sync.unique_violation": ("{field}与服务器上的另一条记录重复", "{field} duplicates another record on the server"),
    "sync.invalid": ("服务器不接受{field}的值：{problem}", "the server does not accept the value of {field}: {problem}"),
    "sync.field_type": ("类型不对", "wrong type"),
    "sync.field_too_long": ("太长", "too long"),
    "sync.field_required": ("不能为空", "must not be empty"),
    "sync.field_range": ("超出范围", "out of range"),
    "sync.bad_transition": ("状态不能这样变更", "this change of state is not allowed"),
    # transport: https and certificates
    "sync.https_required": ("服务器地址必须以 https:// 开头（只有本机地址 127.0.0.1、localhost 可用 http://），未连接；请向工会办公室要 https 地址",
                            "the server's address must start with https:// (plain http:// only for this computer: 127.0.0.1, localhost); nothing was sent; ask the union office for the https address"),
    "sync.bad_url": ("服务器地址格式不对，应为 https://主机名:端口", "the server's address is not valid: write https://HOST:PORT"),
    "sync.ca_file_unreadable": ("无法读取所给的证书文件（--ca-file）", "the certificate file given (--ca-file) cannot be read"),
    "sync.ca_file_invalid": ("所给的文件不是可用的 CA 证书（需 PEM 或 DER 格式）", "the file given is not a usable CA certificate (PEM or DER expected)"),
    "sync.certificate_untrusted": ("服务器的证书不受信任，未发送任何数据；如工会使用自己的证书，请用 --ca-file 给出工会的 CA 证书后重新接入",
                                   "the server's certificate is not trusted and nothing was sent; if the union uses its own certificates, enrol again with --ca-file and the union's CA certificate"),
    "sync.certificate_wrong_host": ("服务器的证书不属于这个地址（可能连到了别的服务器），未发送任何数据；请核对服务器地址",
                                    "the server's certificate is for another name (this may be another server) and nothing was sent; check the server's address"),
    "sync.certificate_expired": ("服务器的证书已过期，未发送任何数据；请联系工会办公室", "the server's certificate has expired and nothing was sent; ask the union office"),
    "sync.tls_failed": ("无法与服务器建立安全连接（地址或端口不对？），未发送任何数据", "no secure connection to the server could be set up (wrong address or port?); nothing was sent"),
    # refusals of the server's guard and sign-in throttle
    "request.too_large": ("服务器拒绝了过大的请求（上限 {limit_kib} KiB），未作任何处理；请联系工会办公室",
                          "the server refused a request over its size limit ({limit_kib} KiB); nothing was done; ask the union office"),
    "request.headers_too_large": ("服务器拒绝了请求头过大的请求，未作任何处理", "the server refused a request with too large headers; nothing was done"),
    "request.bad_text": ("服务器拒绝了含无效文字的请求（{where}），未作任何处理", "the server refused a request holding invalid text ({where}); nothing was done"),
    "request.malformed": ("服务器无法解析请求，未作任何处理；请更新 xzdesk", "the server could not read the request; nothing was done; update xzdesk"),
    "request.not_found": ("服务器上没有这个接口（版本不符？），请更新 xzdesk 或联系工会办公室", "the server has no such address (another version?): update xzdesk or ask the union office"),
    "request.method_not_allowed": ("服务器不接受这种请求（版本不符？），请更新 xzdesk", "the server does not take this request (another version?): update xzdesk"),
    "auth.throttled": ("服务器上密码错误次数过多，请 {retry_after} 秒后再试", "too many wrong passwords on the server: try again in {retry_after} s"),
    "auth.locked": ("服务器上密码错误次数过多，已暂时锁定：请 {retry_after_min} 分钟后再试，或请服务器管理员运行 xzdesk server unlock-login 解锁",
                    "too many wrong passwords on the server, so sign-in is locked for now: try again in {retry_after_min} min, or ask the server's administrator to run xzdesk server unlock-login"),
    "erasure.unknown_member": ("服务器上没有这位会员，无需在服务器上删除", "the server does not hold this member: there is nothing to erase there"),
    # the central server
    "server.busy": ("服务器繁忙，请稍后再试", "the server is busy: try again later"),
    "server.user_not_found": ("服务器上没有账号 {username}", "no account {username} on the server"),
    "server.device_not_found": ("服务器上没有这台设备", "no such device on the server"),
    "server.password_too_short": ("密码至少需要 {minimum} 个字符", "a password needs at least {minimum} characters"),
    "server.tls_incomplete": ("--tls-cert 和 --tls-key 须同时给出", "give both --tls-cert and --tls-key"),
    "server.tls_unusable": ("无法使用证书 {cert} 和私钥 {key}（文件不存在、格式不对或二者不匹配）",
                            "the certificate {cert} and key {key} cannot be used (missing, not PEM, or not a pair)"),
    "server.unlock_needs_target": ("请给出用户名或 --address 地址", "name a user or give --address"),
    "server.port_busy": ("无法监听 {host}:{port}：端口已被占用（另一个服务器在运行？）或地址不可用，请换一个 --port",
                         "cannot listen on {host}:{port}: the port is taken (another server running?) or the address is unavailable; choose another --port"),
    "events.no_plate": ("该报名没有号码牌可换", "this registration has no number plate to replace"),
    "server.workers_need_postgresql": ("{workers} 个工作进程需要 PostgreSQL 数据库：请用 --db postgresql+psycopg://… 或去掉 --workers",
                                       "{workers} worker processes need a PostgreSQL database: give --db postgresql+psycopg://… or drop --workers"),
    "server.backup_tool_missing": ("找不到 {tool}：请安装 PostgreSQL 客户端工具，或用 XZDESK_PG_BIN 指明其所在目录",
                                   "{tool} not found: install the PostgreSQL client tools or name their folder in XZDESK_PG_BIN"),
    "server.backup_failed": ("备份或恢复未完成（{tool}：{reason}），现有数据未改动", "the backup or restore did not complete ({tool}: {reason}); nothing was changed"),
    "server.backup_unsupported": ("无法备份这种数据库（{kind}）", "this kind of database cannot be backed up ({kind})"),
    "server.backup_not_found": ("找不到该文件或数据库", "no such file or database"),
    "server.backup_unreadable": ("该文件不是 xzdesk 服务器的备份，或已损坏", "the file is not a backup of an xzdesk server, or it is damaged"),
    "server.backup_kind_mismatch": ("这是 {backup} 的备份，不能恢复到 {database} 数据库", "this is a backup of {backup}; it cannot be restored into a {database} database"),
    "server.restore_unconfirmed": ("恢复会替换现有的服务器数据库：请先停止服务器，确认后加上 --yes 再运行",
                                   "a restore replaces the current server database: stop the server, then run again with --yes to confirm"),
    "server.not_ready": ("服务器尚未就绪（{reason}），请稍后再试", "the server is not ready yet ({reason}): try again later"),
    "intake.duplicate": ("此人已经登记过", "this person is registered already"),
    "intake.event_not_found": ("找不到该活动", "no such event"),
    "intake.member_not_found": ("找不到该会员", "no such member"),
    "intake.signup_unavailable": ("该服务器暂不提供线上报名", "this server does not offer online sign-up"),
    # the demo data
    "seed.enrolled": ("本机已接入同步服务器：演示数据只会留在本机、永远不会同步，还会混进真实档案，所以不在这里生成。"
                      "请用 xzdesk --demo seed … 在演示数据库中生成",
                      "this laptop is enrolled with a sync server: demo rows would stay on this laptop only, never synced, "
                      "mixed in with real case files, so seed refuses here; use xzdesk --demo seed … for the demo database"),
}  # fmt: skip

# --- member fields (validation problems name the field) ---------------------------------------------
FIELD_WORDS: dict[str, Words] = {
    "name": ("姓名", "name"), "sex": ("性别", "sex"), "birth_date": ("出生日期", "birth date"),
    "id_number": ("身份证号", "ID number"), "mobile": ("手机号", "mobile"), "wechat": ("微信号", "WeChat id"),
    "district_code": ("所在区", "district"), "hukou_place": ("户籍地", "hukou place"),
    "employer": ("工作单位", "employer"), "base_union": ("基层工会", "base union"),
    "union_no": ("会员证号", "union membership no."), "sector": ("行业", "sector"),
    "occupation": ("职业", "occupation"), "education": ("学历", "education"), "height_cm": ("身高", "height"),
    "weight_kg": ("体重", "weight"), "marital_status": ("婚姻状况", "marital status"),
    "children": ("子女情况", "children"), "hobbies": ("兴趣爱好", "hobbies"), "nickname": ("昵称", "nickname"),
    "self_description": ("自我介绍", "self-description"), "reason": ("理由", "reason"),
    "consents": ("同意书", "consents"), "income_band": ("收入", "income"), "housing": ("住房", "housing"),
    "car": ("车辆", "car"), "referral_source": ("来源", "referral source"), "matchmaker_id": ("红娘", "matchmaker"),
    "req_age_min": ("择偶最小年龄", "partner's minimum age"), "req_age_max": ("择偶最大年龄", "partner's maximum age"),
    "req_height_min": ("择偶最低身高", "partner's minimum height"), "req_height_max": ("择偶最高身高", "partner's maximum height"),
    "req_education_min": ("择偶最低学历", "partner's minimum education"), "req_districts": ("择偶所在区", "partner's districts"),
    "req_marital": ("可接受的婚史", "accepted marital history"), "req_children": ("可接受的子女情况", "accepted children"),
    "req_other": ("其他要求", "other wishes"), "status": ("状态", "status"),
    "req_importance": ("各项要求的重要程度", "how much each wish matters"),
    "username": ("用户名", "user name"), "display_name": ("显示名", "display name"), "role": ("角色", "role"),
    "password": ("密码", "password"), "old_password": ("当前密码", "current password"),
    # an event's caps and plates (conflicts of kind quota and plate)
    "capacity": ("总名额", "places in all"), "quota_male": ("男性名额", "places for men"),
    "quota_female": ("女性名额", "places for women"), "plate": ("号码牌", "number plate"),
}  # fmt: skip

# --- code-valued parameters: statuses, stages, kinds, roles -----------------------------------------
VALUE_WORDS: dict[str, Words] = {
    # case status
    "registered": ("已登记", "registered"), "verified": ("已核验", "verified"), "active": ("服务中", "active"),
    "paused": ("暂停", "paused"), "in_relationship": ("交往中", "in a relationship"), "married": ("已婚", "married"),
    "withdrawn": ("已退出", "withdrawn"), "archived": ("已归档", "archived"),
    # events and registrations
    "draft": ("筹备中", "draft"), "open": ("报名中", "open"), "closed": ("已截止报名", "closed"), "held": ("已举办", "held"),
    "cancelled": ("已取消", "cancelled"), "pending": ("待审核", "pending"), "approved": ("已通过", "approved"),
    "waitlisted": ("候补", "waiting list"), "no_show": ("未到场", "no-show"), "attended": ("已到场", "attended"),
    "other_event": ("报名的是另一场活动", "registered for another event"),
    "confirmed": ("已确认", "confirmed"), "rejected": ("已驳回", "rejected"),
    "mixer": ("联谊会", "mixer"), "speed_dating": ("8分钟约会", "speed dating"), "outdoor": ("户外活动", "outdoor"),
    "salon": ("沙龙/读书会", "salon"), "sector": ("专场", "sector session"),
    "capacity": ("总名额", "capacity"), "sex_quota": ("性别名额", "quota for the sex"),
    "band_quota": ("年龄段名额", "quota of the age band"), "band_sex_quota": ("分年龄段性别名额", "quota of the sex in the age band"),
    # introduction stages
    "proposed": ("已提议", "proposed"), "mutual_interest": ("双向心动", "mutual interest"), "accepted": ("双方同意", "both accepted"),
    "declined": ("已拒绝", "declined"), "contacts_exchanged": ("已交换联系方式", "contacts exchanged"), "met": ("已见面", "met"),
    "no_interest": ("无意向", "no interest"), "continue": ("继续了解", "getting to know each other"), "dating": ("恋爱中", "dating"),
    "engaged": ("已订婚", "engaged"),
    # consents
    "basic": ("基本处理", "basic processing"), "sensitive": ("敏感信息", "sensitive data"),
    "share_profile": ("向对方展示资料", "sharing the profile"), "public_display": ("公开展示", "public display"),
    "matching": ("算法配对", "algorithmic matching"),
    # rights requests
    "erasure": ("删除", "erasure"), "access": ("获取副本", "access"), "correction": ("更正", "correction"),
    "supplement": ("补充", "supplement"), "explanation": ("说明处理规则", "explanation"),
    "withdrawal": ("撤回同意", "withdrawal of consent"), "in_person": ("当面", "in person"), "letter": ("信函", "letter"),
    "email": ("电子邮件", "email"), "phone": ("电话", "phone"), "mini_program": ("小程序", "mini-program"),
    "retention_review": ("保存期限审查", "retention review"), "paper_form": ("纸质表格", "paper form"),
    # roles
    "admin": ("本机管理员", "local administrator"), "matchmaker": ("红娘", "matchmaker"), "event_staff": ("签到员", "event staff"),
    "union_admin": ("工会管理员", "union administrator"), "privacy_officer": ("个人信息保护负责人", "privacy officer"),
    "auditor": ("审计员", "auditor"), "intake": ("登记员", "intake"),
    # password hints
    "common": ("常用密码", "a common password"), "repeat": ("重复字符", "repeated characters"), "date": ("日期", "a date"),
    "personal": ("含有用户名或姓名", "contains the user or display name"), "guessable": ("容易猜到", "guessable"),
}  # fmt: skip
# Why a member may not take part in an event (events.Ineligibility), the `problems` param.
INELIGIBLE_WORDS: dict[str, Words] = {
    "status": ("档案状态不符", "case status"), "consent": ("没有基本处理同意", "no basic consent"),
    "fraud_flag": ("涉嫌欺诈", "suspected fraud"), "unverified": ("未核验", "not verified"), "age": ("年龄不符", "age"),
    "sector": ("行业不符", "sector"), "district": ("所在区不符", "district"), "marital": ("婚史不符", "marital status"),
    "sex": ("该性别没有名额", "no places for this sex"),
}  # fmt: skip
ORIGIN_WORDS: dict[str, Words] = {
    "title": ("标题（第 {row} 行）", "the title (row {row})"), "sheet": ("工作表名“{sheet}”", "the sheet name '{sheet}'"),
    "file": ("文件名", "the file name"),
}  # fmt: skip
# A rights request's status ("open" means something else for an event).
# The kinds of rights requests, named as the 报表 screen names them.
REQUEST_KIND_WORDS: dict[str, Words] = {
    "access": ("获取副本", "copy of data"), "correction": ("更正或补充", "correction or supplement"),
    "explanation": ("解释处理规则", "explanation of the rules"), "withdrawal": ("撤回同意", "withdrawal of consent"),
    "erasure": ("删除", "erasure"),
}  # fmt: skip
REQUEST_STATUS_WORDS: dict[str, Words] = {
    "open": ("未办结", "open"), "done": ("已办结", "done"), "refused": ("已拒绝", "refused"), "partial": ("部分办理", "partly done"),
}  # fmt: skip
PERMISSION_WORDS: dict[str, Words] = {
    "members.view": ("查看会员档案", "open case files"), "members.edit": ("登记或修改会员档案", "register or change case files"),
    "members.unmask": ("查看未脱敏信息", "see unmasked data"), "checkin.view": ("查看签到名单", "see the check-in list"),
    "reports.aggregate": ("查看统计", "see statistics"),
    "privacy.rights": ("办理个人信息权利请求（需要个人信息保护负责人）", "handle rights requests (a privacy officer does)"),
    "audit.read": ("查看审计日志", "read the audit log"), "staff.manage": ("管理账号（需要本机管理员）", "manage accounts (the local administrator does)"),
    "events.manage": ("管理活动", "manage events"), "checkin.record": ("现场签到", "check people in"),
    "matching.policy": ("修改配对策略", "change the matching policy"), "": ("执行此操作", "do this"),
}  # fmt: skip
_VALUE_PARAMS = frozenset({"status", "current", "target", "stage", "outcome", "kind", "type", "rule", "decision", "hint"})
_HIDDEN = frozenset({"id_birth", "id_sex"})  # would reveal what an ID number says

# --- kinds of records (sync lists, venue packs) ---------------------------------------------------
ENTITY_WORDS: dict[str, Words] = {
    "member": ("会员档案", "case file"), "consent": ("同意", "consent"), "verification": ("核验", "verification"),
    "note": ("备注", "note"), "follow_up": ("回访", "follow-up"), "staff": ("工作人员", "staff account"),
    "audit_log": ("审计记录", "audit entry"), "introduction": ("介绍", "introduction"), "pair_block": ("屏蔽", "block"),
    "match_setting": ("配对设置", "matching setting"), "event": ("活动", "event"), "registration": ("报名", "registration"),
    "event_table": ("桌子", "table"), "event_seat": ("座位", "seat"), "event_rotation": ("轮换表", "rotation"),
    "checkin_roster": ("签到名单", "check-in list"), "checkin_scan": ("签到", "check-ins"),
    "checkin_annulment": ("撤销签到", "undone check-ins"), "checkin_walk_in": ("现场报名", "walk-ins"),
    "interest_card": ("心动卡", "interest cards"), "duplicates_marked": ("重复签到", "repeated scans"),
}  # fmt: skip


def entity_words(name: str) -> str:
    pair = ENTITY_WORDS.get(name)
    return f"{pair[0]} {pair[1]}" if pair else name


# --- progress steps (shown on a terminal only) ------------------------------------------------------
PROGRESS_WORDS: dict[str, Words] = {
    "import.analyse": ("检查各行", "checking rows"), "import.commit": ("写入", "writing"),
    "import.errors": ("标记错误", "marking errors"), "export.members": ("导出", "exporting"),
    "seed.members": ("生成会员", "seeding members"), "seed.events": ("生成活动", "seeding events"),
    "store.migrating": ("升级数据库", "upgrading the database"), "store.migrated": ("数据库已升级", "database upgraded"),
    "store.backup_copying": ("复制数据库", "copying the database"), "store.backup_done": ("备份完成", "backup written"),
    "store.backup_restoring": ("恢复备份", "restoring the backup"), "store.backup_restored": ("已恢复", "restored"),
    "rights.explaining": ("生成说明文件", "writing the explanation"),
    "matching.index.profiles": ("读取档案", "reading case files"), "matching.index.pairs": ("读取介绍和屏蔽", "reading introductions"),
    "matching.index.pool": ("建立配对索引", "building the index"), "matching.index.ready": ("就绪", "ready"),
    "matching.fit.features": ("准备训练数据", "preparing the data"), "matching.fit.model": ("训练模型", "fitting the model"),
    "matching.fit.done": ("完成", "done"), "matching.eval.fold": ("评估", "evaluating"), "matching.eval.done": ("完成", "done"),
    "matching.batch.rank": ("排序", "ranking"), "matching.batch.solve": ("配对", "pairing"), "matching.batch.done": ("完成", "done"),
    "printing.badges": ("打印胸牌", "badges"), "printing.tents": ("打印桌卡", "table tents"),
    "printing.seat_chart": ("打印座位图", "seat chart"), "printing.sign_in": ("打印签到表", "sign-in sheet"),
    "printing.cards": ("打印心动卡", "cards"), "printing.calibration": ("打印校准页", "calibration page"),
    "printing.introduction_slips": ("打印介绍单", "introduction slips"), "printing.result_slips": ("打印结果单", "result slips"),
    "checkin.pack_opening": ("打开活动包", "opening the pack"), "checkin.pack_roster": ("名单", "roster"),
    "checkin.pack_sealing": ("加密活动包", "sealing the pack"), "checkin.pack_done": ("完成", "done"),
    "analytics.events": ("统计往期活动", "counting past events"), "analytics.pool": ("读取会员", "reading the pool"),
    "analytics.demand": ("统计需求", "counting demand"), "analytics.balance": ("会员供需", "the pool's balance"),
    "analytics.backtest": ("回测", "back-testing"), "analytics.suggestions": ("生成建议", "working out suggestions"),
    "analytics.done": ("完成", "done"),
    "reports.counting": ("统计", "counting"), "reports.protecting": ("隐私保护", "protecting small counts"),
    "reports.done": ("完成", "done"), "rights.exporting": ("导出", "exporting"), "rights.erasing": ("删除", "erasing"),
    "rights.checkpoint": ("清理数据库文件", "cleaning the database file"), "rights.erased": ("已删除", "erased"),
    "seating.construct": ("排座", "seating"), "seating.improve": ("优化座位", "improving the plan"),
    "sync.pushing": ("上传", "sending"), "sync.pulling": ("下载", "receiving"), "sync.done": ("完成", "done"),
}  # fmt: skip

# --- matching: why a candidate is suggested, why a pair is not ---------------------------------------
FACTOR_WORDS: dict[str, Words] = {
    "mutual_satisfaction": ("双方契合度 {member}% / {candidate}%", "mutual fit {member}% / {candidate}%"),
    "age_fits_both": ("年龄符合双方要求", "age fits both sides' wishes"),
    "height_fits": ("身高符合要求", "height fits the wishes"),
    "education_fits": ("学历符合要求", "education fits the wishes"),
    "same_district": ("同在{district}", "both live in {district}"),
    "district_accepted": ("住在对方希望的区（{district}）", "lives in a wished district ({district})"),
    "common_hobbies": ("共同爱好：{tags}", "shared hobbies: {tags}"),
    "model_score": ("以往结果显示双向心动可能性 {p}%", "past outcomes suggest {p}% mutual interest"),
    "damped_popular": ("已有 {open} 个进行中的介绍", "already in {open} open introductions"),
}
REASON_WORDS: dict[str, Words] = {
    "paused": ("档案暂停", "the case is paused"), "not_active": ("档案不在服务中", "the case is not active"),
    "not_verified": ("未核验", "not verified"), "no_matching_consent": ("没有配对或展示资料的同意", "no consent to matching or sharing the profile"),
    "fraud_flag": ("涉嫌欺诈", "flagged as suspected fraud"), "sex_unknown": ("性别未知", "sex unknown"),
    "same_member": ("同一个人", "the same person"), "same_sex": ("性别相同", "the same sex"),
    "already_introduced": ("以前介绍过", "introduced before"), "blocked": ("已屏蔽", "blocked"),
    "age": ("年龄", "age"), "height": ("身高", "height"), "education": ("学历", "education"),
    "marital": ("婚史", "marital history"), "children": ("子女情况", "children"), "district": ("所在区", "district"),
}  # fmt: skip
_SIDES: dict[str, Words] = {
    "a": ("本人{0}", "the member: {0}"), "b": ("对方{0}", "the other: {0}"),
    "a_requires": ("对方不符合本人对{0}的要求", "the other does not meet the member's wish on {0}"),
    "b_requires": ("本人不符合对方对{0}的要求", "the member does not meet the other's wish on {0}"),
}  # fmt: skip


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def value_words(value: Any, lang: int, table: Mapping[str, Words] = VALUE_WORDS) -> str:
    """A code-valued parameter (status, stage, role, consent type...) in words."""
    pair = table.get(str(value))
    return pair[lang] if pair else str(value)


_BAND_FIELD = re.compile(r"^band:(\d+)(?::([12]))?$")


def field_words(field: Any, lang: int) -> str:
    pair = FIELD_WORDS.get(str(field))
    if pair:
        return pair[lang]
    band = _BAND_FIELD.match(str(field))
    if band:  # an age band's cap (conflicts of kind "quota"): band:<index>[:<sex>]
        number, sex = int(band.group(1)) + 1, band.group(2)
        who = {None: ("", ""), "1": ("男性", "men's "), "2": ("女性", "women's ")}[sex]
        return f"第 {number} 个年龄段{who[0]}名额" if lang == 0 else f"{who[1]}places in age band {number}"
    return str(field)


def _district(code: Any) -> str:
    from xzdesk.domain.members.codes import DISTRICTS

    return DISTRICTS.get(str(code), str(code))


def _param(code: str, key: str, value: Any, lang: int) -> Any:
    if key in ("field", "fields") and code != "import.mapping_field":
        items = value if isinstance(value, list | tuple) else [value]
        return ("、" if lang == 0 else ", ").join(field_words(v, lang) for v in items)
    if key == "problems" and isinstance(value, list | tuple):
        return ("、" if lang == 0 else ", ").join(INELIGIBLE_WORDS.get(str(v), (str(v), str(v)))[lang] for v in value)
    if key == "problem" and str(value) in MESSAGES:
        return MESSAGES[str(value)][lang]
    if key == "district":
        return _district(value)
    if key == "sex" and str(value) in ("1", "2"):
        return (("男", "女") if lang == 0 else ("men", "women"))[int(value) - 1]
    if key == "band" and isinstance(value, int):
        return f"（第 {value + 1} 个年龄段）" if lang == 0 else f" in age band {value + 1}"
    if key == "columns" and isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    if key == "permission":
        return PERMISSION_WORDS.get(str(value), PERMISSION_WORDS[""])[lang]
    if code.startswith("rights.") and key == "status":
        return value_words(value, lang, REQUEST_STATUS_WORDS)
    if key in _VALUE_PARAMS or key == "role":
        return value_words(value, lang)
    return value


def words(code: str, params: Mapping[str, Any], lang: int) -> str:
    """The sentence for `code` in Chinese (lang 0) or English (lang 1), params phrased."""
    if code == "auth.permission_denied":
        if "permission" in params and not params.get("role"):
            return words("staff.not_signed_in", {}, lang)  # nobody signed in: say how to
        params = {"permission": "", **params}
    pair = MESSAGES.get(code)
    if pair is None:
        if code.startswith("http."):
            return f"服务器返回 HTTP {code[5:]}" if lang == 0 else f"the server answered HTTP {code[5:]}"
        log.warning("no command-line words for code %s", code)
        return MESSAGES["error"][lang]
    values = _Blank({k: _param(code, k, v, lang) for k, v in params.items() if k not in _HIDDEN})
    if "origin" in params:  # where a roster names its district
        values["origin"] = ORIGIN_WORDS.get(str(params["origin"]), ("", ""))[lang].format_map(_Blank(params))
    try:
        return _tidy(pair[lang].format_map(values))
    except (IndexError, ValueError):
        return _tidy(pair[lang])


_EMPTY = re.compile(r"\s*[（(][\s,，、]*[)）]|(?<=\S) {2,}")


def _tidy(text: str) -> str:
    """Drop what an absent optional param leaves behind ("（）", double spaces, a trailing space)."""
    return _EMPTY.sub(lambda m: "" if m.group(0).strip() else " ", text).strip()


def describe_code(code: str, params: Mapping[str, Any] | None = None) -> str:
    """`中文 / English` for a code and its params."""
    params = params or {}
    return f"{words(code, params, 0)} / {words(code, params, 1)}"


def _problem_params(p: FieldProblem) -> dict[str, Any]:
    return {"field": p.field, **p.params}


def describe(exc: XzError) -> str:
    """The one line for an error: Chinese, then English. A ValidationError lists each problem."""
    if isinstance(exc, ValidationError):
        problems = exc.problems or [FieldProblem("", "validation.failed")]
        zh = "；".join(words(p.code, _problem_params(p), 0) for p in problems)
        en = "; ".join(words(p.code, _problem_params(p), 1) for p in problems)
        return f"{zh} / {en}"
    params = _problem_params(exc) if isinstance(exc, FieldProblem) else exc.params
    return describe_code(exc.code, params)


def progress_words(code: str) -> str:
    pair = PROGRESS_WORDS.get(code)
    return f"{pair[0]} / {pair[1]}" if pair else "处理中 / working"


def factor_words(code: str, params: Mapping[str, Any], lang: int) -> str:
    """One "why suggested" reason of the matcher in words."""
    pair = FACTOR_WORDS.get(code)
    if pair is None:
        log.warning("no command-line words for factor %s", code)
        return ""
    values = dict(params)
    for key in ("member", "candidate", "p"):
        if key in values:
            values[key] = f"{100.0 * float(values[key]):.0f}"
    if "district" in values:
        values["district"] = _district(values["district"])
    if "tags" in values:
        values["tags"] = ("、" if lang == 0 else ", ").join(map(str, values["tags"]))
    return pair[lang].format_map(_Blank(values))


def reason_words(codes: Iterable[str], lang: int) -> str:
    """Why a member is not matchable, or a pair not suggested (`a.not_verified`, `b_requires.age`)."""
    out = []
    for code in codes:
        side, _, reason = code.rpartition(".")
        text = REASON_WORDS.get(reason, MESSAGES["error"])[lang]
        out.append(_SIDES[side][lang].format(text) if side in _SIDES else text)
    return ("；" if lang == 0 else "; ").join(out)
