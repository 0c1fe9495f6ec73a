<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchPanel</name>
    <message>
        <source>Preview suggestions</source>
        <translation>预览建议</translation>
    </message>
    <message>
        <source>Choose a caseload and preview: nothing is created until you confirm.</source>
        <translation>选择负责的会员名单并预览：确认之前不会创建任何介绍。</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Propose ticked pairs…</source>
        <translation>提议所选配对…</translation>
    </message>
    <message>
        <source>Caseload of</source>
        <translation>红娘名下会员：</translation>
    </message>
    <message>
        <source>Pairs per member</source>
        <translation>每人配对数</translation>
    </message>
    <message>
        <source>Propose ticked pairs ({n})…</source>
        <translation>提议所选配对（{n}）…</translation>
    </message>
    <message>
        <source>Working out suggestions…</source>
        <translation>正在计算建议…</translation>
    </message>
    <message>
        <source>Batch suggestions</source>
        <translation>批量建议</translation>
    </message>
    <message>
        <source>{pairs} pairs suggested for {caseload} active members of the caseload (nobody is double-booked). {unmatched} got fewer pairs than asked; {ineligible} cannot be matched now. Nothing has been created yet.</source>
        <translation>为名下 {caseload} 位活跃会员建议了 {pairs} 对（无人被重复安排）。{unmatched} 人得到的配对少于要求；{ineligible} 人目前无法参与配对。尚未创建任何介绍。</translation>
    </message>
    <message>
        <source>No preview.</source>
        <translation>无预览。</translation>
    </message>
    <message>
        <source>Propose introductions</source>
        <translation>提议介绍</translation>
    </message>
    <message>
        <source>Propose {n} introductions now? Each will appear on the board as “proposed”.</source>
        <translation>现在提议 {n} 个介绍吗？每个介绍都会以“已提议”出现在看板上。</translation>
    </message>
    <message>
        <source>Proposing introductions</source>
        <translation>正在提议介绍</translation>
    </message>
    <message>
        <source>{n} introductions proposed.</source>
        <translation>已提议 {n} 个介绍。</translation>
    </message>
    <message>
        <source>{n} skipped:</source>
        <translation>跳过 {n} 个：</translation>
    </message>
</context>
<context>
    <name>BatchPreviewModel</name>
    <message>
        <source>Propose</source>
        <translation>提议</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>Why suggested</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <source>(also in the caseload)</source>
        <translation>（也在名下）</translation>
    </message>
</context>
<context>
    <name>BlockDialog</name>
    <message>
        <source>Never suggest this pair</source>
        <translation>不再推荐这一对</translation>
    </message>
    <message>
        <source>{pair} will not be suggested to each other or introduced.</source>
        <translation>{pair} 今后不会被互相推荐或介绍。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>BoardPanel</name>
    <message>
        <source>Only mine</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <source>Only with overdue follow-ups</source>
        <translation>只看回访逾期的</translation>
    </message>
    <message>
        <source>Answer of A</source>
        <translation>A 方答复</translation>
    </message>
    <message>
        <source>Answer of B</source>
        <translation>B 方答复</translation>
    </message>
    <message>
        <source>Exchange contacts</source>
        <translation>交换联系方式</translation>
    </message>
    <message>
        <source>Show contacts…</source>
        <translation>查看联系方式…</translation>
    </message>
    <message>
        <source>Record meeting…</source>
        <translation>记录见面…</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>撤回…</translation>
    </message>
    <message>
        <source>Undo decline</source>
        <translation>撤销拒绝</translation>
    </message>
    <message>
        <source>Back to the answers, as if the decline had not been recorded</source>
        <translation>回到等待答复，就像没有记录过拒绝一样</translation>
    </message>
    <message>
        <source>Print slips</source>
        <translation>打印介绍单</translation>
    </message>
    <message>
        <source>One slip for each side, as a PDF</source>
        <translation>双方各一张介绍单（PDF）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Declined…</source>
        <translation>不同意…</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>全部进行中</translation>
    </message>
    <message>
        <source>{n} overdue</source>
        <translation>逾期 {n}</translation>
    </message>
    <message>
        <source>{n} introductions</source>
        <translation>{n} 个介绍</translation>
    </message>
    <message>
        <source>Select an introduction to act on it.</source>
        <translation>选择一个介绍后可进行操作。</translation>
    </message>
    <message>
        <source>Answer of {member}</source>
        <translation>{member} 的答复</translation>
    </message>
    <message>
        <source>{stage}: {a} ({a_answer}) and {b} ({b_answer})</source>
        <translation>{stage}：{a}（{a_answer}）与 {b}（{b_answer}）</translation>
    </message>
    <message>
        <source>{a}: {a_age} years, {a_district}; {b}: {b_age} years, {b_district}</source>
        <translation>{a}：{a_age}岁，{a_district}；{b}：{b_age}岁，{b_district}</translation>
    </message>
    <message>
        <source>Reason for declining: {reason}</source>
        <translation>拒绝原因：{reason}</translation>
    </message>
    <message>
        <source>The decline can be undone until {time}.</source>
        <translation>在 {time} 之前可以撤销这次拒绝。</translation>
    </message>
    <message>
        <source>{n} follow-ups are overdue.</source>
        <translation>有 {n} 次回访已逾期。</translation>
    </message>
    <message>
        <source>Next follow-up on {date}.</source>
        <translation>下次回访：{date}。</translation>
    </message>
    <message>
        <source>Recorded: {member} declined ({reason}). The introduction has ended.</source>
        <translation>已记录：{member} 不同意（{reason}），本次介绍已结束。</translation>
    </message>
    <message>
        <source>Decline undone: {a} and {b} are back at “{stage}”.</source>
        <translation>已撤销拒绝：{a} 和 {b} 回到“{stage}”。</translation>
    </message>
    <message>
        <source>Both accepted. Hand each side the other&apos;s name, mobile and WeChat now? Follow-ups are created at +3 days, +3 weeks and +3 months.</source>
        <translation>双方均已同意。现在把对方的姓名、手机和微信告知双方吗？将自动创建 3 天、3 周和 3 个月后的回访。</translation>
    </message>
    <message>
        <source>Contacts exchanged and follow-ups created. Use “Show contacts…” to see the details you pass on (with a reason for the audit log).</source>
        <translation>已交换联系方式并创建回访。请通过“查看联系方式…”查看需转告的信息（需填写事由，记入审计日志）。</translation>
    </message>
    <message>
        <source>Show contacts</source>
        <translation>查看联系方式</translation>
    </message>
    <message>
        <source>Why do you need both members&apos; contact details?</source>
        <translation>为什么需要查看双方的联系方式？</translation>
    </message>
    <message>
        <source>{member}: {old} → {new}</source>
        <translation>{member}：{old} → {new}</translation>
    </message>
    <message>
        <source>{member}: stays {old} (cannot become {new} from there)</source>
        <translation>{member}：保持“{old}”（无法从该状态变为“{new}”）</translation>
    </message>
    <message>
        <source>Outcome recorded</source>
        <translation>已记录结果</translation>
    </message>
    <message>
        <source>Case status:</source>
        <translation>档案状态：</translation>
    </message>
    <message>
        <source>Printing slips</source>
        <translation>正在打印介绍单</translation>
    </message>
    <message>
        <source>Some characters cannot be printed with the bundled fonts and show as □: {chars}</source>
        <translation>以下字符无法用内置字体打印，将显示为 □：{chars}</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
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
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>Why suggested</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <source>Rule score {rule}, damping ×{damp:.2f}</source>
        <translation>规则评分 {rule}，热度调节 ×{damp:.2f}</translation>
    </message>
    <message>
        <source>Outcome model {p}%</source>
        <translation>结果模型 {p}%</translation>
    </message>
</context>
<context>
    <name>CandidatesPanel</name>
    <message>
        <source>Pick a member on the left to see suggested candidates.</source>
        <translation>在左侧选择一位会员，查看推荐的候选人。</translation>
    </message>
    <message>
        <source>Propose introduction…</source>
        <translation>提议介绍…</translation>
    </message>
    <message>
        <source>Never suggest…</source>
        <translation>不再推荐…</translation>
    </message>
    <message>
        <source>Never suggest or introduce these two (relatives, colleagues, ...)</source>
        <translation>今后不再推荐或介绍这两位（亲属、同事等）</translation>
    </message>
    <message>
        <source>Ranking candidates…</source>
        <translation>正在排序候选人…</translation>
    </message>
    <message>
        <source>The member shown was erased. Pick a member on the left.</source>
        <translation>刚才显示的会员已被删除，请在左侧重新选择会员。</translation>
    </message>
    <message>
        <source>Candidates could not be ranked.</source>
        <translation>无法排序候选人。</translation>
    </message>
    <message>
        <source>{age} years</source>
        <translation>{age}岁</translation>
    </message>
    <message>
        <source>Candidates for {member}: {n}</source>
        <translation>{member} 的候选人：{n} 位</translation>
    </message>
    <message>
        <source>Not matchable now: {reasons}.</source>
        <translation>目前无法配对：{reasons}。</translation>
    </message>
    <message>
        <source>No candidate passes both sides&apos; requirements at the moment.</source>
        <translation>目前没有同时符合双方要求的候选人。</translation>
    </message>
    <message>
        <source>Propose introduction</source>
        <translation>提议介绍</translation>
    </message>
    <message>
        <source>Propose introducing {a} and {b}?

Reasons: {reasons}</source>
        <translation>提议介绍 {a} 与 {b} 认识吗？

理由：{reasons}</translation>
    </message>
    <message>
        <source>Proposed: {a} and {b}. Follow it on the board.</source>
        <translation>已提议：{a} 与 {b}。请在牵线看板上跟进。</translation>
    </message>
    <message>
        <source>{a} and {b}</source>
        <translation>{a} 与 {b}</translation>
    </message>
    <message>
        <source>{pair} will not be suggested again.</source>
        <translation>{pair} 今后不会再被推荐。</translation>
    </message>
</context>
<context>
    <name>ComparisonWidget</name>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Select a candidate to compare the two profiles.</source>
        <translation>选择一位候选人，对比双方资料。</translation>
    </message>
</context>
<context>
    <name>ContactsDialog</name>
    <message>
        <source>Contact details</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Member no.</source>
        <translation>会员号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>This view was recorded in the audit log. Pass the details on to the two members only; do not copy them anywhere else.</source>
        <translation>本次查看已记入审计日志。联系方式只可转告这两位会员，不得另作记录或转发。</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <source>Record a decline</source>
        <translation>记录不同意</translation>
    </message>
    <message>
        <source>— choose a reason —</source>
        <translation>— 请选择原因 —</translation>
    </message>
    <message>
        <source>Optional, a few words (needed with “Other”)</source>
        <translation>选填，简单几句（选“其他”时必填）</translation>
    </message>
    <message>
        <source>The introduction ends and these two are not proposed to each other again. If this was a mistake, it can be undone within {hours} hours.</source>
        <translation>本次介绍将结束，今后不会再为这两人牵线。如果记错了，可在 {hours} 小时内撤销。</translation>
    </message>
    <message>
        <source>Record the decline</source>
        <translation>记录不同意</translation>
    </message>
    <message>
        <source>Who declined</source>
        <translation>不同意的一方</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>EvaluationTableModel</name>
    <message>
        <source>Learned model</source>
        <translation>学习模型</translation>
    </message>
    <message>
        <source>Rule score</source>
        <translation>规则评分</translation>
    </message>
    <message>
        <source>Random order</source>
        <translation>随机排序</translation>
    </message>
    <message>
        <source>Ranking by</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>95 % interval</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>Top {k}</source>
        <translation>前 {k} 名</translation>
    </message>
</context>
<context>
    <name>IntroductionBoardModel</name>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Member A</source>
        <translation>会员 A</translation>
    </message>
    <message>
        <source>A&apos;s answer</source>
        <translation>A 方答复</translation>
    </message>
    <message>
        <source>Member B</source>
        <translation>会员 B</translation>
    </message>
    <message>
        <source>B&apos;s answer</source>
        <translation>B 方答复</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Proposed on</source>
        <translation>提议时间</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次回访</translation>
    </message>
    <message>
        <source>({n} overdue)</source>
        <translation>（逾期 {n}）</translation>
    </message>
</context>
<context>
    <name>KeptModelsModel</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Fitted at</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>回答数</translation>
    </message>
    <message>
        <source>AUC model</source>
        <translation>模型 AUC</translation>
    </message>
    <message>
        <source>AUC rule</source>
        <translation>规则 AUC</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>adopted</source>
        <translation>已采用</translation>
    </message>
</context>
<context>
    <name>MatchIndexHolder</name>
    <message>
        <source>Rebuilding the matching index</source>
        <translation>正在重建配对索引</translation>
    </message>
    <message>
        <source>Building the matching index</source>
        <translation>正在建立配对索引</translation>
    </message>
</context>
<context>
    <name>MatchingLabels</name>
    <message>
        <source>Proposed</source>
        <translation>已提议</translation>
    </message>
    <message>
        <source>Mutual interest</source>
        <translation>互选有意</translation>
    </message>
    <message>
        <source>Both accepted</source>
        <translation>双方同意</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Contacts exchanged</source>
        <translation>已交换联系方式</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>已见面</translation>
    </message>
    <message>
        <source>No interest</source>
        <translation>无意向</translation>
    </message>
    <message>
        <source>Getting to know each other</source>
        <translation>继续了解</translation>
    </message>
    <message>
        <source>Dating</source>
        <translation>恋爱中</translation>
    </message>
    <message>
        <source>Engaged</source>
        <translation>已订婚</translation>
    </message>
    <message>
        <source>Married</source>
        <translation>已结婚</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Not asked yet</source>
        <translation>未答复</translation>
    </message>
    <message>
        <source>Matchmaker&apos;s proposal</source>
        <translation>红娘推荐</translation>
    </message>
    <message>
        <source>Batch suggestion</source>
        <translation>批量建议</translation>
    </message>
    <message>
        <source>Event cards</source>
        <translation>活动互选</translation>
    </message>
    <message>
        <source>Member asked online</source>
        <translation>会员线上申请</translation>
    </message>
    <message>
        <source>Matchmaker&apos;s decision</source>
        <translation>红娘决定</translation>
    </message>
    <message>
        <source>At a member&apos;s request</source>
        <translation>会员要求</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>已撤回同意</translation>
    </message>
    <message>
        <source>Suspected fraud</source>
        <translation>涉嫌欺诈</translation>
    </message>
    <message>
        <source>A member&apos;s status changed</source>
        <translation>会员状态变化</translation>
    </message>
    <message>
        <source>Does not feel right</source>
        <translation>感觉不合适</translation>
    </message>
    <message>
        <source>Age does not suit</source>
        <translation>年龄不合适</translation>
    </message>
    <message>
        <source>Lives or works too far away</source>
        <translation>居住或工作地点太远</translation>
    </message>
    <message>
        <source>Family, work or financial circumstances</source>
        <translation>家庭、工作或经济条件不符合期望</translation>
    </message>
    <message>
        <source>Already getting to know someone</source>
        <translation>已有交往对象</translation>
    </message>
    <message>
        <source>Not looking for now</source>
        <translation>暂时不想找对象</translation>
    </message>
    <message>
        <source>Could not be reached</source>
        <translation>联系不上</translation>
    </message>
    <message>
        <source>Other (see the note)</source>
        <translation>其他（见备注）</translation>
    </message>
    <message>
        <source>{member} is also in another introduction in progress: with {other} ({stage}).</source>
        <translation>{member} 还有另一个进行中的介绍：与 {other}（{stage}）。</translation>
    </message>
    <message>
        <source>Relatives</source>
        <translation>亲属</translation>
    </message>
    <message>
        <source>Colleagues</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Knew each other before</source>
        <translation>以前认识</translation>
    </message>
    <message>
        <source>Matchmaker&apos;s judgement</source>
        <translation>红娘判断</translation>
    </message>
    <message>
        <source>the case is paused</source>
        <translation>档案已暂停</translation>
    </message>
    <message>
        <source>the case is not active</source>
        <translation>档案不是活跃状态</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>未核验</translation>
    </message>
    <message>
        <source>no consent to matching or to sharing the profile</source>
        <translation>未同意智能匹配或未同意向候选对象展示资料</translation>
    </message>
    <message>
        <source>flagged as suspected fraud</source>
        <translation>被标记为涉嫌欺诈</translation>
    </message>
    <message>
        <source>sex unknown</source>
        <translation>性别不详</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>身高</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Marital history</source>
        <translation>婚史</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Reading the case files…</source>
        <translation>正在读取档案…</translation>
    </message>
    <message>
        <source>Reading introductions and blocks…</source>
        <translation>正在读取介绍与屏蔽记录…</translation>
    </message>
    <message>
        <source>Building the matching index…</source>
        <translation>正在建立配对索引…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Ranking the caseload…</source>
        <translation>正在为名下会员排序…</translation>
    </message>
    <message>
        <source>Choosing pairs so that nobody is double-booked…</source>
        <translation>正在选择配对，确保无人被重复安排…</translation>
    </message>
    <message>
        <source>Reading the outcomes and their features…</source>
        <translation>正在读取介绍和活动结果…</translation>
    </message>
    <message>
        <source>Evaluating by leaving whole events out…</source>
        <translation>正在按活动留出检验…</translation>
    </message>
    <message>
        <source>Evaluation done</source>
        <translation>评估完成</translation>
    </message>
    <message>
        <source>Fitting the model on every answer…</source>
        <translation>正在用全部回答训练模型…</translation>
    </message>
    <message>
        <source>The server is fitting and evaluating the model on every district&apos;s outcomes…</source>
        <translation>服务器正在用各区的结果训练并评估模型…</translation>
    </message>
    <message>
        <source>Printing introduction slips…</source>
        <translation>正在打印介绍单…</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>mutual fit {member}% / {candidate}%</source>
        <translation>双方满意度 {member}% / {candidate}%</translation>
    </message>
    <message>
        <source>age fits both sides&apos; wishes</source>
        <translation>年龄符合双方要求</translation>
    </message>
    <message>
        <source>height fits the wishes</source>
        <translation>身高符合要求</translation>
    </message>
    <message>
        <source>education fits the wishes</source>
        <translation>学历符合要求</translation>
    </message>
    <message>
        <source>both live in {district}</source>
        <translation>同住{district}</translation>
    </message>
    <message>
        <source>lives in a wished district ({district})</source>
        <translation>居住区县符合要求（{district}）</translation>
    </message>
    <message>
        <source>shared hobbies: {tags}</source>
        <translation>共同爱好：{tags}</translation>
    </message>
    <message>
        <source>past outcomes suggest {p}% mutual interest</source>
        <translation>历史结果估计互有好感的可能性 {p}%</translation>
    </message>
    <message>
        <source>already in {open} open introductions</source>
        <translation>已有 {open} 个进行中的介绍</translation>
    </message>
    <message>
        <source>; </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>MatchingModels</name>
    <message>
        <source>not evaluated</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>too few answers</source>
        <translation>回答太少</translation>
    </message>
    <message>
        <source>beats the rule</source>
        <translation>优于规则</translation>
    </message>
    <message>
        <source>does not beat the rule</source>
        <translation>未优于规则</translation>
    </message>
    <message>
        <source>Judged on {pairs} pairs from {groups} events or introductions ({answers} answers; {rate}% mutual), each event left out of fitting in turn; intervals from {resamples} resamples of whole events. Top k: the share of people whose mutual match was among their k best-ranked.</source>
        <translation>评估用了 {groups} 场活动或介绍中的 {pairs} 对（{answers} 个回答，{rate}% 互相有意），每场活动轮流不参与训练、只用来检验；区间由整场活动重抽样 {resamples} 次得出。前 k 名：互相有意的对象排在本人前 k 位的人所占比例。</translation>
    </message>
</context>
<context>
    <name>MatchingPage</name>
    <message>
        <source>The matching index is built when first needed.</source>
        <translation>配对索引将在首次使用时建立。</translation>
    </message>
    <message>
        <source>Rebuild index</source>
        <translation>重建索引</translation>
    </message>
    <message>
        <source>Read every case file again (normally not needed: edits are applied as they happen)</source>
        <translation>重新读取全部档案（通常不需要：修改会即时生效）</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Batch suggestions</source>
        <translation>批量建议</translation>
    </message>
    <message>
        <source>Introductions board</source>
        <translation>牵线看板</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Matching index: {n} case files</source>
        <translation>配对索引：{n} 份档案</translation>
    </message>
    <message>
        <source>The matching index is not built.</source>
        <translation>配对索引尚未建立。</translation>
    </message>
</context>
<context>
    <name>MatchingRanking</name>
    <message>
        <source>The model beat the rule score on held-out events (AUC {auc_model} against {auc_rule}): the model ranks.</source>
        <translation>模型在留出的活动上胜过规则评分（AUC {auc_model} 对 {auc_rule}），现在用模型排序。</translation>
    </message>
    <message>
        <source>The model did worse than the rule score on held-out events (AUC {auc_model} against {auc_rule}): the rule score still ranks.</source>
        <translation>模型在留出的活动上不如规则评分（AUC {auc_model} 对 {auc_rule}），仍用规则排序。</translation>
    </message>
    <message>
        <source>The model did not clearly beat the rule score on held-out events (AUC {auc_model} against {auc_rule}; lower end of the difference {diff_low}): the rule score still ranks.</source>
        <translation>模型在留出的活动上没有明显胜过规则评分（AUC {auc_model} 对 {auc_rule}，差值区间下限 {diff_low}），仍用规则排序。</translation>
    </message>
    <message>
        <source>Too few answers ({positive} yes, {negative} no; {needed} of each are needed): the rule score still ranks.</source>
        <translation>结果太少（心动 {positive} 个、未心动 {negative} 个，每类至少要 {needed} 个），仍用规则排序。</translation>
    </message>
    <message>
        <source>No model is adopted: the rule score ranks.</source>
        <translation>尚未采用模型，按规则评分排序。</translation>
    </message>
    <message>
        <source>The model was not evaluated on held-out events: the rule score still ranks.</source>
        <translation>模型没有在留出的活动上评估过，仍用规则排序。</translation>
    </message>
    <message>
        <source>The rule score ranks.</source>
        <translation>按规则评分排序。</translation>
    </message>
</context>
<context>
    <name>MatchingSchedule</name>
    <message>
        <source>A retrained matching model awaits your decision (Matching → Model).</source>
        <translation>重新训练的配对模型等待您决定是否采用（配对 → 模型）。</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Record meeting</source>
        <translation>记录见面</translation>
    </message>
    <message>
        <source>The two met on</source>
        <translation>见面日期</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>Find a member: name, pinyin initials, phone last 4, member no.</source>
        <translation>查找会员：姓名、拼音首字母、手机后四位、会员号</translation>
    </message>
    <message>
        <source>Active only</source>
        <translation>只看活跃</translation>
    </message>
    <message>
        <source>{n} members</source>
        <translation>{n} 位会员</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The introduction no longer exists.</source>
        <translation>该介绍已不存在。</translation>
    </message>
    <message>
        <source>Member {member_no} belongs to another district&apos;s office.</source>
        <translation>会员 {member_no} 属于其他区县的工作站。</translation>
    </message>
    <message>
        <source>A member cannot be introduced to themselves.</source>
        <translation>不能把会员介绍给其本人。</translation>
    </message>
    <message>
        <source>Both members have the same sex.</source>
        <translation>两位会员性别相同。</translation>
    </message>
    <message>
        <source>Choose why the member declined.</source>
        <translation>请选择会员不同意的原因。</translation>
    </message>
    <message>
        <source>With “Other”, write the reason in the note.</source>
        <translation>选择“其他”时，请在备注中写明原因。</translation>
    </message>
    <message>
        <source>The note is too long: at most {maximum} characters.</source>
        <translation>备注太长，最多 {maximum} 个字。</translation>
    </message>
    <message>
        <source>This introduction is not declined (any more), so there is nothing to undo.</source>
        <translation>这条介绍（已）不是“不同意”状态，无需撤销。</translation>
    </message>
    <message>
        <source>A decline can be undone only within {hours} hours of recording it; this one stays as it is.</source>
        <translation>拒绝只能在记录后 {hours} 小时内撤销，这一条已超过时限，保持不变。</translation>
    </message>
    <message>
        <source>Member {member_no} is not active (status: {status}).</source>
        <translation>会员 {member_no} 不是活跃状态（当前：{status}）。</translation>
    </message>
    <message>
        <source>Member {member_no} has no consent “{type}” in force: the profile may not be shown to a candidate.</source>
        <translation>会员 {member_no} 没有有效的“{type}”同意：不能向候选对象展示其资料。</translation>
    </message>
    <message>
        <source>Member {member_no} is flagged as suspected fraud: no new introductions.</source>
        <translation>会员 {member_no} 被标记为涉嫌欺诈：不能新建介绍。</translation>
    </message>
    <message>
        <source>These two have been introduced before (stage: {stage}).</source>
        <translation>这两位会员以前已经介绍过（阶段：{stage}）。</translation>
    </message>
    <message>
        <source>These two must not be introduced to each other (blocked).</source>
        <translation>这两位会员已被屏蔽，不能互相介绍。</translation>
    </message>
    <message>
        <source>An introduction cannot go from “{current}” to “{target}”.</source>
        <translation>介绍不能从“{current}”变为“{target}”。</translation>
    </message>
    <message>
        <source>Answers can no longer be recorded: the introduction is at “{stage}”.</source>
        <translation>已不能再记录答复：该介绍处于“{stage}”阶段。</translation>
    </message>
    <message>
        <source>That member is not part of this introduction.</source>
        <translation>该会员不属于这个介绍。</translation>
    </message>
    <message>
        <source>“{outcome}” is not an outcome.</source>
        <translation>“{outcome}”不是有效的结果。</translation>
    </message>
    <message>
        <source>The introduction was changed meanwhile (now “{stage}”). Look again and retry.</source>
        <translation>该介绍在此期间已被修改（现为“{stage}”）。请重新查看后再试。</translation>
    </message>
    <message>
        <source>Contact details are given only after both accepted (now “{stage}”).</source>
        <translation>双方都同意后才能提供联系方式（现为“{stage}”）。</translation>
    </message>
    <message>
        <source>The introduction is closed (“{stage}”): no slip is printed.</source>
        <translation>该介绍已结束（“{stage}”），不打印介绍单。</translation>
    </message>
    <message>
        <source>The meeting date cannot be in the future.</source>
        <translation>见面日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The block no longer exists.</source>
        <translation>该屏蔽记录已不存在。</translation>
    </message>
    <message>
        <source>This member is not in the matching index (archived or removed).</source>
        <translation>该会员不在配对索引中（已归档或已删除）。</translation>
    </message>
    <message>
        <source>Unknown pairing method.</source>
        <translation>未知的配对方法。</translation>
    </message>
    <message>
        <source>No pairing could be computed.</source>
        <translation>无法计算出配对。</translation>
    </message>
    <message>
        <source>Unknown way of combining both sides&apos; fit.</source>
        <translation>未知的双方满意度合并方式。</translation>
    </message>
    <message>
        <source>A weight cannot be negative.</source>
        <translation>权重不能为负数。</translation>
    </message>
    <message>
        <source>Must be between 0 and 1.</source>
        <translation>必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>The known outcomes are all of one kind (all yes or all no): there is nothing to evaluate.</source>
        <translation>已知的结果全是同一种（全是心动或全不是），无法评估。</translation>
    </message>
    <message>
        <source>Results of {groups} events or introductions only: leaving whole groups out needs at least {n_splits}.</source>
        <translation>只有 {groups} 场活动或介绍的结果，按组留出评估至少需要 {n_splits} 组。</translation>
    </message>
    <message>
        <source>The server is already retraining the matching model. Try again when it has finished.</source>
        <translation>服务器正在训练配对模型，请等这一次完成后再试。</translation>
    </message>
    <message>
        <source>A pair&apos;s outcome contradicts itself: mutual interest, yet one side said no.</source>
        <translation>同一对的结果自相矛盾：记为双向心动，却有一方未心动。</translation>
    </message>
    <message>
        <source>The matching model has too few answers to be used yet.</source>
        <translation>配对模型的结果还太少，暂时不能使用。</translation>
    </message>
    <message>
        <source>This matching model is no longer kept.</source>
        <translation>这个配对模型已不在保存之列。</translation>
    </message>
    <message>
        <source>This model was not evaluated on held-out events: it cannot be adopted.</source>
        <translation>这个模型没有在留出的活动上评估过，不能采用。</translation>
    </message>
    <message>
        <source>The model did not beat the rule score on held-out events (AUC {auc_model} against {auc_rule}): it cannot be adopted.</source>
        <translation>模型在留出的活动上没有胜过规则评分（AUC {auc_model} 对 {auc_rule}），不能采用。</translation>
    </message>
    <message>
        <source>The reason is too long: at most {maximum} characters.</source>
        <translation>理由太长：最多 {maximum} 个字。</translation>
    </message>
    <message>
        <source>Choose how often to retrain: never, weekly or monthly.</source>
        <translation>请选择重新训练的频率：不自动、每周或每月。</translation>
    </message>
    <message>
        <source>The table has no “{column}” column (header names as the guide gives them).</source>
        <translation>表中缺少“{column}”列（表头请按说明书填写）。</translation>
    </message>
    <message>
        <source>Row {row} of the people file has no id.</source>
        <translation>人员表第 {row} 行没有 id。</translation>
    </message>
    <message>
        <source>Row {row} of the people file repeats the id of row {first}.</source>
        <translation>人员表第 {row} 行的 id 与第 {first} 行重复。</translation>
    </message>
    <message>
        <source>Row {row} of the pairs file: {column} is not in the people file.</source>
        <translation>配对表第 {row} 行的 {column} 不在人员表中。</translation>
    </message>
    <message>
        <source>Row {row} of the pairs file: {column} must be 1 or 0 (yes or no), or empty.</source>
        <translation>配对表第 {row} 行的 {column} 应为 1 或 0（是或否），也可留空。</translation>
    </message>
    <message>
        <source>Row {row} of the pairs file contradicts itself: match is 1, yet one side is 0.</source>
        <translation>配对表第 {row} 行自相矛盾：match 为 1，却有一方为 0。</translation>
    </message>
    <message>
        <source>The regularisation strength must be above 0.</source>
        <translation>正则化强度必须大于 0。</translation>
    </message>
    <message>
        <source>The stored matching model does not fit this version: fit it again.</source>
        <translation>保存的配对模型与本版本不兼容，请重新训练。</translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <source>Retrain now…</source>
        <translation>立即重新训练…</translation>
    </message>
    <message>
        <source>Fit and evaluate a new model on this computer&apos;s introductions and interest cards. Nothing changes until you adopt it.</source>
        <translation>用本机的介绍结果和心动卡训练并评估一个新模型。在您采用之前，排序不会有任何变化。</translation>
    </message>
    <message>
        <source>Only on request</source>
        <translation>仅手动</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Checked when the program starts: a due retrain runs in the background and is kept for your decision, never adopted by itself.</source>
        <translation>程序启动时检查：到期会在后台重新训练并保存，等您决定，绝不会自动采用。</translation>
    </message>
    <message>
        <source>Retrain by itself:</source>
        <translation>自动重新训练：</translation>
    </message>
    <message>
        <source>Select a model to see its evaluation.</source>
        <translation>选择一个模型查看评估结果。</translation>
    </message>
    <message>
        <source>Adopt this model…</source>
        <translation>采用此模型…</translation>
    </message>
    <message>
        <source>Withdraw the model (rank by the rule)…</source>
        <translation>撤下模型（改回规则排序）…</translation>
    </message>
    <message>
        <source>Ranking now</source>
        <translation>当前排序</translation>
    </message>
    <message>
        <source>Evaluation of the selected model</source>
        <translation>所选模型的评估</translation>
    </message>
    <message>
        <source>Adopted model {version}, on {at} by {who}.</source>
        <translation>采用的模型 {version}，{at} 由 {who} 采用。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>A new model ({version}, fitted {at}) awaits your decision: it beats the rule and may be adopted.</source>
        <translation>新模型（{version}，{at} 训练）等待您决定：它优于规则评分，可以采用。</translation>
    </message>
    <message>
        <source>Last fitted: {at}</source>
        <translation>上次训练：{at}</translation>
    </message>
    <message>
        <source>Kept models (the newest five kept on this computer)</source>
        <translation>保留的模型（本机保留最新五个）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Retrain on the server…</source>
        <translation>在服务器上重新训练…</translation>
    </message>
    <message>
        <source>This computer holds the union&apos;s figures, not case files. The server fits and evaluates a new model on every district&apos;s introductions and interest cards (members who consented to matching only) and sends back its parameters and figures, no personal data. Nothing changes until you adopt it.</source>
        <translation>本机只存工会的汇总数据，不存档案。由服务器用各区的牵线和心动卡结果（仅限同意算法配对的会员）训练并评估新模型，只传回模型参数和评估数字，不含个人信息。在您采用之前，什么都不会改变。</translation>
    </message>
    <message>
        <source>A new model ({version}, fitted {at}) could not be evaluated on held-out events: the rule keeps ranking.</source>
        <translation>新模型（{version}，{at} 训练）无法在留出的活动上评估：仍按规则排序。</translation>
    </message>
    <message>
        <source>A new model ({version}, fitted {at}) did not beat the rule: the rule keeps ranking.</source>
        <translation>新模型（{version}，{at} 训练）未优于规则评分：仍按规则排序。</translation>
    </message>
    <message>
        <source>No model is kept on this computer yet: press “{button}”.</source>
        <translation>本机还没有保留的模型：请按“{button}”。</translation>
    </message>
    <message>
        <source>There is no model to adopt.</source>
        <translation>没有可采用的模型。</translation>
    </message>
    <message>
        <source>This model is the one in use.</source>
        <translation>这就是正在使用的模型。</translation>
    </message>
    <message>
        <source>Not evaluated on held-out events: it cannot be adopted.</source>
        <translation>没有在留出的活动上评估过，不能采用。</translation>
    </message>
    <message>
        <source>It did not beat the rule score on held-out events, so the rule keeps ranking: adopting it would make suggestions worse.</source>
        <translation>它在留出的活动上没有胜过规则评分，所以仍按规则排序：采用它会让推荐变差。</translation>
    </message>
    <message>
        <source>Retraining the matching model on the server</source>
        <translation>正在服务器上重新训练配对模型</translation>
    </message>
    <message>
        <source>Retraining the matching model</source>
        <translation>正在重新训练配对模型</translation>
    </message>
    <message>
        <source>Retrain</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <source>The model was fitted on {used} outcomes but could not be evaluated: {why} Until it is, the rule keeps ranking.</source>
        <translation>模型已用 {used} 条结果训练，但无法评估：{why} 在能够评估之前，仍按规则排序。</translation>
    </message>
    <message>
        <source>Adopt model {version}</source>
        <translation>采用模型 {version}</translation>
    </message>
    <message>
        <source>From the next sync on, every laptop and the member app rank candidates with this model. Why is it adopted now?</source>
        <translation>下次同步起，各台电脑和会员端都将用此模型为人选排序。请写明现在采用的理由。</translation>
    </message>
    <message>
        <source>Withdraw the model</source>
        <translation>撤下模型</translation>
    </message>
    <message>
        <source>Every laptop and the member app go back to ranking by the rule score. Why is the model withdrawn?</source>
        <translation>各台电脑和会员端将改回按规则评分排序。请写明撤下模型的理由。</translation>
    </message>
</context>
<context>
    <name>ProfileCardWidget</name>
    <message>
        <source>Wishes for a partner</source>
        <translation>择偶要求</translation>
    </message>
    <message>
        <source>:</source>
        <translation>：</translation>
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
        <source>{age} years (born {year})</source>
        <translation>{age}岁（{year}年生）</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>身高</translation>
    </message>
    <message>
        <source>{cm} cm</source>
        <translation>{cm} 厘米</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
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
        <source>Hukou</source>
        <translation>户籍</translation>
    </message>
    <message>
        <source>Marital history</source>
        <translation>婚史</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>收入</translation>
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
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <source>No</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Sensitive details</source>
        <translation>敏感信息</translation>
    </message>
    <message>
        <source>not shared (no consent)</source>
        <translation>不展示（未获同意）</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>About</source>
        <translation>自我介绍</translation>
    </message>
    <message>
        <source>{lo}–{hi} years</source>
        <translation>{lo}–{hi}岁</translation>
    </message>
    <message>
        <source>{lo} years or older</source>
        <translation>{lo}岁及以上</translation>
    </message>
    <message>
        <source>{hi} years or younger</source>
        <translation>{hi}岁及以下</translation>
    </message>
    <message>
        <source>{lo}–{hi} cm</source>
        <translation>{lo}–{hi} 厘米</translation>
    </message>
    <message>
        <source>{lo} cm or taller</source>
        <translation>{lo} 厘米及以上</translation>
    </message>
    <message>
        <source>{hi} cm or shorter</source>
        <translation>{hi} 厘米及以下</translation>
    </message>
    <message>
        <source>{education} or higher</source>
        <translation>{education}及以上</translation>
    </message>
    <message>
        <source>no children</source>
        <translation>不接受有子女</translation>
    </message>
    <message>
        <source>No particular wishes</source>
        <translation>无特别要求</translation>
    </message>
    <message>
        <source>✓ {text} — the other fits</source>
        <translation>✓ {text}——对方符合</translation>
    </message>
    <message>
        <source>✗ {text} — the other does not fit</source>
        <translation>✗ {text}——对方不符合</translation>
    </message>
</context>
<context>
    <name>RankPreviewModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>会员号</translation>
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
        <source>Score</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新进</translation>
    </message>
    <message>
        <source>leaves</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>▲ {n}</source>
        <translation>▲ {n}</translation>
    </message>
    <message>
        <source>▼ {n}</source>
        <translation>▼ {n}</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Geometric mean (OkCupid)</source>
        <translation>几何平均（OkCupid）</translation>
    </message>
    <message>
        <source>Harmonic mean (RECON)</source>
        <translation>调和平均（RECON）</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Weight of age in each side&apos;s satisfaction</source>
        <translation>年龄在单方满意度中的权重</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>身高</translation>
    </message>
    <message>
        <source>Weight of height in each side&apos;s satisfaction</source>
        <translation>身高在单方满意度中的权重</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Weight of education in each side&apos;s satisfaction</source>
        <translation>学历在单方满意度中的权重</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Weight of the district in each side&apos;s satisfaction</source>
        <translation>区县在单方满意度中的权重</translation>
    </message>
    <message>
        <source>Shared hobbies</source>
        <translation>共同爱好</translation>
    </message>
    <message>
        <source>Share of hobby similarity in the score (0–1)</source>
        <translation>爱好相似度在评分中所占比例（0–1）</translation>
    </message>
    <message>
        <source>Outcome model</source>
        <translation>结果模型</translation>
    </message>
    <message>
        <source>Share of the learned outcome model once it has enough labels (0–1)</source>
        <translation>标注足够后，学习得到的结果模型所占比例（0–1）</translation>
    </message>
    <message>
        <source>Damping strength</source>
        <translation>热度调节强度</translation>
    </message>
    <message>
        <source>How much each open introduction lowers a candidate&apos;s score</source>
        <translation>每个进行中的介绍使候选人评分降低的程度</translation>
    </message>
    <message>
        <source>Damping exponent</source>
        <translation>热度调节指数</translation>
    </message>
    <message>
        <source>Shape of the damping for popular members</source>
        <translation>对热门会员的调节曲线形状</translation>
    </message>
    <message>
        <source>Both sides combined by</source>
        <translation>双方满意度合并方式</translation>
    </message>
    <message>
        <source>Weights in force</source>
        <translation>现行权重</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save weights…</source>
        <translation>保存权重…</translation>
    </message>
    <message>
        <source>Rank weights</source>
        <translation>排序权重</translation>
    </message>
    <message>
        <source>Preview on member</source>
        <translation>用于预览的会员</translation>
    </message>
    <message>
        <source>With the weights in force</source>
        <translation>现行权重下</translation>
    </message>
    <message>
        <source>With the proposed weights</source>
        <translation>拟用权重下</translation>
    </message>
    <message>
        <source>Pick a member and press Preview: nothing is stored until you save.</source>
        <translation>选择一位会员并点击“预览”：保存之前不会存储任何更改。</translation>
    </message>
    <message>
        <source>You can change the weights (union administrator). Preview the effect before saving.</source>
        <translation>您可以修改权重（工会管理员）。保存前请先预览效果。</translation>
    </message>
    <message>
        <source>Only a union administrator can change the weights. You can try values and preview them here; saving is disabled.</source>
        <translation>只有工会管理员可以修改权重。您可以在这里试填数值并预览效果，但不能保存。</translation>
    </message>
    <message>
        <source>Ranking with both weights…</source>
        <translation>正在按两组权重排序…</translation>
    </message>
    <message>
        <source>Top {k} for {member}: {entered} candidates enter the list, {left} leave it{order}.</source>
        <translation>{member} 的前 {k} 名：新进 {entered} 位，移出 {left} 位{order}。</translation>
    </message>
    <message>
        <source> (same order)</source>
        <translation>（顺序不变）</translation>
    </message>
    <message>
        <source>Save weights</source>
        <translation>保存权重</translation>
    </message>
    <message>
        <source>Use these weights for every matchmaker from now on? The change is recorded and synced.</source>
        <translation>从现在起所有红娘都使用这组权重吗？此更改将被记录并同步。</translation>
    </message>
    <message>
        <source>The new weights are in force.</source>
        <translation>新权重已生效。</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw introduction</source>
        <translation>撤回介绍</translation>
    </message>
    <message>
        <source>Withdrawing is final: these two will not be proposed to each other again.</source>
        <translation>撤回后不可恢复：这两位会员今后不会再被互相推荐。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
</TS>
