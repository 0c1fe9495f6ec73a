<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Analytics</name>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>兴趣</translation>
    </message>
    <message>
        <source>{lo}–{hi}</source>
        <translation>{lo}–{hi}岁</translation>
    </message>
    <message>
        <source>Weekend morning</source>
        <translation>周末上午</translation>
    </message>
    <message>
        <source>Weekend afternoon</source>
        <translation>周末下午</translation>
    </message>
    <message>
        <source>Weekday evening</source>
        <translation>工作日晚上</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Model (Poisson regression)</source>
        <translation>模型（泊松回归）</translation>
    </message>
    <message>
        <source>Same as the last event of the format</source>
        <translation>沿用同类活动上一场的结果</translation>
    </message>
    <message>
        <source>{district}: {people} {sex} aged {band} face only {partners} people of the other sex who fit.</source>
        <translation>{district}{band}的{sex}方有{people}人，年龄相合的异性只有{partners}人。</translation>
    </message>
    <message>
        <source>{count} members who fit have not been offered an event for {months} months or more.</source>
        <translation>有{count}位符合条件的会员{months}个月以上没有收到过活动邀请。</translation>
    </message>
    <message>
        <source>{count} members of {sector} are waiting for an event.</source>
        <translation>{sector}行业有{count}位会员在等活动。</translation>
    </message>
    <message>
        <source>At {events} past {kind} events, every 10 people who came made {per_10} mutual matches.</source>
        <translation>以往{events}场{kind}中，每10位到场者产生{per_10}对双向心动。</translation>
    </message>
    <message>
        <source>{slot}: {rate}% of those with a place came.</source>
        <translation>{slot}举办时，获得名额的人中有{rate}%到场。</translation>
    </message>
    <message>
        <source>Predicted as the last event of the format: the model has not beaten that rule on past events yet.</source>
        <translation>按同类活动上一场的结果估计：在以往活动上，模型还没有比这个简单规则更准。</translation>
    </message>
    <message>
        <source>Citywide</source>
        <translation>全市</translation>
    </message>
</context>
<context>
    <name>AnalyticsCharts</name>
    <message>
        <source>Turnout by month (12 months)</source>
        <translation>近12个月每月到场人数</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>未到场</translation>
    </message>
    <message>
        <source>Mutual matches per 10 people who came, by format</source>
        <translation>各类活动每10位到场者的双向心动对数</translation>
    </message>
    <message>
        <source>Mutual matches per 10</source>
        <translation>每10人双向心动</translation>
    </message>
    <message>
        <source>Demand against supply by age band</source>
        <translation>各年龄段需求与供给</translation>
    </message>
    <message>
        <source>Sign-ups (last year)</source>
        <translation>报名人次（近一年）</translation>
    </message>
    <message>
        <source>Members in the pool</source>
        <translation>可参加活动的会员</translation>
    </message>
    <message>
        <source>The pool by district (ages 22–45)</source>
        <translation>各区县会员男女构成（22–45岁）</translation>
    </message>
</context>
<context>
    <name>AnalyticsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export xlsx…</source>
        <translation>导出 xlsx…</translation>
    </message>
    <message>
        <source>Aggregates only, small counts of people hidden: fit to leave the union.</source>
        <translation>只含汇总数字，小人数已隐藏，可以报送工会以外。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Online sign-ups</source>
        <translation>线上报名</translation>
    </message>
    <message>
        <source>Walk-ins</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>获得名额</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>未到场</translation>
    </message>
    <message>
        <source>Interest cards</source>
        <translation>心动卡</translation>
    </message>
    <message>
        <source>Mutual matches</source>
        <translation>双向心动</translation>
    </message>
    <message>
        <source>Introductions</source>
        <translation>牵线</translation>
    </message>
    <message>
        <source>Dating pairs</source>
        <translation>恋爱对数</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Fitting people of the other sex</source>
        <translation>年龄相合的异性</translation>
    </message>
    <message>
        <source>Each one faces</source>
        <translation>人均可选</translation>
    </message>
    <message>
        <source>Partners per person</source>
        <translation>人均异性比</translation>
    </message>
    <message>
        <source>Member no.</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Last offered an event</source>
        <translation>上次受邀/报名</translation>
    </message>
    <message>
        <source>Past events</source>
        <translation>往期活动</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Pool balance</source>
        <translation>会员供需</translation>
    </message>
    <message>
        <source>Not served</source>
        <translation>久未参加</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Demand by</source>
        <translation>需求维度</translation>
    </message>
    <message>
        <source>Sign-ups and waiting lists of the last 12 months; online interest is sign-ups from the member app and “想认识” requests; the pool is the members who can take part now.</source>
        <translation>报名和候补为近12个月的数据；线上意向包括会员端报名和“想认识”申请；会员数为目前可参加活动的会员。</translation>
    </message>
    <message>
        <source>Open case file</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>统计中</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>{total} members who can take part have not been offered an event for {months} months; the {shown} who waited longest are listed. Double-click a row to open the case file.</source>
        <translation>共有{total}位可参加活动的会员{months}个月没有收到过活动邀请，下面列出等得最久的{shown}位。双击一行可打开档案。</translation>
    </message>
    <message>
        <source>{events} past events, {pool} members in the pool, {short} groups short of partners, {waiting} not served for {months} months.</source>
        <translation>往期活动{events}场，可参加活动的会员{pool}人，异性不足的人群{short}个，{waiting}人{months}个月未受邀。</translation>
    </message>
    <message>
        <source>{ratio} per person</source>
        <translation>{ratio}</translation>
    </message>
    <message>
        <source>{ratio}: short of partners</source>
        <translation>{ratio}（异性不足）</translation>
    </message>
    <message>
        <source>Sign-ups</source>
        <translation>报名人次</translation>
    </message>
    <message>
        <source>Online interest</source>
        <translation>线上意向</translation>
    </message>
    <message>
        <source>In the pool</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>Sign-ups per 100 in the pool</source>
        <translation>每百名会员报名人次</translation>
    </message>
    <message>
        <source>Export event analytics</source>
        <translation>导出活动分析</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the analytics</source>
        <translation>正在写入活动分析</translation>
    </message>
    <message>
        <source>Event analytics exported</source>
        <translation>活动分析已导出</translation>
    </message>
    <message>
        <source>{n} past events, demand and the pool&apos;s balance; small counts of people hidden.</source>
        <translation>含{n}场往期活动、需求和会员供需；小人数已隐藏。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the request</source>
        <translation>指派请求</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <source>Member no.</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All “{family}” actions</source>
        <translation>全部“{family}”类操作</translation>
    </message>
    <message>
        <source>All staff</source>
        <translation>全部工作人员</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>Hash chain intact: {n} entries, none altered or missing.</source>
        <translation>哈希链完整：共 {n} 条，无篡改、无缺失。</translation>
    </message>
    <message>
        <source>Hash chain broken at entry {seq}: the log was altered or an entry is missing.</source>
        <translation>哈希链在第 {seq} 条处断裂：日志被改动或有条目缺失。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Member no.</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>涉及字段</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>The member, online</source>
        <translation>会员本人（网上）</translation>
    </message>
</context>
<context>
    <name>ConfirmErasureDialog</name>
    <message>
        <source>Erase a member</source>
        <translation>删除会员个人信息</translation>
    </message>
    <message>
        <source>All data of member {member_no} will be deleted from this computer for good: case file, consents, notes, introductions, event history, check-ins. Backups of this database are deleted too, and the erasure is sent to the server at the next sync. Only the audit trail (ids and names of actions) remains.

Type the member number to confirm:</source>
        <translation>会员 {member_no} 的全部数据将从本机永久删除：档案、同意记录、备注、介绍记录、活动记录、签到记录。本数据库的备份也会删除，删除指令将在下次同步时发送到服务器。仅保留审计记录（编号和操作名称）。

请输入会员编号确认：</translation>
    </message>
    <message>
        <source>The member number does not match.</source>
        <translation>会员编号不一致。</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Correct or supplement member {member_no}</source>
        <translation>更正、补充会员 {member_no} 的资料</translation>
    </message>
    <message>
        <source>Show identity to correct it…</source>
        <translation>显示身份信息以便更正…</translation>
    </message>
    <message>
        <source>Change only what the member asked to correct or add. The case file is saved through the usual checks, and the request records which fields were corrected.</source>
        <translation>只修改会员申请更正或补充的内容。保存时按档案的正常规则校验，申请中会记录更正了哪些项目。</translation>
    </message>
    <message>
        <source>Correct and close the request</source>
        <translation>更正并办结</translation>
    </message>
    <message>
        <source>{n} field(s) need correcting first.</source>
        <translation>还有 {n} 项需要先改正。</translation>
    </message>
    <message>
        <source>To be corrected: {fields}</source>
        <translation>将更正：{fields}</translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation>尚未修改任何内容。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>There is no member with number {member_no} on this computer.</source>
        <translation>本机没有会员编号为 {member_no} 的会员。</translation>
    </message>
    <message>
        <source>The request no longer exists.</source>
        <translation>该请求已不存在。</translation>
    </message>
    <message>
        <source>Member {member_no} already has an open request of this kind.</source>
        <translation>会员 {member_no} 已有一个未办结的同类请求。</translation>
    </message>
    <message>
        <source>This request is already closed.</source>
        <translation>该请求已办结。</translation>
    </message>
    <message>
        <source>This action does not fit this kind of request.</source>
        <translation>此操作不适用于这类请求。</translation>
    </message>
    <message>
        <source>Please type the reason (at least {minimum} characters).</source>
        <translation>请填写理由（至少 {minimum} 个字）。</translation>
    </message>
    <message>
        <source>The date received cannot be in the future.</source>
        <translation>收到日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The handler must be a privacy officer.</source>
        <translation>经办人必须是个人信息保护负责人。</translation>
    </message>
    <message>
        <source>This is not an xzdesk member data file, or it is damaged.</source>
        <translation>这不是 xzdesk 会员数据文件，或文件已损坏。</translation>
    </message>
    <message>
        <source>This member data file has version {version}, which this xzdesk cannot read.</source>
        <translation>该会员数据文件的版本为 {version}，当前版本的 xzdesk 无法读取。</translation>
    </message>
    <message>
        <source>Member data can be imported only into a database without case files.</source>
        <translation>会员数据只能导入到没有任何档案的数据库。</translation>
    </message>
    <message>
        <source>A record of this file already exists in the database.</source>
        <translation>数据库中已存在该文件中的记录。</translation>
    </message>
    <message>
        <source>Nothing was changed. If the member&apos;s data is already right, refuse the request and say so in the reason.</source>
        <translation>没有修改任何内容。如果会员的资料本来就正确，请拒绝该申请，并在理由中说明。</translation>
    </message>
    <message>
        <source>Tick at least one consent to withdraw.</source>
        <translation>请至少勾选一项要撤回的同意。</translation>
    </message>
    <message>
        <source>Not a period: write 2026-07, 2026-Q3 or 2026.</source>
        <translation>统计期间格式不对：请写成 2026-07、2026-Q3 或 2026。</translation>
    </message>
    <message>
        <source>This file type is not supported: {suffix}.</source>
        <translation>不支持该文件类型：{suffix}。</translation>
    </message>
</context>
<context>
    <name>NewRequestDialog</name>
    <message>
        <source>New rights request</source>
        <translation>登记个人信息权利请求</translation>
    </message>
    <message>
        <source>optional: the basis the member gives, no identifiers</source>
        <translation>选填：会员提出的理由，请勿填写身份信息</translation>
    </message>
    <message>
        <source>Member number</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求类型</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>收到方式</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The answer is due within 15 working days (weekends and public holidays excluded).</source>
        <translation>应在 15 个工作日内答复（不含周末和法定节假日）。</translation>
    </message>
    <message>
        <source>Please type the member number.</source>
        <translation>请输入会员编号。</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>Copy of data</source>
        <translation>获取副本</translation>
    </message>
    <message>
        <source>Correction or supplement</source>
        <translation>更正、补充</translation>
    </message>
    <message>
        <source>Explanation of the rules</source>
        <translation>解释说明</translation>
    </message>
    <message>
        <source>Withdrawal of consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Partially: processing stopped</source>
        <translation>部分办理：已停止处理</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Mini-program</source>
        <translation>小程序</translation>
    </message>
    <message>
        <source>Retention review</source>
        <translation>留存审查</translation>
    </message>
    <message>
        <source>Inactive for 24 months</source>
        <translation>24个月无活动</translation>
    </message>
    <message>
        <source>Married</source>
        <translation>已婚</translation>
    </message>
    <message>
        <source>Events held</source>
        <translation>举办活动（场）</translation>
    </message>
    <message>
        <source>Participations (person-times)</source>
        <translation>参与人次</translation>
    </message>
    <message>
        <source>Participants (people)</source>
        <translation>参与人数</translation>
    </message>
    <message>
        <source>Base unions served</source>
        <translation>服务基层工会（个）</translation>
    </message>
    <message>
        <source>Employers served</source>
        <translation>服务用人单位（家）</translation>
    </message>
    <message>
        <source>Mutual-interest pairs</source>
        <translation>双向心动（对）</translation>
    </message>
    <message>
        <source>Dating pairs</source>
        <translation>确立恋爱关系（对）</translation>
    </message>
    <message>
        <source>Married pairs (registered)</source>
        <translation>登记结婚（对）</translation>
    </message>
    <message>
        <source>Active matchmakers</source>
        <translation>活跃红娘（人）</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新登记会员（人）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>City level</source>
        <translation>市总工会（市级）</translation>
    </message>
    <message>
        <source>{year}-{month}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Month {month}</source>
        <translation>{month}月</translation>
    </message>
    <message>
        <source>Case file created</source>
        <translation>建档</translation>
    </message>
    <message>
        <source>Case file edited</source>
        <translation>修改档案</translation>
    </message>
    <message>
        <source>Verification recorded</source>
        <translation>记录核验</translation>
    </message>
    <message>
        <source>Unmasked data viewed</source>
        <translation>查看完整信息</translation>
    </message>
    <message>
        <source>Flagged as suspected fraud</source>
        <translation>标记疑似欺诈</translation>
    </message>
    <message>
        <source>Fraud flag cleared</source>
        <translation>取消欺诈标记</translation>
    </message>
    <message>
        <source>Member erased</source>
        <translation>删除会员个人信息</translation>
    </message>
    <message>
        <source>Consent recorded</source>
        <translation>记录同意</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Follow-up planned</source>
        <translation>安排回访</translation>
    </message>
    <message>
        <source>Follow-up done</source>
        <translation>完成回访</translation>
    </message>
    <message>
        <source>Case list exported</source>
        <translation>导出会员名单</translation>
    </message>
    <message>
        <source>Case list exported unmasked</source>
        <translation>导出未脱敏会员名单</translation>
    </message>
    <message>
        <source>Member&apos;s data exported</source>
        <translation>导出个人信息副本</translation>
    </message>
    <message>
        <source>Member&apos;s data imported</source>
        <translation>导入个人信息</translation>
    </message>
    <message>
        <source>Request for a copy received</source>
        <translation>收到获取副本请求</translation>
    </message>
    <message>
        <source>Erasure request received</source>
        <translation>收到删除请求</translation>
    </message>
    <message>
        <source>Correction request received</source>
        <translation>收到更正、补充申请</translation>
    </message>
    <message>
        <source>Request for an explanation received</source>
        <translation>收到解释说明申请</translation>
    </message>
    <message>
        <source>Request to withdraw consent received</source>
        <translation>收到撤回同意申请</translation>
    </message>
    <message>
        <source>Case file corrected on request</source>
        <translation>按申请更正档案</translation>
    </message>
    <message>
        <source>Explanation handed over</source>
        <translation>已出具解释说明</translation>
    </message>
    <message>
        <source>Consents withdrawn on request</source>
        <translation>按申请撤回同意</translation>
    </message>
    <message>
        <source>Correction refused</source>
        <translation>拒绝更正申请</translation>
    </message>
    <message>
        <source>Explanation refused</source>
        <translation>拒绝解释说明申请</translation>
    </message>
    <message>
        <source>Withdrawal request refused</source>
        <translation>拒绝撤回同意申请</translation>
    </message>
    <message>
        <source>Introduction: decline undone</source>
        <translation>介绍：撤销不同意</translation>
    </message>
    <message>
        <source>Request assigned</source>
        <translation>指派请求</translation>
    </message>
    <message>
        <source>Copy handed over</source>
        <translation>已提供副本</translation>
    </message>
    <message>
        <source>Request for a copy refused</source>
        <translation>拒绝获取副本请求</translation>
    </message>
    <message>
        <source>Erasure refused</source>
        <translation>拒绝删除请求</translation>
    </message>
    <message>
        <source>Processing stopped, storage kept</source>
        <translation>停止处理，仅保留存储</translation>
    </message>
    <message>
        <source>Retention review: kept</source>
        <translation>留存审查：继续保留</translation>
    </message>
    <message>
        <source>Retention review: archived</source>
        <translation>留存审查：归档</translation>
    </message>
    <message>
        <source>Retention review: erasure requested</source>
        <translation>留存审查：申请删除</translation>
    </message>
    <message>
        <source>Statistics exported</source>
        <translation>导出统计报表</translation>
    </message>
    <message>
        <source>Event analytics exported</source>
        <translation>活动分析已导出</translation>
    </message>
    <message>
        <source>Event planned from a scheduling suggestion</source>
        <translation>按排期建议创建活动</translation>
    </message>
    <message>
        <source>Internal statistics viewed (small figures not hidden)</source>
        <translation>查看内部统计（未隐藏小数字）</translation>
    </message>
    <message>
        <source>Staff account created</source>
        <translation>创建工作人员账号</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-in refused</source>
        <translation>登录被拒绝</translation>
    </message>
    <message>
        <source>Account locked after wrong passwords</source>
        <translation>密码错误次数过多，账号锁定</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>账号解锁</translation>
    </message>
    <message>
        <source>Password set</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Account closed</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Account reopened</source>
        <translation>重新启用账号</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>屏幕锁定</translation>
    </message>
    <message>
        <source>Screen unlocked</source>
        <translation>屏幕解锁</translation>
    </message>
    <message>
        <source>Computer connected to the union server</source>
        <translation>本机接入工会服务器</translation>
    </message>
    <message>
        <source>Older event pack refused (nothing changed)</source>
        <translation>拒绝旧的活动包（未改动数据）</translation>
    </message>
    <message>
        <source>Database backed up</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Database restored from a backup</source>
        <translation>从备份恢复数据库</translation>
    </message>
    <message>
        <source>Matching weights changed</source>
        <translation>修改配对权重</translation>
    </message>
    <message>
        <source>Matching model trained</source>
        <translation>训练配对模型</translation>
    </message>
    <message>
        <source>Matching model adopted</source>
        <translation>采用配对模型</translation>
    </message>
    <message>
        <source>Matching model withdrawn (rule score again)</source>
        <translation>停用配对模型（恢复规则排序）</translation>
    </message>
    <message>
        <source>Matching model retraining schedule changed</source>
        <translation>修改了配对模型的重新训练计划</translation>
    </message>
    <message>
        <source>Online account linked to the case file</source>
        <translation>线上账号关联到本档案</translation>
    </message>
    <message>
        <source>Online link request rejected</source>
        <translation>驳回线上关联申请</translation>
    </message>
    <message>
        <source>Consent withdrawn by the member online</source>
        <translation>会员在线上撤回同意</translation>
    </message>
    <message>
        <source>Pair blocked</source>
        <translation>设置不推荐</translation>
    </message>
    <message>
        <source>Pair block lifted</source>
        <translation>解除不推荐</translation>
    </message>
    <message>
        <source>Introduction: answer recorded</source>
        <translation>介绍：记录答复</translation>
    </message>
    <message>
        <source>Introduction slip printed</source>
        <translation>打印介绍单</translation>
    </message>
    <message>
        <source>Introduction: contacts viewed</source>
        <translation>介绍：查看联系方式</translation>
    </message>
    <message>
        <source>Badge printed</source>
        <translation>打印胸牌</translation>
    </message>
    <message>
        <source>Result slips printed</source>
        <translation>打印结果单</translation>
    </message>
    <message>
        <source>Walk-in registered at the venue</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <source>Walk-in matched to a case file</source>
        <translation>现场报名人员对应到档案</translation>
    </message>
    <message>
        <source>Check-in list published</source>
        <translation>发布签到名单</translation>
    </message>
    <message>
        <source>Venue check-ins reconciled</source>
        <translation>核对现场签到</translation>
    </message>
    <message>
        <source>Event pack exported</source>
        <translation>导出活动包</translation>
    </message>
    <message>
        <source>Event pack imported</source>
        <translation>导入活动包</translation>
    </message>
    <message>
        <source>Demo members created</source>
        <translation>生成演示会员</translation>
    </message>
    <message>
        <source>Demo events created</source>
        <translation>生成演示活动</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Introduction: {step}</source>
        <translation>介绍：{step}</translation>
    </message>
    <message>
        <source>Event created</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>Event edited</source>
        <translation>修改活动</translation>
    </message>
    <message>
        <source>Event deleted</source>
        <translation>删除活动</translation>
    </message>
    <message>
        <source>Registered for an event</source>
        <translation>报名活动</translation>
    </message>
    <message>
        <source>Members invited to an event</source>
        <translation>邀请会员参加活动</translation>
    </message>
    <message>
        <source>Pending registrations approved</source>
        <translation>批量通过待审核报名</translation>
    </message>
    <message>
        <source>Registration approved</source>
        <translation>报名审核通过</translation>
    </message>
    <message>
        <source>Registration put on the waiting list</source>
        <translation>报名转入候补</translation>
    </message>
    <message>
        <source>Registration cancelled</source>
        <translation>取消报名</translation>
    </message>
    <message>
        <source>Registration reopened</source>
        <translation>恢复报名</translation>
    </message>
    <message>
        <source>Moved up from the waiting list</source>
        <translation>候补转为正式</translation>
    </message>
    <message>
        <source>Attendance recorded</source>
        <translation>登记到场</translation>
    </message>
    <message>
        <source>No-shows recorded</source>
        <translation>登记未到场</translation>
    </message>
    <message>
        <source>Walk-in added to an event</source>
        <translation>现场报名加入活动</translation>
    </message>
    <message>
        <source>Friends to sit together</source>
        <translation>设置好友同桌</translation>
    </message>
    <message>
        <source>Number plate changed</source>
        <translation>更换号码牌</translation>
    </message>
    <message>
        <source>Speed-dating rotation made</source>
        <translation>生成8分钟约会轮换表</translation>
    </message>
    <message>
        <source>Tables added</source>
        <translation>添加桌子</translation>
    </message>
    <message>
        <source>Tables changed</source>
        <translation>修改桌子</translation>
    </message>
    <message>
        <source>Tables removed</source>
        <translation>删除桌子</translation>
    </message>
    <message>
        <source>Seat plan made</source>
        <translation>生成座位安排</translation>
    </message>
    <message>
        <source>Seat changed</source>
        <translation>调整座位</translation>
    </message>
    <message>
        <source>Seats swapped</source>
        <translation>交换座位</translation>
    </message>
    <message>
        <source>Seat pinned</source>
        <translation>固定座位</translation>
    </message>
    <message>
        <source>Seat locked</source>
        <translation>锁定座位</translation>
    </message>
    <message>
        <source>Seat plan cleared</source>
        <translation>清空座位安排</translation>
    </message>
    <message>
        <source>Attendee list exported</source>
        <translation>导出参加人员名单</translation>
    </message>
    <message>
        <source>Attendee list exported unmasked</source>
        <translation>导出未遮挡的参加人员名单</translation>
    </message>
    <message>
        <source>Event status changed</source>
        <translation>活动状态变更</translation>
    </message>
    <message>
        <source>Event documents printed</source>
        <translation>打印活动材料</translation>
    </message>
    <message>
        <source>Registration changed</source>
        <translation>报名变更</translation>
    </message>
    <message>
        <source>Event: other step</source>
        <translation>活动：其他操作</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Statistics are for matchmakers and union administrators.</source>
        <translation>统计报表仅供红娘和工会管理员使用。</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Event analytics are for matchmakers and union administrators.</source>
        <translation>活动分析供红娘和工会管理员使用。</translation>
    </message>
    <message>
        <source>Event analytics</source>
        <translation>活动分析</translation>
    </message>
    <message>
        <source>Scheduling suggestions are for matchmakers and union administrators.</source>
        <translation>排期建议供红娘和工会管理员使用。</translation>
    </message>
    <message>
        <source>Scheduling</source>
        <translation>排期建议</translation>
    </message>
    <message>
        <source>Rights requests are handled by the privacy officer.</source>
        <translation>个人信息权利请求由个人信息保护负责人办理。</translation>
    </message>
    <message>
        <source>Rights requests</source>
        <translation>权利请求</translation>
    </message>
    <message>
        <source>The retention review is done by matchmakers.</source>
        <translation>留存审查由红娘办理。</translation>
    </message>
    <message>
        <source>Retention review</source>
        <translation>留存审查</translation>
    </message>
    <message>
        <source>The audit log is open to auditors and the privacy officer.</source>
        <translation>审计日志仅向审计员和个人信息保护负责人开放。</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Not available to your role</source>
        <translation>您的角色无权使用</translation>
    </message>
</context>
<context>
    <name>RetentionPanel</name>
    <message>
        <source>Member no.</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>最近服务</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Erasure requested</source>
        <translation>已申请删除</translation>
    </message>
    <message>
        <source>Only my case files</source>
        <translation>只看我的档案</translation>
    </message>
    <message>
        <source>Keep…</source>
        <translation>继续保留…</translation>
    </message>
    <message>
        <source>Archive…</source>
        <translation>归档…</translation>
    </message>
    <message>
        <source>Ask for erasure…</source>
        <translation>申请删除…</translation>
    </message>
    <message>
        <source>Members inactive for 24 months, or married, are reviewed here. Keeping a member needs a reason and restarts the 24 months; an erasure is carried out by the privacy officer.</source>
        <translation>24个月无活动或已婚的会员在此审查。继续保留需填写理由，并重新计算24个月；删除由个人信息保护负责人执行。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{n} members to review</source>
        <translation>待审查会员 {n} 人</translation>
    </message>
    <message>
        <source>Keep the case file</source>
        <translation>继续保留档案</translation>
    </message>
    <message>
        <source>Why is the case file kept?</source>
        <translation>为什么继续保留该档案？</translation>
    </message>
    <message>
        <source>Archive the case file</source>
        <translation>归档档案</translation>
    </message>
    <message>
        <source>Archive case file {member_no}? It leaves matching and lists but stays stored.</source>
        <translation>归档档案 {member_no}？归档后不再参与配对和名单，但仍保存。</translation>
    </message>
    <message>
        <source>Ask for erasure</source>
        <translation>申请删除</translation>
    </message>
    <message>
        <source>An erasure request goes to the privacy officer, due in 15 working days. Why?</source>
        <translation>删除申请将交给个人信息保护负责人，须在 15 个工作日内办结。原因是？</translation>
    </message>
</context>
<context>
    <name>RightsPanel</name>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求类型</translation>
    </message>
    <message>
        <source>Member no.</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>收到方式</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open requests only</source>
        <translation>只看办理中</translation>
    </message>
    <message>
        <source>New request…</source>
        <translation>登记请求…</translation>
    </message>
    <message>
        <source>Hand over a copy…</source>
        <translation>提供副本…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Write the explanation…</source>
        <translation>出具说明…</translation>
    </message>
    <message>
        <source>Withdraw consents…</source>
        <translation>撤回同意…</translation>
    </message>
    <message>
        <source>Erase…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Stop processing…</source>
        <translation>停止处理…</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>指派…</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Recorded by {name} on {at}.</source>
        <translation>{name} 于 {at} 登记。</translation>
    </message>
    <message>
        <source>* The due date is provisional: the public-holiday arrangement of that year is not known yet; plan with a margin.</source>
        <translation>* 答复期限为暂定：该年度节假日安排尚未公布，请留出余量。</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>理由：{reason}</translation>
    </message>
    <message>
        <source>Closed by {name} on {at}.</source>
        <translation>{name} 于 {at} 办结。</translation>
    </message>
    <message>
        <source>{n} records erased on this computer.</source>
        <translation>本机已删除 {n} 条记录。</translation>
    </message>
    <message>
        <source>Corrected: {fields}.</source>
        <translation>已更正：{fields}。</translation>
    </message>
    <message>
        <source>Consents withdrawn: {consents}.</source>
        <translation>已撤回的同意：{consents}。</translation>
    </message>
    <message>
        <source>Hand over a copy</source>
        <translation>提供个人信息副本</translation>
    </message>
    <message>
        <source>Why is the data exported?</source>
        <translation>导出的理由？</translation>
    </message>
    <message>
        <source>Member&apos;s request for a copy of their data</source>
        <translation>会员本人申请获取个人信息副本</translation>
    </message>
    <message>
        <source>Folder for the member&apos;s data</source>
        <translation>选择保存个人信息副本的文件夹</translation>
    </message>
    <message>
        <source>Exporting the member&apos;s data</source>
        <translation>正在导出个人信息副本</translation>
    </message>
    <message>
        <source>Show identity</source>
        <translation>显示身份信息</translation>
    </message>
    <message>
        <source>Why do you need the unmasked identity?</source>
        <translation>为什么需要查看完整的身份信息？</translation>
    </message>
    <message>
        <source>Folder for the explanation</source>
        <translation>选择保存说明的文件夹</translation>
    </message>
    <message>
        <source>Explanation written</source>
        <translation>说明已生成</translation>
    </message>
    <message>
        <source>{pages} page(s) for member {member_no}. Hand it to the member; the request is closed.</source>
        <translation>会员 {member_no} 的说明共 {pages} 页。请交给会员本人；该申请已办结。</translation>
    </message>
    <message>
        <source>Writing the explanation</source>
        <translation>正在生成说明</translation>
    </message>
    <message>
        <source>Erasing the member</source>
        <translation>正在删除会员个人信息</translation>
    </message>
    <message>
        <source>Stop processing</source>
        <translation>停止处理</translation>
    </message>
    <message>
        <source>The data must be kept (name the legal retention duty). The case file is archived and every consent withdrawn; nothing is deleted.</source>
        <translation>数据依法须保留（请写明保存义务的依据）。档案将归档，所有同意将撤回；不删除任何数据。</translation>
    </message>
    <message>
        <source>Refuse the request</source>
        <translation>拒绝请求</translation>
    </message>
    <message>
        <source>Why is the request refused?</source>
        <translation>拒绝的理由？</translation>
    </message>
</context>
<context>
    <name>SchedulePanel</name>
    <message>
        <source>Suggest again</source>
        <translation>重新生成建议</translation>
    </message>
    <message>
        <source>Create draft event with invitations</source>
        <translation>创建活动草稿并发出邀请</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Ages</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Places (men/women)</source>
        <translation>名额（男/女）</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>场地</translation>
    </message>
    <message>
        <source>Members waiting who fit</source>
        <translation>符合条件的待邀会员</translation>
    </message>
    <message>
        <source>Predicted turnout</source>
        <translation>预计到场</translation>
    </message>
    <message>
        <source>Expected mutual matches</source>
        <translation>预计双向心动</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Turnout: model</source>
        <translation>到场：模型</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Mutual matches</source>
        <translation>双向心动</translation>
    </message>
    <message>
        <source>Turnout: last of format</source>
        <translation>到场：同类上一场</translation>
    </message>
    <message>
        <source>Matches: model</source>
        <translation>心动：模型</translation>
    </message>
    <message>
        <source>Matches: last of format</source>
        <translation>心动：同类上一场</translation>
    </message>
    <message>
        <source>Learning from past events…</source>
        <translation>正在根据往期活动测算…</translation>
    </message>
    <message>
        <source>Working out suggestions</source>
        <translation>正在生成排期建议</translation>
    </message>
    <message>
        <source>Citywide</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>{lo}–{hi}</source>
        <translation>{lo}–{hi}岁</translation>
    </message>
    <message>
        <source>{n} suggestions from {events} past events; predicted by: {predictor}.</source>
        <translation>根据{events}场往期活动给出{n}条建议；预测方法：{predictor}。</translation>
    </message>
    <message>
        <source>No suggestion: too few past events or members waiting who fit.</source>
        <translation>暂无建议：往期活动太少，或符合条件的待邀会员不够。</translation>
    </message>
    <message>
        <source>Back-test: not enough past events yet.</source>
        <translation>回测：往期活动还不够多。</translation>
    </message>
    <message>
        <source>The model beats the rule and predicts the suggestions.</source>
        <translation>模型比简单规则更准，建议按模型预测。</translation>
    </message>
    <message>
        <source>The model does not beat the rule, so the rule predicts the suggestions.</source>
        <translation>模型没有比简单规则更准，建议按简单规则预测。</translation>
    </message>
    <message>
        <source>Back-test on {n} past events, each predicted from the events before it. Mean error of turnout (people; in brackets %): model {mt}, “same as the last event of the format” {nt}. Mutual matches: model {mm}, rule {nm}. {verdict}</source>
        <translation>回测{n}场往期活动，每场只用它之前的活动来预测。到场人数平均误差（人；括号内为百分比）：模型{mt}，“沿用同类上一场”{nt}。双向心动：模型{mm}，简单规则{nm}。{verdict}</translation>
    </message>
    <message>
        <source>{where} {kind} ({lo}–{hi})</source>
        <translation>{where}{kind}（{lo}–{hi}岁）</translation>
    </message>
    <message>
        <source>Create draft event</source>
        <translation>创建活动草稿</translation>
    </message>
    <message>
        <source>Create “{name}” on {day} as a draft and invite up to {n} members who fit and waited longest? The invitations stay pending until you approve them on the events screen.</source>
        <translation>在{day}创建活动草稿“{name}”，并邀请最多{n}位符合条件、等待最久的会员吗？邀请在活动页面审核通过前保持待审核。</translation>
    </message>
    <message>
        <source>Creating the event</source>
        <translation>正在创建活动</translation>
    </message>
    <message>
        <source>Draft event “{name}” created with {n} invitations (pending). Open it on the events screen to approve and publish.</source>
        <translation>已创建活动草稿“{name}”，发出{n}份邀请（待审核）。请在活动页面审核并发布。</translation>
    </message>
</context>
<context>
    <name>StatisticsPanel</name>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Internal view (real figures)</source>
        <translation>内部视图（真实数字）</translation>
    </message>
    <message>
        <source>Shows the union&apos;s own figures without hiding small numbers. Each viewing is recorded in the audit log. The exported file is always the protected version for the federation.</source>
        <translation>显示本工会的真实数字，不隐藏小数字。每次查看都会记入审计日志。导出的文件始终是报送总工会的保护版本。</translation>
    </message>
    <message>
        <source>Internal figures, nothing hidden: for use inside the union only. This viewing is recorded in the audit log. “Export xlsx…” still writes the protected version for the federation.</source>
        <translation>内部数字，未作隐藏：仅限本工会内部使用。本次查看已记入审计日志。“导出 xlsx…”仍导出报送总工会的保护版本。</translation>
    </message>
    <message>
        <source>Export xlsx…</source>
        <translation>导出 xlsx…</translation>
    </message>
    <message>
        <source>The federation version: small counts of people hidden.</source>
        <translation>报送总工会的版本：较小的人数已隐藏。</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>By district</source>
        <translation>分区统计</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>分月统计</translation>
    </message>
    <message>
        <source>Aggregates only. Counts of people from 1 to 4 show as “&lt;5” and zeros as 0; events, base unions and employers are always shown. “*” hides a further figure (or the total) wherever the totals would otherwise give a small figure away.</source>
        <translation>仅含汇总数字。人数、人次、对数为1至4时显示为“&lt;5”，为0时显示0；活动场次、基层工会数和用人单位数始终如实显示。如果由合计可以推算出被隐藏的小数字，另一个数字（或合计）会显示为“*”。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <source>Month {n}</source>
        <translation>{n}月</translation>
    </message>
    <message>
        <source>Q{n}</source>
        <translation>第{n}季度</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>正在统计</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Monthly breakdown withheld for: {measures}.</source>
        <translation>以下指标的分月数字不公布：{measures}。</translation>
    </message>
    <message>
        <source>{period}: {n} measures.</source>
        <translation>{period}：共 {n} 项指标。</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计报表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the statistics</source>
        <translation>正在生成统计报表</translation>
    </message>
    <message>
        <source>Written to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>StatsChartsView</name>
    <message>
        <source>The trend by month is drawn for a quarter or a year.</source>
        <translation>按月走势图仅在选择季度或年度时显示。</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>{measure} by month</source>
        <translation>{measure}（按月）</translation>
    </message>
    <message>
        <source>{measure} has no monthly breakdown.</source>
        <translation>{measure}没有分月统计。</translation>
    </message>
    <message>
        <source>{measure} by district</source>
        <translation>{measure}（按区）</translation>
    </message>
    <message>
        <source>Internal figures: every bar is the real count.</source>
        <translation>内部数字：每根柱子都是真实数字。</translation>
    </message>
    <message>
        <source>Figures shown as “&lt;5” or “*” are not drawn; their label says so.</source>
        <translation>显示为“&lt;5”或“*”的数字不画柱子，标签上会注明。</translation>
    </message>
</context>
<context>
    <name>WithdrawalDialog</name>
    <message>
        <source>Withdraw consents of member {member_no}</source>
        <translation>撤回会员 {member_no} 的同意</translation>
    </message>
    <message>
        <source>Tick the consents the member withdraws. Withdrawal takes effect at once; withdrawing basic processing ends the case.</source>
        <translation>请勾选会员要撤回的同意事项。撤回立即生效；撤回“基本信息处理”将结束该档案的服务。</translation>
    </message>
    <message>
        <source>The member has no consent in force: refuse the request with that reason.</source>
        <translation>该会员目前没有有效的同意，请以此为理由拒绝该申请。</translation>
    </message>
    <message>
        <source>Withdraw and close the request</source>
        <translation>撤回并办结</translation>
    </message>
</context>
</TS>
