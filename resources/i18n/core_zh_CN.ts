<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Access</name>
    <message>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>matchmakers and the privacy officer</source>
        <translation>红娘和个人信息保护负责人</translation>
    </message>
    <message>
        <source>matchmakers (the weights: union administrators)</source>
        <translation>红娘（权重由工会管理员设置）</translation>
    </message>
    <message>
        <source>matchmakers and union administrators</source>
        <translation>红娘和工会管理员</translation>
    </message>
    <message>
        <source>event staff, matchmakers and union administrators</source>
        <translation>签到人员、红娘和工会管理员</translation>
    </message>
    <message>
        <source>matchmakers, union administrators, the privacy officer and auditors</source>
        <translation>红娘、工会管理员、个人信息保护负责人和审计员</translation>
    </message>
    <message>
        <source>Not open to your role ({role}): this screen is for {users}.</source>
        <translation>您的角色（{role}）不使用此屏幕：它供{users}使用。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Updating the database…</source>
        <translation>正在更新数据库…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Xuzhou Union Matchmaker</source>
        <translation>徐州工会红娘</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>xzdesk backups (*.xzbak)</source>
        <translation>xzdesk 备份 (*.xzbak)</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>xzdesk backups (*.xzbak);;All files (*)</source>
        <translation>xzdesk 备份 (*.xzbak);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>Back up the database…</source>
        <translation>备份数据库…</translation>
    </message>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Only the local administrator restores a backup.</source>
        <translation>只有本机管理员可以从备份恢复。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>Made {made}. Holds {members} case files, {events} events, {introductions} introductions and {accounts} accounts ({size} MB).</source>
        <translation>备份时间：{made}。包含 {members} 份档案、{events} 场活动、{introductions} 条牵线、{accounts} 个账号（{size} MB）。</translation>
    </message>
    <message>
        <source>Backing up the database</source>
        <translation>正在备份数据库</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The backup is encrypted with this computer&apos;s database key: it can be restored on this computer, or on one that opens this database with the same passphrase. Keep it somewhere safe, such as a USB drive kept locked away.</source>
        <translation>备份已用本机数据库的密钥加密，只能在这台电脑（或使用同一数据库口令的电脑）上恢复。请妥善保管，例如存入 U 盘并锁好。</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>This computer syncs with the union server, which holds its data. A backup cannot be restored here: it would turn back the sync. To recover a lost or broken computer, set xzdesk up again and connect it under 同步; the server sends the data back.</source>
        <translation>这台电脑与工会服务器同步，服务器已保存了它的数据。在这里恢复备份会打乱同步，因此不能恢复。电脑丢失或损坏时，请重新设置 xzdesk 并在“同步”中重新连接，服务器会把数据发回来。</translation>
    </message>
    <message>
        <source>Checking the backup</source>
        <translation>正在检查备份</translation>
    </message>
    <message>
        <source>Restore this backup?

{summary}</source>
        <translation>要恢复这份备份吗？

{summary}</translation>
    </message>
    <message>
        <source>It was made by an older version of xzdesk and will be brought up to date.</source>
        <translation>它是由较早版本的 xzdesk 制作的，恢复时会自动升级。</translation>
    </message>
    <message>
        <source>Everything done on this computer since then is replaced. The current database is kept as a safety copy in the backups folder of the data folder. Members erased since the backup stay erased. xzdesk then opens again on the restored data and everyone signs in again.</source>
        <translation>此后在这台电脑上所做的一切都会被替换。当前数据库会作为安全副本保存在数据文件夹的 backups 文件夹中。备份之后被删除个人信息的会员，恢复后仍然是删除的。随后 xzdesk 会在恢复的数据上重新打开，每个人需要重新登录。</translation>
    </message>
    <message>
        <source>Restoring the backup</source>
        <translation>正在恢复备份</translation>
    </message>
    <message>
        <source>The backup was restored. The database as it was before is kept at:
{path}</source>
        <translation>备份已恢复。恢复前的数据库保存在：
{path}</translation>
    </message>
    <message>
        <source>{n} members erased after the backup was made were erased again.</source>
        <translation>备份之后被删除的 {n} 位会员已再次删除。</translation>
    </message>
    <message>
        <source>xzdesk now opens again on the restored data.</source>
        <translation>xzdesk 现在将在恢复的数据上重新打开。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>In a relationship</source>
        <translation>恋爱中</translation>
    </message>
    <message>
        <source>Married</source>
        <translation>已婚</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Doctorate</source>
        <translation>博士研究生</translation>
    </message>
    <message>
        <source>Master&apos;s</source>
        <translation>硕士研究生</translation>
    </message>
    <message>
        <source>Bachelor&apos;s</source>
        <translation>大学本科</translation>
    </message>
    <message>
        <source>Junior college</source>
        <translation>大学专科</translation>
    </message>
    <message>
        <source>Technical secondary</source>
        <translation>中专/技校</translation>
    </message>
    <message>
        <source>High school</source>
        <translation>高中</translation>
    </message>
    <message>
        <source>Junior high</source>
        <translation>初中</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>小学</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Never married</source>
        <translation>未婚</translation>
    </message>
    <message>
        <source>Widowed</source>
        <translation>丧偶</translation>
    </message>
    <message>
        <source>Divorced</source>
        <translation>离异</translation>
    </message>
    <message>
        <source>Not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>No children</source>
        <translation>无子女</translation>
    </message>
    <message>
        <source>Children, living with them</source>
        <translation>有子女，随本人生活</translation>
    </message>
    <message>
        <source>Children, not living with them</source>
        <translation>有子女，不随本人生活</translation>
    </message>
    <message>
        <source>Under 50k</source>
        <translation>5万以下</translation>
    </message>
    <message>
        <source>50k-100k</source>
        <translation>5-10万</translation>
    </message>
    <message>
        <source>100k-200k</source>
        <translation>10-20万</translation>
    </message>
    <message>
        <source>200k-300k</source>
        <translation>20-30万</translation>
    </message>
    <message>
        <source>Over 300k</source>
        <translation>30万以上</translation>
    </message>
    <message>
        <source>Own home</source>
        <translation>自有住房</translation>
    </message>
    <message>
        <source>Own home (mortgage)</source>
        <translation>自有住房（按揭）</translation>
    </message>
    <message>
        <source>Renting</source>
        <translation>租房</translation>
    </message>
    <message>
        <source>Living with family</source>
        <translation>与家人同住</translation>
    </message>
    <message>
        <source>Dormitory</source>
        <translation>单位宿舍</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>教育</translation>
    </message>
    <message>
        <source>Health care</source>
        <translation>医疗卫生</translation>
    </message>
    <message>
        <source>Manufacturing</source>
        <translation>制造业</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>交通运输</translation>
    </message>
    <message>
        <source>Public service</source>
        <translation>公共服务</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>金融</translation>
    </message>
    <message>
        <source>IT and telecoms</source>
        <translation>信息通信</translation>
    </message>
    <message>
        <source>Construction</source>
        <translation>建筑</translation>
    </message>
    <message>
        <source>Retail</source>
        <translation>商贸零售</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能源</translation>
    </message>
    <message>
        <source>Online mini-program</source>
        <translation>线上小程序</translation>
    </message>
    <message>
        <source>Office walk-in</source>
        <translation>到站登记</translation>
    </message>
    <message>
        <source>Employer union list</source>
        <translation>单位工会名单</translation>
    </message>
    <message>
        <source>Event walk-in</source>
        <translation>活动现场登记</translation>
    </message>
    <message>
        <source>Basic processing</source>
        <translation>基本信息处理</translation>
    </message>
    <message>
        <source>Sensitive information</source>
        <translation>敏感个人信息</translation>
    </message>
    <message>
        <source>Share profile with candidates</source>
        <translation>向候选对象展示资料</translation>
    </message>
    <message>
        <source>Public display</source>
        <translation>公开展示</translation>
    </message>
    <message>
        <source>Algorithmic matching</source>
        <translation>智能匹配</translation>
    </message>
    <message>
        <source>Paper form</source>
        <translation>纸质表格</translation>
    </message>
    <message>
        <source>Mini-program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>Real name (ID card seen)</source>
        <translation>实名（已查验身份证）</translation>
    </message>
    <message>
        <source>Union membership</source>
        <translation>工会会员身份</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>在职情况</translation>
    </message>
    <message>
        <source>Singlehood declaration</source>
        <translation>单身承诺书</translation>
    </message>
    <message>
        <source>ID card seen</source>
        <translation>已查验身份证</translation>
    </message>
    <message>
        <source>Union card seen</source>
        <translation>已查验会员证</translation>
    </message>
    <message>
        <source>Union roster</source>
        <translation>工会名册</translation>
    </message>
    <message>
        <source>Employer letter</source>
        <translation>单位证明</translation>
    </message>
    <message>
        <source>Labour contract seen</source>
        <translation>已查验劳动合同</translation>
    </message>
    <message>
        <source>Signed form</source>
        <translation>签字表格</translation>
    </message>
    <message>
        <source>Local administrator</source>
        <translation>本机管理员</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Event staff</source>
        <translation>活动工作人员</translation>
    </message>
    <message>
        <source>Union administrator</source>
        <translation>工会管理员</translation>
    </message>
    <message>
        <source>Privacy officer</source>
        <translation>个人信息保护负责人</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <source>Introduction: call after 3 days</source>
        <translation>牵线回访（3天）</translation>
    </message>
    <message>
        <source>Introduction: call after 3 weeks</source>
        <translation>牵线回访（3周）</translation>
    </message>
    <message>
        <source>Introduction: call after 3 months</source>
        <translation>牵线回访（3个月）</translation>
    </message>
    <message>
        <source>Someone registered online as this member: check with the person, then confirm or reject the link</source>
        <translation>有人在会员网页以本会员身份登记：请与本人核实后确认或驳回关联</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Case files</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>配对</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Not connected to a server</source>
        <translation>未连接服务器</translation>
    </message>
    <message>
        <source>Preparing the demo database</source>
        <translation>正在准备演示数据库</translation>
    </message>
    <message>
        <source>Locked until this computer syncs with the union server (see 同步).</source>
        <translation>本机与工会服务器同步之前暂时锁定（见“同步”）。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About xzdesk</source>
        <translation>关于 xzdesk</translation>
    </message>
    <message>
        <source>The new language applies the next time xzdesk starts.</source>
        <translation>新的界面语言将在下次启动 xzdesk 时生效。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Xuzhou Union Matchmaker — desktop workbench&lt;/h3&gt;&lt;p&gt;Version {version}&lt;/p&gt;&lt;p&gt;Case files, matching, events and offline check-in for the matchmaking service of the Xuzhou Federation of Trade Unions.&lt;/p&gt;&lt;p&gt;Data stays on this computer, encrypted; the only network peer is the configured union server. No telemetry.&lt;/p&gt;&lt;p&gt;Fonts: WenQuanYi Micro Hei, Droid Sans Fallback (Apache License 2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;徐州工会红娘 · 桌面工作台&lt;/h3&gt;&lt;p&gt;版本 {version}&lt;/p&gt;&lt;p&gt;为徐州市总工会婚恋交友服务提供档案管理、智能配对、活动组织与离线签到。&lt;/p&gt;&lt;p&gt;数据加密保存在本机；唯一的网络通信对象是配置的工会服务器。不收集任何使用数据。&lt;/p&gt;&lt;p&gt;字体：文泉驿微米黑、Droid Sans Fallback（Apache 许可证 2.0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No user</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>city-wide</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>Demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <source>Encrypted database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <source>Follow-ups due: {n}</source>
        <translation>待回访：{n}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Synced {when} · waiting {pending} · conflicts {conflicts}</source>
        <translation>同步于 {when} · 待上传 {pending} · 冲突 {conflicts}</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Something went wrong.</source>
        <translation>操作未能完成。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>Some fields need correcting.</source>
        <translation>部分内容需要修改。</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项必填。</translation>
    </message>
    <message>
        <source>Too long: at most {maximum} characters.</source>
        <translation>过长：最多 {maximum} 个字。</translation>
    </message>
    <message>
        <source>Too many entries: at most {maximum}.</source>
        <translation>数量过多：最多 {maximum} 项。</translation>
    </message>
    <message>
        <source>A name cannot contain digits.</source>
        <translation>姓名中不能有数字。</translation>
    </message>
    <message>
        <source>Please enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <source>Must be between {minimum} and {maximum}.</source>
        <translation>应在 {minimum} 到 {maximum} 之间。</translation>
    </message>
    <message>
        <source>Unknown value: {value}.</source>
        <translation>无法识别的值：{value}。</translation>
    </message>
    <message>
        <source>Not a valid date; use the form 1990-01-31.</source>
        <translation>日期无效，请按 1990-01-31 的格式填写。</translation>
    </message>
    <message>
        <source>The upper limit is below the lower limit.</source>
        <translation>上限小于下限。</translation>
    </message>
    <message>
        <source>The sex does not match the ID number, which says {id_sex}.</source>
        <translation>性别与身份证号不符，身份证号显示为{id_sex}。</translation>
    </message>
    <message>
        <source>The birth date does not match the ID number, which says {id_birth}.</source>
        <translation>出生日期与身份证号不符，身份证号显示为 {id_birth}。</translation>
    </message>
    <message>
        <source>Only adults can register: this person is {age}, the minimum is {minimum}.</source>
        <translation>仅限成年人登记：此人 {age} 岁，最低 {minimum} 岁。</translation>
    </message>
    <message>
        <source>Note: {age} is below the legal marriage age of {minimum}.</source>
        <translation>提示：{age} 岁，未到法定婚龄 {minimum} 岁。</translation>
    </message>
    <message>
        <source>This person already has a case file: {member_no} ({name}, ID {id_number}, phone {mobile}) in {district}, kept by {owner}. Please contact them instead of registering again.</source>
        <translation>此人已有档案：{member_no}（{name}，身份证 {id_number}，手机 {mobile}），属{district}，由{owner}负责。请与其联系，不要重复登记。</translation>
    </message>
    <message>
        <source>This case file belongs to another district.</source>
        <translation>该档案属于其他区县。</translation>
    </message>
    <message>
        <source>A case cannot go from “{current}” to “{target}”.</source>
        <translation>档案状态不能从“{current}”变为“{target}”。</translation>
    </message>
    <message>
        <source>The member must be verified (all four checks) before becoming active.</source>
        <translation>须完成全部四项核验后才能设为活跃。</translation>
    </message>
    <message>
        <source>The member&apos;s consent is missing: {type}.</source>
        <translation>缺少本人授权：{type}。</translation>
    </message>
    <message>
        <source>There is no active consent of this kind to withdraw.</source>
        <translation>没有可撤回的此类授权。</translation>
    </message>
    <message>
        <source>This evidence does not fit that kind of check.</source>
        <translation>该凭证不适用于此项核验。</translation>
    </message>
    <message>
        <source>Please type the reason (at least two characters).</source>
        <translation>请填写事由（至少两个字）。</translation>
    </message>
    <message>
        <source>These fields cannot be shown unmasked.</source>
        <translation>这些信息不能明文显示。</translation>
    </message>
    <message>
        <source>The case file {member_no} was changed meanwhile (by sync). Reload it and edit again.</source>
        <translation>档案 {member_no} 已被同步更新，请重新打开后再修改。</translation>
    </message>
    <message>
        <source>The case file {member_no} is archived and cannot be edited.</source>
        <translation>档案 {member_no} 已归档，不能修改。</translation>
    </message>
    <message>
        <source>The due date is in the past.</source>
        <translation>到期日已过。</translation>
    </message>
    <message>
        <source>This follow-up is already done.</source>
        <translation>该回访已完成。</translation>
    </message>
    <message>
        <source>The online link request no longer exists.</source>
        <translation>该线上关联申请已不存在。</translation>
    </message>
    <message>
        <source>This online link request was already decided ({status}). Reload the case file.</source>
        <translation>该线上关联申请已处理（{status}），请重新打开档案。</translation>
    </message>
    <message>
        <source>The ID number given online is not the one on case file {member_no}: an online account is never linked by the phone number alone. Reject the request with a reason, or, if the case file&apos;s ID number is wrong, correct it first.</source>
        <translation>网上登记的身份证号与档案 {member_no} 不一致：不能仅凭手机号关联线上账号。请驳回申请并说明原因；如果是档案中的身份证号填错了，请先更正。</translation>
    </message>
    <message>
        <source>The follow-up no longer exists.</source>
        <translation>该回访已不存在。</translation>
    </message>
    <message>
        <source>The case file no longer exists.</source>
        <translation>该档案已不存在。</translation>
    </message>
    <message>
        <source>These fields cannot be edited here.</source>
        <translation>这些内容不能在此修改。</translation>
    </message>
    <message>
        <source>An ID number has 18 characters (15 on old cards): digits, the last may be X.</source>
        <translation>身份证号为18位（老证15位）数字，最后一位可以是 X。</translation>
    </message>
    <message>
        <source>The last character of the ID number should be {expected}; please check the number.</source>
        <translation>身份证号最后一位应为 {expected}，请核对号码。</translation>
    </message>
    <message>
        <source>The birth date inside the ID number is not a valid date.</source>
        <translation>身份证号中的出生日期无效。</translation>
    </message>
    <message>
        <source>The region code of the ID number is unknown; please double-check it.</source>
        <translation>身份证号的地区码无法识别，请再次核对。</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits and starts with 13 to 19.</source>
        <translation>手机号为11位，以13至19开头。</translation>
    </message>
    <message>
        <source>User names use 2-32 lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>用户名为2-32位小写字母、数字、点、横线或下划线。</translation>
    </message>
    <message>
        <source>This user name is taken.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <source>The staff account no longer exists.</source>
        <translation>该工作人员账号已不存在。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码不对。</translation>
    </message>
    <message>
        <source>Too many attempts. Please try again in {retry_after} seconds.</source>
        <translation>尝试次数过多，请 {retry_after} 秒后再试。</translation>
    </message>
    <message>
        <source>This account is locked after too many wrong passwords. An administrator must unlock it.</source>
        <translation>密码输错次数过多，账号已锁定，请管理员解锁。</translation>
    </message>
    <message>
        <source>This account is closed.</source>
        <translation>该账号已停用。</translation>
    </message>
    <message>
        <source>This account has no password yet. An administrator must set one.</source>
        <translation>该账号还没有设置密码，请管理员设置。</translation>
    </message>
    <message>
        <source>This account cannot sign in on this computer: the union server has not given it this account&apos;s password. Accounts of this office&apos;s district arrive with each sync; ask the union&apos;s administrator.</source>
        <translation>该账号不能在本机登录：工会服务器没有把这个账号的密码同步到本机。本办公室所在区的账号会随每次同步到达；请联系工会管理员。</translation>
    </message>
    <message>
        <source>On this computer, accounts come from the union server: create accounts, change roles and passwords and close accounts there. Changes arrive here at the next sync.</source>
        <translation>本机的账号来自工会服务器：新建账号、修改角色和密码、停用账号都请在服务器上办理，下次同步后在本机生效。</translation>
    </message>
    <message>
        <source>The union server sent a password record this version of xzdesk does not check (its settings cost more than ours). Ask the server&apos;s administrator.</source>
        <translation>工会服务器发来的密码记录超出本版本的校验上限，无法使用。请联系服务器管理员。</translation>
    </message>
    <message>
        <source>A password needs at least {minimum} characters.</source>
        <translation>密码至少需要 {minimum} 个字符。</translation>
    </message>
    <message>
        <source>This password is too easy to guess. Use a longer phrase, without your name or common words.</source>
        <translation>这个密码太容易被猜到。请用更长的短语，不要包含姓名或常用词。</translation>
    </message>
    <message>
        <source>The first account of this computer must be its administrator.</source>
        <translation>本机的第一个账号必须是管理员账号。</translation>
    </message>
    <message>
        <source>Nobody can change their own role. Ask another administrator.</source>
        <translation>任何人都不能修改自己的角色，请联系另一位管理员。</translation>
    </message>
    <message>
        <source>Change your own password under File → Change password.</source>
        <translation>请在“文件 → 修改密码”中修改自己的密码。</translation>
    </message>
    <message>
        <source>You cannot close your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>The chosen backup file no longer exists.</source>
        <translation>所选的备份文件已不存在。</translation>
    </message>
    <message>
        <source>This file does not open with this computer&apos;s key. It is a backup of another computer (or of a database locked with another passphrase), not an xzdesk backup at all, or it is damaged. Nothing was changed.</source>
        <translation>这个文件无法用本机的密钥打开：它可能是另一台电脑的备份（或用其他口令加密的数据库），不是 xzdesk 的备份，或者已经损坏。当前数据没有任何改变。</translation>
    </message>
    <message>
        <source>This file is not an xzdesk database. Nothing was changed.</source>
        <translation>这个文件不是 xzdesk 的数据库。当前数据没有任何改变。</translation>
    </message>
    <message>
        <source>This backup was made by a newer version of xzdesk. Install that version first. Nothing was changed.</source>
        <translation>这份备份是由更新版本的 xzdesk 制作的，请先安装该版本。当前数据没有任何改变。</translation>
    </message>
    <message>
        <source>This backup is damaged (the check of its pages failed). Choose another backup. Nothing was changed.</source>
        <translation>这份备份已损坏（数据页校验未通过），请选择其他备份。当前数据没有任何改变。</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}. Check that the folder exists, is writable and has room.</source>
        <translation>无法把备份写入 {path}。请检查该文件夹是否存在、是否可写、空间是否足够。</translation>
    </message>
    <message>
        <source>Choose another file: this is the database itself.</source>
        <translation>请选择其他文件：这是数据库文件本身。</translation>
    </message>
    <message>
        <source>A database already exists in the data folder.</source>
        <translation>数据文件夹中已经有数据库了。</translation>
    </message>
    <message>
        <source>A database passphrase is needed.</source>
        <translation>需要数据库口令。</translation>
    </message>
    <message>
        <source>No passphrase was given; the database stays closed.</source>
        <translation>未输入口令，数据库保持关闭。</translation>
    </message>
    <message>
        <source>The passphrase must not be empty.</source>
        <translation>口令不能为空。</translation>
    </message>
    <message>
        <source>The database could not be opened: the passphrase or key is wrong.</source>
        <translation>无法打开数据库：口令或密钥不正确。</translation>
    </message>
    <message>
        <source>The database key is missing from the system keyring.</source>
        <translation>系统钥匙串中找不到数据库密钥。</translation>
    </message>
    <message>
        <source>The key information file of the database is missing.</source>
        <translation>数据库的密钥信息文件丢失。</translation>
    </message>
    <message>
        <source>The system keyring is not available ({backend}).</source>
        <translation>系统钥匙串不可用（{backend}）。</translation>
    </message>
    <message>
        <source>The record was changed meanwhile. Look again and retry.</source>
        <translation>该记录刚被修改过，请重新查看后再试。</translation>
    </message>
    <message>
        <source>The server refused the request ({fields}). This version may be too old: update xzdesk.</source>
        <translation>服务器拒绝了请求（{fields}）。本软件版本可能过旧，请更新 xzdesk。</translation>
    </message>
    <message>
        <source>This person is registered already.</source>
        <translation>此人已经登记过。</translation>
    </message>
    <message>
        <source>The event no longer exists.</source>
        <translation>该活动已不存在。</translation>
    </message>
    <message>
        <source>The member no longer exists.</source>
        <translation>该会员已不存在。</translation>
    </message>
    <message>
        <source>This server does not offer online sign-up.</source>
        <translation>该服务器暂不提供线上报名。</translation>
    </message>
    <message>
        <source>The server has no account {username}.</source>
        <translation>服务器上没有账号 {username}。</translation>
    </message>
    <message>
        <source>The server does not know this device.</source>
        <translation>服务器上没有这台设备。</translation>
    </message>
    <message>
        <source>input to correct</source>
        <translation>输入有误，需要修改</translation>
    </message>
    <message>
        <source>not allowed for this account</source>
        <translation>当前账号无权操作</translation>
    </message>
    <message>
        <source>record not found</source>
        <translation>记录不存在</translation>
    </message>
    <message>
        <source>changed meanwhile</source>
        <translation>记录已被他人修改</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>answer of the server (HTTP {status})</source>
        <translation>服务器的答复（HTTP {status}）</translation>
    </message>
    <message>
        <source>refused by a rule of xzdesk</source>
        <translation>不符合 xzdesk 的规则</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>When: {time}</source>
        <translation>时间：{time}</translation>
    </message>
    <message>
        <source>Version: xzdesk {version}</source>
        <translation>版本：xzdesk {version}</translation>
    </message>
    <message>
        <source>Kind: {kind}</source>
        <translation>类别：{kind}</translation>
    </message>
    <message>
        <source>Fields: {fields}</source>
        <translation>涉及字段：{fields}</translation>
    </message>
    <message>
        <source>Error type: {type}</source>
        <translation>错误类型：{type}</translation>
    </message>
    <message>
        <source>Reference: {reference}</source>
        <translation>参考号：{reference}</translation>
    </message>
    <message>
        <source>Log file (the reference finds the entry): {path}</source>
        <translation>日志文件（按参考号可找到详细记录）：{path}</translation>
    </message>
    <message>
        <source>xzdesk</source>
        <translation>徐州工会红娘</translation>
    </message>
    <message>
        <source>An unexpected error occurred. The details were written to the log file.</source>
        <translation>发生了意外错误，详细信息已写入日志文件。</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This part of xzdesk is not available in this version yet.</source>
        <translation>此功能将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>The reason is kept on record. Do not type names, ID numbers or phone numbers.</source>
        <translation>事由将被记录在案，请勿填写姓名、身份证号或手机号。</translation>
    </message>
    <message>
        <source>Please type the reason (at least two characters).</source>
        <translation>请填写事由（至少两个字）。</translation>
    </message>
</context>
<context>
    <name>Saved</name>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Saved to:
{path}</source>
        <translation>已保存到：
{path}</translation>
    </message>
</context>
</TS>
