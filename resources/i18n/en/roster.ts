<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <source>导入未进行</source>
        <translation>Nothing Imported</translation>
    </message>
    <message>
        <source>文件中有 {rows} 行、共 {errors} 处错误，未导入任何数据。请改正后重新导入。</source>
        <translation>Errors in the file: {errors} (rows: {rows}). Nothing was imported; correct them and import again.</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>错误原因</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>只导入正确的行，错误行另存…</source>
        <translation>Import only the correct rows, save the bad rows…</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>导入会员名册 — {name}</source>
        <translation>Import roster — {name}</translation>
    </message>
    <message>
        <source>按文件标题中的单位</source>
        <translation>The unit in the file&apos;s title</translation>
    </message>
    <message>
        <source>导入(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导入到(&amp;U)：</source>
        <translation>Import &amp;into:</translation>
    </message>
    <message>
        <source>文件中表头以下共 {n} 行（含合计、制表人等表尾，导入时跳过并说明）；下面是前 {shown} 行。</source>
        <translation>{n} rows below the header (footers such as totals and signatures included; the import skips them and says so); the first {shown} are shown below.</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>编辑会员</source>
        <translation>Edit Member</translation>
    </message>
    <message>
        <source>新增会员</source>
        <translation>New Member</translation>
    </message>
    <message>
        <source>18 位，末位可为 X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <source>在职</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>退休</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>离职</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>正式职工</source>
        <translation>Regular staff</translation>
    </message>
    <message>
        <source>合同制职工</source>
        <translation>Contract staff</translation>
    </message>
    <message>
        <source>临时职工</source>
        <translation>Temporary staff</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <source>如 2015-03-01，可不填</source>
        <translation>e.g. 2015-03-01, optional</translation>
    </message>
    <message>
        <source>劳模</source>
        <translation>Model worker</translation>
    </message>
    <message>
        <source>特困</source>
        <translation>Hardship</translation>
    </message>
    <message>
        <source>参加城镇职工基本医疗保险</source>
        <translation>Has basic medical insurance</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose one)</translation>
    </message>
    <message>
        <source>调动到其他单位请用会员名册的“调动单位”</source>
        <translation>To move the member to another unit, use “Move to Unit” in the roster</translation>
    </message>
    <message>
        <source>所在单位(&amp;U)：</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>身份证号码(&amp;I)：</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>性别 / 出生日期：</source>
        <translation>Gender / date of birth:</translation>
    </message>
    <message>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>医保卡号：</source>
        <translation>Medical insurance card:</translation>
    </message>
    <message>
        <source>社保卡号：</source>
        <translation>Social security card:</translation>
    </message>
    <message>
        <source>京卡号：</source>
        <translation>Jingka card:</translation>
    </message>
    <message>
        <source>开户银行：</source>
        <translation>Bank:</translation>
    </message>
    <message>
        <source>银行账号：</source>
        <translation>Bank account:</translation>
    </message>
    <message>
        <source>在职状态：</source>
        <translation>Employment:</translation>
    </message>
    <message>
        <source>聘用期：</source>
        <translation>Engagement:</translation>
    </message>
    <message>
        <source>用工形式：</source>
        <translation>Engagement type:</translation>
    </message>
    <message>
        <source>入会日期：</source>
        <translation>Union member since:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Categories:</translation>
    </message>
    <message>
        <source>关系（配偶/子女）</source>
        <translation>Relation (spouse/child)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别、出生日期</source>
        <translation>Sex, date of birth</translation>
    </message>
    <message>
        <source>添加家属(&amp;F)</source>
        <translation>Add &amp;family member</translation>
    </message>
    <message>
        <source>删除家属</source>
        <translation>Remove family member</translation>
    </message>
    <message>
        <source>家属（配偶、子女）：</source>
        <translation>Family members (spouse, children):</translation>
    </message>
    <message>
        <source>必填，最多 50 个字</source>
        <translation>Required, at most 50 characters</translation>
    </message>
    <message>
        <source>18 位公民身份号码：前 17 位为数字，末位为数字或 X，校验位须正确；全角数字、小写 x 和空格会自动规范。性别与出生日期由号码自动得出，不必填写；同一号码只能登记一名会员</source>
        <translation>18-character citizen ID number: 17 digits, then a digit or X, with a correct check character; full-width digits, a lower-case x and spaces are corrected automatically. Gender and date of birth come from the number and are not typed; a number can be registered for one member only</translation>
    </message>
    <message>
        <source>只能包含数字，可含“-”和“+”；可不填</source>
        <translation>Digits only, may contain “-” and “+”; optional</translation>
    </message>
    <message>
        <source>只能包含数字，可含“-”，空格自动去掉；可不填</source>
        <translation>Digits only, may contain “-”; spaces are removed; optional</translation>
    </message>
    <message>
        <source>日期格式 YYYY-MM-DD（也可写 2015/3/1 或 2015年3月1日），不能晚于今天；可不填</source>
        <translation>Date as YYYY-MM-DD (2015/3/1 also works), not after today; optional</translation>
    </message>
    <message>
        <source>每行一位家属：关系填“配偶”或“子女”，配偶只能登记一人；姓名必填；身份证号码须为有效的 18 位号码，不能与会员本人或其他家属相同</source>
        <translation>One family member per row: relation “spouse” or “child” (one spouse at most); name required; a valid 18-character ID number, different from the member&apos;s and from the other family members&apos;</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>{gender}&#x3000;{born}（{age} 岁）</source>
        <translation>{gender}  {born} (age {age})</translation>
    </message>
    <message>
        <source>配偶</source>
        <translation>spouse</translation>
    </message>
    <message>
        <source>子女</source>
        <translation>child</translation>
    </message>
    <message>
        <source>入会日期“{text}”不是有效日期，应如 2015-03-01</source>
        <translation>Union member since “{text}” is not a valid date; write it like 2015-03-01</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of Birth</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>医保卡号</source>
        <translation>Medical Card</translation>
    </message>
    <message>
        <source>社保卡号</source>
        <translation>Social Security Card</translation>
    </message>
    <message>
        <source>京卡号</source>
        <translation>Jingka Card</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>银行账号</source>
        <translation>Bank Account</translation>
    </message>
    <message>
        <source>在职状态</source>
        <translation>Employment</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Categories</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>在职</source>
        <translation>In service</translation>
    </message>
    <message>
        <source>退休</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>离职</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>劳模</source>
        <translation>Model worker</translation>
    </message>
    <message>
        <source>特困</source>
        <translation>Hardship</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>RosterFiles</name>
    <message>
        <source>正在导入名册…</source>
        <translation>Importing the roster…</translation>
    </message>
    <message>
        <source>已导入 {n} 人到 {unit}。</source>
        <translation>Members imported into {unit}: {n}.</translation>
    </message>
    <message>
        <source>另有 {n} 行有误未导入</source>
        <translation>Rows with errors, not imported: {n}</translation>
    </message>
    <message>
        <source>，已另存为 {path}</source>
        <translation>; they were saved as {path}</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import Complete</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>已取消，未导入任何数据</source>
        <translation>Cancelled; nothing was imported</translation>
    </message>
    <message>
        <source>错误行另存为</source>
        <translation>Save Bad Rows As</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>导入失败</source>
        <translation>Import Failed</translation>
    </message>
    <message>
        <source>{unit}（{code}）</source>
        <translation>{unit} ({code})</translation>
    </message>
    <message>
        <source>导入会员名册</source>
        <translation>Import Roster</translation>
    </message>
    <message>
        <source>名册文件 (*.xlsx *.xls *.ods *.csv *.txt);;所有文件 (*)</source>
        <translation>Rosters (*.xlsx *.xls *.ods *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>正在导出名册…</source>
        <translation>Exporting the roster…</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export Failed</translation>
    </message>
    <message>
        <source>已导出 {n} 人到 {path}</source>
        <translation>Members exported to {path}: {n}</translation>
    </message>
    <message>
        <source>人数超过 Excel 每个工作表 1,048,576 行的上限，已分为 {n} 个文件：{names}</source>
        <translation>More members than the 1,048,576 rows an Excel worksheet holds: the roster is split over {n} files: {names}</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export Complete</translation>
    </message>
    <message>
        <source>人员手册格式（序号、姓名、性别、身份证、医保卡号）</source>
        <translation>Personnel roster layout (no., name, gender, ID number, medical card)</translation>
    </message>
    <message>
        <source>全部字段</source>
        <translation>All fields</translation>
    </message>
    <message>
        <source>导出名册</source>
        <translation>Export Roster</translation>
    </message>
    <message>
        <source>格式：</source>
        <translation>Layout:</translation>
    </message>
    <message>
        <source>人员手册</source>
        <translation>personnel-roster</translation>
    </message>
    <message>
        <source>会员名册</source>
        <translation>member-roster</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>all-units</translation>
    </message>
    <message>
        <source>导出会员名册</source>
        <translation>Export Roster</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <source>新增单位</source>
        <translation>New Unit</translation>
    </message>
    <message>
        <source>编辑单位</source>
        <translation>Edit Unit</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>搜索：姓名、拼音首字母、身份证号任意 4 位以上、电话或卡号（Ctrl+F）</source>
        <translation>Search: name, pinyin initials, any 4+ digits of the ID number, phone or card number (Ctrl+F)</translation>
    </message>
    <message>
        <source>新增会员(&amp;A)</source>
        <translation>&amp;Add Member</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>调动单位(&amp;M)</source>
        <translation>&amp;Move to Unit</translation>
    </message>
    <message>
        <source>标记离职(&amp;L)</source>
        <translation>Mark as &amp;Left</translation>
    </message>
    <message>
        <source>导入 Excel(&amp;I)…</source>
        <translation>&amp;Import Excel…</translation>
    </message>
    <message>
        <source>导出 Excel(&amp;X)…</source>
        <translation>E&amp;xport Excel…</translation>
    </message>
    <message>
        <source>当前角色无权修改会员名册</source>
        <translation>Your role may not change the roster</translation>
    </message>
    <message>
        <source>全部单位（{n} 人）</source>
        <translation>All units ({n})</translation>
    </message>
    <message>
        <source>{unit}（{n} 人）</source>
        <translation>{unit} ({n})</translation>
    </message>
    <message>
        <source>单位编码 {code}</source>
        <translation>Unit code {code}</translation>
    </message>
    <message>
        <source>共 {total} 人，显示 {shown} 人</source>
        <translation>Members: {total}, shown: {shown}</translation>
    </message>
    <message>
        <source>（请至少输入 4 位数字或 2 个拼音首字母再搜索）</source>
        <translation> (type at least 4 digits or 2 pinyin initials to search)</translation>
    </message>
    <message>
        <source>没有找到“{text}”</source>
        <translation>Nobody found for “{text}”</translation>
    </message>
    <message>
        <source> 等 {n} 个单位</source>
        <translation> and others ({n} units)</translation>
    </message>
    <message>
        <source>：本单位没有，{units} 有符合的会员（选择“全部单位”可查看）</source>
        <translation>: not in this unit, but in {units} (choose “All units” to see them)</translation>
    </message>
    <message>
        <source>请先在左侧选择一个单位</source>
        <translation>First choose a unit on the left</translation>
    </message>
    <message>
        <source>新增会员</source>
        <translation>New Member</translation>
    </message>
    <message>
        <source>修改会员 {name} 的资料</source>
        <translation>Edited the details of member {name}</translation>
    </message>
    <message>
        <source>编辑会员</source>
        <translation>Edit Member</translation>
    </message>
    <message>
        <source>请先选择一名会员</source>
        <translation>First choose a member</translation>
    </message>
    <message>
        <source>调动 {name} 的单位</source>
        <translation>Moved {name} to another unit</translation>
    </message>
    <message>
        <source>调动单位</source>
        <translation>Move to Unit</translation>
    </message>
    <message>
        <source>{unit}（{code}）</source>
        <translation>{unit} ({code})</translation>
    </message>
    <message>
        <source>请先点“新增单位”登记会员所在的单位</source>
        <translation>First add the member&apos;s unit with “New Unit”</translation>
    </message>
    <message>
        <source>请选择会员所在的单位</source>
        <translation>Choose the member&apos;s unit</translation>
    </message>
    <message>
        <source>调往：</source>
        <translation>Move to:</translation>
    </message>
    <message>
        <source>将 {name} 标记为离职</source>
        <translation>Marked {name} as having left</translation>
    </message>
    <message>
        <source>标记离职</source>
        <translation>Mark as Left</translation>
    </message>
    <message>
        <source>“{text}”不是有效日期，应如 2026-01-31</source>
        <translation>“{text}” is not a valid date; write it like 2026-01-31</translation>
    </message>
    <message>
        <source>标记 {name}（身份证 {number}）离职，离职日期：</source>
        <translation>Mark {name} (ID {number}) as having left, on:</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>编辑单位</source>
        <translation>Edit Unit</translation>
    </message>
    <message>
        <source>新增单位</source>
        <translation>New Unit</translation>
    </message>
    <message>
        <source>已建立工会</source>
        <translation>Has a union</translation>
    </message>
    <message>
        <source>向上级上解工会经费</source>
        <translation>Remits union funds to the higher union</translation>
    </message>
    <message>
        <source>必填；前后空格自动去掉；不能与其他单位的编码相同</source>
        <translation>Required; surrounding spaces are removed; must differ from every other unit&apos;s code</translation>
    </message>
    <message>
        <source>必填；前后空格自动去掉</source>
        <translation>Required; surrounding spaces are removed</translation>
    </message>
    <message>
        <source>单位职工总人数，不能为负数</source>
        <translation>All staff of the unit; not negative</translation>
    </message>
    <message>
        <source>在职人数，不能为负数，也不能多于职工总数</source>
        <translation>Staff in service; not negative and not more than all staff</translation>
    </message>
    <message>
        <source>单位编码(&amp;C)：</source>
        <translation>Unit &amp;code:</translation>
    </message>
    <message>
        <source>单位名称(&amp;N)：</source>
        <translation>Unit &amp;name:</translation>
    </message>
    <message>
        <source>工会主席：</source>
        <translation>Union chair:</translation>
    </message>
    <message>
        <source>主席联系方式：</source>
        <translation>Chair&apos;s phone:</translation>
    </message>
    <message>
        <source>经办人：</source>
        <translation>Handler:</translation>
    </message>
    <message>
        <source>经办人联系方式：</source>
        <translation>Handler&apos;s phone:</translation>
    </message>
    <message>
        <source>地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>职工总数：</source>
        <translation>All staff:</translation>
    </message>
    <message>
        <source>在职人数：</source>
        <translation>In service:</translation>
    </message>
</context>
</TS>
