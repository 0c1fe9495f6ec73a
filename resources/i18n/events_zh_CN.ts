<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CancelRegistrationDialog</name>
    <message>
        <source>Cancel registrations</source>
        <translation>取消报名</translation>
    </message>
    <message>
        <source>Give freed places to the waiting list</source>
        <translation>空出的名额递补给候补人员</translation>
    </message>
    <message>
        <source>Cancel {n} registration(s)? Plates are never handed to anyone else.</source>
        <translation>取消 {n} 条报名？号码牌不会再分配给他人。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>EventBrowser</name>
    <message>
        <source>New event…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <source>Search: name, venue or event code</source>
        <translation>搜索：活动名称、地点或活动编码</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Planned (draft, open, closed)</source>
        <translation>筹备中（草稿、报名中、报名截止）</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>即将举行</translation>
    </message>
    <message>
        <source>Past</source>
        <translation>已过去</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>自定义日期范围</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>{n} events</source>
        <translation>共 {n} 个活动</translation>
    </message>
    <message>
        <source>{day}: {n} events</source>
        <translation>{day}：{n} 个活动</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>City-wide (federation)</source>
        <translation>全市（市总工会）</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Organising office</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>女</translation>
    </message>
    <message>
        <source>From age</source>
        <translation>起始年龄</translation>
    </message>
    <message>
        <source>To age</source>
        <translation>截止年龄</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Add age band</source>
        <translation>添加年龄段</translation>
    </message>
    <message>
        <source>Remove age band</source>
        <translation>删除年龄段</translation>
    </message>
    <message>
        <source>Capacity and quotas</source>
        <translation>人数与名额</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>总人数</translation>
    </message>
    <message>
        <source>Quota per sex</source>
        <translation>男女名额</translation>
    </message>
    <message>
        <source>Age bands</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>“—” means no separate limit; the capacity always applies.</source>
        <translation>“—”表示不单独限额；总人数上限始终有效。</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Verified members only (all four checks)</source>
        <translation>仅限已完成四项核验的会员</translation>
    </message>
    <message>
        <source>Who may come</source>
        <translation>参加条件</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>Nothing ticked means anyone.</source>
        <translation>不勾选表示不限。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>New event (saved as a draft)</source>
        <translation>新活动（保存为草稿）</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>Sectors (required)</source>
        <translation>行业（必选）</translation>
    </message>
    <message>
        <source>Create event</source>
        <translation>创建活动</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Quota for men</source>
        <translation>男性名额</translation>
    </message>
    <message>
        <source>Quota for women</source>
        <translation>女性名额</translation>
    </message>
    <message>
        <source>Minimum age</source>
        <translation>最低年龄</translation>
    </message>
    <message>
        <source>Maximum age</source>
        <translation>最高年龄</translation>
    </message>
    <message>
        <source>Age band {n}</source>
        <translation>年龄段 {n}</translation>
    </message>
    <message>
        <source>Cancel the event</source>
        <translation>取消活动</translation>
    </message>
    <message>
        <source>Cancel “{name}”? Every registration still open is cancelled as well. This cannot be undone.</source>
        <translation>确定取消“{name}”吗？所有未结束的报名将一并取消，且无法撤销。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The form has unsaved changes. Discard them?</source>
        <translation>表单有未保存的修改，要放弃吗？</translation>
    </message>
    <message>
        <source>Delete the draft “{name}”?</source>
        <translation>确定删除草稿“{name}”吗？</translation>
    </message>
</context>
<context>
    <name>EventLabels</name>
    <message>
        <source>Mixer</source>
        <translation>联谊会</translation>
    </message>
    <message>
        <source>8-minute dating</source>
        <translation>8分钟约会</translation>
    </message>
    <message>
        <source>Outdoor</source>
        <translation>户外活动</translation>
    </message>
    <message>
        <source>Salon / book club</source>
        <translation>沙龙/读书会</translation>
    </message>
    <message>
        <source>Sector session</source>
        <translation>专场</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Open for registration</source>
        <translation>报名中</translation>
    </message>
    <message>
        <source>Registration closed</source>
        <translation>报名截止</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已举办</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Reopen registration</source>
        <translation>重新开放报名</translation>
    </message>
    <message>
        <source>Open registration</source>
        <translation>开放报名</translation>
    </message>
    <message>
        <source>Close registration</source>
        <translation>截止报名</translation>
    </message>
    <message>
        <source>Mark as held</source>
        <translation>标记为已举办</translation>
    </message>
    <message>
        <source>Cancel the event…</source>
        <translation>取消活动…</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>Online sign-up</source>
        <translation>线上报名</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <source>The member cancelled</source>
        <translation>本人取消</translation>
    </message>
    <message>
        <source>Declined by the organiser</source>
        <translation>主办方婉拒</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不符合条件</translation>
    </message>
    <message>
        <source>Event cancelled</source>
        <translation>活动取消</translation>
    </message>
    <message>
        <source>Consent to processing withdrawn</source>
        <translation>本人撤回了个人信息处理同意</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <source>case status</source>
        <translation>档案状态</translation>
    </message>
    <message>
        <source>no basic consent</source>
        <translation>无基本授权</translation>
    </message>
    <message>
        <source>fraud flag</source>
        <translation>疑似诈骗标记</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>未完成核验</translation>
    </message>
    <message>
        <source>age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>sector</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>district</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>marital status</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>no places for this sex</source>
        <translation>该性别无名额</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>总人数上限</translation>
    </message>
    <message>
        <source>quota for the sex</source>
        <translation>性别名额</translation>
    </message>
    <message>
        <source>quota of the age band</source>
        <translation>年龄段名额</translation>
    </message>
    <message>
        <source>quota of the sex in the age band</source>
        <translation>年龄段内的性别名额</translation>
    </message>
    <message>
        <source>Round table</source>
        <translation>圆桌</translation>
    </message>
    <message>
        <source>Long table</source>
        <translation>长桌</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>胸牌</translation>
    </message>
    <message>
        <source>Table tents</source>
        <translation>桌牌</translation>
    </message>
    <message>
        <source>Seat chart</source>
        <translation>座位图</translation>
    </message>
    <message>
        <source>Sign-in sheet</source>
        <translation>签到表</translation>
    </message>
    <message>
        <source>Speed-dating cards</source>
        <translation>心动卡</translation>
    </message>
    <message>
        <source>Calibration page</source>
        <translation>校准页</translation>
    </message>
    <message>
        <source>A4, 10 badges of 90×54 mm</source>
        <translation>A4，10 枚 90×54 毫米胸牌</translation>
    </message>
    <message>
        <source>A4, 8 badges of 90×60 mm</source>
        <translation>A4，8 枚 90×60 毫米胸牌</translation>
    </message>
    <message>
        <source>A4, 10 card inserts CR80 (85.6×54 mm)</source>
        <translation>A4，10 张 CR80 卡片（85.6×54 毫米）</translation>
    </message>
    <message>
        <source>Single badge, A6</source>
        <translation>单枚胸牌，A6</translation>
    </message>
    <message>
        <source>Single badge, A7</source>
        <translation>单枚胸牌，A7</translation>
    </message>
    <message>
        <source>Badge printer (85.6×54 mm)</source>
        <translation>胸牌打印机（85.6×54 毫米）</translation>
    </message>
    <message>
        <source>Surname + Mr/Ms</source>
        <translation>姓氏 + 先生/女士</translation>
    </message>
    <message>
        <source>Nickname (where given)</source>
        <translation>昵称（如有）</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>time limit reached</source>
        <translation>已达时间上限</translation>
    </message>
    <message>
        <source>stopped, best plan kept</source>
        <translation>已停止，保留最佳方案</translation>
    </message>
    <message>
        <source>” or “</source>
        <translation>”或“</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>case status is “{status}”, needs to be “{needed}”</source>
        <translation>档案状态为“{status}”，需为“{needed}”</translation>
    </message>
    <message>
        <source>age {age} is outside {min}–{max}</source>
        <translation>年龄 {age} 岁，超出 {min}–{max} 岁</translation>
    </message>
    <message>
        <source>age {age} is under {min}</source>
        <translation>年龄 {age} 岁，低于 {min} 岁</translation>
    </message>
    <message>
        <source>age {age} is over {max}</source>
        <translation>年龄 {age} 岁，高于 {max} 岁</translation>
    </message>
    <message>
        <source>no sector on file; this session is for {allowed}</source>
        <translation>档案未填行业，本专场限{allowed}</translation>
    </message>
    <message>
        <source>sector “{value}” is not one of this session&apos;s ({allowed})</source>
        <translation>行业为“{value}”，不在本专场的行业（{allowed}）内</translation>
    </message>
    <message>
        <source>lives in {value}, outside this event&apos;s districts ({allowed})</source>
        <translation>居住在{value}，不在本活动的区域（{allowed}）内</translation>
    </message>
    <message>
        <source>marital status is not one this event accepts ({allowed})</source>
        <translation>婚姻状况不符合本活动要求（限{allowed}）</translation>
    </message>
    <message>
        <source>this event has no places for {sex}</source>
        <translation>本活动不设{sex}性名额</translation>
    </message>
    <message>
        <source>no consent to the processing of basic data</source>
        <translation>未同意（或已撤回）基本信息处理授权</translation>
    </message>
    <message>
        <source>flagged as suspected fraud</source>
        <translation>已被标记为疑似诈骗</translation>
    </message>
    <message>
        <source>not verified by the union yet; this event takes verified members only</source>
        <translation>尚未通过工会核验，本活动只接受已核验会员</translation>
    </message>
</context>
<context>
    <name>EventListModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Registrations</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Seat plan</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>Rotations</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>Choose an event in the calendar or the list, or plan a new one.</source>
        <translation>请在日历或列表中选择一个活动，或新建活动。</translation>
    </message>
    <message>
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>Fill in the details and create the event; it starts as a draft.</source>
        <translation>填写详情后创建活动，新活动为草稿状态。</translation>
    </message>
    <message>
        <source>{approved}/{capacity} places taken</source>
        <translation>已占 {approved}/{capacity} 个名额</translation>
    </message>
</context>
<context>
    <name>FloorPlan</name>
    <message>
        <source>pinned</source>
        <translation>固定座位</translation>
    </message>
    <message>
        <source>came with friends</source>
        <translation>结伴而来</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>better</source>
        <translation>更好</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>更差</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>Invite members to “{name}”</source>
        <translation>邀请会员参加“{name}”</translation>
    </message>
    <message>
        <source>Find suggestions</source>
        <translation>查找推荐</translation>
    </message>
    <message>
        <source>Good matches for</source>
        <translation>适合以下嘉宾的人选</translation>
    </message>
    <message>
        <source>From the case files</source>
        <translation>从档案中挑选</translation>
    </message>
    <message>
        <source>From matching suggestions</source>
        <translation>从配对推荐中挑选</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Pick everyone shown who may come</source>
        <translation>选中列表中所有可邀请的会员</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反选</translation>
    </message>
    <message>
        <source>Pick those shown who are not picked, and drop those who are</source>
        <translation>选中列表中未选的会员，取消已选的会员</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Approve at once while places are free (the others join the waiting list)</source>
        <translation>有名额时直接通过（其余进入候补）</translation>
    </message>
    <message>
        <source>Remark (optional, no personal data)</source>
        <translation>备注（选填，请勿填写个人信息）</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>{n} selected ({men} men, {women} women)</source>
        <translation>已选 {n} 人（男 {men} 人，女 {women} 人）</translation>
    </message>
    <message>
        <source>Every approved guest</source>
        <translation>全部已通过的嘉宾</translation>
    </message>
    <message>
        <source>Preparing matching suggestions</source>
        <translation>正在准备配对推荐</translation>
    </message>
    <message>
        <source>Inviting</source>
        <translation>正在邀请</translation>
    </message>
</context>
<context>
    <name>MemberPickerDialog</name>
    <message>
        <source>Search: name, pinyin initials, phone last 4, member no., ID</source>
        <translation>搜索：姓名、拼音首字母、手机后四位、会员号、身份证号</translation>
    </message>
    <message>
        <source>My caseload only</source>
        <translation>只看我负责的档案</translation>
    </message>
    <message>
        <source>Both sexes</source>
        <translation>男女不限</translation>
    </message>
    <message>
        <source>Also show those who may not come, and why</source>
        <translation>同时显示不符合条件的会员及原因</translation>
    </message>
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
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>报名情况</translation>
    </message>
    <message>
        <source>May come?</source>
        <translation>能否参加</translation>
    </message>
    <message>
        <source>already registered (“{status}”)</source>
        <translation>已报名（“{status}”）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{shown} shown, {may} may come</source>
        <translation>列出 {shown} 人，其中 {may} 人可邀请</translation>
    </message>
    <message>
        <source> · {n} who may not come are hidden: tick “Also show those who may not come”</source>
        <translation> · 另有 {n} 人不能邀请（不符合条件或已报名），已隐藏：勾选“同时显示不符合条件的会员及原因”可查看</translation>
    </message>
    <message>
        <source>Only the first {n} matches were checked: refine the search.</source>
        <translation>只检查了前 {n} 个结果，请缩小搜索范围。</translation>
    </message>
    <message>
        <source>No: {reasons}</source>
        <translation>否：{reasons}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>可以</translation>
    </message>
    <message>
        <source>Yes (quota full: waiting list)</source>
        <translation>可以（名额已满，进入候补）</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The event no longer exists.</source>
        <translation>该活动已不存在。</translation>
    </message>
    <message>
        <source>The registration no longer exists.</source>
        <translation>该报名已不存在。</translation>
    </message>
    <message>
        <source>The case file no longer exists.</source>
        <translation>该档案已不存在。</translation>
    </message>
    <message>
        <source>The table no longer exists.</source>
        <translation>该桌已不存在。</translation>
    </message>
    <message>
        <source>Event {event_code} belongs to another district&apos;s office.</source>
        <translation>活动 {event_code} 属于其他区县的主办单位。</translation>
    </message>
    <message>
        <source>Cannot change “{current}” to “{target}”.</source>
        <translation>无法从“{current}”改为“{target}”。</translation>
    </message>
    <message>
        <source>This registration has no number plate to replace.</source>
        <translation>该报名没有号码牌可换。</translation>
    </message>
    <message>
        <source>The event is “{status}”: it can no longer be changed here.</source>
        <translation>活动状态为“{status}”，不能再在此修改。</translation>
    </message>
    <message>
        <source>{member_no} may not take part: {problems}.</source>
        <translation>{member_no} 不符合参加条件：{problems}。</translation>
    </message>
    <message>
        <source>No place left: the {rule} ({limit}) is reached for {sex}{band}.</source>
        <translation>没有名额了：{sex}{band}的{rule}（{limit}）已满。</translation>
    </message>
    <message>
        <source>This member is already registered (“{status}”).</source>
        <translation>该会员已报名（“{status}”）。</translation>
    </message>
    <message>
        <source>The capacity cannot go below the {approved} places already approved.</source>
        <translation>总人数不能少于已通过的 {approved} 人。</translation>
    </message>
    <message>
        <source>The {rule} cannot go below the {approved} places already approved (asked for {limit}).</source>
        <translation>{rule}不能少于已通过的 {approved} 人（设置为 {limit}）。</translation>
    </message>
    <message>
        <source>No-shows are recorded once the event is marked as held.</source>
        <translation>活动标记为已举办后才能登记未到场。</translation>
    </message>
    <message>
        <source>Event {event_code} has registrations: cancel it instead of deleting it.</source>
        <translation>活动 {event_code} 已有报名，请取消活动而不是删除。</translation>
    </message>
    <message>
        <source>Event {event_code} was changed meanwhile (by sync). Reload it and edit again.</source>
        <translation>活动 {event_code} 已被同步修改，请重新载入后再编辑。</translation>
    </message>
    <message>
        <source>These fields cannot be edited here.</source>
        <translation>这些字段不能在此修改。</translation>
    </message>
    <message>
        <source>Two events share the code {code}.</source>
        <translation>有两个活动使用编码 {code}。</translation>
    </message>
    <message>
        <source>Not a valid time; use the form 14:30.</source>
        <translation>时间格式不正确，请按 14:30 的格式填写。</translation>
    </message>
    <message>
        <source>Not a valid date.</source>
        <translation>日期不正确。</translation>
    </message>
    <message>
        <source>Please enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <source>Must be between {min} and {max}.</source>
        <translation>必须在 {min} 到 {max} 之间。</translation>
    </message>
    <message>
        <source>Too long: at most {max} characters.</source>
        <translation>太长了：最多 {max} 个字。</translation>
    </message>
    <message>
        <source>The end time must be after the start time.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>The upper limit is below the lower limit.</source>
        <translation>上限低于下限。</translation>
    </message>
    <message>
        <source>Age bands must not overlap.</source>
        <translation>年龄段不能重叠。</translation>
    </message>
    <message>
        <source>A sector session needs at least one sector.</source>
        <translation>专场至少需要选择一个行业。</translation>
    </message>
    <message>
        <source>The organiser&apos;s account no longer exists.</source>
        <translation>负责人的账号已不存在。</translation>
    </message>
    <message>
        <source>The seat plan has no tables yet: add tables first.</source>
        <translation>座位图还没有桌子，请先添加桌子。</translation>
    </message>
    <message>
        <source>Only approved guests have seats (this one is “{status}”).</source>
        <translation>只有已通过的嘉宾才能安排座位（此人状态为“{status}”）。</translation>
    </message>
    <message>
        <source>The guest has no seat to pin.</source>
        <translation>该嘉宾还没有座位，无法固定。</translation>
    </message>
    <message>
        <source>That seat belongs to a pinned guest: unpin them first.</source>
        <translation>该座位属于固定座位的嘉宾，请先取消固定。</translation>
    </message>
    <message>
        <source>Guests or tables changed while the plan was computed. Arrange again.</source>
        <translation>计算期间嘉宾或桌子有变动，请重新排座。</translation>
    </message>
    <message>
        <source>A long table needs an even number of seats.</source>
        <translation>长桌的座位数必须是偶数。</translation>
    </message>
    <message>
        <source>Give one label per table ({count}).</source>
        <translation>每张桌子需要一个桌号（共 {count} 张）。</translation>
    </message>
    <message>
        <source>Choose at least two guests who came together.</source>
        <translation>请至少选择两位结伴而来的嘉宾。</translation>
    </message>
    <message>
        <source>Rotations are only for 8-minute dating events.</source>
        <translation>轮换只适用于8分钟约会活动。</translation>
    </message>
    <message>
        <source>Generate the rotation before printing the cards.</source>
        <translation>请先生成轮换表，再打印心动卡。</translation>
    </message>
    <message>
        <source>The guests changed since the rotation was generated: generate it again first.</source>
        <translation>生成轮换表后嘉宾有变动，请先重新生成。</translation>
    </message>
    <message>
        <source>Unknown document.</source>
        <translation>未知的文档类型。</translation>
    </message>
    <message>
        <source>There are no members to invite yet.</source>
        <translation>还没有可以邀请的会员。</translation>
    </message>
    <message>
        <source>This guest is not in the seat plan any more. Reload the plan.</source>
        <translation>该嘉宾已不在座位图中，请重新载入。</translation>
    </message>
    <message>
        <source>The table is not in the seat plan any more.</source>
        <translation>该桌已不在座位图中。</translation>
    </message>
    <message>
        <source>That seat does not exist any more.</source>
        <translation>该座位已不存在。</translation>
    </message>
    <message>
        <source>Two guests were given the same seat.</source>
        <translation>两位嘉宾被安排在同一个座位。</translation>
    </message>
    <message>
        <source>That seat is locked: unlock it first.</source>
        <translation>该座位已锁定，请先解锁。</translation>
    </message>
    <message>
        <source>Unknown table shape.</source>
        <translation>未知的桌型。</translation>
    </message>
    <message>
        <source>A table needs at least one seat.</source>
        <translation>每张桌子至少要有一个座位。</translation>
    </message>
    <message>
        <source>A guest&apos;s sex is not recorded.</source>
        <translation>有嘉宾的性别未登记。</translation>
    </message>
    <message>
        <source>A guest appears twice.</source>
        <translation>有嘉宾重复出现。</translation>
    </message>
    <message>
        <source>A table appears twice.</source>
        <translation>有桌子重复出现。</translation>
    </message>
    <message>
        <source>The rotation settings are not valid ({field}).</source>
        <translation>轮换设置无效（{field}）。</translation>
    </message>
    <message>
        <source>A guest appears twice in the rotation.</source>
        <translation>轮换表中有嘉宾重复出现。</translation>
    </message>
    <message>
        <source>Unknown badge stock.</source>
        <translation>未知的胸牌纸张规格。</translation>
    </message>
    <message>
        <source>Unknown page size.</source>
        <translation>未知的纸张大小。</translation>
    </message>
    <message>
        <source>The printer offset must lie between {min} and {max} mm.</source>
        <translation>打印机偏移量必须在 {min} 到 {max} 毫米之间。</translation>
    </message>
    <message>
        <source>The printer offset goes in steps of {step} mm.</source>
        <translation>打印机偏移量以 {step} 毫米为步长。</translation>
    </message>
    <message>
        <source>A badge carries an invalid QR token.</source>
        <translation>有胸牌的二维码令牌无效。</translation>
    </message>
    <message>
        <source>A QR token is too long.</source>
        <translation>二维码令牌过长。</translation>
    </message>
    <message>
        <source>Unknown field on a printed document.</source>
        <translation>打印文档中有未知字段。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source> in age band {n}</source>
        <translation>（年龄段 {n}）</translation>
    </message>
    <message>
        <source>An unexpected error occurred. The details were written to the log file.</source>
        <translation>发生了意外错误，详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>{count} guests have no seat: {needed} guests, {available} seats.</source>
        <translation>{count} 位嘉宾没有座位：共 {needed} 位嘉宾，{available} 个座位。</translation>
    </message>
    <message>
        <source>{count} guests have no seat although seats are free.</source>
        <translation>还有空座，但 {count} 位嘉宾没有座位。</translation>
    </message>
    <message>
        <source>A pinned seat cannot be kept (table {table}, seat {seat}).</source>
        <translation>无法保留固定座位（{table} 号桌，{seat} 号座）。</translation>
    </message>
    <message>
        <source>A pinned guest is not on the pinned seat (table {table}, seat {seat}).</source>
        <translation>固定座位的嘉宾不在其座位上（{table} 号桌，{seat} 号座）。</translation>
    </message>
    <message>
        <source>Table {table}: {count} colleagues from one employer.</source>
        <translation>{table} 号桌：有 {count} 位同单位的嘉宾。</translation>
    </message>
    <message>
        <source>{members} friends who came together sit at {tables} tables.</source>
        <translation>{members} 位结伴而来的嘉宾被分在 {tables} 张桌子。</translation>
    </message>
    <message>
        <source>unavoidable: only {available} seats for {needed} guests</source>
        <translation>无法避免：{needed} 位嘉宾只有 {available} 个座位</translation>
    </message>
    <message>
        <source>unavoidable: {units} colleagues for {tables} tables</source>
        <translation>无法避免：{units} 位同单位嘉宾，只有 {tables} 张桌子</translation>
    </message>
    <message>
        <source>unavoidable: the group needs at least {minimum_tables} tables</source>
        <translation>无法避免：该组至少需要 {minimum_tables} 张桌子</translation>
    </message>
    <message>
        <source>unavoidable</source>
        <translation>无法避免</translation>
    </message>
    <message>
        <source>Table {table}: colleagues from one employer sit together: {plates}.</source>
        <translation>第{table}桌有同一单位的同事同桌：{plates}。</translation>
    </message>
    <message>
        <source>Friends who came together sit at {tables} tables: {plates}.</source>
        <translation>结伴而来的朋友被分到了 {tables} 桌：{plates}。</translation>
    </message>
    <message>
        <source>(Unavoidable with these tables.)</source>
        <translation>（按现有桌子无法避免。）</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a}与{b}</translation>
    </message>
    <message>
        <source>Table {table}: men and women uneven, {men}:{women}.</source>
        <translation>第{table}桌男女不均 {men}:{women}。</translation>
    </message>
    <message>
        <source>Table {table}: {n} pairs of neighbours of the same sex: {pairs}.</source>
        <translation>第{table}桌有 {n} 处同性相邻：{pairs}。</translation>
    </message>
    <message>
        <source>Table {table}: {n} pairs of the same sex face each other: {pairs}.</source>
        <translation>第{table}桌有 {n} 处同性相对：{pairs}。</translation>
    </message>
    <message>
        <source>Table {table}: {n} guests at {seats} seats, unlike the other tables.</source>
        <translation>第{table}桌 {seats} 个座位坐了 {n} 人，与其他桌不均。</translation>
    </message>
    <message>
        <source>Hard rules broken: {n}, none avoidable with these tables</source>
        <translation>有 {n} 项硬性要求未满足，按现有桌子均无法避免</translation>
    </message>
    <message>
        <source>Hard rules broken: {n}</source>
        <translation>有 {n} 项硬性要求未满足</translation>
    </message>
    <message>
        <source>Every hard rule and every wish is met</source>
        <translation>所有硬性要求和安排意愿均已满足</translation>
    </message>
    <message>
        <source>Every hard rule is met; some wishes are missed (below)</source>
        <translation>所有硬性要求均已满足；部分安排意愿未照顾到（见下方）</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print — {name}</source>
        <translation>打印 — {name}</translation>
    </message>
    <message>
        <source>Only badges not printed before</source>
        <translation>只打印未打印过的胸牌</translation>
    </message>
    <message>
        <source>Cut marks</source>
        <translation>裁切线</translation>
    </message>
    <message>
        <source>(default printer)</source>
        <translation>（默认打印机）</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>胸牌</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>纸张规格</translation>
    </message>
    <message>
        <source>Name on the badge</source>
        <translation>胸牌上的称呼</translation>
    </message>
    <message>
        <source>Seat chart</source>
        <translation>座位图</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Printer calibration</source>
        <translation>打印机校准</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Shift right (X)</source>
        <translation>向右偏移（X）</translation>
    </message>
    <message>
        <source>Shift down (Y)</source>
        <translation>向下偏移（Y）</translation>
    </message>
    <message>
        <source>Print the calibration page, measure where the crosshair landed, and enter how far it is from where it should be. Kept for each printer.</source>
        <translation>打印校准页，量出十字线实际位置与应在位置的偏差并填入。每台打印机单独保存。</translation>
    </message>
    <message>
        <source>Generate preview</source>
        <translation>生成预览</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The options changed: generate the preview again.</source>
        <translation>选项已更改，请重新生成预览。</translation>
    </message>
    <message>
        <source>A crosshair page to measure the printer&apos;s offset (no personal data).</source>
        <translation>用于测量打印机偏移的十字线页面（不含个人信息）。</translation>
    </message>
    <message>
        <source>{n} badges to print.</source>
        <translation>共 {n} 枚胸牌待打印。</translation>
    </message>
    <message>
        <source>{n} table tents to print.</source>
        <translation>共 {n} 张桌牌待打印。</translation>
    </message>
    <message>
        <source>{n} tables on the seat chart, then the find-your-table list.</source>
        <translation>座位图共 {n} 张桌子，后附按姓氏查找桌号的名单。</translation>
    </message>
    <message>
        <source>{n} people on the sign-in sheet.</source>
        <translation>签到表共 {n} 人。</translation>
    </message>
    <message>
        <source>{n} speed-dating cards to print.</source>
        <translation>共 {n} 张心动卡待打印。</translation>
    </message>
    <message>
        <source>{n} items to print.</source>
        <translation>共 {n} 项待打印。</translation>
    </message>
    <message>
        <source>{n} people are left out: their consent is no longer in force.</source>
        <translation>{n} 人未打印：其授权已失效。</translation>
    </message>
    <message>
        <source>No font can draw {n} character(s): {codes}. They print as □ — check the names in the case files.</source>
        <translation>有 {n} 个字符无法用现有字体显示：{codes}。它们将打印为 □，请核对档案中的姓名。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Generating {document}</source>
        <translation>正在生成{document}</translation>
    </message>
    <message>
        <source>{pages} page(s), {items} item(s).</source>
        <translation>共 {pages} 页，{items} 项。</translation>
    </message>
    <message>
        <source>{n} left out (consent).</source>
        <translation>{n} 人未打印（授权）。</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>: {pages} page(s), {items} item(s).</source>
        <translation>：共 {pages} 页，{items} 项。</translation>
    </message>
    <message>
        <source>PDF saved</source>
        <translation>PDF 已保存</translation>
    </message>
    <message>
        <source>{n} plates printed for the first time: they will not change any more.</source>
        <translation>{n} 个号码牌首次打印，此后不再变更。</translation>
    </message>
    <message>
        <source>of {n}</source>
        <translation>/ {n}</translation>
    </message>
    <message>
        <source>No font can draw {n} character(s) ({codes}); they appear as □. Continue anyway?</source>
        <translation>有 {n} 个字符无法显示（{codes}），将显示为 □。仍要继续吗？</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>The badges were made with the calibration of another printer. Generate them again for “{printer}”, then print.</source>
        <translation>这些胸牌是按另一台打印机的校准生成的。请为“{printer}”重新生成后再打印。</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>Sending pages to the printer…</source>
        <translation>正在向打印机发送页面…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>QuotaBalanceTable</name>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>Free after</source>
        <translation>选后剩余</translation>
    </message>
    <message>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>男女</translation>
    </message>
    <message>
        <source>{sex}, other ages</source>
        <translation>{sex}，其他年龄</translation>
    </message>
    <message>
        <source>{sex}, {band}</source>
        <translation>{sex}，{band}</translation>
    </message>
    <message>
        <source>More picked than places: the rest go to the waiting list.</source>
        <translation>所选人数超过名额，多出的人进入候补。</translation>
    </message>
</context>
<context>
    <name>RegistrationTableModel</name>
    <message>
        <source>Plate</source>
        <translation>号码牌</translation>
    </message>
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
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>报名时间</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>{status} #{n}</source>
        <translation>{status} 第{n}位</translation>
    </message>
    <message>
        <source>Table {table}, seat {seat}</source>
        <translation>{table} 号桌 {seat} 号座</translation>
    </message>
</context>
<context>
    <name>RegistrationsTab</name>
    <message>
        <source>All registrations</source>
        <translation>全部报名</translation>
    </message>
    <message>
        <source>Places taken</source>
        <translation>已占名额</translation>
    </message>
    <message>
        <source>Both sexes</source>
        <translation>男女不限</translation>
    </message>
    <message>
        <source>Plate, member no. or surname</source>
        <translation>号码牌、会员号或姓氏</translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation>邀请…</translation>
    </message>
    <message>
        <source>Walk-in…</source>
        <translation>现场报名…</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>导出名单…</translation>
    </message>
    <message>
        <source>Masked list (names 张*, phones 138****5678)…</source>
        <translation>脱敏名单（姓名 张*，手机 138****5678）…</translation>
    </message>
    <message>
        <source>Unmasked list (needs a reason, audited)…</source>
        <translation>完整名单（需填写理由，记入审计）…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>To waiting list</source>
        <translation>转入候补</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新开启</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>标记签到</translation>
    </message>
    <message>
        <source>Approve all pending</source>
        <translation>通过全部待审核</translation>
    </message>
    <message>
        <source>Fill from waiting list</source>
        <translation>从候补递补</translation>
    </message>
    <message>
        <source>Record no-shows</source>
        <translation>登记未到场</translation>
    </message>
    <message>
        <source>Quota balance</source>
        <translation>名额情况</translation>
    </message>
    <message>
        <source>{n} registrations shown</source>
        <translation>显示 {n} 条报名</translation>
    </message>
    <message>
        <source>{approved} of {capacity} places taken · {pending} pending · {waiting} waiting · {free} free</source>
        <translation>已占 {approved}/{capacity} 个名额 · 待审核 {pending} · 候补 {waiting} · 剩余 {free}</translation>
    </message>
    <message>
        <source>Came together (seat at one table)</source>
        <translation>结伴而来（安排在同一桌）</translation>
    </message>
    <message>
        <source>Not a group any more</source>
        <translation>取消结伴</translation>
    </message>
    <message>
        <source>{n} guests marked as having come together.</source>
        <translation>已将 {n} 位嘉宾标记为结伴而来。</translation>
    </message>
    <message>
        <source>Group removed.</source>
        <translation>已取消结伴。</translation>
    </message>
    <message>
        <source>({n} of {total} could not be done.)</source>
        <translation>（{total} 条中有 {n} 条未能完成。）</translation>
    </message>
    <message>
        <source>{n} approved: plates {plates}.</source>
        <translation>已通过 {n} 人，号码牌：{plates}。</translation>
    </message>
    <message>
        <source>{n} put on the waiting list.</source>
        <translation>{n} 人转入候补。</translation>
    </message>
    <message>
        <source>{n} cancelled.</source>
        <translation>已取消 {n} 条。</translation>
    </message>
    <message>
        <source>Moved up from the waiting list: {plates}.</source>
        <translation>候补递补：{plates}。</translation>
    </message>
    <message>
        <source>Cancel registrations</source>
        <translation>取消报名</translation>
    </message>
    <message>
        <source>{n} reopened (pending).</source>
        <translation>已重新开启 {n} 条（待审核）。</translation>
    </message>
    <message>
        <source>{n} marked as attended.</source>
        <translation>已标记 {n} 人签到。</translation>
    </message>
    <message>
        <source>Approving</source>
        <translation>正在审核</translation>
    </message>
    <message>
        <source>Nobody on the waiting list fits the free places.</source>
        <translation>候补中没有人符合剩余名额。</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>候补</translation>
    </message>
    <message>
        <source>Mark every approved guest who did not check in as a no-show?</source>
        <translation>将所有已通过但未签到的嘉宾标记为未到场？</translation>
    </message>
    <message>
        <source>{n} no-shows recorded.</source>
        <translation>已登记 {n} 人未到场。</translation>
    </message>
    <message>
        <source>{n} approved</source>
        <translation>通过 {n} 人</translation>
    </message>
    <message>
        <source>{n} on the waiting list</source>
        <translation>候补 {n} 人</translation>
    </message>
    <message>
        <source>{n} pending</source>
        <translation>待审核 {n} 人</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>跳过 {n} 人</translation>
    </message>
    <message>
        <source>Walk-in registered: plate {plate}.</source>
        <translation>现场报名成功：号码牌 {plate}。</translation>
    </message>
    <message>
        <source>Export attendee list</source>
        <translation>导出参会名单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{n} attendees exported (masked).</source>
        <translation>已导出 {n} 名参会者（已脱敏）。</translation>
    </message>
    <message>
        <source>{n} attendees exported.</source>
        <translation>已导出 {n} 名参会者。</translation>
    </message>
    <message>
        <source>{n} left out: consent withdrawn.</source>
        <translation>{n} 人未导出：已撤回授权。</translation>
    </message>
    <message>
        <source>Attendee list saved</source>
        <translation>参加人员名单已保存</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Unmasked attendee list</source>
        <translation>完整参会名单</translation>
    </message>
    <message>
        <source>Why do you need full names and phone numbers in the file?</source>
        <translation>为什么需要在文件中包含完整姓名和手机号？</translation>
    </message>
</context>
<context>
    <name>RotationsTab</name>
    <message>
        <source>Print the cards…</source>
        <translation>打印心动卡…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>no breaks</source>
        <translation>不休息</translation>
    </message>
    <message>
        <source>until everyone met everyone</source>
        <translation>直到所有人都见过面</translation>
    </message>
    <message>
        <source>Women stay seated, men rotate</source>
        <translation>女士固定，男士轮换</translation>
    </message>
    <message>
        <source>Men stay seated, women rotate</source>
        <translation>男士固定，女士轮换</translation>
    </message>
    <message>
        <source>Generate rotation</source>
        <translation>生成轮换表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Round length</source>
        <translation>每轮时长</translation>
    </message>
    <message>
        <source>Changeover between rounds</source>
        <translation>换座时间</translation>
    </message>
    <message>
        <source>every</source>
        <translation>每</translation>
    </message>
    <message>
        <source>rounds, lasting</source>
        <translation>轮休息，时长</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>休息</translation>
    </message>
    <message>
        <source>First round starts after</source>
        <translation>第一轮开始于活动开始后</translation>
    </message>
    <message>
        <source>Number of rounds</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>The guests changed since this rotation was generated: generate it again before printing the cards.</source>
        <translation>生成轮换表后嘉宾有变动，请在打印心动卡前重新生成。</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>桌号</translation>
    </message>
    <message>
        <source>Seated</source>
        <translation>固定方</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>轮换方</translation>
    </message>
    <message>
        <source>By round</source>
        <translation>按轮次</translation>
    </message>
    <message>
        <source>By person</source>
        <translation>按个人</translation>
    </message>
    <message>
        <source>Rotations are only for 8-minute dating events.</source>
        <translation>轮换只适用于8分钟约会活动。</translation>
    </message>
    <message>
        <source>Generating the rotation</source>
        <translation>正在生成轮换表</translation>
    </message>
    <message>
        <source>{rounds} rounds at {tables} tables, {meetings} meetings, from {start} to {end}.</source>
        <translation>共 {rounds} 轮，{tables} 张桌，{meetings} 次见面，{start} 至 {end}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Breaks for everyone: {times}.</source>
        <translation>全体休息：{times}。</translation>
    </message>
    <message>
        <source>No breaks.</source>
        <translation>中间不安排休息。</translation>
    </message>
    <message>
        <source>{n} meetings of colleagues were left out: those guests have a round off (their cards say 本轮轮空, without the reason).</source>
        <translation>有 {n} 次同事之间的见面已取消：相关嘉宾那一轮轮空（心动卡上只写“本轮轮空”，不写原因）。</translation>
    </message>
    <message>
        <source>Each guest&apos;s card, with the round times, is printed from Print… → Speed-dating cards.</source>
        <translation>每位嘉宾的心动卡（含每轮时间）可在“打印…”→“心动卡”中打印。</translation>
    </message>
    <message>
        <source>Rotation generated</source>
        <translation>轮换表已生成</translation>
    </message>
    <message>
        <source>No rotation yet: choose the settings and generate it.</source>
        <translation>尚无轮换表：请选择设置后生成。</translation>
    </message>
    <message>
        <source>{rounds} rounds at {tables} tables, {meetings} meetings, {start}–{end}; {seated} seated ({sex}), {rotating} rotating.</source>
        <translation>共 {rounds} 轮、{tables} 张桌、{meetings} 次见面，{start}–{end}；固定 {seated} 人（{sex}），轮换 {rotating} 人。</translation>
    </message>
    <message>
        <source>{n} meetings of colleagues were left out.</source>
        <translation>已略去 {n} 次同单位嘉宾的见面。</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>休息</translation>
    </message>
    <message>
        <source>R{n}</source>
        <translation>第{n}轮</translation>
    </message>
    <message>
        <source>round off</source>
        <translation>轮空</translation>
    </message>
    <message>
        <source>Table {n}</source>
        <translation>{n} 号桌</translation>
    </message>
</context>
<context>
    <name>SeatPlanTab</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Add tables…</source>
        <translation>添加桌子…</translation>
    </message>
    <message>
        <source>Arrange automatically</source>
        <translation>自动排座</translation>
    </message>
    <message>
        <source>up to {n} s</source>
        <translation>最长 {n} 秒</translation>
    </message>
    <message>
        <source>Clear plan</source>
        <translation>清空座位</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl+wheel)</source>
        <translation>放大（Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+wheel)</source>
        <translation>缩小（Ctrl+滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Stop and keep the best</source>
        <translation>停止并保留最佳方案</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Arranging…</source>
        <translation>正在排座…</translation>
    </message>
    <message>
        <source>Blue: men · pink: women · red dot: pinned · green dot: came with friends · padlock: locked seat. Drag a guest onto a seat to move or swap; right-click for more.</source>
        <translation>蓝色：男士 · 粉色：女士 · 红点：固定座位 · 绿点：结伴而来 · 锁：锁定的座位。把嘉宾拖到座位上即可移动或交换；右键查看更多操作。</translation>
    </message>
    <message>
        <source>Without a seat ({n})</source>
        <translation>未安排座位（{n}）</translation>
    </message>
    <message>
        <source>{guests} guests · {seated} seated · {tables} tables · {seats} seats</source>
        <translation>{guests} 位嘉宾 · 已入座 {seated} · {tables} 张桌 · {seats} 个座位</translation>
    </message>
    <message>
        <source>No tables yet. Add tables, then arrange the guests automatically or drag them onto seats.</source>
        <translation>还没有桌子。请添加桌子，然后自动排座或把嘉宾拖到座位上。</translation>
    </message>
    <message>
        <source>No approved guests yet: approve registrations first.</source>
        <translation>还没有已通过的嘉宾，请先审核报名。</translation>
    </message>
    <message>
        <source>without a seat</source>
        <translation>不安排座位</translation>
    </message>
    <message>
        <source>table {table}, seat {seat}</source>
        <translation>{table} 号桌 {seat} 号座</translation>
    </message>
    <message>
        <source>{plate} → {where}: not possible. {why}</source>
        <translation>{plate} → {where}：不可行。{why}</translation>
    </message>
    <message>
        <source>seats a guest</source>
        <translation>多安排一位嘉宾入座</translation>
    </message>
    <message>
        <source>leaves a guest without a seat</source>
        <translation>有嘉宾没有座位</translation>
    </message>
    <message>
        <source>puts a pinned guest back</source>
        <translation>固定座位的嘉宾回到原位</translation>
    </message>
    <message>
        <source>moves a pinned guest</source>
        <translation>移动了固定座位的嘉宾</translation>
    </message>
    <message>
        <source>parts colleagues</source>
        <translation>同事分开坐</translation>
    </message>
    <message>
        <source>seats colleagues together</source>
        <translation>同事坐到同一桌</translation>
    </message>
    <message>
        <source>brings friends together</source>
        <translation>朋友坐到一起</translation>
    </message>
    <message>
        <source>splits friends</source>
        <translation>朋友被分开</translation>
    </message>
    <message>
        <source>men and women more even</source>
        <translation>男女更均衡</translation>
    </message>
    <message>
        <source>men and women less even</source>
        <translation>男女更不均</translation>
    </message>
    <message>
        <source>fewer same-sex neighbours</source>
        <translation>同性相邻减少</translation>
    </message>
    <message>
        <source>more same-sex neighbours</source>
        <translation>同性相邻增加</translation>
    </message>
    <message>
        <source>fewer same-sex pairs facing</source>
        <translation>同性相对减少</translation>
    </message>
    <message>
        <source>more same-sex pairs facing</source>
        <translation>同性相对增加</translation>
    </message>
    <message>
        <source>tables filled more evenly</source>
        <translation>各桌人数更均匀</translation>
    </message>
    <message>
        <source>tables filled less evenly</source>
        <translation>各桌人数更不均</translation>
    </message>
    <message>
        <source>Show the whole plan</source>
        <translation>显示整个座位图</translation>
    </message>
    <message>
        <source>Hard rules</source>
        <translation>硬性要求</translation>
    </message>
    <message>
        <source>Wishes</source>
        <translation>安排意愿</translation>
    </message>
    <message>
        <source>{men} men and {women} women seated</source>
        <translation>已入座男 {men} 人、女 {women} 人</translation>
    </message>
    <message>
        <source>All met: everyone has a seat, pins are kept, colleagues sit apart and friends together.</source>
        <translation>全部满足：人人有座，固定座位不变，同事分桌，朋友同桌。</translation>
    </message>
    <message>
        <source>All met: men and women even and alternating at every table, tables evenly filled.</source>
        <translation>全部满足：每桌男女均衡、交替就座，各桌人数均匀。</translation>
    </message>
    <message>
        <source>{plate} → {where}: {what}</source>
        <translation>{plate} → {where}：{what}</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>better</source>
        <translation>更好</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>更差</translation>
    </message>
    <message>
        <source> ({changes})</source>
        <translation>（{changes}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Move {plate} off the seat</source>
        <translation>让 {plate} 离开座位</translation>
    </message>
    <message>
        <source>Move {plate} to table {table}</source>
        <translation>把 {plate} 移到 {table} 号桌</translation>
    </message>
    <message>
        <source>Lock seat</source>
        <translation>锁定座位</translation>
    </message>
    <message>
        <source>Unlock seat</source>
        <translation>解锁座位</translation>
    </message>
    <message>
        <source>Pin {plate}</source>
        <translation>固定 {plate}</translation>
    </message>
    <message>
        <source>Unpin {plate}</source>
        <translation>取消固定 {plate}</translation>
    </message>
    <message>
        <source>Move table {table}</source>
        <translation>移动 {table} 号桌</translation>
    </message>
    <message>
        <source>Remove table</source>
        <translation>删除桌子</translation>
    </message>
    <message>
        <source>Remove table {table}? Its guests lose their seats.</source>
        <translation>删除 {table} 号桌？该桌嘉宾将失去座位。</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <source>Pin to this seat</source>
        <translation>固定在此座位</translation>
    </message>
    <message>
        <source>Take off the seat</source>
        <translation>离开座位</translation>
    </message>
    <message>
        <source>Lock seat (keep it empty)</source>
        <translation>锁定座位（保持空位）</translation>
    </message>
    <message>
        <source>Edit table…</source>
        <translation>编辑桌子…</translation>
    </message>
    <message>
        <source>Arranged {n} guests in {s:.1f} s ({how}). The result is above.</source>
        <translation>已在 {s:.1f} 秒内为 {n} 位嘉宾排好座位（{how}），结果见上方。</translation>
    </message>
    <message>
        <source>Arrangement cancelled; the plan is unchanged.</source>
        <translation>已取消排座，座位保持不变。</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>Edit table</source>
        <translation>编辑桌子</translation>
    </message>
    <message>
        <source>Add tables</source>
        <translation>添加桌子</translation>
    </message>
    <message>
        <source>Optional line on the table tent</source>
        <translation>桌牌上的附加文字（选填）</translation>
    </message>
    <message>
        <source>Number of tables</source>
        <translation>桌数</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>桌号</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>桌型</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>座位数</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Long tables have an even number of seats, half on each side.</source>
        <translation>长桌座位数为偶数，两侧各一半。</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Walk-in at “{name}”</source>
        <translation>“{name}”现场报名</translation>
    </message>
    <message>
        <source>Present now (checked in)</source>
        <translation>本人已到场（签到）</translation>
    </message>
    <message>
        <source>Allow beyond the quota (recorded in the audit log)</source>
        <translation>允许超出名额（记入审计日志）</translation>
    </message>
    <message>
        <source>Register walk-in</source>
        <translation>登记现场报名</translation>
    </message>
    <message>
        <source>No place is free for this person. Tick “Allow beyond the quota” to register them all the same.</source>
        <translation>此人没有剩余名额。如仍要登记，请勾选“允许超出名额”。</translation>
    </message>
    <message>
        <source>Registering</source>
        <translation>正在登记</translation>
    </message>
</context>
</TS>
