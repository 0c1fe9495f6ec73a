<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Resolve a conflict</source>
        <translation>处理冲突</translation>
    </message>
    <message>
        <source>Record: {record}</source>
        <translation>记录：{record}</translation>
    </message>
    <message>
        <source>The other change: {party}.</source>
        <translation>另一处的修改：{party}。</translation>
    </message>
    <message>
        <source>Before both changes</source>
        <translation>修改之前</translation>
    </message>
    <message>
        <source>Type another value</source>
        <translation>输入其他值</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The server cannot be reached (no network?). Work goes on offline; sync retries by itself.</source>
        <translation>无法连接服务器（没有网络？）。可以继续离线工作，同步会自动重试。</translation>
    </message>
    <message>
        <source>The server did not answer in time. Sync retries by itself.</source>
        <translation>服务器没有及时响应，同步会自动重试。</translation>
    </message>
    <message>
        <source>The server had a problem. Sync retries by itself; tell the union office if it lasts.</source>
        <translation>服务器出现问题，同步会自动重试；若持续出现，请联系工会办公室。</translation>
    </message>
    <message>
        <source>The server is busy. Sync retries by itself.</source>
        <translation>服务器繁忙，同步会自动重试。</translation>
    </message>
    <message>
        <source>The server answered something this version does not understand. Update xzdesk or ask the union office.</source>
        <translation>服务器的回复本版本无法识别，请更新软件或联系工会办公室。</translation>
    </message>
    <message>
        <source>This computer is not connected to a union server yet.</source>
        <translation>本机尚未连接工会服务器。</translation>
    </message>
    <message>
        <source>The device key of this computer is missing from the keyring. Connect this computer again.</source>
        <translation>钥匙串中找不到本机的设备密钥，请重新连接本机。</translation>
    </message>
    <message>
        <source>The union office revoked this computer: personal data was removed from it. Connect it again to continue.</source>
        <translation>工会办公室已注销本机，本机上的个人信息已清除。如需继续使用，请重新连接。</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码不正确。</translation>
    </message>
    <message>
        <source>This account may not connect a computer.</source>
        <translation>此账号不能用于连接电脑。</translation>
    </message>
    <message>
        <source>The server no longer accepts this computer&apos;s key. Connect this computer again.</source>
        <translation>服务器不再接受本机的密钥，请重新连接本机。</translation>
    </message>
    <message>
        <source>The server needs this computer&apos;s key. Connect this computer again.</source>
        <translation>服务器需要本机的密钥，请重新连接本机。</translation>
    </message>
    <message>
        <source>The demo database holds synthetic people and is never connected to a server.</source>
        <translation>演示数据库中是虚构人员，不能连接服务器。</translation>
    </message>
    <message>
        <source>This computer is already connected to a server.</source>
        <translation>本机已连接服务器。</translation>
    </message>
    <message>
        <source>This database already holds case files; only an empty database can be connected (its records would otherwise be duplicated).</source>
        <translation>此数据库中已有档案；只有空数据库才能连接服务器（否则记录会重复）。</translation>
    </message>
    <message>
        <source>This account cannot be used to connect a computer.</source>
        <translation>此账号不能用于连接电脑。</translation>
    </message>
    <message>
        <source>This computer was offline longer than allowed. Personal screens are locked until it syncs.</source>
        <translation>本机离线时间超过允许期限，个人信息界面已锁定，同步后恢复。</translation>
    </message>
    <message>
        <source>The server asked for a fresh start: local data is downloaded again (your own changes were sent first).</source>
        <translation>服务器要求重新开始：本地数据将重新下载（您的修改已先上传）。</translation>
    </message>
    <message>
        <source>What this computer may see changed: its data is downloaded again.</source>
        <translation>本机的可见范围已变更，数据将重新下载。</translation>
    </message>
    <message>
        <source>The conflict was already resolved.</source>
        <translation>该冲突已处理。</translation>
    </message>
    <message>
        <source>The rejected change is no longer in the list.</source>
        <translation>该被拒绝的修改已不在列表中。</translation>
    </message>
    <message>
        <source>This kind of record is not known to this version of xzdesk.</source>
        <translation>本版本无法识别此类记录。</translation>
    </message>
    <message>
        <source>The member&apos;s data was erased at their request; changes to it are refused.</source>
        <translation>该会员的信息已应本人要求删除，相关修改被拒绝。</translation>
    </message>
    <message>
        <source>The record belongs to a district or event this computer may not change.</source>
        <translation>该记录属于本机无权修改的区县或活动。</translation>
    </message>
    <message>
        <source>The change was refused: the record had already moved on to another stage.</source>
        <translation>修改被拒绝：该记录已进入其他阶段。</translation>
    </message>
    <message>
        <source>The change was refused: the account may not make it.</source>
        <translation>修改被拒绝：此账号无权进行该修改。</translation>
    </message>
    <message>
        <source>The change was refused: the server found a value it does not accept.</source>
        <translation>修改被拒绝：服务器发现了不可接受的值。</translation>
    </message>
    <message>
        <source>The server refused the change.</source>
        <translation>服务器拒绝了此修改。</translation>
    </message>
    <message>
        <source>The server accepted none of the changes, so sync stopped. See the refused changes, or ask the union office.</source>
        <translation>服务器没有接收任何修改，同步已停止。请查看被拒绝的修改，或联系工会办公室。</translation>
    </message>
    <message>
        <source>Data from the server could not be saved on this computer; nothing was changed. The log file has the details.</source>
        <translation>服务器发来的数据无法保存到本机，本机数据未作任何改动。详情见日志文件。</translation>
    </message>
    <message>
        <source>The sync position was not valid: everything is downloaded again.</source>
        <translation>同步位置无效，将重新下载全部数据。</translation>
    </message>
    <message>
        <source>This computer sent a change number the server already has. Ask the union office.</source>
        <translation>本机上传的修改编号与服务器已有的重复，请联系工会办公室。</translation>
    </message>
    <message>
        <source>The same change was sent twice with different content. Ask the union office.</source>
        <translation>同一修改被以不同内容重复上传，请联系工会办公室。</translation>
    </message>
    <message>
        <source>The record no longer exists.</source>
        <translation>该记录已不存在。</translation>
    </message>
    <message>
        <source>The change was refused: records of this kind are changed on the server only.</source>
        <translation>修改被拒绝：此类记录只能在服务器上修改。</translation>
    </message>
    <message>
        <source>The change was refused: the record&apos;s id is not valid.</source>
        <translation>修改被拒绝：记录编号格式不对。</translation>
    </message>
    <message>
        <source>The change was refused: the record was deleted on the server.</source>
        <translation>修改被拒绝：该记录在服务器上已被删除。</translation>
    </message>
    <message>
        <source>The change was refused: the server does not hold this record.</source>
        <translation>修改被拒绝：服务器上没有这条记录。</translation>
    </message>
    <message>
        <source>The change was refused: the server does not hold this member.</source>
        <translation>修改被拒绝：服务器上没有这位会员。</translation>
    </message>
    <message>
        <source>The change was refused: records of this kind are only added, never changed or deleted.</source>
        <translation>修改被拒绝：此类记录只能新增，不能修改或删除。</translation>
    </message>
    <message>
        <source>The change was refused: {field} cannot change once created.</source>
        <translation>修改被拒绝：{field}创建后不能再改。</translation>
    </message>
    <message>
        <source>The change was refused: {field} duplicates another record on the server.</source>
        <translation>修改被拒绝：{field}与服务器上的另一条记录重复。</translation>
    </message>
    <message>
        <source>The value has the wrong type.</source>
        <translation>值的类型不对。</translation>
    </message>
    <message>
        <source>The value is too long.</source>
        <translation>值太长。</translation>
    </message>
    <message>
        <source>The value must not be empty.</source>
        <translation>值不能为空。</translation>
    </message>
    <message>
        <source>The value is out of range.</source>
        <translation>值超出范围。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The server&apos;s address must start with https:// (plain http:// only for this computer itself). Nothing was sent. Ask the union office for the https address.</source>
        <translation>服务器地址必须以 https:// 开头（只有本机自己的地址才能用 http://），未发送任何数据。请向工会办公室要 https 地址。</translation>
    </message>
    <message>
        <source>The server&apos;s address is not valid. Write it as https://name:port.</source>
        <translation>服务器地址格式不对，请写成 https://主机名:端口。</translation>
    </message>
    <message>
        <source>The union certificate file cannot be read. Choose it again.</source>
        <translation>无法读取工会证书文件，请重新选择。</translation>
    </message>
    <message>
        <source>The file chosen is not a usable CA certificate (a .pem, .crt or .cer file is expected).</source>
        <translation>所选文件不是可用的 CA 证书（应为 .pem、.crt 或 .cer 文件）。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so nothing was sent. If the union uses its own certificates, choose the union certificate and connect again.</source>
        <translation>服务器的证书不受信任，未发送任何数据。如果工会使用自己的证书，请选择工会证书后重新接入。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate belongs to another name (this may be another server), so nothing was sent. Check the server&apos;s address.</source>
        <translation>服务器的证书不属于这个地址（可能连到了别的服务器），未发送任何数据。请核对服务器地址。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired, so nothing was sent. Tell the union office.</source>
        <translation>服务器的证书已过期，未发送任何数据。请告知工会办公室。</translation>
    </message>
    <message>
        <source>No secure connection to the server could be made (wrong address or port?). Nothing was sent.</source>
        <translation>无法与服务器建立安全连接（地址或端口不对？），未发送任何数据。</translation>
    </message>
    <message>
        <source>The server refused a request over its size limit; nothing was done. Tell the union office.</source>
        <translation>服务器拒绝了超过大小上限的请求，未作任何处理。请告知工会办公室。</translation>
    </message>
    <message>
        <source>The server refused a request with too large headers; nothing was done.</source>
        <translation>服务器拒绝了请求头过大的请求，未作任何处理。</translation>
    </message>
    <message>
        <source>The server refused a request holding invalid text; nothing was done. Tell the union office.</source>
        <translation>服务器拒绝了含有无效文字的请求，未作任何处理。请告知工会办公室。</translation>
    </message>
    <message>
        <source>The server could not read the request; nothing was done. Update xzdesk.</source>
        <translation>服务器无法解析请求，未作任何处理。请更新 xzdesk。</translation>
    </message>
    <message>
        <source>The server does not know this request (another version?). Update xzdesk or ask the union office.</source>
        <translation>服务器不认识这个请求（版本不一致？）。请更新 xzdesk 或询问工会办公室。</translation>
    </message>
    <message>
        <source>The server does not take this request (another version?). Update xzdesk.</source>
        <translation>服务器不接受这种请求（版本不一致？）。请更新 xzdesk。</translation>
    </message>
    <message>
        <source>Too many wrong passwords on the server. Try again in {retry_after} seconds.</source>
        <translation>服务器上密码错误次数过多，请 {retry_after} 秒后再试。</translation>
    </message>
    <message>
        <source>Too many wrong passwords on the server: signing in is locked for now. Try again in {retry_after_min} minutes, or ask the server&apos;s administrator to lift the lock.</source>
        <translation>服务器上密码错误次数过多，登录已暂时锁定。请 {retry_after_min} 分钟后再试，或请服务器管理员解除锁定。</translation>
    </message>
    <message>
        <source>The server does not hold this member: there is nothing to erase there.</source>
        <translation>服务器上没有这位会员，服务器上无需删除。</translation>
    </message>
    <message>
        <source>{workers} worker processes need a PostgreSQL database.</source>
        <translation>{workers} 个工作进程需要 PostgreSQL 数据库。</translation>
    </message>
    <message>
        <source>{tool} was not found: install the PostgreSQL client tools.</source>
        <translation>找不到 {tool}：请安装 PostgreSQL 客户端工具。</translation>
    </message>
    <message>
        <source>The backup or restore did not complete; nothing was changed.</source>
        <translation>备份或恢复未完成，现有数据未改动。</translation>
    </message>
    <message>
        <source>This kind of database cannot be backed up.</source>
        <translation>无法备份这种数据库。</translation>
    </message>
    <message>
        <source>The backup file or the database was not found.</source>
        <translation>找不到备份文件或数据库。</translation>
    </message>
    <message>
        <source>The file is not a backup of an xzdesk server, or it is damaged.</source>
        <translation>该文件不是 xzdesk 服务器的备份，或已损坏。</translation>
    </message>
    <message>
        <source>This backup is of another kind of database and cannot be restored here.</source>
        <translation>这是另一种数据库的备份，不能恢复到这里。</translation>
    </message>
</context>
<context>
    <name>SyncLabels</name>
    <message>
        <source>Case file</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>牵线</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>registered twice</source>
        <translation>重复报名</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>number plate given twice</source>
        <translation>号码牌重复</translation>
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
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>身高</translation>
    </message>
    <message>
        <source>Marital history</source>
        <translation>婚姻状况</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Matchmaker</source>
        <translation>红娘</translation>
    </message>
    <message>
        <source>Self-description</source>
        <translation>自我介绍</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{n} places</source>
        <translation>{n} 个名额</translation>
    </message>
    <message>
        <source>{n} taken</source>
        <translation>已占 {n} 个</translation>
    </message>
    <message>
        <source>Places in all</source>
        <translation>总名额</translation>
    </message>
    <message>
        <source>Places for men</source>
        <translation>男性名额</translation>
    </message>
    <message>
        <source>Places for women</source>
        <translation>女性名额</translation>
    </message>
    <message>
        <source>Places for men in age band {band}</source>
        <translation>第 {band} 个年龄段的男性名额</translation>
    </message>
    <message>
        <source>Places for women in age band {band}</source>
        <translation>第 {band} 个年龄段的女性名额</translation>
    </message>
    <message>
        <source>Places in age band {band}</source>
        <translation>第 {band} 个年龄段的名额</translation>
    </message>
    <message>
        <source>Number plate {plate} was given to two people while computers worked offline. Who keeps it? The other person gets the next free plate; print that badge again.</source>
        <translation>几台电脑离线工作时，号码牌 {plate} 发给了两个人。由谁保留这个号码？另一人改用下一个空号，请为其重新打印胸牌。</translation>
    </message>
    <message>
        <source>{cap}: {limit}, but {taken} places are taken: computers approved people while offline. Move people to the waiting list in the event&apos;s registrations, or keep everyone.</source>
        <translation>{cap}为 {limit} 个，但已占用 {taken} 个：几台电脑在离线时各自批准了报名。请在该活动的报名名单中把部分人员转为候补，或者全部保留。</translation>
    </message>
    <message>
        <source>The same record was entered on this computer and elsewhere; the server joined the two copies into one. Where they differ, which values are right?</source>
        <translation>同一条记录在本机和其他电脑上都录入过，服务器已把两份合并为一份。两份不一致的地方，以哪一份为准？</translation>
    </message>
    <message>
        <source>“{field}” was changed on this computer and elsewhere before they synced. Which value is right?</source>
        <translation>“{field}”在本机和其他电脑上都被修改过（同步之前）。哪个值是正确的？</translation>
    </message>
    <message>
        <source>The person who had it first keeps {plate}; this one gets a new plate</source>
        <translation>先拿到号码的人保留 {plate}，此人改用新号码</translation>
    </message>
    <message>
        <source>This person keeps {plate}; the other one gets a new plate</source>
        <translation>此人保留 {plate}，另一人改用新号码</translation>
    </message>
    <message>
        <source>Keep everyone (close this conflict)</source>
        <translation>全部保留（关闭此冲突）</translation>
    </message>
    <message>
        <source>Keep the joined record&apos;s values</source>
        <translation>保留合并后记录的内容</translation>
    </message>
    <message>
        <source>Use this computer&apos;s values</source>
        <translation>采用本机录入的内容</translation>
    </message>
    <message>
        <source>Keep the server&apos;s value</source>
        <translation>保留服务器上的值</translation>
    </message>
    <message>
        <source>Use this computer&apos;s value</source>
        <translation>采用本机的值</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Connect this computer to the union server</source>
        <translation>将本机连接到工会服务器</translation>
    </message>
    <message>
        <source>Venue laptops only: the event codes, separated by commas</source>
        <translation>仅限活动现场电脑：填写活动编码，用逗号分隔</translation>
    </message>
    <message>
        <source>Only if the union gave you one (.pem .crt .cer)</source>
        <translation>仅当工会提供时填写（.pem .crt .cer）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Union certificate</source>
        <translation>工会证书</translation>
    </message>
    <message>
        <source>Connecting needs an empty database: the server sends this computer what its account may see. The address starts with https:// and the server&apos;s certificate is checked. The password is not stored; the computer keeps a device key in the system keyring.</source>
        <translation>接入需要空数据库：服务器会把该账号可见的数据发给本机。地址以 https:// 开头，并会核验服务器证书。密码不会保存，本机只在系统钥匙串中保存设备密钥。</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>上次尝试</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>待上传的修改</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>未处理冲突</translation>
    </message>
    <message>
        <source>Rejected changes</source>
        <translation>被拒绝的修改</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>最近问题</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>Server now</source>
        <translation>服务器上</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Other change by</source>
        <translation>另一处修改人</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <source>Why refused</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Conflicts: changes made here and elsewhere that do not fit together</source>
        <translation>冲突：本机与其他电脑上的修改对不上</translation>
    </message>
    <message>
        <source>Changes the server refused (nothing else was held back)</source>
        <translation>服务器拒绝的修改（其他修改均已正常处理）</translation>
    </message>
    <message>
        <source>The demo database is never connected to a server</source>
        <translation>演示数据库不能连接服务器</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>none: demo data is never sent</source>
        <translation>无：演示数据从不上传</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Please fill in the address, user name and password.</source>
        <translation>请填写服务器地址、用户名和密码。</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>The union&apos;s CA certificate</source>
        <translation>工会的 CA 证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A sync was already running.</source>
        <translation>同步已在进行中。</translation>
    </message>
    <message>
        <source>Sent {sent}, received {received}.</source>
        <translation>已上传 {sent} 条，已接收 {received} 条。</translation>
    </message>
    <message>
        <source>not known (the server did not say)</source>
        <translation>不详（服务器未提供）</translation>
    </message>
    <message>
        <source>a computer without a name ({code})</source>
        <translation>未命名的电脑（编号 {code}）</translation>
    </message>
    <message>
        <source>an unknown account</source>
        <translation>未知账号</translation>
    </message>
    <message>
        <source>{device}, {person}, {time}</source>
        <translation>{device}，{person}，{time}</translation>
    </message>
    <message>
        <source>{device}, {person}</source>
        <translation>{device}，{person}</translation>
    </message>
</context>
</TS>
