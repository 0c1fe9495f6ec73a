<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaseListPage</name>
    <message>
        <source>Search: name, pinyin initials, phone last 4, member no., ID</source>
        <translation>搜索：姓名、拼音首字母、手机后四位、会员号、身份证号</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Verified or not</source>
        <translation>核验情况</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未核验</translation>
    </message>
    <message>
        <source>Online link to check</source>
        <translation>网上关联待核验</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>New case file…</source>
        <translation>新建档案…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>All matchmakers</source>
        <translation>全部红娘</translation>
    </message>
    <message>
        <source>{n} case files</source>
        <translation>共 {n} 份档案</translation>
    </message>
    <message>
        <source>The case file shown before is not in the list for this search.</source>
        <translation>刚才打开的档案不在本次搜索结果中。</translation>
    </message>
    <message>
        <source>No case file matches this search and these filters.</source>
        <translation>没有符合当前搜索和筛选条件的档案。</translation>
    </message>
    <message>
        <source>No case files yet. Create one with “New case file…”, or read a base union&apos;s roster with “Import…”.</source>
        <translation>还没有档案。可以点“新建档案…”逐份登记，或点“导入…”读入基层工会的花名册。</translation>
    </message>
    <message>
        <source>This case file was erased (a member&apos;s erasure request). Nothing of it is kept on this computer.</source>
        <translation>该档案已按会员的删除请求删除，本机不再保留其任何信息。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>New follow-up</source>
        <translation>新建回访</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
</context>
<context>
    <name>LinkRequest</name>
    <message>
        <source>awaiting your check</source>
        <translation>待核验</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>出生年份</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Base union</source>
        <translation>基层工会</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Someone registered in the member web app as this person on {when}: check and decide.</source>
        <translation>{when} 有人在会员网页以本人身份登记，申请关联本档案：请核对后处理。</translation>
    </message>
    <message>
        <source>Online account linked by {who} on {when}.</source>
        <translation>线上账号已由{who}于 {when} 确认关联。</translation>
    </message>
    <message>
        <source>Online link request rejected by {who} on {when}: {reason}</source>
        <translation>线上关联申请已由{who}于 {when} 驳回：{reason}</translation>
    </message>
</context>
<context>
    <name>LinkRequestDialog</name>
    <message>
        <source>Online link request: {member_no}</source>
        <translation>线上关联申请：{member_no}</translation>
    </message>
    <message>
        <source>Someone who says they are this member registered in the member web app. Compare what they gave with the case file, then check with the person (by phone or at the office) before you decide. Confirming ties their online account to this case file: they will see it, its checks and their history online.</source>
        <translation>有人在会员网页登记，自称是本档案的会员。请对照下表核对登记内容和档案，并先与本人核实（电话或到服务站）再处理。确认关联后，其线上账号即与本档案绑定，本人可以在网上看到档案、核验情况和以往记录。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Registered online</source>
        <translation>网上登记</translation>
    </message>
    <message>
        <source>Different from the case file</source>
        <translation>与档案不一致</translation>
    </message>
    <message>
        <source>The ID number given online is not this case file&apos;s: only the phone number matched, and an account is never linked by the phone alone. Reject the request and tell the person what to do.</source>
        <translation>网上登记的身份证号与本档案不一致，只有手机号相同；不能仅凭手机号关联。请驳回申请，并告诉对方怎么办理。</translation>
    </message>
    <message>
        <source>The ID number is the same; {n} other entries differ (in red). Ask the person before you confirm.</source>
        <translation>身份证号一致；另有 {n} 项不一致（红色），请先向本人问清楚再确认。</translation>
    </message>
    <message>
        <source>The ID number and every entry above are the same.</source>
        <translation>身份证号及以上各项均一致。</translation>
    </message>
    <message>
        <source>Confirm link</source>
        <translation>确认关联</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Reject the link request</source>
        <translation>驳回关联申请</translation>
    </message>
    <message>
        <source>The member reads this reason online. Say why, and what they should do next.</source>
        <translation>会员会在网上看到这段说明：请写明原因以及下一步怎么办理。</translation>
    </message>
    <message>
        <source>e.g. please bring your ID card to the district office</source>
        <translation>例如：请本人带身份证到区工会红娘服务站办理</translation>
    </message>
</context>
<context>
    <name>MemberEditor</name>
    <message>
        <source>Show identity…</source>
        <translation>显示身份信息…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Flag suspected fraud…</source>
        <translation>标记疑似诈骗…</translation>
    </message>
    <message>
        <source>Check and decide…</source>
        <translation>核对并处理…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>基本资料</translation>
    </message>
    <message>
        <source>Verification and consent</source>
        <translation>核验与授权</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Choose a case file from the list, or create a new one.</source>
        <translation>请从列表中选择档案，或新建档案。</translation>
    </message>
    <message>
        <source>Verification facts</source>
        <translation>核验记录</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核验项目</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Record a verification…</source>
        <translation>登记核验…</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>授权记录</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>告知书版本</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤回时间</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>登记授权</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>撤回授权</translation>
    </message>
    <message>
        <source>New note (notes cannot be edited or deleted later)</source>
        <translation>新备注（备注保存后不能修改或删除）</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>New follow-up…</source>
        <translation>新建回访…</translation>
    </message>
    <message>
        <source>Mark done…</source>
        <translation>标记完成…</translation>
    </message>
    <message>
        <source>✓ all four checks on file</source>
        <translation>✓ 四项核验齐全</translation>
    </message>
    <message>
        <source>checks incomplete</source>
        <translation>核验未齐</translation>
    </message>
    <message>
        <source>⚠ suspected fraud</source>
        <translation>⚠ 疑似诈骗</translation>
    </message>
    <message>
        <source>Clear fraud flag</source>
        <translation>取消诈骗标记</translation>
    </message>
    <message>
        <source>Identity shown (the viewing is recorded in the audit log)</source>
        <translation>正在显示身份信息（本次查看已记入审计日志）</translation>
    </message>
    <message>
        <source>{n} field(s) need correcting</source>
        <translation>{n} 项需要修改</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Show identity</source>
        <translation>显示身份信息</translation>
    </message>
    <message>
        <source>Why do you need the unmasked name, ID number and phone?</source>
        <translation>查看完整姓名、身份证号和手机号的事由：</translation>
    </message>
    <message>
        <source>e.g. phone call to arrange an introduction</source>
        <translation>例如：电话联系安排牵线</translation>
    </message>
    <message>
        <source>Hide identity</source>
        <translation>隐藏身份信息</translation>
    </message>
    <message>
        <source>Discard your unsaved changes to the identity fields?</source>
        <translation>身份信息的修改尚未保存，要放弃这些修改吗？</translation>
    </message>
    <message>
        <source>Flag suspected fraud</source>
        <translation>标记疑似诈骗</translation>
    </message>
    <message>
        <source>What makes you suspect fraud?</source>
        <translation>怀疑诈骗的理由：</translation>
    </message>
    <message>
        <source>Withdraw “{consent}”? It takes effect at once.</source>
        <translation>撤回“{consent}”？撤回立即生效。</translation>
    </message>
    <message>
        <source>Follow-up done</source>
        <translation>回访完成</translation>
    </message>
    <message>
        <source>Outcome of the follow-up:</source>
        <translation>回访结果：</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>18 characters; sex and birth date follow from it</source>
        <translation>18位；性别和出生日期将据此自动填写</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>No</source>
        <translation>无</translation>
    </message>
    <message>
        <source>e.g. 羽毛球、旅行 (separate with 、 or commas)</source>
        <translation>例如：羽毛球、旅行（用顿号或逗号分隔）</translation>
    </message>
    <message>
        <source>Accepts a partner with children</source>
        <translation>接受对方有子女</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>身份信息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <source>Work and union</source>
        <translation>工作与工会</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Hukou place</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Base union</source>
        <translation>基层工会</translation>
    </message>
    <message>
        <source>Union card no.</source>
        <translation>会员证号</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>About</source>
        <translation>个人情况</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>身高（厘米）</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>体重（公斤）</translation>
    </message>
    <message>
        <source>Marital history</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>Yearly income</source>
        <translation>年收入</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>住房</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Self-description</source>
        <translation>自我介绍</translation>
    </message>
    <message>
        <source>Partner requirements</source>
        <translation>择偶要求</translation>
    </message>
    <message>
        <source>Age from</source>
        <translation>年龄下限</translation>
    </message>
    <message>
        <source>Age to</source>
        <translation>年龄上限</translation>
    </message>
    <message>
        <source>Height from</source>
        <translation>身高下限</translation>
    </message>
    <message>
        <source>Height to</source>
        <translation>身高上限</translation>
    </message>
    <message>
        <source>Education at least</source>
        <translation>最低学历</translation>
    </message>
    <message>
        <source>Other wishes</source>
        <translation>其他要求</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Marital history accepted</source>
        <translation>可接受的婚姻状况</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>档案管理</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Referral source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>No.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次回访</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>NewMemberDialog</name>
    <message>
        <source>New case file</source>
        <translation>新建档案</translation>
    </message>
    <message>
        <source>Consents given by the member:</source>
        <translation>本人同意的授权：</translation>
    </message>
    <message>
        <source>Discard what you typed for this new case file?</source>
        <translation>新建档案中已填写的内容尚未保存，要放弃吗？</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
</context>
<context>
    <name>VerificationDialog</name>
    <message>
        <source>Record a verification</source>
        <translation>登记核验</translation>
    </message>
    <message>
        <source>What was checked</source>
        <translation>核验项目</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>ID card images are never stored: record only that the card was seen.</source>
        <translation>不保存身份证图像，只记录已当面查验。</translation>
    </message>
</context>
</TS>
