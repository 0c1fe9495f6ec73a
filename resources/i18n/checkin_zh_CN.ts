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
        <source>Arrived</source>
        <translation>实到</translation>
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
        <source>Cards</source>
        <translation>心动卡</translation>
    </message>
    <message>
        <source>With a match</source>
        <translation>配对成功人数</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
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
        <source>Event summary</source>
        <translation>活动汇总</translation>
    </message>
    <message>
        <source>Mutual pairs: {pairs} · duplicate scans: {dups} · refused scans: {refused} · walk-ins without a case file: {waiting}</source>
        <translation>双向心动 {pairs} 对 · 重复签到 {dups} 次 · 未通过扫码 {refused} 次 · 尚未建档的现场报名 {waiting} 人</translation>
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
        <source>Not created:</source>
        <translation>未创建：</translation>
    </message>
    <message>
        <source>Result slips</source>
        <translation>结果单</translation>
    </message>
    <message>
        <source>Each slip shows one person&apos;s mutual matches (numbers and nicknames only). Print them and hand each one over privately?</source>
        <translation>每张结果单只列出本人的双向心动对象（仅号码和昵称）。现在打印并私下逐一发放吗？</translation>
    </message>
    <message>
        <source>Printing result slips</source>
        <translation>正在打印结果单</translation>
    </message>
    <message>
        <source>{n} result slips on {pages} pages.</source>
        <translation>共 {n} 张结果单，{pages} 页。</translation>
    </message>
</context>
<context>
    <name>CardsPanel</name>
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
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Numbers ticked</source>
        <translation>勾选的号码</translation>
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
        <source>Note: {plate} has no check-in.</source>
        <translation>注意：{plate} 没有签到记录。</translation>
    </message>
    <message>
        <source>Note: same sex ticked: {plates}.</source>
        <translation>注意：勾选了同性号码 {plates}。</translation>
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
    <message>
        <source>Cards entered: {cards} / attendees: {attendees}</source>
        <translation>已录入心动卡 {cards} 张 / 到场 {attendees} 人</translation>
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
        <source>Registration not approved</source>
        <translation>报名未通过审核</translation>
    </message>
    <message>
        <source>Unknown or forged code</source>
        <translation>无法识别或伪造的二维码</translation>
    </message>
    <message>
        <source>Not a badge code.</source>
        <translation>这不是胸牌二维码。</translation>
    </message>
    <message>
        <source>The code fails its check: a copied or made-up badge.</source>
        <translation>二维码校验不通过：可能是复制或伪造的胸牌。</translation>
    </message>
    <message>
        <source>A valid code, but no registration here has it: ask the office.</source>
        <translation>二维码有效，但本机名单中没有此人：请联系办公室。</translation>
    </message>
    <message>
        <source>This laptop lacks the event&apos;s key: import the event pack again.</source>
        <translation>本机缺少该活动的密钥：请重新导入活动包。</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>on the waiting list</source>
        <translation>候补中</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>attended</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>no-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
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
        <source>This is not a badge code.</source>
        <translation>这不是胸牌二维码。</translation>
    </message>
    <message>
        <source>Came to the event, but the registration is {status}: approve it or mark attendance by hand.</source>
        <translation>此人已到场，但报名状态为 {status}：请审核通过或手工登记到场。</translation>
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
        <source>Publish the venue list (laptops enrolled by sync)</source>
        <translation>发布签到名单（供已同步登记的现场笔记本使用）</translation>
    </message>
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
        <source>Both</source>
        <translation>两处通用</translation>
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
        <source>Venue list published: {added} added, {updated} updated, {unchanged} unchanged. It reaches the enrolled venue laptops at their next sync.</source>
        <translation>签到名单已发布：新增 {added}，更新 {updated}，未变 {unchanged}。现场笔记本下次同步时收到。</translation>
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
        <source>This laptop was not prepared with an event pack. Choose a passphrase (at least 12 characters) and tell it to the office:</source>
        <translation>本机不是通过活动包准备的。请设定一个口令（至少 12 个字符），并告知办公室：</translation>
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
        <source>Passphrase of the pack for event {code}:</source>
        <translation>活动 {code} 的活动包口令：</translation>
    </message>
    <message>
        <source>Importing the pack</source>
        <translation>正在导入活动包</translation>
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
        <source>This badge is for “{event}”.</source>
        <translation>这是活动“{event}”的胸牌。</translation>
    </message>
    <message>
        <source>This badge is for another event.</source>
        <translation>这是其他活动的胸牌。</translation>
    </message>
    <message>
        <source>{who}: the registration was cancelled. Please see the organiser.</source>
        <translation>{who}：报名已取消。请找组织者。</translation>
    </message>
    <message>
        <source>{who}: the registration is {status}. Please see the organiser.</source>
        <translation>{who}：报名状态为{status}。请找组织者。</translation>
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
