<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AfterPanel</name>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>到场率</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>未到</translation>
    </message>
    <message>
        <source>Walk-ins</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <source>With a match</source>
        <translation>配对成功人数</translation>
    </message>
    <message>
        <source>Print result slips…</source>
        <translation>打印结果单…</translation>
    </message>
    <message>
        <source>Create walk-ins&apos; case files and record attendance</source>
        <translation>为现场报名者建档并登记到场</translation>
    </message>
    <message>
        <source>Create introductions for mutual matches</source>
        <translation>为双向心动配对创建牵线</translation>
    </message>
    <message>
        <source>At the office</source>
        <translation>办公室操作</translation>
    </message>
    <message>
        <source>Mutual matches</source>
        <translation>双向心动</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Cards counted</source>
        <translation>计入的心动卡</translation>
    </message>
    <message>
        <source>Man</source>
        <translation>男方</translation>
    </message>
    <message>
        <source>Woman</source>
        <translation>女方</translation>
    </message>
    <message>
        <source>Pair</source>
        <translation>配对</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Why not</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>怎么办</translation>
    </message>
    <message>
        <source>Open case file</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Open the case file of the member in the selected row (or double-click the row).</source>
        <translation>打开所选行会员的档案（也可双击该行）。</translation>
    </message>
    <message>
        <source>Introductions not created</source>
        <translation>未能创建的牵线</translation>
    </message>
    <message>
        <source>Event summary (only people present count)</source>
        <translation>活动汇总（只统计到场的人）</translation>
    </message>
    <message>
        <source>Nobody is checked in yet: there is no slip to print.</source>
        <translation>还没有人签到，暂无结果单可打印。</translation>
    </message>
    <message>
        <source>Mutual pairs: {pairs} · duplicate scans: {dups} · refused scans: {refused} · walk-ins without a case file: {waiting}</source>
        <translation>双向心动 {pairs} 对 · 重复签到 {dups} 次 · 未通过扫码 {refused} 次 · 尚未建档的现场报名 {waiting} 人</translation>
    </message>
    <message>
        <source>{n} interest cards are kept aside: their owners ({plates}) have no check-in. They count once you confirm attendance on the Interest cards tab.</source>
        <translation>有 {n} 张心动卡暂放一边：卡主（{plates}）没有签到记录。在“心动卡”页确认到场后即计入。</translation>
    </message>
    <message>
        <source>{n} interest cards belong to registrations that hold no place ({plates}: cancelled, pending or on the waiting list): they do not count unless the organiser approves the registration under Events.</source>
        <translation>有 {n} 张心动卡的报名不占名额（{plates}：已取消、待审核或候补中）：除非组织者在“活动”中通过其报名，否则不计入。</translation>
    </message>
    <message>
        <source>Choose the event.</source>
        <translation>请先选择活动。</translation>
    </message>
    <message>
        <source>Nobody is checked in for this event yet, so there are no matches. Check people in on the Check-in tab (or confirm attendance on the Interest cards tab).</source>
        <translation>本场活动还没有人签到，因此没有配对结果。请在“签到”页签到（或在“心动卡”页确认到场）。</translation>
    </message>
    <message>
        <source>No interest cards counted yet: enter them on the Interest cards tab.</source>
        <translation>还没有计入的心动卡：请在“心动卡”页录入。</translation>
    </message>
    <message>
        <source>No mutual matches: nobody ticked someone who ticked them back.</source>
        <translation>暂无双向心动：还没有两人互相勾选。</translation>
    </message>
    <message>
        <source>Updating the case files</source>
        <translation>正在更新档案</translation>
    </message>
    <message>
        <source>Case files created: {created}, linked to existing ones: {linked}, marked attended: {attended}.</source>
        <translation>新建档案 {created} 份，关联已有档案 {linked} 份，登记到场 {attended} 人。</translation>
    </message>
    <message>
        <source>Left for you to check:</source>
        <translation>需要您核对：</translation>
    </message>
    <message>
        <source>Creating introductions</source>
        <translation>正在创建牵线</translation>
    </message>
    <message>
        <source>Introductions created: {created} (already there: {existing}).</source>
        <translation>已创建牵线 {created} 条（已存在 {existing} 条）。</translation>
    </message>
    <message>
        <source>{n} pairs were not introduced: see why below, fix it and press the button again.</source>
        <translation>有 {n} 对未能牵线：原因见下表，处理后再点一次按钮即可。</translation>
    </message>
    <message>
        <source>both</source>
        <translation>双方</translation>
    </message>
    <message>
        <source>result-slips-{code}.pdf</source>
        <translation>心动结果单-{code}.pdf</translation>
    </message>
    <message>
        <source>Save the result slips</source>
        <translation>保存结果单</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{n} result slips on {pages} pages, in number order, two to a sheet: cut along the dashed line and hand each one to its owner in private.</source>
        <translation>共 {n} 张结果单，{pages} 页，按号码排序，每页两张：沿虚线裁开，单独交给本人。</translation>
    </message>
    <message>
        <source>{summary} Saved to: {path}</source>
        <translation>{summary} 已保存到：{path}</translation>
    </message>
    <message>
        <source>Result slips</source>
        <translation>结果单</translation>
    </message>
    <message>
        <source>Printing result slips</source>
        <translation>正在打印结果单</translation>
    </message>
</context>
<context>
    <name>CardsPanel</name>
    <message>
        <source>No check-in for {who}</source>
        <translation>{who} 没有签到记录</translation>
    </message>
    <message>
        <source>{who} has no check-in at this event, and only the cards of people present count for matches. Was {who} there?</source>
        <translation>{who} 在本场活动没有签到记录，只有到场者的心动卡才计入配对。{who} 当时在场吗？</translation>
    </message>
    <message>
        <source>Yes: record attendance, then enter the card</source>
        <translation>在场：补记到场，再录入心动卡</translation>
    </message>
    <message>
        <source>Keep the card aside</source>
        <translation>先放一边（不计入）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>e.g. M05</source>
        <translation>例如 M05</translation>
    </message>
    <message>
        <source>e.g. 3 7 12 (or F03 F07); empty = none ticked</source>
        <translation>例如 3 7 12（或 F03 F07）；留空表示未勾选</translation>
    </message>
    <message>
        <source>Delete this card</source>
        <translation>删除这张卡</translation>
    </message>
    <message>
        <source>Confirm attendance</source>
        <translation>确认到场</translation>
    </message>
    <message>
        <source>The selected person was at the event: record their attendance so that their card counts.</source>
        <translation>所选的人确实到场了：补记到场，其心动卡随即计入。</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Numbers ticked</source>
        <translation>勾选的号码</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>是否计入</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>心动卡号码</translation>
    </message>
    <message>
        <source>Type the card&apos;s number and press Enter, then the numbers ticked on it and press Enter again. A bare number means the other sex (3 on a man&apos;s card is F03).</source>
        <translation>先输入心动卡上的本人号码并按回车，再输入卡上勾选的号码并按回车。只写数字表示异性号码（男士卡上的 3 即 F03）。</translation>
    </message>
    <message>
        <source>{plate}: attendance recorded.</source>
        <translation>{plate}：已补记到场。</translation>
    </message>
    <message>
        <source>{plate}: attendance not recorded ({why}). The card is kept aside.</source>
        <translation>{plate}：未能补记到场（{why}），心动卡暂放一边。</translation>
    </message>
    <message>
        <source>Entered already: {ticks}. Enter the ticks again to correct it.</source>
        <translation>已录入：{ticks}。重新输入勾选号码即可更正。</translation>
    </message>
    <message>
        <source>none ticked</source>
        <translation>未勾选</translation>
    </message>
    <message>
        <source>New card {plate}.</source>
        <translation>新卡 {plate}。</translation>
    </message>
    <message>
        <source>It will be kept aside (no check-in): it does not count until attendance is confirmed.</source>
        <translation>这张卡将暂放一边（没有签到记录）：确认到场后才计入。</translation>
    </message>
    <message>
        <source>{plate}: unchanged ({ticks}).</source>
        <translation>{plate}：无变化（{ticks}）。</translation>
    </message>
    <message>
        <source>{plate}: corrected ({ticks}).</source>
        <translation>{plate}：已更正（{ticks}）。</translation>
    </message>
    <message>
        <source>{plate}: saved ({ticks}).</source>
        <translation>{plate}：已保存（{ticks}）。</translation>
    </message>
    <message>
        <source>Kept aside: {plate} has no check-in, so the card does not count yet.</source>
        <translation>已暂放：{plate} 没有签到记录，这张卡暂不计入。</translation>
    </message>
    <message>
        <source>{plate}: attendance recorded; the card counts now.</source>
        <translation>{plate}：已补记到场，心动卡已计入。</translation>
    </message>
    <message>
        <source>Cards that count: {cards} / people present: {attendees}</source>
        <translation>计入的心动卡 {cards} 张 / 到场 {attendees} 人</translation>
    </message>
    <message>
        <source>kept aside (no check-in): {aside}</source>
        <translation>暂放（未签到）{aside} 张</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>计入</translation>
    </message>
    <message>
        <source>kept aside: no check-in</source>
        <translation>暂放：未签到</translation>
    </message>
    <message>
        <source>Note: same sex ticked: {plates}.</source>
        <translation>注意：勾选了同性号码 {plates}。</translation>
    </message>
    <message>
        <source>{who} has no check-in, and the registration holds no place (status: {status}), so the card can only be kept aside. If {who} was there, the organiser approves the registration under Events; then confirm attendance here.</source>
        <translation>{who} 没有签到记录，报名也没有占到名额（状态：{status}），这张卡只能先放一边。如 {who} 确实到场，请组织者先在“活动”中通过其报名，再回到这里确认到场。</translation>
    </message>
    <message>
        <source>Type the card&apos;s number first.</source>
        <translation>请先输入心动卡号码。</translation>
    </message>
    <message>
        <source>Delete card</source>
        <translation>删除心动卡</translation>
    </message>
    <message>
        <source>Delete the card entered for {plate}?</source>
        <translation>删除 {plate} 已录入的心动卡吗？</translation>
    </message>
    <message>
        <source>Card {plate} deleted.</source>
        <translation>已删除 {plate} 的心动卡。</translation>
    </message>
</context>
<context>
    <name>CheckinLabels</name>
    <message>
        <source>Checked in</source>
        <translation>签到成功</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>已经签到过</translation>
    </message>
    <message>
        <source>Badge of another event</source>
        <translation>其他活动的胸牌</translation>
    </message>
    <message>
        <source>Registration cancelled</source>
        <translation>报名已取消</translation>
    </message>
    <message>
        <source>On the waiting list</source>
        <translation>在候补名单上</translation>
    </message>
    <message>
        <source>Not a badge of this system</source>
        <translation>不是本系统的胸牌</translation>
    </message>
    <message>
        <source>Badge code fails its check</source>
        <translation>胸牌码校验未通过</translation>
    </message>
    <message>
        <source>Not on this laptop&apos;s list</source>
        <translation>本机名单上没有此胸牌</translation>
    </message>
    <message>
        <source>This laptop cannot check this event&apos;s badges</source>
        <translation>本机无法核验本场胸牌</translation>
    </message>
    <message>
        <source>Code not recognised</source>
        <translation>无法识别的码</translation>
    </message>
    <message>
        <source>Registration not approved yet</source>
        <translation>报名尚未通过</translation>
    </message>
    <message>
        <source>What was scanned is not the QR code of a badge or e-ticket of this system.</source>
        <translation>扫到的不是本系统胸牌或电子票上的二维码。</translation>
    </message>
    <message>
        <source>The code names this event but fails its security check: the badge may have been copied, altered or made up.</source>
        <translation>码上写的是本场活动，但防伪校验未通过：胸牌可能被复制、涂改或伪造。</translation>
    </message>
    <message>
        <source>A valid badge of this event, but no registration on this laptop has it (the list here may be out of date). The scan is kept for the office to resolve.</source>
        <translation>这是本场活动的有效胸牌，但本机名单上找不到对应的报名（本机名单可能不是最新的）。本次扫码已记下，留待办公室核对。</translation>
    </message>
    <message>
        <source>This laptop does not hold the event&apos;s QR key.</source>
        <translation>本机没有本场活动的二维码密钥。</translation>
    </message>
    <message>
        <source>Admit only if a place is free: the organiser promotes the registration under Events, then scan again.</source>
        <translation>有空位才能入场：请组织者在“活动”中为其候补转正，然后再扫码。</translation>
    </message>
    <message>
        <source>The organiser approves the registration under Events; then scan again.</source>
        <translation>请组织者在“活动”中通过此报名，然后再扫码。</translation>
    </message>
    <message>
        <source>Check the person&apos;s ID, then find them under Manual search; tell the organiser.</source>
        <translation>请核对本人身份，再在右侧“手工查找”中找到并签到；并告知组织者。</translation>
    </message>
    <message>
        <source>Find the person under Manual search or register them as a walk-in. Sync or import the latest event pack to bring the list up to date.</source>
        <translation>请在右侧“手工查找”中找到此人，或按现场报名登记。同步或导入最新的活动包即可更新名单。</translation>
    </message>
    <message>
        <source>Import the event pack again (or sync), then scan again.</source>
        <translation>请重新导入活动包（或同步）后再扫码。</translation>
    </message>
    <message>
        <source>Ask for this event&apos;s badge or e-ticket, or find the person under Manual search.</source>
        <translation>请对方出示本场活动的胸牌或电子票，或在右侧“手工查找”中找到此人。</translation>
    </message>
    <message>
        <source>No need to check in again. If this is not the same person, check their ID and tell the organiser.</source>
        <translation>无需重复签到。如与先前签到的不是同一人，请核对身份并告知组织者。</translation>
    </message>
    <message>
        <source>Ask which event they came for. If they registered for this one, find them under Manual search.</source>
        <translation>请问清对方要参加哪场活动；如报名的是本场，请在右侧“手工查找”中找到并签到。</translation>
    </message>
    <message>
        <source>Ask them to see the organiser: once the registration is reopened and approved, scan again.</source>
        <translation>请对方联系组织者：报名恢复并通过后再扫码。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手工</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>现场报名</translation>
    </message>
    <message>
        <source>Attendance confirmed afterwards</source>
        <translation>事后确认到场</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部</translation>
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
        <source>Age unknown</source>
        <translation>年龄未知</translation>
    </message>
    <message>
        <source>Other ages</source>
        <translation>其他年龄</translation>
    </message>
    <message>
        <source>Aged {band}</source>
        <translation>{band} 岁</translation>
    </message>
    <message>
        <source>this laptop</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>laptop {code}</source>
        <translation>笔记本 {code}</translation>
    </message>
    <message>
        <source>Verify the member first (real name, union membership, employment, declaration), then set the case file to Active.</source>
        <translation>请先完成核验（实名、会员身份、工作单位、单身承诺），再把档案状态改为“活跃”。</translation>
    </message>
    <message>
        <source>The member is verified: set the case file to Active.</source>
        <translation>该会员已核验：把档案状态改为“活跃”即可。</translation>
    </message>
    <message>
        <source>The member paused matchmaking: set the case file back to Active only if they agree.</source>
        <translation>该会员已暂停交友：征得本人同意后再恢复为“活跃”。</translation>
    </message>
    <message>
        <source>The member is no longer looking: no introduction is needed. Tell the other side&apos;s matchmaker.</source>
        <translation>该会员已不再寻找对象，无需牵线；请告知对方的红娘。</translation>
    </message>
    <message>
        <source>Case file status is “{status}”; it must be “{active}” to be introduced.</source>
        <translation>档案状态为“{status}”，需为“{active}”才能牵线。</translation>
    </message>
    <message>
        <source>No consent “{type}” in force: the profile may not be shown to a candidate.</source>
        <translation>没有有效的“{type}”同意：不能向对方展示其资料。</translation>
    </message>
    <message>
        <source>Ask the member; if they agree, record the consent in the case file.</source>
        <translation>请征询本人意见；本人同意后在档案中登记该项同意。</translation>
    </message>
    <message>
        <source>These two were introduced before (stage: {stage}).</source>
        <translation>两人之前已有牵线（当前阶段：{stage}）。</translation>
    </message>
    <message>
        <source>Nothing to create: follow the existing introduction under Matching.</source>
        <translation>无需重复创建：请在“配对”中跟进已有的牵线。</translation>
    </message>
    <message>
        <source>Flagged as suspected fraud: new introductions are blocked.</source>
        <translation>已标记疑似诈骗：不能发起新的牵线。</translation>
    </message>
    <message>
        <source>Look into the flag in the case file; lift it only once it is cleared.</source>
        <translation>请在档案中核查该标记；确认无问题后再解除。</translation>
    </message>
    <message>
        <source>These two must not be introduced to each other (blocked).</source>
        <translation>两人已被设为不得牵线。</translation>
    </message>
    <message>
        <source>Leave it, or lift the block under Matching if it no longer applies.</source>
        <translation>维持不变；如限制已不适用，可在“配对”中解除。</translation>
    </message>
    <message>
        <source>Both are of the same sex.</source>
        <translation>两人性别相同。</translation>
    </message>
    <message>
        <source>Check the interest cards: a number may have been typed wrong.</source>
        <translation>请核对心动卡：可能有号码录错。</translation>
    </message>
    <message>
        <source>The case file belongs to another district&apos;s office.</source>
        <translation>该档案属于其他区的工会办公室。</translation>
    </message>
    <message>
        <source>Ask that office&apos;s matchmaker to make the introduction.</source>
        <translation>请联系该区红娘牵线。</translation>
    </message>
    <message>
        <source>A walk-in without a case file yet.</source>
        <translation>现场报名者还没有建档。</translation>
    </message>
    <message>
        <source>Press “Create walk-ins&apos; case files and record attendance” first, then try again.</source>
        <translation>请先点“为现场报名者建档并登记到场”，再试一次。</translation>
    </message>
    <message>
        <source>The case file is not on this laptop.</source>
        <translation>本机没有该档案。</translation>
    </message>
    <message>
        <source>Sync, then try again.</source>
        <translation>请同步后再试。</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <source>Station…</source>
        <translation>工位…</translation>
    </message>
    <message>
        <source>This laptop&apos;s letter for walk-in numbers (MA01, FA01...). Each laptop of one event needs its own.</source>
        <translation>本机现场报名号码使用的字母（MA01、FA01……）。同一活动的每台笔记本须使用不同字母。</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Interest cards</source>
        <translation>心动卡</translation>
    </message>
    <message>
        <source>After the event</source>
        <translation>活动结束后</translation>
    </message>
    <message>
        <source>Venue packs</source>
        <translation>活动包</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>{event} · today</source>
        <translation>{event} · 今天</translation>
    </message>
    <message>
        <source>No event on this laptop yet</source>
        <translation>本机还没有活动</translation>
    </message>
    <message>
        <source>Import the event pack from the office on the “Venue packs” tab, or connect this laptop to the union server under 同步.</source>
        <translation>请在“活动包”页导入办公室给的活动包，或在“同步”中把本机连接到工会服务器。</translation>
    </message>
    <message>
        <source>Station {letter}</source>
        <translation>工位 {letter}</translation>
    </message>
    <message>
        <source>Station letter</source>
        <translation>工位字母</translation>
    </message>
    <message>
        <source>Letter of this laptop for walk-in numbers:</source>
        <translation>本机现场报名号码使用的字母：</translation>
    </message>
    <message>
        <source>No event on this laptop yet: import an event pack or sync.</source>
        <translation>本机还没有活动：请导入活动包或同步。</translation>
    </message>
    <message>
        <source>Arrived {arrived} / {expected}   ·   men {m_arrived} / {m_expected}   ·   women {f_arrived} / {f_expected}   ·   walk-ins {walk_ins}</source>
        <translation>已到 {arrived} / {expected}   ·   男 {m_arrived} / {m_expected}   ·   女 {f_arrived} / {f_expected}   ·   现场报名 {walk_ins}</translation>
    </message>
    <message>
        <source>Badge saved to {path} and opened for printing.</source>
        <translation>胸牌已保存到 {path}，并已打开以便打印。</translation>
    </message>
    <message>
        <source>Walk-in checked in</source>
        <translation>现场报名并已签到</translation>
    </message>
    <message>
        <source>Number {plate} · {name}</source>
        <translation>号码 {plate} · {name}</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>退出全屏</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This event is not on this laptop.</source>
        <translation>本机没有这个活动。</translation>
    </message>
    <message>
        <source>This person is not on the event&apos;s list on this laptop.</source>
        <translation>本机的活动名单中没有此人。</translation>
    </message>
    <message>
        <source>The scan no longer exists.</source>
        <translation>该签到记录已不存在。</translation>
    </message>
    <message>
        <source>Only an accepted check-in can be undone.</source>
        <translation>只能撤销成功的签到。</translation>
    </message>
    <message>
        <source>This check-in ({plate}) was undone already.</source>
        <translation>该签到（{plate}）已经撤销过。</translation>
    </message>
    <message>
        <source>Walk-ins can no longer be registered for this event.</source>
        <translation>该活动已不能再现场报名。</translation>
    </message>
    <message>
        <source>This person was registered here already, with number {plate}.</source>
        <translation>此人已在本机现场报名，号码 {plate}。</translation>
    </message>
    <message>
        <source>The station letter must be one of {allowed}.</source>
        <translation>工位字母只能是 {allowed} 之一。</translation>
    </message>
    <message>
        <source>This laptop lacks the event&apos;s QR key: import the event pack again.</source>
        <translation>本机缺少该活动的二维码密钥：请重新导入活动包。</translation>
    </message>
    <message>
        <source>Station {station} has used all its walk-in numbers: choose another station letter.</source>
        <translation>工位 {station} 的现场报名号码已用完：请换一个工位字母。</translation>
    </message>
    <message>
        <source>Number {plate} is taken by another registration: give this walk-in a new badge.</source>
        <translation>号码 {plate} 已被其他报名占用：请为该现场报名者重新制作胸牌。</translation>
    </message>
    <message>
        <source>No one has number {plate} at this event.</source>
        <translation>本场活动没有 {plate} 号。</translation>
    </message>
    <message>
        <source>Number {plate} is ambiguous: type the letter too (M or F).</source>
        <translation>号码 {plate} 不明确：请连同字母（M 或 F）一起输入。</translation>
    </message>
    <message>
        <source>A card cannot tick its own number ({plate}).</source>
        <translation>心动卡不能勾选本人号码（{plate}）。</translation>
    </message>
    <message>
        <source>No card was entered for {plate}.</source>
        <translation>{plate} 还没有录入心动卡。</translation>
    </message>
    <message>
        <source>One of the two has no case file yet (a walk-in): create the case files first.</source>
        <translation>其中一人（现场报名）尚未建档：请先建档。</translation>
    </message>
    <message>
        <source>This is not an xzdesk venue pack, or the file is damaged.</source>
        <translation>这不是 xzdesk 活动包，或文件已损坏。</translation>
    </message>
    <message>
        <source>Pack format {version} is not supported by this version of xzdesk: please update.</source>
        <translation>当前版本不支持活动包格式 {version}：请升级 xzdesk。</translation>
    </message>
    <message>
        <source>The pack passphrase is wrong (or this is not the file that was exported).</source>
        <translation>活动包口令不对（或这不是导出的那个文件）。</translation>
    </message>
    <message>
        <source>The pack was altered or damaged and is refused.</source>
        <translation>活动包被改动过或已损坏，已拒绝导入。</translation>
    </message>
    <message>
        <source>This return pack does not come from a laptop prepared with one of this office&apos;s event packs. It is refused.</source>
        <translation>这个回传包不是来自导入过本办公室活动包的笔记本，已拒绝导入。</translation>
    </message>
    <message>
        <source>This pack was made on this laptop and cannot be imported here.</source>
        <translation>这个活动包是在本机生成的，不能在本机导入。</translation>
    </message>
    <message>
        <source>The pack passphrase is needed.</source>
        <translation>需要输入活动包口令。</translation>
    </message>
    <message>
        <source>The passphrase is too short: at least {minimum} characters.</source>
        <translation>口令太短：至少 {minimum} 个字符。</translation>
    </message>
    <message>
        <source>This laptop does not hold event {event_code}.</source>
        <translation>本机没有活动 {event_code}。</translation>
    </message>
    <message>
        <source>The pack asks for key settings this version of xzdesk never writes (it may be forged). It was not opened.</source>
        <translation>活动包要求的密钥参数不是本版本会写入的参数（可能是伪造的），未打开。</translation>
    </message>
    <message>
        <source>This laptop opened an event pack of this event: its return pack is sealed with that pack&apos;s key, without a passphrase.</source>
        <translation>本机导入过该活动的活动包：回传包用该活动包的回传密钥加密，不需要口令。</translation>
    </message>
    <message>
        <source>A return pack sealed with a passphrase is only for a venue laptop prepared by sync. This laptop is not connected to a union server: use the return key of the event pack.</source>
        <translation>用口令加密的回传包只用于经同步准备的现场电脑。本机未接入工会服务器：请使用活动包的回传密钥。</translation>
    </message>
    <message>
        <source>This is not a badge code.</source>
        <translation>这不是胸牌二维码。</translation>
    </message>
    <message>
        <source>Came to the event, but the registration is not approved (status: {status}): approve it or mark attendance by hand.</source>
        <translation>此人已到场，但报名尚未通过（状态：{status}）：请审核通过或手工登记到场。</translation>
    </message>
    <message>
        <source>These fields cannot be changed here.</source>
        <translation>这些字段不能在这里修改。</translation>
    </message>
    <message>
        <source>The walk-in record no longer exists.</source>
        <translation>该现场报名记录已不存在。</translation>
    </message>
    <message>
        <source>An event code has {length} letters or digits.</source>
        <translation>活动码应为 {length} 位字母或数字。</translation>
    </message>
    <message>
        <source>This is not a valid event id.</source>
        <translation>活动 ID 格式不对。</translation>
    </message>
    <message>
        <source>The event&apos;s QR key is not valid: import the event pack again.</source>
        <translation>活动的二维码密钥无效，请重新导入活动包。</translation>
    </message>
</context>
<context>
    <name>PacksPanel</name>
    <message>
        <source>Export event pack for a venue laptop…</source>
        <translation>为现场笔记本导出活动包…</translation>
    </message>
    <message>
        <source>Import a pack…</source>
        <translation>导入活动包…</translation>
    </message>
    <message>
        <source>Export return pack for the office…</source>
        <translation>导出回传包交给办公室…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>活动包</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>办公室</translation>
    </message>
    <message>
        <source>Venue laptop</source>
        <translation>现场笔记本</translation>
    </message>
    <message>
        <source>After the event, take this laptop&apos;s check-ins, walk-ins and interest cards back to the office:</source>
        <translation>活动结束后，把本机的签到记录、现场报名和心动卡带回办公室：</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>两处通用</translation>
    </message>
    <message>
        <source>A venue laptop imports the office&apos;s event pack; the office imports the venue&apos;s return pack:</source>
        <translation>现场笔记本导入办公室给的活动包；办公室导入现场带回的回传包：</translation>
    </message>
    <message>
        <source>Without network: export an event pack at the office, import it on the venue laptop with its passphrase; after the event export the return pack there and import it here. Importing a pack twice changes nothing.</source>
        <translation>无网络时：在办公室导出活动包，在现场笔记本上凭口令导入；活动结束后在现场导出回传包，再回到办公室导入。同一个包重复导入不会有任何改变。</translation>
    </message>
    <message>
        <source>Packs made or imported on this laptop</source>
        <translation>本机生成或导入过的活动包</translation>
    </message>
    <message>
        <source>No event chosen: the office writes the pack of the event chosen at the top of this screen.</source>
        <translation>尚未选择活动：办公室导出的是本页顶部所选活动的活动包。</translation>
    </message>
    <message>
        <source>The venue list of this event follows its registrations by itself ({n} people expected): approvals, cancellations, the waiting list and seats reach it at once. Venue laptops enrolled by sync get it at their next sync; a laptop without network gets it in an event pack:</source>
        <translation>本场签到名单随报名自动更新（应到 {n} 人）：通过、取消、候补转正和座位调整都会立即生效。已同步登记的现场笔记本在下次同步时收到；没有网络的笔记本用活动包带过去：</translation>
    </message>
    <message>
        <source>event pack made</source>
        <translation>已导出活动包</translation>
    </message>
    <message>
        <source>event pack imported</source>
        <translation>已导入活动包</translation>
    </message>
    <message>
        <source>return pack made</source>
        <translation>已导出回传包</translation>
    </message>
    <message>
        <source>return pack imported</source>
        <translation>已导入回传包</translation>
    </message>
    <message>
        <source>Where to write the event pack (e.g. the USB stick)</source>
        <translation>活动包保存位置（如 U 盘）</translation>
    </message>
    <message>
        <source>Writing the event pack</source>
        <translation>正在写入活动包</translation>
    </message>
    <message>
        <source>Event pack for station {station} written: {path}</source>
        <translation>工位 {station} 的活动包已写入：{path}</translation>
    </message>
    <message>
        <source>Where to write the return pack (e.g. the USB stick)</source>
        <translation>回传包保存位置（如 U 盘）</translation>
    </message>
    <message>
        <source>Writing the return pack</source>
        <translation>正在写入回传包</translation>
    </message>
    <message>
        <source>Return pack passphrase</source>
        <translation>回传包口令</translation>
    </message>
    <message>
        <source>This laptop was prepared by sync, not with an event pack. Choose a passphrase (at least 12 characters) and tell it to the office:</source>
        <translation>本机是通过同步准备的，没有导入活动包。请设一个口令（至少 12 个字符），并告知办公室：</translation>
    </message>
    <message>
        <source>Return pack written: {path} ({scans} scans, {walk_ins} walk-ins, {cards} cards).</source>
        <translation>回传包已写入：{path}（签到记录 {scans} 条，现场报名 {walk_ins} 人，心动卡 {cards} 张）。</translation>
    </message>
    <message>
        <source>Open a venue pack</source>
        <translation>打开活动包</translation>
    </message>
    <message>
        <source>Venue packs (*.xzpack)</source>
        <translation>活动包 (*.xzpack)</translation>
    </message>
    <message>
        <source>Pack passphrase</source>
        <translation>活动包口令</translation>
    </message>
    <message>
        <source>Passphrase of the pack for event {code}, as the office gave it (upper or lower case, with or without the hyphens):</source>
        <translation>活动 {code} 的活动包口令，按办公室告知的输入（大小写均可，连字符可输可不输）：</translation>
    </message>
    <message>
        <source>Importing the pack</source>
        <translation>正在导入活动包</translation>
    </message>
    <message>
        <source>This is event pack number {number} of “{name}”; number {latest} was imported here already. An older pack, or the same one again, changes nothing: import the newest pack from the office.</source>
        <translation>这是“{name}”的第 {number} 号活动包，本机已导入过第 {latest} 号。旧的或重复的活动包不会改动任何数据：请导入办公室最新导出的活动包。</translation>
    </message>
    <message>
        <source>This pack was imported before: nothing changed.</source>
        <translation>这个包以前导入过：没有任何改变。</translation>
    </message>
    <message>
        <source>Event “{name}” ready on this laptop: {n} rows added or updated.</source>
        <translation>活动“{name}”已在本机就绪：新增或更新 {n} 条记录。</translation>
    </message>
    <message>
        <source>Return pack of “{name}” imported: {n} new rows.</source>
        <translation>活动“{name}”的回传包已导入：新增 {n} 条记录。</translation>
    </message>
    <message>
        <source>Case files created: {created}, linked: {linked}, marked attended: {attended}.</source>
        <translation>新建档案 {created} 份，关联 {linked} 份，登记到场 {attended} 人。</translation>
    </message>
    <message>
        <source>{n} walk-ins need checking: see “After the event”.</source>
        <translation>{n} 名现场报名者需要核对：见“活动结束后”。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Pack passphrase</source>
        <translation>活动包口令</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>The event pack was written to {path}.
Tell this passphrase to the venue staff by phone or on paper kept apart from the USB stick: whoever has both can open the pack. It is not shown again.</source>
        <translation>活动包已写入 {path}。
请通过电话或另写在纸上（勿与 U 盘放在一起）把口令告知现场工作人员：同时拿到文件和口令的人即可打开活动包。口令不会再次显示。</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <source>Scan a badge here (or type its code and press Enter)</source>
        <translation>在此扫描胸牌（或输入代码后按回车）</translation>
    </message>
    <message>
        <source>Undo last check-in</source>
        <translation>撤销上一次签到</translation>
    </message>
    <message>
        <source>Walk-in…</source>
        <translation>现场报名…</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Camera unavailable</source>
        <translation>摄像头不可用</translation>
    </message>
    <message>
        <source>Sound on</source>
        <translation>声音：开</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Find: number, surname, nickname, phone last 4</source>
        <translation>查找：号码、姓氏、昵称、手机尾号 4 位</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>桌号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>报名状态</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Latest scans (all laptops)</source>
        <translation>最近签到记录（所有笔记本）</translation>
    </message>
    <message>
        <source>Manual search</source>
        <translation>手工查找</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Choose the event, then scan badges.</source>
        <translation>请先选择活动，再扫描胸牌。</translation>
    </message>
    <message>
        <source>Camera scanning is unavailable: the Qt Multimedia library could not be loaded ({detail}). Use a USB scanner or the manual search.</source>
        <translation>无法使用摄像头扫码：Qt Multimedia 库无法加载（{detail}）。请使用 USB 扫码枪或手工查找。</translation>
    </message>
    <message>
        <source>No camera was found on this computer. Use a USB scanner or the manual search.</source>
        <translation>本机没有找到摄像头。请使用 USB 扫码枪或手工查找。</translation>
    </message>
    <message>
        <source>Scan badges now.</source>
        <translation>现在可以扫描胸牌。</translation>
    </message>
    <message>
        <source>No event chosen</source>
        <translation>未选择活动</translation>
    </message>
    <message>
        <source>Choose the event first.</source>
        <translation>请先选择活动。</translation>
    </message>
    <message>
        <source>Number {who}</source>
        <translation>号码 {who}</translation>
    </message>
    <message>
        <source> · table {table}</source>
        <translation> · {table} 号桌</translation>
    </message>
    <message>
        <source>{who}: checked in at {time} on {device}.</source>
        <translation>{who}：已于 {time} 在{device}签到。</translation>
    </message>
    <message>
        <source>This badge is for “{event}” on {date}.</source>
        <translation>这枚胸牌属于 {date} 的“{event}”。</translation>
    </message>
    <message>
        <source>This badge is for “{event}”.</source>
        <translation>这是活动“{event}”的胸牌。</translation>
    </message>
    <message>
        <source>This badge is for an event this laptop does not hold.</source>
        <translation>这枚胸牌属于本机没有的另一场活动。</translation>
    </message>
    <message>
        <source>{who}: the registration was cancelled.</source>
        <translation>{who}：报名已取消。</translation>
    </message>
    <message>
        <source>{who}: the registration is not approved (status: {status}).</source>
        <translation>{who}：报名尚未通过（状态：{status}）。</translation>
    </message>
    <message>
        <source>Same code again within 3 seconds: ignored.</source>
        <translation>3 秒内重复扫描同一代码：已忽略。</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的签到</translation>
    </message>
    <message>
        <source>No check-in on this laptop is in force.</source>
        <translation>本机没有有效的签到记录。</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>撤销签到</translation>
    </message>
    <message>
        <source>Undo the check-in of {who}?</source>
        <translation>撤销 {who} 的签到吗？</translation>
    </message>
    <message>
        <source>Check-in undone</source>
        <translation>签到已撤销</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>ends {last4}</source>
        <translation>尾号 {last4}</translation>
    </message>
    <message>
        <source>yes (recorded by the office)</source>
        <translation>已到（办公室登记）</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>声音：关</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Walk-in registration</source>
        <translation>现场报名</translation>
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
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Nickname (optional)</source>
        <translation>昵称（选填）</translation>
    </message>
    <message>
        <source>Read the privacy notice to the person (or let them read it) before ticking their consent. Basic processing is required; the others are their choice.</source>
        <translation>勾选同意前，请向本人宣读（或请其阅读）隐私告知。基本信息处理为必选，其余由本人决定。</translation>
    </message>
    <message>
        <source>Register, check in and print badge</source>
        <translation>登记、签到并打印胸牌</translation>
    </message>
    <message>
        <source>Consents given on the spot:</source>
        <translation>本人现场给予的同意：</translation>
    </message>
    <message>
        <source>Registering</source>
        <translation>正在登记</translation>
    </message>
    <message>
        <source>The badge could not be printed</source>
        <translation>胸牌未能打印</translation>
    </message>
</context>
</TS>
