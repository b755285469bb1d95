<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AuditTab</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>如 2026-01-01</source>
        <translation>e.g. 2026-01-01</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD；留空则不限，无法识别的日期不作筛选</source>
        <translation>Date as YYYY-MM-DD; leave empty for no limit (a date that cannot be read is ignored)</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>经过</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>理赔编号或记录类别，如 C2026-00001、会员</source>
        <translation>Claim number or record kind, e.g. C2026-00001</translation>
    </message>
    <message>
        <source>查询(&amp;Q)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>校验完整性(&amp;V)</source>
        <translation>&amp;Verify integrity</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>从：</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>到：</source>
        <translation>To:</translation>
    </message>
    <message>
        <source>记录：</source>
        <translation>Record:</translation>
    </message>
    <message>
        <source>选择一条记录查看详情</source>
        <translation>Select an entry to see its details</translation>
    </message>
    <message>
        <source>详情：</source>
        <translation>Details:</translation>
    </message>
    <message>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>共 {n} 条</source>
        <translation>Entries: {n}</translation>
    </message>
    <message>
        <source>审计日志完整：共 {n} 条，逐条校验通过</source>
        <translation>Audit log intact; entries checked one by one: {n}</translation>
    </message>
    <message>
        <source>发现 {n} 处问题：</source>
        <translation>Problems found ({n}): </translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and Restore</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>立即备份(&amp;B)</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>备份到文件夹（U 盘）(&amp;U)…</source>
        <translation>Back up to a folder (&amp;USB stick)…</translation>
    </message>
    <message>
        <source>从备份恢复(&amp;R)…</source>
        <translation>&amp;Restore from backup…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>只有管理员可以从备份恢复</source>
        <translation>Only an administrator can restore from a backup</translation>
    </message>
    <message>
        <source>自动备份保存在 {folder}：每次启动和退出时各备份一次，保留最近 10 份，另保留 30 天内每天 1 份。</source>
        <translation>Automatic backups are kept in {folder}: one at every start and every exit; the latest 10 are kept, plus one a day for the last 30 days.</translation>
    </message>
    <message>
        <source>，已加密</source>
        <translation>, encrypted</translation>
    </message>
    <message>
        <source>启动时自动</source>
        <translation>Automatic at start</translation>
    </message>
    <message>
        <source>退出时自动</source>
        <translation>Automatic at exit</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>恢复前自动</source>
        <translation>Automatic before restore</translation>
    </message>
    <message>
        <source>正在备份或恢复，请稍候</source>
        <translation>A backup or restore is running; please wait</translation>
    </message>
    <message>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>不能恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <source>选择备份文件夹（如 U 盘）</source>
        <translation>Choose a backup folder (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>加密备份</source>
        <translation>Encrypted backup</translation>
    </message>
    <message>
        <source>设置密码（留空则不加密；U 盘可能遗失，建议加密）：</source>
        <translation>Password (leave empty for no encryption; a USB stick can be lost, so encryption is advised):</translation>
    </message>
    <message>
        <source>再输入一次密码：</source>
        <translation>Enter the password again:</translation>
    </message>
    <message>
        <source>两次输入的密码不一致，未备份</source>
        <translation>The two passwords differ; nothing was backed up</translation>
    </message>
    <message>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <source>备份文件 (*.db *.enc);;所有文件 (*)</source>
        <translation>Backup files (*.db *.enc);;All files (*)</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>备份文件的密码：</source>
        <translation>Password of the backup file:</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>将用备份 {name} 替换现在的全部数据。
恢复前会先检查备份文件，并自动备份现在的数据。
恢复后程序需要重新启动。确定恢复吗？</source>
        <translation>All current data will be replaced by the backup {name}.
The backup file is checked first, and the current data is backed up automatically.
The program must be restarted afterwards. Restore now?</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>Backup complete</translation>
    </message>
    <message>
        <source>已备份到 {path}</source>
        <translation>Backed up to {path}</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
    <message>
        <source>已从备份恢复数据库；恢复前的数据另存为 {name}。
程序需要重新启动：请关闭程序后重新打开，再继续工作。</source>
        <translation>The database was restored from the backup; the data from before the restore was saved as {name}.
The program must be restarted: close it and open it again before you go on working.</translation>
    </message>
    <message>
        <source>备份的审计日志未通过校验</source>
        <translation>The backup&apos;s audit log does not verify</translation>
    </message>
    <message>
        <source>这份备份中的审计日志未通过校验，可能被改动过：
{problems}

仍要用它恢复吗？恢复后这些问题会记入审计日志。</source>
        <translation>The audit log in this backup does not verify and may have been altered:
{problems}

Restore from it anyway? These problems will be written to the audit log.</translation>
    </message>
</context>
<context>
    <name>BatchImportDialog</name>
    <message>
        <source>导入上报批次 — {folder}</source>
        <translation>Import Unit Batch — {folder}</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>处理方式</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <source>跳过（不予办理）</source>
        <translation>Skip (do not process)</translation>
    </message>
    <message>
        <source>转入本单位后办理</source>
        <translation>Move the member to this unit, then process</translation>
    </message>
    <message>
        <source>按本批次更新已有记录</source>
        <translation>Update the existing record from this batch</translation>
    </message>
    <message>
        <source>请选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>请逐条选择冲突的处理方式：</source>
        <translation>Choose a resolution for each conflict:</translation>
    </message>
    <message>
        <source>已导入：</source>
        <translation>Imported: </translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>首次使用 — 设置办事处和管理员</source>
        <translation>First Start — Office and Administrator</translation>
    </message>
    <message>
        <source>欢迎使用职工互助保障经办台。请填写本单位资料，并设置管理员密码。</source>
        <translation>Welcome to the Workers&apos; Mutual Aid Desk. Enter your office&apos;s details and set the administrator&apos;s password.</translation>
    </message>
    <message>
        <source>载入示例数据（5 个单位、300 名会员），先熟悉程序</source>
        <translation>Load demo data (5 units, 300 members) to get to know the program</translation>
    </message>
    <message>
        <source>必填：本单位（基层工会、代办处或办事处）的名称</source>
        <translation>Required: the name of your union, agency office or branch office</translation>
    </message>
    <message>
        <source>必填：管理员登录用的用户名</source>
        <translation>Required: the user name the administrator logs in with</translation>
    </message>
    <message>
        <source>至少 {n} 个字符；不能是同一字符的重复、常见密码或用户名</source>
        <translation>At least {n} characters; not one character repeated, not a common password, not the user name</translation>
    </message>
    <message>
        <source>与上面的密码相同</source>
        <translation>The same password as above</translation>
    </message>
    <message>
        <source>单位名称：</source>
        <translation>Office name:</translation>
    </message>
    <message>
        <source>级别：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>地区：</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>管理员用户名：</source>
        <translation>Administrator user name:</translation>
    </message>
    <message>
        <source>管理员密码：</source>
        <translation>Administrator password:</translation>
    </message>
    <message>
        <source>再次输入密码：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>用户指南</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <source>在指南中查找（Enter 找下一处）</source>
        <translation>Find in the guide (Enter for the next)</translation>
    </message>
    <message>
        <source>找不到用户指南：{path}</source>
        <translation>User guide not found: {path}</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>指南中没有“{text}”</source>
        <translation>“{text}” is not in the guide</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>职工互助保障经办台 — {office}</source>
        <translation>Workers&apos; Mutual Aid Desk — {office}</translation>
    </message>
    <message>
        <source>会员名册(&amp;1)</source>
        <translation>Roster (&amp;1)</translation>
    </message>
    <message>
        <source>参保缴费(&amp;2)</source>
        <translation>Enrollment (&amp;2)</translation>
    </message>
    <message>
        <source>理赔(&amp;3)</source>
        <translation>Claims (&amp;3)</translation>
    </message>
    <message>
        <source>保障计划(&amp;4)</source>
        <translation>Plans (&amp;4)</translation>
    </message>
    <message>
        <source>统计(&amp;5)</source>
        <translation>Statistics (&amp;5)</translation>
    </message>
    <message>
        <source>审计日志(&amp;6)</source>
        <translation>Audit Log (&amp;6)</translation>
    </message>
    <message>
        <source>本页的使用说明（F1）</source>
        <translation>Help for this tab (F1)</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>导入上报批次(&amp;B)…</source>
        <translation>Import Unit &amp;Batch…</translation>
    </message>
    <message>
        <source>导出处理结果…</source>
        <translation>Export Results…</translation>
    </message>
    <message>
        <source>导入处理结果…</source>
        <translation>Import Results…</translation>
    </message>
    <message>
        <source>密钥管理(&amp;Y)…</source>
        <translation>Ke&amp;ys…</translation>
    </message>
    <message>
        <source>核对纸质表(&amp;V)…</source>
        <translation>Check Paper &amp;Form…</translation>
    </message>
    <message>
        <source>备份与恢复(&amp;K)…</source>
        <translation>Bac&amp;kup and Restore…</translation>
    </message>
    <message>
        <source>用户管理(&amp;U)…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <source>修改密码(&amp;P)…</source>
        <translation>Change &amp;Password…</translation>
    </message>
    <message>
        <source>注销 / 切换用户(&amp;L)</source>
        <translation>&amp;Log Out / Switch User</translation>
    </message>
    <message>
        <source>设置(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>用户指南(&amp;G)</source>
        <translation>User &amp;Guide</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>{user}（{role}）</source>
        <translation>{user} ({role})</translation>
    </message>
    <message>
        <source>已{done}。按 Ctrl+Z 可撤销。</source>
        <translation>{done}. Press Ctrl+Z to undo.</translation>
    </message>
    <message>
        <source>最近：{done}</source>
        <translation>Last: {done}</translation>
    </message>
    <message>
        <source>撤销：{done}(&amp;U)</source>
        <translation>&amp;Undo: {done}</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>无法撤销“{done}”：{why}</source>
        <translation>Cannot undo “{done}”: {why}</translation>
    </message>
    <message>
        <source>已撤销：{done}</source>
        <translation>Undone: {done}</translation>
    </message>
    <message>
        <source>撤销：{done}</source>
        <translation>Undid: {done}</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>经办员</source>
        <translation>clerk</translation>
    </message>
    <message>
        <source>审核员</source>
        <translation>auditor</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change Password</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请用新密码。</source>
        <translation>Password changed. Use the new password next time you log in.</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言将在重新启动程序后改变。</source>
        <translation>The display language changes when the program is restarted.</translation>
    </message>
    <message>
        <source>欢迎</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>示例数据已载入。要花两分钟看看各页是做什么的吗？</source>
        <translation>The demo data is loaded. Take two minutes to see what each tab is for?</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>职工互助保障经办台 {version}
为基层工会、代办处和办事处的职工互助保障经办工作而作。</source>
        <translation>Workers&apos; Mutual Aid Desk {version}
For the mutual-aid insurance work of grassroots unions, agency offices and branch offices.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>打印预览 — {name}</source>
        <translation>Print preview — {name}</translation>
    </message>
    <message>
        <source>共 {n} 页，纸张 {paper}，按原大小打印；PDF 已保存在 {path}</source>
        <translation>{n} page(s), paper {paper}, printed at actual size; the PDF is saved at {path}</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>已送打印机 {printer}：第 {first}–{last} 页，{copies} 份</source>
        <translation>Sent to {printer}: pages {first}–{last}, {copies} cop(ies)</translation>
    </message>
    <message>
        <source>打印失败：打印服务没有响应（{why}）</source>
        <translation>Printing failed: the print service did not answer ({why})</translation>
    </message>
    <message>
        <source>打印失败：{why}</source>
        <translation>Printing failed: {why}</translation>
    </message>
    <message>
        <source>已送打印机 {printer}：第 {first}–{last} 页，{copies} 份（作业 {job}）</source>
        <translation>Sent to {printer}: pages {first}–{last}, {copies} cop(ies) (job {job})</translation>
    </message>
</context>
<context>
    <name>TableColumns</name>
    <message>
        <source>显示的列</source>
        <translation>Columns shown</translation>
    </message>
    <message>
        <source>恢复默认列</source>
        <translation>Default columns</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>会员名册：左边是单位，右边是会员。Ctrl+F 搜索姓名、拼音首字母或身份证号任意 4 位；双击会员修改资料，改错了按 Ctrl+Z 撤销。</source>
        <translation>Roster: units on the left, their members on the right. Ctrl+F searches names, pinyin initials or any 4 digits of an ID number; double-click a member to edit, Ctrl+Z undoes a mistake.</translation>
    </message>
    <message>
        <source>参保缴费：选方案、期数和单位，看谁符合条件、谁已参保、单位应缴多少；办理参保、登记缴费，打印团体申请表和人员手册，导出上报批次到 U 盘。</source>
        <translation>Enrollment: choose a plan, period and unit to see who is eligible, who is enrolled and what the unit owes; enroll, record payments, print the group application and personnel roster, export the report batch to a USB stick.</translation>
    </message>
    <message>
        <source>理赔：受理新理赔时填写事件情况，右边即时显示应付金额和计算过程；之后依次单位审核、办事处审核、批准、登记支付，每一步都记下经办人。</source>
        <translation>Claims: a new claim shows the amount due and how it is worked out as you type the facts; then unit review, office audit, approval and payment, each step recording who did it.</translation>
    </message>
    <message>
        <source>保障计划：各方案的项目、标准和上限；“待确认”的数值须由管理员按文件核对。</source>
        <translation>Plans: each plan&apos;s benefits, rates and caps; figures marked “to confirm” must be checked against the documents by an administrator.</translation>
    </message>
    <message>
        <source>统计：参保人数、缴费和理赔的汇总，可导出 Excel。</source>
        <translation>Statistics: enrollment, contributions and claims summed up, exportable to Excel.</translation>
    </message>
    <message>
        <source>审计日志：谁在何时改了什么；“校验完整性”检查记录是否被改动或删除。示例数据只供熟悉程序，正式使用请用新的数据库。</source>
        <translation>Audit log: who changed what and when; “Verify integrity” checks that no entry was changed or deleted. The demo data is for getting to know the program: for real work use a new database.</translation>
    </message>
</context>
<context>
    <name>TourDialog</name>
    <message>
        <source>两分钟导览</source>
        <translation>Two-minute tour</translation>
    </message>
    <message>
        <source>上一步(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>下一步(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>结束导览</source>
        <translation>End tour</translation>
    </message>
    <message>
        <source>{n} / {total}</source>
        <translation>{n} / {total}</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>batch</name>
    <message>
        <source>批次密码</source>
        <translation>Batch Password</translation>
    </message>
    <message>
        <source>Excel 文件已加密时输入密码（未加密留空）：</source>
        <translation>Password of the encrypted Excel files (leave empty if not encrypted):</translation>
    </message>
    <message>
        <source>选择单位上报的批次文件夹</source>
        <translation>Choose the batch folder a unit sent</translation>
    </message>
    <message>
        <source>导出处理结果</source>
        <translation>Export Results</translation>
    </message>
    <message>
        <source>单位编码：</source>
        <translation>Unit code:</translation>
    </message>
    <message>
        <source>选择 U 盘或文件夹</source>
        <translation>Choose a USB stick or folder</translation>
    </message>
    <message>
        <source>设置批次密码（加密清单、Excel 和 PDF；留空则不加密）：</source>
        <translation>Set a batch password (encrypts the manifest, Excel and PDF files; leave empty for none):</translation>
    </message>
    <message>
        <source>已生成处理结果批次：
{path}</source>
        <translation>Results batch written:
{path}</translation>
    </message>
    <message>
        <source>导入处理结果</source>
        <translation>Import Results</translation>
    </message>
    <message>
        <source>选择办事处的处理结果文件夹</source>
        <translation>Choose the results folder from the office</translation>
    </message>
    <message>
        <source>按以上内容更新本单位的理赔和参保？</source>
        <translation>Update this unit&apos;s claims and enrollments as listed above?</translation>
    </message>
    <message>
        <source>该批次已导入过，没有改动</source>
        <translation>This batch was imported before; nothing changed</translation>
    </message>
    <message>
        <source>已更新理赔 {claims} 件、参保 {enrollments} 人</source>
        <translation>Updated claims: {claims}; updated enrollments: {enrollments}</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>程序内部出错，刚才的操作没有完成（{reason}）。

已保存的数据不受影响。请检查后重试；如果再次出现，请记下当时的操作，并把日志文件交给系统维护人员。

{where}</source>
        <translation>An internal error stopped the last action ({reason}).

Data already saved is not affected. Please check and try again; if it happens again, note what you did and give the log file to your system administrator.

{where}</translation>
    </message>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
</context>
<context>
    <name>forms</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>基层工会</source>
        <translation>Grassroots union</translation>
    </message>
    <message>
        <source>代办处</source>
        <translation>Agency office</translation>
    </message>
    <message>
        <source>办事处</source>
        <translation>Branch office</translation>
    </message>
</context>
<context>
    <name>launch</name>
    <message>
        <source>职工互助保障经办台</source>
        <translation>Workers&apos; Mutual Aid Desk</translation>
    </message>
    <message>
        <source>本机已有一个经办台窗口在使用这个数据库，请切换到那个窗口（同一数据库只能打开一个）。</source>
        <translation>A window of the desk is already open on this database on this PC. Please switch to it (one window per database).</translation>
    </message>
    <message>
        <source>正在生成示例数据…</source>
        <translation>Making the demo data…</translation>
    </message>
    <message>
        <source>数据库：{where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <source>（{notice}）</source>
        <translation> ({notice})</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
</TS>
