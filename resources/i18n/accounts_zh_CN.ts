<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>City-wide</source>
        <translation>全市</translation>
    </message>
</context>
<context>
    <name>Accounts</name>
    <message>
        <source>This computer already has an administrator.</source>
        <translation>这台电脑已经有管理员了。</translation>
    </message>
    <message>
        <source>Nobody can give themselves the privacy officer or auditor role: the administrator creates those accounts for someone else.</source>
        <translation>任何人都不能给自己个人信息保护负责人或审计员的角色：这些账号由管理员为担任该职务的人另行开设。</translation>
    </message>
    <message>
        <source>The account is open again.</source>
        <translation>账号已重新启用。</translation>
    </message>
    <message>
        <source>The two entries differ. Type the same password twice.</source>
        <translation>两次输入不一致，请输入两遍相同的密码。</translation>
    </message>
    <message>
        <source>Your working account needs a user name of its own, not the administrator&apos;s.</source>
        <translation>工作账号要用自己的用户名，不能与管理员账号相同。</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>很弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>It is one of the passwords people use most.</source>
        <translation>这是最常被使用的密码之一。</translation>
    </message>
    <message>
        <source>It is a sequence such as abc, 123 or a row of keys.</source>
        <translation>这是 abc、123 或键盘上一排按键这样的连续字符。</translation>
    </message>
    <message>
        <source>It repeats the same characters.</source>
        <translation>重复了相同的字符。</translation>
    </message>
    <message>
        <source>Dates and years are easy to guess.</source>
        <translation>日期和年份很容易被猜到。</translation>
    </message>
    <message>
        <source>It contains your name or user name.</source>
        <translation>包含了您的姓名或用户名。</translation>
    </message>
    <message>
        <source>Add more words or characters that do not belong together.</source>
        <translation>请再加几个互不相关的词或字符。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation>显示的姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>No password yet</source>
        <translation>尚未设置密码</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>需修改密码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>City-wide (Federation)</source>
        <translation>全市（市总工会）</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>Everyone who works on this computer has an account of their own. New accounts get a temporary password that the person changes at the first sign-in. Nobody changes their own role.</source>
        <translation>在这台电脑上工作的每个人都有自己的账号。新账号使用临时密码，本人第一次登录时修改。任何人都不能更改自己的角色。</translation>
    </message>
    <message>
        <source>This computer is connected to the union server, and its accounts are the server&apos;s: the accounts of this office&apos;s district and the city-wide ones, as the last sync brought them. Accounts are created, changed, given new passwords and closed on the server (by the union&apos;s administrator); the changes apply here at the next sync. An account closed on the server can no longer sign in here.</source>
        <translation>本机已接入工会服务器，账号以服务器为准：这里列出的是最近一次同步带来的本区账号和全市账号。新建账号、修改角色、重设密码和停用账号都在服务器上办理（由工会管理员操作），下次同步后在本机生效。在服务器上停用的账号不能再在本机登录。</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Close account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Reopen account</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>This is your own account. Your password and role are changed on the union server.</source>
        <translation>这是您自己的账号。您的密码和角色在工会服务器上修改。</translation>
    </message>
    <message>
        <source>This is your own account: change your password under File → Change password. Your role can only be changed by another administrator.</source>
        <translation>这是您自己的账号：请在“文件 → 修改密码”中修改密码。您的角色只能由另一位管理员更改。</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>The account {username} was created. Give the temporary password to the person yourself: {password}</source>
        <translation>账号 {username} 已创建。请把临时密码当面交给本人：{password}</translation>
    </message>
    <message>
        <source>The password of {name} was reset. Give the temporary password to the person yourself: {password}</source>
        <translation>{name} 的密码已重设。请把临时密码当面交给本人：{password}</translation>
    </message>
    <message>
        <source>Close the account of {name}? They can no longer sign in on this computer. Their past work and the audit log keep their name. You can reopen the account later.</source>
        <translation>要停用 {name} 的账号吗？停用后不能再在这台电脑上登录，过去的工作记录和审计日志仍保留其姓名。以后可以重新启用。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>The administrator of this computer</source>
        <translation>本机管理员</translation>
    </message>
    <message>
        <source>The first account is the local administrator.</source>
        <translation>第一个账号是本机管理员。</translation>
    </message>
    <message>
        <source>The administrator creates the accounts of everyone who works on this computer, gives them their roles, resets forgotten passwords and unlocks locked accounts. The administrator account does nothing else: it cannot open case files. Usually the office head or the person who installs xzdesk holds it.</source>
        <translation>管理员为在这台电脑上工作的每个人开设账号、分配角色、重设忘记的密码、解锁被锁定的账号。管理员账号只做这些事，不能打开会员档案。通常由办公室负责人或安装 xzdesk 的人担任。</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Your password was set by the administrator. Choose your own password now: only you should know it.</source>
        <translation>您的密码是管理员设置的。请现在设一个只有您自己知道的新密码。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Setting up xzdesk</source>
        <translation>设置 xzdesk</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Stop setting up? Nothing has been saved; xzdesk will close. You can set it up the next time it starts.</source>
        <translation>要停止设置吗？目前什么都没有保存，xzdesk 将关闭。下次启动时可以重新设置。</translation>
    </message>
    <message>
        <source>Creating the accounts…</source>
        <translation>正在创建账号…</translation>
    </message>
    <message>
        <source>Creating the encrypted database…</source>
        <translation>正在创建加密数据库…</translation>
    </message>
</context>
<context>
    <name>LockSheet</name>
    <message>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>{name} ({username}) is signed in.</source>
        <translation>当前登录：{name}（{username}）</translation>
    </message>
    <message>
        <source>Everything on the screens stays as it was, unsaved changes included. Type your password to go on.</source>
        <translation>各个界面都保持原样，未保存的修改也还在。请输入您的密码继续工作。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <source>Demo database: every demo account&apos;s password is {password}</source>
        <translation>演示数据库：所有演示账号的密码都是 {password}</translation>
    </message>
    <message>
        <source>Locked after {minutes} minutes without use.</source>
        <translation>已 {minutes} 分钟无人操作，屏幕自动锁定。</translation>
    </message>
    <message>
        <source>Locked because this computer was locked.</source>
        <translation>这台电脑锁屏了，本软件也随之锁定。</translation>
    </message>
    <message>
        <source>Locked on request (File → Lock screen, Ctrl+L).</source>
        <translation>已手动锁定（文件 → 锁定屏幕，Ctrl+L）。</translation>
    </message>
</context>
<context>
    <name>NewAccountDialog</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation>显示的姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>Show what I type</source>
        <translation>显示输入的内容</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>强度</translation>
    </message>
    <message>
        <source>The two entries differ. Type the same text twice.</source>
        <translation>两次输入不一致，请输入两遍相同的内容。</translation>
    </message>
    <message>
        <source>Strength: {word}. Not accepted: {reason}</source>
        <translation>强度：{word}。不能使用：{reason}</translation>
    </message>
    <message>
        <source>Strength: {word}. The second entry differs from the first.</source>
        <translation>强度：{word}。第二次输入与第一次不一致。</translation>
    </message>
    <message>
        <source>Strength: {word}. Now type it again below.</source>
        <translation>强度：{word}。请在下方再输入一遍。</translation>
    </message>
    <message>
        <source>Strength: {word}. Accepted.</source>
        <translation>强度：{word}。可以使用。</translation>
    </message>
    <message>
        <source>At least {n} characters. A short sentence of several words is strong and easy to remember.</source>
        <translation>至少 {n} 个字符。用几个词组成的一句话，既安全又好记。</translation>
    </message>
    <message>
        <source>At least {n} characters, not your name, not a common password.</source>
        <translation>至少 {n} 个字符，不要含姓名，不要用常见密码。</translation>
    </message>
</context>
<context>
    <name>OwnAccountPage</name>
    <message>
        <source>Your own working account</source>
        <translation>您自己的工作账号</translation>
    </message>
    <message>
        <source>Optional: if you also work with case files, events or check-in.</source>
        <translation>可选：如果您自己也要处理档案、活动或签到。</translation>
    </message>
    <message>
        <source>Everyone signs in with an account of their own, so the audit log shows who did what. If you will also work on this computer (as a matchmaker, for example), create your working account now; the administrator account is then kept for managing accounts. The privacy officer and auditor roles cannot be given to oneself: the administrator creates those accounts for the people who hold them.</source>
        <translation>每个人都用自己的账号登录，审计日志才能如实记录谁做了什么。如果您也要在这台电脑上工作（例如担任红娘），请现在创建工作账号，管理员账号只用于管理账号。个人信息保护负责人和审计员的角色不能给自己，需要由管理员为担任这些职务的人另开账号。</translation>
    </message>
    <message>
        <source>Create my working account now</source>
        <translation>现在创建我的工作账号</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Database passphrase</source>
        <translation>数据库口令</translation>
    </message>
    <message>
        <source>This computer has no secure keyring, so the database is locked with a passphrase.</source>
        <translation>这台电脑没有安全的系统钥匙串，因此用口令给数据库加锁。</translation>
    </message>
    <message>
        <source>The passphrase encrypts the case files stored on this computer. It is asked for every time xzdesk starts. It is never written anywhere.</source>
        <translation>口令用来加密保存在这台电脑上的会员档案。每次启动 xzdesk 都要输入，口令本身不会被保存在任何地方。</translation>
    </message>
    <message>
        <source>If the passphrase is lost, the data on this computer cannot be recovered by anyone — not by the union, not by the developers. Write it down and keep it in a locked place.</source>
        <translation>口令一旦忘记，这台电脑上的数据任何人都无法找回——工会不能，开发人员也不能。请把它写下来，锁在安全的地方。</translation>
    </message>
    <message>
        <source>I understand: a lost passphrase means lost data.</source>
        <translation>我已明白：忘记口令，数据就无法找回。</translation>
    </message>
</context>
<context>
    <name>RefusalLine</name>
    <message>
        <source>After {n} more wrong passwords the account locks.</source>
        <translation>再输错 {n} 次，账号将被锁定。</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>现在可以再试一次。</translation>
    </message>
    <message>
        <source>Wait {seconds} s</source>
        <translation>请等待 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password of {name}</source>
        <translation>重设 {name} 的密码</translation>
    </message>
    <message>
        <source>This also unlocks the account.</source>
        <translation>这也会解除账号的锁定。</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of {name}</source>
        <translation>{name} 的角色</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
</context>
<context>
    <name>ScreenLock</name>
    <message>
        <source>Lock screen</source>
        <translation>锁定屏幕</translation>
    </message>
    <message>
        <source>Lock when idle</source>
        <translation>空闲时锁屏</translation>
    </message>
    <message>
        <source>After {minutes} minutes</source>
        <translation>{minutes} 分钟后</translation>
    </message>
    <message>
        <source>Never (demo database only)</source>
        <translation>从不（仅限演示数据库）</translation>
    </message>
    <message>
        <source>xzdesk is locked</source>
        <translation>徐州工会红娘已锁定</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{name} has unsaved changes in: {where}. Only they can save them, by unlocking with their password. Switching user discards these changes. Switch anyway?</source>
        <translation>{name}在“{where}”中有尚未保存的修改，只有本人输入密码解锁后才能保存。切换用户将放弃这些修改。仍要切换吗？</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>账号管理…</translation>
    </message>
    <message>
        <source>Quit xzdesk</source>
        <translation>退出 xzdesk</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>切换用户</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>There are unsaved changes in: {where}. Save them first?</source>
        <translation>“{where}”中有尚未保存的修改。要先保存吗？</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>city-wide</source>
        <translation>全市</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Everyone works under their own account, so the audit log shows who did what.</source>
        <translation>每个人都用自己的账号工作，审计日志才能如实记录谁做了什么。</translation>
    </message>
    <message>
        <source>Demo database: every demo account&apos;s password is {password}</source>
        <translation>演示数据库：所有演示账号的密码都是 {password}</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock the database</source>
        <translation>解锁数据库</translation>
    </message>
    <message>
        <source>This computer has no secure keyring, so its database is locked with the passphrase chosen when xzdesk was set up. Type it to open the case files.</source>
        <translation>这台电脑没有安全的系统钥匙串，数据库用设置 xzdesk 时选定的口令加锁。请输入口令以打开会员档案。</translation>
    </message>
    <message>
        <source>The passphrase was wrong. {left} tries left.</source>
        <translation>口令不正确，还可以再试 {left} 次。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Database passphrase</source>
        <translation>数据库口令</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to the Xuzhou Union Matchmaker workbench</source>
        <translation>欢迎使用徐州工会红娘工作台</translation>
    </message>
    <message>
        <source>xzdesk keeps the members&apos; case files, events, check-ins and introductions of your office on this computer. Everything is stored in one encrypted database file; nothing is sent anywhere until you connect to the union server under 同步 (Sync).</source>
        <translation>xzdesk 在这台电脑上保存本办公室的会员档案、活动、签到和牵线记录。所有数据都存放在一个加密的数据库文件中；在“同步”中连接工会服务器之前，不会向任何地方发送数据。</translation>
    </message>
    <message>
        <source>The data folder of this computer:
{folder}</source>
        <translation>本机的数据文件夹：
{folder}</translation>
    </message>
    <message>
        <source>Setting up takes three short steps:</source>
        <translation>设置只需三步：</translation>
    </message>
    <message>
        <source>• a passphrase that locks the database file on this computer;</source>
        <translation>• 设置给本机数据库文件加锁的口令；</translation>
    </message>
    <message>
        <source>• the administrator account, which creates everyone else&apos;s accounts;</source>
        <translation>• 创建管理员账号，由它为其他人开账号；</translation>
    </message>
    <message>
        <source>• if you also work with the case files, your own working account.</source>
        <translation>• 如果您也要处理档案，创建您自己的工作账号。</translation>
    </message>
    <message>
        <source>Setting up takes two short steps:</source>
        <translation>设置只需两步：</translation>
    </message>
    <message>
        <source>Nothing is saved until you press Create on the last page.</source>
        <translation>在最后一页点“创建”之前，什么都不会保存。</translation>
    </message>
</context>
<context>
    <name>_AccountForm</name>
    <message>
        <source>e.g. wangfang (letters, digits, . - _)</source>
        <translation>例如 wangfang（字母、数字、. - _）</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation>显示的姓名</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>Make another</source>
        <translation>换一个</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <source>Give it to the person yourself. They must change it when they first sign in.</source>
        <translation>请当面交给本人。本人第一次登录时必须修改。</translation>
    </message>
</context>
</TS>
